"""My applications (the creator's side of issue 10 item 2), a tab of the Plans page.

A lazy list (``WindowModel``: windows of 200 read on the interactive lane, SQL-sorted newest
first by ``store/applications.py``) filtered by state, product, shop, plan type and rate; the
selected application's timeline beside it (``timeline.py``). Withdraw queues
``application.withdraw`` (only while the merchant has not decided); an approved application's
"List on channels…" opens the selection center's channel picker, with the channels already
listing the product greyed, and queues the listings the way the selection center does
(``placing.place``). Every edit goes through the outbox, so all of it works offline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import ApplicationStatus, PlanType, Role
from workbench.store import applications as store
from workbench.store import placing, plan_edits, product_detail
from workbench.ui.action_message import OFFLINE, SENT, ActionMessage
from workbench.ui.cache_notices import problem_text
from workbench.ui.conflicts import reason_text
from workbench.ui.merchant.texts import day, plan_type_name
from workbench.ui.pages.registry import Audience
from workbench.ui.plans.timeline import TimelinePanel
from workbench.ui.selection.channel_picker import ChannelPicker
from workbench.ui.selection.columns import percent
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating, combo_box, fill_combo
from workbench.ui.window_model import (
    WindowModel,
    lazy_table,
    select_ids,
    selected_rows,
    show_state,
)

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

log = logging.getLogger(__name__)

CAUSE = "applications"
WATCHED = ("application", "plan", "product", "listing", "channel")
TYPING_PAUSE_MS = 250  # the product filter reads after a pause in typing


class ApplicationsView(Retranslating, QWidget):
    """My applications with filters, a timeline and their actions."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myApplications")
        self.controller = controller
        self.session: AccountSession | None = None
        self.filter = store.ApplicationFilter()
        self.picker: ChannelPicker | None = None  # the last channel picker opened
        self._keep: set[str] = set()
        self.model = WindowModel(lambda: controller.reader, self._cells, self)
        self.model.right_aligned = {3}
        self.model.tooltip = self._tooltip
        self.model.loaded.connect(self._loaded)
        self.model.refreshed.connect(self._loaded)
        self.model.countChanged.connect(self._show_count)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._filters_changed)
        self._build()
        self.retranslate()
        controller.sessionChanged.connect(self.set_session)
        controller.changed.connect(self.apply_changes)
        self.set_session(controller.session)

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.state_box = combo_box()
        self.state_box.setObjectName("applicationState")
        self.product_box = QLineEdit()
        self.product_box.setObjectName("applicationProduct")
        self.product_box.setClearButtonEnabled(True)
        self.shop_box = combo_box()
        self.shop_box.setObjectName("applicationShop")
        self.type_box = combo_box()
        self.type_box.setObjectName("applicationPlanType")
        self.rate_label = QLabel()
        self.rate_box = QSpinBox()
        self.rate_box.setObjectName("applicationMinRate")
        self.rate_box.setRange(0, 90)
        self.rate_box.setSuffix(" %")
        for box in (self.state_box, self.shop_box, self.type_box):
            box.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.rate_box.valueChanged.connect(lambda _v: self._filters_changed())
        self.product_box.textChanged.connect(lambda _t: self._typing.start())
        bar = QHBoxLayout()
        for widget in (self.state_box, self.product_box, self.shop_box, self.type_box,
                       self.rate_label, self.rate_box):  # fmt: skip
            bar.addWidget(widget)
        bar.addStretch(1)

        self.table, self.state = lazy_table(self.model, "applications", self._selected)
        self.table.horizontalHeader().setStretchLastSection(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.state)
        self.timeline = TimelinePanel()
        self.timeline.withdraw_button.clicked.connect(self.withdraw_selected)
        self.timeline.list_button.clicked.connect(self.list_selected)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.timeline)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([560, 340])

        self.count = QLabel()
        self.count.setObjectName("applicationsCount")
        self.message = ActionMessage(self.controller)
        self.message.setObjectName("applicationsMessage")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        fill_combo(self.state_box, [
            (self.tr("Every state"), None),
            (self.tr("Waiting for the merchant"), ApplicationStatus.PENDING.value),
            (self.tr("Approved"), ApplicationStatus.APPROVED.value),
            (self.tr("Rejected"), ApplicationStatus.REJECTED.value),
            (self.tr("Withdrawn"), ApplicationStatus.WITHDRAWN.value),
        ])  # fmt: skip
        fill_combo(self.type_box, [
            (self.tr("All types"), None),
            *((plan_type_name(t), t.value) for t in PlanType),
        ])  # fmt: skip
        self._fill_shops([str(self.shop_box.itemData(i)) for i in range(1, self.shop_box.count())])
        self.product_box.setPlaceholderText(self.tr("Product title contains…"))
        self.rate_label.setText(self.tr("Rate at least"))
        self.model.set_headers([
            self.tr("Product"), self.tr("Shop"), self.tr("Type"), self.tr("Rate"),
            self.tr("State"), self.tr("Applied"),
        ])  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._show_state()
        self._show_count()

    def _fill_shops(self, shops: list[str]) -> None:
        fill_combo(self.shop_box, [(self.tr("Every shop"), None), *((s, s) for s in shops)])

    # --- account and reading -------------------------------------------------------------------
    @property
    def creator(self) -> bool:
        return self.session is not None and self.session.account.role is Role.CREATOR

    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        if self.picker is not None:
            self.picker.close()
            self.picker = None
        self.timeline.show_row(None)
        if self.creator:
            self.reload()
        else:
            self.model.clear()
        self._show_state()

    def current_filter(self) -> store.ApplicationFilter:
        state, kind = self.state_box.currentData(), self.type_box.currentData()
        return store.ApplicationFilter(
            status=ApplicationStatus(state) if state else None,
            product=self.product_box.text().strip(),
            shop=str(self.shop_box.currentData() or ""),
            plan_type=PlanType(kind) if kind else None,
            min_rate_ppm=self.rate_box.value() * 10_000 or None,
        )

    def _filters_changed(self) -> None:
        self.filter = self.current_filter()
        self.reload()

    def reload(self) -> None:
        if not self.creator:
            return
        flt = self.filter
        self.model.reload(
            lambda cache: store.count(cache, flt),
            lambda cache, offset, limit: store.window(cache, flt, offset, limit),
        )
        self.controller.reader.interactive(store.shops, self._shops_read)
        self._show_state()

    def _shops_read(self, shops: list[str]) -> None:
        self.shop_box.blockSignals(True)
        self._fill_shops(shops)
        index = self.shop_box.findData(self.filter.shop) if self.filter.shop else 0
        self.shop_box.setCurrentIndex(max(index, 0))
        self.shop_box.blockSignals(False)

    def apply_changes(self, changed: Changed) -> None:
        if self.creator and changed.touches(WATCHED):
            # the selected rows, unless one was asked for (a new application) and not shown yet
            self._keep = self._keep or {row.id for row in self.selected_rows()}
            self.model.refresh()

    def _loaded(self) -> None:
        if self._keep:
            select_ids(self.table, self.model, self._keep)
            self._keep = set()
        self._show_state()
        self._show_count()
        self._selected()

    def _show_state(self) -> None:
        show_state(
            self.state,
            self.model,
            opened=True,  # the Plans page it sits in says when no account is open
            refusal="" if self.creator else self.tr("My applications are a creator's page."),
            reading=self.tr("Reading my applications…"),
            empty=(
                self.tr("No application matches these filters.")
                if self.filter != store.ApplicationFilter()
                else self.tr(
                    "You have not applied to a plan yet: choose one under Plans and press Apply…"
                )
            ),
        )

    def _show_count(self) -> None:
        if self.model.ready:
            self.count.setText(self.tr("%Ln application(s)", "", self.model.count))
        else:
            self.count.clear()

    def state_name(self, status: ApplicationStatus) -> str:
        return {
            ApplicationStatus.PENDING: self.tr("Waiting for the merchant"),
            ApplicationStatus.APPROVED: self.tr("Approved"),
            ApplicationStatus.REJECTED: self.tr("Rejected"),
            ApplicationStatus.WITHDRAWN: self.tr("Withdrawn"),
        }[status]

    def _cells(self, row: store.ApplicationRow) -> list[str]:
        state = self.state_name(row.status)
        if row.pending:
            state = self.tr("%1 · pending sync").replace("%1", state)
        return [
            row.title or row.product_id or "—",
            row.shop_name or "—",
            plan_type_name(row.plan_type) if row.plan_type else "—",
            percent(row.rate_ppm),
            state,
            day(row.created_at),
        ]

    def _tooltip(self, row: store.ApplicationRow, column: int) -> str | None:
        if column == 0:
            return row.title or None
        if column == 4 and row.status is ApplicationStatus.REJECTED:
            return self.tr("Reason: %1").replace("%1", row.reason or "—")
        return None

    # --- selection -----------------------------------------------------------------------------
    def selected_rows(self) -> list[store.ApplicationRow]:
        return selected_rows(self.table, self.model)

    def selected_row(self) -> store.ApplicationRow | None:
        rows = self.selected_rows()
        return rows[0] if rows else None

    def select_id(self, application_id: str) -> None:
        """Select an application (it is selected when its window arrives, if not yet read)."""
        self._keep = {application_id}
        select_ids(self.table, self.model, self._keep)

    def _selected(self) -> None:
        row = self.selected_row()
        self.timeline.show_row(row)
        if row is not None and row.status is ApplicationStatus.APPROVED and row.product_id:
            app_id, product_id = row.id, row.product_id

            def shown(placed: list[product_detail.Placement]) -> None:
                current = self.timeline.row
                if current is not None and current.id == app_id:  # still the one shown
                    self.timeline.show_placed(placed)

            self.controller.reader.interactive(
                lambda cache: product_detail.placements(cache, product_id), shown
            )

    # --- edits ---------------------------------------------------------------------------------
    def withdraw_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status is not ApplicationStatus.PENDING:
            return
        app_id = row.id
        self._edit(
            lambda cache: plan_edits.withdraw(cache, app_id),
            lambda _c: self.say_edit(
                lambda state: (
                    self.tr("Withdrawn: the merchant no longer reviews it.")
                    if state == SENT
                    else self.tr("Withdrawn; the server hears of it at the next sync.")
                )
            ),
        )

    def list_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status is not ApplicationStatus.APPROVED or not row.product_id:
            return
        product_id = row.product_id

        def read(cache: Cache) -> tuple[list[dict[str, Any]], set[str]]:
            listed = placing.existing_listings(cache, [product_id])
            return product_detail.channels(cache), {channel for channel, _p in listed}

        self.controller.reader.interactive(read, lambda got: self._pick(product_id, *got))

    def _pick(self, product_id: str, channels: list[dict[str, Any]], listed: set[str]) -> None:
        if self.session is None:
            return
        audience = Audience.of(self.session.account)
        picker = ChannelPicker(channels, 1, self, audience=audience, listed=listed)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.setWindowTitle(self.tr("List on channels"))
        self.picker = picker
        picker.accepted.connect(lambda: self.place(product_id, *picker.chosen()))
        picker.finished.connect(lambda _r: setattr(self, "picker", None))  # deleted on close
        picker.open()

    def place(
        self, product_id: str, channel_ids: list[str], new_channels: list[tuple[str, str]]
    ) -> None:
        """Queue the product's listings on the chosen channels (one outbox transaction)."""

        def text(placed: placing.Placed, state: str) -> str:
            n = placed.listings
            if state == SENT:
                return self.tr("Listed on %n channel(s) and sent to the server.", "", n)
            if state == OFFLINE:
                return self.tr("Listed on %n channel(s) offline: sent when the server is back.", "", n)  # fmt: skip
            return self.tr("Listed on %n channel(s); sending to the server.", "", n)

        def done(placed: placing.Placed) -> None:
            self.say_edit(lambda state: text(placed, state))

        self._edit(
            lambda cache: placing.place(cache, [product_id], channel_ids, new_channels), done
        )

    def _edit(self, fn: Any, done: Any) -> None:
        def failed(exc: BaseException) -> None:
            log.warning("application edit refused: %s", exc)
            code = getattr(getattr(exc, "code", None), "value", None)
            text = reason_text(code, str(exc)) if code else (problem_text(exc) or str(exc))
            self.say(self.tr("Not saved: %1").replace("%1", text), error=True)

        self.controller.edit_with(fn, done, failed, cause=CAUSE)

    def say(self, text: str, *, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.say(text)

    def say_edit(self, render: Callable[[str], str]) -> None:
        self.message.setStyleSheet("color: palette(text);")
        self.message.say_edit(render)
