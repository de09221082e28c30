"""The Settings page: values round-trip to the file, a bad server is refused inline, live language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from workbench.settings import Settings
from workbench.ui.i18n import Translations
from workbench.ui.pages.settings_page import SettingsPage


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(tmp_path / "config" / "settings.json")


@pytest.fixture
def page(qtbot: QtBot, settings: Settings) -> SettingsPage:
    widget = SettingsPage(settings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _on_disk(settings: Settings) -> dict[str, Any]:
    values: dict[str, Any] = json.loads(settings.path.read_text(encoding="utf-8"))["values"]
    return values


def _pick(box: Any, value: str) -> None:
    box.setCurrentIndex(box.findData(value))


def test_shows_the_saved_values(qtbot: QtBot, settings: Settings) -> None:
    settings.set("theme", "dark")
    settings.set("sync_interval_minutes", 42)
    settings.set("server_url", "https://shop.example.com")
    page = SettingsPage(settings)
    qtbot.addWidget(page)
    assert page.theme_box.currentData() == "dark"
    assert page.interval_box.value() == 42
    assert page.server_edit.text() == "https://shop.example.com"
    assert not page.apply_button.isEnabled()  # nothing to apply yet


def test_apply_saves_and_signals(
    qtbot: QtBot, page: SettingsPage, settings: Settings, tmp_path: Path
) -> None:
    page.interval_box.setValue(30)
    page.server_edit.setText("  HTTPS://Shop.Example.com/ ")
    page.data_dir_edit.setText(str(tmp_path / "bench data"))
    assert page.apply_button.isEnabled()
    with (
        qtbot.waitSignal(page.syncIntervalChanged) as interval,
        qtbot.waitSignal(page.serverChanged) as server,
    ):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert interval.args == [30]
    assert server.args == ["https://shop.example.com"]
    assert page.server_edit.text() == "https://shop.example.com"  # shown normalised
    assert page.status.text()
    assert not page.apply_button.isEnabled()

    saved = _on_disk(settings)
    assert saved["sync_interval_minutes"] == 30
    assert saved["server_url"] == "https://shop.example.com"
    assert saved["data_directory"] == str(tmp_path / "bench data")
    again = Settings.load(settings.path)
    assert again.get("sync_interval_minutes") == 30


def test_loopback_http_is_allowed(qtbot: QtBot, page: SettingsPage, settings: Settings) -> None:
    page.server_edit.setText("http://127.0.0.1:8765")
    assert page.apply()
    assert _on_disk(settings)["server_url"] == "http://127.0.0.1:8765"
    assert not page.server_error.isVisible()


@pytest.mark.parametrize(
    ("url", "words"),
    [("http://shop.example.com", "https://"), ("ftp://shop.example.com", "not a server address")],
)
def test_a_bad_server_is_refused_inline_and_nothing_is_saved(
    qtbot: QtBot, page: SettingsPage, settings: Settings, url: str, words: str
) -> None:
    page.interval_box.setValue(17)
    page.server_edit.setText(url)
    with (
        qtbot.assertNotEmitted(page.serverChanged),
        qtbot.assertNotEmitted(page.syncIntervalChanged),
    ):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert page.server_error.isVisible()
    assert words in page.server_error.text()
    assert "color" in page.server_error.styleSheet()
    assert not settings.path.exists()
    assert settings.get("sync_interval_minutes") == 5

    page.server_edit.setText("https://shop.example.com")  # editing clears the error
    assert not page.server_error.isVisible()


def test_a_relative_data_folder_is_refused(page: SettingsPage, settings: Settings) -> None:
    page.data_dir_edit.setText("relative/folder")
    assert not page.apply()
    assert page.data_dir_error.isVisible()
    assert not settings.path.exists()


def test_revert_drops_unsaved_edits(qtbot: QtBot, page: SettingsPage) -> None:
    page.interval_box.setValue(99)
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.interval_box.value() == 5
    assert not page.has_pending_changes()


def test_theme_applies_at_once(qtbot: QtBot, page: SettingsPage, settings: Settings) -> None:
    with qtbot.waitSignal(page.themeChanged) as blocker:
        _pick(page.theme_box, "dark")
    assert blocker.args == ["dark"]
    assert _on_disk(settings)["theme"] == "dark"


def test_choose_opens_a_folder_picker(qtbot: QtBot, page: SettingsPage, tmp_path: Path) -> None:
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    dialog = page.directory_dialog
    assert dialog is not None and dialog.isVisible()  # open(), not exec(): the test goes on
    dialog.fileSelected.emit(str(tmp_path))
    dialog.reject()
    assert page.data_dir_edit.text() == str(tmp_path)
    assert page.directory_dialog is None
    assert "restart" in page.restart_note.text()


def test_language_switches_live(
    qtbot: QtBot, page: SettingsPage, settings: Settings, translations: Translations
) -> None:
    page.languageChanged.connect(translations.apply)
    assert page.language_label.text() == "&Language"
    with qtbot.waitSignal(page.languageChanged) as blocker:
        _pick(page.language_box, "zh_CN")
    assert blocker.args == ["zh_CN"]
    assert _on_disk(settings)["language"] == "zh_CN"
    chinese = QCoreApplication.translate("SettingsPage", "&Language")
    assert chinese != "&Language"
    qtbot.waitUntil(lambda: page.language_label.text() == chinese)
    assert page.apply_button.text() == QCoreApplication.translate("SettingsPage", "&Apply")
    assert page.language_box.itemText(2) == "English"  # language names stay in their own language

    page.server_edit.setText("http://shop.example.com")
    page.apply()
    assert page.server_error.text() != "" and "Plain" not in page.server_error.text()

    _pick(page.language_box, "en")
    qtbot.waitUntil(lambda: page.language_label.text() == "&Language")
    assert "Plain http://" in page.server_error.text()  # the inline error follows the language
