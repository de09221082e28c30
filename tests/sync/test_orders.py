"""Orders in the cache and the analytics on them, against the server, on SQLite and PostgreSQL.

A small seeded demo (a year of orders) on a real server; caches filled by a real sync (the
order snapshot, then the feed). Every figure the analytics give equals the server's: its
``/v1/daily-sales`` and a fold of the account's counted lines read from its database, for every
breakdown and preset, for a creator and a merchant. merchant_b sees none of merchant_demo's
orders anywhere; a refund made on the server after a sync moves the figures at the next sync;
the reconciliation ledger finds exactly the discrepancies the seeder planted.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from tests.pg import private_database
from tests.servers import SEED_NOW, running_server, seed
from tests.sync.helpers import Crash, Device, account_id_of, crash_at, make_api
from tests.sync.orders_reference import KEYS, counted_lines, fold
from workbench.client.errors import ApiError
from workbench.contract.sync import Scope
from workbench.core.commission import Verdict
from workbench.core.enums import Role
from workbench.server import account_rows
from workbench.server import models as m
from workbench.server.auth import Caller
from workbench.server.changes import record_upsert
from workbench.server.db import Database
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.orders import gift_share
from workbench.server.seed.settlements import PLANTED_KEY
from workbench.store import analytics, channels, commission_ledger, order_figures, schema
from workbench.store.analytics import Breakdown, Grain, Period, Preset
from workbench.store.cache import Cache
from workbench.sync.engine import SyncEngine

TODAY = (SEED_NOW + timedelta(hours=8)).date()
ALL = Period(date(2025, 11, 1), TODAY)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def order_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[EmbeddedServer, Database]]:
    def serve(url: str) -> Iterator[tuple[EmbeddedServer, Database]]:
        db = Database(seed(url, products=500, orders_per_day=1))
        try:
            with running_server(url) as srv:
                yield srv, db
        finally:
            db.dispose()

    if request.param == "sqlite":
        yield from serve(f"sqlite:///{tmp_path_factory.mktemp('orders') / 'server.sqlite3'}")
    else:
        with private_database() as url:
            yield from serve(url)


@pytest.fixture
def synced(
    order_server: tuple[EmbeddedServer, Database], tmp_path: Path
) -> Iterator[Callable[[str], Device]]:
    srv, _db = order_server
    made: list[Device] = []

    def make(login: str) -> Device:
        api = make_api(srv.url, login)
        assert api.account is not None
        made.append(Device(login, tmp_path / f"{login}.sqlite3", api.account.id, api))
        made[-1].sync()
        return made[-1]

    yield make
    for dev in made:
        dev.close()


def _role(dev: Device) -> Role:
    assert dev.api is not None and dev.api.account is not None
    return Role(dev.api.account.role)


def _assert_equal_to_server(dev: Device, db: Database) -> None:
    lines = counted_lines(db, dev.account_id, _role(dev))
    assert lines
    first = analytics.first_day(dev.cache)
    assert first is not None
    periods = [analytics.preset_period(p, TODAY, first) for p in Preset]
    periods += [analytics.previous_period(p) for p in periods]
    for period in periods:
        mine = analytics.totals(dev.cache, period)
        whole = fold(lines, period, lambda _x: None).get(None, analytics.Totals())
        assert mine == whole, period
        for by, key in KEYS.items():
            got = dict(analytics.breakdown(dev.cache, period, by))
            assert got == fold(lines, period, key), (period, by)
    for grain in Grain:
        buckets = analytics.series(dev.cache, ALL, grain)
        assert sum((t for _d, t in buckets), analytics.Totals()) == analytics.totals(dev.cache, ALL)


def _daily_sales(dev: Device, group_by: str) -> dict[tuple[date, str], tuple[int, ...]]:
    assert dev.api is not None
    response = dev.api._get(  # the client has no call for it: the app never asks
        "/v1/daily-sales",
        {"start": ALL.first.isoformat(), "end": ALL.last.isoformat(), "group_by": group_by},
    )
    return {
        (date.fromisoformat(r["ds"]), r["key"] or ""): (
            r["orders"],
            r["gmv_fen"],
            r["refund_fen"],
            r["commission_fen"],
        )
        for r in response.json()
    }


@pytest.mark.parametrize("login", ["creator_demo", "merchant_demo"])
def test_figures_equal_the_server(
    synced: Callable[[str], Device], order_server: tuple[EmbeddedServer, Database], login: str
) -> None:
    dev = synced(login)
    _assert_equal_to_server(dev, order_server[1])
    by = {"channel": Breakdown.CHANNEL_KIND, "creator": Breakdown.CREATOR, "none": None}
    for group_by, breakdown in by.items():
        mine: dict[tuple[date, str], tuple[int, ...]] = {}
        if breakdown is None:
            split = {"": analytics.series(dev.cache, ALL, Grain.DAY)}
        else:
            split = analytics.breakdown_series(dev.cache, ALL, breakdown, Grain.DAY)
        for key, days in split.items():
            for day, t in days:
                if t.lines:
                    mine[(day, key)] = (t.orders, t.gmv_fen, t.refund_fen, t.commission_fen)
        assert mine == _daily_sales(dev, group_by), group_by


def test_product_breakdowns_over_partial_months_equal_the_server(
    synced: Callable[[str], Device], order_server: tuple[EmbeddedServer, Database]
) -> None:
    """Product, category and plan read whole months, plus a partial month's days or its month
    less the days outside: every way a period's ends can fall gives the lines' figures."""
    dev = synced("creator_demo")
    lines = counted_lines(order_server[1], dev.account_id, _role(dev))
    periods = [
        Period(date(2026, 9, 2), date(2026, 11, 28)),  # month less a day at both ends
        Period(date(2026, 9, 25), date(2026, 11, 5)),  # days at both ends
        Period(date(2026, 9, 3), date(2026, 10, 4)),  # month less days, then days
        Period(date(2026, 9, 28), date(2026, 10, 29)),  # days, then month less days
        Period(date(2026, 10, 1), date(2026, 10, 31)),  # one whole month
        Period(date(2026, 10, 2), date(2026, 10, 30)),  # inside one month
        Period(date(2026, 2, 27), date(2026, 3, 1)),  # across a short month's end
    ]
    for period in periods:
        for by in (Breakdown.PRODUCT, Breakdown.CATEGORY, Breakdown.PLAN):
            got = dict(analytics.breakdown(dev.cache, period, by))
            assert got == fold(lines, period, KEYS[by]), (period, by)
            assert got, period


def test_gift_orders_peak_on_gift_days(synced: Callable[[str], Device]) -> None:
    dev = synced("merchant_demo")
    trend = {g.start: g for g in analytics.gift_trend(dev.cache, ALL, Grain.DAY)}
    # Every gift day of the year together (情人节, 520, 七夕, 中秋, 圣诞, before 春节): a test seed
    # sells a few orders a day, so one holiday alone is too few to measure a share on.
    peaks = [g for day, g in trend.items() if gift_share(day) >= 0.7]
    assert sum(g.orders for g in peaks) >= 10
    assert sum(g.gift_orders for g in peaks) / sum(g.orders for g in peaks) > 0.6
    ordinary = analytics.gift_trend(
        dev.cache, Period(date(2026, 3, 2), date(2026, 4, 30)), Grain.MONTH
    )
    assert sum(g.gift_orders for g in ordinary) / sum(g.orders for g in ordinary) < 0.1


def test_merchant_b_sees_none_of_merchant_demos_orders(
    synced: Callable[[str], Device], order_server: tuple[EmbeddedServer, Database]
) -> None:
    _srv, db = order_server
    demo = account_id_of(db, "merchant_demo")
    dev = synced("merchant_b")
    assert dev.api is not None
    assert dev.cache.conn.execute("SELECT count(*) FROM order_line").fetchone()[0] > 0
    merchants = {r[0] for r in dev.cache.conn.execute("SELECT merchant_id FROM order_line")}
    assert merchants == {dev.account_id}
    rows, _next = dev.api.snapshot_page("order_line", None, 50_000)  # the snapshot
    assert rows and {r[9] for r in rows} == {dev.account_id}
    orders = [c for c in dev.api.changes(Scope.ACCOUNT, None, 5_000).changes if c.entity == "order"]
    assert orders and all(c.data and c.data["merchant_id"] == dev.account_id for c in orders)
    api_orders = dev.api._get("/v1/orders", {"limit": 500}).json()["items"]  # REST
    assert api_orders and {o["merchant_id"] for o in api_orders} == {dev.account_id}
    assert demo not in merchants
    with pytest.raises(ApiError) as refused:
        dev.api._get("/v1/orders/" + _an_order_of(db, demo), {})
    assert refused.value.status == 404


def _an_order_of(db: Database, merchant_id: str) -> str:
    with db.read() as s:
        found = s.scalar(select(m.Order.id).where(m.Order.merchant_id == merchant_id).limit(1))
    assert found is not None
    return str(found)


def test_a_refund_after_a_sync_moves_the_figures(
    synced: Callable[[str], Device], order_server: tuple[EmbeddedServer, Database]
) -> None:
    _srv, db = order_server
    dev = synced("creator_demo")
    last_30 = analytics.preset_period(Preset.LAST_30, TODAY)
    before = analytics.totals(dev.cache, last_30)
    with db.write() as s:
        order = s.scalars(
            select(m.Order)
            .where(
                m.Order.creator_id == dev.account_id,
                m.Order.status == 30,
                m.Order.created_at >= SEED_NOW - timedelta(days=20),
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
    assert refunded > 0
    dev.sync()
    after = analytics.totals(dev.cache, last_30)
    assert after.refund_fen == before.refund_fen + refunded
    assert after.gmv_fen == before.gmv_fen - refunded
    _assert_equal_to_server(dev, db)


def test_order_snapshot_resumes_after_a_crash(
    synced: Callable[[str], Device], order_server: tuple[EmbeddedServer, Database], tmp_path: Path
) -> None:
    srv, db = order_server
    api = make_api(srv.url, "merchant_demo")
    assert api.account is not None
    dev = Device("crash", tmp_path / "crash.sqlite3", api.account.id, api)
    try:
        dev.cache.fault = crash_at("orders:before-commit", 2)
        with pytest.raises(Crash):
            SyncEngine(dev.cache, api, order_page_size=100).run()
        dev.restart()
        loaded = dev.cache.conn.execute("SELECT count(*) FROM order_line").fetchone()[0]
        assert loaded > 0  # the first page stayed
        assert not _indexes(dev) & {"order_line_day", "settlement_line_line"}  # built at the end
        SyncEngine(dev.cache, api, order_page_size=100).run()
        _assert_equal_to_server(dev, db)
        assert _indexes(dev) >= {"order_line_day", "settlement_line_line"}
    finally:
        dev.close()


def _indexes(dev: Device) -> set[str]:
    found = dev.cache.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    return {str(name) for (name,) in found}


def test_snapshot_pages_written_by_the_database_equal_orjsons(
    order_server: tuple[EmbeddedServer, Database],
) -> None:
    """On SQLite the server's order and settlement pages are JSON the database wrote: the same
    bytes as the generic path (orjson of the driver's rows), page after page."""
    _srv, db = order_server
    with db.read() as session:
        login = session.scalars(select(m.Account).where(m.Account.login == "creator_demo")).one()
        caller = Caller(id=login.id, role=Role(login.role), login=login.login)
        for entity in ("order_line", "settlement_line"):
            after, pages = None, 0
            while True:
                body, count, next_after = account_rows.page_ndjson(
                    session, entity, caller, after, 50
                )
                rows, expected_after = account_rows.page(session, entity, caller, after, 50)
                expected = b"".join(orjson.dumps(list(r), option=orjson.OPT_UTC_Z) + b"\n"
                                    for r in rows)  # fmt: skip
                assert (body, count, next_after) == (expected, len(rows), expected_after)
                pages += 1
                if next_after is None:
                    break
                after = next_after
            assert pages > 1 and count > 0


def test_channel_sales_are_per_channel(
    synced: Callable[[str], Device], order_server: tuple[EmbeddedServer, Database]
) -> None:
    dev = synced("creator_demo")
    rows = channels.channels(dev.cache, SEED_NOW)
    lines = counted_lines(order_server[1], dev.account_id, Role.CREATOR)
    last_30 = Period(TODAY - timedelta(days=29), TODAY)
    expected = fold(lines, last_30, lambda x: x.channel_id)
    for row in rows:
        t = expected.get(row.id, analytics.Totals())
        assert (row.sales_fen, row.orders) == (t.gmv_fen, t.orders), row.name
    community = [r for r in rows if r.kind == "community"]
    assert len(community) == 2 and community[0].sales_fen != community[1].sales_fen


def test_reconciliation_finds_exactly_the_planted_discrepancies(
    synced: Callable[[str], Device], order_server: tuple[EmbeddedServer, Database], tmp_path: Path
) -> None:
    _srv, db = order_server
    with db.read() as s:
        planted = json.loads(s.get(m.ServerMeta, PLANTED_KEY).value)  # type: ignore[union-attr]
    assert {kind for kind, _line in planted} == {"missing", "rate", "refund_after"}
    dev = synced("creator_demo")
    verdicts = {"missing": Verdict.MISSING, "rate": Verdict.SHORT_PAID}
    verdicts["refund_after"] = Verdict.REFUNDED_AFTER
    found = commission_ledger.discrepancies(dev.cache)
    assert {(r.verdict, r.order_line_id) for r in found} == {
        (verdicts[kind], line) for kind, line in planted
    }
    rows = commission_ledger.ledger(dev.cache)
    assert sum(1 for r in rows if r.verdict is Verdict.MATCHED) > 50
    months = commission_ledger.month_totals(rows)
    assert sum(t.difference_fen for t in months) == sum(r.difference_fen for r in found)
    path = tmp_path / "claim.csv"
    assert commission_ledger.export_csv(found, path) == 3
    with path.open(encoding="utf-8-sig") as handle:
        written = list(csv.DictReader(handle))
    assert {w["order_line_id"] for w in written} == {line for _kind, line in planted}


def test_figures_rebuilt_from_the_lines_equal_the_kept_ones(
    synced: Callable[[str], Device],
) -> None:
    dev = synced("merchant_demo")
    tables = ("order_day", "order_day_product", "order_month_product")

    def contents() -> dict[str, list[tuple[object, ...]]]:
        return {
            t: sorted(r for r in dev.cache.conn.execute(f"SELECT * FROM {t} WHERE lines <> 0"))
            for t in tables
        }

    kept = contents()
    assert all(kept.values())
    with dev.cache.write():
        order_figures.rebuild_days(dev.cache.conn)
    assert contents() == kept


def test_a_cache_with_json_orders_is_upgraded(
    order_server: tuple[EmbeddedServer, Database], tmp_path: Path
) -> None:
    """Orders cached as records before the typed tables: converted when the cache opens,
    then replaced by the order snapshot at the next sync (the feed cursor kept)."""
    srv, db = order_server
    api = make_api(srv.url, "creator_demo")
    assert api.account is not None
    path = tmp_path / "old.sqlite3"
    before = schema.MIGRATIONS.index(schema._typed_orders)  # the schema just before it
    old = Cache.open(path, account_id=api.account.id, schema=before)
    order = api._get("/v1/orders", {"limit": 1}).json()["items"][0]
    order.pop("paid_at")  # what an older server sent
    for line in order["lines"]:
        for key in ("channel_id", "category_id", "plan_id", "refunded_at"):
            line.pop(key)
    with old.write():
        old.conn.execute(
            "INSERT INTO record_synced (entity, id, version, data) VALUES ('order', ?, ?, ?)",
            (order["id"], order["version"], json.dumps(order)),
        )
        old.conn.execute("INSERT INTO sync_state (scope, cursor) VALUES ('account', 'x')")
    old.close()
    dev = Device("old", path, api.account.id, api)
    try:
        assert dev.cache.conn.execute("SELECT count(*) FROM record_synced").fetchone()[0] == 0
        assert dev.cache.conn.execute("SELECT channel_id FROM order_line").fetchall() == [
            (None,)
        ] * len(order["lines"])
        assert analytics.totals(dev.cache, ALL).lines == len(order["lines"])
        with dev.cache.write():  # "x" is no cursor of the server's: read from the start
            dev.cache.conn.execute("UPDATE sync_state SET cursor = NULL WHERE scope = 'account'")
        dev.sync()
        assert dev.cache.meta("orders_snapshot_needed") is None
        _assert_equal_to_server(dev, db)
    finally:
        dev.close()
