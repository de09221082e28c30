"""The 数据 page (analytics), both roles: the dashboard, the commission ledger (creators) and
the orders view, in tabs. Reads through the shared reader only: the dashboard in two jobs on the
interactive lane, queued together (the KPI cards and the section on screen from the per-day
figures first, painted at once, then every other part), and re-reads when a sync or an edit
changed orders or settlements.

Keys: F5 refresh; Ctrl+1/2/3 the tabs; Alt+← / Alt+→ the previous / next range preset.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import Role
from workbench.store.analytics import Breakdown, Grain, Preset
from workbench.ui.action_message import ActionMessage
from workbench.ui.analytics import names
from workbench.ui.analytics.dashboard import DashboardView
from workbench.ui.analytics.figures import Dashboard, load_first, load_rest, today
from workbench.ui.analytics.ledger import LedgerView
from workbench.ui.analytics.orders_view import OrdersView
from workbench.ui.file_export import FileExport
from workbench.ui.widgets import PAGE_MARGINS, Retranslating, combo_box, page_title

if TYPE_CHECKING:
    from datetime import date

    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

WATCHED = ("order", "settlement_line", "creator")  # creator: a name in the breakdowns


class AnalyticsPage(Retranslating, QWidget):
    first_paint = Signal()  # the KPI cards and the section on screen are drawn (timing)
    shown_dashboard = Signal()  # the whole dashboard is read and on screen (tests, timing)

    def __init__(self, controller: SyncController | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-analytics")
        self.controller = controller
        reader = None if controller is None else controller.reader
        self.session: AccountSession | None = None
        self.role = Role.CREATOR
        self.today: date | None = None  # None: today in Asia/Shanghai
        self.generation = 0
        self.loaded = False
        self.opened_at = time.perf_counter()
        self.open_ms: float | None = None
        self.title = page_title()
        self.preset, self.grain = combo_box(), combo_box()
        self.preset.currentIndexChanged.connect(self.refresh)
        self.grain.currentIndexChanged.connect(self.refresh)
        self.range = QLabel()
        self.compared = QLabel()
        self.compared.setObjectName("analyticsCompared")
        self.state = QLabel()
        self.state.setObjectName("analyticsState")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setWordWrap(True)
        self.dashboard = DashboardView(reader)
        self.ledger = LedgerView(reader)
        self.orders = OrdersView(reader)
        self.dashboard.drill.connect(self._drill)
        # How the last export ended (one elided line, re-rendered on a language switch).
        self.message = None if controller is None else ActionMessage(controller)
        if self.message is not None:
            self.dashboard.exported.connect(self.message.say)
            self.ledger.exporter.finished.connect(self.message.say)
            self.orders.exporter.finished.connect(self.message.say)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.dashboard, "")
        self.tabs.addTab(self.ledger, "")
        self.tabs.addTab(self.orders, "")
        self.body = QStackedWidget()
        self.body.addWidget(self.state)
        self.body.addWidget(self.tabs)
        top = QHBoxLayout()
        top.addWidget(self.title)
        if self.message is not None:
            top.addWidget(self.message, 1)
        else:
            top.addStretch(1)
        top.addWidget(self.range)
        top.addWidget(self.compared)
        top.addWidget(self.preset)
        top.addWidget(self.grain)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        self._shortcuts()
        if controller is not None:
            controller.sessionChanged.connect(self.set_session)
            controller.changed.connect(self.apply_changes)
        self.retranslate()
        self.preset.setCurrentIndex(self.preset.findData(Preset.LAST_30.value))
        self.grain.setCurrentIndex(0)
        if controller is not None:
            self.set_session(controller.session)

    def _shortcuts(self) -> None:
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        for i in range(3):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, lambda i=i: self._tab(i))
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self._step_preset(-1))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self._step_preset(1))

    def _tab(self, index: int) -> None:
        if self.tabs.isTabVisible(index):
            self.tabs.setCurrentIndex(index)

    def _step_preset(self, step: int) -> None:
        self.preset.setCurrentIndex((self.preset.currentIndex() + step) % self.preset.count())

    def retranslate(self) -> None:
        self.title.setText(self.tr("Analytics"))
        for combo, items in ((self.preset, names.presets()), (self.grain, names.grains())):
            held = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for key, text in items.items():
                combo.addItem(text, key.value)
            combo.setCurrentIndex(max(0, combo.findData(held)))
            combo.blockSignals(False)
        self.tabs.setTabText(0, self.tr("Dashboard"))
        self.tabs.setTabText(1, self.tr("Commission ledger"))
        self.tabs.setTabText(2, self.tr("Orders"))
        self.dashboard.retranslate()
        self.ledger.retranslate()
        self.orders.retranslate()
        self._say_state()
        self._range_text()

    def _say_state(self) -> None:
        if self.session is None:
            self.state.setText(self.tr("Open an account to see its sales figures."))
        elif not self.loaded:
            self.state.setText(self.tr("Reading your orders…"))

    def _range_text(self) -> None:
        data = self.dashboard.data
        if data is not None:
            self.range.setText(
                f"{names.day_text(data.period.first)} – {names.day_text(data.period.last)}"
            )
            self.compared.setText("(" + self.dashboard.compared_text() + ")")

    # --- session and changes --------------------------------------------------------------------
    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        for exporter in self.exporters():
            exporter.stop(cancel=True)  # its result would not come back: the reader moved on
        self.loaded = False
        self.body.setCurrentWidget(self.state)
        self._say_state()
        if session is None:
            return
        self.role = session.account.role
        self.tabs.setTabVisible(1, self.role is Role.CREATOR)
        self.opened_at = time.perf_counter()
        self.refresh()

    def exporters(self) -> list[FileExport]:
        """Every export runner of the page (the ledger's, the orders view's, each dashboard
        table's)."""
        tables = [s.table for s in self.dashboard.sections.values()]
        return [self.ledger.exporter, self.orders.exporter, *(t.exporter for t in tables)]

    def apply_changes(self, changed: Changed) -> None:
        if self.session is not None and changed.touches(WATCHED):
            self.refresh()

    def refresh(self) -> None:
        if self.controller is None or self.session is None:
            return
        self.generation += 1
        generation, role = self.generation, self.role
        preset, grain = Preset(self.preset.currentData()), Grain(self.grain.currentData())
        day = self.today or today()
        parts = self.dashboard.current_parts(role)
        first: list[Dashboard] = []

        def read_first(cache: Cache) -> Dashboard:
            first.append(load_first(cache, role, preset, grain, day, parts))
            return first[0]

        def read_rest(cache: Cache) -> Dashboard | None:
            # The lane is serial: the first read has run (or failed) by now.
            if not first or generation != self.generation:
                return None  # a newer refresh is queued behind: skip the work
            return load_rest(cache, first[0])

        def shown(data: Dashboard | None) -> None:
            if data is not None and generation == self.generation:
                self.show_dashboard(data)

        self.controller.reader.interactive(read_first, shown)
        self.controller.reader.interactive(read_rest, shown)
        if role is Role.CREATOR:
            self.ledger.refresh()

    def show_dashboard(self, data: Dashboard) -> None:
        """Draw a first paint or its completion (``data.complete``); the orders view follows
        the range once the dashboard is whole, so its reads queue behind the dashboard's."""
        self.dashboard.show_dashboard(data)
        self._range_text()
        self.body.setCurrentWidget(self.tabs)
        if not self.loaded:
            self.open_ms = (time.perf_counter() - self.opened_at) * 1000
        self.loaded = True
        if not data.complete:
            self.first_paint.emit()
            return
        self.orders.set_period(data.period)
        self.shown_dashboard.emit()

    def _drill(self, where: dict[Breakdown, Any]) -> None:
        self.orders.drill(where)
        self.tabs.setCurrentWidget(self.orders)
