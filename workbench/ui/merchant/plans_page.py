"""My plans (merchant): a lazy table of my plans with type, rate, a pending cut and its date,
period, state and creators; create (dialog, rules checked offline), change the rate, name
creators, end. For the selected plan: its creators with the channel kinds (带货渠道) they sold
its product through and its sales by channel kind, from the orders in this cache.

Reads go through the shared reader (``store/plan_reviews.py``, ``store/merchant_pages.py``),
edits through ``SyncController.edit_with`` (outbox: offline, shown at once as pending).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import PlanStatus, PlanType, Role
from workbench.store import merchant_pages as mp
from workbench.store.plan_reviews import MerchantPlanRow
from workbench.ui.merchant.plan_detail import PlanDetailPanel
from workbench.ui.merchant.plan_dialogs import CAUSE, CreatePlansDialog
from workbench.ui.merchant.plan_edit_dialogs import CreatorsDialog, RateDialog
from workbench.ui.merchant.texts import (
    day,
    moment,
    plan_state,
    plan_type_name,
    rule_text,
)
from workbench.ui.selection.columns import percent
from workbench.ui.theme import error_color
from workbench.ui.widgets import PAGE_MARGINS, Retranslating, combo_box, page_title
from workbench.ui.window_model import WindowModel, lazy_table, select_ids, show_state

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

WATCHED = ("plan", "product", "order", "application", "creator")  # creator: a name


def size_columns(table: QTableView, stretch: int, widths: tuple[int, ...]) -> None:
    """Column widths once the model has its columns (``stretch`` takes the rest)."""
    header = table.horizontalHeader()
    if header.count() != len(widths) or header.property("sized"):
        return
    header.setProperty("sized", True)
    for column, width in enumerate(widths):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.resizeSection(column, width)


def is_live(plan: MerchantPlanRow) -> bool:
    """Not ended (by the merchant or by its end date)."""
    ended = plan.status in (PlanStatus.DELISTED, PlanStatus.DELETED)
    return not ended and moment(plan.end_at) > datetime.now(UTC)


class MerchantPlansPage(Retranslating, QWidget):
    """The page; it follows the controller's account (a creator's session shows nothing)."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-my_plans")
        self.controller = controller
        self.session: AccountSession | None = None
        self.dialog: QWidget | None = None
        self.detail: mp.PlanDetail | None = None
        self._keep: set[str] = set()  # ids to select again after a refresh
        self.model = WindowModel(lambda: controller.reader, self._cells, self)
        self.model.right_aligned = {2, 6}
        self.model.loaded.connect(self._loaded)
        self.model.refreshed.connect(self._loaded)
        self.model.countChanged.connect(self._counted)
        self._build()
        self.retranslate()
        controller.sessionChanged.connect(self.set_session)
        controller.changed.connect(self.apply_changes)
        self.set_session(controller.session)

    # --- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = page_title()
        self.type_filter = combo_box()
        self.type_filter.setObjectName("planTypeFilter")
        self.type_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button = QPushButton()
        self.new_button.setObjectName("newPlans")
        self.new_button.clicked.connect(self.open_create)
        self.rate_button = QPushButton()
        self.rate_button.setObjectName("changeRate")
        self.rate_button.clicked.connect(self.open_rate)
        self.creators_button = QPushButton()
        self.creators_button.setObjectName("planCreatorsButton")
        self.creators_button.clicked.connect(self.open_creators)
        self.end_button = QPushButton()
        self.end_button.setObjectName("endPlan")
        self.end_button.clicked.connect(self.ask_end)
        bar = QHBoxLayout()
        self.filter_label = QLabel()
        bar.addWidget(self.filter_label)
        bar.addWidget(self.type_filter)
        bar.addStretch(1)
        for button in (self.new_button, self.rate_button, self.creators_button, self.end_button):
            bar.addWidget(button)

        self.table, self.state = lazy_table(self.model, "merchantPlan", self._selected)

        self.detail_panel = PlanDetailPanel()
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.state)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(self.detail_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        # Three to two from the start, not by size hints: the detail, empty until a plan is
        # chosen, would start a few lines tall.
        split.setSizes([3_000, 2_000])
        self.message = QLabel()
        self.message.setObjectName("plansMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        for keys, action in (
            (QKeySequence.StandardKey.New, self.open_create),
            (QKeySequence("Ctrl+R"), self.open_rate),
            (QKeySequence("Ctrl+E"), self.open_creators),
            (QKeySequence("Ctrl+Shift+E"), self.ask_end),
            (QKeySequence("Ctrl+L"), self.type_filter.setFocus),
        ):
            QShortcut(keys, self).activated.connect(action)
        self._selected()

    def retranslate(self) -> None:
        self.title.setText(self.tr("My plans"))
        self.filter_label.setText(self.tr("Type (Ctrl+L)"))
        current = self.type_filter.currentData()
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("All types"), None)
        for kind in PlanType:
            self.type_filter.addItem(plan_type_name(kind), kind.value)
        self.type_filter.setCurrentIndex(max(0, self.type_filter.findData(current)))
        self.type_filter.blockSignals(False)
        self.new_button.setText(self.tr("New plans… (Ctrl+N)"))
        self.rate_button.setText(self.tr("Rate… (Ctrl+R)"))
        self.creators_button.setText(self.tr("Creators… (Ctrl+E)"))
        self.end_button.setText(self.tr("End (Ctrl+Shift+E)"))
        self.model.set_headers(
            [
                self.tr("Product"),
                self.tr("Type"),
                self.tr("Rate"),
                self.tr("Pending cut"),
                self.tr("Period"),
                self.tr("State"),
                self.tr("Creators"),
                self.tr("Sync"),
            ]
        )
        size_columns(self.table, 0, (0, 120, 64, 130, 190, 90, 64, 80))
        self._show_state()

    # --- account and reading -------------------------------------------------------------------
    @property
    def merchant(self) -> bool:
        return self.session is not None and self.session.account.role is Role.MERCHANT

    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        self.detail = None
        self.message.clear()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        if self.merchant:
            self.reload()
        else:
            self.model.clear()
        self._show_state()
        self._show_detail()

    def plan_type(self) -> PlanType | None:
        value = self.type_filter.currentData()
        return None if value is None else PlanType(str(value))

    def reload(self) -> None:
        if not self.merchant:
            return
        kind = self.plan_type()
        self.model.reload(
            lambda cache: mp.plan_count(cache, kind),
            lambda cache, offset, limit: mp.plan_window(cache, kind, offset, limit),
        )
        self._show_state()

    def apply_changes(self, changed: Changed) -> None:
        if self.merchant and changed.touches(WATCHED):
            plan = self.selected()
            self._keep = set() if plan is None else {plan.id}
            self.model.refresh()

    def _counted(self) -> None:
        self._show_state()
        self._selected()

    def _loaded(self) -> None:
        select_ids(self.table, self.model, self._keep)
        self._keep = set()
        self._show_state()
        self._selected()

    def _show_state(self) -> None:
        show_state(
            self.state,
            self.model,
            opened=self.session is not None,
            refusal="" if self.merchant else self.tr("My plans are a merchant's page."),
            reading=self.tr("Reading your plans…"),
            empty=self.tr(
                "No plans here yet. Press Ctrl+N to create plans on up to 20 of your products "
                "at once; they show at once and are sent when the server is reachable."
            ),
        )

    def _cells(self, row: MerchantPlanRow) -> list[str]:
        cut = "—"
        if row.pending_rate_ppm is not None:
            cut = (
                self.tr("%1 on %2")
                .replace("%1", percent(row.pending_rate_ppm))
                .replace("%2", day(row.pending_at))
            )
        creators = str(row.creators) if row.plan_type is not PlanType.GENERAL else self.tr("All")
        return [
            row.title or row.product_id,
            plan_type_name(row.plan_type),
            percent(row.rate_ppm),
            cut,
            f"{day(row.begin_at)} – {day(row.end_at)}",
            plan_state(row.status, row.end_at),
            creators,
            self.tr("Pending sync") if row.pending else self.tr("Synced"),
        ]

    # --- the selected plan ---------------------------------------------------------------------
    def selected(self) -> MerchantPlanRow | None:
        rows = self.table.selectionModel().selectedRows()
        return None if not rows else self.model.row(rows[0].row())

    def _selected(self) -> None:
        plan = self.selected()
        live = plan is not None and is_live(plan)
        self.rate_button.setEnabled(live)
        self.end_button.setEnabled(live)
        self.creators_button.setEnabled(live and plan.plan_type is not PlanType.GENERAL)  # type: ignore[union-attr]
        self.new_button.setEnabled(self.merchant)
        if plan is None:
            self.detail = None
            self._show_detail()
            return
        plan_id = plan.id
        self.controller.reader.background(
            lambda cache: mp.plan_detail(cache, plan_id), self._detail_read
        )

    def _detail_read(self, detail: mp.PlanDetail | None) -> None:
        plan = self.selected()
        if plan is not None and detail is not None and detail.plan_id == plan.id:
            self.detail = detail
            self._show_detail()

    def _show_detail(self) -> None:
        plan = self.selected()
        self.detail_panel.show_detail(self.detail, plan.title if plan is not None else "")

    # --- edits ---------------------------------------------------------------------------------
    def open_create(self) -> None:
        if not self.merchant or self.session is None:
            return
        dialog = CreatePlansDialog(self.controller, self.session.account.id, self)
        dialog.accepted.connect(
            lambda: self.say(
                self.tr(
                    "%n plan(s) created: they are sent when the server is reachable.",
                    "",
                    len(dialog.created),
                )
            )
        )
        self.dialog = dialog
        dialog.open()

    def open_rate(self) -> None:
        plan = self.selected()
        if plan is None or not self.rate_button.isEnabled():
            return
        dialog = RateDialog(plan, self)
        dialog.accepted.connect(lambda: self.change_rate(plan, dialog.rate_ppm))
        self.dialog = dialog
        dialog.open()

    def change_rate(self, plan: MerchantPlanRow, rate_ppm: int) -> None:
        def done(cut: bool) -> None:
            if cut:
                self.say(
                    self.tr(
                        "Cut to %1 queued: expected to apply on %2 if a creator is affected "
                        "(the server's notice period)."
                    )
                    .replace("%1", percent(rate_ppm))
                    .replace("%2", day(mp.cut_date()))
                )
            else:
                self.say(
                    self.tr("Rate %1 queued: it applies at once.").replace("%1", percent(rate_ppm))
                )

        self._edit(lambda cache: mp.set_rate(cache, plan.id, rate_ppm), done)

    def open_creators(self) -> None:
        plan = self.selected()
        if plan is None or not self.creators_button.isEnabled():
            return
        plan_id = plan.id

        def read(cache: Cache) -> tuple[list[str], list[tuple[str, str | None]]]:
            row = cache.get("plan", plan_id) or {}
            named = [str(c["creator_id"]) for c in row.get("creators") or []]
            return named, mp.known_creators(cache)

        def show(result: tuple[list[str], list[tuple[str, str | None]]]) -> None:
            named, known = result
            dialog = CreatorsDialog(named, known, self)
            dialog.accepted.connect(
                lambda: self._edit(
                    lambda cache: mp.change_creators(cache, plan_id, dialog.add, dialog.remove),
                    lambda _r: self.say(self.tr("Creators changed.")),
                )
            )
            self.dialog = dialog
            dialog.open()

        self.controller.reader.interactive(read, show)

    def ask_end(self) -> None:
        plan = self.selected()
        if plan is None or not self.end_button.isEnabled():
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("End plan"),
            self.tr("End the plan on “%1” now? Creators stop earning by it.").replace(
                "%1", plan.title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(
            lambda: self._edit(
                lambda cache: mp.end_plan(cache, plan.id),
                lambda _r: self.say(self.tr("Plan ended.")),
            )
        )
        self.dialog = box
        box.open()

    def _edit(self, fn: Any, done: Any) -> None:
        def failed(exc: BaseException) -> None:
            code = getattr(getattr(exc, "code", None), "value", None)
            text = rule_text(code, str(exc)) if code else str(exc)
            self.say(self.tr("Not saved: %1").replace("%1", text), error=True)

        self.controller.edit_with(fn, done, failed, cause=CAUSE)

    def say(self, text: str, *, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
