"""CSV export from the selection center: one run at a time, with a cancellable progress dialog
(``ui.file_export.FileExport``).

The work runs on the shared reader's background lane (``Reader.background``), so the table and its
counts stay live; rows selected but not read yet are read by the export job itself. Closing the
app or switching accounts cancels a running export (nothing is written: ``store/export.py``
writes a temp file and renames it only when complete).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from workbench.core.enums import ProductStatus
from workbench.store import products
from workbench.store.products import ProductFilter
from workbench.ui.file_export import FileExport, Progress
from workbench.ui.reader import Reader
from workbench.ui.selection.columns import guarantee_names, status_text

if TYPE_CHECKING:
    from workbench.store.cache import Cache


class CsvExporter(QObject):
    """Runs exports for a page (``ui.file_export.FileExport``); ``finished(render)`` says how
    one ended (``render()``: the message in the interface's language)."""

    finished = Signal(object)

    def __init__(self, reader: Reader, parent: QWidget) -> None:
        super().__init__(parent)
        self.runner = FileExport(reader, parent)
        self.runner.finished.connect(self.finished)

    @property
    def running(self) -> bool:
        return self.runner.running is not None

    def start(
        self, path: Path, f: ProductFilter, ranges: list[tuple[int, int]], whole: bool
    ) -> None:
        """Export rows ``ranges`` of ``f``'s result (``whole``: all of it, in the filter's order)."""
        from workbench.store import export

        headers, statuses, guarantees = self.texts()

        def job(cache: Cache, progress: Progress, cancel: threading.Event) -> int:
            ids = None
            if not whole:
                ids = [
                    pid
                    for start, end in ranges
                    for pid in products.ids(cache, f, start, end - start)
                ]
            return export.export_csv(cache, path, product_ids=ids, f=f if whole else None, headers=headers,
                                     statuses=statuses, guarantees=guarantees, progress=progress,
                                     cancel=cancel)  # fmt: skip

        self.runner.start(
            self.tr("Exporting products…"),
            job,
            lambda rows: self.tr("Exported %Ln product(s) to %1.", "", rows).replace(
                "%1", str(path)
            ),
            total=sum(end - start for start, end in ranges),
        )

    def stop(self, *, cancel: bool = False) -> None:
        """Close the progress dialog (``cancel``: and stop the export at its next chunk)."""
        self.runner.stop(cancel=cancel)

    def texts(self) -> tuple[dict[str, str], dict[str, str], Callable[[int], str]]:
        """The CSV's header row (with units), status words and guarantee names: all in the
        interface language (made here, on the GUI thread), so a file is in one language."""
        headers = {
            "id": self.tr("Product ID"),
            "title": self.tr("Title"),
            "shop": self.tr("Shop"),
            "category": self.tr("Category"),
            "price": self.tr("Price (CNY)"),
            "commission_rate": self.tr("Commission rate (%)"),
            "commission_per_sale": self.tr("Commission per sale (CNY)"),
            "monthly_sales": self.tr("Monthly sales"),
            "stock": self.tr("Stock"),
            "guarantees": self.tr("Guarantees"),
            "status": self.tr("Status"),
        }
        names = [(flag.value, name) for flag, name in guarantee_names().items()]
        joiner = QCoreApplication.translate("ProductColumns", ", ")

        @functools.lru_cache(maxsize=256)
        def guarantees(flags: int) -> str:
            return joiner.join(name for bit, name in names if flags & bit)

        statuses = {status.value: status_text(status.value) for status in ProductStatus}
        return headers, statuses, guarantees
