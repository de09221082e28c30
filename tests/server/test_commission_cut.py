"""Commission-cut protection (issue 10 item 4): a cut waits out the notice, a raise does not.

The server's clock is a ``ManualClock`` in its settings, advanced by the test: the rate in force
stays the old one until the notice date and becomes the new one after it, logged to the feed
exactly once. SQLite and PostgreSQL (``backend``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.server.conftest import Session
from tests.server.helpers import new_channel, plan_payload, unplanned_product
from workbench.core.ids import uuid7
from workbench.server.config import FaultSettings, ManualClock, ServerSettings
from workbench.server.embedded import EmbeddedServer

NOTICE_DAYS = 7


@pytest.fixture(scope="module")
def clock() -> ManualClock:
    return ManualClock(datetime.now(UTC))


@pytest.fixture(scope="module")
def server(database_url: str, clock: ManualClock) -> Iterator[EmbeddedServer]:
    """The seeded server of ``conftest`` (its module copy of the demo), on the test's clock."""
    settings = ServerSettings(
        database_url=database_url,
        rate_limit_per_second=10_000,
        rate_limit_burst=10_000,
        faults=FaultSettings(enabled=True, seed=1),
        clock=clock,
        cut_notice_days=NOTICE_DAYS,
    )
    with EmbeddedServer(settings) as srv:
        yield srv


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _new_plan(merchant: Session, rate_ppm: int, **extra: Any) -> tuple[str, str]:
    product = unplanned_product(merchant)["id"]
    payload = plan_payload([product], rate_ppm=rate_ppm, days=120, **extra)
    result = merchant.mutate("plan.create", payload["plan_ids"][0], payload)
    assert result["status"] == "applied", result
    return payload["plan_ids"][0], product


def _plan_entries(changes: list[dict[str, Any]], plan_id: str) -> list[dict[str, Any]]:
    return [c for c in changes if c["entity"] == "plan" and c["id"] == plan_id]


def test_a_cut_waits_out_the_notice_and_then_applies_once(
    sessions: dict[str, Session], clock: ManualClock
) -> None:
    merchant, creator, other = sessions["merchant_a"], sessions["creator_a"], sessions["creator_b"]
    plan_id, product = _new_plan(merchant, 300_000)
    applied = creator.mutate(
        "application.create", uuid7(), {"plan_id": plan_id, "expected_rate_ppm": 300_000}
    )
    assert applied["status"] == "applied", applied
    creator.feed()
    mine, theirs = creator.last_cursor, (other.feed() and other.last_cursor)  # type: ignore[attr-defined]
    merchant.feed("catalog")
    catalog = merchant.last_cursor  # type: ignore[attr-defined]

    cut = merchant.mutate("plan.update", plan_id, {"rate_ppm": 200_000})
    assert cut["status"] == "applied", cut
    row = cut["row"]
    due = clock() + timedelta(days=NOTICE_DAYS)
    assert (row["rate_ppm"], row["pending_rate_ppm"]) == (300_000, 200_000)
    assert _when(row["pending_at"]) == due
    # The merchant reads it back; each creator's feed carries the notice at once.
    assert merchant.get(f"/v1/plans/{plan_id}").json()["pending_rate_ppm"] == 200_000
    for session, cursor in ((creator, mine), (other, theirs)):
        seen = _plan_entries(session.feed(cursor=cursor), plan_id)
        assert seen and seen[-1]["data"]["pending_rate_ppm"] == 200_000
        assert seen[-1]["data"]["rate_ppm"] == 300_000
        assert _when(seen[-1]["data"]["pending_at"]) == due
    mine = creator.last_cursor  # type: ignore[attr-defined]

    # Before the date the old rate is in force: a new application must expect it.
    clock.advance(days=NOTICE_DAYS - 1)
    assert creator.get(f"/v1/plans/{plan_id}").json()["rate_ppm"] == 300_000
    assert not _plan_entries(creator.feed(cursor=mine), plan_id)
    assert [c for c in merchant.feed("catalog", catalog) if c["id"] == product] == []

    # After it, the new rate is in force, logged exactly once; the product's rate follows.
    clock.advance(days=1, seconds=1)
    after = _plan_entries(creator.feed(cursor=mine), plan_id)
    assert len(after) == 1, after
    assert after[0]["data"]["rate_ppm"] == 200_000
    assert after[0]["data"]["pending_rate_ppm"] is None and after[0]["data"]["pending_at"] is None
    mine = creator.last_cursor  # type: ignore[attr-defined]
    assert merchant.get(f"/v1/plans/{plan_id}").json()["rate_ppm"] == 200_000
    assert not _plan_entries(creator.feed(cursor=mine), plan_id)  # not logged a second time
    catalog_rates = [
        c["data"]["commission_ppm"]
        for c in merchant.feed("catalog", catalog)
        if c["entity"] == "product" and c["id"] == product
    ]
    assert catalog_rates == [200_000]
    stale = creator.mutate(
        "application.create", uuid7(), {"plan_id": plan_id, "expected_rate_ppm": 300_000}
    )
    assert stale["code"] == "plan_changed"


