"""The 数据 page's stacked bars (ui/analytics/charts.py): a series hidden by a click on its
legend item leaves no gap; the visible series stack from 0 again, and come back on a second
click (issue 11)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.ui.analytics.charts import Chart, Series

SERIES = [
    Series("直播", [30.0, 10.0, 5.0]),
    Series("短视频", [20.0, 40.0, 0.0]),
    Series("橱窗", [7.0, 8.0, 9.0]),
]


def _click_legend(qtbot: QtBot, chart: Chart, index: int) -> None:
    """A left click on the legend's sample of series ``index``, through the view."""
    sample = chart.legend.items[index][0]
    centre = sample.mapToScene(sample.boundingRect().center())
    qtbot.mouseClick(
        chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.plot.mapFromScene(centre)
    )


def _bottoms(chart: Chart) -> list[list[float]]:
    return [[float(v) for v in item.opts["y0"]] for item in chart.items]


def _tops(chart: Chart) -> list[list[float]]:
    return [
        [float(b) + float(h) for b, h in zip(item.opts["y0"], item.opts["height"], strict=True)]
        for item in chart.items
    ]


def test_hiding_a_stacked_series_by_its_legend_restacks_the_others(qtbot: QtBot) -> None:
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(800, 400)
    chart.show()
    qtbot.waitExposed(chart)
    chart.show_data(["1日", "2日", "3日"], SERIES, stacked=True)
    assert _bottoms(chart) == [[0, 0, 0], [30, 10, 5], [50, 50, 5]]

    _click_legend(qtbot, chart, 1)
    qtbot.waitUntil(lambda: not chart.items[1].isVisible())
    first, _hidden, third = chart.items
    # 橱窗 now sits right on 直播: no gap where 短视频 was, and its height is its own.
    assert _bottoms(chart)[0] == [0, 0, 0] and _bottoms(chart)[2] == [30, 10, 5]
    assert _tops(chart)[2] == [37, 18, 14]
    assert first.isVisible() and third.isVisible()
    low, high = chart.plot.getViewBox().viewRange()[1]
    assert low <= 0 and 37 <= high < 50  # the axis follows the visible stack
    assert "短视频" not in chart.hover_text(0)

    _click_legend(qtbot, chart, 1)
    qtbot.waitUntil(lambda: chart.items[1].isVisible())
    assert _bottoms(chart) == [[0, 0, 0], [30, 10, 5], [50, 50, 5]]


def test_hiding_the_bottom_series_drops_the_rest_to_zero(qtbot: QtBot) -> None:
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(800, 400)
    chart.show()
    qtbot.waitExposed(chart)
    chart.show_data(["1日", "2日", "3日"], SERIES, stacked=True)
    _click_legend(qtbot, chart, 0)
    qtbot.waitUntil(lambda: not chart.items[0].isVisible())
    bottoms: list[Any] = _bottoms(chart)
    assert bottoms[1] == [0, 0, 0] and bottoms[2] == [20, 40, 0]


def test_a_redraw_stacks_every_new_series_and_lays_out_the_whole_legend(qtbot: QtBot) -> None:
    """A redraw (a new range, a language switch) after a hide: the old bars leaving the scene
    are no legend clicks, so the new stack and the legend are whole."""
    chart = Chart()
    qtbot.addWidget(chart)
    chart.resize(800, 400)
    chart.show()
    qtbot.waitExposed(chart)
    chart.show_data(["1日", "2日", "3日"], SERIES, stacked=True)
    _click_legend(qtbot, chart, 1)
    qtbot.waitUntil(lambda: not chart.items[1].isVisible())
    renamed = [Series(f"{s.name} (channel)", s.values) for s in SERIES]
    chart.show_data(["Dec 1", "Dec 2", "Dec 3"], renamed, stacked=True)
    assert all(item.isVisible() for item in chart.items)
    assert _bottoms(chart) == [[0, 0, 0], [30, 10, 5], [50, 50, 5]]
    qtbot.waitUntil(lambda: len(_label_places(chart)) == len(renamed))
    assert len(set(_label_places(chart).values())) == len(renamed)  # no label on another


def _label_places(chart: Chart) -> dict[str, tuple[int, int]]:
    places = {}
    for _sample, label in chart.legend.items:
        point = label.mapToScene(label.boundingRect().topLeft())
        places[label.text] = (round(point.x()), round(point.y()))
    return places
