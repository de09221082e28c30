"""My channels (我的渠道): every channel with its figures; create, rename, delete; the upgrade.

A creator's channels, read through the shared reader (``store/channels.py``), one row each:
kind, name, listings, live-plan coverage, the last 30 days' sales of the channel, and whether an
edit waits; the chosen channel's listings below it (``listings_view.py``). Edits go through
the outbox (``SyncController.edit_with``), so they show at once
and work offline. A 视频号带货者 sees the upgrade banner and only the 视频号 kinds are usable
(the others are listed, disabled, with the reason as their tooltip). The page re-reads when a
change touches channels, listings, plans, orders or the account, and not otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import ChannelKind, CreatorIdentity
from workbench.store import channels
from workbench.ui.channels.attention import AttentionPanel
from workbench.ui.channels.listings_view import ListingsView
from workbench.ui.channels.upgrade_banner import UpgradeBanner
from workbench.ui.pages.registry import Audience
from workbench.ui.selection.channel_picker import fill_kinds, kind_names, needs_upgrade
from workbench.ui.selection.columns import yuan
from workbench.ui.theme import error_color
from workbench.ui.widgets import PAGE_MARGINS, Retranslating, combo_box, page_title, state_line

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

CAUSE = "channels"
WATCHED = ("channel", "listing", "plan", "order", "account")
ID_ROLE = Qt.ItemDataRole.UserRole


class ChannelsPage(Retranslating, QWidget):
    """The page; it follows the controller's account."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-channels")
        self.controller = controller
        self.session: AccountSession | None = None
        self.audience = Audience()
        self.rows: list[channels.ChannelRow] = []
        self.loaded = False
        self.confirm: QMessageBox | None = None
        self._reads = 0  # the newest reload: only its answer is shown
        self._build()
        self.retranslate()
        controller.sessionChanged.connect(self.set_session)
        controller.changed.connect(self.apply_changes)
        self.set_session(controller.session)

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = page_title()
        self.banner = UpgradeBanner(self.controller)
        self.banner.said.connect(lambda text, error: self.say(text, error=error))

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("channelTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 240), (2, 80), (3, 130), (4, 190), (5, 100)):
            header.resizeSection(column, width)
        self.table.itemSelectionChanged.connect(self._selected)
        self.state = state_line("channels")

        self.kind = combo_box()
        self.kind.setObjectName("channelKind")
        self.name = QLineEdit()
        self.name.setObjectName("channelName")
        self.name.setMaxLength(channels.NAME_MAX + 20)  # over-long is answered in words
        self.name.returnPressed.connect(self.add_channel)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addChannel")
        self.add_button.clicked.connect(self.add_channel)
        self.rename_button = QPushButton()
        self.rename_button.setObjectName("renameChannel")
        self.rename_button.clicked.connect(self.rename)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteChannel")
        self.delete_button.clicked.connect(self.ask_delete)
        form = QHBoxLayout()
        form.addWidget(self.kind)
        form.addWidget(self.name, 1)
        for button in (self.add_button, self.rename_button, self.delete_button):
            form.addWidget(button)
        self.message = QLabel()
        self.message.setObjectName("channelsMessage")
        self.message.setWordWrap(True)

        self.listings = ListingsView(self.controller)
        top = QWidget()
        self.top_layout = top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.state)
        top_layout.addLayout(form)
        top_layout.addWidget(self.message)
        # Listing health of all channels: a bar; opened, its table takes a share of the split.
        self.attention = AttentionPanel(self.controller)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.attention)
        self.split.addWidget(top)
        self.split.addWidget(self.listings)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(1, 2)
        self.split.setStretchFactor(2, 5)
        self.attention.toggle.toggled.connect(self._attention_opened)
        self._split_moved = False  # by hand: the channels' rows no longer size it
        self.split.splitterMoved.connect(lambda *_: setattr(self, "_split_moved", True))
        self.split.installEventFilter(self)  # a bar shown above the pages shrinks the split
        self._attention_opened(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.split, 1)
        for keys, action in (
            (QKeySequence.StandardKey.New, self.name.setFocus),
            (QKeySequence("Ctrl+Shift+U"), self.upgrade),
        ):
            QShortcut(keys, self).activated.connect(action)
        self.addAction(self.listings.actions_by_key["undo"])  # Ctrl+Z anywhere on the page
        # F2 and Del act on the channel list only (in the listings table they edit a cell and
        # remove listings).
        for keys, action in (
            (QKeySequence(Qt.Key.Key_F2), self.start_rename),
            (QKeySequence(Qt.Key.Key_Delete), self.ask_delete),
        ):
            shortcut = QShortcut(keys, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self._selected()

    def _attention_opened(self, on: bool, height: int | None = None) -> None:
        """Closed, the health bar keeps its own height and the channel list is as tall as its
        rows (eight at most, three fifths of the split at most); open, the health table gets two fifths of
        the split and the channel's listings keep two fifths (at 1200×780 about eight rows
        each)."""
        bar = self.attention.sizeHint().height()
        handles = self.split.handleWidth() * (self.split.count() - 1)
        total = (height - handles if height is not None else sum(self.split.sizes())) or 750
        if on:
            self.attention.setMaximumHeight(16_777_215)
            self.split.setSizes([total * 2 // 5, total // 5, total - total * 3 // 5])
        else:
            self.attention.setMaximumHeight(bar)
            rest = max(total - bar, 0)
            top = min(self._top_height(), rest * 3 // 5)
            self.split.setSizes([bar, top, rest - top])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The split resized (the window, or a notice or the upgrade banner shown above it):
        the channel list stays as tall as its rows unless the split was moved by hand."""
        if (
            watched is self.split
            and event.type() == QEvent.Type.Resize
            and not self._split_moved
            and not self.attention.toggle.isChecked()
        ):
            self._attention_opened(False, cast(QResizeEvent, event).size().height())
        return super().eventFilter(watched, event)

    def _top_height(self) -> int:
        """The height that shows every channel row (three to eight) above the form."""
        rows = min(max(len(self.rows), 3), 8)
        table = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        rest = self.top_layout.sizeHint().height() - self.table.sizeHint().height()
        return table + rest

    def retranslate(self) -> None:
        self.title.setText(self.tr("My channels"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Name"),
                self.tr("Listings"),
                self.tr("With a live plan"),
                self.tr("Sales, 30 days"),
                self.tr("Sync"),
            ]
        )
        sales_header = self.table.horizontalHeaderItem(4)
        if sales_header is not None:
            sales_header.setToolTip(
                self.tr(
                    "Orders of the last 30 days sold through this channel (paid, less refunds)."
                )
            )
        self.name.setPlaceholderText(self.tr("Channel name (Ctrl+N)"))
        self.add_button.setText(self.tr("Add channel"))
        self.rename_button.setText(self.tr("Rename (F2)"))
        self.delete_button.setText(self.tr("Delete… (Del)"))
        self._fill_kinds()
        self._show()

    def _fill_kinds(self) -> None:
        fill_kinds(self.kind, self.audience)

    # --- account and reading ---------------------------------------------------------------
    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        self.rows, self.loaded = [], False
        self.message.clear()
        if self.confirm is not None:
            self.confirm.reject()
        self.listings.set_session(session)
        self._set_audience(Audience() if session is None else Audience.of(session.account))
        self._show()
        if session is not None:
            self.reload()

    def _set_audience(self, audience: Audience) -> None:
        self.audience = audience
        self.banner.set_audience(audience)
        self._fill_kinds()

    def apply_changes(self, changed: Changed) -> None:
        if self.session is not None and changed.touches(WATCHED):
            # The figures of every channel read every listing row: on the background lane, so
            # the listings' windows (interactive lane) are not kept waiting behind them.
            self.reload(background=True)

    def reload(self, *, background: bool = False) -> None:
        def job(cache: Cache) -> tuple[list[channels.ChannelRow], CreatorIdentity | None]:
            return channels.channels(cache), channels.identity(cache)

        self._reads += 1
        read = self._reads

        def loaded(result: tuple[list[channels.ChannelRow], CreatorIdentity | None]) -> None:
            if read == self._reads:  # an answer from two lanes may overtake an older one
                self._loaded(result)

        reader = self.controller.reader
        (reader.background if background else reader.interactive)(job, loaded, self._failed)

    def _loaded(self, result: tuple[list[channels.ChannelRow], CreatorIdentity | None]) -> None:
        self.rows, identity = result
        self.loaded = True
        self.listings.set_channels(self.rows)
        if not self._split_moved and not self.attention.toggle.isChecked():
            self._attention_opened(False)  # the channel list as tall as its rows
        if identity is not None and identity != self.audience.identity:
            self._set_audience(Audience(self.audience.role, identity))  # upgraded meanwhile
        self._show()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("Could not read your channels: %1").replace("%1", str(exc)))

    def _show(self) -> None:
        selected = self.selected_id()
        names = kind_names()
        self.table.blockSignals(True)  # one selection change after the refill, not one per row
        self.table.clearSelection()  # kept only if the channel is still there (by id, not row)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            kind = str(getattr(row.kind, "value", row.kind))
            coverage = (
                f"{row.covered:,} / {row.listings:,} ({row.covered * 100 // row.listings}%)"
                if row.listings
                else "—"
            )
            sales = self.tr("%1 in %n order(s)", "", row.orders).replace("%1", yuan(row.sales_fen))
            cells = [
                names.get(kind, kind),
                row.name,
                f"{row.listings:,}",
                coverage,
                sales,
                self.tr("Pending sync") if row.pending else self.tr("Synced"),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row.id)
                if c in (2, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
            if row.id == selected:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        if self.session is None:
            text = self.tr("No account is open.")
        elif not self.loaded:
            text = self.tr("Reading your channels…")
        elif not self.rows:
            text = self.tr(
                "You have no channels yet. Choose a kind, type a name below and press Enter "
                "(Ctrl+N), then place products on it from the selection center."
            )
        else:
            text = ""
        self.state.setText(text)
        self.state.setVisible(bool(text))
        self._selected()

    # --- edits ---------------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return None if not items else str(items[0].data(ID_ROLE))

    def _selected_row(self) -> channels.ChannelRow | None:
        chosen = self.selected_id()
        return next((r for r in self.rows if r.id == chosen), None)

    def _selected(self) -> None:
        self.listings.set_channel(self._selected_row())
        some = self.selected_id() is not None
        self.rename_button.setEnabled(some)
        self.delete_button.setEnabled(some)

    def _name_or_say(self) -> str | None:
        try:
            return channels.check_name(self.name.text())
        except channels.BadName as bad:
            if bad.reason == "empty":
                self.say(self.tr("Give the channel a name."), error=True)
            else:
                self.say(
                    self.tr("A channel name has at most %1 characters.").replace(
                        "%1", str(channels.NAME_MAX)
                    ),
                    error=True,
                )
            return None

    def add_channel(self) -> None:
        if self.session is None:
            return
        kind = ChannelKind(str(self.kind.currentData()))
        if not self.audience.may_use(kind):
            self.say(needs_upgrade(), error=True)
            return
        name = self._name_or_say()
        if name is None:
            return
        identity = self.audience.identity
        self._edit(
            lambda cache: channels.create(cache, kind, name, identity),
            lambda _id: self.say(self.tr("Channel “%1” added.").replace("%1", name)),
        )

    def start_rename(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.name.setText(row.name)
            self.name.selectAll()
            self.name.setFocus()

    def rename(self) -> None:
        row = self._selected_row()
        name = None if row is None else self._name_or_say()
        if row is None or name is None:
            return
        self._edit(
            lambda cache: channels.rename(cache, row.id, name),
            lambda _r: self.say(self.tr("Channel renamed to “%1”.").replace("%1", name)),
        )

    def ask_delete(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete channel"),
            self.tr(
                "Delete “%1”? Its %n listing(s) go with it (the products stay in the catalogue).",
                "",
                row.listings,
            ).replace("%1", row.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.delete(row.id, row.name))
        self.confirm = box
        box.open()

    def delete(self, channel_id: str, name: str) -> None:
        self._edit(
            lambda cache: channels.delete(cache, channel_id),
            lambda n: self.say(
                self.tr("Channel “%1” deleted with %n listing(s).", "", int(n)).replace("%1", name)
            ),
        )

    def upgrade(self) -> None:
        """Upgrade to 微信小店带货者 (the banner's action; Ctrl+Shift+U)."""
        self.banner.upgrade()

    def _edit(self, fn: Any, done: Any) -> None:
        def failed(exc: BaseException) -> None:
            self.say(self.tr("Not saved: %1").replace("%1", str(exc)), error=True)

        def finished(result: Any) -> None:
            self.name.clear()
            done(result)

        self.controller.edit_with(fn, finished, failed, cause=CAUSE)

    def shutdown(self) -> None:
        self.listings.shutdown()

    def say(self, text: str, *, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
