"""Writing a file off the GUI thread: one export at a time on the shared reader's background
lane, with a progress dialog whose Cancel stops the job between chunks (the job writes a
temporary file and renames it into place only when complete, so a cancel leaves nothing).
The selection center's CSV, the 数据 page's tables, its orders view's lines, the ledger's CSV
and PDF and the terms archive's files use it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.store.export import ExportCancelled

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.reader import Reader

Progress = Callable[[int, int], None]
Job = Callable[["Cache", Progress, threading.Event], int]


class _Relay(QObject):
    """Carries an export's progress from the worker thread to the dialog."""

    moved = Signal(int, int)


class FileExport(QObject):
    """Runs one export at a time on the reader's background lane, with a progress dialog (shown
    after 300 ms) whose Cancel stops it; ``finished(render)`` says how it ended: ``render()`` is
    the message in the interface's language at the time (``ActionMessage.say`` re-renders it
    on a language switch); ``written`` holds what the last one wrote (rows, products, pages)."""

    finished = Signal(object)

    def __init__(self, reader: Reader | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.reader = reader
        self.window = parent
        self.running: tuple[QProgressDialog, threading.Event] | None = None
        self.written: int | None = None

    def start(
        self,
        label: str,
        job: Job,
        done_text: Callable[[int], str],
        *,
        total: int = 1,
        name: str = "exportProgress",
    ) -> bool:
        """Run ``job(cache, progress, cancel)`` (``progress(done, total)`` from its thread; it
        raises :class:`ExportCancelled` once ``cancel`` is set); False when no account is open
        or an export is running. ``total``: the dialog's end until the job says."""
        if self.reader is None or self.running is not None:
            return False
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, max(total, 1), self.window)
        dialog.setObjectName(name)
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
            self.finished.emit(lambda: done_text(count))

        def failed(exc: BaseException) -> None:
            self.stop()
            if isinstance(exc, ExportCancelled):
                self.finished.emit(lambda: self.tr("Export cancelled; no file was written."))
            else:
                self.finished.emit(
                    lambda: self.tr("The export failed, no file was written: %1").replace(
                        "%1", str(exc)
                    )
                )

        def run(cache: Cache) -> int:
            return job(cache, relay.moved.emit, cancel)

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
