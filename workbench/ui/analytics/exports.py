"""The 数据 page's file exports off the GUI thread: a figure table's CSV and the commission
ledger's PDF (佣金对账单), on the shared reader's background lane like the selection center's
CSV export, with a progress dialog whose Cancel stops the write between chunks (CSV) or pages
(PDF).

What is exported is taken on the GUI thread (the table's cells in their shown order, the
ledger as HTML): a plain snapshot the job writes while the page stays live. Files are written
to a temporary name and renamed into place only when complete, so a cancel or an error leaves
the target as it was. :func:`write_csv` and :func:`write_pdf` are the jobs; :class:`FileExport`
runs one at a time and says how it ended (``finished(message)``).
"""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.store.export import ExportCancelled

if TYPE_CHECKING:
    from workbench.ui.reader import Reader

Progress = Callable[[int, int], None]
CHUNK = 2000  # CSV rows between two looks at the cancel flag


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.part")


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled


def write_csv(
    rows: Sequence[Sequence[str]],
    path: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """``rows`` (the header row first) as CSV, UTF-8 with BOM for spreadsheet apps; returns
    the data rows written. ``progress(done, total)`` after each chunk; ``cancel`` is looked at
    before each (then :class:`ExportCancelled`)."""
    temporary = _temporary(path)
    total = max(len(rows) - 1, 0)
    try:
        with temporary.open("x", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            for start in range(0, len(rows), CHUNK):
                _check(cancel)
                out.writerows(rows[start : start + CHUNK])
                if progress is not None:
                    progress(min(start + CHUNK, len(rows)) - 1, total)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return total


def write_pdf(
    html: str,
    title: str,
    path: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """``html`` laid out on A4 pages as a PDF (Chinese text in the system's CJK font, embedded
    by Qt); returns the pages. Any thread: QPdfWriter and QTextDocument paint no widget.
    ``progress(page, pages)`` after each page; ``cancel`` is looked at before each."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter, QTextDocument

    temporary = _temporary(path)
    try:
        writer = QPdfWriter(str(temporary))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(120)
        writer.setTitle(title)
        document = QTextDocument()
        document.setHtml(html)
        page = writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF()
        document.setPageSize(page)
        pages = document.pageCount()  # lays the document out
        painter = QPainter(writer)
        try:
            for number in range(pages):
                _check(cancel)
                if number:
                    writer.newPage()
                painter.save()
                painter.translate(QPointF(0, -number * page.height()))
                document.drawContents(painter, QRectF(QPointF(0, number * page.height()), page))
                painter.restore()
                if progress is not None:
                    progress(number + 1, pages)
        finally:
            painter.end()
        del writer  # flushes and closes the file
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return pages


class _Relay(QObject):
    """Carries an export's progress from the worker thread to the dialog."""

    moved = Signal(int, int)


class FileExport(QObject):
    """Runs one export at a time on the reader's background lane, with a progress dialog (shown
    after 300 ms) whose Cancel stops it; ``finished(message)`` says how it ended, in words, and
    ``written`` holds what the last one wrote (rows or pages)."""

    finished = Signal(str)

    def __init__(self, reader: Reader | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.reader = reader
        self.window = parent
        self.running: tuple[QProgressDialog, threading.Event] | None = None
        self.written: int | None = None

    def start(
        self,
        label: str,
        job: Callable[[Progress, threading.Event], int],
        done_text: Callable[[int], str],
    ) -> bool:
        """Run ``job(progress, cancel)``; False when no account is open or one is running."""
        if self.reader is None or self.running is not None:
            return False
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 1, self.window)
        dialog.setObjectName("analyticsExportProgress")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        cancel = threading.Event()
        relay = _Relay(dialog)

        def moved(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1) - 1))  # the end closes it, not a value

        relay.moved.connect(moved)
        dialog.canceled.connect(cancel.set)
        self.running = (dialog, cancel)
        self.written = None

        def done(count: int) -> None:
            self.stop()
            self.written = count
            self.finished.emit(done_text(count))

        def failed(exc: BaseException) -> None:
            self.stop()
            if isinstance(exc, ExportCancelled):
                self.finished.emit(self.tr("Export cancelled; no file was written."))
            else:
                self.finished.emit(
                    self.tr("The export failed, no file was written: %1").replace("%1", str(exc))
                )

        def run(_cache: Any) -> int:
            return job(relay.moved.emit, cancel)

        self.reader.background(run, done, failed)
        return True

    def stop(self, *, cancel: bool = False) -> None:
        """Close the progress dialog (``cancel``: and stop the export at its next chunk)."""
        if self.running is not None:
            dialog, event = self.running
            self.running = None
            if cancel:
                event.set()
            dialog.reset()
            dialog.close()
