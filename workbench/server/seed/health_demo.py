"""A few listings of the demo creator that the listing health check has something to say about.

The seeded listings already hold products gone off sale and products without a plan; these add
the other everyday troubles, so the channels page's "Needs attention" shows them on first run:
a product whose only plan ends within the week (:func:`ending_soon_plan` makes that plan), one
listed before its plan was replaced by a lower one (a commission cut), one out of stock. Each
is listed on the creator's first channel after its other listings, at a time that makes the
story true (before the cut). Its own random stream (``rng("health")``), so the rest of the
demo comes out as before.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from workbench.core.enums import PlanStatus, PlanType, ProductStatus
from workbench.core.plan_rules import check_new_plan
from workbench.server.seed.catalog import ProductInfo, ShopSpec
from workbench.server.seed.ids import uuid7_at
from workbench.server.seed.plans import PlanInfo

DAY = timedelta(days=1)
ENDS_IN = 4 * DAY


def ending_soon_plan(
    rng: random.Random,
    now: datetime,
    plans: list[PlanInfo],
    own: list[ProductInfo],
    shops: list[ShopSpec],
) -> PlanInfo | None:
    """A general plan ending in a few days on a listed product of a demo shop without plans."""
    planned = {p.product.id for p in plans}
    free = sorted(
        (p for p in own if p.status == ProductStatus.LISTED.value and p.id not in planned),
        key=lambda p: p.id,
    )
    if not free:
        return None
    product = rng.choice(free)
    begin = max(product.listed_at + DAY, now - 90 * DAY)
    end = now + ENDS_IN
    check_new_plan(PlanType.GENERAL, product.commission_ppm, begin, end, [product.id], [])
    plan_id = uuid7_at(begin, rng)
    row = {
        "id": plan_id,
        "merchant_id": shops[product.shop_index].merchant_id,
        "product_id": product.id,
        "plan_type": PlanType.GENERAL.value,
        "rate_ppm": product.commission_ppm,
        "begin_at": begin,
        "end_at": end,
        "status": PlanStatus.LISTED.value,
        "created_at": begin,
        "version": 1,
        "pending_rate_ppm": None,
        "pending_at": None,
    }
    return PlanInfo(row, [], product)


def trouble_listings(
    rng: random.Random,
    now: datetime,
    creator_id: str,
    channel: dict[str, Any],
    plans: list[PlanInfo],
    out_of_stock: Iterable[str],
    taken: set[tuple[str, str]],
    after_position: int,
) -> list[dict[str, Any]]:
    """Listing rows on ``channel`` for an ending plan, a cut and a product out of stock (those
    not on the channel yet: ``taken`` holds (channel id, product id) pairs already listed)."""
    chosen: list[tuple[str, datetime]] = []
    soon = [p for p in plans if p.running(now) and p.row["end_at"] <= now + 7 * DAY]
    if soon:
        chosen.append((soon[0].product.id, now - 20 * DAY))
    general = [p for p in plans if p.plan_type == PlanType.GENERAL.value]
    running = {p.product.id: p for p in general if p.running(now)}
    for old in general:
        new = running.get(old.product.id)
        if (
            old.row["status"] == PlanStatus.DELISTED.value
            and new is not None
            and new.row["rate_ppm"] < old.row["rate_ppm"]
            and old.row["end_at"] <= new.row["begin_at"]
            and old.product.status == ProductStatus.LISTED.value
        ):
            listed = old.row["begin_at"] + (old.row["end_at"] - old.row["begin_at"]) / 2
            chosen.append((old.product.id, listed.replace(microsecond=0)))
            break
    promoted = set(running)
    empty = next((pid for pid in out_of_stock if pid in promoted), None)
    if empty is not None:
        chosen.append((empty, now - 30 * DAY))
    rows = []
    for n, (product_id, created) in enumerate(chosen, start=1):
        if (channel["id"], product_id) in taken:
            continue
        taken.add((channel["id"], product_id))
        rows.append(
            {
                "id": uuid7_at(created, rng),
                "creator_id": creator_id,
                "channel_id": channel["id"],
                "product_id": product_id,
                "position": after_position + n,
                "pinned": False,
                "hidden": False,
                "custom_title": None,
                "selling_points": None,
                "start_at": None,
                "end_at": None,
                "field_versions": {},
                "deleted": False,
                "version": 1,
            }
        )
    return rows
