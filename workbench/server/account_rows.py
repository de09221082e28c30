"""The account snapshots: the caller's order lines and settlement lines, in keyset pages.

A big seller has millions of order lines; reading them from the change feed at first sync
costs a JSON entry each. These pages are plain column arrays in
``contract.sync.SNAPSHOT_COLUMNS`` order, only ever the caller's rows (a merchant's orders, or a
creator's; settlement lines are a creator's), the same rule as ``visibility.party_filter``.
Plain SQL on the driver's cursor with the times spelled by the database: at a million lines
the ORM's rows and datetime parsing cost more than the query (a 12,000-line page: 2.2 s of
ORM → 0.12 s CPU). :func:`page_ndjson` gives a page as the wire's NDJSON; on SQLite the
database writes each row's JSON array itself (``json_array``: the same bytes as orjson's, one
string a row instead of 24 Python values: 1M lines 8.3 → 5.6 s of server CPU).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
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
        # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff": cut and joined, no date parsing.
        return (
            f"CASE WHEN {column} IS NULL THEN NULL ELSE "
            f"substr({column}, 1, 10) || 'T' || substr({column}, 12, 8) || 'Z' END"
        )
    return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"


def _select_list(session: Session, entity: str) -> str:
    names = []
    for c in SNAPSHOT_COLUMNS[entity]:
        table = "o" if entity == "order_line" and c in _ORDER_FIELDS else "l"
        names.append(_time_text(session, f"{table}.{c}") if c in _TIMES else f"{table}.{c}")
    return ", ".join(names)


def _party(caller: Caller) -> str:
    return "o.merchant_id" if caller.role is Role.MERCHANT else "o.creator_id"


def _fetch(session: Session, sql: str, params: Sequence[Any]) -> list[Any]:
    """Rows of ``sql`` (``?`` placeholders) as the driver gives them: at a million lines
    SQLAlchemy's row objects cost a third of the page."""
    raw = session.connection().connection  # the pooled DBAPI connection of this session
    if session.get_bind().dialect.name != "sqlite":
        sql = sql.replace("?", "%s")
    cursor = raw.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def count(session: Session, entity: str, caller: Caller) -> int:
    """How many rows the caller's snapshot of ``entity`` holds now."""
    if entity == "order_line":
        sql = (
            "SELECT count(*) FROM order_ o JOIN order_line l ON l.order_id = o.id "
            f"WHERE {_party(caller)} = ?"
        )
    else:
        sql = "SELECT count(*) FROM settlement_line WHERE creator_id = ?"
    return int(_fetch(session, sql, (caller.id,))[0][0] or 0)


def page_ndjson(
    session: Session, entity: str, caller: Caller, after: str | None, limit: int
) -> tuple[bytes, int, str | None]:
    """(the page as NDJSON: a JSON array a line, how many rows, the key to go on from)."""
    if session.get_bind().dialect.name != "sqlite":
        rows, next_after = page(session, entity, caller, after, limit)
        # OPT_UTC_Z writes times as pydantic does in REST answers ("…Z"), so both paths agree.
        body = b"".join(orjson.dumps(list(r), option=orjson.OPT_UTC_Z) + b"\n" for r in rows)
        return body, len(rows), next_after
    texts, next_after = page(session, entity, caller, after, limit, as_json=True)
    body = "\n".join(t for (t,) in texts).encode() + b"\n" if texts else b""
    return body, len(texts), next_after


def page(
    session: Session,
    entity: str,
    caller: Caller,
    after: str | None,
    limit: int,
    *,
    as_json: bool = False,
) -> tuple[list[Any], str | None]:
    """(rows, the key to go on from, or None at the end); ``as_json`` (SQLite): each row is
    one column, its JSON array text.

    Order lines: the next ``limit`` orders' ids by keyset on the party's ``(…, id)`` index,
    then their lines as one range of that index joined to ``order_line`` by order id.
    """
    start = after or ""
    columns = _select_list(session, entity)
    if as_json:
        columns = f"json_array({columns})"
    if entity == "order_line":
        party = _party(caller)
        ids = _fetch(
            session,
            f"SELECT o.id FROM order_ o WHERE {party} = ? AND o.id > ? ORDER BY o.id LIMIT ?",
            (caller.id, start, limit),
        )
        if not ids:
            return [], None
        last = str(ids[-1][0])
        rows = _fetch(
            session,
            f"SELECT {columns} FROM order_ o "
            f"JOIN order_line l ON l.order_id = o.id WHERE {party} = ? "
            "AND o.id > ? AND o.id <= ? ORDER BY o.id, l.id",
            (caller.id, start, last),
        )
        return rows, (last if len(ids) == limit else None)
    found = _fetch(
        session,
        f"SELECT {columns}, l.id FROM settlement_line l "  # the key last: JSON rows have one
        "WHERE l.creator_id = ? AND l.id > ? ORDER BY l.id LIMIT ?",
        (caller.id, start, limit),
    )
    next_after = str(found[-1][-1]) if len(found) == limit else None
    return [row[:-1] for row in found], next_after
