"""My channels (我的渠道): every channel with its figures; create, rename, delete; the upgrade.

A creator's channels, read through the shared reader (``store/channels.py``), one row each:
kind, name, listings, live-plan coverage, the last 30 days' sales of the channel, and whether an
edit waits. Edits go through the outbox (``SyncController.edit_with``), so they show at once
and work offline. A 视频号带货者 sees the upgrade banner and only the 视频号 kinds are usable
(the others are listed, disabled, with the reason as their tooltip). The page re-reads when a
change touches channels, listings, plans, orders or the account, and not otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import ChannelKind, CreatorIdentity
from workbench.store import channels
from workbench.ui.pages.registry import Audience
from workbench.ui.selection.channel_picker import fill_kinds, kind_names, needs_upgrade
from workbench.ui.selection.columns import yuan
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating, page_title

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
        self._build()
        self.retranslate()
        controller.sessionChanged.connect(self.set_session)
        controller.changed.connect(self.apply_changes)
        self.set_session(controller.session)

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = page_title()
        self.banner = QFrame()
        self.banner.setObjectName("upgradeBanner")
        self.banner.setStyleSheet(
            "#upgradeBanner { background: #e8f1ff; border-radius: 6px; }"
            "#upgradeBanner QLabel { color: #14325c; }"
        )
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.upgrade_button = QPushButton()
        self.upgrade_button.setObjectName("upgrade")
        self.upgrade_button.clicked.connect(self.upgrade)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(12, 8, 12, 8)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.upgrade_button)
        self.banner.hide()

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
        self.state = QLabel()
        self.state.setObjectName("channelsState")
        self.state.setWordWrap(True)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.kind = QComboBox()
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addWidget(self.message)
        for keys, action in (
            (QKeySequence.StandardKey.New, self.name.setFocus),
            (QKeySequence(Qt.Key.Key_F2), self.start_rename),
            (QKeySequence(Qt.Key.Key_Delete), self.ask_delete),
            (QKeySequence("Ctrl+Shift+U"), self.upgrade),
        ):
            QShortcut(keys, self).activated.connect(action)
        self._selected()

    def retranslate(self) -> None:
        self.title.setText(self.tr("My channels"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Name"),
                self.tr("Listings"),
                self.tr("With a live plan"),
                self.tr("Sales, 30 days (kind)"),
                self.tr("Sync"),
            ]
        )
        sales_header = self.table.horizontalHeaderItem(4)
        if sales_header is not None:
            sales_header.setToolTip(
                self.tr("Orders name the kind of channel they sold through, not the channel.")
            )
        self.name.setPlaceholderText(self.tr("Channel name (Ctrl+N)"))
        self.add_button.setText(self.tr("Add channel"))
        self.rename_button.setText(self.tr("Rename (F2)"))
        self.delete_button.setText(self.tr("Delete… (Del)"))
        self.banner_text.setText(
            self.tr(
                "You sell as a 视频号带货者: only 视频号 channels (showcase, live, short video). "
                "Upgrade to 微信小店带货者 to open 公众号, 服务号, 小程序 and 社群 channels. "
                "Your showcase products, orders, deposit (保证金) and settlement records carry "
                "over whole; no second deposit is paid."
            )
        )
        self.upgrade_button.setText(self.tr("Upgrade (Ctrl+Shift+U)"))
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
        self._set_audience(Audience() if session is None else Audience.of(session.account))
        self._show()
        if session is not None:
            self.reload()

    def _set_audience(self, audience: Audience) -> None:
        self.audience = audience
        self.banner.setVisible(audience.legacy)
        self._fill_kinds()

    def apply_changes(self, changed: Changed) -> None:
        if self.session is not None and changed.touches(WATCHED):
            self.reload()

    def reload(self) -> None:
        def job(cache: Cache) -> tuple[list[channels.ChannelRow], CreatorIdentity | None]:
            return channels.channels(cache), channels.identity(cache)

        self.controller.reader.interactive(job, self._loaded, self._failed)

    def _loaded(self, result: tuple[list[channels.ChannelRow], CreatorIdentity | None]) -> None:
        self.rows, identity = result
        self.loaded = True
        if identity is not None and identity != self.audience.identity:
            self._set_audience(Audience(self.audience.role, identity))  # upgraded meanwhile
        self._show()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("Could not read your channels: %1").replace("%1", str(exc)))

    def _show(self) -> None:
        selected = self.selected_id()
        names = kind_names()
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
        if self.session is None or not self.audience.legacy:
            return
        account_id = self.session.account.id
        self._edit(
            lambda cache: cache.enqueue("account.upgrade", account_id, {}),
            lambda _r: self.say(
                self.tr(
                    "Upgrading to 微信小店带货者: every channel kind opens when the server confirms."
                )
            ),
        )

    def _edit(self, fn: Any, done: Any) -> None:
        def failed(exc: BaseException) -> None:
            self.say(self.tr("Not saved: %1").replace("%1", str(exc)), error=True)

        def finished(result: Any) -> None:
            self.name.clear()
            done(result)

        self.controller.edit_with(fn, finished, failed, cause=CAUSE)

    def say(self, text: str, *, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
