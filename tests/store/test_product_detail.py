"""The selection center's side panel data: one product's detail, comparing, the marks of a page,
my channels, saved filters and the category tree, on the seeded 3,000-product cache.

Account rows arrive as sync brings them: confirmed through ``apply_changes`` (the feed's
shape), pending through ``enqueue`` (a local edit replayed on top).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.store.reference import Catalogue
from workbench.contract.sync import Change, Scope
from workbench.core.enums import ChannelKind, PlanStatus, PlanType
from workbench.core.ids import uuid7
from workbench.store import filter_codec, product_detail, products, steps
from workbench.store.cache import Cache
from workbench.store.product_detail import Placement, detail
from workbench.store.products import ProductFilter, Sort

ME = "creator-me"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def _confirm(cache: Cache, entity: str, data: dict[str, Any]) -> None:
    """A row as the feed delivers it (version 1, confirmed)."""
    row = {"version": 1, **data}
    change = Change(entity=entity, id=row["id"], version=row["version"], op="upsert", data=row)
    steps.apply_changes(cache, Scope.ACCOUNT, [change], uuid7())


def _plan(
    cache: Cache,
    product_id: str,
    rate_ppm: int,
    *,
    plan_type: PlanType = PlanType.GENERAL,
    status: PlanStatus = PlanStatus.LISTED,
    begin: datetime = NOW - 30 * DAY,
    end: datetime = NOW + 30 * DAY,
    creators: list[dict[str, Any]] | None = None,
) -> str:
    plan_id = uuid7()
    _confirm(
        cache,
        "plan",
        {
            "id": plan_id,
            "merchant_id": "merchant-1",
            "product_id": product_id,
            "plan_type": plan_type.value,
            "rate_ppm": rate_ppm,
            "begin_at": _iso(begin),
            "end_at": _iso(end),
            "status": status.value,
            "creators": creators or [],
            "created_at": _iso(begin),
        },
    )
    return plan_id


def _channel(cache: Cache, kind: ChannelKind, name: str, *, pending: bool = False) -> str:
    cid = uuid7()
    if pending:
        cache.enqueue("channel.create", cid, {"kind": kind.value, "name": name})
    else:
        _confirm(cache, "channel", {"id": cid, "creator_id": ME, "kind": kind.value, "name": name})
    return cid


def _listing(cache: Cache, channel_id: str, product_id: str, *, pending: bool = False) -> str:
    lid = uuid7()
    if pending:
        cache.enqueue("listing.create", lid, {"channel_id": channel_id, "product_id": product_id})
    else:
        _confirm(
            cache,
            "listing",
            {
                "id": lid, "creator_id": ME, "channel_id": channel_id, "product_id": product_id,
                "position": 0, "pinned": False, "hidden": False, "custom_title": None,
                "selling_points": None, "start_at": None, "end_at": None,
            },
        )  # fmt: skip
    return lid


def _some(cache: Cache, n: int, f: ProductFilter | None = None) -> list[str]:
    return products.ids(cache, f or ProductFilter(sort=Sort.PRICE), 0, n)


# --- one product --------------------------------------------------------------------------------


def test_an_unknown_product_has_no_detail(shared: Cache) -> None:
    assert detail(shared, "no-such-product") is None


def test_detail_of_a_plain_product(shared: Cache, reference: Catalogue) -> None:
    original = reference.rows[7]
    pid = original["id"]
    found = detail(shared, pid, now=NOW)
    assert found is not None
    assert found.row == products.rows_by_ids(shared, [pid])[pid]
    assert found.category_path == [
        reference.category_names[original[f"category{n}_id"]] for n in (1, 2, 3)
    ]
    score = shared.conn.execute(
        "SELECT score_x10 FROM shop WHERE id = ?", (original["shop_id"],)
    ).fetchone()[0]
    assert found.shop_score_x10 == score
    loaded_at = shared.meta("catalog_loaded_at")
    assert loaded_at and found.history == [(loaded_at, original["commission_ppm"])]
    assert found.plans == [] and found.placements == []
    assert not found.favourite and not found.pending_favourite


def test_history_follows_rate_changes_from_the_feed(cache: Cache) -> None:
    (pid,) = _some(cache, 1)
    row = cache.product(pid)
    assert row is not None
    for version, rate in ((row["version"] + 1, 123_000), (row["version"] + 2, 87_000)):
        data = {**row, "commission_ppm": rate, "version": version}
        change = Change(entity="product", id=pid, version=version, op="upsert", data=data)
        steps.apply_changes(cache, Scope.CATALOG, [change], uuid7())
    found = detail(cache, pid)
    assert found is not None
    assert [rate for _, rate in found.history] == [row["commission_ppm"], 123_000, 87_000]
    assert found.history[0][0] == cache.meta("catalog_loaded_at")
    assert [at for at, _ in found.history] == sorted(at for at, _ in found.history)


def test_plans_active_first_then_by_the_rate_i_earn(cache: Cache) -> None:
    pid, other = _some(cache, 2)
    general = _plan(cache, pid, 200_000)
    named = [{"creator_id": ME, "rate_ppm": 350_000, "status": 2}]
    targeted = _plan(cache, pid, 300_000, plan_type=PlanType.TARGETED, creators=named)
    ended = _plan(cache, pid, 500_000, status=PlanStatus.DELISTED, end=NOW - DAY)
    future = _plan(cache, pid, 400_000, status=PlanStatus.PENDING_EFFECT, begin=NOW + DAY)
    expired = _plan(cache, pid, 600_000, end=NOW)  # listed, but end_at is exclusive
    _plan(cache, other, 900_000)
    found = detail(cache, pid, ME, now=NOW)
    assert found is not None
    assert [p.plan_id for p in found.plans] == [targeted, general, expired, ended, future]
    assert [p.active_now for p in found.plans] == [True, True, False, False, False]
    first = found.plans[0]
    assert first.plan_type is PlanType.TARGETED and first.status is PlanStatus.LISTED
    assert (first.rate_ppm, first.my_rate_ppm) == (300_000, 350_000)
    assert first.begin_at == _iso(NOW - 30 * DAY) and first.end_at == _iso(NOW + 30 * DAY)
    assert found.plans[1].my_rate_ppm is None
    someone_else = detail(cache, pid, "creator-other", now=NOW)
    assert someone_else is not None and someone_else.plans[0].my_rate_ppm is None
    assert [p.plan_id for p in someone_else.plans][:2] == [targeted, general]  # 30 % > 20 %
    assert detail(cache, pid, ME, now=NOW.replace(tzinfo=None)) == found  # naive: UTC
    before = detail(cache, pid, ME, now=NOW - 60 * DAY)
    assert before is not None and [p.active_now for p in before.plans] == [False] * 5


def test_plans_use_the_plan_index_of_the_schema_and_agree_without_it(cache: Cache) -> None:
    pids = _some(cache, 6)
    for n, pid in enumerate(pids):
        _plan(cache, pid, 100_000 + n * 10_000)
        _plan(cache, pid, 50_000, status=PlanStatus.DELISTED)
    cache.conn.execute(f"DROP INDEX {product_detail.PLAN_INDEX}")  # as a v3 cache has it
    without = product_detail.plans_by_product(cache, pids, ME, NOW)
    cache.conn.execute(
        f"CREATE INDEX {product_detail.PLAN_INDEX} ON record "
        "(json_extract(data, '$.product_id')) WHERE entity = 'plan'"
    )
    statements: list[str] = []
    cache.conn.set_trace_callback(statements.append)
    try:
        with_index = product_detail.plans_by_product(cache, pids, ME, NOW)
    finally:
        cache.conn.set_trace_callback(None)
    assert with_index == without and len(with_index) == 6
    assert all(len(plans) == 2 for plans in with_index.values())
    (sql,) = [s for s in statements if "entity = 'plan'" in s]
    plans = [row[3] for row in cache.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert plans == [
        f"SEARCH record USING INDEX {product_detail.PLAN_INDEX} (<expr>=? AND entity=?)"
    ]


def test_unreadable_plan_rows_are_left_out(cache: Cache) -> None:
    (pid,) = _some(cache, 1)
    good = _plan(cache, pid, 100_000)
    with cache.write():
        bad = {"id": "bad", "product_id": pid, "plan_type": "mystery", "status": 1}
        cache.conn.execute(
            "INSERT INTO record (entity, id, data, version) VALUES ('plan', 'bad', ?, 1)",
            (json.dumps(bad),),
        )
    found = detail(cache, pid, now=NOW)
    assert found is not None and [p.plan_id for p in found.plans] == [good]


def test_placements_and_their_pending_state(cache: Cache) -> None:
    pid, other = _some(cache, 2)
    showcase = _channel(cache, ChannelKind.SHOWCASE, "我的橱窗")
    group = _channel(cache, ChannelKind.COMMUNITY, "粉丝群", pending=True)
    confirmed = _listing(cache, showcase, pid)
    waiting = _listing(cache, group, pid, pending=True)
    _listing(cache, showcase, other)
    found = detail(cache, pid)
    assert found is not None
    assert found.placements == [
        Placement(confirmed, showcase, "我的橱窗", ChannelKind.SHOWCASE, False),
        Placement(waiting, group, "粉丝群", ChannelKind.COMMUNITY, True),
    ]
    assert product_detail.placement_state(cache, [pid, other, "no-such-product"]) == {
        pid: "pending",
        other: "listed",
    }
    cache.enqueue("listing.delete", waiting, {})
    assert product_detail.placement_state(cache, [pid]) == {pid: "listed"}
    cache.enqueue("listing.patch", confirmed, {"pinned": True})
    assert product_detail.placement_state(cache, [pid, other]) == {
        pid: "pending",
        other: "listed",
    }


def test_favourite_and_its_pending_edits(cache: Cache) -> None:
    pid, other = _some(cache, 2)
    cache.enqueue("favourite.add", pid, {})
    found = detail(cache, pid)
    assert found is not None and found.favourite and found.pending_favourite
    confirmed = {"id": other, "creator_id": ME, "product_id": other, "created_at": _iso(NOW)}
    _confirm(cache, "favourite", confirmed)
    found = detail(cache, other)
    assert found is not None and found.favourite and not found.pending_favourite
    assert product_detail.favourite_ids(cache) == {pid, other}
    cache.enqueue("favourite.remove", other, {})
    found = detail(cache, other)
    assert found is not None and not found.favourite and found.pending_favourite
    assert product_detail.favourite_ids(cache) == {pid}


# --- comparing ----------------------------------------------------------------------------------


def test_compare_rows_in_the_given_order(cache: Cache) -> None:
    a, b, c = _some(cache, 3, ProductFilter(category_id=2))
    _plan(cache, a, 200_000)
    _plan(cache, a, 300_000, plan_type=PlanType.TARGETED, creators=[])  # names nobody I know
    _plan(cache, a, 800_000, status=PlanStatus.DELISTED)
    _plan(cache, b, 400_000, status=PlanStatus.PENDING_EFFECT, begin=NOW + DAY)
    named = [{"creator_id": ME, "rate_ppm": 450_000, "status": 2}]
    _plan(cache, c, 250_000, plan_type=PlanType.TARGETED, creators=named)
    rows = product_detail.compare(cache, [c, "no-such-product", a, b, c], ME, now=NOW)
    assert [r["id"] for r in rows] == [c, a, b]
    assert all(list(r) == list(product_detail.COMPARE_FIELDS) for r in rows)
    assert [r["best_plan_rate_ppm"] for r in rows] == [450_000, 300_000, None]
    full = products.rows_by_ids(cache, [a, b, c])
    for row in rows:
        source = full[row["id"]]
        assert {k: row[k] for k in row if k in source} == {k: source[k] for k in row if k in source}
        score = cache.conn.execute(
            "SELECT score_x10 FROM shop WHERE id = ?", (source["shop_id"],)
        ).fetchone()[0]
        assert row["shop_score_x10"] == score


def test_differing_fields() -> None:
    same = {"id": "a", "price_fen": 100, "stock": 5, "best_plan_rate_ppm": None}
    assert product_detail.differing_fields([]) == set()
    assert product_detail.differing_fields([same]) == set()
    other = {**same, "id": "b", "stock": 6}
    assert product_detail.differing_fields([same, other, same]) == {"id", "stock"}
    partial = {k: v for k, v in same.items() if k != "price_fen"}
    assert product_detail.differing_fields([same, partial]) == {"price_fen"}


def test_differing_fields_of_compared_products(shared: Cache) -> None:
    a, b = _some(shared, 2)
    rows = product_detail.compare(shared, [a, b, a], now=NOW)
    fields = product_detail.differing_fields(rows)
    assert "id" in fields and "best_plan_rate_ppm" not in fields
    assert fields == {k for k in rows[0] if rows[0][k] != rows[1][k]}


# --- marks of a page ----------------------------------------------------------------------------


def test_placement_state_reads_the_listing_index(shared: Cache) -> None:
    """The planner's own choice for 200 ids was reading every listing row."""
    statements: list[str] = []
    shared.conn.set_trace_callback(statements.append)
    try:
        product_detail.placement_state(shared, [f"p{n}" for n in range(200)])
    finally:
        shared.conn.set_trace_callback(None)
    (sql,) = statements
    plans = [row[3] for row in shared.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert plans == ["SEARCH record USING INDEX record_listing_product (<expr>=? AND entity=?)"]


def test_placement_state_of_a_page_when_every_product_is_listed(cache: Cache) -> None:
    """3,000 listings (every product), 1,200 ids asked (more than one statement's chunk)."""
    every = products.ids(cache, ProductFilter(), 0, 10_000)
    with cache.write():
        for n, pid in enumerate(every):
            data = {"id": f"l{n}", "channel_id": "c1", "product_id": pid}
            cache.conn.execute(
                "INSERT INTO record (entity, id, data, version, pending) "
                "VALUES ('listing', ?, ?, 1, ?)",
                (f"l{n}", json.dumps(data), int(n % 7 == 0)),
            )
    asked = every[:1_200]
    expected = {pid: "pending" if n % 7 == 0 else "listed" for n, pid in enumerate(asked)}
    assert product_detail.placement_state(cache, asked + asked[:5]) == expected
    assert product_detail.placement_state(cache, []) == {}


# --- my channels and saved filters --------------------------------------------------------------


def test_channels_by_kind_then_name_with_their_listing_counts(cache: Cache) -> None:
    pids = _some(cache, 4)
    live_b = _channel(cache, ChannelKind.LIVE, "b 直播间")
    live_a = _channel(cache, ChannelKind.LIVE, "A 直播间", pending=True)
    showcase = _channel(cache, ChannelKind.SHOWCASE, "橱窗")
    community = _channel(cache, ChannelKind.COMMUNITY, "群")
    _confirm(cache, "channel", {"id": "odd", "creator_id": ME, "kind": "hologram", "name": "x"})
    for pid in pids:
        _listing(cache, showcase, pid)
    _listing(cache, live_a, pids[0], pending=True)
    found = product_detail.channels(cache)
    assert [c["id"] for c in found] == [showcase, live_a, live_b, community, "odd"]
    assert [c["listings"] for c in found] == [4, 1, 0, 0, 0]
    assert [c["pending"] for c in found] == [False, True, False, False, False]
    assert found[0] == {
        "id": showcase,
        "name": "橱窗",
        "kind": ChannelKind.SHOWCASE,
        "pending": False,
        "listings": 4,
    }
    assert found[-1]["kind"] == "hologram"
    assert (
        product_detail.channels(cache.__class__.open(cache.path.with_name("empty.sqlite3"))) == []
    )


def test_saved_filters_by_name(cache: Cache) -> None:
    tea = ProductFilter(keyword="茶", price_max_fen=5_000, sort=Sort.PRICE)
    cache.enqueue(
        "saved_filter.put", "f1", {"name": "便宜的茶", "query": filter_codec.to_json(tea)}
    )
    _confirm(cache, "saved_filter", {"id": "f2", "owner_id": ME, "name": "Beauty", "query": {}})
    cache.enqueue("saved_filter.put", "f3", {"name": "all", "query": {"v": 1}})
    found = product_detail.saved_filters(cache)
    assert [(fid, name) for fid, name, _ in found] == [
        ("f3", "all"),
        ("f2", "Beauty"),
        ("f1", "便宜的茶"),
    ]
    assert filter_codec.from_json(found[2][2]) == tea


# --- categories ---------------------------------------------------------------------------------


def test_category_tree_puts_parents_first(shared: Cache, reference: Catalogue) -> None:
    tree = product_detail.category_tree(shared)
    assert {cid: name for cid, name, _, _ in tree} == reference.category_names
    seen: set[int] = set()
    for cid, _, level, parent in tree:
        assert (parent is None) == (level == 1)
        assert parent is None or parent in seen
        seen.add(cid)
    assert [(level, cid) for cid, _, level, _ in tree] == sorted(
        (level, cid) for cid, _, level, _ in tree
    )


@pytest.mark.parametrize("level", [1, 2, 3])
def test_category_counts(shared: Cache, reference: Catalogue, level: int) -> None:
    counts = product_detail.category_counts(shared)
    assert set(counts) == set(reference.category_names)
    for cid, _, lv, _ in product_detail.category_tree(shared):
        if lv == level:
            expected = sum(1 for r in reference.rows if r[f"category{level}_id"] == cid)
            assert counts[cid] == expected == products.count(shared, ProductFilter(category_id=cid))
    assert sum(c for cid, c in counts.items() if _level(shared, cid) == level) == len(
        reference.rows
    )


def _level(cache: Cache, cid: int) -> int:
    return int(cache.conn.execute("SELECT level FROM category WHERE id = ?", (cid,)).fetchone()[0])


@pytest.mark.parametrize(
    "f",
    [
        ProductFilter(keyword="茶"),
        ProductFilter(price_min_fen=5_000, promotable_now=True),
        ProductFilter(keyword="茶", category_id=None, monthly_sales_min=100),
    ],
)
def test_category_counts_of_a_result(shared: Cache, f: ProductFilter) -> None:
    counts = product_detail.category_counts(shared, f)
    for cid, _, _lv, _ in product_detail.category_tree(shared):
        assert counts[cid] == products.count(shared, replace(f, category_id=cid)), cid
    chosen = next(cid for cid, c in counts.items() if c)  # a chosen category is set aside
    assert product_detail.category_counts(shared, replace(f, category_id=chosen)) == counts
