"""The server's side of the order figures, for the analytics tests: every counted order line of
an account read from the server database (one SQL select), folded per breakdown key.

The rule is the server's ``/v1/daily-sales``: orders neither unpaid nor cancelled; GMV = paid −
refunded; ``orders`` = distinct orders per key; days in Asia/Shanghai.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from workbench.core.enums import CommissionStatus, OrderStatus, Role
from workbench.server import models as m
from workbench.server.db import Database
from workbench.store.analytics import Breakdown, Period, Totals

CHINA = timedelta(hours=8)


@dataclass(frozen=True)
class Line:
    day: date
    order_id: str
    creator_id: str
    channel_id: str
    channel_kind: str
    scene: int
    gift: int
    product_id: str
    category_id: int
    plan_id: str
    quantity: int
    paid_fen: int
    refund_fen: int
    commission_fen: int
    settled: bool


KEYS: dict[Breakdown, Callable[[Line], Any]] = {
    Breakdown.CHANNEL_KIND: lambda x: x.channel_kind,
    Breakdown.CHANNEL: lambda x: x.channel_id,
    Breakdown.SCENE: lambda x: x.scene,
    Breakdown.GIFT: lambda x: x.gift,
    Breakdown.CREATOR: lambda x: x.creator_id,
    Breakdown.CREATOR_CHANNEL: lambda x: (x.creator_id, x.channel_kind),
    Breakdown.PRODUCT: lambda x: x.product_id,
    Breakdown.CATEGORY: lambda x: x.category_id,
    Breakdown.PLAN: lambda x: x.plan_id,
}


def counted_lines(db: Database, account_id: str, role: Role) -> list[Line]:
    party = m.Order.merchant_id if role is Role.MERCHANT else m.Order.creator_id
    with db.read() as s:
        rows = s.execute(
            select(
                m.Order.created_at,
                m.Order.id,
                m.Order.creator_id,
                m.Order.is_present,
                m.Order.commission_status,
                m.OrderLine.channel_id,
                m.OrderLine.channel_kind,
                m.OrderLine.scene,
                m.OrderLine.product_id,
                m.OrderLine.category_id,
                m.OrderLine.plan_id,
                m.OrderLine.quantity,
                m.OrderLine.paid_fen,
                m.OrderLine.refund_fen,
                m.OrderLine.commission_fen,
            )
            .join(m.OrderLine, m.OrderLine.order_id == m.Order.id)
            .where(
                party == account_id,
                m.Order.status.notin_([OrderStatus.UNPAID, OrderStatus.CANCELLED]),
            )
        ).all()
    return [
        Line(
            (r[0] + CHINA).date(),
            r[1],
            r[2] or "",
            r[5] or "",
            r[6] or "",
            int(r[7]),
            1 if r[3] else 0,
            r[8],
            int(r[9] or 0),
            r[10] or "",
            int(r[11]),
            int(r[12]),
            int(r[13]),
            int(r[14]),
            r[4] == CommissionStatus.SETTLED,
        )
        for r in rows
    ]


def fold(lines: list[Line], period: Period, key: Callable[[Line], Any]) -> dict[Any, Totals]:
    """Totals per key over the period's days."""
    figures: dict[Any, list[int]] = {}
    orders: dict[Any, set[str]] = {}
    for x in lines:
        if not period.first <= x.day <= period.last:
            continue
        k = key(x)
        held = figures.setdefault(k, [0] * 6)
        orders.setdefault(k, set()).add(x.order_id)
        for i, v in enumerate(
            (
                1,
                x.quantity,
                x.paid_fen,
                x.refund_fen,
                x.commission_fen,
                x.commission_fen if x.settled else 0,
            )
        ):
            held[i] += v
    return {k: Totals(len(orders[k]), *v) for k, v in figures.items()}
