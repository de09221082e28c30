"""Creators' applications to plans and their sample requests (样品申请), in every state.

Both workflows are ours (the platform has no API for them); ``core.workflow`` holds their state
machines. The times make sense for each state: decided after applied, content due 14 days after
shipping (21 with the one extension), overdue ones past due, pending ones recent.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from workbench.core.enums import ApplicationStatus, PlanType, SampleStatus
from workbench.core.workflow import content_due
from workbench.server.seed.catalog import ProductInfo
from workbench.server.seed.ids import random_between, uuid7_at
from workbench.server.seed.plans import DAY, PlanInfo

_APPLY_MESSAGES = (
    "您好，我是{name}，主做母婴和零食类目，直播间场均观看2万+，希望合作推广。",
    "粉丝以25-40岁女性为主，复购率高，想申请合作，可以配合短视频种草。",
    "之前带过同类产品，月销3000+，希望能拿到这个计划的佣金。",
    "我们有500人的宝妈社群和公众号矩阵，想长期合作。",
)
_REJECT_REASONS = (
    "粉丝画像与品牌定位不匹配，暂不合作",
    "近30天带货数据未达到合作门槛",
    "本计划合作名额已满，欢迎关注下一期",
    "店铺近期调整推广策略，暂停新增合作",
)
_SAMPLE_NOTES = (
    "想做一期开箱视频，粉丝3万+，预计一周内发布",
    "直播间试用讲解，需要一份样品",
    "公众号测评文章，出稿后发链接给您",
    "宝妈群里做试用分享",
)
_CARRIERS = ("SF", "YT", "ZTO", "JDX")


def build_applications(
    rng: random.Random, now: datetime, plans: list[PlanInfo], creators: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Applications of each (creator id, name) in every state, to running plans they can see."""
    s = ApplicationStatus
    # (state, on a plan naming the creator) for creator_demo, then for the legacy creator
    recipes = {
        0: [(s.APPROVED, True)] * 2
        + [(s.APPROVED, False)] * 2
        + [(s.PENDING, True)]
        + [(s.PENDING, False)] * 3
        + [(s.REJECTED, False)] * 3
        + [(s.WITHDRAWN, False)] * 2,
        1: [(s.APPROVED, True), (s.APPROVED, False)]
        + [(s.PENDING, False)] * 2
        + [(s.REJECTED, False)] * 2
        + [(s.WITHDRAWN, False)],
    }
    rows: list[dict[str, Any]] = []
    merchants = sorted({p.row["merchant_id"] for p in plans})
    for n, (creator_id, name) in enumerate(creators):
        usable = [
            p
            for p in plans
            if p.running(now)
            and p.rate_for(creator_id) is not None
            and p.row["begin_at"] < now - 30 * DAY
        ]
        named = [p for p in usable if p.plan_type != PlanType.GENERAL.value]
        open_ = [p for p in usable if p.plan_type == PlanType.GENERAL.value]
        rng.shuffle(named)
        rng.shuffle(open_)
        for k, (status, wants_named) in enumerate(recipes[min(n, 1)]):
            pool = named if wants_named and named else open_
            merchant = merchants[k % len(merchants)]
            plan = next((p for p in pool if p.row["merchant_id"] == merchant), None) or pool[0]
            pool.remove(plan)
            if status is s.PENDING:
                created = random_between(rng, now - 4 * DAY, now - timedelta(hours=1))
            else:
                created = random_between(
                    rng, max(plan.row["begin_at"], now - 150 * DAY), now - 8 * DAY
                )
            decided = withdrawn = None
            if status in (s.APPROVED, s.REJECTED):
                decided = created + timedelta(minutes=rng.randrange(60, 4_320))
            elif status is s.WITHDRAWN:  # no draw: the seed's random sequence stays as it was
                withdrawn = created + timedelta(hours=20)
            rows.append(
                {
                    "id": uuid7_at(created, rng),
                    "plan_id": plan.row["id"],
                    "product_id": plan.row["product_id"],
                    "creator_id": creator_id,
                    "merchant_id": plan.row["merchant_id"],
                    "status": status.value,
                    "message": rng.choice(_APPLY_MESSAGES).format(name=name),
                    "reason": rng.choice(_REJECT_REASONS) if status is s.REJECTED else None,
                    "plan_rate_ppm": plan.rate_for(creator_id),
                    "created_at": created,
                    "decided_at": decided,
                    "withdrawn_at": withdrawn,
                    "version": 1,
                }
            )
    rows.sort(key=lambda r: (r["created_at"], r["id"]))
    return rows


