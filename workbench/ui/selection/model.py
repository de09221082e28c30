"""The product table's model: the filtered catalogue, read lazily off the GUI thread.

A :class:`~workbench.ui.paged_model.PagedModel` (the app's one lazy-table pattern): it never
holds the catalogue; the count comes from a count query on the background lane (so the first
rows are not kept waiting behind it), rows arrive in windows of :data:`PAGE` as the view paints
them, at most :data:`KEEP_PAGES` at a time, and an answer for an older filter is dropped. This
module says what a row shows in each role (title highlights, pending placements, greyed rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from workbench.store import product_page, products
from workbench.store.products import ProductFilter, Sort
from workbench.ui.paged_model import PagedModel
from workbench.ui.selection.columns import COLUMNS, IMAGE, TITLE, Column, alignment, column_for_sort

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.reader import Reader

PAGE = PagedModel.PAGE
KEEP_PAGES = 40  # 8,000 rows of dicts at most (~10 MB)

Index = QModelIndex | QPersistentModelIndex

SPANS_ROLE = Qt.ItemDataRole.UserRole + 1  # highlight spans of the cell's text


PENDING_COLOR = "#b26a00"  # amber: readable on light and dark bases


class ProductTableModel(PagedModel):
    """Lazy table over the filtered catalogue (see the module docstring)."""

    KEEP_PAGES = KEEP_PAGES
    IMAGE_IS_KEY = True  # a row's key is its product id

    def __init__(self, reader: Reader, thumbnails: Any = None, parent: Any = None) -> None:
        super().__init__(reader, thumbnails, parent)
        self.filter = ProductFilter()

    # --- what to show -----------------------------------------------------------------------
    def set_filter(self, f: ProductFilter) -> None:
        """Show ``f``'s result from the top (the view scrolls back up)."""
        self.filter = f
        self.restart()

    def refresh_rows(self, product_ids: set[str]) -> None:
        """These products changed: re-read the held windows that show them (and the total)."""
        self.refresh_keys(product_ids)

    def refresh_images(self) -> None:
        """Thumbnails can load now (their source changed): repaint the image column."""
        if self._rows:
            self.dataChanged.emit(self.index(0, IMAGE), self.index(self._rows - 1, IMAGE),
                                  [Qt.ItemDataRole.DecorationRole])  # fmt: skip

    def product_id(self, row: int) -> str | None:
        found = self.row_data(row)
        return None if found is None else str(found["id"])

    # --- reading (PagedModel) -----------------------------------------------------------------
    def query(self) -> ProductFilter:
        return self.filter

    def read_page(self, cache: Cache, query: Any, offset: int, limit: int) -> list[Any]:
        return product_page.window(cache, query, offset, limit)

    def read_count(self, cache: Cache, query: Any) -> int:
        return products.count(cache, query)

    def row_key(self, row: Any) -> str:
        return str(row["id"])

    def image_column(self) -> int:
        return IMAGE

    # --- Qt model -----------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole and column.sort is not None:
            return self.tr("Click to sort by this column")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._rows or index.column() >= len(COLUMNS):
            return None
        row = self.row_data(index.row())
        if row is None:
            self.ask_for(index.row())
            if role == Qt.ItemDataRole.DisplayRole and index.column() == TITLE:
                return self.tr("Loading…")
            return None
        handler = _ROLES.get(role)
        return None if handler is None else handler(self, row, COLUMNS[index.column()])

    # One method per role: (row, column) → the value, or None.
    def _display(self, row: dict[str, Any], column: Column) -> Any:
        text = column.text(row)
        return "★ " + text if column.key == "title" and row.get("favourite") else text

    def _decoration(self, row: dict[str, Any], column: Column) -> Any:
        if column.key != "image" or self.thumbnails is None:
            return None
        # An icon, not the pixmap: the view draws an icon at its iconSize (a pixmap at its own).
        return QIcon(self.thumbnails.pixmap(row["id"]))

    def _alignment(self, _row: dict[str, Any], column: Column) -> Any:
        return alignment(column)

    def _tooltip(self, row: dict[str, Any], column: Column) -> Any:
        return column.text(row) if column.key in ("title", "shop", "guarantees") else None

    def _foreground(self, row: dict[str, Any], column: Column) -> Any:
        if column.key == "placement" and row.get("placement") == "pending":
            return QColor(PENDING_COLOR)
        if row.get("status") != "listed":  # not sellable now: greyed
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _font(self, row: dict[str, Any], column: Column) -> Any:
        if column.key != "placement" or row.get("placement") != "pending":
            return None
        font = QFont()
        font.setBold(True)
        return font

    def _spans(self, row: dict[str, Any], column: Column) -> Any:
        if column.key == "shop":
            return row.get("shop_spans", [])
        if column.key != "title":
            return []
        spans = row.get("title_spans", [])
        if row.get("favourite"):
            return [(s + 2, e + 2) for s, e in spans]  # after "★ "
        return spans

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort is None:
            return
        sort = COLUMNS[column].sort
        descending = order == Qt.SortOrder.DescendingOrder
        if self.filter.sort is sort and self.filter.descending == descending:
            return
        self.set_filter(replace(self.filter, sort=sort, descending=descending))

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The header's sort indicator for the current filter (-1: relevance)."""
        sort = self.filter.sort or (
            Sort.RELEVANCE if self.filter.keyword.strip() else Sort.MONTHLY_SALES
        )
        column = column_for_sort(sort)
        order = (
            Qt.SortOrder.DescendingOrder if self.filter.descending else Qt.SortOrder.AscendingOrder
        )
        return (-1 if column is None else column), order


_ROLES: dict[int, Callable[[ProductTableModel, dict[str, Any], Column], Any]] = {
    Qt.ItemDataRole.DisplayRole: ProductTableModel._display,
    Qt.ItemDataRole.DecorationRole: ProductTableModel._decoration,
    Qt.ItemDataRole.TextAlignmentRole: ProductTableModel._alignment,
    Qt.ItemDataRole.ToolTipRole: ProductTableModel._tooltip,
    Qt.ItemDataRole.ForegroundRole: ProductTableModel._foreground,
    Qt.ItemDataRole.FontRole: ProductTableModel._font,
    SPANS_ROLE: ProductTableModel._spans,
}
