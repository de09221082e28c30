"""A lazy table whose page gives it store functions: ``count(cache)``, ``window(cache, offset,
limit)`` and ``cells(row)`` (the merchant's plans and queues, a creator's applications and
samples).

A :class:`~workbench.ui.paged_model.PagedModel` (the app's one lazy-table pattern) that counts
only when its first window comes back full: a short window gives the count exactly, so a small
account's page needs one read. ``reload(count, window)`` starts again (a filter changed),
``refresh()`` re-reads the count and the held windows in place (a sync or an edit changed rows;
``refreshed`` then lets the page keep the same ids selected, :func:`select_ids`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView

from workbench.ui.paged_model import Index, PagedModel
from workbench.ui.widgets import state_line

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.reader import Reader

WINDOW = PagedModel.PAGE
ID_ROLE = Qt.ItemDataRole.UserRole

CountFn = Callable[["Cache"], int]
WindowFn = Callable[["Cache", int, int], list[Any]]


class WindowModel(PagedModel):
    """Rows read in windows through the page's store functions (see the module docstring)."""

    loaded = Signal()  # the first window of a reload arrived
    refreshed = Signal()  # the held windows were read again (rows under a selection may differ)

    COUNT_AFTER_FIRST_PAGE = True
    KEEP_PAGES = 50  # 10,000 rows: a batch selection of hundreds keeps its rows held

    def __init__(
        self,
        reader: Callable[[], Reader],
        cells: Callable[[Any], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(None, None, parent)
        self._reader = reader
        self._cells = cells
        self.headers: list[str] = []
        self.count_fn: CountFn | None = None
        self.window_fn: WindowFn | None = None
        self.ready = False  # the first window of this reload is in
        self.right_aligned: set[int] = set()
        self.tooltip: Callable[[Any, int], str | None] | None = None
        self._waiting: set[int] = set()  # the windows a reload or refresh still waits for

    # --- what to read ------------------------------------------------------------------------
    def reload(self, count_fn: CountFn | None = None, window_fn: WindowFn | None = None) -> None:
        """Start again (a new filter or account): the first window, then the count if needed."""
        if count_fn is not None:
            self.count_fn, self.window_fn = count_fn, window_fn
        self.ready, self._waiting = False, {0}
        self.restart()

    def clear(self) -> None:
        """Show nothing (no account, or not this role's page)."""
        self.count_fn = self.window_fn = None
        self.ready, self._waiting = False, set()
        self.restart()

    def refresh(self) -> None:
        """Read the count and every held window again, in place."""
        if not self.can_read():
            return
        self._waiting = set(self._pages) or {0}
        super().refresh()

    def lanes(self) -> Reader | None:
        return self._reader()

    def can_read(self) -> bool:
        return self.count_fn is not None and self.window_fn is not None and super().can_read()

    def query(self) -> tuple[WindowFn | None, CountFn | None]:
        return self.window_fn, self.count_fn

    def read_page(self, cache: Cache, query: Any, offset: int, limit: int) -> list[Any]:
        window_fn, _count = query
        return list(window_fn(cache, offset, limit))

    def read_count(self, cache: Cache, query: Any) -> int:
        _window, count_fn = query
        return int(count_fn(cache))

    def _arrived(self, generation: int, page: int, rows: list[Any] | None) -> None:
        super()._arrived(generation, page, rows)
        if generation != self.generation or rows is None or page not in self._waiting:
            return
        self._waiting.discard(page)
        if self._waiting:
            return
        if self.ready:
            self.refreshed.emit()
        else:  # the first answer since the reload (a refresh may have asked for it again)
            self.ready = True
            self.loaded.emit()

    # --- access ------------------------------------------------------------------------------
    @property
    def count(self) -> int:
        """The rows shown: exact once counted, until then what the windows read tell."""
        return self._rows

    @property
    def counted(self) -> bool:
        return self.total is not None

    @property
    def windows(self) -> dict[int, list[Any]]:
        return self._pages

    def row(self, r: int) -> Any | None:
        """The row object at ``r`` (None until its window is read; asks for it then)."""
        found = self.row_data(r)
        if found is None and 0 <= r < self._rows:
            self.ask_for(r)
        return found

    def peek(self, r: int) -> Any | None:
        """The row object at ``r`` if its window is held (never asks for one)."""
        return self.row_data(r)

    def loaded_rows(self) -> list[Any]:
        return [row for _n, row in sorted(self.held(), key=lambda held: held[0])]

    # --- Qt ----------------------------------------------------------------------------------
    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.headers)

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
    """Select exactly the held rows whose id is in ``ids`` (after rows moved under the view)."""
    chosen = QItemSelection()
    last = max(0, model.columnCount() - 1)
    for r, row in model.held():
        if r < model.count and row.id in ids:
            chosen.select(model.index(r, 0), model.index(r, last))
    selection = view.selectionModel()
    selection.select(chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def lazy_table(
    model: WindowModel, name: str, selected: Callable[[], None], *, many: bool = False
) -> tuple[QTableView, QLabel]:
    """A page's table over ``model`` (whole rows selected, one or ``many``; ``selected()`` on
    each change) and the centred state line shown instead of rows ("Reading…", "No …")."""
    table = QTableView()
    table.setObjectName(f"{name}Table")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if many
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.selectionModel().selectionChanged.connect(lambda *_a: selected())
    return table, state_line(name)


def selected_rows(view: QAbstractItemView, model: WindowModel) -> list[Any]:
    """The held rows selected in ``view``, in view order (a Ctrl+A over 200,000 rows reads
    nothing: rows whose window is not held are left out)."""
    found = (model.peek(index.row()) for index in view.selectionModel().selectedRows())
    return [row for row in found if row is not None]


def show_state(
    line: QLabel,
    model: WindowModel,
    *,
    opened: bool,
    refusal: str,
    reading: str,
    empty: str,
) -> None:
    """A page's state line, in the one order every page on a WindowModel keeps: no account open;
    ``refusal`` (the page is another role's, or "" when it is this account's); ``reading`` until
    the first window is in; ``empty`` when no row passes; hidden while rows show."""
    if not opened:
        text = QCoreApplication.translate("WindowModel", "No account is open.")
    elif refusal:
        text = refusal
    elif not model.ready:
        text = reading
    elif model.count == 0:
        text = empty
    else:
        text = ""
    line.setText(text)
    line.setVisible(bool(text))
