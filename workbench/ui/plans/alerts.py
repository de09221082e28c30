"""Commission-cut alerts (降佣提醒) in the window: a bell with the unread count, and the list.

The bell sits at the right end of the account bar (a creator's only: a merchant makes cuts, it
is not told of them) and shows how many alerts are unread; the count is read on the reader's
background lane when an account opens and after every change that touches ``cut_alert`` (the
sync step that brings a cut notice makes the alert, ``store/cut_alerts.py``). A click opens the
list (non-modal, one at a time): unread first, each cut as product, shop, my rate before → the
new rate, the date it takes effect, its state (under notice, in force, withdrawn) and the
listings of mine it touches; the selected alert's listings can be opened in My channels.
Mark read / Mark all read write the cache through the edit lane (works offline).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.core.enums import Role
from workbench.store import cut_alerts as store
from workbench.ui.icons import line_icon
from workbench.ui.selection.columns import percent
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating, TableOrState, number

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

CAUSE = "cut_alerts"
WATCHED = (store.ENTITY, "plan")  # a plan's change may change an alert's state
ID_ROLE = Qt.ItemDataRole.UserRole


def when(text: str | None) -> str:
    """An ISO time as the user's local date and minute."""
    if not text:
        return "—"
    try:
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def row_table(name: str, *, columns: int, stretch: int) -> QTableWidget:
    """A read-only table of whole rows, columns fitted to their text but ``stretch``."""
    table = QTableWidget(0, columns)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class AlertBell(Retranslating, QToolButton):
    """The bell with the unread count; ``openRequested`` on a click."""

    openRequested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cutAlertsBell")
        self.controller = controller
        self.unread = 0
        self.creator = False
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setIcon(line_icon("bell", self.palette()))
        self.clicked.connect(self.openRequested)
        controller.sessionChanged.connect(self._session)
        controller.changed.connect(self._changed)
        self._session(controller.session)
        self.retranslate()

    def _session(self, session: AccountSession | None) -> None:
        self.creator = session is not None and session.account.role is Role.CREATOR
        self.unread = 0  # the toolbar shows or hides the bell through its action (``install``)
        self.refresh()
        self.retranslate()

    def _changed(self, changed: Changed) -> None:
        if changed.touches((store.ENTITY,)):
            self.refresh()

    def refresh(self) -> None:
        if self.creator:
            self.controller.reader.background(store.unread_count, self._counted)

    def _counted(self, count: Any) -> None:
        if not isValid(self):
            return
        self.unread = int(count)
        self.retranslate()

    def retranslate(self) -> None:
        if self.unread:
            self.setText(self.tr("Rate cuts: %1").replace("%1", number(self.unread)))
        else:
            self.setText(self.tr("Rate cuts"))
        self._restyle()
        self.setToolTip(
            self.tr("Commission cuts on plans you applied to or list: %1 unread").replace(
                "%1", number(self.unread)
            )
        )

    def _restyle(self) -> None:
        # Unread: in the palette's error colour. Set only when it differs: a style sheet
        # change sends a palette change, which comes back here.
        style = (
            f"color: {error_color(self.palette()).name()}; font-weight: bold;"
            if self.unread
            else ""
        )
        if self.styleSheet() != style:
            self.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.setIcon(line_icon("bell", self.palette()))
            self._restyle()
        super().changeEvent(event)


