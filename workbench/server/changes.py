"""Writing the change log, reading the feed, and compacting it.

Each change is written once per audience that may see it, in the transaction that made it.
Compaction drops entries superseded by a later one (always safe: the later entry has a higher
seq) and tombstones older than the retention; the highest dropped tombstone seq becomes the
horizon below which a cursor gets the reset answer.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, delete, exists, func, select
from sqlalchemy.orm import Session, aliased

from workbench.contract.base import BIG_MAX
from workbench.contract.sync import Scope
from workbench.core.enums import PlanType, Role
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import models as m
from workbench.server.bulk import append_rows
from workbench.server.serialize import plan_for_creator, to_wire
from workbench.server.types import utcnow

CATALOG = "catalog"
CREATORS = "creators"
HORIZON_KEY = "tombstone_horizon"

ENTITY_NAMES: dict[type[Any], str] = {
    m.Category: "category",
    m.Shop: "shop",
    m.Product: "product",
    m.Channel: "channel",
    m.Listing: "listing",
    m.Favourite: "favourite",
    m.SavedFilter: "saved_filter",
    m.Plan: "plan",
    m.Application: "application",
    m.Sample: "sample",
    m.Order: "order",
    m.SettlementLine: "settlement_line",
    m.Account: "account",
    m.Deposit: "deposit",
    m.Settlement: "settlement",
    m.MerchantCreator: "creator",  # a creator's public profile, to a merchant they deal with
}


def acct(account_id: str) -> str:
    """The audience of one account."""
    return f"acct:{account_id}"


def _audiences(row: Any) -> list[str]:
    """Who may see a row: the single place that decides visibility in the feed.

    Private on purpose: an audience is only ever paired with its view of the row by
    ``log_entries``, so no writer can send one audience another's data.
    """
    match row:
        case m.Category() | m.Shop() | m.Product():
            return [CATALOG]
        case m.Channel() | m.Listing() | m.Favourite() | m.Deposit() | m.Settlement():
            return [acct(row.creator_id)]
        case m.SavedFilter():
            return [acct(row.owner_id)]
        case m.Account():
            return [acct(row.id)]
        case m.MerchantCreator():
            return [acct(row.merchant_id)]
        case m.Plan():
            if row.plan_type == PlanType.GENERAL.value:
                return [CREATORS, acct(row.merchant_id)]
            return [acct(row.merchant_id)] + [acct(c.creator_id) for c in row.creators]
        case m.Application() | m.Sample():
            return [acct(row.creator_id), acct(row.merchant_id)]
        case m.SettlementLine():
            return [acct(row.creator_id)]
        case m.Order():
            found = [acct(row.merchant_id)]
            if row.creator_id:
                found.append(acct(row.creator_id))
            return found
    raise TypeError(f"not a syncable row: {type(row).__name__}")


def _view(row: Any, audience: str, data: dict[str, Any] | None) -> dict[str, Any] | None:
    """What one audience sees of a row: a named creator sees only their own plan terms."""
    if data is None or not isinstance(row, m.Plan) or audience in (CREATORS, acct(row.merchant_id)):
        return data
    return plan_for_creator(data, audience.removeprefix("acct:"))


def entity_id(row: Any) -> str:
    if isinstance(row, m.Favourite):
        return row.product_id
    if isinstance(row, m.MerchantCreator):
        return row.creator_id  # the entity is the creator, one per merchant's feed
    return str(row.id)


def log_entries(
    row: Any,
    data: dict[str, Any] | None,
    at: datetime,
    *,
    also_delete_for: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    """The change-log rows for ``row``'s new state: the one maker of feed entries.

    ``data`` is the row's whole wire dict (``None``: the row is deleted); each audience gets
    its own view of it (a named creator only their own plan terms), plus tombstones for
    ``also_delete_for`` (audiences that lost the row). Mutations (``record_upsert``) and the
    seeder (``seed.feed.ChangeFeed``) both write exactly these rows.
    """
    name = ENTITY_NAMES[type(row)]
    op = "upsert" if data is not None else "delete"
    base = {"entity": name, "entity_id": entity_id(row), "version": row.version, "created_at": at}
    found = [
        {**base, "audience": audience, "op": op, "data": _view(row, audience, data)}
        for audience in _audiences(row)
    ]
    found.extend(
        {**base, "audience": audience, "op": "delete", "data": None} for audience in also_delete_for
    )
    return found


def record_upsert(
    session: Session, row: Any, *, also_delete_for: tuple[str, ...] = (), flush: bool = True
) -> dict[str, Any] | None:
    """Append the row's current state for every audience (and tombstones for lost audiences).

    Entries are buffered on the session and written in one statement before it commits
    (``write_buffered``): one INSERT per transaction instead of an ORM flush per entry.
    ``flush=False``: the caller knows the row already reads as it will once written.
    Returns the row's ``to_wire`` (``None`` for a deleted row).
    """
    if flush:
        session.flush()
    deleted = bool(getattr(row, "deleted", False))
    data = None if deleted else to_wire(row)
    pending_entries(session).extend(
        log_entries(row, data, utcnow(), also_delete_for=also_delete_for)
    )
    return data


def pending_entries(session: Session) -> list[dict[str, Any]]:
    """The change-log entries this transaction has buffered so far (in order)."""
    return session.info.setdefault("change_log", [])  # type: ignore[no-any-return]


def write_buffered(session: Session) -> None:
    """Write the buffered entries, in order, so their seq follows it (many of them by
    PostgreSQL's COPY: ``bulk.append_rows``). Called before commit."""
    entries = session.info.pop("change_log", None)
    if entries:
        append_rows(session, cast(Table, m.ChangeLog.__table__), entries)  # no ORM bulk layer


def feed_audiences(scope: Scope, account_id: str, role: Role) -> list[str]:
    """The audiences a scope of one account reads."""
    if scope is Scope.CATALOG:
        return [CATALOG]
    if role is Role.CREATOR:
        return [CREATORS, acct(account_id)]
    return [acct(account_id)]


def encode_cursor(scope: Scope, seq: int, known_horizon: int = 0, skip_upto: int = 0) -> str:
    """The cursor after ``seq``; it carries the horizon its reader is known to be safe from,
    and, after an account snapshot, the seq up to which the snapshot's entities are skipped."""
    text = f"wb1:{scope.value}:{seq}"
    if skip_upto > seq:
        text += f":{known_horizon}:{skip_upto}"
    elif known_horizon:
        text += f":{known_horizon}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(scope: Scope, cursor: str | None) -> tuple[int, int]:
    """(seq, known horizon) of a cursor; (0, 0) for none. Raise ``bad_cursor`` for anything else."""
    seq, known, _skip = decode_full(scope, cursor)
    return seq, known


def decode_full(scope: Scope, cursor: str | None) -> tuple[int, int, int]:
    """(seq, known horizon, skip up to) of a cursor; zeros for none."""
    if not cursor:
        return 0, 0, 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        magic, scope_name, *numbers = base64.urlsafe_b64decode(padded).decode().split(":")
        if len(numbers) not in (1, 2, 3):
            raise ValueError("a seq, at most a horizon and a skip")
        seq, known, skip = (int(n) for n in (*numbers, "0", "0")[:3])
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError(ErrorCode.BAD_CURSOR, "the cursor is not one this server made") from exc
    in_range = all(0 <= n <= BIG_MAX for n in (seq, known, skip))
    if magic != "wb1" or scope_name != scope.value or not in_range:
        raise DomainError(ErrorCode.BAD_CURSOR, "the cursor belongs to another scope or format")
    if skip and scope is not Scope.ACCOUNT:
        raise DomainError(ErrorCode.BAD_CURSOR, "only an account cursor skips snapshot rows")
    return seq, known, skip


def horizon(session: Session) -> int:
    value = session.scalar(select(m.ServerMeta.value).where(m.ServerMeta.key == HORIZON_KEY))
    return int(value) if value else 0


def current_seq(session: Session, bound: int | None = None) -> int:
    """The newest seq in the log (a snapshot's starting point) up to ``bound``: on PostgreSQL
    the feed's bound, read before this (``db.Database.feed_bound``), so that no entry still to
    commit lies below it."""
    newest = select(func.coalesce(func.max(m.ChangeLog.seq), 0))
    if bound is not None:
        newest = newest.where(m.ChangeLog.seq <= bound)
    return int(session.scalar(newest) or 0)


def compact(session: Session, retention: timedelta, now: datetime | None = None) -> int:
    """Drop superseded entries and old tombstones; return how many entries went."""
    cutoff = (now or utcnow()) - retention
    # The newest entry always stays: SQLite gives a new row max(seq) + 1, so dropping the newest
    # would hand its seq out again, below cursors that already passed it (their readers would
    # never see the new entry).
    newest = session.scalar(select(func.max(m.ChangeLog.seq)))
    if newest is None:
        return 0
    below_newest = m.ChangeLog.seq < newest
    later = aliased(m.ChangeLog)
    superseded = exists().where(
        and_(
            later.audience == m.ChangeLog.audience,
            later.entity == m.ChangeLog.entity,
            later.entity_id == m.ChangeLog.entity_id,
            later.seq > m.ChangeLog.seq,
        )
    )
    gone = _count(session.execute(delete(m.ChangeLog).where(superseded)))
    old_tombstones = select(func.max(m.ChangeLog.seq)).where(
        m.ChangeLog.op == "delete", m.ChangeLog.created_at < cutoff, below_newest
    )
    newest_dropped = session.scalar(old_tombstones)
    if newest_dropped is not None:
        tombstones = delete(m.ChangeLog).where(
            m.ChangeLog.op == "delete", m.ChangeLog.created_at < cutoff, below_newest
        )
        gone += _count(session.execute(tombstones))
        meta = session.get(m.ServerMeta, HORIZON_KEY)
        if meta is None:
            session.add(m.ServerMeta(key=HORIZON_KEY, value=str(newest_dropped)))
        else:
            meta.value = str(max(int(meta.value), newest_dropped))
    return gone


def _count(result: Any) -> int:
    """Rows a DELETE touched (``CursorResult.rowcount``, typed loosely by SQLAlchemy)."""
    return int(getattr(result, "rowcount", 0) or 0)
