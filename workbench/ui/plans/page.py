"""Promotion plans (推广计划) for a creator: every plan I can use, invitations first.

Read through the shared reader from ``store/plans.py`` (filters and order are SQL): product,
shop, type, my rate in force and the commission per sale, period, state, and a cut under notice
("falls to Y on DATE"). Invitations (targeted or exclusive plans naming me that I have not
applied to) come first, marked, and are counted above the table (the rail shows the count too,
``ui/plans/badge.py``). "Apply…" (or a double-click, or Enter) asks for the expected rate and a
message (``apply_dialog.py``) and queues the application through the outbox (works offline).
The "My applications" tab lists them with their timeline (``applications.py``). A merchant
(whose rail has its own My plans) sees one line that says so. No plans (none yet, or none that
pass the filters): one line in the table's place says so.
The page re-reads when a change touches plans, applications, listings or products.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import PlanType, Role
from workbench.store import plans as store
from workbench.ui.plans.applications import ApplicationsView
from workbench.ui.plans.apply_dialog import ApplyDialog
from workbench.ui.plans.archive_view import open_archive
from workbench.ui.plans.rate_history import RateHistoryLine
from workbench.ui.selection.columns import percent, yuan
from workbench.ui.theme import error_color
from workbench.ui.widgets import (
    PAGE_MARGINS,
    Retranslating,
    TableOrState,
    combo_box,
    fill_combo,
    number,
    page_title,
)

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

CAUSE = "plans"
WATCHED = ("plan", "application", "listing", "product")
WINDOW = 500  # rows read at once
ID_ROLE = Qt.ItemDataRole.UserRole


class PlansPage(Retranslating, QWidget):
    """The creator's plans, or for a merchant a line that points to My plans."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-plans")
        self.controller = controller
        self.session: AccountSession | None = None
        self.rows: list[store.PlanRow] = []
        self.total = 0
        self.invitations = 0
        self.loaded = False
        self.dialog: ApplyDialog | None = None
        self.stack = QStackedWidget()
        self.creator_view = QWidget()
        self.merchant_view = QLabel()  # a merchant's plans are its own page (My plans)
        self.merchant_view.setObjectName("plansForCreators")
        self.merchant_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.creator_view)
        self.stack.addWidget(self.merchant_view)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._build()
        self.retranslate()
        controller.sessionChanged.connect(self.set_session)
        controller.changed.connect(self.apply_changes)
        self.set_session(controller.session)

    # --- building --------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = page_title()
        self.invited = QLabel()
        self.invited.setObjectName("invitationCount")
        font = self.invited.font()
        font.setBold(True)
        self.invited.setFont(font)
        self.type_box = combo_box()
        self.type_box.setObjectName("planType")
        self.rate_box = QSpinBox()
        self.rate_box.setObjectName("minRate")
        self.rate_box.setRange(0, 90)
        self.rate_box.setSuffix(" %")
        self.rate_label = QLabel()
        self.ending = QCheckBox()
        self.ending.setObjectName("endingSoon")
        self.mine_box = combo_box()
        self.mine_box.setObjectName("onMyChannels")
        self.sort_box = combo_box()
        self.sort_box.setObjectName("planSort")
        for box in (self.type_box, self.mine_box, self.sort_box):
            box.currentIndexChanged.connect(self.reload)
        self.rate_box.valueChanged.connect(self.reload)
        self.ending.toggled.connect(self.reload)
        filters = QHBoxLayout()
        for widget in (self.type_box, self.rate_label, self.rate_box, self.ending,
                       self.mine_box, self.sort_box):  # fmt: skip
            filters.addWidget(widget)
        filters.addStretch(1)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("plansTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table_box = TableOrState(self.table, "plans")
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("applyToPlan")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_selected)
        self.archive_button = QPushButton()  # the terms archive (archive_view.py)
        self.archive_button.setObjectName("openTermsArchive")
        self.archive_button.clicked.connect(
            lambda: open_archive(self.controller, self, self.selected_id())
        )
        self.history = RateHistoryLine(self.controller)  # the selected plan's rates
        self.count = QLabel()
        self.message = QLabel()
        self.message.setObjectName("plansMessage")
        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch(1)
        actions.addWidget(self.message)
        actions.addWidget(self.archive_button)
        actions.addWidget(self.apply_button)
        self.table.doubleClicked.connect(lambda _i: self.apply_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.apply_selected)
        self.plans_view = QWidget()
        layout = QVBoxLayout(self.plans_view)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.invited)
        layout.addLayout(filters)
        layout.addWidget(self.table_box, 1)
        layout.addWidget(self.history)
        layout.addLayout(actions)
        self.applications = ApplicationsView(self.controller)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("plansTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.plans_view, "")
        self.tabs.addTab(self.applications, "")
        outer = QVBoxLayout(self.creator_view)
        outer.setContentsMargins(*PAGE_MARGINS)
        outer.addWidget(self.title)
        outer.addWidget(self.tabs, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Promotion plans"))
        self.merchant_view.setText(
            self.tr("Plans to apply to are a creator's page; a merchant's are under My plans.")
        )
        self.tabs.setTabText(0, self.tr("Plans"))
        self.tabs.setTabText(1, self.tr("My applications"))
        fill_combo(self.type_box, [
            (self.tr("All types"), None),
            (self.tr("General"), PlanType.GENERAL),
            (self.tr("Targeted"), PlanType.TARGETED),
            (self.tr("Exclusive"), PlanType.EXCLUSIVE),
        ])  # fmt: skip
        fill_combo(self.mine_box, [
            (self.tr("On my channels or not"), None),
            (self.tr("On my channels"), True),
            (self.tr("Not on my channels"), False),
        ])  # fmt: skip
        fill_combo(self.sort_box, [
            (self.tr("Best rate first"), store.PlanSort.RATE),
            (self.tr("Best per sale first"), store.PlanSort.PER_SALE),
            (self.tr("Ending soonest first"), store.PlanSort.ENDING),
            (self.tr("Newest first"), store.PlanSort.NEWEST),
        ])  # fmt: skip
        self.rate_label.setText(self.tr("Rate at least"))
        self.ending.setText(self.tr("Ending within 7 days"))
        self.apply_button.setText(self.tr("Apply…"))
        self.archive_button.setText(self.tr("Terms archive…"))
        self.apply_button.setToolTip(
            self.tr(
                "Apply to the selected plan with your expected rate and a message (Enter, or double-click a row)"
            )
        )
        self.table.setHorizontalHeaderLabels([
            self.tr("Product"), self.tr("Shop"), self.tr("Type"), self.tr("My rate"),
            self.tr("Per sale"), self.tr("Period"), self.tr("State"), self.tr("Rate change"),
        ])  # fmt: skip
        self._show()

    # --- reading ---------------------------------------------------------------------------
    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        merchant = session is not None and session.account.role is Role.MERCHANT
        self.stack.setCurrentWidget(self.merchant_view if merchant else self.creator_view)
        self.rows, self.loaded = [], False
        self.message.clear()
        if self.dialog is not None:
            self.dialog.reject()  # it was about the other account's plan
        if session is not None and not merchant:
            self.reload()
        self._show()

    def apply_changes(self, changed: Changed) -> None:
        if self.session is not None and changed.touches(WATCHED):
            self.reload()

    def current_filter(self) -> store.PlanFilter:
        kind, sort = self.type_box.currentData(), self.sort_box.currentData()
        return store.PlanFilter(  # a combo box hands enum members back as their plain values
            plan_type=PlanType(kind) if kind else None,
            min_rate_ppm=self.rate_box.value() * 10_000 or None,
            ending_within_days=store.ENDING_SOON_DAYS if self.ending.isChecked() else None,
            on_my_channels=self.mine_box.currentData(),
            sort=store.PlanSort(sort) if sort else store.PlanSort.RATE,
        )

    def reload(self) -> None:
        if self.session is None or self.session.account.role is Role.MERCHANT:
            return
        wanted = self.current_filter()

        def read(cache: Cache) -> tuple[list[store.PlanRow], int, int]:
            rows = store.my_plans(cache, wanted, limit=WINDOW)
            return rows, store.count_plans(cache, wanted), store.invitation_count(cache)

        self.controller.reader.interactive(read, self._loaded)

    def _loaded(self, result: tuple[list[store.PlanRow], int, int]) -> None:
        self.rows, self.total, self.invitations = result
        self.loaded = True
        self._show()

    # --- showing ---------------------------------------------------------------------------
    def _show(self) -> None:
        selected = self.selected_id()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            cells = [
                ("✉ " if row.invitation else "") + row.title,
                row.shop_name,
                self._type_name(row.plan_type),
                percent(row.rate_ppm),
                yuan(row.per_sale_fen),
                f"{row.begin_at[:10]} – {row.end_at[:10]}",
                self._state_name(row.state),
                self._cut_text(row),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row.id)
                if c in (0, 7):
                    item.setToolTip(text)  # elided when the window is narrow
                if c in (3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c == 7 and row.pending_rate_ppm is not None:
                    item.setForeground(error_color(self.palette()))
                if row.invitation:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
            if row.id == selected:
                self.table.selectRow(r)
        self.invited.setText(
            self.tr("Invitations for you: %1").replace("%1", number(self.invitations))
            if self.invitations
            else self.tr("No invitations waiting")
        )
        shown = len(self.rows)
        self.count.setText(
            self.tr("%1 plans").replace("%1", number(self.total))
            if shown == self.total
            else self.tr("%1 of %2 plans")
            .replace("%1", number(shown))
            .replace("%2", number(self.total))
        )
        self.table_box.say(self._state_text())
        self._selection_changed()

    def _state_text(self) -> str:
        """What the table's place says while it has no rows (empty: the table is shown)."""
        if self.rows:
            return ""
        if not self.loaded:
            return self.tr("Reading plans…")
        f = self.current_filter()
        # Every field narrows but the order and "ended too" (a field added later narrows too).
        if f != store.PlanFilter(sort=f.sort, include_ended=f.include_ended):
            return self.tr("No plans pass these filters. Lower the rate or clear a filter.")
        return self.tr("No plans to apply to yet: merchants' plans arrive with the next sync.")

    def _type_name(self, plan_type: PlanType) -> str:
        return {
            PlanType.GENERAL: self.tr("General"),
            PlanType.TARGETED: self.tr("Targeted"),
            PlanType.EXCLUSIVE: self.tr("Exclusive"),
        }[plan_type]

    def _state_name(self, state: store.PlanState) -> str:
        return {
            store.PlanState.RUNNING: self.tr("Running"),
            store.PlanState.UPCOMING: self.tr("Not started"),
            store.PlanState.ENDED: self.tr("Ended"),
        }[state]

    def _cut_text(self, row: store.PlanRow) -> str:
        if row.pending_rate_ppm is None or row.pending_at is None:
            return ""
        return (
            self.tr("Falls from %1 to %2 on %3")
            .replace("%1", percent(row.rate_ppm))
            .replace("%2", percent(row.pending_rate_ppm))
            .replace("%3", row.pending_at[:10])
        )

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(ID_ROLE)) if items else None

    def selected_row(self) -> store.PlanRow | None:
        wanted = self.selected_id()
        return next((r for r in self.rows if r.id == wanted), None)

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.apply_button.setEnabled(row is not None and row.state is not store.PlanState.ENDED)
        self.history.show_plan(None if row is None else row.id)

    # --- editing ---------------------------------------------------------------------------
    def apply_selected(self) -> None:
        """Ask for the expected rate and a message (``ApplyDialog``), then queue it."""
        row = self.selected_row()
        if row is None or row.state is store.PlanState.ENDED:
            return
        self.dialog = ApplyDialog(self.controller, row, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.applied.connect(self._applied)
        self.dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog.open()

    def _applied(self, app_id: str) -> None:
        self.message.setText(self.tr("Applied: the merchant will review it (see My applications)"))
        self.applications.select_id(app_id)
