"""The About dialog: version from the package metadata, components and licences, translated."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.ui.about_dialog import AboutDialog
from workbench.ui.i18n import Translations
from workbench.ui.ops import Lanes


@pytest.fixture
def lanes() -> Iterator[Lanes]:
    made = Lanes()
    yield made
    made.wait()


def _dialog(qtbot: QtBot, lanes: Lanes) -> AboutDialog:
    dialog = AboutDialog(None, lanes.net)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=30_000)
    return dialog


def test_about_lists_components_and_shows_the_qt_licence(
    qtbot: QtBot, qapp: QApplication, lanes: Lanes
) -> None:
    dialog = _dialog(qtbot, lanes)
    assert version("shop-workbench") in dialog.version.text()
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert any(name.startswith("PySide6") for name in names), names
    qt_row = next(row for row, name in enumerate(names) if name.startswith("Qt "))
    assert dialog.table.item(qt_row, 2).text() == "LGPL-3.0-only"
    dialog.table.selectRow(qt_row)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.texts.toPlainText()
    assert "LGPL" in dialog.qt_note.text()


def test_about_speaks_chinese(
    qtbot: QtBot, qapp: QApplication, lanes: Lanes, translations: Translations
) -> None:
    translations.apply("zh_CN")
    dialog = _dialog(qtbot, lanes)
    assert dialog.windowTitle() == "关于小店工作台"
    assert dialog.table.horizontalHeaderItem(2).text() == "许可证"
    assert "替换" in dialog.qt_note.text()
