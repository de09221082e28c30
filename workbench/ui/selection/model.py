"""The product table's model: row ids and windows of rows, fetched lazily off the GUI thread.

It never holds the catalogue: the row count comes from a count query (on the background lane,
so the first rows are not kept waiting behind it), and rows arrive in windows of
:data:`PAGE` as the view paints them, at most :data:`KEEP_PAGES` windows at a time. A row not
yet read shows as loading and is asked for; when its window arrives the rows are updated.

Every request carries the filter's generation; an answer for an older filter is dropped.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from workbench.store import product_page, products
from workbench.store.products import ProductFilter, Sort
from workbench.ui.reader import Reader
from workbench.ui.selection.columns import COLUMNS, IMAGE, TITLE, Column, alignment, column_for_sort

PAGE = 200
KEEP_PAGES = 40  # 8,000 rows of dicts at most (~10 MB)
RECENT_PAGES = 6

Index = QModelIndex | QPersistentModelIndex

SPANS_ROLE = Qt.ItemDataRole.UserRole + 1  # highlight spans of the cell's text


PENDING_COLOR = "#b26a00"  # amber: readable on light and dark bases


class ProductTableModel(QAbstractTableModel):
    """Lazy table over the filtered catalogue (see the module docstring)."""

    countChanged = Signal(int)  # the filter's total (known after the count query)
    rowsShifted = Signal()  # a refresh put other products on rows that were shown
    loadingChanged = Signal(bool)  # first window of a new filter in flight
    failed = Signal(object)  # an exception from a query

    def __init__(self, reader: Reader, thumbnails: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.thumbnails = thumbnails
        self.filter = ProductFilter()
        self.generation = 0
        self.total: int | None = None
        self.loading = False
        self._rows = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._asked: set[int] = set()
        self._where: dict[str, int] = {}  # product id → row, for the windows held
        # Windows painting asked for last: a read for a window scrolled past is skipped (a
        # dragged scrollbar crosses hundreds of windows; the one it stops on must not wait).
        self._recent: deque[int] = deque(maxlen=RECENT_PAGES)
        if thumbnails is not None:
            thumbnails.loaded.connect(self._thumbnail_loaded)

    # --- what to show -----------------------------------------------------------------------
    def set_filter(self, f: ProductFilter) -> None:
        """Show ``f``'s result from the top (the view scrolls back up)."""
        self.filter = f
        self.generation += 1
        self.beginResetModel()
        self._rows = 0
        self.total = None
        self._pages.clear()
        self._asked.clear()
        self._where.clear()
        self.endResetModel()
        self._set_loading(True)
        self._ask(0)
        self._count()

    def refresh(self) -> None:
        """The cache changed (a sync, an edit): read the total and the held windows again.

        Rows stay on screen until their new values arrive, so nothing flickers or jumps.
        """
        if self.reader.path is None:
            return
        self.generation += 1
        self._asked.clear()
        for page in list(self._pages):
            self._ask(page)
        if not self._pages:
            self._ask(0)
        self._count()

    def refresh_rows(self, product_ids: set[str]) -> None:
        """These products changed: re-read the held windows that show them, and the total (a
        change of the total means rows moved, and every held window is read again)."""
        if self.reader.path is None:
            return
        pages = {self._where[p] // PAGE for p in product_ids if p in self._where}
        # Same generation: the lane is serial, so these answers come after any older read.
        self._asked.difference_update(pages)
        for page in pages:
            self._ask(page)
        self._count(rows_moved=self.refresh)

    def refresh_images(self) -> None:
        """Thumbnails can load now (their source changed): repaint the image column."""
        if self._rows:
            self.dataChanged.emit(self.index(0, IMAGE), self.index(self._rows - 1, IMAGE),
                                  [Qt.ItemDataRole.DecorationRole])  # fmt: skip

    def product_id(self, row: int) -> str | None:
        found = self.row_data(row)
        return None if found is None else str(found["id"])

    def row_data(self, row: int) -> dict[str, Any] | None:
        rows = self._pages.get(row // PAGE)
        if rows is None or row % PAGE >= len(rows):
            return None
        return rows[row % PAGE]

    def row_of(self, product_id: str) -> int | None:
        return self._where.get(product_id)

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

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
            self._ask(index.row() // PAGE, painted=True)
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

    # --- reading --------------------------------------------------------------------------------
    def _ask(self, page: int, *, painted: bool = False) -> None:
        if painted and (not self._recent or self._recent[-1] != page):
            self._recent.append(page)
        if page in self._asked or self.reader.path is None:
            return
        self._asked.add(page)
        generation, f = self.generation, self.filter
        recent = self._recent

        def job(cache: Any) -> list[dict[str, Any]] | None:
            if generation != self.generation:  # a newer filter: don't read for this one
                return []
            if painted and page not in tuple(recent):
                return None  # scrolled past before its turn came
            return product_page.window(cache, f, page * PAGE, PAGE)

        def failed(exc: BaseException) -> None:
            if generation == self.generation:
                self._asked.discard(page)  # asked again when painted again
            self._failed(exc)

        self.reader.interactive(job, lambda rows: self._arrived(generation, page, rows), failed)

    def _arrived(self, generation: int, page: int, rows: list[dict[str, Any]] | None) -> None:
        if generation != self.generation:
            return  # a newer filter or refresh asked again (``_asked`` was cleared for it)
        if rows is None:
            self._asked.discard(page)  # skipped: painting asks again if it comes back
            return
        old = self._pages.pop(page, None)
        for r in old or []:
            if self._where.get(r["id"], -1) // PAGE == page:
                del self._where[r["id"]]
        shifted = old is not None and [r["id"] for r in old] != [r["id"] for r in rows]
        self._pages[page] = rows
        first = page * PAGE
        for i, r in enumerate(rows):
            self._where[r["id"]] = first + i
        self._forget_old_pages()
        if page == 0:
            self._set_loading(False)
            if self.total is None and len(rows) > self._rows:
                # Known before the count: the first window (all of it, if the result is small).
                self._resize(len(rows))
        end = min(first + len(rows), self._rows) - 1
        if end >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(end, len(COLUMNS) - 1))
        if shifted:
            self.rowsShifted.emit()

    def _forget_old_pages(self) -> None:
        while len(self._pages) > KEEP_PAGES:
            page, rows = self._pages.popitem(last=False)
            self._asked.discard(page)
            for r in rows:
                if self._where.get(r["id"], -1) // PAGE == page:
                    del self._where[r["id"]]

    def _count(self, rows_moved: Callable[[], None] | None = None) -> None:
        generation, f, before = self.generation, self.filter, self.total

        def job(cache: Any) -> int:
            if generation != self.generation:
                return -1
            return products.count(cache, f)

        def done(total: int) -> None:
            if generation != self.generation or total < 0:
                return
            self.total = total
            self._resize(total)
            self.countChanged.emit(total)
            if rows_moved is not None and total != before:
                rows_moved()

        self.reader.background(job, done, self._failed)

    def _resize(self, rows: int) -> None:
        if rows > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, rows - 1)
            self._rows = rows
            self.endInsertRows()
        elif rows < self._rows:
            self.beginRemoveRows(QModelIndex(), rows, self._rows - 1)
            self._rows = rows
            self.endRemoveRows()

    def _failed(self, exc: BaseException) -> None:
        self._set_loading(False)
        self.failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loadingChanged.emit(loading)

    def _thumbnail_loaded(self, product_id: str) -> None:
        row = self._where.get(product_id)
        if row is not None and row < self._rows:
            cell = self.index(row, IMAGE)
            self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])


_ROLES: dict[int, Callable[[ProductTableModel, dict[str, Any], Column], Any]] = {
    Qt.ItemDataRole.DisplayRole: ProductTableModel._display,
    Qt.ItemDataRole.DecorationRole: ProductTableModel._decoration,
    Qt.ItemDataRole.TextAlignmentRole: ProductTableModel._alignment,
    Qt.ItemDataRole.ToolTipRole: ProductTableModel._tooltip,
    Qt.ItemDataRole.ForegroundRole: ProductTableModel._foreground,
    Qt.ItemDataRole.FontRole: ProductTableModel._font,
    SPANS_ROLE: ProductTableModel._spans,
}