class CutAlertsDialog(Retranslating, QDialog):
    """The list of cut alerts; ``openListing(channel_id, listing_id)`` to show one."""

    openListing = Signal(str, str)

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cutAlerts")
        self.controller = controller
        self.rows: list[store.CutAlert] = []
        self.loaded = False
        self.resize(1000, 560)
        self.heading = QLabel()
        self.heading.setObjectName("cutAlertsHeading")
        self.heading.setWordWrap(True)
        self.table = row_table("cutAlertsTable", columns=6, stretch=0)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table_box = TableOrState(self.table, "cutAlerts")  # no cuts: a line says so
        self.listings_label = QLabel()
        self.listings = QListWidget()
        self.listings.setObjectName("cutAlertListings")
        self.listings.setMaximumHeight(120)
        self.listings.itemActivated.connect(lambda _i: self.open_selected_listing())
        self.listings.itemSelectionChanged.connect(self._enable)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openAffectedListing")
        self.open_button.clicked.connect(self.open_selected_listing)
        self.read_button = QPushButton()
        self.read_button.setObjectName("markCutRead")
        self.read_button.clicked.connect(self.mark_selected_read)
        self.all_read_button = QPushButton()
        self.all_read_button.setObjectName("markAllCutsRead")
        self.all_read_button.clicked.connect(self.mark_all_read)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        for button in (self.read_button, self.all_read_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table_box, 1)
        layout.addWidget(self.listings_label)
        layout.addWidget(self.listings)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(self.mark_selected_read)
        controller.changed.connect(self._changed)
        controller.sessionChanged.connect(self._session)  # a method: gone with the dialog
        self.retranslate()
        self.reload()

    # --- reading ---------------------------------------------------------------------------
    def _session(self, _session: object) -> None:
        self.close()  # another account's alerts are not these

    def reload(self) -> None:
        self.controller.reader.interactive(store.alerts, self._loaded)

    def _changed(self, changed: Changed) -> None:
        if changed.touches(WATCHED) or changed.touches(("listing", "channel")):
            self.reload()

    def _loaded(self, rows: Any) -> None:
        if not isValid(self):
            return  # closed (and deleted) while the lane read
        self.rows = list(rows)
        self.loaded = True
        self._show()

    # --- showing ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Commission cuts"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Product"), self.tr("Shop"), self.tr("My rate"), self.tr("Takes effect"),
            self.tr("State"), self.tr("My listings"),
        ])  # fmt: skip
        self.open_button.setText(self.tr("Open in My channels"))
        self.read_button.setText(self.tr("Mark read (Ctrl+R)"))
        self.all_read_button.setText(self.tr("Mark all read"))
        self.close_button.setText(self.tr("Close"))
        self._show()

    def _state_text(self, alert: store.CutAlert) -> str:
        return {
            store.AlertState.NOTICE: self.tr("Under notice"),
            store.AlertState.IN_FORCE: self.tr("In force"),
            store.AlertState.WITHDRAWN: self.tr("Withdrawn"),
        }[alert.state]

    def _show(self) -> None:
        selected = self.selected()
        unread = sum(not a.read for a in self.rows)
        self.heading.setVisible(bool(self.rows))
        self.listings_label.setVisible(bool(self.rows))
        self.listings.setVisible(bool(self.rows))
        if not self.rows:
            self.table_box.say(
                self.tr("No commission cuts on plans you applied to or list.")
                if self.loaded
                else self.tr("Reading…")
            )
            self.heading.clear()
        else:
            self.table_box.say("")
            self.heading.setText(
                self.tr(
                    "A cut waits out its notice period before your rate falls; "
                    "raises apply at once. %1 unread of %2."
                )
                .replace("%1", number(unread))
                .replace("%2", number(len(self.rows)))
            )
        self.table.setRowCount(len(self.rows))
        red = error_color(self.palette())
        for r, alert in enumerate(self.rows):
            old = "—" if alert.old_ppm is None else percent(alert.old_ppm)
            names = sorted({x.channel_name for x in alert.listings})
            if alert.listings:
                mine = (
                    self.tr("%1 on %2")
                    .replace("%1", number(len(alert.listings)))
                    .replace("%2", "、".join(names))
                )
            else:
                mine = self.tr("Applied, not listed") if alert.applied else "—"
            cells = [
                ("● " if not alert.read else "") + alert.title,
                alert.shop_name,
                f"{old} → {percent(alert.new_ppm)}",
                when(alert.effective_at),
                self._state_text(alert),
                mine,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, alert.id)
                item.setToolTip(text)
                if not alert.read:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if c == 2 and alert.state is not store.AlertState.WITHDRAWN:
                    item.setForeground(red)
                self.table.setItem(r, c, item)
            if alert.id == (selected.id if selected else None):
                self.table.selectRow(r)
        if selected is None and self.rows:
            self.table.selectRow(0)
        self._selected()

    def selected(self) -> store.CutAlert | None:
        items = self.table.selectedItems()
        if not items:
            return None
        wanted = items[0].data(ID_ROLE)
        return next((a for a in self.rows if a.id == wanted), None)

    def _selected(self) -> None:
        alert = self.selected()
        self.listings.clear()
        if alert is not None:
            for listing in alert.listings:
                item = QListWidgetItem(
                    self.tr("%1 on the channel “%2”")
                    .replace("%1", alert.title)
                    .replace("%2", listing.channel_name)
                )
                item.setData(ID_ROLE, (listing.channel_id, listing.id))
                self.listings.addItem(item)
            if alert.listings:
                self.listings.setCurrentRow(0)
        self.listings_label.setText(
            self.tr("Listings this cut touches:")
            if alert is not None and alert.listings
            else self.tr("No listing of yours carries this product.")
        )
        self._enable()

    def _enable(self) -> None:
        alert = self.selected()
        self.open_button.setEnabled(bool(self.listings.selectedItems()))
        self.read_button.setEnabled(alert is not None and not alert.read)
        self.all_read_button.setEnabled(any(not a.read for a in self.rows))

    # --- actions ---------------------------------------------------------------------------
    def open_selected_listing(self) -> None:
        items = self.listings.selectedItems()
        alert = self.selected()
        if not items or alert is None:
            return
        channel_id, listing_id = items[0].data(ID_ROLE)
        if not alert.read:
            self._mark([alert.id])
        self.openListing.emit(str(channel_id), str(listing_id))

    def mark_selected_read(self) -> None:
        ids = sorted({int(i.data(ID_ROLE)) for i in self.table.selectedItems()})
        if ids:
            self._mark(ids)

    def mark_all_read(self) -> None:
        self._mark(None)

    def _mark(self, ids: list[int] | None) -> None:
        def edit(cache: Cache) -> int:
            return store.mark_read(cache, ids)

        self.controller.edit_with(edit, cause=CAUSE)


