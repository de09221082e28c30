"""Samples (样品) for a creator: my requests, the content I owe for them, my fulfilment rate and
what each sample earned.

The table is a lazy :class:`WindowModel` over ``store/samples.py`` (windows on the shared
reader's interactive lane; the fulfilment summary on the background lane): product, shop, state,
tracking number, requested → shipped, the content countdown ("3 days left"; late in the error
colour), the sample's cost, my sales of the product on my channels since it arrived, the
estimated commission on them, and ROI (sales ÷ cost). A timer re-words the countdown every
:data:`TICK_MS` without reading anything; data is re-read only when a change touches samples,
orders or products.

Actions on the selected sample go through the outbox (offline too): Cancel (while requested or
approved), Hand in content… (a link, checked as the server checks it, said in the dialog), Ask
for the extension (once: 7 more days). An action not possible now is disabled, its reason the
button's tooltip. A refused edit is said in the page's message line.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import Role
from workbench.core.errors import DomainError
from workbench.store import plan_edits
from workbench.store import samples as store
from workbench.ui.merchant.plans_page import size_columns
from workbench.ui.merchant.texts import day, moment
from workbench.ui.samples.dialogs import FulfilDialog
from workbench.ui.samples.texts import (
    Countdown,
    cancel_blocked,
    extend_blocked,
    fulfil_blocked,
    refused_text,
    state_name,
)
from workbench.ui.selection.columns import yuan
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

CAUSE = "samples"
WATCHED = ("sample", "order", "product")
TICK_MS = 30_000  # the countdown's words are refreshed this often (no read)
DUE_COLUMN, STATE_COLUMN = 5, 2
VIEWS = tuple(store.SampleView)


class SampleModel(WindowModel):
    """The window model, with the late countdown (and its state) in the error colour."""

    def __init__(self, page: SamplesPage) -> None:
        super().__init__(lambda: page.controller.reader, page.cells, page)
        self.page = page

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in (DUE_COLUMN, STATE_COLUMN):
            row = self.peek(index.row())
            if row is not None and self.page.countdown.text(row, self.page.now)[1]:
                return error_color(self.page.palette())
            return None
        return super().data(index, role)


class SamplesPage(Retranslating, QWidget):
    """The creator's samples; a merchant sees a line that says whose page it is."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-samples")
        self.controller = controller
        self.session: AccountSession | None = None
        self.now = datetime.now(UTC)
        self.countdown = Countdown(self)
        self.summary_figures: store.Fulfilment | None = None
        self.sales: dict[str, store.SampleSales] | None = None  # None: being read
        self.dialog: FulfilDialog | None = None
        self._keep: set[str] = set()
        self.model = SampleModel(self)
        self.model.right_aligned = {6, 7, 8, 9}
        self.model.tooltip = self._tooltip
        self.model.loaded.connect(self._loaded)
        self.model.refreshed.connect(self._loaded)
        self.model.countChanged.connect(self._show_state)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.tick())
        self.timer.start()
        self._build()
        self.retranslate()
        controller.sessionChanged.connect(self.set_session)
        controller.changed.connect(self.apply_changes)
        self.set_session(controller.session)

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = page_title()
        self.summary = QLabel()
        self.summary.setObjectName("fulfilmentSummary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.view_label = QLabel()
        self.view_box = combo_box()
        self.view_box.setObjectName("sampleView")
        self.sort_box = combo_box()
        self.sort_box.setObjectName("sampleSort")
        self.view_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.sort_box.currentIndexChanged.connect(lambda _i: self.reload())
        bar = QHBoxLayout()
        bar.addWidget(self.view_label)
        bar.addWidget(self.view_box)
        bar.addWidget(self.sort_box)
        bar.addStretch(1)

        self.table, self.state = lazy_table(self.model, "samples", self._selected)
        self.detail = QLabel()
        self.detail.setObjectName("sampleDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelSample")
        self.cancel_button.clicked.connect(self.cancel)
        self.fulfil_button = QPushButton()
        self.fulfil_button.setObjectName("fulfilSample")
        self.fulfil_button.clicked.connect(self.ask_fulfil)
        self.extend_button = QPushButton()
        self.extend_button.setObjectName("extendSample")
        self.extend_button.clicked.connect(self.extend)
        self.message = QLabel()
        self.message.setObjectName("samplesMessage")
        self.message.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        for button in (self.cancel_button, self.extend_button, self.fulfil_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.detail)
        layout.addLayout(actions)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Samples"))
        self.view_label.setText(self.tr("Show"))
        _fill(self.view_box, [(state_name(v), v.value) for v in VIEWS])
        _fill(self.sort_box, [
            (self.tr("Content due soonest first"), store.SampleSort.DUE.value),
            (self.tr("Newest request first"), store.SampleSort.NEWEST.value),
            (self.tr("Best return first"), store.SampleSort.ROI.value),
        ])  # fmt: skip
        self.cancel_button.setText(self.tr("Cancel request"))
        self.fulfil_button.setText(self.tr("Hand in content…"))
        self.extend_button.setText(self.tr("Ask for 7 more days"))
        self.model.set_headers(
            [
                self.tr("Product"),
                self.tr("Shop"),
                self.tr("State"),
                self.tr("Tracking no."),
                self.tr("Asked → shipped"),
                self.tr("Content due"),
                self.tr("Cost"),
                self.tr("Sales"),
                self.tr("Commission"),
                self.tr("Return"),
            ]
        )
        size_columns(self.table, 0, (0, 92, 80, 130, 112, 96, 62, 76, 86, 52))
        self._show_summary()
        self._show_state()
        self._selected()

    # --- account and reading -------------------------------------------------------------------
    @property
    def creator(self) -> bool:
        return self.session is not None and self.session.account.role is Role.CREATOR

    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        self.message.clear()
        self.summary_figures, self.sales = None, None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        if self.creator:
            self.reload()
        else:
            self.model.clear()
        self._show_summary()
        self._show_state()
        self._selected()

    def current_filter(self) -> store.SampleFilter:
        view, sort = self.view_box.currentData(), self.sort_box.currentData()
        return store.SampleFilter(
            store.SampleView(view or store.SampleView.ALL),
            store.SampleSort(sort or store.SampleSort.DUE),
        )

    def reload(self) -> None:
        """A new filter or account: the count and the first window, then the summary."""
        if not self.creator:
            return
        flt = self.current_filter()
        self.model.reload(
            lambda cache: store.count(cache, flt),
            lambda cache, offset, limit: store.window(
                cache, flt, offset, limit, with_sales=flt.sort is store.SampleSort.ROI
            ),
        )
        self._read_summary()
        self._show_state()

    def apply_changes(self, changed: Changed) -> None:
        if self.creator and changed.touches(WATCHED):
            self._keep = {row.id for row in self.selected_rows()}
            self.model.refresh()
            self._read_summary()

    def _read_summary(self) -> None:
        """The fulfilment figures and every sample's sales since it arrived (the order lines:
        the slow part), on the background lane: the rows show first, the sales fill in."""
        session = self.session

        def done(found: tuple[store.Fulfilment, dict[str, store.SampleSales]]) -> None:
            if self.session is session:
                self.summary_figures, self.sales = found
                self._show_summary()
                if self.model.count:
                    last = self.model.columnCount() - 1
                    self.model.dataChanged.emit(
                        self.model.index(0, 6), self.model.index(self.model.count - 1, last)
                    )

        self.controller.reader.background(
            lambda cache: (store.fulfilment(cache), store.all_sales(cache)), done
        )

    def tick(self, now: datetime | None = None) -> None:
        """Time passed: re-word the countdown (and the states it turns late); no read."""
        self.now = now or datetime.now(UTC)
        if self.model.count:
            self.model.dataChanged.emit(
                self.model.index(0, STATE_COLUMN),
                self.model.index(self.model.count - 1, DUE_COLUMN),
            )
        self._selected()

    def _loaded(self) -> None:
        select_ids(self.table, self.model, self._keep)
        self._keep = set()
        self.now = datetime.now(UTC)
        self._show_state()
        self._selected()

    # --- showing -------------------------------------------------------------------------------
    def _show_summary(self) -> None:
        f = self.summary_figures
        if not self.creator or f is None:
            self.summary.setText("")
            return
        if f.rate is None:
            text = self.tr("Fulfilment rate: — (no content has come due yet)")
        else:
            text = (
                self.tr("Fulfilment rate: %1% — content handed in for %2 of %3 samples due")
                .replace("%1", str(round(f.rate * 100)))
                .replace("%2", str(f.fulfilled))
                .replace("%3", str(f.due))
            )
        if f.needs_action:
            text += " · " + self.tr(
                "%n need(s) content within %1 days or are late", "", f.needs_action
            ).replace("%1", str(store.DUE_SOON_DAYS))
        self.summary.setText(text)

    def _show_state(self) -> None:
        show_state(
            self.state,
            self.model,
            opened=self.session is not None,
            refusal="" if self.creator else self.tr("Samples is a creator's page."),
            reading=self.tr("Reading your samples…"),
            empty=self.tr(
                "No samples here. Request one from a product's details in the selection center, "
                "or choose another state above."
            ),
        )

    def with_sales(self, row: store.MySample) -> store.MySample | None:
        """``row`` with its sales since arrival (None while they are being read)."""
        if self.current_filter().sort is store.SampleSort.ROI:
            return row  # read with the rows (their order needs them)
        if self.sales is None:
            return None
        return replace(row, sales=self.sales.get(row.id, store.SampleSales()))

    def cells(self, row: store.MySample) -> list[str]:
        due, late = self.countdown.text(row, self.now)
        state = state_name("overdue" if late else row.status)  # late since it was read, too
        if row.pending:
            state = self.tr("%1 · pending sync").replace("%1", state)
        sold = self.with_sales(row)
        if row.shipped_at is None:  # nothing has arrived: no sales to count
            cost = yuan(row.cost_fen) if row.cost_fen else "—"
            figures = ["—", "—", "—"]
        elif sold is None:  # being read (background lane)
            cost, figures = yuan(row.cost_fen), ["…", "…", "…"]
        else:
            roi = sold.roi
            cost = yuan(row.cost_fen)
            figures = [
                yuan(sold.sales.gmv_fen),
                yuan(sold.sales.commission_fen),
                "—" if roi is None else f"{roi:.1f}×",
            ]
        return [
            row.title or row.product_id,
            row.shop_name or "—",
            state,
            row.tracking_no or "—",
            f"{short_day(row.requested_at)} → {short_day(row.shipped_at)}",
            due,
            cost,
            *figures,
        ]

    def _tooltip(self, row: store.MySample, column: int) -> str | None:
        if column == 0:
            return row.title or row.product_id
        if column == 3:
            return row.tracking_no
        if column == 4:
            return (
                self.tr("Requested %1 · shipped %2")
                .replace("%1", day(row.requested_at))
                .replace("%2", day(row.shipped_at))
            )
        if column == 5 and row.content_due_at:
            extra = " " + self.tr("(extended once)") if row.extended else ""
            return self.tr("Due %1").replace("%1", _when(row.content_due_at)) + extra
        sold = self.with_sales(row)
        if column in (7, 8) and row.shipped_at and sold is not None:
            return self.tr(
                "%n order(s) of this product on your channels since the sample shipped on %1",
                "",
                sold.sales.orders,
            ).replace("%1", day(row.shipped_at))
        if column == 9:
            return self.tr("Sales since it arrived ÷ the sample's cost")
        if column == 2 and row.pending:
            return self.tr("Waiting to reach the server")
        return None

    def _show_detail(self, row: store.MySample | None) -> None:
        if row is None:
            self.detail.setText("")
            return
        parts = []
        if row.note:
            parts.append(self.tr("My note: %1").replace("%1", row.note))
        if row.reason:
            parts.append(self.tr("Merchant's reason: %1").replace("%1", row.reason))
        if row.content_url:
            parts.append(self.tr("Content: %1").replace("%1", row.content_url))
        self.detail.setText(" · ".join(parts))

    # --- selection and edits -------------------------------------------------------------------
    def selected_rows(self) -> list[store.MySample]:
        return selected_rows(self.table, self.model)

    def selected(self) -> store.MySample | None:
        rows = self.selected_rows()
        return rows[0] if rows else None

    def _selected(self) -> None:
        row = self.selected() if self.creator else None
        self._show_detail(row)
        for button, allowed, why in (
            (self.cancel_button, store.may_cancel, cancel_blocked),
            (self.fulfil_button, store.may_fulfil, fulfil_blocked),
            (self.extend_button, store.may_extend, extend_blocked),
        ):
            ok = row is not None and allowed(row)
            button.setEnabled(ok)
            if row is None:
                button.setToolTip(self.tr("Select a sample first."))
            else:
                button.setToolTip("" if ok else why(row))

    def select_sample(self, sample_id: str) -> bool:
        """Select the loaded row of ``sample_id`` (False: not loaded under this filter)."""
        r = self.model.row_of(sample_id)
        if r is None:
            return False
        self.table.selectRow(r)
        return True

    def cancel(self) -> None:
        row = self.selected()
        if row is None or not store.may_cancel(row):
            return
        sample_id = row.id
        self._edit(
            lambda cache: plan_edits.cancel_sample(cache, sample_id),
            self.tr("Request cancelled."),
        )

    def extend(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not store.may_extend(row):
            self.say(extend_blocked(row), error=True)
            return
        sample_id = row.id
        self._edit(
            lambda cache: plan_edits.extend_sample(cache, sample_id),
            self.tr("Extension asked: the content is due 7 days later."),
        )

    def ask_fulfil(self) -> None:
        row = self.selected()
        if row is None or not store.may_fulfil(row):
            return
        dialog = FulfilDialog(row.title or row.product_id, self)
        sample_id = row.id
        dialog.accepted.connect(lambda: self.fulfil(sample_id, dialog.content_url))
        self.dialog = dialog
        dialog.open()

    def fulfil(self, sample_id: str, content_url: str) -> None:
        self._edit(
            lambda cache: plan_edits.fulfil_sample(cache, sample_id, content_url),
            self.tr("Content handed in: thank you."),
        )

    def _edit(self, fn: Any, said: str) -> None:
        def failed(exc: BaseException) -> None:
            code = exc.code.value if isinstance(exc, DomainError) else None
            self.say(self.tr("Not saved: %1").replace("%1", refused_text(code, str(exc))), True)

        self.controller.edit_with(fn, lambda _r: self.say(said), failed, cause=CAUSE)

    def say(self, text: str, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)


def short_day(text: str | None) -> str:
    """Month and day (the year is in the tooltip): the dates column stays narrow."""
    return moment(text).astimezone().strftime("%m-%d") if text else "—"


def _when(text: str) -> str:
    return moment(text).astimezone().strftime("%Y-%m-%d %H:%M")


def _fill(box: QComboBox, entries: list[tuple[str, Any]]) -> None:
    """(Re)fill a combo box keeping its current choice (by data), without a signal."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for text, data in entries:
        box.addItem(text, data)
    box.setCurrentIndex(max(0, box.findData(current)))
    box.blockSignals(False)
