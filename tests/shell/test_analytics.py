"""The 数据 page in the whole app on the real embedded server: the dashboard shows what
``store/analytics`` computes for the demo creator and the demo merchant, a range without orders
says so instead of drawing empty charts, an order refunded on the server moves the chart after
the next sync, a matrix cell drills to its orders, and the ledger lists exactly the
discrepancies the seeder planted.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.core.commission import Verdict
from workbench.demo import DEMO_LOGINS
from workbench.paths import embedded_server_database
from workbench.server import models as m
from workbench.server.changes import record_upsert
from workbench.server.db import Database
from workbench.server.seed.settlements import PLANTED_KEY
from workbench.store import analytics
from workbench.store.analytics import Breakdown, Grain, Preset
from workbench.store.analytics_view import LineFilter, count_lines
from workbench.sync.session import EMBEDDED
from workbench.ui.accounts import AccountRef
from workbench.ui.analytics.charts import money_text
from workbench.ui.analytics.page import AnalyticsPage
from workbench.ui.app import Workbench

WAIT = 20_000
SEED_DAY = date(2026, 11, 30)  # the template's seed "now" (tests/shell/conftest.py)


def _open(qtbot: QtBot, app: Workbench, login: str, today: date = SEED_DAY) -> AnalyticsPage:
    if app.controller.session.account.login != login:  # type: ignore[union-attr]
        with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
            app.open_account(AccountRef(EMBEDDED, login))
    app.window.select_page("analytics")
    page = app.window.page("analytics")
    assert isinstance(page, AnalyticsPage)
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    page.today = today
    with qtbot.waitSignal(page.shown_dashboard, timeout=WAIT):
        page.refresh()
    return page


def _read(qtbot: QtBot, app: Workbench, fn: Any) -> Any:
    out: list[Any] = []
    app.controller.reader.background(fn, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT)
    return out[0]


def _column_sum(table: Any, column: int) -> int:
    from workbench.ui.analytics.tables import SORT_ROLE

    return sum(int(table.item(r, column).data(SORT_ROLE)) for r in range(table.rowCount()))


def _expected(qtbot: QtBot, app: Workbench, preset: Preset, grain: Grain) -> Any:
    def fn(cache: Any) -> Any:
        period = analytics.preset_period(preset, SEED_DAY, analytics.first_day(cache))
        return (
            period,
            analytics.compare(cache, period),
            analytics.series(cache, period, grain),
            analytics.breakdown(cache, period, Breakdown.CHANNEL_KIND),
            analytics.breakdown(cache, period, Breakdown.CREATOR_CHANNEL),
            analytics.gift_trend(cache, period, grain),
        )

    return _read(qtbot, app, fn)


def test_the_creators_dashboard_shows_the_stores_figures(qtbot: QtBot, started: Workbench) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["creator"])
    period, compare, series, kinds, _cells, gifts = _expected(
        qtbot, started, Preset.LAST_30, Grain.DAY
    )
    data = page.dashboard.data
    assert data is not None and data.period == period
    assert compare["gmv_fen"].now > 0
    assert {k: c.now for k, c in data.compare.items()} == {k: c.now for k, c in compare.items()}
    assert page.dashboard.kpis["gmv_fen"].value.text() == money_text(
        compare["gmv_fen"].now / 100, short=False
    )
    percent = compare["gmv_fen"].percent
    assert percent is not None
    assert page.dashboard.kpis["gmv_fen"].delta.text().startswith(f"{percent:+.1f}%")
    trend = page.dashboard.section("trend")
    assert trend.chart.has_data
    assert trend.chart.series[0].values == [t.gmv_fen / 100 for _, t in series]
    assert _column_sum(trend.table, 1) == compare["gmv_fen"].now
    channels = page.dashboard.section("channels")
    assert channels.table.rowCount() == len(kinds)
    assert _column_sum(channels.table, 1) == sum(t.gmv_fen for _, t in kinds)
    gift = page.dashboard.section("gifts")
    assert gift.chart.series[0].values == [g.order_share * 100 for g in gifts]
    assert gift.chart.hover_text(0).count("\n") == 2  # the day, then both series


def test_the_merchants_matrix_equals_the_store_and_a_cell_drills_to_its_orders(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["merchant"])
    assert not page.tabs.isTabVisible(1)  # no commission ledger for a merchant
    period, compare, _series, _kinds, cells, _gifts = _expected(
        qtbot, started, Preset.LAST_30, Grain.DAY
    )
    data = page.dashboard.data
    assert data is not None and data.compare["gmv_fen"].now == compare["gmv_fen"].now > 0
    matrix = page.dashboard.section("matrix").table
    total_column = matrix.columnCount() - 1
    assert _column_sum(matrix, total_column) == sum(t.gmv_fen for _, t in cells)
    creator = matrix.item(0, 0).data(0x0100 + 2)
    kind = page.dashboard.matrix_kinds[0]
    page.dashboard._matrix_drill(0, 1)
    assert page.tabs.currentWidget() is page.orders
    flt = LineFilter(period, channel_kind=kind, creator_id=creator)
    expected = _read(qtbot, started, lambda cache: count_lines(cache, flt))
    qtbot.waitUntil(lambda: page.orders.model.total == expected, timeout=WAIT)
    assert page.orders.model.rowCount() == expected  # every line has its row; pages read lazily
    if expected:
        qtbot.waitUntil(lambda: page.orders.model.row_data(0) is not None, timeout=WAIT)


def test_a_range_without_orders_says_so(qtbot: QtBot, started: Workbench) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["creator"], today=date(2001, 1, 1))
    trend = page.dashboard.section("trend")
    assert not trend.chart.has_data
    assert trend.chart.empty.text().startswith("No orders from")
    assert not trend.chart.save_button.isEnabled()


def test_an_order_refunded_on_the_server_moves_the_chart_after_the_next_sync(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["creator"])
    account_id = started.controller.session.account.id  # type: ignore[union-attr]
    before = page.dashboard.section("trend").chart.series[0].values
    db = Database(embedded_server_database())
    try:
        with db.write() as s:
            order = s.scalars(
                select(m.Order)
                .where(
                    m.Order.creator_id == account_id,
                    m.Order.status == 30,
                    m.Order.created_at >= datetime(2026, 11, 30, tzinfo=UTC) - timedelta(days=20),
                )
                .order_by(m.Order.id)
                .limit(1)
            ).one()
            line = order.lines[0]
            refunded = line.paid_fen - line.refund_fen
            line.refund_fen = line.paid_fen
            line.refunded_at = datetime.now(UTC)
            order.version += 1
            record_upsert(s, order)
    finally:
        db.dispose()
    assert refunded > 0
    with qtbot.waitSignal(page.shown_dashboard, timeout=SYNC_TIMEOUT_MS):
        started.controller.sync_now()
    after = page.dashboard.section("trend").chart.series[0].values
    assert round((sum(before) - sum(after)) * 100) == refunded


def test_the_ledger_lists_exactly_the_planted_discrepancies(
    qtbot: QtBot, started: Workbench, tmp_path: Path
) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["creator"])
    db = Database(embedded_server_database())
    try:
        with db.read() as s:
            planted = json.loads(s.get(m.ServerMeta, PLANTED_KEY).value)  # type: ignore[union-attr]
    finally:
        db.dispose()
    page.tabs.setCurrentWidget(page.ledger)
    qtbot.waitUntil(lambda: page.ledger.loaded, timeout=WAIT)
    verdicts = {
        "missing": Verdict.MISSING,
        "rate": Verdict.SHORT_PAID,
        "refund_after": Verdict.REFUNDED_AFTER,
    }
    shown = {(r.verdict, r.order_line_id) for r in page.ledger.shown()}
    assert shown == {(verdicts[kind], line) for kind, line in planted}
    assert page.ledger.lines.rowCount() == len(planted)
    assert page.ledger.months.rowCount() >= 1
    exporter = page.ledger.exporter
    path = tmp_path / "claim.csv"
    assert page.ledger.export_to(path)
    qtbot.waitUntil(lambda: exporter.written is not None, timeout=WAIT)
    assert exporter.written == len(planted)
    assert len(path.read_text(encoding="utf-8-sig").splitlines()) == len(planted) + 1
    started.translations.apply("zh_CN")  # a claim in Chinese: the PDF embeds a CJK font
    pdf = tmp_path / "claim.pdf"
    with qtbot.waitSignal(exporter.finished, timeout=WAIT):
        assert page.ledger.write_pdf(pdf)  # written on the reader's background lane
    assert exporter.written is not None and exporter.written >= 1
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF") and b"/FontFile" in content
    assert not list(tmp_path.glob("*.part"))


def test_the_orders_view_filters_and_exports_its_lines(
    qtbot: QtBot, started: Workbench, tmp_path: Path
) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["creator"])
    page.tabs.setCurrentWidget(page.orders)
    orders = page.orders
    qtbot.waitUntil(lambda: bool(orders.model.total), timeout=WAIT)
    everything = orders.model.total
    orders.gift.setCurrentIndex(orders.gift.findData(True))  # gift orders only
    data = page.dashboard.data
    assert data is not None
    flt = LineFilter(data.period, gift=True)
    gifts = _read(qtbot, started, lambda cache: count_lines(cache, flt))
    assert 0 < gifts < everything
    qtbot.waitUntil(lambda: orders.model.total == gifts, timeout=WAIT)
    assert orders.model.rowCount() == gifts
    orders.model.data(orders.model.index(0, 5))  # painted: its page is asked for
    qtbot.waitUntil(lambda: orders.model.row_data(0) is not None, timeout=WAIT)
    assert orders.model.data(orders.model.index(0, 5)) == "🎁"
    path = tmp_path / "orders.csv"
    with qtbot.waitSignal(orders.exporter.finished, timeout=WAIT) as ended:
        assert orders.export_to(path)  # the app's one export runner, on the background lane
    assert orders.exporter.written == gifts
    lines = "order line" if gifts == 1 else "order lines"
    assert ended.args[0]() == f"Exported {gifts} {lines} to orders.csv."
    assert page.message is not None and page.message.text() == ended.args[0]()
    assert len(path.read_text(encoding="utf-8-sig").splitlines()) == gifts + 1
    gone = tmp_path / "cancelled.csv"
    gate = threading.Event()  # holds the background lane until the export is cancelled
    started.controller.reader.background(lambda _cache: gate.wait(WAIT / 1000), lambda _r: None)
    with qtbot.waitSignal(orders.exporter.finished, timeout=WAIT) as ended:
        assert orders.export_to(gone)
        assert not orders.export_to(tmp_path / "second.csv")  # one export at a time
        assert orders.exporter.running is not None
        orders.exporter.running[0].findChild(QPushButton).click()  # the dialog's Cancel
        gate.set()
    assert ended.args[0]() == "Export cancelled; no file was written."
    assert page.message.text() == ended.args[0]()
    assert orders.exporter.written is None
    assert not gone.exists() and not list(tmp_path.glob("*.part"))
    assert [p.name for p in tmp_path.glob("*.csv*")] == ["orders.csv"]  # no second export


def test_the_merchants_ranking_and_matrix_name_the_creators(
    qtbot: QtBot, started: Workbench
) -> None:
    """Issue 11: the creator ranking, the creator × channel matrix and its chart's labels name
    each creator as the server's profile does (the feed's ``creator`` rows)."""
    from tests.shell.test_merchant_pages import _all
    from workbench.ui.analytics.tables import KEY_ROLE

    server = started.accounts.embedded
    assert server is not None
    names = {
        c["id"]: c["display_name"]
        for c in _all(server.url, DEMO_LOGINS["merchant"], "/v1/creators")
    }
    page = _open(qtbot, started, DEMO_LOGINS["merchant"])
    page.dashboard.tabs.setCurrentIndex(list(page.dashboard.sections).index("ranking"))
    ranking = page.dashboard.section("ranking").table
    shown = {}
    for r in range(ranking.rowCount()):
        _by, key = ranking.item(r, 0).data(KEY_ROLE)
        if key:
            shown[key] = ranking.item(r, 0).text()
    assert shown and shown == {key: names[key] for key in shown}
    matrix = page.dashboard.section("matrix")
    creators = [matrix.table.item(r, 0).data(KEY_ROLE) for r in range(matrix.table.rowCount())]
    assert [matrix.table.item(r, 0).text() for r in range(len(creators))] == [
        names[c] if c else "No creator (own sales)" for c in creators
    ]
    assert not any(label.startswith("Creator …") for label in matrix.chart.labels)
    # A matrix row drills to that creator's order lines, which name them too.
    from workbench.ui.analytics.orders_view import SHOWN

    row = next(r for r, c in enumerate(creators) if c)
    page.dashboard._matrix_drill(row, 0)
    orders = page.orders.model
    qtbot.waitUntil(lambda: orders.rowCount() > 0 and orders.row_data(0) is not None,
                    timeout=WAIT)  # fmt: skip
    column = SHOWN.index("creator_id")
    held = [r for r in range(orders.rowCount()) if orders.row_data(r) is not None]
    assert {orders.index(r, column).data() for r in held} == {names[creators[row]]}


def test_the_first_paint_comes_from_the_day_figures_and_the_rest_draws_once(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["creator"])
    page.dashboard.tabs.setCurrentIndex(0)  # the trend
    painted: list[Any] = []
    page.first_paint.connect(lambda: painted.append(page.dashboard.data))
    with qtbot.waitSignal(page.shown_dashboard, timeout=WAIT):
        page.refresh()
    first = painted[-1]
    assert not first.complete and not first.breakdowns and not first.stacked
    assert "trend" in page.dashboard.drawn
    whole = page.dashboard.data
    assert whole is not None and whole.complete and whole.read == first.read
    trend = page.dashboard.sections["trend"]
    drawn_chart = trend.chart.series
    assert page.dashboard.drawn == {"trend"}  # the completion drew nothing again
    assert trend.chart.series is drawn_chart
    # A section on screen at a refresh comes in the first read with its parts.
    page.dashboard.tabs.setCurrentIndex(list(page.dashboard.sections).index("products"))
    with qtbot.waitSignal(page.shown_dashboard, timeout=WAIT):
        page.refresh()
    assert Breakdown.PRODUCT in painted[-1].breakdowns
    assert len(painted[-1].breakdowns) == 1


def test_a_tables_csv_is_written_off_the_gui_thread_and_a_cancel_leaves_no_file(
    qtbot: QtBot, started: Workbench, tmp_path: Path
) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["creator"])
    table = page.dashboard.section("trend").table
    path = tmp_path / "trend.csv"
    with qtbot.waitSignal(table.exporter.finished, timeout=WAIT) as ended:
        assert table.export_to(path)
    assert table.exporter.written == table.rowCount() > 0
    assert ended.args[0]() == f"Exported {table.rowCount()} rows to trend.csv."
    assert page.message is not None and page.message.text() == ended.args[0]()
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == table.rowCount() + 1 and lines[0].startswith("Period")
    gone = tmp_path / "cancelled.csv"
    gate = threading.Event()  # holds the background lane until the export is cancelled
    started.controller.reader.background(lambda _cache: gate.wait(WAIT / 1000), lambda _r: None)
    with qtbot.waitSignal(table.exporter.finished, timeout=WAIT) as ended:
        assert table.export_to(gone)
        assert table.exporter.running is not None
        table.exporter.running[1].set()  # Cancel, before the job's first chunk
        gate.set()
    assert ended.args[0]() == "Export cancelled; no file was written."
    assert table.exporter.written is None
    assert not gone.exists() and not list(tmp_path.glob("*.part"))
