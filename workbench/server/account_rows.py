"""The account snapshots: the caller's order lines and settlement lines, in keyset pages.

A big seller has millions of order lines; reading them from the change feed at first sync
costs a JSON entry each. These pages are plain column arrays in
``contract.sync.SNAPSHOT_COLUMNS`` order, only ever the caller's rows (a merchant's orders, or a
creator's; settlement lines are a creator's), the same rule as ``visibility.party_filter``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from workbench.contract.sync import SNAPSHOT_COLUMNS
from workbench.core.enums import Role
from workbench.server import models as m
from workbench.server.auth import Caller

_ORDER_FIELDS = frozenset(
    {"created_at", "paid_at", "shop_id", "merchant_id", "creator_id", "is_present"}
    | {"commission_status", "status", "version"}
)


def _order_party(caller: Caller) -> Any:
    if caller.role is Role.MERCHANT:
        return m.Order.merchant_id == caller.id
    return m.Order.creator_id == caller.id


def count(session: Session, entity: str, caller: Caller) -> int:
    """How many rows the caller's snapshot of ``entity`` holds now."""
    if entity == "order_line":
        query: Select[Any] = (
            select(func.count())
            .select_from(m.OrderLine)
            .join(m.Order, m.Order.id == m.OrderLine.order_id)
            .where(_order_party(caller))
        )
    else:
        query = select(func.count()).where(m.SettlementLine.creator_id == caller.id)
    return int(session.scalar(query) or 0)


def page(
    session: Session, entity: str, caller: Caller, after: str | None, limit: int
) -> tuple[list[Any], str | None]:
    """(rows, the key to go on from, or None at the end)."""
    columns = SNAPSHOT_COLUMNS[entity]
    if entity == "order_line":
        orders = select(m.Order.id).where(_order_party(caller))
        if after is not None:
            orders = orders.where(m.Order.id > after)
        ids = list(session.scalars(orders.order_by(m.Order.id).limit(limit)))
        if not ids:
            return [], None
        cols = [
            getattr(m.Order, c) if c in _ORDER_FIELDS else getattr(m.OrderLine, c) for c in columns
        ]
        rows: list[Any] = []
        for start in range(0, len(ids), 5_000):  # bound the IN list
            chunk = ids[start : start + 5_000]
            rows += session.execute(
                select(*cols)
                .join(m.Order, m.Order.id == m.OrderLine.order_id)
                .where(m.OrderLine.order_id.in_(chunk))
                .order_by(m.OrderLine.order_id, m.OrderLine.id)
            ).all()
        return rows, (ids[-1] if len(ids) == limit else None)
    query = select(*[getattr(m.SettlementLine, c) for c in columns]).where(
        m.SettlementLine.creator_id == caller.id
    )
    if after is not None:
        query = query.where(m.SettlementLine.id > after)
    found = list(session.execute(query.order_by(m.SettlementLine.id).limit(limit)).all())
    return found, (str(found[-1][0]) if len(found) == limit else None)
