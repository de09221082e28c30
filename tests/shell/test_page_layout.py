"""Every page of the rail as a new user sees it at the default 1200×780 window, in both
languages: nothing cut that the window has room for (combo boxes after a language switch, the
channel table's rows, the analytics tables' first columns), money written with its thousands.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from tests.shell.conftest import open_account
from workbench.demo import DEMO_LOGINS
from workbench.ui.analytics.page import AnalyticsPage
from workbench.ui.app import Workbench
from workbench.ui.channels.page import ChannelsPage
from workbench.ui.merchant.plans_page import MerchantPlansPage

WAIT = 20_000
SEED_DAY = date(2026, 11, 30)  # the template's seed "now" (tests/shell/conftest.py)


def _show(qtbot: QtBot, app: Workbench) -> None:
    app.window.resize(1200, 780)
    app.window.show()
    qtbot.waitExposed(app.window)


def _analytics(qtbot: QtBot, app: Workbench) -> AnalyticsPage:
    app.window.select_page("analytics")
    page = app.window.page("analytics")
    assert isinstance(page, AnalyticsPage)
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    page.today = SEED_DAY
    return page


def _needed_width(box: QComboBox) -> int:
    """The width a new combo box with ``box``'s entries asks for (its longest entry)."""
    fresh = QComboBox(box.parentWidget())
    for row in range(box.count()):
        fresh.addItem(box.itemText(row))
    width = fresh.sizeHint().width()
    fresh.deleteLater()
    return width


def _cut_combos(app: Workbench) -> list[str]:
    page = app.window.pages.currentWidget()
    return [
        f"{app.window.current_page}: {box.objectName() or box.currentText()!r} "
        f"{box.width()} < {_needed_width(box)}"
        for box in page.findChildren(QComboBox)
        if box.isVisible() and box.width() < _needed_width(box)
    ]


def test_combo_boxes_follow_a_language_switch(qtbot: QtBot, started: Workbench) -> None:
    # Shown first in Chinese (short entries), then switched to English (longer ones): every
    # combo box on every page of the rail is as wide as its longest English entry. Qt's
    # default kept the width of the first show: "Content due soone", "Last 30 d", "By d".
    app = started
    _show(qtbot, app)
    for login in (DEMO_LOGINS["creator"], DEMO_LOGINS["merchant"]):
        open_account(qtbot, app, login)
        app.translations.apply("zh_CN")
        for page_id in app.window.visible_pages():
            app.window.select_page(page_id)
            QApplication.processEvents()  # shown once in Chinese: the width Qt kept by default
        app.translations.apply("en")
        qtbot.waitUntil(lambda: app.window.nav.item(0).text() == "Selection center")
        for page_id in app.window.visible_pages():
            app.window.select_page(page_id)
            QApplication.processEvents()  # the page's layout, after its texts
            assert not _cut_combos(app)


def test_the_channel_list_shows_its_rows(qtbot: QtBot, started: Workbench) -> None:
    # At 1200×780 the channel list is as tall as its rows (it showed three and a half of the
    # demo creator's, two and a half of the legacy creator's under the upgrade banner, above
    # an empty listings area); in Chinese the listings' heading is not the count column's word.
    app = started
    _show(qtbot, app)
    for login in (DEMO_LOGINS["creator"], DEMO_LOGINS["creator_legacy"]):
        open_account(qtbot, app, login)
        app.window.select_page("channels")
        page = app.window.page("channels")
        assert isinstance(page, ChannelsPage)
        qtbot.waitUntil(lambda: page.loaded and bool(page.rows), timeout=WAIT)  # noqa: B023
        QApplication.processEvents()
        table = page.table
        rows = sum(table.rowHeight(r) for r in range(min(table.rowCount(), 8)))
        assert table.viewport().height() >= rows, (login, table.rowCount())
        # A bar shown above the pages later (a refused-edit notice, the upgrade banner) takes
        # its height from the listings, not from the channel list.
        window = app.window
        window.resize(window.width(), window.height() - 80)
        QApplication.processEvents()
        assert table.viewport().height() >= rows, (login, "after the window lost 80 px")
        window.resize(window.width(), window.height() + 80)
        QApplication.processEvents()
    app.translations.apply("zh_CN")
    qtbot.waitUntil(lambda: page.listings.heading.text() != "Listings")
    assert page.listings.heading.text() == "上架商品"
    assert page.listings.heading.text() != table.horizontalHeaderItem(2).text()  # 商品数


