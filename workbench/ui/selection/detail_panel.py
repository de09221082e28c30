"""The detail panel: one product in full — image, every field, its plans, its commission history
as the cache has seen it, and which of my channels carry it.

The data comes from ``store.product_detail.detail`` on the reading lane; the panel only shows
it. The chart is pyqtgraph, imported when the first product is shown, not at start-up.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import PlanStatus
from workbench.ui.flow_layout import FlowLayout
from workbench.ui.selection.columns import (
    guarantees_text,
    percent,
    plan_type_text,
    status_text,
    yuan,
)
from workbench.ui.widgets import Retranslating, number

if TYPE_CHECKING:
    from workbench.store.product_detail import ProductDetail

IMAGE_SIZE = 200  # shown size of the 256-pixel thumbnail (sharp on 1.25x screens)


def _section(text: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class DetailPanel(Retranslating, QScrollArea):
    """Shows a :class:`ProductDetail`; asks the page for actions through its signals."""

    favouriteToggled = Signal(str, bool)  # product id, now favourite
    addToChannelsRequested = Signal(str)
    compareRequested = Signal(str)
    hideRequested = Signal()  # collapse the pane
    shown = Signal(str)  # the id of the product now shown (more actions follow it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.setWidgetResizable(True)
        self.setMinimumWidth(280)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail: ProductDetail | None = None
        self._plot: Any = None
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(12, 12, 12, 12)
        self.empty = QLabel()
        self.empty.setObjectName("detailEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = QLabel()
        self.image.setFixedSize(IMAGE_SIZE, IMAGE_SIZE)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.favourite = QPushButton()
        self.favourite.setObjectName("favouriteButton")
        self.favourite.setCheckable(True)
        self.favourite.clicked.connect(self._favourite_clicked)
        self.add_button = QPushButton()
        self.add_button.setObjectName("detailAddToChannels")
        self.add_button.clicked.connect(self._add_clicked)
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("detailCompare")
        self.compare_button.clicked.connect(self._compare_clicked)
        self.buttons = buttons = FlowLayout()  # other parts add their actions to it
        for button in (self.favourite, self.add_button, self.compare_button):
            buttons.addWidget(button)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.field_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("shop", "category", "price", "rate", "per_sale", "sales", "stock",
                    "guarantees", "status", "service_fee"):  # fmt: skip
            name, value = QLabel(), QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"field-{key}")
            self.form.addRow(name, value)
            self.field_labels[key] = (name, value)
        self.plans_title = _section()
        self.plans = QTableWidget(0, 4)
        self.plans.setObjectName("detailPlans")
        self.plans.verticalHeader().hide()
        self.plans.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # As tall as its rows, no scroll bars of its own: the pane scrolls (a table two rows
        # tall with its own bars inside a scrolling pane was hard to read).
        self.plans.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plans.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plans.setWordWrap(True)
        self.plans.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.no_plans = QLabel()
        self.no_plans.setWordWrap(True)
        self.history_title = _section()
        self.history_box = QVBoxLayout()
        self.history_note = QLabel()
        self.history_note.setWordWrap(True)
        self.channels_title = _section()
        self.channels = QLabel()
        self.channels.setObjectName("detailChannels")
        self.channels.setWordWrap(True)
        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        self.hide_button = QToolButton()
        self.hide_button.setObjectName("hideDetails")
        self.hide_button.setText("✕")
        self.hide_button.setAutoRaise(True)
        self.hide_button.clicked.connect(self.hideRequested)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.image)
        top.addStretch(1)
        top.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        inner.addLayout(top)
        inner.addWidget(self.title)
        inner.addLayout(buttons)
        inner.addLayout(self.form)
        inner.addWidget(self.plans_title)
        inner.addWidget(self.plans)
        inner.addWidget(self.no_plans)
        inner.addWidget(self.history_title)
        inner.addLayout(self.history_box)
        inner.addWidget(self.history_note)
        inner.addWidget(self.channels_title)
        inner.addWidget(self.channels)
        inner.addStretch(1)
        self.column.addWidget(self.empty)
        self.column.addWidget(self.content)
        self.setWidget(body)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.retranslate()
        self.show_detail(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self._plot is not None:
            _style_plot(self._plot, self.palette())
            self.show_detail(self.detail)  # the line takes the new accent colour
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.hide_button.setToolTip(self.tr("Hide the details (Esc)"))
        self.empty.setText(
            self.tr("Select a product to see its details, plans and commission history.")
        )
        names = {
            "shop": self.tr("Shop"),
            "category": self.tr("Category"),
            "price": self.tr("Price"),
            "rate": self.tr("Commission rate"),
            "per_sale": self.tr("Commission per sale"),
            "sales": self.tr("Monthly sales"),
            "stock": self.tr("Stock"),
            "guarantees": self.tr("Guarantees"),
            "status": self.tr("Status"),
            "service_fee": self.tr("Platform service fee"),
        }
        for key, (label, _value) in self.field_labels.items():
            label.setText(names[key])
        self.add_button.setText(self.tr("Add to channels…"))
        self.compare_button.setText(self.tr("Add to compare"))
        self.plans_title.setText(self.tr("Promotion plans"))
        self.plans.setHorizontalHeaderLabels(
            [self.tr("Type"), self.tr("Rate"), self.tr("Period"), self.tr("Status")]
        )
        self.no_plans.setText(
            self.tr("No plan covers this product: it earns the product's own commission rate.")
        )
        self.history_title.setText(self.tr("Commission rate history"))
        self.channels_title.setText(self.tr("On my channels"))
        self.show_detail(self.detail)

    # --- showing ---------------------------------------------------------------------------
    def show_detail(self, detail: ProductDetail | None) -> None:
        self.detail = detail
        self.empty.setVisible(detail is None)
        self.content.setVisible(detail is not None)
        if detail is None:
            return
        row = detail.row
        self.title.setText(str(row["title"]))
        self._set_favourite(detail.favourite, detail.pending_favourite)
        score = (
            ""
            if detail.shop_score_x10 is None
            else self.tr(" (score %1)").replace("%1", f"{detail.shop_score_x10 / 10:.1f}")
        )
        values = {
            "shop": f"{row['shop_name']}{score}",
            "category": " › ".join(detail.category_path) or str(row.get("category_name") or "—"),
            "price": yuan(row["price_fen"]),
            "rate": percent(row["commission_ppm"]),
            "per_sale": yuan(row["commission_per_sale_fen"]),
            "sales": number(row["monthly_sales"]),
            "stock": number(row["stock"]),
            "guarantees": guarantees_text(row["guarantee_flags"]),
            "status": status_text(row["status"]),
            "service_fee": percent(row["service_fee_ppm"]),
        }
        for key, (_label, value) in self.field_labels.items():
            value.setText(values[key])
        self._show_plans(detail)
        self._show_history(detail)
        self._show_channels(detail)
        self.shown.emit(str(row["id"]))

    def set_image(self, pixmap: QPixmap) -> None:
        size = IMAGE_SIZE * self.devicePixelRatioF()
        scaled = pixmap.scaled(int(size), int(size), Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        scaled.setDevicePixelRatio(self.devicePixelRatioF())
        self.image.setPixmap(scaled)

    def _set_favourite(self, on: bool, pending: bool) -> None:
        self.favourite.setChecked(on)
        text = self.tr("★ Favourite") if on else self.tr("☆ Add to favourites")
        if pending:
            text += " " + self.tr("(pending sync)")
        self.favourite.setText(text)

    def _show_plans(self, detail: ProductDetail) -> None:
        plans = detail.plans
        self.plans.setRowCount(len(plans))
        for i, plan in enumerate(plans):
            rate = percent(plan.rate_ppm)
            if plan.my_rate_ppm is not None and plan.my_rate_ppm != plan.rate_ppm:
                rate = (
                    self.tr("%1 (yours: %2)")
                    .replace("%1", rate)
                    .replace("%2", percent(plan.my_rate_ppm))
                )
            period = f"{plan.begin_at[:10]} – {plan.end_at[:10]}"
            status = self.tr("Running") if plan.active_now else _plan_status(plan.status)
            for col, text in enumerate((plan_type_text(str(plan.plan_type)), rate, period, status)):
                self.plans.setItem(i, col, QTableWidgetItem(text))
        self._fit_plans()
        self.plans.setVisible(bool(plans))
        self.no_plans.setVisible(not plans)

    def _fit_plans(self) -> None:
        self.plans.resizeRowsToContents()
        header = self.plans.horizontalHeader().sizeHint().height()
        rows = sum(self.plans.rowHeight(i) for i in range(self.plans.rowCount()))
        self.plans.setFixedHeight(header + rows + 2 * self.plans.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.plans.rowCount():
            self._fit_plans()  # narrower columns wrap into taller rows

    def _show_channels(self, detail: ProductDetail) -> None:
        if not detail.placements:
            self.channels.setText(self.tr("Not on any of your channels yet."))
            return
        lines = []
        for p in detail.placements:
            line = p.channel_name
            if p.pending:
                line += " — " + self.tr("pending sync")
            lines.append("• " + line)
        self.channels.setText("\n".join(lines))

    def _show_history(self, detail: ProductDetail) -> None:
        points = detail.history
        since = points[0][0][:10] if points else "—"
        if len(points) < 2:
            # One observation is not a history: say so instead of drawing a flat line.
            if self._plot is not None:
                self._plot.hide()
            current = percent(points[0][1]) if points else "—"
            self.history_note.setText(
                self.tr("%1 since %2: no change seen yet (this computer keeps the history from its first sync).")
                .replace("%1", current).replace("%2", since)
            )  # fmt: skip
            return
        if self._plot is None:
            self._plot = _make_plot(self.palette())
            self.history_box.addWidget(self._plot)
        self._plot.show()
        times = [datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp() for at, _ in points]
        rates = [rate / 10_000 for _, rate in points]
        times.append(max(times[-1], datetime.now().timestamp()))  # the last rate holds until now
        xs: list[float] = []
        ys: list[float] = []
        for i, value in enumerate(rates):  # steps: a rate holds until the next one is seen
            xs += [times[i], times[i + 1]]
            ys += [value, value]
        self._plot.clear()
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        self._plot.plot(xs, ys, pen=accent)
        self._plot.plot(times[:-1], rates, pen=None, symbol="o", symbolSize=6, symbolBrush=accent)
        self._plot.setYRange(0, max(max(rates) * 1.25, 1.0), padding=0)  # a cut reads as a cut
        self.history_note.setText(
            self.tr("Seen by this computer since %1; %Ln change(s).", "", len(points) - 1).replace(
                "%1", since
            )
        )

    # --- actions ----------------------------------------------------------------------------------
    def _favourite_clicked(self, on: bool) -> None:
        if self.detail is not None:
            self.favouriteToggled.emit(self.detail.row["id"], on)

    def _add_clicked(self) -> None:
        if self.detail is not None:
            self.addToChannelsRequested.emit(self.detail.row["id"])

    def _compare_clicked(self) -> None:
        if self.detail is not None:
            self.compareRequested.emit(self.detail.row["id"])


def _plan_status(status: int) -> str:
    t = QCoreApplication.translate
    names = {
        PlanStatus.LISTED: t("DetailPanel", "Listed"),
        PlanStatus.DELISTED: t("DetailPanel", "Ended"),
        PlanStatus.DELETED: t("DetailPanel", "Deleted"),
        PlanStatus.BELOW_ADMISSION: t("DetailPanel", "Below admission"),
        PlanStatus.PENDING_EFFECT: t("DetailPanel", "Not started"),
    }
    try:
        return names[PlanStatus(int(status))]
    except (ValueError, KeyError):
        return str(status)


def _make_plot(palette: QPalette) -> Any:
    import pyqtgraph as pg

    plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
    _style_plot(plot, palette)
    plot.setObjectName("historyChart")
    plot.setMinimumHeight(160)
    plot.setMaximumHeight(200)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setLabel("left", "%")
    plot.showGrid(x=False, y=True, alpha=0.3)
    return plot


def _style_plot(plot: Any, palette: QPalette) -> None:
    """The chart in the theme's colours (pyqtgraph does not follow the palette by itself)."""
    plot.setBackground(palette.color(QPalette.ColorRole.Base))
    for axis in ("left", "bottom"):
        plot.getAxis(axis).setTextPen(palette.color(QPalette.ColorRole.Text))
        plot.getAxis(axis).setPen(palette.color(QPalette.ColorRole.Mid))
