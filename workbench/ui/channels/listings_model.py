"""The listings table's model: one channel's count and windows of rows, read on demand.

As the selection center's model: the row count comes from a count query, rows arrive in windows
of :data:`PAGE` as the view paints them (at most :data:`KEEP_PAGES` held), all on the shared
reader's interactive lane (``store/listings.py``). A row not read yet shows as loading.

Edits do not change the model: an edited cell or a dropped row is *asked for* with a signal
(``editRequested``, ``moveRequested``, ``moveManyRequested``) and the view queues it through the outbox; the rows
are read again when ``Changed`` says so. A move within a held window is shown at once
(:meth:`show_move`), before the edit's round trip, so a drag lands in the next frame.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QDateTime,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from workbench.store import listings
from workbench.store.listings import Listing
from workbench.ui.channels import listings_health
from workbench.ui.reader import Reader
from workbench.ui.selection.columns import percent, yuan
from workbench.ui.theme import error_color

PAGE = 200
KEEP_PAGES = 20
MIME = "application/x-workbench-listing-rows"
PENDING_COLOR = "#b26a00"
Index = QModelIndex | QPersistentModelIndex

t = QCoreApplication.translate

COLUMNS = (
    "image", "title", "price", "rate", "per_sale", "plan", "position", "pinned", "hidden",
    "start", "end", "custom_title", "selling_points", "health", "sync",
)  # fmt: skip
HEALTH = COLUMNS.index("health")  # filled by the health check (listings_health.py)
EDITABLE = frozenset({"custom_title", "selling_points", "start", "end"})
RIGHT = frozenset({"price", "rate", "per_sale", "position"})


def header(key: str) -> str:
    return {
        "image": t("ListingsModel", "Image"),
        "title": t("ListingsModel", "Title"),
        "price": t("ListingsModel", "Price"),
        "rate": t("ListingsModel", "My rate"),
        "per_sale": t("ListingsModel", "Per sale"),
        "plan": t("ListingsModel", "Plan"),
        "position": t("ListingsModel", "Position"),
        "pinned": t("ListingsModel", "Pinned"),
        "hidden": t("ListingsModel", "Hidden"),
        "start": t("ListingsModel", "Starts"),
        "end": t("ListingsModel", "Ends"),
        "custom_title": t("ListingsModel", "Custom title"),
        "selling_points": t("ListingsModel", "Selling points"),
        "health": t("ListingsModel", "Health"),
        "sync": t("ListingsModel", "Sync"),
    }[key]


def plan_text(state: str) -> str:
    return {
        "live": t("ListingsModel", "Live plan"),
        "ending": t("ListingsModel", "Plan ends within 7 days"),
        "upcoming": t("ListingsModel", "Plan not started"),
        "none": t("ListingsModel", "No live plan"),
    }.get(state, state)


def to_qdatetime(text: str | None) -> QDateTime | None:
    if not text:
        return None
    at = QDateTime.fromString(text.replace("Z", "+00:00"), Qt.DateFormat.ISODate)
    return at.toLocalTime() if at.isValid() else None


def to_datetime(value: QDateTime) -> datetime:
    return datetime.fromisoformat(
        value.toUTC().toString(Qt.DateFormat.ISODate).replace("Z", "+00:00")
    )


def when_text(text: str | None) -> str:
    at = to_qdatetime(text)
    return "—" if at is None else at.toString("yyyy-MM-dd HH:mm")


def cell_text(row: Listing, key: str) -> str:
    if key == "title":
        if row.title is None:
            return t("ListingsModel", "Product no longer in the catalogue (%1)").replace(
                "%1", row.product_id
            )
        return row.title
    if key == "price":
        return "—" if row.price_fen is None else yuan(row.price_fen)
    if key == "rate":
        return "—" if row.rate_ppm is None else percent(row.rate_ppm)
    if key == "per_sale":
        return "—" if row.per_sale_fen is None else yuan(row.per_sale_fen)
    if key == "plan":
        return plan_text(row.plan_state)
    if key == "position":
        return str(row.position)
    if key == "pinned":
        return t("ListingsModel", "Pinned") if row.pinned else ""
    if key == "hidden":
        return t("ListingsModel", "Hidden") if row.hidden else ""
    if key in ("start", "end"):
        return when_text(row.start_at if key == "start" else row.end_at)
    if key == "custom_title":
        return row.custom_title or ""
    if key == "selling_points":
        return row.selling_points or ""
    if key == "health":
        return row.health or ""
    if key == "sync":
        if row.conflict:
            return t("ListingsModel", "Conflict")
        return t("ListingsModel", "Pending sync") if row.pending else t("ListingsModel", "Synced")
    return ""


class ListingsModel(QAbstractTableModel):
    """Lazy table of one channel's listings (see the module docstring)."""

    countChanged = Signal(int)
    loadingChanged = Signal(bool)
    failed = Signal(object)
    editRequested = Signal(str, str, object)  # listing id, column key, the new value
    moveRequested = Signal(int, int)  # from row, to row (insert before; rowCount: the end)
    moveManyRequested = Signal(list, int)  # the dragged rows, to row (as ``moveRequested``)

    def __init__(self, reader: Reader, thumbnails: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.thumbnails = thumbnails
        self.channel_id: str | None = None
        self.generation = 0
        self.total: int | None = None
        self.loading = False
        self._rows = 0
        self._pages: OrderedDict[int, list[Listing]] = OrderedDict()
        self._asked: set[int] = set()
        if thumbnails is not None:
            thumbnails.loaded.connect(self._thumbnail_loaded)

    # --- what to show -----------------------------------------------------------------------
    def set_channel(self, channel_id: str | None) -> None:
        self.channel_id = channel_id
        self.generation += 1
        self.beginResetModel()
        self._rows, self.total = 0, None
        self._pages.clear()
        self._asked.clear()
        self.endResetModel()
        if channel_id is not None:
            self._set_loading(True)
            self._ask(0)
            self._count()
        else:
            self._set_loading(False)

    def refresh(self) -> None:
        """Rows changed: read the count and the held windows again (rows stay until then)."""
        if self.channel_id is None or self.reader.path is None:
            return
        self.generation += 1
        self._asked.clear()
        for page in list(self._pages) or [0]:
            self._ask(page)
        self._count()

    def row_data(self, row: int) -> Listing | None:
        rows = self._pages.get(row // PAGE)
        if rows is None or row % PAGE >= len(rows):
            return None
        return rows[row % PAGE]

    def find(self, listing_id: str) -> Listing | None:
        """The held row of this listing, if any."""
        for rows in self._pages.values():
            for row in rows:
                if row.id == listing_id:
                    return row
        return None

    def held_ids(self) -> set[str]:
        return {r.id for rows in self._pages.values() for r in rows}

    def show_move(self, source: int, target: int, position: int) -> None:
        """Show a move at once when both rows are in one held window (else the re-read will)."""
        page = source // PAGE
        rows = self._pages.get(page)
        dest = target if target < source else target - 1
        if rows is None or dest // PAGE != page or target // PAGE not in (page, page + 1):
            return
        if not self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target):
            return
        moved = rows.pop(source % PAGE)
        rows.insert(dest % PAGE, replace(moved, position=position, pending=True))
        self.endMoveRows()

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )
        if COLUMNS[index.column()] in EDITABLE and self.row_data(index.row()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if key == "image" else header(key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "health":
            return self.tr("Filled by the listing health check")
        if role == Qt.ItemDataRole.ToolTipRole and key in EDITABLE:
            return self.tr("Double-click or F2 to edit")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._rows:
            return None
        row = self.row_data(index.row())
        key = COLUMNS[index.column()]
        if row is None:
            self._ask(index.row() // PAGE)
            if role == Qt.ItemDataRole.DisplayRole and key == "title":
                return self.tr("Loading…")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(row, key)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "image" and self.thumbnails:
            return QIcon(self.thumbnails.pixmap(row.product_id))
        if role == Qt.ItemDataRole.TextAlignmentRole and key in RIGHT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and key in ("title", "selling_points"):
            return cell_text(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, key)
        return None

    def _edit_value(self, row: Listing, key: str) -> Any:
        if key in ("start", "end"):
            return to_qdatetime(row.start_at if key == "start" else row.end_at)
        return cell_text(row, key)

    def _foreground(self, row: Listing, key: str) -> QColor | None:
        palette = QApplication.palette()
        if (key == "sync" and row.conflict) or (key == "title" and row.title is None):
            return error_color(palette)
        if key == "sync" and row.pending:
            return QColor(PENDING_COLOR)
        if row.hidden:
            return palette.color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_data(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.EditRole:
            return False
        self.editRequested.emit(row.id, COLUMNS[index.column()], value)
        return False  # shown when the edit is queued and the rows are read again

    # --- drag and drop ----------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes})
        data.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        rows = [int(r) for r in bytes(data.data(MIME).data()).decode().split(",") if r]
        target = row if row >= 0 else (parent.row() if parent.isValid() else self._rows)
        if len(rows) == 1:
            self.moveRequested.emit(rows[0], target)
        elif rows:
            self.moveManyRequested.emit(rows, target)
        return False  # nothing for the view to remove: the move is an edit

    # --- reading ----------------------------------------------------------------------------
    def _ask(self, page: int) -> None:
        if page in self._asked or self.reader.path is None or self.channel_id is None:
            return
        self._asked.add(page)
        generation, channel_id = self.generation, self.channel_id

        def job(cache: Any) -> list[Listing] | None:
            if generation != self.generation:
                return None
            return listings.window(
                cache, channel_id, page * PAGE, PAGE, health=listings_health.check
            )

        def failed(exc: BaseException) -> None:
            self._asked.discard(page)
            self._failed(exc)

        self.reader.interactive(job, lambda rows: self._arrived(generation, page, rows), failed)

    def _arrived(self, generation: int, page: int, rows: list[Listing] | None) -> None:
        if generation != self.generation or rows is None:
            return
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > KEEP_PAGES:
            old, _rows = self._pages.popitem(last=False)
            self._asked.discard(old)
        if page == 0:
            self._set_loading(False)
            if self.total is None and len(rows) > self._rows:
                self._resize(len(rows))
        first = page * PAGE
        end = min(first + len(rows), self._rows) - 1
        if end >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(end, len(COLUMNS) - 1))

    def _count(self) -> None:
        generation, channel_id = self.generation, self.channel_id
        if channel_id is None:
            return

        def job(cache: Any) -> int:
            return -1 if generation != self.generation else listings.count(cache, channel_id)

        def done(total: int) -> None:
            if generation != self.generation or total < 0:
                return
            self.total = total
            self._resize(total)
            self.countChanged.emit(total)

        self.reader.interactive(job, done, self._failed)

    def _resize(self, rows: int) -> None:
        if rows > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, rows - 1)
            self._rows = rows
            self.endInsertRows()
        elif rows < self._rows:
            self.beginRemoveRows(QModelIndex(), rows, self._rows - 1)
            self._rows = rows
            for page in [p for p in self._pages if p * PAGE >= rows]:
                del self._pages[page]
            self.endRemoveRows()

    def _failed(self, exc: BaseException) -> None:
        self._set_loading(False)
        self.failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loadingChanged.emit(loading)

    def _thumbnail_loaded(self, product_id: str) -> None:
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r.product_id == product_id:
                    cell = self.index(page * PAGE + i, 0)
                    self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DecorationRole])
