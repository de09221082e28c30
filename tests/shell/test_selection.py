"""The selection center in the whole app: filter, select, place on a channel offline, sync.

The real app on the real embedded server: the edits go through the outbox while the server is
down, the rows say "Pending sync", and after the server is back the listings exist on the server
exactly once.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.store.products import ProductFilter
from workbench.ui.app import Workbench
from workbench.ui.selection.channel_picker import ChannelPicker
from workbench.ui.selection.columns import KEYS
from workbench.ui.selection.page import SelectionPage

WAIT = 20_000


def _page(app: Workbench) -> SelectionPage:
    return app.window.ensure_selection_page()


def _loaded(page: SelectionPage, qtbot: QtBot) -> None:
    # The page read the cache when the account opened (empty) and again after the first sync.
    qtbot.waitUntil(lambda: page.session is not None and page.model.total is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.total is not None and not page.model.loading, timeout=WAIT)
    if page.model.total:
        qtbot.waitUntil(lambda: page.model.row_data(0) is not None, timeout=WAIT)


def _api(url: str) -> tuple[httpx.Client, dict[str, str]]:
    http = httpx.Client(base_url=url)
    token = http.post(
        "/v1/auth/login", json={"login": DEMO_LOGINS["creator"], "password": DEMO_PASSWORD}
    ).json()["access_token"]
    return http, {"Authorization": f"Bearer {token}"}


def _all(http: httpx.Client, headers: dict[str, str], path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    after = None
    while True:
        params: dict[str, Any] = {"limit": 500}
        if after:
            params["after"] = after
        page = http.get(path, params=params, headers=headers).json()
        items += page["items"]
        after = page.get("next_after")
        if not after:
            return items


def test_keyword_filter_shows_a_chip_and_highlighted_rows(qtbot: QtBot, started: Workbench) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    everything = page.model.total
    page.filter_bar.search.setText("茶")
    page.filter_bar.search.returnPressed.emit()
    qtbot.waitUntil(
        lambda: page.model.total is not None and page.model.total < everything, timeout=WAIT
    )
    _loaded(page, qtbot)
    assert page.model.total and page.model.total > 0
    assert page.filter_bar.chip_keys() == ["keyword"]
    first = page.model.row_data(0)
    assert first is not None and "茶" in first["title"] + first["shop_name"] + str(
        first["category_name"]
    )
    # removing the chip brings the whole catalogue back
    page.filter_bar.remove_chip("keyword")
    qtbot.waitUntil(lambda: page.model.total == everything, timeout=WAIT)


def test_place_selected_rows_offline_then_sync_creates_each_listing_once(
    qtbot: QtBot, started: Workbench
) -> None:
    page, controller = _page(started), started.controller
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    page.filter_bar.range_editors["price"].low.setText("20")
    page.filter_bar.range_editors["price"].apply()
    qtbot.waitUntil(lambda: page.filter_bar.chip_keys() == ["price"], timeout=WAIT)
    _loaded(page, qtbot)
    assert page.model.filter.price_min_fen == 2000
    page.select_rows([0, 1, 2])
    ids = [page.model.product_id(r) for r in (0, 1, 2)]
    assert all(ids)

    server = started.accounts.embedded
    assert server is not None
    port = server.port
    server.stop()
    controller._probe.setInterval(100)
    with qtbot.waitSignal(controller.stateChanged, check_params_cb=lambda s: s == "offline",
                          timeout=SYNC_TIMEOUT_MS):  # fmt: skip
        controller.sync_now()

    page.add_selected_to_channels()
    qtbot.waitUntil(
        lambda: isinstance(getattr(page.batch, "picker", None), ChannelPicker), timeout=WAIT
    )
    picker = page.batch.picker
    assert picker.list.count() >= 1  # the demo creator has channels
    channel_id = picker.list.item(0).data(Qt.ItemDataRole.UserRole)
    picker.check(channel_id)
    with qtbot.waitSignal(controller.edited, timeout=WAIT):
        picker.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    placement = KEYS.index("placement")
    for row in (0, 1, 2):
        qtbot.waitUntil(
            lambda r=row: page.model.index(r, placement).data() in ("Pending sync", "Added"),
            timeout=WAIT,
        )
    assert controller.last_status["pending"] >= 1
    pending_rows = [r for r in (0, 1, 2) if page.model.index(r, placement).data() == "Pending sync"]
    assert pending_rows  # at least the products that were not on that channel before

    back = EmbeddedServer(
        ServerSettings(database_url=server.settings.database_url), port=port
    ).start()
    started.accounts.embedded = back
    with qtbot.waitSignal(controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass  # the probe notices the server and syncs
    assert controller.last_status["pending"] == 0
    for row in (0, 1, 2):
        qtbot.waitUntil(
            lambda r=row: page.model.index(r, placement).data() == "Added", timeout=WAIT
        )

    http, headers = _api(back.url)
    try:
        listings = _all(http, headers, "/v1/listings")
    finally:
        http.close()
    for product_id in ids:
        on_channel = [
            x for x in listings if x["product_id"] == product_id and x["channel_id"] == channel_id
        ]
        assert len(on_channel) == 1, (product_id, on_channel)


def test_a_bad_range_is_answered_inline_and_applies_nothing(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    editor = page.filter_bar.range_editors["rate"]
    editor.low.setText("30")
    editor.high.setText("abc")
    editor.apply()
    assert editor.error.isVisibleTo(editor)
    assert "percentage" in editor.error.text()
    editor.high.setText("20")
    editor.apply()
    assert "minimum is above the maximum" in editor.error.text()
    assert page.model.filter.commission_min_ppm is None  # nothing applied
    editor.high.setText("40%")
    editor.apply()
    assert page.model.filter.commission_min_ppm == 300_000
    assert page.model.filter.commission_max_ppm == 400_000
    qtbot.waitUntil(lambda: page.model.total is not None and page.model.total < 800, timeout=WAIT)
    _loaded(page, qtbot)
    rates = [
        page.model.row_data(r)["commission_ppm"] for r in range(min(page.model.rowCount(), 50))
    ]  # type: ignore[index]
    assert rates and all(300_000 <= r <= 400_000 for r in rates)


def test_keyboard_search_space_and_enter(qtbot: QtBot, started: Workbench) -> None:
    page, window = _page(started), started.window
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_bar.search.hasFocus()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    page.table.selectionModel().clearSelection()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 1
    page.table.selectionModel().clearSelection()
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.selected_ranges() == [(1, 2)]
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.selected_ranges() == []
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    product = page.model.product_id(1)
    qtbot.waitUntil(lambda: page.detail.detail is not None and page.detail.detail.row["id"] == product,
                    timeout=WAIT)  # fmt: skip
    assert page.detail.title.text() == page.model.row_data(1)["title"]  # type: ignore[index]
    assert page.detail.field_labels["price"][1].text().startswith("¥")


def test_compare_highlights_the_fields_that_differ(qtbot: QtBot, started: Workbench) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    page.select_rows([0, 1, 2])
    page.compare()
    qtbot.waitUntil(lambda: getattr(page.comparing, "dialog", None) is not None, timeout=WAIT)
    dialog = page.comparing.dialog
    assert dialog.table.columnCount() == 3
    assert "price_fen" in dialog.differing or "commission_ppm" in dialog.differing
    shown = {key for key in dialog.differing if key not in ("id", "title")}  # rows of the table
    assert dialog.highlighted == shown  # every differing field tinted, and only those
    for key in ("price_fen", "monthly_sales", "status"):
        differs = len({r[key] for r in dialog.rows}) > 1
        assert (key in dialog.highlighted) == differs
    dialog.close()
    for product in [page.model.product_id(r) for r in range(5)]:
        page.add_to_compare(str(product))
    assert len(page.comparing.ids) == 4  # the fifth is refused
    assert "at most 4" in page.message.text()


def test_export_the_filtered_result_to_csv(
    qtbot: QtBot, started: Workbench, tmp_path: Path
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    page.apply_filter(ProductFilter(keyword="零食"))
    qtbot.waitUntil(lambda: page.model.filter.keyword == "零食" and page.model.total is not None,
                    timeout=WAIT)  # fmt: skip
    total = page.model.total
    target = tmp_path / "零食.csv"
    page.export_to(target, selected_only=False)
    qtbot.waitUntil(lambda: "Exported" in page.message.text(), timeout=WAIT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 1 + (total or 0)
    assert rows[0][0] == "Product ID"


def test_saved_filter_is_stored_through_the_outbox_and_applied(
    qtbot: QtBot, started: Workbench
) -> None:
    page, controller = _page(started), started.controller
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    wanted = ProductFilter(keyword="茶", monthly_sales_min=100, promotable_now=True)
    page.apply_filter(wanted)
    with qtbot.waitSignal(controller.edited, timeout=WAIT):
        page.save_filter("好卖的茶")
    qtbot.waitUntil(lambda: "好卖的茶" in [n for _i, n, _q in page.filter_bar.saved], timeout=WAIT)
    page.filter_bar.clear()
    assert page.model.filter.keyword == ""
    query = next(q for _i, n, q in page.filter_bar.saved if n == "好卖的茶")
    page.filter_bar.savedChosen.emit(query)
    assert page.model.filter.keyword == "茶"
    assert page.model.filter.monthly_sales_min == 100 and page.model.filter.promotable_now
    assert set(page.filter_bar.chip_keys()) == {"keyword", "sales", "promotable"}


def test_column_order_and_widths_are_remembered(qtbot: QtBot, started: Workbench) -> None:
    page = _page(started)
    header = page.table.horizontalHeader()
    header.moveSection(header.visualIndex(KEYS.index("rate")), 1)  # rate right after the image
    header.resizeSection(KEYS.index("title"), 420)
    started.window.close()
    again = SelectionPage(started.settings, started.controller)
    qtbot.addWidget(again)
    assert again.column_keys()[:2] == ["image", "rate"]
    assert again.table.horizontalHeader().sectionSize(KEYS.index("title")) == 420
    again.shutdown()


def test_favourite_from_the_details_then_favourites_only(qtbot: QtBot, started: Workbench) -> None:
    page, controller = _page(started), started.controller
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    page.table.setCurrentIndex(page.model.index(3, 1))
    product = page.model.product_id(3)
    page.open_details()
    qtbot.waitUntil(lambda: page.detail.detail is not None and page.detail.detail.row["id"] == product,
                    timeout=WAIT)  # fmt: skip
    was = page.detail.favourite.isChecked()
    with qtbot.waitSignal(controller.edited, timeout=WAIT):
        page.detail.favourite.click()
    qtbot.waitUntil(lambda: page.detail.detail is not None and page.detail.detail.favourite != was,
                    timeout=WAIT)  # fmt: skip
    page.filter_bar.favourites.setChecked(True)
    assert page.filter_bar.chip_keys() == ["favourites"]
    qtbot.waitUntil(lambda: page.model.filter.favourites_only and page.model.total is not None,
                    timeout=WAIT)  # fmt: skip
    _loaded(page, qtbot)
    shown = {page.model.product_id(r) for r in range(page.model.rowCount())}
    assert (product in shown) != was
    if not was:
        row = page.model.row_of(str(product))
        assert row is not None
        assert page.model.index(row, KEYS.index("title")).data().startswith("★ ")


def test_select_all_counts_from_ranges_and_exports_rows_not_read_yet(
    qtbot: QtBot, started: Workbench, tmp_path: Path
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    page.table.setFocus()
    page.table.selectAll()
    assert page.selected_ranges() == [(0, 800)]
    assert "800 selected" in page.count_label.text()
    target = tmp_path / "all.csv"
    page.export_to(target, selected_only=True)
    qtbot.waitUntil(lambda: "Exported" in page.message.text(), timeout=WAIT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 801 and len({r[0] for r in rows[1:]}) == 800
    page.add_selected_to_channels()  # 800 is within a batch; 2,001 would not be
    qtbot.waitUntil(
        lambda: isinstance(getattr(page.batch, "picker", None), ChannelPicker), timeout=WAIT
    )
    page.batch.picker.reject()


def test_selection_follows_the_products_when_the_list_changes(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    page.apply_filter(ProductFilter(hide_on_my_channels=True))
    qtbot.waitUntil(lambda: page.model.filter.hide_on_my_channels and page.model.total is not None,
                    timeout=WAIT)  # fmt: skip
    _loaded(page, qtbot)
    page.select_rows([0, 1, 2, 5])
    ids = [str(page.model.product_id(r)) for r in (0, 1, 2, 5)]
    channel = page.session.cache.rows("channel")[0]["id"]  # type: ignore[union-attr]
    page.place(ids[:3], [channel], [])  # placed: they leave this list, the rest moves up
    qtbot.waitUntil(lambda: page.model.row_of(ids[0]) is None and page.model.row_of(ids[3]) == 2,
                    timeout=WAIT)  # fmt: skip
    qtbot.waitUntil(lambda: page.selected_ranges() == [(2, 3)], timeout=WAIT)
    assert page.model.product_id(2) == ids[3]  # the same product is selected, not row 5


def test_a_keyword_sorts_by_best_match_until_a_column_is_chosen(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    page.table.horizontalHeader().setSortIndicator(KEYS.index("price"), Qt.SortOrder.AscendingOrder)
    assert page.model.filter.sort is not None and not page.best_match.isVisibleTo(page)
    page.filter_bar.search.setText("茶")
    page.filter_bar.search.returnPressed.emit()  # typed into an empty box: best matches first
    assert page.model.filter.sort is None and not page.best_match.isVisibleTo(page)
    page.table.horizontalHeader().setSortIndicator(KEYS.index("rate"), Qt.SortOrder.DescendingOrder)
    assert page.best_match.isVisibleTo(page)
    page.best_match.click()
    assert page.model.filter.sort is None and page.model.filter.keyword == "茶"
    assert not page.best_match.isVisibleTo(page)  # back on best match: nothing to go back to
