"""The demo merchants' promotion plans (推广计划), and the rate a creator earns under them.

Plans follow ``core.plan_rules`` (each one is checked as it is made, at its begin time): general
plans on most products at the product's own commission rate, a few commission cuts (an ended plan
replaced by a lower one), targeted plans over a live general plan for named creators at higher
rates, exclusive plans standing alone, one plan pending effect, and two announced commission cuts
(``pending_rate_ppm`` / ``pending_at``) of merchant_demo.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from workbench.core.enums import CooperationStatus, PlanStatus, PlanType, ProductStatus
from workbench.core.plan_rules import MAX_RATE_PPM, ExistingPlan, check_coexistence, check_new_plan
from workbench.server.seed.catalog import ProductInfo
from workbench.server.seed.ids import random_between, uuid7_at

DAY = timedelta(days=1)
CUT_NOTICE_LEFT = 10 * DAY  # a seeded cut takes effect this long after the seed's "now"


@dataclass
class PlanInfo:
    row: dict[str, Any]
    creators: list[dict[str, Any]]  # plan_creator rows, ordered by creator id like the ORM
    product: ProductInfo

    @property
    def plan_type(self) -> str:
        return str(self.row["plan_type"])

    def covers(self, at: datetime) -> bool:
        return bool(
            self.row["status"] != PlanStatus.PENDING_EFFECT
            and self.row["begin_at"] <= at < self.row["end_at"]
        )

    def rate_for(self, creator_id: str) -> int | None:
        """The rate ``creator_id`` earns under this plan, or None if it is not theirs."""
        if self.plan_type == PlanType.GENERAL.value:
            return int(self.row["rate_ppm"])
        for named in self.creators:
            if named["creator_id"] == creator_id:
                return int(named["rate_ppm"])
        return None

    def running(self, now: datetime) -> bool:
        return self.row["status"] == PlanStatus.LISTED and self.covers(now)


def rate_at(plans: Iterable[PlanInfo], creator_id: str, at: datetime) -> int | None:
    """The creator's rate on a product at a time: a plan naming them beats the general plan."""
    general = None
    for plan in plans:
        if not plan.covers(at):
            continue
        rate = plan.rate_for(creator_id)
        if rate is None:
            continue
        if plan.plan_type != PlanType.GENERAL.value:
            return rate
        general = rate
    return general


class _PlanMaker:
    """Makes one merchant's plans, checking each against the plan rules as the platform would."""

    def __init__(self, rng: random.Random, merchant_id: str, now: datetime) -> None:
        self.rng, self.merchant_id, self.now = rng, merchant_id, now
        self.made: list[PlanInfo] = []
        self._by_product: dict[str, list[PlanInfo]] = {}

    def make(
        self,
        product: ProductInfo,
        plan_type: PlanType,
        rate: int,
        begin: datetime,
        end: datetime,
        status: PlanStatus,
        creators: dict[str, int] | None = None,
        created: datetime | None = None,
    ) -> PlanInfo:
        named = creators or {}
        check_new_plan(plan_type, rate, begin, end, [product.id], list(named))
        earlier = self._by_product.setdefault(product.id, [])
        check_coexistence(
            plan_type,
            [
                ExistingPlan(
                    PlanType(p.plan_type),
                    PlanStatus(p.row["status"]),
                    p.row["begin_at"],
                    p.row["end_at"],
                )
                for p in earlier
            ],
            begin,
        )
        created = created or begin
        plan_id = uuid7_at(created, self.rng)
        plan = PlanInfo(
            {
                "id": plan_id,
                "merchant_id": self.merchant_id,
                "product_id": product.id,
                "plan_type": plan_type.value,
                "rate_ppm": rate,
                "begin_at": begin,
                "end_at": end,
                "status": status.value,
                "created_at": created,
                "version": 1,
                "pending_rate_ppm": None,
                "pending_at": None,
            },
            [
                {
                    "plan_id": plan_id,
                    "creator_id": c,
                    "rate_ppm": r,
                    "status": CooperationStatus.ACCEPTED.value,
                }
                for c, r in sorted(named.items())
            ],
            product,
        )
        earlier.append(plan)
        self.made.append(plan)
        return plan

    def since_listing(self, product: ProductInfo) -> datetime:
        return min(
            product.listed_at + timedelta(hours=self.rng.randrange(1, 72)),
            self.now - timedelta(minutes=30),
        )

    def until_later(self) -> datetime:
        return self.now + timedelta(days=self.rng.randrange(120, 720))


def _raise(rate: int, rng: random.Random) -> int:
    return min(MAX_RATE_PPM, rate + rng.choice((50_000, 100_000, 150_000)))


