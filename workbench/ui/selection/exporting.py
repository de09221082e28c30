"""CSV export from the selection center: one run at a time, with a cancellable progress dialog.

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

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.core.enums import ProductStatus
from workbench.store import products
from workbench.store.products import ProductFilter
from workbench.ui.reader import Reader
from workbench.ui.selection.columns import guarantee_names, status_text

if TYPE_CHECKING:
    from workbench.store.cache import Cache


class _Progress(QObject):
    """Carries an export's progress from its worker thread to the dialog."""

    moved = Signal(int, int)


class CsvExporter(QObject):
    """Runs exports for a page; ``finished(message)`` says how one ended, in words."""

    finished = Signal(str)

    def __init__(self, reader: Reader, parent: QWidget) -> None:
        super().__init__(parent)
        self.reader = reader
        self.window = parent
        self._running: tuple[QProgressDialog, threading.Event] | None = None

    @property
    def running(self) -> bool:
        return self._running is not None

    def start(
        self, path: Path, f: ProductFilter, ranges: list[tuple[int, int]], whole: bool
    ) -> None:
        """Export rows ``ranges`` of ``f``'s result (``whole``: all of it, in the filter's order)."""
        from workbench.store import export

        count = sum(end - start for start, end in ranges)
        dialog = QProgressDialog(
            self.tr("Exporting products…"), self.tr("Cancel"), 0, max(count, 1), self.window
        )
        dialog.setObjectName("exportProgress")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        cancel = threading.Event()
        relay = _Progress(dialog)

        def moved(done: int, all_rows: int) -> None:
            dialog.setMaximum(max(all_rows, 1))
            dialog.setValue(done)

        relay.moved.connect(moved)
        dialog.canceled.connect(cancel.set)
        headers, statuses, guarantees = self.texts()
        self._running = (dialog, cancel)

        def job(cache: Cache) -> int:
            ids = None
            if not whole:
                ids = [
                    pid
                    for start, end in ranges
                    for pid in products.ids(cache, f, start, end - start)
                ]
            return export.export_csv(cache, path, product_ids=ids, f=f if whole else None, headers=headers,
                                     statuses=statuses, guarantees=guarantees, progress=relay.moved.emit,
                                     cancel=cancel)  # fmt: skip

        def done(rows: int) -> None:
            self.stop()
            self.finished.emit(
                self.tr("Exported %Ln product(s) to %1.", "", rows).replace("%1", str(path))
            )

        def failed(exc: BaseException) -> None:
            self.stop()
            if isinstance(exc, export.ExportCancelled):
                self.finished.emit(self.tr("Export cancelled; no file was written."))
            else:
                self.finished.emit(
                    self.tr("The export failed, no file was written: %1").replace("%1", str(exc))
                )

        self.reader.background(job, done, failed)

    def stop(self, *, cancel: bool = False) -> None:
        """Close the progress dialog (``cancel``: and stop the export at its next chunk)."""
        if self._running is not None:
            dialog, event = self._running
            self._running = None
            if cancel:
                event.set()
            dialog.reset()
            dialog.close()

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
