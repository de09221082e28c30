"""The dashboard of the 数据 page: range and grain, the measures against the previous period
(Δ and %), then one section per view (a chart with its sortable table and CSV export).

A creator sees trend, channels (带货渠道), scenes, products, categories and gift orders; a
merchant sees trend, creators × channels (matrix and stacked chart; double-click a cell for its
orders), creator ranking, plans, products and gift orders. It draws a :class:`Dashboard`
that the page reads off the GUI thread, in two steps: the first paint (the KPI cards and the
section on screen) and its completion, which draws only what the first could not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import ChannelKind, Role
from workbench.store.analytics import Breakdown, Totals
from workbench.ui.analytics import names
from workbench.ui.analytics.charts import Chart, Series, money_text
from workbench.ui.analytics.figures import GIFTS, STACKED, Dashboard, Part
from workbench.ui.analytics.tables import KEY_ROLE, FigureTable
from workbench.ui.theme import error_color

if TYPE_CHECKING:
    from workbench.ui.reader import Reader

KPIS = ("gmv_fen", "orders", "units", "refund_fen", "commission_fen", "settled_fen")
TOP = 12  # bars in a breakdown's chart (its table has every key)
SECTION_PARTS: dict[str, tuple[Part, ...]] = {
    "trend": (),  # the series: in every read
    "gifts": (GIFTS,),
    "channels": (STACKED, Breakdown.CHANNEL_KIND),
    "scenes": (Breakdown.SCENE,),
    "products": (Breakdown.PRODUCT,),
    "categories": (Breakdown.CATEGORY,),
    "matrix": (Breakdown.CREATOR_CHANNEL,),
    "ranking": (Breakdown.CREATOR,),
    "plans": (Breakdown.PLAN,),
}
"""The parts of a :class:`Dashboard` each section draws."""


def measure_cells(t: Totals) -> list[tuple[str, Any]]:
    values = [t.gmv_fen, t.orders, t.units, t.refund_fen, t.commission_fen, t.settled_fen]
    out = []
    for name, v in zip(KPIS, values, strict=True):
        text = money_text(v / 100, short=False) if name in names.MONEY else names.number(v)
        out.append((text, v))
    return out


def measure_headers() -> list[str]:
    m = names.measures()
    return [m[k] for k in KPIS]


class Section(QWidget):
    """A chart beside its table, with an "Export CSV…" button (written off the GUI thread)."""

    def __init__(self, reader: Reader | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = Chart()
        self.table = FigureTable(reader)
        self.export = QPushButton()
        self.export.clicked.connect(lambda: self.table.ask_export())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.chart)
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table, 1)
        box.addWidget(self.export, 0, Qt.AlignmentFlag.AlignRight)
        split.addWidget(holder)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        # Three fifths to the chart from the start: the chart's size hint took all but ~200 px
        # at 1200×780 and cut the table after its second column.
        split.setSizes([3_000, 2_000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

    def retranslate(self) -> None:
        self.export.setText(self.tr("Export CSV…"))
        self.chart.retranslate()


class Kpi(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name, self.value, self.delta = QLabel(), QLabel(), QLabel()
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.value.setFont(font)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 4, 8, 4)
        box.setSpacing(1)
        for w in (self.name, self.value, self.delta):
            # Never wider than the window allows: six cards share 1200 px.
            w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            box.addWidget(w)


class DashboardView(QWidget):
    drill = Signal(object)  # {Breakdown: key}: the orders behind a cell or row
    exported = Signal(object)  # a table's CSV export ended: FileExport.finished's render

    def __init__(self, reader: Reader | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader  # the tables' CSV exports
        self.kpis = {name: Kpi() for name in KPIS}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, kpi in enumerate(self.kpis.values()):
            grid.addWidget(kpi, 0, i)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.sections: dict[str, Section] = {}
        self.drawn: set[str] = set()
        self.matrix_kinds: list[Any] = []
        self.data: Dashboard | None = None
        self.tabs.currentChanged.connect(lambda _i: self._draw_current())
        self.role: Role | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.tabs, 1)

    def _build(self, role: Role) -> None:
        if role is self.role:
            return
        self.role = role
        self.tabs.clear()
        ids = ["trend", "channels", "scenes", "products", "categories", "gifts"]
        if role is Role.MERCHANT:
            ids = ["trend", "matrix", "ranking", "plans", "products", "gifts"]
        self.sections = {i: Section(self.reader) for i in ids}
        for i, section in self.sections.items():
            self.tabs.addTab(section, i)
            section.table.exporter.finished.connect(self.exported)
        if "matrix" in self.sections:
            self.sections["matrix"].table.cellDoubleClicked.connect(self._matrix_drill)
        for i in ("ranking", "plans", "products", "channels", "scenes", "categories"):
            if i in self.sections:
                self.sections[i].table.cellDoubleClicked.connect(
                    lambda row, _col, i=i: self._row_drill(i, row)
                )
        self.retranslate()

    def retranslate(self) -> None:
        titles = {
            "trend": self.tr("Trend"),
            "channels": self.tr("Channels"),
            "scenes": self.tr("Scenes"),
            "products": self.tr("Products"),
            "categories": self.tr("Categories"),
            "gifts": self.tr("Gift orders"),
            "matrix": self.tr("Creators × channels"),
            "ranking": self.tr("Creator ranking"),
            "plans": self.tr("Plans"),
        }
        for index in range(self.tabs.count()):
            key = list(self.sections)[index]
            self.tabs.setTabText(index, titles[key])
            self.sections[key].retranslate()
        measures = names.measures()
        for name, kpi in self.kpis.items():
            kpi.name.setText(measures[name])
        if self.data is not None:
            self._show(self.data, fresh=True)

    def current_parts(self, role: Role) -> tuple[Part, ...]:
        """What the section on screen draws (for a first read of ``role``'s dashboard)."""
        index = self.tabs.currentIndex()
        if role is not self.role or index < 0:
            return ()
        return SECTION_PARTS[list(self.sections)[index]]

    def empty_text(self) -> str:
        if self.data is None:
            return ""
        p = self.data.period
        return (
            self.tr(
                "No orders from %1 to %2. Choose a longer range above, or sync to fetch new orders."
            )
            .replace("%1", names.day_text(p.first))
            .replace("%2", names.day_text(p.last))
        )

    def compared_text(self) -> str:
        """What the Δ figures compare with: the previous period's days."""
        if self.data is None:
            return ""
        from workbench.store.analytics import previous_period

        before = previous_period(self.data.period)
        return (
            self.tr("Δ against %1 – %2")
            .replace("%1", names.day_text(before.first))
            .replace("%2", names.day_text(before.last))
        )

    # --- drawing --------------------------------------------------------------------------------
    def show_dashboard(self, data: Dashboard) -> None:
        """The KPI cards and the section on screen now; the others when first shown (a
        dashboard opens in the time of one chart, not six). The completion of the read on
        screen (same ``read``) redraws nothing already drawn."""
        completing = self.data is not None and data.read != 0 and data.read == self.data.read
        self._show(data, fresh=not completing)

    def _show(self, data: Dashboard, *, fresh: bool) -> None:
        self.data = data
        self._build(data.role)
        if fresh:
            self._kpis(data)
            self.drawn = set()
        self._draw_current()

    def section(self, key: str) -> Section:
        """The section ``key``, drawn with the current figures (once they hold its parts)."""
        data = self.data
        if data is not None and key not in self.drawn and data.has(SECTION_PARTS[key]):
            self._draw(key, data)
        return self.sections[key]

    def _draw_current(self) -> None:
        index = self.tabs.currentIndex()
        if index >= 0:
            self.section(list(self.sections)[index])

    def _draw(self, key: str, data: Dashboard) -> None:
        self.drawn.add(key)
        empty = self.empty_text()
        breakdowns = {
            "scenes": Breakdown.SCENE,
            "products": Breakdown.PRODUCT,
            "categories": Breakdown.CATEGORY,
            "ranking": Breakdown.CREATOR,
            "plans": Breakdown.PLAN,
        }
        if key == "trend":
            self._trend(data, empty)
        elif key == "gifts":
            self._gifts(data, empty)
        elif key == "channels":
            self._stacked_channels(data, empty)
        elif key == "matrix":
            self._matrix(data, empty)
        else:
            self._breakdown(key, breakdowns[key], data, empty)

    def _kpis(self, data: Dashboard) -> None:
        bad = error_color(self.palette()).name()
        good = (
            "#16a34a"
            if self.palette().color(QPalette.ColorRole.Base).lightness() > 128
            else "#4ade80"
        )
        for name, kpi in self.kpis.items():
            change = data.compare[name]
            money = name in names.MONEY
            kpi.value.setText(
                money_text(change.now / 100, short=False) if money else names.number(change.now)
            )
            delta = change.delta / 100 if money else change.delta
            sign = "+" if delta > 0 else ""
            text = sign + (money_text(delta) if money else names.number(delta))
            if change.percent is not None:
                text = f"{sign}{names.number(change.percent, 1)}% · {text}"
            kpi.delta.setText(text)
            kpi.setToolTip(self.compared_text())
            up_is_good = name != "refund_fen"
            color = good if (delta > 0) == up_is_good else bad
            kpi.delta.setStyleSheet("" if delta == 0 else f"color: {color}")

    def _labels(self, data: Dashboard) -> list[str]:
        return [names.bucket_label(d, data.grain) for d, _ in data.series]

    def _trend(self, data: Dashboard, empty: str) -> None:
        section = self.sections["trend"]
        m = names.measures()
        section.chart.title.setText(self.tr("GMV and commission"))
        section.chart.show_data(
            self._labels(data),
            [
                Series(m["gmv_fen"], [t.gmv_fen / 100 for _, t in data.series]),
                Series(m["commission_fen"], [t.commission_fen / 100 for _, t in data.series]),
                Series(m["settled_fen"], [t.settled_fen / 100 for _, t in data.series]),
            ],
            empty_text=empty,
        )
        section.table.fill(
            [self.tr("Period"), *measure_headers()],
            [[(names.bucket_label(d, data.grain), d.toordinal()), *measure_cells(t)]
             for d, t in data.series],
        )  # fmt: skip

    def _gifts(self, data: Dashboard, empty: str) -> None:
        section = self.sections["gifts"]
        section.chart.title.setText(self.tr("Gift orders (送礼物): share of orders and GMV"))
        section.chart.show_data(
            self._labels(data),
            [
                Series(self.tr("Share of orders"), [g.order_share * 100 for g in data.gifts]),
                Series(self.tr("Share of GMV"), [g.gmv_share * 100 for g in data.gifts]),
            ],
            percent=True,
            empty_text=empty,
        )
        section.table.fill(
            [self.tr("Period"), self.tr("Gift orders"), self.tr("Orders"),
             self.tr("Share of orders"), self.tr("Gift GMV"), self.tr("GMV"),
             self.tr("Share of GMV")],
            [[(names.bucket_label(g.start, data.grain), g.start.toordinal()),
              (names.number(g.gift_orders), g.gift_orders), (names.number(g.orders), g.orders),
              (names.number(g.order_share * 100, 1) + "%", g.order_share),
              (money_text(g.gift_gmv_fen / 100, short=False), g.gift_gmv_fen),
              (money_text(g.gmv_fen / 100, short=False), g.gmv_fen),
              (names.number(g.gmv_share * 100, 1) + "%", g.gmv_share)] for g in data.gifts],
        )  # fmt: skip

    def _stacked_channels(self, data: Dashboard, empty: str) -> None:
        section = self.sections["channels"]
        section.chart.title.setText(self.tr("GMV by channel (带货渠道)"))
        kinds = sorted(data.stacked, key=lambda k: -sum(t.gmv_fen for _, t in data.stacked[k]))
        section.chart.show_data(
            self._labels(data),
            [
                Series(
                    names.channel_kind(str(k or "")), [t.gmv_fen / 100 for _, t in data.stacked[k]]
                )
                for k in kinds
            ],
            stacked=True,
            empty_text=empty,
        )
        self._breakdown_table(section, Breakdown.CHANNEL_KIND, data)

    def _breakdown(self, key: str, by: Breakdown, data: Dashboard, empty: str) -> None:
        section = self.sections[key]
        rows = data.breakdowns.get(by, [])[:TOP]
        labels = data.names.get(by, {})
        section.chart.title.setText(self.tr("GMV, top %1").replace("%1", str(TOP)))
        section.chart.show_data(
            [_short(names.key_name(by, k, labels)) for k, _ in rows],
            [Series(names.measures()["gmv_fen"], [t.gmv_fen / 100 for _, t in rows])],
            stacked=True,
            empty_text=empty,
        )
        self._breakdown_table(section, by, data)

    def _breakdown_table(self, section: Section, by: Breakdown, data: Dashboard) -> None:
        rows = data.breakdowns.get(by, [])
        labels = data.names.get(by, {})
        section.table.fill(
            [self.tr("Name"), *measure_headers()],
            [[(names.key_name(by, k, labels), names.key_name(by, k, labels)), *measure_cells(t)]
             for k, t in rows],
            keys=[(by, k) for k, _ in rows],
        )  # fmt: skip

    def _matrix(self, data: Dashboard, empty: str) -> None:
        section = self.sections["matrix"]
        cells = data.breakdowns.get(Breakdown.CREATOR_CHANNEL, [])
        creators: dict[Any, int] = {}
        kinds: dict[Any, int] = {}
        gmv: dict[tuple[Any, Any], int] = {}
        for (creator, kind), t in cells:
            creators[creator] = creators.get(creator, 0) + t.gmv_fen
            kinds[kind] = kinds.get(kind, 0) + t.gmv_fen
            gmv[(creator, kind)] = t.gmv_fen
        creator_order = sorted(creators, key=lambda c: -creators[c])
        kind_order = [k.value for k in ChannelKind if k.value in kinds]
        kind_order += [k for k in kinds if k not in kind_order]
        who = data.names.get(Breakdown.CREATOR, {})
        creator_names = [names.key_name(Breakdown.CREATOR, c, who) for c in creator_order]
        section.chart.title.setText(self.tr("GMV by creator and channel"))
        section.chart.show_data(
            [_short(n) for n in creator_names],
            [Series(names.channel_kind(str(k or "")),
                    [gmv.get((c, k), 0) / 100 for c in creator_order]) for k in kind_order],
            stacked=True,
            empty_text=empty,
        )  # fmt: skip
        rows = []
        keys = []
        for c, name in zip(creator_order, creator_names, strict=True):
            row: list[tuple[str, Any]] = [(name, name)]
            for k in kind_order:
                v = gmv.get((c, k), 0)
                row.append((money_text(v / 100, short=False), v))
            row.append((money_text(creators[c] / 100, short=False), creators[c]))
            rows.append(row)
            keys.append(c)
        section.table.fill(
            [self.tr("Creator"), *(names.channel_kind(str(k or "")) for k in kind_order),
             self.tr("Total")],
            rows,
            keys=keys,
        )  # fmt: skip
        self.matrix_kinds = kind_order

    def _matrix_drill(self, row: int, column: int) -> None:
        table = self.sections["matrix"].table
        item = table.item(row, 0)
        if item is None:
            return
        creator = item.data(KEY_ROLE)
        where: dict[Breakdown, Any] = {Breakdown.CREATOR: creator}
        if 1 <= column <= len(self.matrix_kinds):
            where[Breakdown.CHANNEL_KIND] = self.matrix_kinds[column - 1]
        self.drill.emit(where)

    def _row_drill(self, section: str, row: int) -> None:
        item = self.sections[section].table.item(row, 0)
        if item is not None and item.data(KEY_ROLE) is not None:
            by, key = item.data(KEY_ROLE)
            self.drill.emit({by: key})


def _short(text: str, size: int = 14) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