def test_the_dashboards_table_shows_its_first_columns(qtbot: QtBot, started: Workbench) -> None:
    # Beside the trend chart at 1200×780 the table shows its period, GMV and orders whole (the
    # chart took all but ~200 px and cut the orders column), in both languages.
    app = started
    _show(qtbot, app)
    page = _analytics(qtbot, app)
    for language in ("en", "zh_CN"):
        app.translations.apply(language)
        with qtbot.waitSignal(page.shown_dashboard, timeout=WAIT):
            page.refresh()
        QApplication.processEvents()
        table = page.dashboard.section("trend").table
        header, width = table.horizontalHeader(), table.viewport().width()
        for column in range(3):
            right = header.sectionViewportPosition(column) + header.sectionSize(column)
            assert header.sectionViewportPosition(column) >= 0 and right <= width, (
                language, column, right, width)  # fmt: skip


def test_my_plans_shows_no_empty_frames_before_a_plan_is_chosen(
    qtbot: QtBot, started: Workbench
) -> None:
    # Nothing chosen: the line asking for a plan, not two empty tables under it; chosen: its
    # creators and sales (or their lines).
    app = started
    _show(qtbot, app)
    open_account(qtbot, app, DEMO_LOGINS["merchant_b"])
    app.window.select_page("my_plans")
    page = app.window.page("my_plans")
    assert isinstance(page, MerchantPlansPage)
    qtbot.waitUntil(lambda: page.model.ready and page.model.row(0) is not None, timeout=WAIT)
    panel = page.detail_panel
    assert panel.detail is None and panel.detail_title.text().startswith("Select a plan")
    assert not [t for t in panel.findChildren(QTableWidget) if t.isVisible()]
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=WAIT)
    assert panel.creators_box.isVisible() and panel.sales_box.isVisible()
    # the split keeps its three to two: the detail was not sized while it was one line
    assert panel.height() >= page.table.height() // 2, (panel.height(), page.table.height())


def test_every_page_title_stands_in_the_same_place(qtbot: QtBot, started: Workbench) -> None:
    # Going down the rail, the page's title does not jump (the selection center and 数据 sat
    # 8 px up and left of the others, the settings 8 px right and 12 px down).
    app = started
    _show(qtbot, app)
    for login in (DEMO_LOGINS["creator"], DEMO_LOGINS["merchant"]):
        open_account(qtbot, app, login)
        places = {}
        for page_id in app.window.visible_pages():
            app.window.select_page(page_id)
            QApplication.processEvents()
            title = app.window.pages.currentWidget().findChild(QLabel, "pageTitle")
            assert title is not None, page_id
            places[page_id] = title.mapTo(app.window, QPoint(0, 0)).toTuple()
        assert len(set(places.values())) == 1, places


def test_the_order_filters_show_their_first_entry_whole(qtbot: QtBot, started: Workbench) -> None:
    # "Any commission status" read "Any commissio" (every box was eight characters wide).
    app = started
    _show(qtbot, app)
    page = _analytics(qtbot, app)
    page.tabs.setCurrentWidget(page.orders)
    for language, first in (("en", "Any channel"), ("zh_CN", "全部渠道")):
        app.translations.apply(language)
        qtbot.waitUntil(lambda: page.orders.channel.itemText(0) == first)  # noqa: B023
        QApplication.processEvents()
        orders = page.orders
        for box in (orders.channel, orders.scene, orders.status, orders.commission, orders.gift):
            fresh = QComboBox(box.parentWidget())
            fresh.addItem(box.itemText(0))
            assert box.width() >= fresh.sizeHint().width(), (language, box.itemText(0))
            fresh.deleteLater()
    assert app.window.width() == 1200  # the filters still fit the default window
