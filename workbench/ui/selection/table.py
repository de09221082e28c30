"""The selection center's product table view, keyboard first (moved out of ``page.py``)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView


class ProductTable(QTableView):
    """The table, keyboard first: arrows move, Space toggles the row, Enter opens details."""

    detailsRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                            Qt.KeyboardModifier.ControlModifier):  # fmt: skip
            current = self.currentIndex()
            if current.isValid():
                flags = (
                    QItemSelectionModel.SelectionFlag.Toggle
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                self.selectionModel().select(current, flags)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.detailsRequested.emit()
            return
        super().keyPressEvent(event)
