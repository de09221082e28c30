"""The listings of the chosen channel: a lazy table to edit in place, reorder, pin, hide, batch.

Rows come from :class:`~workbench.ui.channels.listings_model.ListingsModel` (windows on the
shared reader's interactive lane). Every edit is one ``controller.edit_with`` job (one outbox
transaction, offline too) built by ``store/listing_edits.py`` or ``store/listing_order.py``;
its :class:`~workbench.store.listing_edits.Intent` goes on the undo stack, and ``Ctrl+Z``
queues the edits that put the last one back. A drag (or ``Alt+↑``/``Alt+↓``) moves one listing
with ONE ``listing.patch`` between the neighbours the model holds, shown in the next frame;
only when they touch, or are not held, is the channel renumbered (``listing_order.move``).
Bad values (an empty or over-long title, a schedule that ends before it starts) are answered
in the message line and nothing is queued.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.store import listing_edits, listing_order, listings
from workbench.store.listing_edits import BadField, Intent
from workbench.store.listing_order import ChannelGone
from workbench.ui.channels import batch, cell_edits, reorder
from workbench.ui.channels.batch import ChannelChoice
from workbench.ui.channels.listings_delegate import ListingsDelegate
from workbench.ui.channels.listings_model import COLUMNS, ListingsModel
from workbench.ui.channels.undo import UndoStack
from workbench.ui.theme import error_color
from workbench.ui.thumbnails import ThumbnailLoader
from workbench.ui.widgets import Retranslating

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.store.channels import ChannelRow
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

CAUSE = "channels"
WIDTHS = {"image": 48, "title": 220, "price": 70, "rate": 64, "per_sale": 70, "plan": 120,
          "position": 64, "pinned": 56, "hidden": 56, "start": 120, "end": 120,
          "custom_title": 140, "selling_points": 160, "health": 90, "sync": 90}  # fmt: skip
SHORTCUTS = {
    "pin": "Ctrl+P", "hide": "Ctrl+H", "remove": "Del", "move": "Ctrl+M",
    "copy": "Ctrl+Shift+C", "lineup": "Ctrl+Shift+L", "undo": "Ctrl+Z", "up": "Alt+Up",
    "down": "Alt+Down", "product_title": "Ctrl+Shift+R", "clear_schedule": "Ctrl+Shift+K",
}  # fmt: skip
BUTTONS = ("pin", "hide", "remove", "move", "copy", "lineup", "undo")


class ListingsView(Retranslating, QWidget):
    """The chosen channel's listings (see the module docstring)."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("channelListings")
        self.controller = controller
        self.channel: ChannelRow | None = None
        self.channels: list[ChannelRow] = []
        self.undo_stack = UndoStack()
        self.dialog: ChannelChoice | None = None
        self.thumbnails = ThumbnailLoader(controller.lanes, None, None, size=64)
        self.model = ListingsModel(controller.reader, self.thumbnails, self)
        self.model.editRequested.connect(self.edit_cell)
        self.model.moveRequested.connect(self.move_row)
        self.model.moveManyRequested.connect(self.move_rows)
        self.model.countChanged.connect(lambda _n: self._show_state())
        self.model.loadingChanged.connect(lambda _b: self._show_state())
        self.model.failed.connect(lambda e: self.say(self._not_saved(e), error=True))
        self._build()
        self.retranslate()
        controller.changed.connect(self.apply_changes)

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("listingsHeading")
        self.table = QTableView()
        self.table.setObjectName("listingsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(ListingsDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.setIconSize(QSize(40, 40))
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        for column, key in enumerate(COLUMNS):
            self.table.horizontalHeader().resizeSection(column, WIDTHS[key])
        self.state = QLabel()
        self.state.setObjectName("listingsState")
        self.state.setWordWrap(True)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setObjectName("listingsMessage")
        self.message.setWordWrap(True)

        handlers: dict[str, Callable[[], None]] = {
            "pin": self.toggle_pinned, "hide": self.toggle_hidden, "remove": self.remove,
            "move": lambda: self.ask_targets(move=True), "copy": lambda: self.ask_targets(),
            "lineup": self.ask_lineup, "undo": self.undo, "up": lambda: self.step(-1),
            "down": lambda: self.step(1), "product_title": self.use_product_title,
            "clear_schedule": self.clear_schedule,
        }  # fmt: skip
        self.actions_by_key: dict[str, QAction] = {}
        self.buttons: dict[str, QPushButton] = {}
        for key, handler in handlers.items():
            action = QAction(self)
            action.setShortcut(QKeySequence(SHORTCUTS[key]))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.addAction(action)
            self.actions_by_key[key] = action
        bar = QHBoxLayout()
        # The heading gives way (elided by the layout) rather than widening the window.
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.heading, 1)
        for key in BUTTONS:
            button = QPushButton()
            button.setObjectName(f"listings-{key}")
            button.clicked.connect(self.actions_by_key[key].trigger)
            bar.addWidget(button)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

    def retranslate(self) -> None:
        names = {
            "pin": self.tr("Pin / unpin"), "hide": self.tr("Hide / show"),
            "remove": self.tr("Remove"), "move": self.tr("Move to…"),
            "copy": self.tr("Copy to…"), "lineup": self.tr("Copy lineup to…"),
            "undo": self.tr("Undo"), "up": self.tr("Move up"), "down": self.tr("Move down"),
            "product_title": self.tr("Use the product's title"),
            "clear_schedule": self.tr("Clear the schedule"),
        }  # fmt: skip
        for key, action in self.actions_by_key.items():
            action.setText(names[key])
        for key, button in self.buttons.items():  # the key in the tooltip: the row fits 1200 px
            button.setText(names[key])
            button.setToolTip(f"{names[key]} ({SHORTCUTS[key]})")
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._show_state()

    # --- what is shown ------------------------------------------------------------------------
    def set_session(self, session: AccountSession | None) -> None:
        self.undo_stack.clear()
        self.message.clear()
        self.channels = []
        self.set_channel(None)
        self.thumbnails.set_source(None, None)
        if session is None:
            return

        def job() -> Any:
            from workbench.client.image_cache import DEFAULT_CAP_BYTES, ImageCache
            from workbench.paths import data_dir

            return ImageCache(data_dir() / "images" / session.server_key, DEFAULT_CAP_BYTES)

        def opened(cache: Any) -> None:
            if self.controller.session is session:
                self.thumbnails.set_source(session.api.thumbnail, cache)

        self.controller.lanes.net.run(job, done=opened)

    def set_channels(self, rows: list[ChannelRow]) -> None:
        self.channels = rows
        if self.channel is not None:
            now = next((r for r in rows if r.id == self.channel.id), None)
            if now is None:
                self.set_channel(None)  # deleted
            else:
                self.channel = now
                self._show_state()

    def set_channel(self, channel: ChannelRow | None) -> None:
        if channel is not None and self.channel is not None and channel.id == self.channel.id:
            self.channel = channel
            self._show_state()
            return
        self.channel = channel
        self.model.set_channel(None if channel is None else channel.id)
        self._show_state()

    def apply_changes(self, changed: Changed) -> None:
        if self.channel is not None and changed.touches(("listing", "product", "plan")):
            self.model.refresh()

    def _show_state(self) -> None:
        channel, total = self.channel, self.model.total
        if channel is None:
            heading = self.tr("Listings")
            text = self.tr("Choose a channel above to see and edit its listings.")
        elif total is None:
            heading = channel.name
            text = self.tr("Reading the listings of “%1”…").replace("%1", channel.name)
        else:
            heading = self.tr("“%1”: %n listing(s)", "", total).replace("%1", channel.name)
            text = (
                ""
                if total
                else self.tr(
                    "“%1” has no listings yet. Place products on it from the selection center, "
                    "or choose another channel and copy its lineup here (Ctrl+Shift+L)."
                ).replace("%1", channel.name)
            )
        self.heading.setText(heading)
        self.state.setText(text)
        self.state.setVisible(bool(text))
        self.table.setVisible(channel is not None and bool(total))
        self._enable()

    def _enable(self) -> None:
        some = bool(self.table.selectionModel().hasSelection()) and self.channel is not None
        for key in ("pin", "hide", "remove", "move", "copy", "up", "down", "product_title",
                    "clear_schedule"):  # fmt: skip
            self.actions_by_key[key].setEnabled(some)
            if key in self.buttons:
                self.buttons[key].setEnabled(some)
        has_rows = self.channel is not None and bool(self.model.total)
        self.actions_by_key["lineup"].setEnabled(has_rows)
        self.buttons["lineup"].setEnabled(has_rows)
        self.buttons["undo"].setEnabled(bool(self.undo_stack))

    def _menu(self, at: Any) -> None:
        menu = QMenu(self)
        for key in ("pin", "hide", "up", "down", "product_title", "clear_schedule", "move",
                    "copy", "lineup", "remove", "undo"):  # fmt: skip
            menu.addAction(self.actions_by_key[key])
        menu.popup(self.table.viewport().mapToGlobal(at))

    def say(self, text: str, *, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)

    # --- selection ----------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        rows: set[int] = set()
        selection = self.table.selectionModel().selection()
        for i in range(selection.count()):
            span = selection.at(i)
            rows.update(range(span.top(), span.bottom() + 1))
        return sorted(rows)

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            selection.select(self.model.index(row, 1), flags)
        if rows:
            selection.setCurrentIndex(self.model.index(rows[0], 1), flags)

    def with_selected_ids(self, then: Callable[[list[str]], None]) -> None:
        """``then(ids)`` of the selected rows (reading the ids of rows not held first)."""
        rows, channel = self.selected_rows(), self.channel
        if not rows or channel is None:
            self.say(self.tr("Select one or more listings first."), error=True)
            return
        known = [self.model.row_data(r) for r in rows]
        if all(k is not None for k in known):
            then([k.id for k in known if k is not None])
            return
        self.controller.reader.interactive(
            lambda cache: listings.ids(cache, channel.id),
            lambda ids: then([ids[r] for r in rows if r < len(ids)]),
        )

    # --- edits ----------------------------------------------------------------------------------
    def _edit(self, fn: Callable[[Cache], Intent], words: Callable[[Intent], str]) -> None:
        def done(intent: Intent) -> None:
            label = words(intent)
            self.undo_stack.push(intent, label)
            self.say(label)
            self._enable()

        def failed(exc: BaseException) -> None:
            self.say(self._not_saved(exc), error=True)

        self.controller.edit_with(fn, done, failed, cause=CAUSE)

    def _not_saved(self, exc: BaseException) -> str:
        if isinstance(exc, ChannelGone):
            return self.tr("That channel is gone (deleted meanwhile): nothing was changed.")
        return self.tr("Not saved: %1").replace("%1", str(exc))

    def edit_cell(self, listing_id: str, key: str, value: Any) -> None:
        """An edited cell (custom title, selling points, start or end of the schedule)."""
        try:
            fields = cell_edits.patch_for(self.model.find(listing_id), key, value)
        except BadField as bad:
            self.say(cell_edits.refusal(bad, key), error=True)
            return
        self._edit(
            lambda cache: listing_edits.patch(cache, [listing_id], fields),
            lambda _i: self.tr("Listing changed."),
        )

    def _toggle(self, field: str, words: Callable[[bool, int], str]) -> None:
        current = self.model.row_data(self.table.currentIndex().row())
        if current is None and (rows := self.selected_rows()):
            current = self.model.row_data(rows[0])
        value = not (current is not None and bool(getattr(current, field)))

        def go(ids: list[str]) -> None:
            self._edit(
                lambda cache: listing_edits.patch(cache, ids, {field: value}),
                lambda i: words(value, len(i.patched)),
            )

        self.with_selected_ids(go)

    def toggle_pinned(self) -> None:
        self._toggle("pinned", lambda on, n: self.tr("Pinned %n listing(s).", "", n) if on
                     else self.tr("Unpinned %n listing(s).", "", n))  # fmt: skip

    def toggle_hidden(self) -> None:
        self._toggle("hidden", lambda on, n: self.tr("Hid %n listing(s).", "", n) if on
                     else self.tr("Showed %n listing(s).", "", n))  # fmt: skip

    def use_product_title(self) -> None:
        self.with_selected_ids(
            lambda ids: self._edit(
                lambda cache: listing_edits.patch(cache, ids, {"custom_title": None}),
                lambda i: self.tr("%n listing(s) show the product's title.", "", len(i.patched)),
            )
        )

    def clear_schedule(self) -> None:
        self.with_selected_ids(
            lambda ids: self._edit(
                lambda cache: listing_edits.patch(cache, ids, {"start_at": None, "end_at": None}),
                lambda i: self.tr("Schedule cleared on %n listing(s).", "", len(i.patched)),
            )
        )

    def remove(self) -> None:
        self.with_selected_ids(
            lambda ids: self._edit(
                lambda cache: listing_edits.remove(cache, ids),
                lambda i: self.tr(
                    "Removed %n listing(s) (Ctrl+Z puts them back).", "", len(i.removed)
                ),
            )
        )

    def _others(self) -> list[ChannelRow] | None:
        others = [c for c in self.channels if self.channel is None or c.id != self.channel.id]
        if not others or self.channel is None:
            self.say(batch.no_other_channel(), error=True)
            return None
        return others

    def ask_targets(self, *, move: bool = False) -> None:
        others = self._others()
        if others is None:
            return
        dialog = batch.targets_dialog(self, others, move=move)
        dialog.accepted.connect(lambda: self.with_selected_ids(
            lambda ids: self.batch(ids, dialog.chosen(), move=move)))  # fmt: skip
        self.dialog = dialog
        dialog.open()

    def batch(self, ids: list[str], targets: list[str], *, move: bool) -> None:
        self._edit(
            lambda cache: listing_edits.copy_to(cache, ids, targets, move=move),
            lambda intent: self.batch_words(intent, move=move),
        )

    def batch_words(self, intent: Intent, *, move: bool) -> str:
        """What a batch did, in words, with how to undo it."""
        if move:
            done = self.tr("Moved %n listing(s).", "", len(intent.moved))
        else:
            done = self.tr("Copied %n listing(s).", "", len(intent.created))
        if intent.skipped:
            done += " " + self.tr("%n left out (already there).", "", intent.skipped)
        return done + " " + self.tr("Ctrl+Z undoes it.")

    def ask_lineup(self) -> None:
        others, source = self._others(), self.channel
        if others is None or source is None:
            return
        dialog = batch.lineup_dialog(self, source.name, others)
        dialog.accepted.connect(lambda: self.copy_lineup(source.id, dialog.chosen()))
        self.dialog = dialog
        dialog.open()

    def copy_lineup(self, source: str, targets: list[str]) -> None:
        def job(cache: Cache) -> Intent:
            return listing_edits.copy_to(cache, listings.ids(cache, source), targets)

        self._edit(job, lambda intent: self.batch_words(intent, move=False))

    def undo(self) -> None:
        entry = self.undo_stack.pop()
        if entry is None:
            self.say(self.tr("Nothing to undo."))
            return

        def done(_back: Intent) -> None:
            self.say(self.tr("Undone: %1").replace("%1", entry.label))
            self._enable()

        self.controller.edit_with(
            lambda cache: listing_edits.undo(cache, entry.intent),
            done,
            lambda exc: self.say(self._not_saved(exc), error=True),
            cause=CAUSE,
        )

    # --- order ------------------------------------------------------------------------------------
    def step(self, by: int) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        target = row + by if by < 0 else row + by + 1
        if 0 <= target <= self.model.rowCount():
            self.move_row(row, target)

    def move_row(self, source: int, target: int) -> None:
        """Move the listing on row ``source`` before row ``target`` (see ``reorder.py``)."""
        channel, land = self.channel, reorder.landing(self.model, source, target)
        if land is None or channel is None:
            return
        me, old = land.listing, land.listing.position

        def job(cache: Cache) -> Intent:
            placed = land.position is not None and listing_order.place_between(
                cache, me.id, land.low, land.high
            )
            olds = (
                {me.id: old} if placed else listing_order.move(cache, channel.id, me.id, land.dest)
            )
            return _reorder_intent(olds)  # a renumber's undo puts back every position it changed

        if land.position is not None:
            self.model.show_move(source, target, land.position)  # in the next frame
            self.table.selectRow(land.dest)
        self._edit(job, lambda _i: self.tr("Listing moved."))

    def move_rows(self, rows: list[int], target: int) -> None:
        """Move the listings on ``rows`` together, as one block, before row ``target``: one
        ``listing.patch`` each when the gap there has room, else the group is renumbered
        (``listing_order.move_many``); one undo puts back every position."""
        channel, rows = self.channel, sorted(set(rows))
        if channel is None or not rows:
            return
        dest = target - sum(1 for r in rows if r < target)

        def go(ids: list[str]) -> None:
            self._edit(
                lambda cache: _reorder_intent(
                    listing_order.move_many(cache, channel.id, ids, dest)
                ),
                lambda i: self.tr("Moved %n listing(s).", "", len(rows)) if i.patched else "",
            )
            self.select_rows(list(range(dest, dest + len(rows))))

        known = [self.model.row_data(r) for r in rows]
        if all(k is not None for k in known):
            go([k.id for k in known if k is not None])
            return
        self.controller.reader.interactive(
            lambda cache: listings.ids(cache, channel.id),
            lambda ids: go([ids[r] for r in rows if r < len(ids)]),
        )

    def shutdown(self) -> None:
        self.thumbnails.cancel_pending()


def _reorder_intent(old_positions: dict[str, int]) -> Intent:
    """A reorder as an undoable intent: every listing it patched, with its old position."""
    return Intent("patch", patched={i: {"position": p} for i, p in old_positions.items()})
