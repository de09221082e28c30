"""The channels page's "Needs attention" panel: every listing with a health problem, on every channel.

A bar says how many listings need attention (and is all that shows until it is opened); open,
a lazy table lists them, worst first, with channel, product and the reason in words, and
"Replacements…" offers products to put in a listing's place (``replacements.py``). The check
(``store/health.py``) runs on the reader's background lane: when an account opens, and again
whenever a sync or an edit changes products, plans or channels (debounced, the running check's
answer dropped when a newer one was asked for); when only listings changed (an edit, a move), only
those are checked again and merged in. The table holds the ids and
reasons of every problem listing and reads what it shows in windows of :data:`PAGE` rows on the
interactive lane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.store import attention, health
from workbench.ui.channels.reasons import describe, describe_all
from workbench.ui.selection.channel_picker import kind_names
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.channels.replacements import ReplacementsDialog
    from workbench.ui.reader import Reader
    from workbench.ui.sync_controller import SyncController

PAGE = 200
CAUSE = "channels-health"
WATCHED = ("product", "plan", "listing", "channel")
WHOLE = ("product", "plan", "channel")  # a change of these checks every listing again
RECHECK_MS = 400
Index = QModelIndex | QPersistentModelIndex


class AttentionModel(QAbstractTableModel):
    """The problem listings (held whole: ids and reasons), their words read a window at a time."""

    CHANNEL, PRODUCT, REASON = range(3)

    def __init__(self, reader: Reader, parent: Any = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.items: list[health.ListingHealth] = []
        self._shown: dict[int, dict[str, attention.Shown]] = {}
        self._asked: set[int] = set()
        self.generation = 0

    def set_items(self, items: list[health.ListingHealth]) -> None:
        self.beginResetModel()
        self.items = items
        self.generation += 1
        self._shown.clear()
        self._asked.clear()
        self.endResetModel()

    def item(self, row: int) -> health.ListingHealth | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def shown(self, row: int) -> attention.Shown | None:
        item = self.item(row)
        page = self._shown.get(row // PAGE)
        return None if item is None or page is None else page.get(item.listing_id)

    def _ask(self, page: int) -> None:
        if page in self._asked:
            return
        self._asked.add(page)
        ids = [h.listing_id for h in self.items[page * PAGE : (page + 1) * PAGE]]
        generation = self.generation

        def done(found: dict[str, attention.Shown]) -> None:
            if generation != self.generation:
                return
            self._shown[page] = found
            first, last = page * PAGE, min(len(self.items), (page + 1) * PAGE) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.REASON))

        self.reader.interactive(lambda cache: attention.rows(cache, ids), done)

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [self.tr("Channel"), self.tr("Product"), self.tr("Why")][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row())
        if not index.isValid() or item is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), index.column(), item)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == self.REASON:
            text = describe(item.problems[0])
            more = len(item.problems) - 1
            return (
                text
                if not more
                else self.tr("%1 (+%2 more)").replace("%1", text).replace("%2", str(more))
            )
        shown = self.shown(index.row())
        if shown is None:
            self._ask(index.row() // PAGE)
            return self.tr("Loading…") if index.column() == self.CHANNEL else ""
        if index.column() == self.CHANNEL:
            return shown.channel_name or kind_names().get(shown.channel_kind, shown.channel_kind)
        return (
            shown.custom_title
            or shown.title
            or self.tr("Product %1").replace("%1", shown.product_id)
        )

    def _tooltip(self, row: int, column: int, item: health.ListingHealth) -> str | None:
        if column == self.REASON:
            return describe_all(item.problems)
        shown = self.shown(row)
        if shown is None:
            return None
        if column == self.CHANNEL:
            return kind_names().get(shown.channel_kind, shown.channel_kind)
        return shown.title or shown.product_id


class AttentionPanel(Retranslating, QFrame):
    """The bar with the count, and the table it opens (see the module docstring)."""

    counted = Signal(int)  # how many listings need attention, after each check
    replaced = Signal(str)  # the new listing's id, after a replacement was queued

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attentionPanel")
        self.controller = controller
        self.session: AccountSession | None = None
        self.total: int | None = None
        self.checking = 0  # generation of the check asked for last
        self.dialog: ReplacementsDialog | None = None
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._timer.timeout.connect(self.recheck)
        self._build()
        self.retranslate()
        controller.sessionChanged.connect(self.set_session)
        controller.changed.connect(self.apply_changes)
        self.set_session(controller.session)

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("attentionSummary")
        self.toggle = QPushButton()
        self.toggle.setObjectName("attentionToggle")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._opened)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.toggle)

        self.model = AttentionModel(self.controller.reader, self)
        self.table = QTableView()
        self.table.setObjectName("attentionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AttentionModel.PRODUCT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(AttentionModel.CHANNEL, 200)
        header.resizeSection(AttentionModel.REASON, 340)
        self.table.doubleClicked.connect(lambda _i: self.open_replacements())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.replace_button = QPushButton()
        self.replace_button.setObjectName("openReplacements")
        self.replace_button.clicked.connect(self.open_replacements)
        self.recheck_button = QPushButton()
        self.recheck_button.setObjectName("recheckHealth")
        self.recheck_button.clicked.connect(self.recheck)
        self.message = QLabel()
        self.message.setObjectName("attentionMessage")
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.message, 1)
        actions.addWidget(self.recheck_button)
        actions.addWidget(self.replace_button)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 4, 0, 0)
        body.addWidget(self.table, 1)
        body.addLayout(actions)
        self.body.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(bar)
        layout.addWidget(self.body, 1)
        for keys, action in (
            (QKeySequence("Ctrl+Shift+A"), self.toggle.toggle),
            (QKeySequence("Ctrl+Shift+R"), self.open_replacements),
        ):
            QShortcut(keys, self).activated.connect(action)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table).activated.connect(
            self.open_replacements
        )
        self._selected()

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("Hide (Ctrl+Shift+A)") if self.toggle.isChecked()
                            else self.tr("Show (Ctrl+Shift+A)"))  # fmt: skip
        self.replace_button.setText(self.tr("Replacements… (Enter)"))
        self.recheck_button.setText(self.tr("Check again"))
        self._show_summary()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        if self.model.rowCount():  # the reasons are words of the language just chosen
            last = self.model.index(self.model.rowCount() - 1, AttentionModel.REASON)
            self.model.dataChanged.emit(self.model.index(0, 0), last)

    # --- account and checking ---------------------------------------------------------------
    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        self.total = None
        self.model.set_items([])
        self.message.clear()
        self._show_summary()
        if session is not None:
            self.recheck()

    def apply_changes(self, changed: Changed) -> None:
        if self.session is None or not changed.touches(WATCHED):
            return
        if changed.touches(WHOLE) or self.total is None:
            self._timer.start()  # a burst of changes makes one check
            return
        # Only listings changed (a user's edits, a sync of them): check those alone.
        asked = set(changed.ids("listing"))
        generation = self.checking

        def job(cache: Cache) -> dict[str, health.ListingHealth]:
            return health.listing_health(cache, sorted(asked))

        def done(found: dict[str, health.ListingHealth]) -> None:
            if generation == self.checking:  # no whole check was asked for meanwhile
                self._checked(health.merged(self.model.items, found, asked))

        self.controller.reader.background(job, done, self._failed)

    def recheck(self) -> None:
        """Run the check again on the background lane."""
        if self.session is None:
            return
        self.checking += 1
        generation = self.checking

        def job(cache: Cache) -> list[health.ListingHealth]:
            return health.needs_attention(cache)

        def done(found: list[health.ListingHealth]) -> None:
            if generation == self.checking:
                self._checked(found)

        self.controller.reader.background(job, done, self._failed)

    def _checked(self, found: list[health.ListingHealth]) -> None:
        chosen = self.selected()
        self.total = len(found)
        self.model.set_items(found)
        if chosen is not None:
            for row, item in enumerate(found):
                if item.listing_id == chosen.listing_id:
                    self.table.selectRow(row)
                    break
        self._show_summary()
        self._selected()
        self.counted.emit(len(found))

    def _failed(self, exc: BaseException) -> None:
        self.say(self.tr("Could not check your listings: %1").replace("%1", str(exc)), error=True)

    def _show_summary(self) -> None:
        if self.session is None:
            text = ""
        elif self.total is None:
            text = self.tr("Checking the health of your listings…")
        elif self.total == 0:
            text = self.tr("All your listings are healthy: on sale, in stock, earning.")
        else:
            text = self.tr("%n listing(s) need attention on your channels.", "", self.total)
        self.summary.setText(text)
        self.toggle.setEnabled(bool(self.total))
        if not self.total and self.toggle.isChecked():
            self.toggle.setChecked(False)

    def _opened(self, on: bool) -> None:
        self.body.setVisible(on)  # the page gives the open table its share (channels/page.py)
        self.retranslate()
        if on:
            self.table.setFocus()

    # --- replacing ------------------------------------------------------------------------
    def selected(self) -> health.ListingHealth | None:
        rows = self.table.selectionModel().selectedRows()
        return None if not rows else self.model.item(rows[0].row())

    def _selected(self) -> None:
        self.replace_button.setEnabled(self.selected() is not None)

    def open_replacements(self) -> None:
        from workbench.ui.channels.replacements import ReplacementsDialog

        item = self.selected()
        if item is None or not self.body.isVisible():
            return
        rows = self.table.selectionModel().selectedRows()
        dialog = ReplacementsDialog(self.controller, item, self.model.shown(rows[0].row()), self)
        dialog.replaced.connect(self._replaced)
        self.dialog = dialog
        dialog.open()

    def _replaced(self, new_id: str) -> None:
        self.say(self.tr("Replaced: the new listing takes the old one's place (pending sync)."))
        self.replaced.emit(new_id)

    def say(self, text: str, *, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
