"""The review queues (merchant): applications to my plans, or sample requests, each with the
creator's summary (channel kinds they sold my products through, their last-90-day sales of my
products, their fulfilment rate); filter by state, plan, product and creator; approve or
reject with a reason in batches (select 50 → approve: one outbox transaction, offline too); ship
samples with tracking numbers; the "content overdue" state lists samples whose content is late.

One page class serves both queues (``entity``: application or sample); the rail has one entry
for each. Reads: ``store/merchant_pages.py`` windows on the shared reader; edits:
``store/plan_edits.py`` through ``SyncController.edit_with``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import Role
from workbench.store import merchant_pages as mp
from workbench.store import plan_edits
from workbench.ui.merchant.plans_page import size_columns
from workbench.ui.merchant.review_dialogs import ReasonDialog, ShipDialog
from workbench.ui.merchant.texts import creator_label, day, kind_names, queue_state, rule_text
from workbench.ui.selection.columns import percent, yuan
from workbench.ui.theme import error_color
from workbench.ui.widgets import PAGE_MARGINS, Retranslating, combo_box, page_title
from workbench.ui.window_model import (
    WindowModel,
    lazy_table,
    select_ids,
    selected_rows,
    show_state,
)

if TYPE_CHECKING:
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

WATCHED = ("application", "sample", "order", "plan", "creator")  # creator: a name


class ReviewsPage(Retranslating, QWidget):
    """A merchant's review queue of ``entity`` (application or sample)."""

    def __init__(
        self, controller: SyncController, entity: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.entity = entity
        self.cause = "reviews" if entity == "application" else "sample_reviews"
        self.setObjectName(f"page-{self.cause}")
        self.controller = controller
        self.session: AccountSession | None = None
        self.filter = mp.QueueFilter(entity, mp.QUEUE_STATES[entity][0])
        self.dialog: QWidget | None = None
        self._titles: dict[str, str] = {}
        self._keep: set[str] = set()  # ids to select again after a refresh
        self.model = WindowModel(lambda: controller.reader, self._cells, self)
        self.model.right_aligned = {6, 7} if entity == "sample" else {3, 6, 7}
        self.model.tooltip = self._tooltip
        self.model.loaded.connect(self._loaded)
        self.model.refreshed.connect(self._loaded)
        self.model.countChanged.connect(self._counted)
        self._build()
        self.retranslate()
        controller.sessionChanged.connect(self.set_session)
        controller.changed.connect(self.apply_changes)
        self.set_session(controller.session)

    @property
    def samples(self) -> bool:
        return self.entity == "sample"

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = page_title()
        self.state_filter = combo_box()
        self.state_filter.setObjectName("queueState")
        self.state_filter.currentIndexChanged.connect(lambda _i: self._state_chosen())
        self.same_plan = QPushButton()
        self.same_plan.setObjectName("samePlan")
        self.same_plan.clicked.connect(lambda: self.narrow("plan_id"))
        self.same_plan.setVisible(not self.samples)  # samples are asked per product
        self.same_product = QPushButton()
        self.same_product.clicked.connect(lambda: self.narrow("product_id"))
        self.same_creator = QPushButton()
        self.same_creator.clicked.connect(lambda: self.narrow("creator_id"))
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearQueueFilters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.chips = QLabel()
        self.chips.setObjectName("queueFilters")
        bar = QHBoxLayout()
        self.state_label = QLabel()
        bar.addWidget(self.state_label)
        bar.addWidget(self.state_filter)
        for button in (self.same_plan, self.same_product, self.same_creator, self.clear_button):
            bar.addWidget(button)
        bar.addStretch(1)

        self.table, self.state = lazy_table(self.model, "review", self._selected, many=True)

        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.count_label.setObjectName("queueSelection")
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve)
        self.reject_button = QPushButton()
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.clicked.connect(self.ask_reject)
        self.cost_label = QLabel()
        self.cost = QDoubleSpinBox()
        self.cost.setObjectName("sampleCost")
        self.cost.setRange(0, 100_000)
        self.cost.setDecimals(2)
        self.cost.setPrefix("¥")
        self.ship_button = QPushButton()
        self.ship_button.setObjectName("ship")
        self.ship_button.clicked.connect(self.ask_ship)
        for widget in (self.cost_label, self.cost, self.ship_button):
            widget.setVisible(self.samples)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        for widget in (
            self.cost_label,
            self.cost,
            self.approve_button,
            self.reject_button,
            self.ship_button,
        ):
            actions.addWidget(widget)
        self.message = QLabel()
        self.message.setObjectName("queueMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.chips)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        shortcuts = [
            (QKeySequence("Ctrl+Return"), self.approve),
            (QKeySequence("Ctrl+Shift+R"), self.ask_reject),
            (QKeySequence("Ctrl+L"), self.state_filter.setFocus),
            (QKeySequence("Ctrl+1"), lambda: self.narrow("plan_id")),
            (QKeySequence("Ctrl+2"), lambda: self.narrow("product_id")),
            (QKeySequence("Ctrl+3"), lambda: self.narrow("creator_id")),
            (QKeySequence("Ctrl+0"), self.clear_filters),
        ]
        if self.samples:
            shortcuts.append((QKeySequence("Ctrl+Shift+S"), self.ask_ship))
        for keys, action in shortcuts:
            QShortcut(keys, self).activated.connect(action)
        self._selected()

    def retranslate(self) -> None:
        if self.samples:
            self.title.setText(self.tr("Sample requests"))
        else:
            self.title.setText(self.tr("Applications to review"))
        self.state_label.setText(self.tr("Show (Ctrl+L)"))
        current = self.state_filter.currentData()
        self.state_filter.blockSignals(True)
        self.state_filter.clear()
        for state in mp.QUEUE_STATES[self.entity]:
            self.state_filter.addItem(queue_state(state), state)
        self.state_filter.setCurrentIndex(max(0, self.state_filter.findData(current)))
        self.state_filter.blockSignals(False)
        self.same_plan.setText(self.tr("Same plan (Ctrl+1)"))
        self.same_product.setText(self.tr("Same product (Ctrl+2)"))
        self.same_creator.setText(self.tr("Same creator (Ctrl+3)"))
        self.clear_button.setText(self.tr("All (Ctrl+0)"))
        self.approve_button.setText(self.tr("Approve (Ctrl+Enter)"))
        self.reject_button.setText(self.tr("Reject… (Ctrl+Shift+R)"))
        self.cost_label.setText(self.tr("Sample cost"))
        self.ship_button.setText(self.tr("Ship… (Ctrl+Shift+S)"))
        fourth = self.tr("Content due · tracking") if self.samples else self.tr("Terms")
        self.model.set_headers(
            [
                self.tr("Creator"),
                self.tr("Product"),
                self.tr("State"),
                fourth,
                self.tr("Asked on"),
                self.tr("Channels"),
                self.tr("90-day sales"),
                self.tr("Fulfilment"),
                self.tr("Note") if self.samples else self.tr("Message"),
            ]
        )
        if self.samples:
            size_columns(self.table, 1, (104, 0, 110, 140, 84, 110, 96, 80, 100))
        else:
            size_columns(self.table, 1, (104, 0, 100, 64, 84, 130, 96, 80, 110))
        self._show_chips()
        self._show_state()
        self._selected()

    # --- account and reading -------------------------------------------------------------------
    @property
    def merchant(self) -> bool:
        return self.session is not None and self.session.account.role is Role.MERCHANT

    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        self.message.clear()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.filter = mp.QueueFilter(self.entity, str(self.state_filter.currentData()))
        self._show_chips()
        if self.merchant:
            self.reload()
        else:
            self.model.clear()
        self._show_state()

    def reload(self) -> None:
        if not self.merchant:
            return
        flt = self.filter
        self.model.reload(
            lambda cache: mp.queue_count(cache, flt),
            lambda cache, offset, limit: mp.queue_window(cache, flt, offset, limit),
        )
        self._show_state()

    def apply_changes(self, changed: Changed) -> None:
        if self.merchant and changed.touches(WATCHED):
            self._keep = {row.id for row in self.selected_rows()}
            self.model.refresh()

    def set_filter(self, flt: mp.QueueFilter) -> None:
        self.filter = flt
        index = self.state_filter.findData(flt.state)
        if index >= 0 and index != self.state_filter.currentIndex():
            self.state_filter.blockSignals(True)
            self.state_filter.setCurrentIndex(index)
            self.state_filter.blockSignals(False)
        self._show_chips()
        self.reload()

    def _state_chosen(self) -> None:
        state = str(self.state_filter.currentData())
        self.set_filter(
            mp.QueueFilter(
                self.entity,
                state,
                self.filter.plan_id,
                self.filter.product_id,
                self.filter.creator_id,
            )
        )

    def narrow(self, key: str) -> None:
        """Only rows with the selected row's plan, product or creator."""
        rows = self.selected_rows()
        if not rows or (key == "plan_id" and self.samples):
            return
        row = rows[0]
        value = {
            "plan_id": row.plan_id,
            "product_id": row.product_id,
            "creator_id": row.creator_id,
        }[key]
        self._titles[key] = (
            row.title if key != "creator_id" else creator_label(row.creator_id, row.summary.name)
        )
        fields = {
            "plan_id": self.filter.plan_id,
            "product_id": self.filter.product_id,
            "creator_id": self.filter.creator_id,
            key: value,
        }
        self.set_filter(mp.QueueFilter(self.entity, self.filter.state, **fields))

    def clear_filters(self) -> None:
        self.set_filter(mp.QueueFilter(self.entity, self.filter.state))

    def _show_chips(self) -> None:
        parts = []
        for key, label in (
            ("plan_id", self.tr("Plan on “%1”")),
            ("product_id", self.tr("Product “%1”")),
            ("creator_id", "%1"),
        ):
            if getattr(self.filter, key):
                parts.append(label.replace("%1", self._titles.get(key, "")))
        if parts:
            self.chips.setText(self.tr("Only: %1").replace("%1", " · ".join(parts)))
        self.chips.setVisible(bool(parts))
        self.clear_button.setEnabled(bool(parts))

    def _counted(self) -> None:
        self._show_state()
        self._selected()

    def _loaded(self) -> None:
        select_ids(self.table, self.model, self._keep)  # the same requests, wherever they moved
        self._keep = set()
        self._show_state()
        self._selected()

    def _show_state(self) -> None:
        if self.filter.state in ("pending", "requested"):
            empty = self.tr(
                "Nothing waits for you. New requests arrive with each sync; press F5 to "
                "sync now, or choose another state above (Ctrl+L)."
            )
        else:
            empty = self.tr("Nothing in this state. Choose another state above (Ctrl+L).")
        show_state(
            self.state,
            self.model,
            opened=self.session is not None,
            refusal="" if self.merchant else self.tr("Reviews are a merchant's page."),
            reading=self.tr("Reading the queue…"),
            empty=empty,
        )

    def _cells(self, row: mp.ReviewRow) -> list[str]:
        names = kind_names()
        if self.samples:
            if row.status in ("shipped", "overdue") and row.content_due_at:
                fourth = f"{day(row.content_due_at)} · {row.tracking_no or '—'}"
            else:
                fourth = row.tracking_no or "—"
        else:
            fourth = percent(row.rate_ppm) if row.rate_ppm is not None else "—"
        state = queue_state("overdue" if row.overdue else row.status)
        if row.pending:
            state = self.tr("%1 · pending sync").replace("%1", state)
        summary = row.summary
        kinds = "、".join(names.get(k, k) for k in summary.channel_kinds) or "—"
        fulfil = "—" if summary.fulfilment is None else f"{round(summary.fulfilment * 100)}%"
        return [
            creator_label(row.creator_id, summary.name),
            row.title or row.product_id,
            state,
            fourth,
            day(row.created_at),
            kinds,
            yuan(summary.sales_fen),
            fulfil,
            row.message,
        ]

    def _tooltip(self, row: mp.ReviewRow, column: int) -> str | None:
        if column == 0:
            return row.creator_id
        if column == 1:
            return row.title
        if column == 3 and row.tracking_no:
            return row.tracking_no
        if column == 5:
            names = kind_names()
            return "、".join(names.get(k, k) for k in row.summary.channel_kinds) or None
        if column == 8:
            return row.message or None
        if column == 6:
            return self.tr(
                "%n order(s) of your products in the last 90 days", "", row.summary.orders
            )
        if column == 7:
            return self.tr("Content delivered ÷ content due, of their samples with you")
        return None

    # --- selection and edits -------------------------------------------------------------------
    def selected_rows(self) -> list[mp.ReviewRow]:
        return selected_rows(self.table, self.model)

    def _selected(self) -> None:
        rows = self.selected_rows()
        deciding = [r for r in rows if r.status in ("pending", "requested")]
        shipping = [r for r in rows if r.status == "approved"]
        self.approve_button.setEnabled(bool(deciding))
        self.reject_button.setEnabled(bool(deciding))
        self.ship_button.setEnabled(bool(shipping))
        if rows:
            text = self.tr("%n selected", "", len(rows))
            if len(rows) > plan_edits.MAX_BATCH:
                text += " " + self.tr("(at most %1 are decided at once)").replace(
                    "%1", str(plan_edits.MAX_BATCH)
                )
        elif self.model.count:
            text = self.tr(
                "%n in the queue. Select rows (Shift/Ctrl+click, Ctrl+A) to decide them together.",
                "",
                self.model.count,
            )
        else:
            text = ""
        self.count_label.setText(text)

    def _deciding_ids(self) -> list[str]:
        ids = [r.id for r in self.selected_rows() if r.status in ("pending", "requested")]
        return ids[: plan_edits.MAX_BATCH]

    def approve(self) -> None:
        ids = self._deciding_ids()
        if not ids or not self.merchant:
            return
        if self.samples:
            cost = round(self.cost.value() * 100)
            fn: Any = lambda cache: plan_edits.review_samples(cache, ids, True, cost_fen=cost)  # noqa: E731
        else:
            fn = lambda cache: plan_edits.review_applications(cache, ids, True)  # noqa: E731
        self._edit(fn, lambda n: self.say(self.tr("%n approved.", "", int(n))))

    def ask_reject(self) -> None:
        ids = self._deciding_ids()
        if not ids or not self.merchant:
            return
        dialog = ReasonDialog(len(ids), self)
        dialog.accepted.connect(lambda: self.reject(ids, dialog.reason))
        self.dialog = dialog
        dialog.open()

    def reject(self, ids: list[str], reason: str) -> None:
        if self.samples:
            fn: Any = lambda cache: plan_edits.review_samples(cache, ids, False, reason=reason)  # noqa: E731
        else:
            fn = lambda cache: plan_edits.review_applications(cache, ids, False, reason)  # noqa: E731
        self._edit(fn, lambda n: self.say(self.tr("%n rejected.", "", int(n))))

    def ask_ship(self) -> None:
        rows = [r for r in self.selected_rows() if r.status == "approved"][: plan_edits.MAX_BATCH]
        if not rows or not self.samples:
            return
        dialog = ShipDialog(rows, self)
        dialog.accepted.connect(lambda: self.ship(dialog.tracking))
        self.dialog = dialog
        dialog.open()

    def ship(self, tracking: dict[str, str]) -> None:
        self._edit(
            lambda cache: plan_edits.ship_samples(cache, tracking),
            lambda n: self.say(self.tr("%n shipped.", "", int(n))),
        )

    def _edit(self, fn: Any, done: Any) -> None:
        def failed(exc: BaseException) -> None:
            code = getattr(getattr(exc, "code", None), "value", None)
            text = rule_text(code, str(exc)) if code else str(exc)
            self.say(self.tr("Not saved: %1").replace("%1", text), error=True)

        self.controller.edit_with(fn, done, failed, cause=self.cause)

    def say(self, text: str, *, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
