"""The range filters' pop-ups (issue 12): Tab moves from "From" to "To" inside the pop-up, and a
two-line error is shown whole, the pop-up growing with it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.ui.selection.filter_bar import FilterBar


def _open(qtbot: QtBot, key: str) -> FilterBar:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.resize(900, 120)
    bar.show()
    qtbot.waitExposed(bar)
    menu = bar.range_buttons[key].menu()
    assert menu is not None
    menu.popup(bar.mapToGlobal(QPoint(0, 40)))
    qtbot.waitUntil(lambda: bar.range_editors[key].low.hasFocus())
    return bar


def test_tab_moves_from_the_minimum_to_the_maximum(qtbot: QtBot) -> None:
    bar = _open(qtbot, "price")
    editor, menu = bar.range_editors["price"], bar.range_buttons["price"].menu()
    qtbot.keyClicks(editor.low, "10")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.high
    qtbot.keyClicks(QApplication.focusWidget(), "20")
    assert editor.high.text() == "20"  # the typing went to "To", not lost in the menu
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is editor.low
    qtbot.keyClick(editor.low, Qt.Key.Key_Return)
    assert (bar.filter.price_min_fen, bar.filter.price_max_fen) == (1000, 2000)
    assert menu is not None and not menu.isVisible()


def test_a_two_line_error_is_shown_whole(qtbot: QtBot) -> None:
    bar = _open(qtbot, "price")
    editor, menu = bar.range_editors["price"], bar.range_buttons["price"].menu()
    assert menu is not None
    editor.low.setText("abc")
    editor.apply()
    error = editor.error
    assert error.isVisible()
    needed = error.heightForWidth(error.width())
    assert needed > error.fontMetrics().height() * 1.5  # it does take two lines
    assert error.height() >= needed  # not clipped
    bottom = error.mapTo(menu, QPoint(0, error.height())).y()
    assert bottom <= menu.height()  # and the pop-up is tall enough to show it
    assert bar.filter.price_min_fen is None  # nothing applied
