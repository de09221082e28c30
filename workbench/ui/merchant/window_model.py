"""A lazy table model: a row count and windows of rows read on demand through the shared reader.

The first rows come first: the windows are read on the interactive lane and shown at once; the
count follows on the background lane (a count of 200,000 queue rows costs more than its first
window) unless a window came back short, which gives it exactly.

The page gives it a ``count(cache)`` and a ``window(cache, offset, limit)`` (store functions) and
a ``cells(row)`` that turns one row object into its column texts. Only the windows the view
scrolls to are read (``WINDOW`` rows each, on the interactive lane); ``reload()`` starts again
from a new count (a filter changed), ``refresh()`` re-reads the count and the held windows in
place (a sync or an edit changed rows) and keeps the selected ids selected.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.reader import Reader

WINDOW = 200
ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


class WindowModel(QAbstractTableModel):
    """Rows read in windows (see the module docstring)."""

    loaded = Signal()  # a count (and its first window) arrived
    refreshed = Signal()  # held windows were read again (rows under a selection may differ)
    countChanged = Signal()  # the exact count arrived (background lane)

    def __init__(
        self,
        reader: Callable[[], Reader],
        cells: Callable[[Any], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._cells = cells
        self.headers: list[str] = []
        self.count_fn: Callable[[Cache], int] | None = None
        self.window_fn: Callable[[Cache, int, int], list[Any]] | None = None
        self.count = 0
        self.ready = False  # the first window is in
        self.counted = False  # the count is exact
        self.windows: dict[int, list[Any]] = {}
        self._asked: set[int] = set()
        self.generation = 0
        self.right_aligned: set[int] = set()
        self.tooltip: Callable[[Any, int], str | None] | None = None

    # --- reading -----------------------------------------------------------------------------
    def reload(
        self,
        count_fn: Callable[[Cache], int] | None = None,
        window_fn: Callable[[Cache, int, int], list[Any]] | None = None,
    ) -> None:
        """Start again (a new filter or account): the count and the first window."""
        if count_fn is not None:
            self.count_fn, self.window_fn = count_fn, window_fn
        self.generation += 1
        self.windows, self._asked, self.ready, self.counted = {}, set(), False, False
        self._set_count(0)
        self._read({0}, reset=True)

    def clear(self) -> None:
        self.generation += 1
        self.windows, self._asked, self.ready, self.counted = {}, set(), False, False
        self.count_fn = self.window_fn = None
        self._set_count(0)

    def refresh(self) -> None:
        """Read the count and every held window again, in place."""
        if self.count_fn is None:
            return
        self._read(set(self.windows) or {0}, reset=True, refresh=True)

    def _read(self, numbers: set[int], *, reset: bool, refresh: bool = False) -> None:
        """Windows on the interactive lane (the rows on screen first); on a reset the count
        follows on the background lane. Until it is in, the count is what the windows tell: exact
        when one came back short, else the rows read so far."""
        count_fn, window_fn, generation = self.count_fn, self.window_fn, self.generation
        if count_fn is None or window_fn is None:
            return

        def job(cache: Cache) -> dict[int, list[Any]]:
            return {n: window_fn(cache, n * WINDOW, WINDOW) for n in sorted(numbers)}

        def done(windows: dict[int, list[Any]]) -> None:
            if generation != self.generation:
                return
            if reset:
                self.windows, self._asked = windows, set(windows)
                self.ready = True
                short = [n * WINDOW + len(w) for n, w in windows.items() if len(w) < WINDOW]
                if short:
                    self.counted = True
                    self._set_count(min(short))
                elif not self.counted:
                    self._set_count(max(n * WINDOW + len(w) for n, w in windows.items()))
                if self.count:
                    last = len(self.headers) - 1
                    self.dataChanged.emit(self.index(0, 0), self.index(self.count - 1, last))
                (self.refreshed if refresh else self.loaded).emit()
                if not short:
                    self._reader().background(count_fn, counted)
                return
            self.windows.update(windows)
            for n in windows:
                last = min(self.count, (n + 1) * WINDOW) - 1
                if last >= n * WINDOW:
                    self.dataChanged.emit(
                        self.index(n * WINDOW, 0), self.index(last, self.columnCount() - 1)
                    )

        def counted(total: int) -> None:
            if generation == self.generation:
                self.counted = True
                self._set_count(total)
                self.countChanged.emit()

        self._reader().interactive(job, done)

    def _set_count(self, total: int) -> None:
        """Rows come and go at the end (no model reset: the header keeps its column widths)."""
        if total > self.count:
            self.beginInsertRows(QModelIndex(), self.count, total - 1)
            self.count = total
            self.endInsertRows()
        elif total < self.count:
            self.beginRemoveRows(QModelIndex(), total, self.count - 1)
            self.count = total
            self.endRemoveRows()

    # --- access ------------------------------------------------------------------------------
    def row(self, r: int) -> Any | None:
        """The row object at ``r`` (None until its window is read; asks for it then)."""
        n = r // WINDOW
        window = self.windows.get(n)
        if window is None:
            if n not in self._asked:
                self._asked.add(n)
                self._read({n}, reset=False)
            return None
        k = r - n * WINDOW
        return window[k] if k < len(window) else None

    def peek(self, r: int) -> Any | None:
        """The row object at ``r`` if its window is held (never asks for one)."""
        window = self.windows.get(r // WINDOW)
        k = r % WINDOW
        return window[k] if window is not None and k < len(window) else None

    def loaded_rows(self) -> list[Any]:
        return [row for n in sorted(self.windows) for row in self.windows[n]]

    def row_of(self, row_id: str) -> int | None:
        for n, window in self.windows.items():
            for k, row in enumerate(window):
                if row.id == row_id:
                    return n * WINDOW + k
        return None

    # --- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if row is None:
                return "…"
            cells = self._cells(row)
            return cells[index.column()] if index.column() < len(cells) else ""
        if role == ID_ROLE:
            return None if row is None else row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row is not None and self.tooltip is not None:
            return self.tooltip(row, index.column())
        return None

    def set_headers(self, headers: list[str]) -> None:
        if len(headers) != len(self.headers):
            self.beginResetModel()
            self.headers = headers
            self.endResetModel()
            return
        self.headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(headers) - 1))


def select_ids(view: QAbstractItemView, model: WindowModel, ids: set[str]) -> None:
    """Select exactly the loaded rows whose id is in ``ids`` (after rows moved under the view)."""
    chosen = QItemSelection()
    last = max(0, model.columnCount() - 1)
    for r in range(model.count):
        row = model.windows.get(r // WINDOW)
        k = r % WINDOW
        if row is not None and k < len(row) and row[k].id in ids:
            chosen.select(model.index(r, 0), model.index(r, last))
    selection = view.selectionModel()
    selection.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