def build_samples(
    rng: random.Random,
    now: datetime,
    products: list[tuple[str, ProductInfo]],
    creators: list[str],
) -> list[dict[str, Any]]:
    """Sample requests in every state; ``products`` are (merchant id, listed product)."""
    s = SampleStatus
    recipes = {
        0: [s.REQUESTED] * 3
        + [s.APPROVED] * 2
        + [s.REJECTED] * 2
        + [s.CANCELLED] * 2
        + [s.SHIPPED] * 3
        + [s.FULFILLED] * 4
        + [s.OVERDUE] * 2,
        1: [s.REQUESTED, s.REJECTED, s.SHIPPED, s.FULFILLED, s.FULFILLED, s.OVERDUE],
    }
    rows: list[dict[str, Any]] = []
    for n, creator_id in enumerate(creators):
        picked = rng.sample(products, min(len(recipes[min(n, 1)]), len(products)))
        for k, (status, (merchant_id, product)) in enumerate(
            zip(recipes[min(n, 1)], picked, strict=False)
        ):
            extended = status is s.SHIPPED and k % 3 == 2
            shipped = None
            if status is s.SHIPPED:
                shipped = now - timedelta(
                    days=18 if extended else rng.randrange(1, 12), hours=rng.randrange(24)
                )
            elif status is s.OVERDUE:
                shipped = now - timedelta(days=rng.randrange(20, 60), hours=rng.randrange(24))
            elif status is s.FULFILLED:
                shipped = now - timedelta(days=rng.randrange(20, 200), hours=rng.randrange(24))
            if shipped is not None:
                created = shipped - timedelta(days=rng.randrange(2, 6), hours=rng.randrange(24))
            elif status is s.REQUESTED:
                created = now - timedelta(hours=rng.randrange(2, 72))
            else:
                created = now - timedelta(days=rng.randrange(3, 30), hours=rng.randrange(24))
            costed = status in (s.APPROVED, s.SHIPPED, s.FULFILLED, s.OVERDUE)
            carrier = rng.choice(_CARRIERS)
            rows.append(
                {
                    "id": uuid7_at(created, rng),
                    "product_id": product.id,
                    "creator_id": creator_id,
                    "merchant_id": merchant_id,
                    "status": status.value,
                    "note": rng.choice(_SAMPLE_NOTES),
                    "reason": rng.choice(_REJECT_REASONS) if status is s.REJECTED else None,
                    "cost_fen": product.price_fen * rng.choice((40, 50, 60)) // 100
                    if costed
                    else 0,
                    "tracking_no": f"{carrier}{rng.randrange(10**11, 10**12)}" if shipped else None,
                    "shipped_at": shipped,
                    "content_due_at": content_due(shipped, extended) if shipped else None,
                    "content_url": f"https://channels.weixin.qq.com/sph/{rng.getrandbits(40):010x}"
                    if status is s.FULFILLED
                    else None,
                    "extended": extended,
                    "created_at": created,
                    "version": 1,
                }
            )
    rows.sort(key=lambda r: (r["created_at"], r["id"]))
    return rows


REVIEW_APPLICATIONS = 36  # pending applications merchant_demo finds in its queue by default
REVIEW_SAMPLES = 24  # sample requests of other creators to merchant_demo, in every state


