"""The listings table's model: one channel's count and windows of rows, read on demand.

A :class:`~workbench.ui.paged_model.PagedModel`, as the selection center's model: the count
comes from a count query, rows arrive in windows of :data:`PAGE` as the view paints them (at
most :data:`KEEP_PAGES` held), on the shared reader's interactive lane (``store/listings.py``).
A row not read yet shows as loading.

Edits do not change the model: an edited cell or a dropped row is *asked for* with a signal
(``editRequested``, ``moveRequested``, ``moveManyRequested``) and the view queues it through
the outbox; the rows are read again when ``Changed`` says so. A move within a held window is shown at once
(:meth:`show_move`), before the edit's round trip, so a drag lands in the next frame.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
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
from workbench.ui.paged_model import PagedModel
from workbench.ui.selection.columns import percent, yuan
from workbench.ui.theme import error_color

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.reader import Reader

PAGE = PagedModel.PAGE
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


class ListingsModel(PagedModel):
    """Lazy table of one channel's listings (see the module docstring)."""

    KEEP_PAGES = KEEP_PAGES
    COUNT_ON_BACKGROUND = False  # a channel's count is one index range: as cheap as its rows
    editRequested = Signal(str, str, object)  # listing id, column key, the new value
    moveRequested = Signal(int, int)  # from row, to row (insert before; rowCount: the end)
    moveManyRequested = Signal(list, int)  # the dragged rows, to row (as ``moveRequested``)

    def __init__(self, reader: Reader, thumbnails: Any = None, parent: Any = None) -> None:
        super().__init__(reader, thumbnails, parent)
        self.channel_id: str | None = None

    # --- what to show -----------------------------------------------------------------------
    def set_channel(self, channel_id: str | None) -> None:
        self.channel_id = channel_id
        self.restart()

    # --- reading (PagedModel) -----------------------------------------------------------------
    def query(self) -> str | None:
        return self.channel_id

    def can_read(self) -> bool:
        return self.channel_id is not None and super().can_read()

    def read_page(self, cache: Cache, query: Any, offset: int, limit: int) -> list[Any]:
        return listings.window(cache, query, offset, limit, health=listings_health.check)

    def read_count(self, cache: Cache, query: Any) -> int:
        return listings.count(cache, query)

    def image_key(self, row: Any) -> str | None:
        return str(row.product_id)

    def find(self, listing_id: str) -> Listing | None:
        """The held row of this listing, if any."""
        row = self.row_of(listing_id)
        return None if row is None else self.row_data(row)

    def held_ids(self) -> set[str]:
        return {r.id for _n, r in self.held()}

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
        for i, row in enumerate(rows):
            self._where[row.id] = page * PAGE + i
        self.endMoveRows()

    # --- Qt model ---------------------------------------------------------------------------
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
            self.ask_for(index.row())
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
