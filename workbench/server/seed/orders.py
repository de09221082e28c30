"""A year of orders (订单) up to ``now``: who sold what, through which channel, at what terms.

Each seller (a creator, or a shop selling on its own) has a daily rate shaped by the shopping
calendar (元旦, 年货节 before 春节, 情人节, 618, 双11), weekends and a year of growth. A creator's
product is drawn by sales weight from the products whose plans pay them, and the line's rate is
the plan terms at the order's time (a targeted plan naming them beats the general plan), so
"expected commission" in the workbench reconciles. Statuses follow the order's age: shipped and
paid lately, completed and settled after 15 days, with cancellations, full after-sale refunds,
partial refunds and gift orders mixed in. Each line names the channel that sold it (a creator
may have two channels of one kind), its level-3 category and the plan whose terms applied. Gift
orders (送礼物) are a few percent of a day's orders, and most of them on gift days: up to ~88 %
on 情人节, 520, 七夕 and 圣诞, and many before 春节 and 中秋 (the seed article's peaks).
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from workbench.core.enums import (
    AccountType,
    ChannelKind,
    CommissionStatus,
    OrderScene,
    OrderStatus,
    PlanType,
)
from workbench.core.money import commission_fen
from workbench.server.seed.plans import PlanInfo, rate_at

YEAR_DAYS = 365
SETTLE_AFTER = timedelta(days=15)
CHINA = timedelta(hours=8)  # Asia/Shanghai has no daylight saving
SPRING_FESTIVAL = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
}
# Gift days (Beijing dates): (month, day) every year, or per year for the lunar ones.
_GIFT_DAYS = ((2, 14), (5, 20), (12, 24), (12, 25))
_LUNAR_GIFT_DAYS = {  # 七夕 and 中秋
    2024: (date(2024, 8, 10), date(2024, 9, 17)),
    2025: (date(2025, 8, 29), date(2025, 10, 6)),
    2026: (date(2026, 8, 19), date(2026, 9, 25)),
    2027: (date(2027, 8, 8), date(2027, 9, 15)),
    2028: (date(2028, 8, 26), date(2028, 10, 3)),
    2029: (date(2029, 8, 16), date(2029, 9, 22)),
    2030: (date(2030, 8, 5), date(2030, 9, 12)),
}
GIFT_BASE = 0.03
GIFT_PEAK = 0.88
# Where a line was sold: channel kind -> (account type, scene)
SOURCE: dict[ChannelKind | None, tuple[int, int]] = {
    ChannelKind.SHOWCASE: (AccountType.FINDER, OrderScene.SHOWCASE),
    ChannelKind.LIVE: (AccountType.FINDER, OrderScene.LIVE),
    ChannelKind.SHORT_VIDEO: (AccountType.FINDER, OrderScene.SHORT_VIDEO),
    ChannelKind.OFFICIAL_ACCOUNT: (AccountType.OFFICIAL_ACCOUNT, OrderScene.ARTICLE),
    ChannelKind.SERVICE_ACCOUNT: (AccountType.OFFICIAL_ACCOUNT, OrderScene.OTHER),
    ChannelKind.MINI_PROGRAM: (AccountType.MINI_PROGRAM, OrderScene.OTHER),
    ChannelKind.COMMUNITY: (AccountType.FINDER, OrderScene.PRODUCT_SHARE),
    None: (AccountType.FINDER, OrderScene.OTHER),  # the shop's own sale
}
_CANCELLED = (OrderStatus.CANCELLED, OrderStatus.CANCELLED_AFTER_SALE)
# Share of a day's orders per Beijing-time hour: lunch, and the 20:00-22:00 live peak.
_HOUR_WEIGHTS = (2, 1, 1, 0.5, 0.5, 0.5, 1, 2, 3, 4, 5, 5, 6, 5, 4, 4, 4, 4, 5, 7, 10, 11, 9, 5)


Made = tuple[dict[str, Any], list[dict[str, Any]]]  # an order row and its line rows
Terms = tuple[int, str | None]  # the rate and the plan it comes from


def terms_at(plans: tuple[PlanInfo, ...], creator_id: str, at: datetime) -> Terms | None:
    """``plans.rate_at`` with the plan: a plan naming the creator beats the general plan."""
    rate = rate_at(plans, creator_id, at)
    if rate is None:
        return None
    general = None
    for plan in plans:
        if plan.covers(at) and plan.rate_for(creator_id) == rate:
            if plan.plan_type != PlanType.GENERAL.value:
                return rate, str(plan.row["id"])
            general = str(plan.row["id"])
    return rate, general


@dataclass(frozen=True, slots=True)
class Sellable:
    """A product as orders need it."""

    id: str
    shop_id: str
    merchant_id: str
    title: str
    price_fen: int
    weight: float
    plans: tuple[PlanInfo, ...]  # empty: another merchant's product, sold at ``rate``
    rate: int
    category_id: int | None = None  # level 3


Channel = tuple[str, ChannelKind]  # a creator's channel: id and kind


@dataclass
class Seller:
    """Someone who sells: a creator through their channels, or a shop (creator None)."""

    creator_id: str | None
    per_day: float
    channels: list[tuple[Channel, float]]  # each channel with its share of the sales
    products: list[Sellable]
    elsewhere: list[Sellable] = field(default_factory=list)  # other shops, sold now and then
    _cum: list[float] = field(default_factory=list)
    _by_shop: dict[str, tuple[list[Sellable], list[float]]] = field(default_factory=dict)
    _content: dict[ChannelKind, list[str]] = field(default_factory=dict)
    _channel_cum: list[float] = field(default_factory=list)
    _tag: str = ""

    def prepare(self, rng: random.Random, tag: str) -> None:
        """Precompute the weighted draws; ``tag`` tells this seller's content ids apart."""
        self._tag = tag
        self._cum = list(accumulate(p.weight for p in self.products))
        grouped: dict[str, list[Sellable]] = {}
        for p in self.products:
            grouped.setdefault(p.shop_id, []).append(p)
        self._by_shop = {
            s: (ps, list(accumulate(p.weight for p in ps))) for s, ps in grouped.items()
        }
        for (_channel_id, kind), _weight in self.channels:
            if kind in self._content:
                continue
            count = {
                ChannelKind.SHORT_VIDEO: 24,
                ChannelKind.OFFICIAL_ACCOUNT: 12,
                ChannelKind.COMMUNITY: 3,
            }.get(kind, 0)
            self._content[kind] = [
                f"{kind.value}_{tag}_{rng.getrandbits(48):012x}" for _ in range(count)
            ]
        self._channel_cum = list(accumulate(w for _k, w in self.channels))

    def draw(self, rng: random.Random, shop_id: str | None = None) -> Sellable | None:
        """A product by sales weight: any of the seller's, or one of shop ``shop_id``'s."""
        products, cum = (
            (self.products, self._cum) if shop_id is None else self._by_shop.get(shop_id, ([], []))
        )
        return products[_pick(rng, cum)] if products else None

    def pick_channel(self, rng: random.Random) -> Channel | None:
        if not self.channels:
            return None
        return self.channels[_pick(rng, self._channel_cum)][0]

    def content_id(self, rng: random.Random, kind: ChannelKind | None, at: datetime) -> str | None:
        if kind is ChannelKind.LIVE:
            return f"live_{self._tag}_{(at + CHINA).strftime('%Y%m%d')}"  # the day's session
        pool = self._content.get(kind) if kind else None
        return rng.choice(pool) if pool else None