def open_listing(window: Any, channel_id: str, listing_id: str, tries: int = 60) -> None:
    """My channels with the channel chosen and the listing selected (its row is found on the
    reader's interactive lane once the channel's rows are read)."""
    from workbench.store import listings as store_listings
    from workbench.ui.conflicts_inbox import open_target

    open_target(window, "channel", channel_id)
    page = window.page("channels")
    view = page.listings
    if view.channel is None or view.channel.id != channel_id:
        if tries > 0:  # the page is still reading its channels
            QTimer.singleShot(100, lambda: open_listing(window, channel_id, listing_id, tries - 1))
        return

    def found(order: Any) -> None:
        ids = list(order)
        if listing_id in ids:
            row = ids.index(listing_id)
            view.select_rows([row])
            view.table.scrollTo(view.model.index(row, 1))
            view.table.setFocus(Qt.FocusReason.OtherFocusReason)

    window.controller.reader.interactive(lambda cache: store_listings.ids(cache, channel_id), found)


def install(window: Any) -> AlertBell:
    """Put the bell at the right end of the window's account bar; a click opens the list."""
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "accountBar")
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    bell = AlertBell(window.controller)
    action = bar.addWidget(bell)
    action.setVisible(bell.creator)
    window.cut_alerts_action = action
    window.cut_alerts_dialog = None

    def show_list() -> None:
        dialog = window.cut_alerts_dialog
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            return
        dialog = CutAlertsDialog(window.controller, window)
        dialog.openListing.connect(lambda c, lid: open_listing(window, c, lid))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None: setattr(window, "cut_alerts_dialog", None))
        window.cut_alerts_dialog = dialog
        dialog.show()

    bell.openRequested.connect(show_list)
    window.controller.sessionChanged.connect(lambda _s: action.setVisible(bell.creator))
    return bell
