"""The account snapshots: the caller's order lines and settlement lines, in keyset pages.

A big seller has millions of order lines; reading them from the change feed at first sync
costs a JSON entry each. These pages are plain column arrays in
``contract.sync.SNAPSHOT_COLUMNS`` order, only ever the caller's rows (a merchant's orders, or a
creator's; settlement lines are a creator's), the same rule as ``visibility.party_filter``.
Plain SQL with the times formatted by the database: at a million lines the ORM's row and
datetime handling cost more than the query (2.2 → 0.x s a page of 12,000 lines).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from workbench.contract.sync import SNAPSHOT_COLUMNS
from workbench.core.enums import Role
from workbench.server.auth import Caller

_ORDER_FIELDS = frozenset(
    {"created_at", "paid_at", "shop_id", "merchant_id", "creator_id", "is_present"}
    | {"commission_status", "status", "version"}
)
_TIMES = frozenset({"created_at", "paid_at", "refunded_at", "settled_at"})


def _time_text(session: Session, column: str) -> str:
    """SQL spelling a UTC time column as the wire does ("2026-01-02T03:04:05Z", whole
    seconds): the database formats it, so a million rows skip the driver's datetime parsing."""
    if session.get_bind().dialect.name == "sqlite":
        return f"strftime('%Y-%m-%dT%H:%M:%SZ', {column})"
    return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"


def _select_list(session: Session, entity: str) -> str:
    names = []
    for c in SNAPSHOT_COLUMNS[entity]:
        table = "o" if entity == "order_line" and c in _ORDER_FIELDS else "l"
        names.append(_time_text(session, f"{table}.{c}") if c in _TIMES else f"{table}.{c}")
    return ", ".join(names)


def _party(caller: Caller) -> str:
    return "o.merchant_id" if caller.role is Role.MERCHANT else "o.creator_id"


def count(session: Session, entity: str, caller: Caller) -> int:
    """How many rows the caller's snapshot of ``entity`` holds now."""
    if entity == "order_line":
        sql = (
            "SELECT count(*) FROM order_ o JOIN order_line l ON l.order_id = o.id "
            f"WHERE {_party(caller)} = :me"
        )
    else:
        sql = "SELECT count(*) FROM settlement_line WHERE creator_id = :me"
    return int(session.execute(text(sql), {"me": caller.id}).scalar() or 0)


def page(
    session: Session, entity: str, caller: Caller, after: str | None, limit: int
) -> tuple[list[Any], str | None]:
    """(rows, the key to go on from, or None at the end).

    Order lines: the next ``limit`` orders' ids by keyset on the party's ``(…, id)`` index,
    then their lines as one range of that index joined to ``order_line`` by order id.
    """
    params = {"me": caller.id, "after": after or "", "limit": limit}
    if entity == "order_line":
        party = _party(caller)
        ids = session.execute(
            text(
                f"SELECT o.id FROM order_ o WHERE {party} = :me AND o.id > :after "
                "ORDER BY o.id LIMIT :limit"
            ),
            params,
        ).all()
        if not ids:
            return [], None
        last = str(ids[-1][0])
        rows = session.execute(
            text(
                f"SELECT {_select_list(session, entity)} FROM order_ o "
                f"JOIN order_line l ON l.order_id = o.id WHERE {party} = :me "
                "AND o.id > :after AND o.id <= :last ORDER BY o.id, l.id"
            ),
            {**params, "last": last},
        ).all()
        return list(rows), (last if len(ids) == limit else None)
    found = session.execute(
        text(
            f"SELECT {_select_list(session, entity)} FROM settlement_line l "
            "WHERE l.creator_id = :me AND l.id > :after ORDER BY l.id LIMIT :limit"
        ),
        params,
    ).all()
    return list(found), (str(found[-1][0]) if len(found) == limit else None)
