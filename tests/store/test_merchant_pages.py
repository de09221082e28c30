"""The merchant's plan rules checked offline, field by field (store/merchant_pages.py), on a real
cache: each broken rule is named with the server's code beside its field, a draft that breaks
one queues nothing, and a good one is one ``plan.create`` shown at once as pending."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workbench.core.enums import PlanType
from workbench.core.errors import DomainError, ErrorCode
from workbench.store import merchant_pages as mp
from workbench.store import plan_reviews
from workbench.store.cache import Cache

NOW = datetime.now(UTC)
LATER = NOW + timedelta(days=30)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite3", account_id="merchant-1") as opened:
        yield opened


def _draft(kind: PlanType, products: tuple[str, ...] = ("p1",), creators: tuple[str, ...] = (),
           rate: int = 200_000, begin: datetime = NOW, end: datetime = LATER) -> mp.Draft:  # fmt: skip
    return mp.Draft(kind, rate, begin, end, products, creators)


def _found(cache: Cache, draft: mp.Draft) -> set[tuple[str, ErrorCode, str | None]]:
    return {(p.field, p.code, p.product_id) for p in mp.check_draft(cache, draft)}


def test_each_rule_is_said_beside_its_field(cache: Cache) -> None:
    assert _found(cache, _draft(PlanType.GENERAL)) == set()
    assert _found(cache, _draft(PlanType.TARGETED, creators=("c1",))) == {
        ("products", ErrorCode.GENERAL_PLAN_REQUIRED, "p1")
    }
    mp.create_plans(cache, _draft(PlanType.GENERAL, products=("p1", "p2")))
    assert _found(cache, _draft(PlanType.GENERAL, products=("p1", "p3"))) == {
        ("products", ErrorCode.DUPLICATE_GENERAL_PLAN, "p1")
    }
    assert _found(cache, _draft(PlanType.TARGETED, creators=("c1",))) == set()
    assert _found(cache, _draft(PlanType.EXCLUSIVE, products=("p2",), creators=("c1",))) == {
        ("products", ErrorCode.EXCLUSIVE_CONFLICT, "p2")
    }
    many = tuple(f"x{n}" for n in range(21))
    assert _found(cache, _draft(PlanType.GENERAL, products=many)) == {
        ("products", ErrorCode.TOO_MANY_PRODUCTS, None)
    }
    assert _found(cache, _draft(PlanType.GENERAL, products=("p9",), creators=("c1",))) == {
        ("creators", ErrorCode.CREATORS_NOT_ALLOWED, None)
    }
    crowd = tuple(f"c{n}" for n in range(31))
    found = _found(cache, _draft(PlanType.TARGETED, creators=crowd))
    assert ("creators", ErrorCode.TOO_MANY_CREATORS, None) in found
    assert _found(cache, _draft(PlanType.EXCLUSIVE, products=("p9",))) == {
        ("creators", ErrorCode.CREATORS_REQUIRED, None)
    }
    for rate in (125_000, 950_000, -10_000):
        assert _found(cache, _draft(PlanType.GENERAL, products=("p9",), rate=rate)) == {
            ("rate", ErrorCode.RATE_OUT_OF_RANGE, None)
        }
    assert _found(cache, _draft(PlanType.GENERAL, products=("p9",), end=NOW)) == {
        ("window", ErrorCode.PLAN_WINDOW_INVALID, None)
    }
    # Several at once: each beside its own field.
    assert {p for p, _c, _i in _found(cache, _draft(PlanType.GENERAL, rate=1, end=NOW))} == {
        "products",
        "rate",
        "window",
    }


def test_a_broken_draft_queues_nothing_and_a_good_one_is_one_edit(cache: Cache) -> None:
    with pytest.raises(DomainError) as refused:
        mp.create_plans(cache, _draft(PlanType.TARGETED, creators=("c1",)))
    assert refused.value.code is ErrorCode.GENERAL_PLAN_REQUIRED
    assert cache.pending_count() == 0
    plan_ids = mp.create_plans(cache, _draft(PlanType.GENERAL, products=("p1", "p2")))
    assert cache.pending_count() == 1 and len(plan_ids) == 2
    shown = {row.id: row for row in mp.plan_window(cache, None, 0, 50)}
    assert set(shown) == set(plan_ids) and all(row.pending for row in shown.values())
    assert mp.plan_count(cache) == 2 and mp.plan_count(cache, PlanType.TARGETED) == 0
    assert mp.set_rate(cache, plan_ids[0], 100_000) is True  # a cut
    assert mp.set_rate(cache, plan_ids[0], 300_000) is False  # a raise
    with pytest.raises(DomainError) as general:
        mp.change_creators(cache, plan_ids[0], ["c1"], [])
    assert general.value.code is ErrorCode.CREATORS_NOT_ALLOWED
    mp.end_plan(cache, plan_ids[1])
    assert cache.pending_count() == 4
    assert mp.cut_date(NOW) == NOW + timedelta(days=7)


def test_a_queue_window_reads_its_creators_order_lines_by_index(cache: Cache) -> None:
    """The creator summaries of a review queue's window read the order lines of its creators
    only (``order_line_creator``), not every order line of the merchant."""
    statements: list[str] = []
    cache.conn.set_trace_callback(statements.append)
    try:
        plan_reviews.creator_summaries(cache, ["c1", "c2"], now=NOW)
    finally:
        cache.conn.set_trace_callback(None)
    lines = next(s for s in statements if "FROM order_line" in s)
    plan = [str(r[3]) for r in cache.conn.execute(f"EXPLAIN QUERY PLAN {lines}")]
    assert plan == ["SEARCH order_line USING INDEX order_line_creator (creator_id=?)"]