def _pick(rng: random.Random, cum: list[float]) -> int:
    return min(bisect.bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


def _bump(day: date, peak: date, amp: float, before: float, after: float) -> float:
    delta = (day - peak).days
    width = before if delta < 0 else after
    return amp * math.exp(-((delta / width) ** 2)) if abs(delta) < 4 * width else 0.0


def season(day: date) -> float:
    """How busy a day is, before normalising: 1 plus the shopping festivals around it."""
    factor = 1.0
    for year in (day.year - 1, day.year, day.year + 1):
        factor += _bump(day, date(year, 1, 1), 0.6, 5, 2)  # 元旦
        factor += _bump(day, date(year, 2, 14), 0.8, 4, 1)  # 情人节
        factor += _bump(day, date(year, 6, 18), 1.8, 8, 1.5)  # 618
        factor += _bump(day, date(year, 11, 11), 3.0, 10, 1.5)  # 双11 (pre-sales from late Oct)
        festival = SPRING_FESTIVAL.get(year)
        if festival is not None:  # 年货节 before 春节; couriers rest in the festival week
            factor += _bump(day, festival - timedelta(days=10), 1.2, 10, 6)
            factor -= _bump(day, festival + timedelta(days=2), 0.5, 3, 4)
    if day.weekday() >= 5:
        factor *= 1.12
    return factor


def day_factors(first: date, days: int) -> list[float]:
    """Per-day multipliers with mean 1: festivals, weekends, and growth over the year."""
    raw = [
        season(first + timedelta(days=d)) * (0.85 + 0.3 * d / max(days - 1, 1)) for d in range(days)
    ]
    mean = sum(raw) / len(raw)
    return [f / mean for f in raw]


def gift_share(day: date) -> float:
    """The share of a day's orders that are gifts: :data:`GIFT_BASE`, up to :data:`GIFT_PEAK`
    on gift days (a bump over the days before them: gifts are bought ahead)."""
    peaks: list[tuple[date, float]] = []
    for year in (day.year - 1, day.year, day.year + 1):
        peaks += [(date(year, month, d), 1.0) for month, d in _GIFT_DAYS]
        peaks += [(d, 0.9) for d in _LUNAR_GIFT_DAYS.get(year, ())]
        festival = SPRING_FESTIVAL.get(year)
        if festival is not None:
            peaks.append((festival - timedelta(days=3), 0.6))
    bump = max((_bump(day, peak, amp, 2.5, 0.6) for peak, amp in peaks), default=0.0)
    return GIFT_BASE + (GIFT_PEAK - GIFT_BASE) * min(bump, 1.0)


def _poisson(rng: random.Random, mean: float) -> int:
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _status(rng: random.Random, age: timedelta, lines: int) -> int:
    u = rng.random()
    if u < 0.05:
        return OrderStatus.CANCELLED
    if u < 0.08 and age > timedelta(days=3):
        return OrderStatus.CANCELLED_AFTER_SALE
    if age < timedelta(days=2):
        v = rng.random()
        if lines > 1 and v < 0.1:
            return OrderStatus.PARTLY_SHIPPED
        return OrderStatus.PAID if v < 0.65 else OrderStatus.SHIPPED
    if age < timedelta(days=9):
        return OrderStatus.SHIPPED if rng.random() < 0.7 else OrderStatus.COMPLETED
    return OrderStatus.COMPLETED


def _paid(rng: random.Random, price: int, quantity: int) -> int:
    gross = price * quantity
    u = rng.random()
    if u < 0.55:
        return gross
    if u < 0.8:
        coupon = rng.choice((300, 500, 1000, 2000))
        return gross - coupon if gross >= 3 * coupon else gross
    return gross - gross * rng.choice((5, 8, 10, 15)) // 100


class OrderMaker:
    """Builds orders one at a time; ids are ``3`` + epoch seconds + a counter (19 digits)."""

    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng, self.now = rng, now
        self._counter = 0
        weights = list(accumulate(_HOUR_WEIGHTS))
        # UTC second-of-day table in the Beijing-time hour mix, looked up by one random().
        self._hours = [(_pick(rng, weights) - 8) % 24 for _ in range(1_000)]
        self._gift_share: dict[date, float] = {}

    def second_of_day(self) -> int:
        return self._hours[int(self.rng.random() * 1_000)] * 3_600 + int(self.rng.random() * 3_600)

    def make(self, seller: Seller, at: datetime) -> Made | None:
        """One order of ``seller`` at ``at`` with its lines, or None if nothing was for sale."""
        rng = self.rng
        first = self._product(seller, at)
        if first is None:
            return None
        product, (rate, plan_id) = first
        count = 1 if rng.random() < 0.7 else 2 if rng.random() < 0.72 else 3
        chosen = [(product, rate, plan_id)]
        for _ in range(count - 1):
            more = seller.draw(rng, product.shop_id)  # an order is one shop's
            if more is None:
                break
            terms = self._rate(seller, more, at)
            if terms is not None and all(more.id != p.id for p, _r, _p in chosen):
                chosen.append((more, *terms))
        self._counter += 1
        order_id = f"3{int(at.timestamp()):010d}{self._counter:08d}"
        status = _status(rng, self.now - at, len(chosen))
        day = (at + CHINA).date()
        share = self._gift_share.get(day)
        if share is None:
            share = self._gift_share[day] = gift_share(day)
        present = rng.random() < share
        free = present and rng.random() < 0.15
        channel = seller.pick_channel(rng)
        channel_id, kind = channel if channel is not None else (None, None)
        account_type, scene = SOURCE[kind]
        content = seller.content_id(rng, kind, at)
        paid_at = at + timedelta(seconds=int(5 + rng.random() * 300))
        lines: list[dict[str, Any]] = []
        for n, (item, line_rate, line_plan) in enumerate(chosen, start=1):
            quantity = 1 if rng.random() < 0.8 else rng.choice((2, 2, 2, 3, 3, 4, 5))
            paid = 0 if free else _paid(rng, item.price_fen, quantity)
            refund = paid if status in _CANCELLED else 0  # the money went back
            lines.append(
                {
                    "id": f"{order_id}-{n}",
                    "order_id": order_id,
                    "product_id": item.id,
                    "title": item.title,
                    "quantity": quantity,
                    "paid_fen": paid,
                    "refund_fen": refund,
                    "commission_ppm": line_rate,
                    "commission_fen": commission_fen(paid, line_rate),
                    "channel_kind": kind.value if kind else None,
                    "account_type": int(account_type),
                    "scene": int(scene),
                    "content_id": content,
                    "channel_id": channel_id,
                    "category_id": item.category_id,
                    "plan_id": line_plan,
                    "refunded_at": None,
                }
            )
        if status in (OrderStatus.COMPLETED, OrderStatus.SHIPPED) and rng.random() < 0.09:
            line = rng.choice(lines)
            if len(lines) > 1:
                line["refund_fen"] = line["paid_fen"]  # one item sent back
            elif line["quantity"] > 1:
                line["refund_fen"] = line["paid_fen"] // line["quantity"]
            else:
                line["refund_fen"] = line["paid_fen"] * rng.choice((10, 20, 30)) // 100  # 价保
            # After-sales within the 15 days before settlement (and never after now).
            refunded = at + timedelta(seconds=int(86_400 * (1 + rng.random() * 12)))
            line["refunded_at"] = min(refunded, self.now - timedelta(seconds=1))
        if status in _CANCELLED:
            for line in lines:
                later = at + timedelta(seconds=int(3_600 * (1 + rng.random() * 47)))
                line["refunded_at"] = min(later, self.now)
        if status in _CANCELLED:
            settlement = CommissionStatus.CANCELLED
        elif status == OrderStatus.COMPLETED and self.now - at > SETTLE_AFTER:
            settlement = CommissionStatus.SETTLED
        else:
            settlement = CommissionStatus.UNSETTLED
        order = {
            "id": order_id,
            "shop_id": product.shop_id,
            "merchant_id": product.merchant_id,
            "creator_id": seller.creator_id,
            "status": int(status),
            "commission_status": int(settlement),
            "created_at": at,
            "is_present": present,
            "present_order_id": "5" + order_id[1:] if present else None,
            "is_b2c_free_present": free,
            "paid_at": paid_at,
            "version": 1,
        }
        return order, lines

    def _rate(self, seller: Seller, product: Sellable, at: datetime) -> Terms | None:
        """(rate, plan id) the creator earns on ``product`` at ``at``; None: not theirs then."""
        if seller.creator_id is None:
            return 0, None  # the shop's own sale: no commission
        if not product.plans:
            return product.rate, None
        return terms_at(product.plans, seller.creator_id, at)

    def _product(self, seller: Seller, at: datetime) -> tuple[Sellable, Terms] | None:
        rng = self.rng
        if seller.elsewhere and rng.random() < 0.15:
            product = rng.choice(seller.elsewhere)
            return product, self._rate(seller, product, at) or (0, None)
        for _ in range(8):  # products whose plan had not begun (or had ended) are drawn again
            drawn = seller.draw(rng)
            if drawn is None:
                return None
            rate = self._rate(seller, drawn, at)
            if rate is not None:
                return drawn, rate
        return None


def build_orders(rng: random.Random, now: datetime, sellers: list[Seller]) -> Iterator[Made]:
    """Orders of the ``YEAR_DAYS`` days before ``now``, oldest first, with their lines."""
    for n, seller in enumerate(sellers):
        seller.prepare(rng, f"{n:02d}")
    maker = OrderMaker(rng, now)
    first = now - timedelta(days=YEAR_DAYS)
    factors = day_factors((first + CHINA).date(), YEAR_DAYS)
    first_epoch, now_epoch = int(first.timestamp()), int(now.timestamp())
    for d in range(YEAR_DAYS):
        day_epoch = first_epoch + d * 86_400
        moments: list[tuple[int, int]] = []
        for s, seller in enumerate(sellers):
            for _ in range(_poisson(rng, seller.per_day * factors[d])):
                moments.append((day_epoch + maker.second_of_day(), s))
        moments.sort()
        for epoch, s in moments:
            if epoch >= now_epoch:
                continue
            made = maker.make(sellers[s], datetime.fromtimestamp(epoch, UTC))
            if made is not None:
                yield made
