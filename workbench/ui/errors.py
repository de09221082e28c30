"""Logging to a file, and one readable dialog for errors nobody expected.

:func:`setup_logging` writes ``<data dir>/logs/workbench.log`` (rotating, 1 MB × 5, UTF-8) through
:class:`SecretFilter`, which masks bearer tokens and ``password`` / ``token`` values, so a log
a user sends us never carries a secret.

:func:`install_excepthook` catches what nothing else caught: exceptions on the GUI thread
(``sys.excepthook``; PySide6 sends exceptions raised in slots and event handlers there) and in
Python threads (``threading.excepthook``). Each is logged with its traceback and shown in one
:class:`ErrorDialog`; errors that arrive while it is open are appended to it rather than stacked
as new windows, and the app keeps running. The worker lanes pass their unhandled failures to
:func:`report`. The dialog is always shown from the event loop (a queued signal), never in the
middle of whatever raised, and with ``open()`` so tests can drive it.
"""

from __future__ import annotations

import logging
import platform
import re
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import workbench
from workbench.ui.widgets import Retranslating

log = logging.getLogger(__name__)

LOG_FILE_BYTES = 1_000_000
LOG_FILE_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

# -- secrets never reach the log ----------------------------------------------------------

_MASK = "***"
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9\-._~+/]+=*")
# A key that names a secret, then ":" or "=", then a quoted or bare value. Covers
# "password=x", 'token': 'x', "refresh_token": "x", Authorization: x, ?access_token=x&...
_SECRET_VALUE = re.compile(
    r"""(?ix)
    (?P<key>["']?[\w-]*(?:password|passwd|token|secret|authorization)[\w-]*["']?\s*[:=]\s*)
    (?:
        (?P<q>["'])(?P<quoted>.*?)(?P=q)
      | (?P<bare>[^\s"',;&}\])]+)
    )
    """
)


def _mask_value(match: re.Match[str]) -> str:
    quote = match.group("q")
    if quote:
        return f"{match.group('key')}{quote}{_MASK}{quote}"
    return f"{match.group('key')}{_MASK}"


def mask_secrets(text: str) -> str:
    """``text`` with bearer tokens and password / token values replaced by ``***``."""
    text = _BEARER.sub(rf"\g<1>{_MASK}", text)
    return _SECRET_VALUE.sub(_mask_value, text)


class SecretFilter(logging.Filter):
    """Masks secrets in a record's message, traceback and stack before any handler writes it."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_secrets(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True


_file_handler: RotatingFileHandler | None = None
_previous_level: int | None = None


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Log to ``<data_dir>/logs/workbench.log``; returns that path. Calling again moves the log."""
    global _file_handler, _previous_level
    stop_logging()
    path = data_dir / "logs" / "workbench.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(SecretFilter())
    root = logging.getLogger()
    _previous_level = root.level
    root.setLevel(level)
    root.addHandler(handler)
    _file_handler = handler
    return path


def log_file() -> Path | None:
    """The log file :func:`setup_logging` opened, if any."""
    return Path(_file_handler.baseFilename) if _file_handler is not None else None


def stop_logging() -> None:
    """Close the log file (at exit, and in tests)."""
    global _file_handler, _previous_level
    if _file_handler is None:
        return
    root = logging.getLogger()
    root.removeHandler(_file_handler)
    _file_handler.close()
    _file_handler = None
    if _previous_level is not None:
        root.setLevel(_previous_level)
        _previous_level = None


# -- the dialog ---------------------------------------------------------------------------


class ErrorDialog(Retranslating, QDialog):
    """One window for every unexpected error of the session: a message, details, Copy, Close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 420)
        self.error_count = 0

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit()
        self.details.setObjectName("errorDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setPlainText(_environment())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyDetails")
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def add_error(self, details: str) -> None:
        """Append one error's traceback to the details and update the message."""
        self.error_count += 1
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        self.details.appendPlainText(f"\n--- {stamp}\n{details.rstrip()}")
        self.retranslate()

    def details_text(self) -> str:
        return self.details.toPlainText()

    def copy_details(self) -> None:
        """Put the details on the clipboard, ready to paste into a message to support."""
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Copied"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Unexpected error"))
        headline = self.tr("%Ln unexpected error(s) occurred.", "", max(self.error_count, 1))
        body = self.tr(
            "The workbench is still running and you can go on working. If this keeps"
            " happening, press Copy and send the details to support."
        )
        path = log_file()
        if path is not None:
            body += " " + self.tr("The details are also in the log file %1.").replace(
                "%1", str(path)
            )
        self.message.setText(f"<b>{_escape(headline)}</b><br>{_escape(body)}")
        self.copy_button.setText(self.tr("Copy"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _environment() -> str:
    return (
        f"Shop Workbench {workbench.__version__}, Python {platform.python_version()},"
        f" Qt {qVersion()}, {platform.platform()}"
    )


# -- the hooks ----------------------------------------------------------------------------


class _Reporter(QObject):
    """Lives on the GUI thread; errors from any thread reach it through a queued signal."""

    error = Signal(str)

    def __init__(self, parent_window: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self.parent_window = parent_window
        self.dialog: ErrorDialog | None = None
        self.error.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, details: str) -> None:
        if self.dialog is None:
            self.dialog = ErrorDialog(self.parent_window())
            self.dialog.finished.connect(self._closed)
            self.dialog.add_error(details)
            self.dialog.open()
        else:
            self.dialog.add_error(details)

    def _closed(self) -> None:
        self.dialog = None


_reporter: _Reporter | None = None
_previous_hooks: tuple[object, object] | None = None


def install_excepthook(parent: Callable[[], QWidget | None]) -> None:
    """Log and show every uncaught exception; ``parent`` gives the window to show it over.

    Call on the GUI thread, after the QApplication exists.
    """
    global _reporter, _previous_hooks
    if _previous_hooks is None:
        _previous_hooks = (sys.excepthook, threading.excepthook)
    if _reporter is not None:  # installed again (a second window, a test): one reporter only
        _reporter.deleteLater()
    _reporter = _Reporter(parent)
    sys.excepthook = _excepthook
    threading.excepthook = _threading_excepthook


def uninstall_excepthook() -> None:
    """Put back the hooks that were there before (tests, and shutdown)."""
    global _reporter, _previous_hooks
    if _previous_hooks is not None:
        sys.excepthook, threading.excepthook = _previous_hooks  # type: ignore[assignment]
        _previous_hooks = None
    if _reporter is not None:
        _reporter.deleteLater()
        _reporter = None


def current_dialog() -> ErrorDialog | None:
    """The error dialog on screen, if one is."""
    return _reporter.dialog if _reporter is not None else None


def report(exc: BaseException) -> None:
    """Log ``exc`` and show it in the error dialog (for failures nobody handled, from any thread)."""
    _handle(type(exc), exc, exc.__traceback__, "")


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    _handle(exc_type, exc, tb, "")


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    if issubclass(args.exc_type, SystemExit):
        return
    exc = args.exc_value if args.exc_value is not None else args.exc_type()
    name = args.thread.name if args.thread is not None else "?"
    _handle(args.exc_type, exc, args.exc_traceback, f" in thread {name}")


def _handle(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str
) -> None:
    try:
        log.error("unexpected error%s", where, exc_info=(exc_type, exc, tb))
        details = mask_secrets("".join(traceback.format_exception(exc_type, exc, tb)))
        if _reporter is not None:
            _reporter.error.emit(details)
    except Exception:  # the hook must never raise: print both errors the plain way
        sys.__excepthook__(exc_type, exc, tb)
        traceback.print_exc()
