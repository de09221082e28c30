"""Editors of the listings table's cells: a date-and-time editor with a calendar for the
schedule (start, end), a plain line editor for the texts. The value goes to the model's
``setData``, which asks the view to queue it (checked first: end after start)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDateTime, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workbench.ui.channels.listings_model import COLUMNS

Index = QModelIndex | QPersistentModelIndex
DATES = frozenset({"start", "end"})


class ListingsDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if COLUMNS[index.column()] not in DATES:
            return super().createEditor(parent, option, index)
        editor = QDateTimeEdit(parent)
        editor.setObjectName("scheduleEditor")
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QDateTimeEdit):
            value = index.data(Qt.ItemDataRole.EditRole)
            now = QDateTime.currentDateTime()
            editor.setDateTime(value if isinstance(value, QDateTime) else now)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QDateTimeEdit):
            value: Any = editor.dateTime()
            model.setData(index, value, Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
