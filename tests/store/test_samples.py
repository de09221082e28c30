"""A creator's samples read from a real cache (store/samples.py): the state filters and the
order, the days left, the fulfilment rate, the rail's "needs action" count, and each sample's
sales since it arrived against its cost, equal to a sum done by hand over the order lines.

Rows arrive as the sync engine applies them (``steps.apply_changes``): products on the catalogue
scope, samples and orders on the account scope.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from workbench.contract.sync import Change, Scope
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import uuid7
from workbench.store import plan_edits, steps
from workbench.store import samples as store
from workbench.store.cache import Cache

ME = "creator-me"
NOW = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)
DAY = timedelta(days=1)
CHANNEL = "0190a000-0000-7000-8000-0000000000c1"


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite3", account_id=ME) as opened:
        yield opened


def product(pid: str, status: str = "listed") -> Change:
    data = {"id": pid, "shop_id": "s1", "shop_name": "好物小店", "title": f"商品 {pid}",
            "category1_id": 1, "category2_id": 2, "category3_id": 3, "price_fen": 9_900,
            "monthly_sales": 10, "stock": 5, "commission_ppm": 200_000, "service_fee_ppm": 0,
            "guarantee_flags": 0, "status": status, "listed_at": "2025-01-01T00:00:00Z",
            "version": 1}  # fmt: skip
    return Change(entity="product", id=pid, version=1, op="upsert", data=data)


def sample(sid: str, pid: str, status: str, *, shipped: datetime | None = None,
           extended: bool = False, cost: int = 0, created: datetime = NOW - 30 * DAY,
           ) -> Change:  # fmt: skip
    due = None if shipped is None else shipped + timedelta(days=21 if extended else 14)
    data = {"id": sid, "product_id": pid, "creator_id": ME, "merchant_id": "m1",
            "status": status, "note": "开箱", "reason": None, "cost_fen": cost,
            "tracking_no": "SF123456" if shipped else None,
            "shipped_at": _iso(shipped) if shipped else None,
            "content_due_at": _iso(due) if due else None,
            "content_url": "https://example.com/v" if status == "fulfilled" else None,
            "extended": extended, "created_at": _iso(created), "version": 1}  # fmt: skip
    return Change(entity="sample", id=sid, version=1, op="upsert", data=data)


def order(oid: str, at: datetime, lines: list[tuple[str, int, int, int, str | None]],
          status: int = 100) -> Change:  # fmt: skip
    """``lines``: (product id, paid 分, refunded 分, rate ppm, channel id)."""
    data: dict[str, Any] = {
        "id": oid, "shop_id": "s1", "merchant_id": "m1", "creator_id": ME, "status": status,
        "commission_status": 20, "created_at": _iso(at), "is_present": False,
        "present_order_id": None, "is_b2c_free_present": False, "paid_at": _iso(at),
        "paid_fen": sum(x[1] for x in lines), "refund_fen": sum(x[2] for x in lines),
        "commission_fen": 0, "version": 1,
        "lines": [
            {"id": f"{oid}-{n}", "product_id": pid, "title": "t", "quantity": 1,
             "paid_fen": paid, "refund_fen": refund, "commission_ppm": rate,
             "commission_fen": paid * rate // 1_000_000, "channel_kind": "showcase",
             "account_type": 1, "scene": 5, "content_id": None, "channel_id": channel,
             "category_id": 3, "plan_id": None, "refunded_at": None}
            for n, (pid, paid, refund, rate, channel) in enumerate(lines, start=1)
        ],
    }  # fmt: skip
    return Change(entity="order", id=oid, version=1, op="upsert", data=data)


def apply(cache: Cache, scope: Scope, *changes: Change) -> None:
    steps.apply_changes(cache, scope, list(changes), uuid7())


@pytest.fixture
def seeded(cache: Cache) -> Cache:
    apply(cache, Scope.CATALOG, *(product(p) for p in ("p1", "p2", "p3", "p4", "p5", "p6")),
          product("gone", status="delisted"))  # fmt: skip
    apply(
        cache,
        Scope.ACCOUNT,
        sample("s-req", "p1", "requested", created=NOW - 1 * DAY),
        sample("s-app", "p2", "approved", cost=3_000, created=NOW - 2 * DAY),
        sample("s-soon", "p3", "shipped", shipped=NOW - 12 * DAY, cost=5_000),  # 2 days left
        sample("s-later", "p4", "shipped", shipped=NOW - 2 * DAY, cost=4_000),  # 12 days left
        sample("s-late", "p5", "shipped", shipped=NOW - 15 * DAY, cost=0),  # past due, unsaid
        sample("s-over", "p6", "overdue", shipped=NOW - 40 * DAY, cost=2_000),
        sample("s-done", "p3", "fulfilled", shipped=NOW - 60 * DAY, cost=1_000),
        sample("s-done2", "p4", "fulfilled", shipped=NOW - 50 * DAY, cost=1_000),
        sample("s-done3", "p1", "fulfilled", shipped=NOW - 45 * DAY, cost=1_000),
        sample("s-rej", "p2", "rejected"),
        sample("s-can", "p5", "cancelled"),
    )
    shipped_soon = NOW - 12 * DAY
    apply(
        cache,
        Scope.ACCOUNT,
        # p3 since s-soon shipped: counted, on a channel
        order("o1", shipped_soon + timedelta(hours=1), [("p3", 12_000, 0, 200_000, CHANNEL),
                                                         ("p4", 500, 0, 100_000, CHANNEL)]),
        order("o2", NOW - 3 * DAY, [("p3", 8_001, 3_000, 150_000, CHANNEL)]),
        # not counted: before the arrival, no channel, cancelled, unpaid
        order("o3", shipped_soon - timedelta(minutes=1), [("p3", 99_999, 0, 200_000, CHANNEL)]),
        order("o4", NOW - 2 * DAY, [("p3", 77_777, 0, 200_000, None)]),
        order("o5", NOW - 2 * DAY, [("p3", 55_555, 0, 200_000, CHANNEL)], status=250),
        order("o6", NOW - 2 * DAY, [("p3", 44_444, 0, 200_000, CHANNEL)], status=10),
    )  # fmt: skip
    return cache


def _ids(cache: Cache, view: store.SampleView, sort: store.SampleSort = store.SampleSort.DUE,
         ) -> list[str]:  # fmt: skip
    flt = store.SampleFilter(view, sort)
    rows = store.window(cache, flt, 0, 100, now=NOW)
    assert store.count(cache, flt, now=NOW) == len(rows)
    return [r.id for r in rows]


def test_filters_order_and_days_left(seeded: Cache) -> None:
    v = store.SampleView
    assert _ids(seeded, v.ALL)[:4] == ["s-over", "s-late", "s-soon", "s-later"]  # owed, by due
    assert _ids(seeded, v.ALL)[4:6] == ["s-req", "s-app"]  # then open ones, newest first
    assert set(_ids(seeded, v.ALL)) == {
        "s-req", "s-app", "s-soon", "s-later", "s-late", "s-over", "s-done", "s-done2",
        "s-done3", "s-rej", "s-can",
    }  # fmt: skip
    assert _ids(seeded, v.NEEDS_ACTION) == ["s-over", "s-late", "s-soon"]
    assert _ids(seeded, v.SHIPPED) == ["s-soon", "s-later"]
    assert _ids(seeded, v.OVERDUE) == ["s-over", "s-late"]
    assert set(_ids(seeded, v.FULFILLED)) == {"s-done", "s-done2", "s-done3"}
    assert _ids(seeded, v.REQUESTED) == ["s-req"]
    assert _ids(seeded, v.REJECTED) == ["s-rej"] and _ids(seeded, v.CANCELLED) == ["s-can"]
    assert _ids(seeded, v.ALL, store.SampleSort.NEWEST)[:2] == ["s-req", "s-app"]
    rows = {r.id: r for r in store.window(seeded, store.SampleFilter(), now=NOW)}
    assert rows["s-soon"].days_left == 2 and rows["s-later"].days_left == 12
    assert rows["s-late"].days_left == -1 and rows["s-late"].status == "overdue"
    assert rows["s-late"].server_status == "shipped"
    assert rows["s-req"].days_left is None and rows["s-done"].days_left is None
    assert rows["s-soon"].shop_name == "好物小店" and rows["s-soon"].title == "商品 p3"
    assert rows["s-soon"].tracking_no == "SF123456"
    # What each may do, as the server's state machine says.
    assert [store.may_cancel(rows[i]) for i in ("s-req", "s-app", "s-soon")] == [True, True, False]
    assert store.may_extend(rows["s-soon"]) and store.may_extend(rows["s-late"])
    assert not store.may_extend(rows["s-over"])  # the server's state is overdue
    assert store.may_fulfil(rows["s-over"]) and not store.may_fulfil(rows["s-done"])


def test_fulfilment_rate_and_the_rails_count(seeded: Cache) -> None:
    f = store.fulfilment(seeded, now=NOW)
    # fulfilled 3; overdue: s-over (the server's state) and s-late (shipped, past due)
    assert (f.fulfilled, f.overdue, f.due, f.needs_action) == (3, 2, 5, 3)
    assert f.rate == pytest.approx(3 / 5)
    assert store.needing_action(seeded, now=NOW) == 3
    # Four days on, s-later (due in 12) is not yet due soon; 10 days on it is.
    assert store.needing_action(seeded, now=NOW + 4 * DAY) == 3
    assert store.needing_action(seeded, now=NOW + 10 * DAY) == 4
    assert store.fulfilment(seeded, now=NOW + 13 * DAY).overdue == 4  # s-soon, s-later now late
    empty = store.Fulfilment(0, 0, 0)
    assert empty.rate is None


def _by_hand(cache: Cache, product_id: str, since: datetime) -> tuple[int, int, int]:
    """GMV, expected commission and orders of counted lines on a channel since ``since``."""
    gmv = commission = 0
    orders = set()
    for oid, created, paid, refund, rate, channel, status in cache.conn.execute(
        "SELECT order_id, created_at, paid_fen, refund_fen, commission_ppm, channel_id, status "
        "FROM order_line WHERE product_id = ?",
        (product_id,),
    ):
        at = datetime.fromisoformat(created.replace("Z", "+00:00"))
        if at < since or channel is None or status in (10, 250):
            continue
        gmv += paid - refund
        net = max(paid - refund, 0)
        commission += (net * rate + 500_000) // 1_000_000
        orders.add(oid)
    return gmv, commission, len(orders)


def test_sales_since_arrival_against_the_cost(seeded: Cache) -> None:
    rows = {r.id: r for r in store.window(seeded, store.SampleFilter(), now=NOW)}
    soon = rows["s-soon"]
    gmv, commission, orders = _by_hand(seeded, "p3", NOW - 12 * DAY)
    assert (gmv, orders) == (12_000 + 8_001 - 3_000, 2)  # the constructed case, spelled out
    assert commission == 2_400 + 750  # 12,000 × 20 %; 5,001 × 15 % = 750.15 → 750
    assert (soon.sales.gmv_fen, soon.sales.commission_fen, soon.sales.orders) == (
        gmv,
        commission,
        orders,
    )
    assert soon.roi == pytest.approx(gmv / 5_000)
    # The older sample of the same product counts everything since its own arrival.
    done = rows["s-done"]
    assert (done.sales.gmv_fen, done.sales.orders) == _by_hand(seeded, "p3", NOW - 60 * DAY)[::2]
    assert rows["s-later"].sales.gmv_fen == 0  # p4's line came before it arrived
    assert rows["s-later"].roi == 0.0
    assert rows["s-late"].roi is None  # free
    assert rows["s-req"].roi is None and rows["s-app"].roi is None  # not shipped
    every = store.all_sales(seeded)  # what the page reads apart, on the background lane
    assert every == {r.id: r.sales for r in rows.values() if r.sales.orders}
    bare = store.window(seeded, store.SampleFilter(), now=NOW, with_sales=False)
    assert {r.id: replace(r, sales=every.get(r.id, store.SampleSales())) for r in bare} == rows
    by_roi = _ids(seeded, store.SampleView.ALL, store.SampleSort.ROI)
    assert by_roi[:2] == ["s-done", "s-soon"]  # 117,000 ÷ 1,000 and 17,001 ÷ 5,000


def test_request_once_per_product_and_not_a_delisted_one(seeded: Cache) -> None:
    state = store.request_state(seeded, "p3")
    assert (state.product_listed, state.open_id, state.open_status) == (True, "s-soon", "shipped")
    with pytest.raises(DomainError) as twice:
        store.request(seeded, "p3", "again")
    assert twice.value.code is ErrorCode.INVALID_TRANSITION
    with pytest.raises(DomainError) as delisted:
        store.request(seeded, "gone")
    assert delisted.value.code is ErrorCode.PRODUCT_NOT_PROMOTABLE
    assert seeded.pending_count() == 0
    apply(seeded, Scope.CATALOG, product("p7"))
    new = store.request(seeded, "p7", "  想做开箱视频  ")
    shown = {r.id: r for r in store.window(seeded, store.SampleFilter(), now=NOW)}[new]
    assert (shown.status, shown.pending, shown.note) == ("requested", True, "想做开箱视频")
    assert store.request_state(seeded, "p7").open_id == new


def test_an_extension_shows_its_new_date_before_the_server_confirms(seeded: Cache) -> None:
    plan_edits.extend_sample(seeded, "s-soon")
    row = {r.id: r for r in store.window(seeded, store.SampleFilter(), now=NOW)}["s-soon"]
    assert (row.extended, row.pending, row.days_left) == (True, True, 9)
    assert not store.may_extend(row)
    with pytest.raises(DomainError):
        plan_edits.extend_sample(seeded, "s-soon")  # one extension


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("https://channels.weixin.qq.com/sph/abc", None),
        ("http://mp.weixin.qq.com/s/x?y=1", None),
        ("channels.weixin.qq.com/sph/abc", "scheme"),
        ("ftp://example.com/v", "scheme"),
        ("https://example.com/a b", "spaces"),
        ("https://" + "a" * 492, None),  # 500 characters: the server's bound
        ("https://" + "a" * 493, "too_long"),
    ],
)
def test_a_content_link_is_checked_as_the_server_checks_it(text: str, problem: str | None) -> None:
    from pydantic import ValidationError

    from workbench.contract.mutations import SampleFulfil

    assert store.content_url_problem(text) == problem
    try:
        SampleFulfil.model_validate({"content_url": text})
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == (problem is None)


def _random_cache(cache: Cache) -> Cache:
    """Samples and orders drawn at random, with lines on the arrival's own day on both sides of
    it (and across the Asia/Shanghai day's start, 16:00 UTC), free and unshipped samples, two
    samples of one product shipped at one time (a tie), refunds above the paid amount."""
    rng = random.Random(20261201)
    products = [f"r{n}" for n in range(8)]
    changes = []
    arrivals: list[tuple[str, datetime]] = []
    for n in range(40):
        pid = rng.choice(products)
        shipped: datetime | None = NOW - timedelta(
            seconds=rng.randrange(0, 90 * 86_400), microseconds=rng.randrange(1_000_000)
        )
        if n % 7 == 0:
            shipped = None
        elif n % 11 == 0:
            shipped = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)  # a Beijing day starts
        status = rng.choice(("shipped", "fulfilled", "overdue") if shipped else
                            ("requested", "approved", "rejected"))  # fmt: skip
        cost = rng.choice((0, 0, 1_000, 2_500, rng.randrange(1, 9_000)))
        changes.append(sample(f"s{n:02d}", pid, status, shipped=shipped, cost=cost))
        if shipped:
            arrivals.append((pid, shipped))
    changes.append(sample("s-tie", "r1", "shipped", shipped=arrivals[0][1], cost=1_000))
    changes.append(sample("s-tie2", "r1", "fulfilled", shipped=arrivals[0][1], cost=1_000))
    apply(cache, Scope.ACCOUNT, *changes)
    orders = []
    for n in range(500):
        at = NOW - timedelta(seconds=rng.randrange(0, 100 * 86_400),
                             microseconds=rng.randrange(1_000_000))  # fmt: skip
        if n % 5 == 0:  # near an arrival: the same second, just before or after, that day
            pid, arrived = rng.choice(arrivals)
            at = arrived + timedelta(seconds=rng.choice((0, -1, 1, -3_600, 3_600, -60_000)))
        lines = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            paid = rng.randrange(0, 20_000)
            refund = rng.choice((0, 0, rng.randrange(0, paid + 1), paid + 100))
            lines.append((rng.choice(products), paid, refund, rng.randrange(0, 500_000),
                          rng.choice((CHANNEL, CHANNEL, CHANNEL, None))))  # fmt: skip
        orders.append(order(f"ro{n}", at, lines, status=rng.choice((100, 100, 200, 10, 250))))
    apply(cache, Scope.ACCOUNT, *orders)
    return cache


def test_the_order_by_return_is_sql_and_equals_python(cache: Cache) -> None:
    """The order by return, and each sample's sales, are summed and sorted in SQL: equal to a
    sum by hand over the order lines and Python's sort, window by window; the sums read the
    lines off the covering index ``order_line_sold`` (no order line's row is read)."""
    _random_cache(cache)
    every = store.window(cache, store.SampleFilter(), 0, 1_000, now=NOW, with_sales=False)
    expected = []
    for row in every:
        if row.shipped_at is not None:
            since = datetime.fromisoformat(row.shipped_at.replace("Z", "+00:00"))
            gmv, commission, orders = _by_hand(cache, row.product_id, since)
            row = replace(row, sales=store.SampleSales(orders, gmv, commission))
        expected.append(row)
    expected.sort(key=lambda s: (s.roi is None, -(s.roi or 0.0), -s.sales.gmv_fen, s.id))
    assert sum(1 for s in expected if s.sales.orders) > 20  # sold ones, not a trivial order
    assert {s.id: s.sales for s in expected if s.sales.orders} == store.all_sales(cache)
    by_roi = store.SampleFilter(sort=store.SampleSort.ROI)
    windows = [store.window(cache, by_roi, start, 7, now=NOW) for start in range(0, 49, 7)]
    assert [s for w in windows for s in w] == expected
    fulfilled = store.SampleFilter(store.SampleView.FULFILLED, store.SampleSort.ROI)
    assert store.window(cache, fulfilled, now=NOW) == [
        s for s in expected if s.server_status == "fulfilled"
    ]
    statements: list[str] = []
    cache.conn.set_trace_callback(statements.append)
    try:
        store.window(cache, by_roi, 0, 7, now=NOW)
    finally:
        cache.conn.set_trace_callback(None)
    plan = [str(r[3]) for r in cache.conn.execute(f"EXPLAIN QUERY PLAN {statements[-1]}")]
    lines = [step for step in plan if "order_line" in step]
    assert lines == [
        "SEARCH l USING COVERING INDEX order_line_sold (product_id=? AND day>?) LEFT-JOIN"
    ]
