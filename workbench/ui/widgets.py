"""Small widgets every page uses the same way."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QComboBox, QLabel, QStackedWidget, QWidget

PAGE_MARGINS = (24, 20, 24, 16)
"""Around every page of the rail (left, top, right, bottom): its title stays put from page to
page."""


def page_title() -> QLabel:
    """The large bold title at the top of a page."""
    title = QLabel()
    title.setObjectName("pageTitle")
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    title.setFont(font)
    return title


def state_line(name: str) -> QLabel:
    """The centred, word-wrapped line a list shows instead of rows ("Reading…", "No …"),
    named ``<name>State``."""
    state = QLabel()
    state.setObjectName(f"{name}State")
    state.setWordWrap(True)
    state.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return state


class TableOrState(QStackedWidget):
    """A table, or in its place its state line (:func:`state_line`) while it has no rows, so
    an empty list says why instead of showing an empty frame."""

    def __init__(self, table: QWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.state = state_line(name)
        self.addWidget(table)
        self.addWidget(self.state)

    def say(self, text: str) -> None:
        """Show ``text`` instead of the table (an empty text: the table)."""
        self.state.setText(text)
        self.setCurrentWidget(self.state if text else self.table)

    def saying(self) -> str:
        """The state line shown (empty while the table is)."""
        return self.state.text() if self.currentWidget() is self.state else ""


def number(value: int) -> str:
    """A whole number as the interface's language writes it ("20,000"), like Qt's ``%Ln``."""
    return QLocale().toString(int(value))


def combo_box() -> QComboBox:
    """A combo box as wide as its longest entry in the language shown now: its width follows
    its entries when a language switch re-fills them (Qt's default keeps the width it had when
    first shown, which cut "Content due soonest" to "Content due soone" after 中文 → English)."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


def fill_combo(box: QComboBox, entries: list[tuple[str, Any]]) -> None:
    """(Re)fill a combo box with (text, data) entries, keeping its current choice (by data; the
    first entry when that is gone), without emitting a change (a language switch re-fills)."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for text, data in entries:
        box.addItem(text, data)
    found = box.findData(current) if current is not None else -1
    box.setCurrentIndex(max(found, 0))
    box.blockSignals(False)


class Retranslating:
    """Mixin (first base) for a widget with a ``retranslate()`` that sets its texts: Qt sends
    every widget a LanguageChange event when a translator is installed or removed, and this
    calls ``retranslate()`` on it, so a language switch takes effect live."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        parent: Any = super()
        parent.changeEvent(event)


class ClickableLabel(QLabel):
    """A label that acts like a link: ``clicked`` on a left click (and Enter or Space when it has
    the focus), with a hand cursor."""

    clicked = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
