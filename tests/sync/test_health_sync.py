"""Listing health over the real server: a merchant takes me off a targeted plan of a product I
list, and my next sync marks the listing (the plan's tombstone reaches me; ``plan_drops``
keeps what the check needs); a product that leaves the catalogue in a sync marks its listing
as gone and the check does not fail on it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from tests.sync.helpers import Device
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.changes import log_entries, pending_entries
from workbench.server.db import Database
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS
from workbench.server.types import utcnow
from workbench.store import health
from workbench.store.health import Reason


def _live_targeted(dev: Device, merchant_id: str) -> dict[str, object]:
    now = datetime.now(UTC).isoformat()
    for plan in dev.cache.rows("plan"):
        if (
            plan["plan_type"] == "targeted"
            and plan["merchant_id"] == merchant_id
            and plan["status"] == 1
            and plan["creators"]
            and plan["begin_at"] <= now < plan["end_at"]
        ):
            return plan
    raise AssertionError("the demo creator has no live targeted plan")


def test_a_targeted_plan_that_drops_me_marks_my_listing(
    device: Callable[..., Device],
) -> None:
    me = device("me")
    merchant = device("merchant", login=DEMO_LOGINS["merchant"])
    me.sync()
    merchant.sync()
    plan = _live_targeted(me, merchant.account_id)
    product = str(plan["product_id"])
    listing = next((r["id"] for r in me.cache.rows("listing") if r["product_id"] == product), None)
    if listing is None:
        listing = uuid7()
        channel = me.cache.rows("channel")[0]["id"]
        me.edit("listing.create", listing, {"channel_id": channel, "product_id": product})
        me.sync()
    assert not health.listing_health(me.cache, [listing])[listing].has(Reason.PLAN_DROPPED)

    merchant.edit("plan.update", str(plan["id"]), {"remove_creator_ids": [me.account_id]})
    assert merchant.sync().applied == 1
    me.sync()
    assert me.cache.get("plan", str(plan["id"])) is None  # the tombstone reached me
    found = health.listing_health(me.cache, [listing])[listing]
    assert [p.reason for p in found.problems] == [Reason.PLAN_DROPPED], found
    assert any(h.listing_id == listing for h in health.needs_attention(me.cache))


def test_a_product_gone_from_the_catalogue_marks_the_listing(
    device: Callable[..., Device], server: EmbeddedServer
) -> None:
    me = device("me")
    me.sync()
    listing = me.cache.rows("listing")[0]
    product = str(listing["product_id"])
    db = Database(server.settings.database_url)
    try:
        # The platform takes the product out of the catalogue: its tombstone in the feed (no
        # mutation or seed step removes products, and listings keep the row on the server).
        with db.write() as session:
            row = session.scalars(select(m.Product).where(m.Product.id == product)).one()
            pending_entries(session).extend(log_entries(row, None, utcnow()))
    finally:
        db.dispose()
    me.sync()
    assert me.cache.product(product) is None
    found = health.listing_health(me.cache, [listing["id"]])[listing["id"]]
    assert [p.reason for p in found.problems] == [Reason.GONE]
    assert health.replacements(me.cache, listing["id"]) == []
