"""The 数据 page's x labels (ui/analytics/charts.py) never run into each other: the 商品 tab's
top 12 products wrote their names over one another at 1200×780 ("小熊 点读笔 单台 简木 水洗棉四件套
亲肤茗泉…"). As many labels as fit side by side are shown, a very long one cut with "…"."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QGuiApplication
from pytestqt.qtbot import QtBot

from workbench.ui.analytics.charts import LABEL_MAX_PX, Chart, Series

NAMES = [
    "极客 运动手环 NFC版", "小熊 吸盘碗 硅胶 套装", "小熊 吸盘碗 便携 礼盒", "小熊 点读笔 单台",
    "暖阁 香薰蜡烛 礼盒 2瓶", "极客 机械键盘 104键", "简木 水洗棉四件套 亲肤 1.8m床",
    "贝贝熊 睡袋 80码", "简木 大豆纤维被 冬季加厚 一对装", "茗泉 冻顶乌龙 清香型 小泡袋 60泡",
    "小熊 拉拉裤 超薄透气 L码 52片", "山野 寿眉 白茶 100g 罐装 " * 4,
]  # fmt: skip


def test_x_labels_fit_beside_each_other(qtbot: QtBot) -> None:
    chart = Chart()
    qtbot.addWidget(chart)
    chart.show_data(NAMES, [Series("GMV", [float(100 - i) for i in range(len(NAMES))])])
    axis, metrics = chart.x_axis, QFontMetrics(QGuiApplication.font())
    for width in (300, 500, 800, 3000):
        [(step, values)] = axis.tickValues(-0.5, len(NAMES) - 0.5, width)
        pixels_apart = width / len(NAMES) * step
        texts = axis.tickStrings(values, 1.0, step)
        assert texts and all(texts), width
        for text in texts:
            assert metrics.horizontalAdvance(text) <= min(pixels_apart, LABEL_MAX_PX), (width, text)
    # a few dates still go every ~90 px
    chart.show_data(["11月6日", "11月7日"], [Series("GMV", [1.0, 2.0])])
    assert axis.tickValues(-0.5, 1.5, 500)[0][1] == [0, 1]