def build_review_applications(
    rng: random.Random,
    now: datetime,
    plans: list[PlanInfo],
    merchant_id: str,
    creators: list[tuple[str, str]],
    count: int = REVIEW_APPLICATIONS,
) -> list[dict[str, Any]]:
    """``count`` applications of other creators to ``merchant_id``'s plans: a review queue.

    Pending ones (each on its own creator and running plan, as the one-open-application rule
    wants) up to ``REVIEW_APPLICATIONS`` or half of ``count``, whichever is more (as far as
    pairs last); the rest decided (rejected, withdrawn; approved ones on pairs of their own).
    """
    s = ApplicationStatus
    mine = [
        p
        for p in plans
        if p.row["merchant_id"] == merchant_id and p.row["begin_at"] < now - 2 * DAY
    ]
    running = [p for p in mine if p.running(now) and p.row["begin_at"] < now - 2 * DAY]
    pairs = [
        (plan, creator)
        for plan in running
        for creator in creators
        if plan.rate_for(creator[0]) is not None
    ]
    rng.shuffle(pairs)
    pending = min(count, len(pairs), max(REVIEW_APPLICATIONS, count // 2))
    approved = min(count - pending, len(pairs) - pending, count // 6)
    rows: list[dict[str, Any]] = []
    for k in range(count):
        if k < pending + approved:
            plan, (creator_id, name) = pairs[k]
            status = s.PENDING if k < pending else s.APPROVED
        else:
            plan, (creator_id, name) = rng.choice(mine), rng.choice(creators)
            if plan.rate_for(creator_id) is None:  # a plan naming others: one they can see
                plan, (creator_id, name) = rng.choice(pairs)
            status = s.REJECTED if k % 3 else s.WITHDRAWN
        if status is s.PENDING:
            # Recent, a few already waiting for days: the queue has an order worth sorting.
            created = random_between(rng, now - 6 * DAY, now - timedelta(minutes=20))
        else:
            low = max(plan.row["begin_at"], now - 150 * DAY)
            high = min(plan.row["end_at"], now) - DAY
            created = random_between(rng, low, max(low, high))
        decided = withdrawn = None
        if status in (s.APPROVED, s.REJECTED):
            decided = min(created + timedelta(minutes=rng.randrange(60, 4_320)), now - DAY // 2)
        elif status is s.WITHDRAWN:
            withdrawn = min(created + timedelta(hours=20), now - DAY // 2)
        rows.append(
            {
                "id": uuid7_at(created, rng),
                "plan_id": plan.row["id"],
                "product_id": plan.row["product_id"],
                "creator_id": creator_id,
                "merchant_id": merchant_id,
                "status": status.value,
                "message": rng.choice(_APPLY_MESSAGES).format(name=name),
                "reason": rng.choice(_REJECT_REASONS) if status is s.REJECTED else None,
                "plan_rate_ppm": plan.rate_for(creator_id),
                "created_at": created,
                "decided_at": decided,
                "withdrawn_at": withdrawn,
                "version": 1,
            }
        )
    rows.sort(key=lambda r: (r["created_at"], r["id"]))
    return rows


# (state, days since shipping, extended): content due soon, overdue, extended, fulfilled...
_REVIEW_SAMPLE_MIX: tuple[tuple[SampleStatus, int, bool], ...] = (
    (SampleStatus.REQUESTED, 0, False),
    (SampleStatus.REQUESTED, 0, False),
    (SampleStatus.REQUESTED, 0, False),
    (SampleStatus.REQUESTED, 0, False),
    (SampleStatus.REQUESTED, 0, False),
    (SampleStatus.APPROVED, 0, False),
    (SampleStatus.APPROVED, 0, False),
    (SampleStatus.APPROVED, 0, False),
    (SampleStatus.SHIPPED, 3, False),
    (SampleStatus.SHIPPED, 12, False),  # content due in 2 days
    (SampleStatus.SHIPPED, 13, False),  # due tomorrow
    (SampleStatus.SHIPPED, 17, True),  # extended: due in 4 days
    (SampleStatus.SHIPPED, 20, True),  # extended: due tomorrow
    (SampleStatus.OVERDUE, 16, False),
    (SampleStatus.OVERDUE, 30, False),
    (SampleStatus.OVERDUE, 25, True),
    (SampleStatus.FULFILLED, 20, False),
    (SampleStatus.FULFILLED, 40, True),
    (SampleStatus.FULFILLED, 60, False),
    (SampleStatus.REJECTED, 0, False),
    (SampleStatus.CANCELLED, 0, False),
    (SampleStatus.SHIPPED, 6, False),
    (SampleStatus.REQUESTED, 0, False),
    (SampleStatus.FULFILLED, 90, False),
)


def build_review_samples(
    rng: random.Random,
    now: datetime,
    products: list[ProductInfo],
    merchant_id: str,
    creators: list[str],
    count: int = REVIEW_SAMPLES,
) -> list[dict[str, Any]]:
    """``count`` sample requests of other creators for ``merchant_id``'s listed ``products``,
    in every state: to approve, to ship, shipped (tracking numbers), content due soon, overdue,
    extended, fulfilled."""
    s = SampleStatus
    rows: list[dict[str, Any]] = []
    for k in range(count):
        status, days, extended = _REVIEW_SAMPLE_MIX[k % len(_REVIEW_SAMPLE_MIX)]
        product = products[rng.randrange(len(products))]
        shipped = None
        if status in (s.SHIPPED, s.OVERDUE, s.FULFILLED):
            shipped = now - timedelta(days=days, hours=rng.randrange(1, 20))
            created = shipped - timedelta(days=rng.randrange(2, 5), hours=rng.randrange(24))
        elif status is s.REQUESTED:
            created = now - timedelta(hours=rng.randrange(2, 120))
        else:
            created = now - timedelta(days=rng.randrange(1, 10), hours=rng.randrange(24))
        costed = status in (s.APPROVED, s.SHIPPED, s.FULFILLED, s.OVERDUE)
        carrier = rng.choice(_CARRIERS)
        rows.append(
            {
                "id": uuid7_at(created, rng),
                "product_id": product.id,
                "creator_id": creators[k % len(creators)],
                "merchant_id": merchant_id,
                "status": status.value,
                "note": rng.choice(_SAMPLE_NOTES),
                "reason": rng.choice(_REJECT_REASONS) if status is s.REJECTED else None,
                "cost_fen": product.price_fen * rng.choice((40, 50, 60)) // 100 if costed else 0,
                "tracking_no": f"{carrier}{rng.randrange(10**11, 10**12)}" if shipped else None,
                "shipped_at": shipped,
                "content_due_at": content_due(shipped, extended) if shipped else None,
                "content_url": f"https://channels.weixin.qq.com/sph/{rng.getrandbits(40):010x}"
                if status is s.FULFILLED
                else None,
                "extended": extended and shipped is not None,
                "created_at": created,
                "version": 1,
            }
        )
    rows.sort(key=lambda r: (r["created_at"], r["id"]))
    return rows
