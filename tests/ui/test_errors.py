"""The log file (secrets masked) and the one error dialog for unexpected exceptions."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.ui import errors
from workbench.ui.errors import (
    ErrorDialog,
    current_dialog,
    install_excepthook,
    mask_secrets,
    report,
    setup_logging,
    stop_logging,
    uninstall_excepthook,
)
from workbench.ui.i18n import Translations


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        ("Authorization: Bearer eyJhbGciOi.J9.abc-_x=", "eyJhbGciOi", "Authorization"),
        ("headers={'authorization': 'Bearer s3cr3t'}", "s3cr3t", "headers"),
        ("login bob password=hunter2 ok", "hunter2", "login bob"),
        ("{'password': 'two words', 'login': 'bob'}", "two words", "'login': 'bob'"),
        ('{"refresh_token": "rt-123", "access_token":"at-456"}', "rt-123", '"refresh_token"'),
        ('{"refresh_token": "rt-123", "access_token":"at-456"}', "at-456", '"access_token"'),
        ("GET /v1/x?access_token=abc123&page=2", "abc123", "page=2"),
        ("client_secret: zzz", "zzz", "client_secret"),
    ],
)
def test_mask_secrets(text: str, secret: str, kept: str) -> None:
    masked = mask_secrets(text)
    assert secret not in masked
    assert kept in masked
    assert "***" in masked


def test_mask_secrets_leaves_ordinary_text_alone() -> None:
    text = "the refresh token expired; 请重新登录 (password reset needed)"
    assert mask_secrets(text) == text


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    path = setup_logging(tmp_path / "data")
    yield path
    stop_logging()


def _log_text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_setup_logging_writes_a_rotating_utf8_file_without_secrets(
    tmp_path: Path, log_path: Path
) -> None:
    assert log_path == tmp_path / "data" / "logs" / "workbench.log"
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler))
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)

    log = logging.getLogger("workbench.test")
    log.info("signed in as 小王 with password=%s", "hunter2")
    try:
        raise RuntimeError("refused: {'access_token': 'at-999'}")
    except RuntimeError:
        log.exception("call failed, Authorization: Bearer tok-777")
    text = _log_text(log_path)
    assert "signed in as 小王 with password=***" in text
    assert "Traceback" in text and "RuntimeError" in text
    for secret in ("hunter2", "at-999", "tok-777"):
        assert secret not in text


@pytest.fixture
def hook(qapp: QApplication) -> Iterator[None]:
    install_excepthook(lambda: None)
    yield
    dialog = current_dialog()
    if dialog is not None:
        dialog.reject()
    uninstall_excepthook()


def _raise_in_slot(message: str) -> None:
    def boom() -> None:
        raise RuntimeError(message)

    QTimer.singleShot(0, boom)


def _open_dialogs() -> list[ErrorDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()
    ]


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("hook")
def test_errors_show_in_one_dialog_and_reach_the_log(qtbot: QtBot, log_path: Path) -> None:
    _raise_in_slot("first failure")
    qtbot.waitUntil(lambda: current_dialog() is not None)
    dialog = current_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.error_count == 1
    assert "RuntimeError: first failure" in dialog.details_text()
    assert "Traceback" in dialog.details_text()
    assert dialog.message.text()  # a readable message above the details

    # A second error while the dialog is open is appended, not a second window.
    sys.excepthook(ValueError, ValueError("second failure"), None)
    qtbot.waitUntil(lambda: dialog.error_count == 2)
    assert current_dialog() is dialog
    assert "ValueError: second failure" in dialog.details_text()
    assert "first failure" in dialog.details_text()
    assert _open_dialogs() == [dialog]
    assert "2" in dialog.message.text()

    text = _log_text(log_path)
    assert "RuntimeError: first failure" in text and "Traceback" in text
    assert "second failure" in text
    assert str(log_path) in dialog.message.text()


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("hook")
def test_copy_puts_the_details_on_the_clipboard(qtbot: QtBot) -> None:
    report(_caught(KeyError("copy me")))
    qtbot.waitUntil(lambda: current_dialog() is not None)
    dialog = current_dialog()
    assert dialog is not None
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "KeyError: 'copy me'" in copied
    assert copied == dialog.details_text()
    assert "in _caught" in copied  # report() keeps the traceback of the exception


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("hook")
def test_errors_in_threads_reach_the_dialog_on_the_gui_thread(qtbot: QtBot) -> None:
    def boom() -> None:
        raise OSError("disk gone")

    worker = threading.Thread(target=boom, name="worker-1")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: current_dialog() is not None)
    dialog = current_dialog()
    assert dialog is not None
    assert "OSError: disk gone" in dialog.details_text()


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("hook")
def test_closing_the_dialog_lets_the_next_error_open_a_new_one(qtbot: QtBot) -> None:
    report(_caught(RuntimeError("one")))
    qtbot.waitUntil(lambda: current_dialog() is not None)
    first = current_dialog()
    assert first is not None
    with qtbot.waitSignal(first.finished):
        first.reject()
    assert current_dialog() is None
    report(_caught(RuntimeError("two")))
    qtbot.waitUntil(lambda: current_dialog() is not None)
    second = current_dialog()
    assert second is not None and second.error_count == 1
    assert "RuntimeError: two" in second.details_text()
    assert "RuntimeError: one" not in second.details_text()


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("hook")
def test_the_dialog_follows_a_language_change(qtbot: QtBot, translations: Translations) -> None:
    report(_caught(RuntimeError("x")))
    qtbot.waitUntil(lambda: current_dialog() is not None)
    dialog = current_dialog()
    assert dialog is not None
    assert dialog.windowTitle() == "Unexpected error"
    translations.apply("zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() != "Unexpected error")
    assert dialog.copy_button.text() != "Copy"


def test_keyboard_interrupt_goes_to_the_default_hook(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "__excepthook__", lambda t, v, tb: seen.append(t))
    errors._excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]


def _caught(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught
