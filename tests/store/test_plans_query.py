"""The creator's Plans page reads typed plan terms (``plan_term``), not every plan's JSON: the
same rows, in the same order, as the query over the JSON it replaced (kept here as the
reference), for every sort and filter, offsets and counts; the window reads plan JSON only for
the rows it returns, and the default order (rate) walks indexes instead of sorting every plan.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from workbench.contract.sync import Change, Scope
from workbench.core.enums import PlanType
from workbench.core.ids import uuid7
from workbench.store import plans as store
from workbench.store import steps
from workbench.store.cache import Cache

ME = "creator-me"
NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)

# The page's query before plan_term (store/plans.py at 946bc87): one row per plan from its JSON.
_JSON_QUERY = """
WITH p AS (
  SELECT r.id, r.version, r.pending, r.data,
    json_extract(r.data, '$.product_id') AS product_id,
    json_extract(r.data, '$.merchant_id') AS merchant_id,
    json_extract(r.data, '$.plan_type') AS plan_type,
    json_extract(r.data, '$.status') AS status,
    json_extract(r.data, '$.begin_at') AS begin_at,
    json_extract(r.data, '$.end_at') AS end_at,
    json_extract(r.data, '$.pending_rate_ppm') AS cut_ppm,
    json_extract(r.data, '$.pending_at') AS cut_at,
    CASE WHEN json_extract(r.data, '$.plan_type') = 'general'
      THEN json_extract(r.data, '$.rate_ppm')
      ELSE coalesce((SELECT json_extract(c.value, '$.rate_ppm')
                     FROM json_each(r.data, '$.creators') AS c
                     WHERE json_extract(c.value, '$.creator_id') = :me),
                    json_extract(r.data, '$.rate_ppm')) END AS named_ppm
  FROM record AS r WHERE r.entity = 'plan'
), q AS (
  SELECT p.*,
    CASE WHEN cut_at IS NOT NULL AND julianday(cut_at) <= julianday(:now)
      THEN cut_ppm ELSE named_ppm END AS rate_now,
    CASE WHEN status = :delisted OR julianday(end_at) <= julianday(:now) THEN 'ended'
      WHEN status = :pending_effect OR julianday(begin_at) > julianday(:now) THEN 'upcoming'
      ELSE 'running' END AS state,
    (plan_type <> 'general' AND p.id NOT IN (
       SELECT json_extract(a.data, '$.plan_id') FROM record AS a
       WHERE a.entity = 'application' AND json_extract(a.data, '$.plan_id') IS NOT NULL
    )) AS invitation,
    (p.product_id IN (
       SELECT json_extract(l.data, '$.product_id') FROM record AS l WHERE l.entity = 'listing'
    )) AS on_mine
  FROM p
)
SELECT q.id, q.product_id, coalesce(pr.title, ''), coalesce(pr.shop_name, ''), q.merchant_id,
  q.plan_type, q.rate_now, (coalesce(pr.price_fen, 0) * q.rate_now + 500000) / 1000000,
  coalesce(pr.price_fen, 0), q.begin_at, q.end_at, q.state, q.cut_ppm, q.cut_at,
  q.invitation, q.on_mine, q.version, q.pending
FROM q LEFT JOIN product AS pr ON pr.id = q.product_id
"""

_ORDER = {
    store.PlanSort.RATE: "q.rate_now DESC",
    store.PlanSort.PER_SALE: "(coalesce(pr.price_fen, 0) * q.rate_now) DESC",
    store.PlanSort.ENDING: "julianday(q.end_at) ASC",
    store.PlanSort.NEWEST: "julianday(q.begin_at) DESC",
}


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """600 plans of every type, state and term (cuts in force and to come, my entry cancelled
    or missing a rate), applications to some, listings of some products, synced as a sync
    writes them."""
    rng = random.Random(10)
    path: Path = tmp_path_factory.mktemp("plans") / "cache.sqlite3"
    cache = Cache.open(path, account_id=ME)
    with cache.write():
        cache.conn.executemany(
            "INSERT INTO product (id, shop_id, shop_name, title, category1_id, category2_id, "
            "category3_id, price_fen, monthly_sales, stock, commission_ppm, service_fee_ppm, "
            "guarantee_flags, status, listed_at, version) VALUES (?, 's', '店', ?, 1, 1, 1, ?, "
            "1, 1, 100000, 0, 0, 'listed', '2026-01-01T00:00:00Z', 1)",
            [(f"p{i}", f"商品{i}", rng.randrange(100, 100_000)) for i in range(0, 300, 1)],
        )
    changes = []
    for i in range(600):
        kind = rng.choice(["general", "general", "targeted", "exclusive"])
        begin = NOW - timedelta(days=rng.randrange(-20, 200))
        entry: dict[str, Any] = {"creator_id": ME, "status": rng.choice([1, 2, 2, 3, 5])}
        if rng.random() < 0.9:
            entry["rate_ppm"] = rng.randrange(1, 60) * 10_000
        creators = [{"creator_id": "someone", "rate_ppm": 1, "status": 2}]
        if kind != "general":
            creators.append(entry)
        plan: dict[str, Any] = {
            "id": f"pl{i:03d}", "merchant_id": f"m{i % 7}",
            "product_id": f"p{rng.randrange(0, 320)}",  # a few products not cached
            "plan_type": kind, "rate_ppm": rng.randrange(1, 9) * 10_000 * rng.choice([1, 1, 10]),
            "begin_at": _iso(begin), "end_at": _iso(begin + timedelta(days=rng.randrange(1, 120))),
            "status": rng.choice([1, 1, 1, 2, 10]), "creators": creators,
            "created_at": _iso(begin), "version": 1,
        }  # fmt: skip
        if rng.random() < 0.2:
            plan["pending_rate_ppm"] = rng.randrange(1, 9) * 10_000
            plan["pending_at"] = _iso(NOW + timedelta(days=rng.randrange(-5, 6)))
        changes.append(Change(entity="plan", id=plan["id"], version=1, op="upsert", data=plan))
        if rng.random() < 0.3:
            app = {"id": uuid7(), "plan_id": plan["id"], "status": "pending", "created_at": "x"}
            changes.append(Change(entity="application", id=app["id"], version=1, op="upsert",
                                  data=app))  # fmt: skip
    for i in range(0, 320, 4):
        listing = {"id": f"l{i}", "product_id": f"p{i}", "channel_id": "c", "position": i}
        changes.append(Change(entity="listing", id=f"l{i}", version=1, op="upsert", data=listing))
    steps.apply_changes(cache, Scope.ACCOUNT, changes, "seed")
    yield cache
    cache.close()


def _reference(cache: Cache, f: store.PlanFilter, limit: int, offset: int) -> list[Any]:
    args = {**store._args(cache, NOW), "me": ME}
    where = store._where(f, args, NOW).replace("q.end_j", "julianday(q.end_at)")
    sql = (
        f"{_JSON_QUERY} WHERE {where} ORDER BY q.invitation DESC, {_ORDER[f.sort]}, q.id "
        "LIMIT :limit OFFSET :offset"
    )
    return [store._row(r) for r in cache.conn.execute(sql, {**args, "limit": limit,
                                                             "offset": offset})]  # fmt: skip


FILTERS = [
    store.PlanFilter(sort=sort, **kw)  # type: ignore[arg-type]
    for sort in store.PlanSort
    for kw in (
        {},
        {"include_ended": True},
        {"plan_type": PlanType.TARGETED},
        {"min_rate_ppm": 200_000, "max_rate_ppm": 500_000},
        {"ending_within_days": store.ENDING_SOON_DAYS},
        {"on_my_channels": True},
        {"on_my_channels": False, "plan_type": PlanType.GENERAL},
    )
]


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: repr(f).removeprefix("PlanFilter"))
def test_the_typed_query_answers_as_the_json_query(cache: Cache, f: store.PlanFilter) -> None:
    everything = _reference(cache, f, 1000, 0)
    assert everything, "the filter keeps no plan: the comparison would prove nothing"
    assert store.my_plans(cache, f, limit=1000, now=NOW) == everything
    assert store.my_plans(cache, f, limit=40, offset=30, now=NOW) == everything[30:70]
    assert store.count_plans(cache, f, now=NOW) == len(everything)


def test_invitations_are_counted_as_before(cache: Cache) -> None:
    shown = _reference(cache, store.PlanFilter(), 1000, 0)
    invitations = [r for r in shown if r.invitation]
    assert invitations and shown[: len(invitations)] == invitations
    assert store.invitation_count(cache, now=NOW) == len(invitations)


def _plans(cache: Cache, f: store.PlanFilter) -> list[list[str]]:
    """The query plan of each statement ``my_plans`` runs."""
    statements: list[str] = []
    cache.conn.set_trace_callback(statements.append)
    try:
        store.my_plans(cache, f, limit=200, now=NOW)
    finally:
        cache.conn.set_trace_callback(None)
    return [
        [str(r[3]) for r in cache.conn.execute(f"EXPLAIN QUERY PLAN {sql}")] for sql in statements
    ]


def test_the_window_walks_plan_term_and_reads_only_its_rows_json(cache: Cache) -> None:
    (plan,) = _plans(cache, store.PlanFilter(sort=store.PlanSort.ENDING))
    assert "SCAN t" in plan  # plan_term, the typed terms
    assert plan.index("SCAN w") < plan.index("SEARCH r USING PRIMARY KEY (entity=? AND id=?)")
    assert not any(step.startswith("SCAN r") for step in plan)  # never every plan's JSON


def test_the_default_order_walks_indexes_not_a_sort_of_every_plan(cache: Cache) -> None:
    invitations, by_rate, cuts, window = _plans(cache, store.PlanFilter())
    assert invitations[0] == "SEARCH t USING INDEX plan_term_kind (plan_type=?)"
    assert by_rate[0] == "SCAN t USING INDEX plan_term_rate"
    assert not any("TEMP B-TREE" in step for step in by_rate)  # stops after the window's rows
    assert cuts[0] == "SEARCH t USING INDEX plan_term_cut (cut_j<?)"
    assert window[0] == "SEARCH t USING INDEX plan_term_id (id=?)"
    assert "SEARCH r USING PRIMARY KEY (entity=? AND id=?)" in window
    assert not any(step.startswith(("SCAN r", "SCAN t")) for step in window)
