"""The listing health check on a seeded case: one listing per problem kind gives exactly that
reason, the OK ones none; replacements never suggest a product already on that channel or not
promotable now, ranked by commission per sale × sales; a replace queues exactly delete + create
in one transaction at the same position; a product leaving the catalogue marks its listing.

The cache is real; every row arrives as the sync engine applies it (``steps.apply_changes``),
and rates change in the order a real cache sees them (so ``commission_history`` is the one
the sync writes).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from workbench.contract.sync import Change, Scope
from workbench.core.ids import uuid7, uuid7_from
from workbench.store import health, steps
from workbench.store.cache import Cache
from workbench.store.health import Reason

ME = "creator-me"
NOW = datetime.now(UTC).replace(microsecond=0)
DAY = timedelta(days=1)
CAT = 301
CHANNEL = "0190a000-0000-7000-8000-0000000000c1"
OTHER_CHANNEL = "0190a000-0000-7000-8000-0000000000c2"
_rng = random.Random(9)


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _listing_id(at: datetime) -> str:
    return uuid7_from(int(at.timestamp() * 1000), _rng.getrandbits(12), _rng.getrandbits(62))


def product(pid: str, *, status: str = "listed", stock: int = 50, price: int = 10_000,
            sales: int = 100, rate: int = 200_000, category: int = CAT) -> Change:  # fmt: skip
    data = {"id": pid, "shop_id": "s1", "shop_name": "小店", "title": f"商品 {pid}",
            "category1_id": 1, "category2_id": 2, "category3_id": category, "price_fen": price,
            "monthly_sales": sales, "stock": stock, "commission_ppm": rate,
            "service_fee_ppm": 0, "guarantee_flags": 0, "status": status,
            "listed_at": "2025-01-01T00:00:00Z", "version": 1}  # fmt: skip
    return Change(entity="product", id=pid, version=1, op="upsert", data=data)


def plan(plan_id: str, pid: str, *, rate: int = 200_000, begin: datetime = NOW - 300 * DAY,
         end: datetime = NOW + 100 * DAY, status: int = 1, plan_type: str = "general",
         me_at: int | None = None, version: int = 1) -> Change:  # fmt: skip
    creators = [] if me_at is None else [{"creator_id": ME, "rate_ppm": me_at, "status": 2}]
    data = {"id": plan_id, "merchant_id": "m1", "product_id": pid, "plan_type": plan_type,
            "rate_ppm": rate, "begin_at": _iso(begin), "end_at": _iso(end), "status": status,
            "creators": creators, "created_at": _iso(begin), "version": version}  # fmt: skip
    return Change(entity="plan", id=plan_id, version=version, op="upsert", data=data)


def listing(listing_id: str, pid: str, position: int, channel: str = CHANNEL) -> Change:
    data = {"id": listing_id, "creator_id": ME, "channel_id": channel, "product_id": pid,
            "position": position, "pinned": False, "hidden": False, "custom_title": None,
            "selling_points": None, "start_at": None, "end_at": None, "version": 1}  # fmt: skip
    return Change(entity="listing", id=listing_id, version=1, op="upsert", data=data)


def channel(channel_id: str, name: str) -> Change:
    data = {"id": channel_id, "creator_id": ME, "kind": "showcase", "name": name, "version": 1}
    return Change(entity="channel", id=channel_id, version=1, op="upsert", data=data)


def apply(cache: Cache, scope: Scope, *changes: Change) -> None:
    steps.apply_changes(cache, scope, list(changes), uuid7())


# Which listing shows which reason (None: OK), by product id.
EXPECTED: dict[str, Reason | None] = {
    "ok": None,
    "ok-targeted": None,
    "delisted": Reason.DELISTED,
    "forbidden": Reason.SALE_FORBIDDEN,
    "no-stock": Reason.OUT_OF_STOCK,
    "no-plan": Reason.NO_LIVE_PLAN,
    "ended": Reason.NO_LIVE_PLAN,
    "ending": Reason.PLAN_ENDING,
    "switched": Reason.COMMISSION_CUT,
    "rate-cut": Reason.COMMISSION_CUT,
    "dropped": Reason.PLAN_DROPPED,
    "vanished": Reason.GONE,
}
LISTED_AT = NOW - 50 * DAY


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[tuple[Cache, dict[str, str]]]:
    cache = Cache.open(tmp_path / "cache.sqlite3", account_id=ME)
    catalogue = [
        product("ok"), product("ok-targeted"), product("delisted", status="delisted"),
        product("forbidden", status="sale_forbidden"), product("no-stock", stock=0),
        product("no-plan"), product("ended"), product("ending"), product("switched"),
        product("rate-cut", rate=250_000), product("dropped"), product("vanished"),
    ]  # fmt: skip
    apply(cache, Scope.CATALOG, *catalogue)
    apply(
        cache,
        Scope.ACCOUNT,
        channel(CHANNEL, "橱窗"),
        channel(OTHER_CHANNEL, "直播"),
        plan("pl-ok", "ok"),
        plan("pl-ok-t-g", "ok-targeted"),
        plan("pl-ok-t", "ok-targeted", plan_type="targeted", rate=300_000, me_at=300_000),
        plan("pl-delisted", "delisted"),
        plan("pl-forbidden", "forbidden"),
        plan("pl-no-stock", "no-stock"),
        plan("pl-ended", "ended", end=NOW - 20 * DAY, status=2),
        plan("pl-ending", "ending", end=NOW + 3 * DAY),
        # An ended plan replaced by a lower one after I listed the product.
        plan("pl-switch-old", "switched", rate=300_000, end=NOW - 10 * DAY, status=2),
        plan("pl-switch-new", "switched", rate=150_000, begin=NOW - 10 * DAY),
        plan("pl-rate", "rate-cut", rate=250_000),
        plan("pl-drop-g", "dropped"),
        plan("pl-drop-t", "dropped", plan_type="targeted", rate=300_000, me_at=300_000),
        plan("pl-vanished", "vanished"),
    )
    ids = {pid: _listing_id(LISTED_AT) for pid in EXPECTED}
    apply(cache, Scope.ACCOUNT, *[listing(ids[p], p, (n + 1) * 8) for n, p in enumerate(EXPECTED)])
    # After I listed them: a rate cut on a running plan, a targeted plan that drops me (the
    # server sends me its tombstone), a product that leaves the catalogue.
    apply(cache, Scope.ACCOUNT, plan("pl-rate", "rate-cut", rate=200_000, version=2))
    apply(cache, Scope.ACCOUNT, Change(entity="plan", id="pl-drop-t", version=2, op="delete"))
    apply(cache, Scope.CATALOG, Change(entity="product", id="vanished", version=2, op="delete"))
    yield cache, ids
    cache.close()


def test_each_problem_kind_gives_exactly_its_reason(seeded: tuple[Cache, dict[str, str]]) -> None:
    cache, ids = seeded
    found = health.listing_health(cache, list(ids.values()), now=NOW)
    assert set(found) == set(ids.values())
    for pid, expected in EXPECTED.items():
        reasons = [p.reason for p in found[ids[pid]].problems]
        assert reasons == ([] if expected is None else [expected]), pid
        assert found[ids[pid]].ok == (expected is None)
    ending = found[ids["ending"]].problems[0]
    assert ending.at == _iso(NOW + 3 * DAY)
    switched = found[ids["switched"]].problems[0]
    assert (switched.before_ppm, switched.after_ppm) == (300_000, 150_000)
    assert switched.at == _iso(NOW - 10 * DAY)
    cut = found[ids["rate-cut"]].problems[0]
    assert (cut.before_ppm, cut.after_ppm) == (250_000, 200_000)
    seen = cache.conn.execute(
        "SELECT max(seen_at) FROM commission_history WHERE subject_id = 'pl-rate'"
    ).fetchone()[0]
    assert cut.at is not None and cut.at[:19] == seen[:19]  # when the cache saw the cut
    dropped = found[ids["dropped"]].problems[0]
    assert dropped.at is not None and dropped.at >= _iso(LISTED_AT)


def test_needs_attention_lists_every_problem_once_worst_first(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, ids = seeded
    listed = health.needs_attention(cache, now=NOW)
    assert {h.listing_id for h in listed} == {ids[p] for p, r in EXPECTED.items() if r}
    ranks = [list(Reason).index(h.problems[0].reason) for h in listed]
    assert ranks == sorted(ranks) and listed[0].problems[0].reason is Reason.GONE


def test_the_whole_check_walks_the_listings_in_product_order(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, _ids = seeded
    sql = health._CHECK.format(restrict="", by_product=health._BY_PRODUCT)
    named = health._named(cache, NOW)
    plan = " | ".join(str(row[3]) for row in cache.conn.execute(f"EXPLAIN QUERY PLAN {sql}", named))
    assert "USING INDEX record_listing_product" in plan  # products, plan terms in key order
    listed = health.needs_attention(cache, now=NOW)
    keys = [health.attention_order(h) for h in listed]
    assert keys == sorted(keys)


def test_a_listing_made_after_the_cut_or_the_drop_is_fine(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, _ids = seeded
    # A second after now: a UUIDv7 keeps milliseconds, the cache's "seen at" times microseconds,
    # so a listing made in the same millisecond as the cut could read as made before it.
    made = datetime.now(UTC) + timedelta(seconds=1)
    later = {p: _listing_id(made) for p in ("switched", "rate-cut", "dropped")}
    apply(cache, Scope.ACCOUNT, *[listing(i, p, 8, OTHER_CHANNEL) for p, i in later.items()])
    found = health.listing_health(cache, list(later.values()), now=NOW)
    assert all(h.ok for h in found.values()), found


def test_the_check_follows_a_plan_extended_and_stock_refilled(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, ids = seeded
    apply(cache, Scope.ACCOUNT, plan("pl-ending", "ending", end=NOW + 60 * DAY, version=2))
    apply(cache, Scope.CATALOG, product("no-stock", stock=5))
    found = health.listing_health(cache, [ids["ending"], ids["no-stock"]], now=NOW)
    assert all(h.ok for h in found.values())


def _suggestion_case(cache: Cache) -> None:
    apply(
        cache,
        Scope.CATALOG,
        product("c-best", price=20_000, sales=300),  # 4,000 分 a sale × 300
        product("c-named", price=12_000, sales=300),  # at my targeted 40 %: 4,800 × 300
        product("c-small", price=5_000, sales=50),
        product("c-no-stock", stock=0, sales=9_000),
        product("c-delisted", status="delisted", sales=9_000),
        product("c-no-plan", sales=9_000),
        product("c-other-cat", category=302, sales=9_000),
        product("c-on-channel", sales=9_000),
    )
    apply(
        cache,
        Scope.ACCOUNT,
        plan("pc-best", "c-best"),
        plan("pc-named-g", "c-named"),
        plan("pc-named-t", "c-named", plan_type="targeted", rate=400_000, me_at=400_000),
        plan("pc-small", "c-small"),
        plan("pc-no-stock", "c-no-stock"),
        plan("pc-delisted", "c-delisted"),
        plan("pc-other", "c-other-cat"),
        plan("pc-on", "c-on-channel"),
        listing(_listing_id(NOW), "c-on-channel", 999, CHANNEL),
    )


def test_replacements_are_promotable_off_the_channel_and_ranked(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, ids = seeded
    _suggestion_case(cache)
    found = health.replacements(cache, ids["no-stock"], now=NOW)
    got = [s.product_id for s in found]
    on_channel = {str(r["product_id"]) for r in cache.rows("listing") if r["channel_id"] == CHANNEL}
    assert not set(got) & on_channel
    assert got == ["c-named", "c-best", "c-small"], got
    assert {"c-no-stock", "c-delisted", "c-no-plan", "c-other-cat"}.isdisjoint(got)
    for s in found:
        row = cache.product(s.product_id)
        assert row is not None and row["status"] == "listed" and row["stock"] > 0
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert found[0].rate_ppm == 400_000 and found[0].per_sale_fen == 4_800
    # On another channel, the products on this one are fair game again.
    elsewhere = _listing_id(NOW)
    apply(cache, Scope.ACCOUNT, listing(elsewhere, "no-stock", 8, OTHER_CHANNEL))
    assert "c-on-channel" in {s.product_id for s in health.replacements(cache, elsewhere, now=NOW)}
    assert len(health.replacements(cache, ids["no-stock"], limit=2, now=NOW)) == 2


def test_a_vanished_product_has_no_replacements_and_no_crash(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, ids = seeded
    assert health.replacements(cache, ids["vanished"], now=NOW) == []
    assert health.replacements(cache, "no-such-listing", now=NOW) == []


def _outbox(cache: Cache) -> list[tuple[str, str, Any]]:
    return [
        (t, e, c)
        for t, e, c in cache.conn.execute(
            "SELECT type, entity_id, created_at FROM outbox ORDER BY local_id"
        )
    ]


def test_replace_queues_delete_and_create_together_at_the_same_place(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, ids = seeded
    _suggestion_case(cache)
    old = cache.get("listing", ids["no-stock"])
    assert old is not None
    new_id = health.replace(cache, ids["no-stock"], "c-best")
    queued = _outbox(cache)
    assert [(t, e) for t, e, _c in queued] == [
        ("listing.delete", ids["no-stock"]),
        ("listing.create", new_id),
    ]
    assert queued[0][2] == queued[1][2]  # one transaction: one moment
    assert cache.get("listing", ids["no-stock"]) is None
    new = cache.get("listing", new_id)
    assert new is not None and new["position"] == old["position"]
    assert (new["channel_id"], new["product_id"]) == (CHANNEL, "c-best")
    with pytest.raises(health.AlreadyThere):
        health.replace(cache, ids["ok"], "c-best")
    with pytest.raises(health.ListingGone):
        health.replace(cache, ids["no-stock"], "c-small")
    assert len(_outbox(cache)) == 2


def test_a_replace_that_fails_midway_queues_nothing(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, ids = seeded
    _suggestion_case(cache)

    def crash(point: str) -> None:
        if point == "enqueue:before-commit":
            raise RuntimeError("killed")

    cache.fault = crash
    with pytest.raises(RuntimeError):
        health.replace(cache, ids["no-stock"], "c-best")
    cache.fault = None
    assert _outbox(cache) == []
    assert cache.get("listing", ids["no-stock"]) is not None


def test_rechecking_the_changed_listings_alone_gives_the_whole_checks_answer(
    seeded: tuple[Cache, dict[str, str]],
) -> None:
    cache, ids = seeded
    _suggestion_case(cache)
    before = health.needs_attention(cache, now=NOW)
    new_id = health.replace(cache, ids["no-stock"], "c-no-plan")  # a replacement with a problem
    asked = {ids["no-stock"], new_id}
    again = health.merged(before, health.listing_health(cache, sorted(asked), now=NOW), asked)
    assert again == health.needs_attention(cache, now=NOW)
    assert new_id in {h.listing_id for h in again}
    assert ids["no-stock"] not in {h.listing_id for h in again}