def build_plans(
    rng: random.Random,
    now: datetime,
    products_by_merchant: list[tuple[str, list[ProductInfo]]],
    creator_demo_id: str,
    creator_legacy_id: str,
    extra_creator_ids: list[str],
) -> list[PlanInfo]:
    """Plans of the demo merchants, in the order they were created."""
    plans: list[PlanInfo] = []
    for n, (merchant_id, products) in enumerate(products_by_merchant):
        maker = _PlanMaker(rng, merchant_id, now)
        listed = [p for p in products if p.status == ProductStatus.LISTED.value]
        rng.shuffle(listed)
        exclusive_count = 1  # each demo merchant has one, naming the legacy creator
        for product in listed[:exclusive_count]:
            maker.make(
                product,
                PlanType.EXCLUSIVE,
                product.commission_ppm,
                maker.since_listing(product),
                maker.until_later(),
                PlanStatus.LISTED,
                {creator_legacy_id: product.commission_ppm},
            )
        rest = listed[exclusive_count:]
        if n == 0:  # merchant_demo has one plan waiting for its begin time
            pending = rest.pop(0)
            maker.make(
                pending,
                PlanType.GENERAL,
                pending.commission_ppm,
                now + 3 * DAY,
                now + 183 * DAY,
                PlanStatus.PENDING_EFFECT,
                created=now - DAY,
            )
        general: list[PlanInfo] = []
        for product in rest:
            u = rng.random()
            old = product.listed_at < now - 120 * DAY
            if u < 0.06:
                continue  # not promoted at all
            begin = maker.since_listing(product)
            if u < 0.10 and old:  # a plan that ended: the product is no longer promoted
                end = random_between(rng, begin + 30 * DAY, now - DAY)
                maker.make(
                    product,
                    PlanType.GENERAL,
                    product.commission_ppm,
                    begin,
                    end,
                    PlanStatus.DELISTED,
                )
                continue
            if u < 0.18 and old:  # a commission cut: the old plan ended, a lower one replaced it
                switch = random_between(rng, begin + 30 * DAY, now - 10 * DAY)
                maker.make(
                    product,
                    PlanType.GENERAL,
                    _raise(product.commission_ppm, rng),
                    begin,
                    switch,
                    PlanStatus.DELISTED,
                )
                begin = switch
            general.append(
                maker.make(
                    product,
                    PlanType.GENERAL,
                    product.commission_ppm,
                    begin,
                    maker.until_later(),
                    PlanStatus.LISTED,
                )
            )
        for product in (p for p in products if p.status != ProductStatus.LISTED.value):
            if rng.random() < 0.5:
                maker.make(
                    product,
                    PlanType.GENERAL,
                    product.commission_ppm,
                    maker.since_listing(product),
                    maker.until_later(),
                    PlanStatus.LISTED,
                )
        seasoned = sorted(
            (g for g in general if g.row["begin_at"] < now - 240 * DAY), key=lambda g: g.product.id
        )
        for index, base in enumerate(seasoned[: 6 if n == 0 else 3]):
            rate = _raise(base.row["rate_ppm"], rng)
            named = {creator_demo_id: rate}
            for creator_id in rng.sample(extra_creator_ids, min(3, len(extra_creator_ids))):
                named[creator_id] = min(MAX_RATE_PPM, rate + rng.choice((0, 0, 50_000)))
            if index == 0 and n == 0:  # one targeted plan that already ran its course
                begin = base.row["begin_at"] + 20 * DAY
                maker.make(
                    base.product,
                    PlanType.TARGETED,
                    rate,
                    begin,
                    now - 100 * DAY,
                    PlanStatus.DELISTED,
                    named,
                )
                continue
            begin = random_between(rng, max(base.row["begin_at"], now - 200 * DAY), now - 5 * DAY)
            end = min(base.row["end_at"], now + rng.randrange(30, 180) * DAY)
            maker.make(base.product, PlanType.TARGETED, rate, begin, end, PlanStatus.LISTED, named)
        if n == 0:  # merchant_demo has announced two commission cuts (they take effect later)
            cut = sorted(
                (g for g in general if g.row["rate_ppm"] >= 20_000), key=lambda g: g.product.id
            )
            for plan in cut[:2]:
                plan.row["pending_rate_ppm"] = plan.row["rate_ppm"] - 10_000
                plan.row["pending_at"] = now + CUT_NOTICE_LEFT
        plans.extend(maker.made)
    plans.sort(key=lambda p: (p.row["created_at"], p.row["id"]))
    return plans


def build_history_plans(
    rng: random.Random,
    now: datetime,
    products: list[ProductInfo],
    merchant_id: str,
    count: int,
) -> list[PlanInfo]:
    """``count`` more plans of ``merchant_id`` for benchmarks (``seed --plans``): general plans
    that ran for a few weeks and ended, spread over its listed products, each checked by the
    plan rules as it is made. They take no part in the orders (their windows are history only).
    """
    maker = _PlanMaker(rng, merchant_id, now)
    seasoned = [
        p
        for p in products
        if p.status == ProductStatus.LISTED.value and p.listed_at < now - 10 * DAY
    ]
    for k in range(count):
        product = seasoned[k % len(seasoned)]
        first = product.listed_at + timedelta(hours=1)
        begin = random_between(rng, first, now - 3 * DAY)
        end = min(begin + rng.randrange(7, 35) * DAY, now - timedelta(hours=1))
        rate = rng.randrange(1, MAX_RATE_PPM // 10_000) * 10_000
        maker.make(product, PlanType.GENERAL, rate, begin, end, PlanStatus.DELISTED)
    return maker.made
