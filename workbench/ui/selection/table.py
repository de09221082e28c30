"""The selection center's product table view, keyboard first, and the rows selected in it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView

from workbench.ui.selection import columns
from workbench.ui.selection.delegate import HighlightDelegate
from workbench.ui.selection.model import PAGE, ProductTableModel

ROW_HEIGHT = 52
ICON = 44


class ProductTable(QTableView):
    """The table, keyboard first: arrows move, Space toggles the row, Enter opens details."""

    detailsRequested = Signal()

    def __init__(self, model: ProductTableModel) -> None:
        super().__init__()
        self.products = model
        self.setObjectName("productTable")
        self.setModel(model)
        self.setItemDelegate(HighlightDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setIconSize(QSize(ICON, ICON))
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setSectionResizeMode(vertical.ResizeMode.Fixed)
        vertical.hide()
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        columns.lay_out(header)

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

    def selected_ranges(self) -> list[tuple[int, int]]:
        """The selected rows as [start, end) ranges, in table order, overlaps merged (a range
        per row block, however many columns or Ctrl+clicks made it)."""
        selection = self.selectionModel().selection()
        spans = sorted((selection.at(i).top(), selection.at(i).bottom() + 1)
                       for i in range(selection.count()))  # fmt: skip
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def selected_ids_read(self) -> list[str] | None:
        """The selected products' ids if every selected row is read (None: some are not)."""
        ids: list[str] = []
        for start, end in self.selected_ranges():
            if end - start > PAGE * 10:
                return None
            for row in range(start, end):
                pid = self.products.product_id(row)
                if pid is None:
                    return None
                ids.append(pid)
        return ids

    def select_rows(self, rows: list[int]) -> None:
        """Select these rows (the first one current), nothing else."""
        model = self.selectionModel()
        model.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            model.select(self.model().index(row, 0), flags)
        if rows:
            model.setCurrentIndex(
                self.model().index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