def test_a_raise_is_immediate_and_drops_a_pending_cut(sessions: dict[str, Session]) -> None:
    merchant, creator = sessions["merchant_a"], sessions["creator_a"]
    plan_id, _product = _new_plan(merchant, 300_000)
    channel = new_channel(creator, name="降佣测试")
    listed = creator.mutate(
        "listing.create", uuid7(), {"channel_id": channel, "product_id": _product}
    )
    assert listed["status"] == "applied", listed
    cut = merchant.mutate("plan.update", plan_id, {"rate_ppm": 100_000})["row"]
    assert (cut["rate_ppm"], cut["pending_rate_ppm"]) == (300_000, 100_000)
    raised = merchant.mutate("plan.update", plan_id, {"rate_ppm": 400_000})["row"]
    assert (raised["rate_ppm"], raised["pending_rate_ppm"], raised["pending_at"]) == (
        400_000,
        None,
        None,
    )


def test_a_cut_nobody_is_affected_by_is_immediate(sessions: dict[str, Session]) -> None:
    merchant = sessions["merchant_a"]
    plan_id, _product = _new_plan(merchant, 300_000)
    cut = merchant.mutate("plan.update", plan_id, {"rate_ppm": 100_000})["row"]
    assert (cut["rate_ppm"], cut["pending_rate_ppm"]) == (100_000, None)


def test_a_targeted_cut_reaches_the_named_creator_only(sessions: dict[str, Session]) -> None:
    merchant, creator, other = sessions["merchant_a"], sessions["creator_a"], sessions["creator_b"]
    general = plan_payload([unplanned_product(merchant)["id"]], rate_ppm=100_000, days=120)
    merchant.mutate("plan.create", general["plan_ids"][0], general)
    targeted = plan_payload(
        general["product_ids"], "targeted", rate_ppm=300_000, creator_ids=[creator.id], days=60
    )
    plan_id = targeted["plan_ids"][0]
    assert merchant.mutate("plan.create", plan_id, targeted)["status"] == "applied"
    creator.mutate(
        "application.create", uuid7(), {"plan_id": plan_id, "expected_rate_ppm": 300_000}
    )
    creator.feed()
    mine = creator.last_cursor  # type: ignore[attr-defined]
    other.feed()
    theirs = other.last_cursor  # type: ignore[attr-defined]
    merchant.mutate("plan.update", plan_id, {"rate_ppm": 200_000})
    seen = _plan_entries(creator.feed(cursor=mine), plan_id)
    assert seen[-1]["data"]["pending_rate_ppm"] == 200_000
    assert seen[-1]["data"]["creators"][0]["rate_ppm"] == 300_000
    assert _plan_entries(other.feed(cursor=theirs), plan_id) == []
