"""Lazy table models over the cache: a row count and pages of rows, read on the reader's lanes.

The one way the app's long tables read account rows (the selection center's products, a
channel's listings): nothing holds a whole result. The row count comes from a count query, rows
arrive in pages of :attr:`PagedModel.PAGE` as the view paints them (at most
:attr:`PagedModel.KEEP_PAGES` held, the least recently read dropped first), and a row not read
yet shows as loading and is asked for. Every read carries the model's generation: an answer for
an older filter, channel or refresh is dropped, so a slow read never paints stale rows.

A subclass says *what* to read (:meth:`query`, the filter or channel of the result, taken when
a read is asked; :meth:`read_page`, :meth:`read_count`, :meth:`row_key`, and :meth:`can_read`
when it may have nothing to show) and *how a row looks* (``columnCount`` and
``data``); it starts a new result with :meth:`restart` and re-reads in place with
:meth:`refresh` (rows stay on screen until their new values arrive, so nothing flickers).
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.reader import Reader

Index = QModelIndex | QPersistentModelIndex


class PagedModel(QAbstractTableModel):
    """A count and pages of rows read on demand (see the module docstring)."""

    countChanged = Signal(int)  # the exact total (after the count query)
    rowsShifted = Signal()  # a re-read put other rows where rows were shown
    loadingChanged = Signal(bool)  # the first page of a new result is in flight
    failed = Signal(object)  # an exception from a read

    PAGE = 200
    KEEP_PAGES = 20
    RECENT_PAGES = 6  # pages painting asked for last (older painted asks are skipped)
    COUNT_ON_BACKGROUND = True  # the count waits behind the first rows (else interactive lane)
    # Count only when a page comes back full: a short page (as most of a small account's
    # results are) gives the count exactly, and no count query runs.
    COUNT_AFTER_FIRST_PAGE = False
    IMAGE_IS_KEY = False  # row_key is the thumbnail's product id (an O(1) image update)

    def __init__(self, reader: Reader | None, thumbnails: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.thumbnails = thumbnails
        self.generation = 0
        self.total: int | None = None
        self.loading = False
        self._rows = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._asked: set[int] = set()
        self._where: dict[str, int] = {}  # row key → row number, for the pages held
        self._count_due = False  # COUNT_AFTER_FIRST_PAGE: the next page answered decides
        # Pages painting asked for last: a read for a page scrolled past is skipped (a dragged
        # scrollbar crosses hundreds of pages; the one it stops on must not wait).
        self._recent: deque[int] = deque(maxlen=self.RECENT_PAGES)
        if thumbnails is not None:
            thumbnails.loaded.connect(self._thumbnail_loaded)

    # --- what a subclass says ----------------------------------------------------------------
    def query(self) -> Any:
        """What the current result is (a filter, a channel id), taken when a read is asked."""
        return None

    def read_page(self, cache: Cache, query: Any, offset: int, limit: int) -> list[Any]:
        """Rows ``offset`` … ``offset + limit`` of ``query``'s result (on a reader lane)."""
        raise NotImplementedError

    def read_count(self, cache: Cache, query: Any) -> int:
        """How many rows ``query``'s result has (on a reader lane)."""
        raise NotImplementedError

    def row_key(self, row: Any) -> str:
        """A row's id (what :meth:`row_of` finds it by)."""
        return str(row.id)

    def image_key(self, row: Any) -> str | None:
        """The product id whose thumbnail the row shows, if any."""
        return None

    def image_column(self) -> int:
        return 0

    def lanes(self) -> Reader | None:
        """The reader whose lanes run the reads (the open account's)."""
        return self.reader

    def can_read(self) -> bool:
        """Whether there is a result to read (an open cache; a chosen channel…)."""
        reader = self.lanes()
        return reader is not None and reader.path is not None

    # --- starting and refreshing -------------------------------------------------------------
    def restart(self) -> None:
        """Show a new result from the top: the first page and the count (the view scrolls up)."""
        self.generation += 1
        self.beginResetModel()
        self._rows, self.total = 0, None
        self._pages.clear()
        self._asked.clear()
        self._where.clear()
        self.endResetModel()
        if not self.can_read():
            self._set_loading(False)
            return
        self._set_loading(True)
        self._ask(0)
        self._count_soon()

    def refresh(self) -> None:
        """The cache changed (a sync, an edit): read the count and the held pages again."""
        if not self.can_read():
            return
        self.generation += 1
        self._asked.clear()
        for page in list(self._pages) or [0]:
            self._ask(page)
        self._count_soon()

    def refresh_keys(self, keys: set[str]) -> None:
        """These rows changed: re-read the held pages that show them, and the total (a change
        of the total means rows moved, and every held page is read again)."""
        if not self.can_read():
            return
        pages = {self._where[k] // self.PAGE for k in keys if k in self._where}
        # Same generation: the lane is serial, so these answers come after any older read.
        self._asked.difference_update(pages)
        for page in pages:
            self._ask(page)
        self._count(rows_moved=self.refresh)

    # --- the rows held -----------------------------------------------------------------------
    def row_data(self, row: int) -> Any | None:
        """The row object at ``row`` if its page is held (None: not read yet)."""
        rows = self._pages.get(row // self.PAGE)
        if rows is None or row % self.PAGE >= len(rows):
            return None
        return rows[row % self.PAGE]

    def row_of(self, key: str) -> int | None:
        """The row number of the held row with this key."""
        return self._where.get(key)

    def held(self) -> Iterator[tuple[int, Any]]:
        """(row number, row) of every row held."""
        for page, rows in self._pages.items():
            for i, row in enumerate(rows):
                yield page * self.PAGE + i, row

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def ask_for(self, row: int) -> None:
        """A painted row is not held: read its page (skipped if scrolled past before its turn)."""
        self._ask(row // self.PAGE, painted=True)

    # --- reading -----------------------------------------------------------------------------
    def _ask(self, page: int, *, painted: bool = False) -> None:
        if painted and (not self._recent or self._recent[-1] != page):
            self._recent.append(page)
        reader = self.lanes()
        if page in self._asked or reader is None or not self.can_read():
            return
        self._asked.add(page)
        generation, recent, query = self.generation, self._recent, self.query()

        def job(cache: Cache) -> list[Any] | None:
            if generation != self.generation:  # a newer result: don't read for this one
                return None
            if painted and page not in tuple(recent):
                return None  # scrolled past before its turn came
            return self.read_page(cache, query, page * self.PAGE, self.PAGE)

        def failed(exc: BaseException) -> None:
            if generation == self.generation:
                self._asked.discard(page)  # asked again when painted again
            self._failed(exc)

        reader.interactive(job, lambda rows: self._arrived(generation, page, rows), failed)

    def _count_soon(self) -> None:
        if self.COUNT_AFTER_FIRST_PAGE:
            self._count_due = True
        else:
            self._count()

    def _arrived(self, generation: int, page: int, rows: list[Any] | None) -> None:
        if generation != self.generation:
            return  # a newer result or refresh asked again (``_asked`` was cleared for it)
        if rows is None:
            self._asked.discard(page)  # skipped: painting asks again if it comes back
            return
        if self._count_due:
            self._count_due = False
            if len(rows) < self.PAGE and (rows or page == 0):  # the result ends here
                self.total = page * self.PAGE + len(rows)
                self._resize(self.total)
                self.countChanged.emit(self.total)
            else:
                self._count()
        old = self._pages.pop(page, None)
        self._forget(page, old)
        shifted = old is not None and [self.row_key(r) for r in old] != [
            self.row_key(r) for r in rows
        ]
        self._pages[page] = rows
        first = page * self.PAGE
        for i, r in enumerate(rows):
            self._where[self.row_key(r)] = first + i
        while len(self._pages) > self.KEEP_PAGES:
            dropped, dropped_rows = self._pages.popitem(last=False)
            self._asked.discard(dropped)
            self._forget(dropped, dropped_rows)
        if page == 0:
            self._set_loading(False)
            if self.total is None and len(rows) > self._rows:
                # Known before the count: the first page (all of it, if the result is small).
                self._resize(len(rows))
        end = min(first + len(rows), self._rows) - 1
        if end >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(end, self.columnCount() - 1))
        if shifted:
            self.rowsShifted.emit()

    def _forget(self, page: int, rows: list[Any] | None) -> None:
        for r in rows or []:
            key = self.row_key(r)
            if self._where.get(key, -1) // self.PAGE == page:
                del self._where[key]

    def _count(self, rows_moved: Callable[[], None] | None = None) -> None:
        generation, before, query, reader = self.generation, self.total, self.query(), self.lanes()
        if reader is None:
            return

        def job(cache: Cache) -> int:
            return -1 if generation != self.generation else self.read_count(cache, query)

        def done(total: int) -> None:
            if generation != self.generation or total < 0:
                return
            self.total = total
            self._resize(total)
            self.countChanged.emit(total)
            if rows_moved is not None and total != before:
                rows_moved()

        lane = reader.background if self.COUNT_ON_BACKGROUND else reader.interactive
        lane(job, done, self._failed)

    def _resize(self, rows: int) -> None:
        """Rows come and go at the end (no reset: the header keeps its column widths)."""
        if rows > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, rows - 1)
            self._rows = rows
            self.endInsertRows()
        elif rows < self._rows:
            self.beginRemoveRows(QModelIndex(), rows, self._rows - 1)
            self._rows = rows
            for page in [p for p in self._pages if p * self.PAGE >= rows]:
                self._forget(page, self._pages.pop(page))
                self._asked.discard(page)
            self.endRemoveRows()

    def _failed(self, exc: BaseException) -> None:
        self._set_loading(False)
        self.failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loadingChanged.emit(loading)

    def _thumbnail_loaded(self, product_id: str) -> None:
        if self.IMAGE_IS_KEY:
            found = self._where.get(product_id)
            rows = [] if found is None else [found]
        else:
            rows = [n for n, row in self.held() if self.image_key(row) == product_id]
        for n in rows:
            if n < self._rows:
                cell = self.index(n, self.image_column())
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])
