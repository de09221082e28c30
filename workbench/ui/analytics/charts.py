"""One chart of the 数据 page (pyqtgraph): lines or stacked bars over labelled x positions
(buckets of days, or categories), a crosshair whose values show in a tooltip, zoom and pan on
the x axis only, legend items that hide or show their series, ¥ on the y axis in the UI
language, the palette's colours (light or dark), and "Copy image" / "Save as PNG". A chart
with nothing to draw says so instead of showing an empty frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLocale, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.selection.columns import yuan
from workbench.ui.theme import is_dark

COLORS = ("#3b82f6", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#ec4899", "#14b8a6", "#84cc16",
          "#f97316", "#6366f1")  # fmt: skip


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]


def money_text(value: float, short: bool = True) -> str:
    """¥ in the UI language's digits (−¥2.40, not ¥−2.40); large amounts as 万 (zh) or K/M
    (others) when ``short``; else exact to the fen, as every money column (``yuan``)."""
    if not short:
        return yuan(round(value * 100))
    locale = QLocale()
    chinese = locale.language() == QLocale.Language.Chinese
    sign, size = ("-" if value < 0 else ""), abs(value)
    if short and chinese and size >= 10_000:
        return f"{sign}¥" + locale.toString(size / 10_000, "f", 1) + "万"
    if short and not chinese and size >= 1_000_000:
        return f"{sign}¥" + locale.toString(size / 1_000_000, "f", 1) + "M"
    if short and not chinese and size >= 1_000:
        return f"{sign}¥" + locale.toString(size / 1_000, "f", 1) + "K"
    return f"{sign}¥" + locale.toString(size, "f", 0)


LABEL_MAX_PX = 160  # an x label's widest (a product's or creator's name)
LABEL_GAP_PX = 16  # between two x labels


class _LabelAxis(pg.AxisItem):  # type: ignore[misc]
    """The x axis: the label of each integer position (a date, a category)."""

    def __init__(self) -> None:
        super().__init__("bottom")
        self.labels: list[str] = []

    def _metrics(self) -> QFontMetrics:
        return QFontMetrics(self.style["tickFont"] or QGuiApplication.font())

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        count = len(self.labels)
        if count == 0:
            return []
        first, last = max(0, int(minVal + 0.999)), min(count - 1, int(maxVal))
        visible = max(1, last - first + 1)
        # As many labels as fit side by side: a date takes ~90 px, a product's name up to
        # LABEL_MAX_PX (longer ones are cut with "…"); names no longer run into each other.
        metrics = self._metrics()
        widest = max(
            (metrics.horizontalAdvance(label) for label in self.labels[first : last + 1]),
            default=0,
        )
        room = max(1, int(size / max(90, min(widest, LABEL_MAX_PX) + LABEL_GAP_PX)))
        step = max(1, -(-visible // room))
        return [(step, list(range(first, last + 1, step)))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        metrics, out = self._metrics(), []
        for v in values:
            i = round(v)
            label = self.labels[i] if 0 <= i < len(self.labels) else ""
            out.append(metrics.elidedText(label, Qt.TextElideMode.ElideRight, LABEL_MAX_PX))
        return out


class _ValueAxis(pg.AxisItem):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__("left")
        self.money = True
        self.percent = False

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self.percent:  # no 110 %: the room above 100 is the legend's
            return [QLocale().toString(v, "f", 0) + "%" if v <= 100.5 else "" for v in values]
        if self.money:
            return [money_text(v) for v in values]
        return [QLocale().toString(v, "f", 0) for v in values]


class Chart(QWidget):
    """A chart; ``show_data`` draws, ``show_empty`` says why there is nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.x_axis, self.y_axis = _LabelAxis(), _ValueAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.x_axis, "left": self.y_axis})
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=True, y=False)  # zoom and pan on the x axis only
        self.plot.showGrid(x=False, y=True, alpha=0.15)
        self.legend = self.plot.addLegend(offset=(8, 4))
        self.crosshair = pg.InfiniteLine(angle=90, movable=False)
        self.plot.addItem(self.crosshair, ignoreBounds=True)
        self.crosshair.hide()
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.empty = QLabel()
        self.empty.setObjectName("chartEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty)
        self.copy_button, self.save_button = QToolButton(), QToolButton()
        self.copy_button.clicked.connect(self.copy_image)
        self.save_button.clicked.connect(self.ask_save)
        self.title = QLabel()
        self.title.setObjectName("chartTitle")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.copy_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.labels: list[str] = []
        self.series: list[Series] = []
        self.items: list[Any] = []
        self.stacked = False
        self._drawing = False  # show_data at work: visibility changes are not legend clicks
        self._legend_rows = 1
        self.money = True
        self.percent = False
        self._theme()
        self.retranslate()

    def retranslate(self) -> None:
        self.copy_button.setText(self.tr("Copy image"))
        self.save_button.setText(self.tr("Save as PNG…"))

    @property
    def has_data(self) -> bool:
        return self.stack.currentWidget() is self.plot

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self.copy_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def show_data(
        self,
        labels: list[str],
        series: list[Series],
        *,
        stacked: bool = False,
        money: bool = True,
        percent: bool = False,
        empty_text: str = "",
    ) -> None:
        """Draw ``series`` (one value per label); nothing to draw: ``empty_text`` instead."""
        self._drawing = True
        try:
            self._draw(labels, series, stacked=stacked, money=money, percent=percent,
                       empty_text=empty_text)  # fmt: skip
        finally:
            self._drawing = False

    def _draw(
        self,
        labels: list[str],
        series: list[Series],
        *,
        stacked: bool,
        money: bool,
        percent: bool,
        empty_text: str,
    ) -> None:
        self.labels, self.series, self.stacked = labels, series, stacked
        self.money, self.percent = money, percent
        if not labels or not any(any(v for v in s.values) for s in series):
            self.show_empty(empty_text)
            return
        self.stack.setCurrentWidget(self.plot)
        self.copy_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.x_axis.labels = labels
        self.y_axis.money, self.y_axis.percent = money, percent
        for item in self.items:
            self.plot.removeItem(item)
        self.legend.clear()
        self.items = []
        base = [0.0] * len(labels)
        xs = list(range(len(labels)))
        for i, s in enumerate(series):
            color = QColor(COLORS[i % len(COLORS)])
            if stacked:
                item = pg.BarGraphItem(
                    x=xs, height=s.values, y0=list(base), width=0.7, brush=color, pen=pg.mkPen(None)
                )
                base = [b + v for b, v in zip(base, s.values, strict=True)]
                item.visibleChanged.connect(self.restack)  # a legend click hides or shows it
            else:
                item = pg.PlotDataItem(
                    xs, s.values, pen=pg.mkPen(color, width=2), symbol="o" if len(xs) < 40 else None,
                    symbolSize=5, symbolBrush=color, symbolPen=None,
                )  # fmt: skip
            self.plot.addItem(item)
            self.legend.addItem(item, s.name)
            self.items.append(item)
        self.plot.setXRange(-0.6, len(labels) - 0.4, padding=0)
        # The legend in rows across the top, as many columns as the names leave room for.
        widest = max(self.fontMetrics().horizontalAdvance(s.name) for s in series) + 40
        columns = max(1, min(len(series), (self.plot.width() - 90) // widest))
        self.legend.setColumnCount(columns)
        self._legend_rows = -(-len(series) // columns)
        self._fit_y(max(base) if stacked else max(max(s.values) for s in series), series)

    def _fit_y(self, top: float, series: list[Series]) -> None:
        """The y range: from 0 (or the lowest value) to ``top``, with room for the legend."""
        bottom = min(0.0, *(min(s.values) for s in series))
        bottom = bottom or -0.02 * top  # the ¥0 / 0 % line and its label stay in view
        self.plot.setYRange(bottom, top * (1.08 + 0.09 * self._legend_rows), padding=0)

    def restack(self) -> None:
        """Stack the visible bar series again from 0, in their order, so a series hidden by
        its legend item leaves no gap; the y range follows the visible stack's top."""
        if self._drawing or not self.stacked or len(self.items) != len(self.series):
            return  # a chart being drawn (old items leaving the scene, new ones coming), or lines
        base = [0.0] * len(self.labels)
        for s, item in zip(self.series, self.items, strict=True):
            if item.isVisible():
                item.setOpts(y0=list(base))
                base = [b + v for b, v in zip(base, s.values, strict=True)]
        shown = [s for s, item in zip(self.series, self.items, strict=True) if item.isVisible()]
        if shown:
            self._fit_y(max(base), shown)

    def hover_text(self, index: int) -> str:
        """What the tooltip says at an x position: the label, then each visible series."""
        lines = [self.labels[index]]
        for s, item in zip(self.series, self.items, strict=False):
            if item.isVisible():
                lines.append(f"{s.name}: {self.value_text(s.values[index])}")
        return "\n".join(lines)

    def value_text(self, value: float) -> str:
        if self.percent:
            return QLocale().toString(value, "f", 1) + "%"
        if self.money:
            return money_text(value, short=False)
        return QLocale().toString(value, "f", 0)

    def _hover(self, pos: QPointF) -> None:
        view = self.plot.getViewBox()
        if not self.labels or not view.sceneBoundingRect().contains(pos):
            self.crosshair.hide()
            return
        index = round(view.mapSceneToView(pos).x())
        if not 0 <= index < len(self.labels):
            self.crosshair.hide()
            return
        self.crosshair.setPos(index)
        self.crosshair.show()
        global_pos = self.plot.mapToGlobal(self.plot.mapFromScene(pos))
        QToolTip.showText(global_pos, self.hover_text(index), self.plot)

    # --- images ---------------------------------------------------------------------------------
    def image(self) -> Any:
        shown = self.stack.currentWidget()
        return (shown or self.plot).grab()

    def copy_image(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.image())

    def ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), "chart.png", self.tr("PNG image (*.png)")
        )
        if path:
            self.save_png(Path(path))

    def save_png(self, path: Path) -> bool:
        return bool(self.image().save(str(path), "PNG"))

    # --- theme ----------------------------------------------------------------------------------
    def _theme(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        for axis in (self.x_axis, self.y_axis):
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        self.legend.setLabelTextColor(text)
        muted = QColor(text)
        muted.setAlpha(120)
        self.crosshair.setPen(pg.mkPen(muted, style=Qt.PenStyle.DashLine))
        self.legend.setBrush(pg.mkBrush(palette.color(QPalette.ColorRole.Base)))
        self.dark = is_dark(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._theme()
            if self.labels and self.has_data:
                self.show_data(
                    self.labels, self.series, stacked=self.stacked, money=self.money,
                    percent=self.percent,
                )  # fmt: skip
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.plot.update()
        super().changeEvent(event)
