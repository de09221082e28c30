"""Commission-cut alerts (降佣提醒, issue 10 item 4): a merchant lowered the rate of a plan on a
product I list, or a plan I applied to, and the cut waits out its notice period.

``cut_alert`` keeps one row per cut notice that reached me (plan, the rate it falls to and
when): my rate before it, the product, when this cache first saw it, and whether I have read
it. The row is made by the sync's write step that brought the notice (:func:`capture`, in the
page's transaction, so it is there with the plan row it is about) and is never dropped: a cut
later withdrawn (the merchant raised the rate again, or cut once more with a new date) stays,
shown as withdrawn or replaced. Read marks are per account, as the cache is. A damaged cache
rebuilt from the server (``recovery``) takes over the alerts still readable in the old file
(:func:`carry_over`), read marks included: an alert is known across caches by its plan, the
rate it falls to and when (the table's UNIQUE key), never by its local row id.

A raise is immediate and makes no alert (it is in the rate history all the same); a cut on a
plan I neither list nor applied to (pending or approved) makes none either, nor does a cut of
a merchant's own plan in its own cache.

The listings a cut touches are read when shown (my listings of the plan's product now, with
their channels), so the list opens the listings as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import orjson

from workbench.core.enums import ApplicationStatus, PlanType
from workbench.store import tables

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed

ENTITY = "cut_alert"  # what ``Changed`` calls these rows
TABLE = "cut_alert"
_OPEN = (ApplicationStatus.PENDING.value, ApplicationStatus.APPROVED.value)
_ME = "coalesce((SELECT value FROM meta WHERE key = 'account_id'), '')"
_CHUNK = 400

# Cuts under notice on the plans ``{restrict}`` keeps that touch me: a listing of mine of the
# plan's product (index record_listing_product), or an open application of mine to the plan
# (index record_application_plan). Evaluated per plan with a cut only.
_INSERT = f"""
INSERT OR IGNORE INTO {TABLE} (plan_id, product_id, old_ppm, new_ppm, effective_at, noticed_at)
SELECT plan_key, pid, old, new, at, :now FROM (
  SELECT r.id AS plan_key, json_extract(r.data, '$.product_id') AS pid,
    coalesce(CASE WHEN json_extract(r.data, '$.plan_type') != '{PlanType.GENERAL.value}' THEN (
      SELECT json_extract(c.value, '$.rate_ppm') FROM json_each(r.data, '$.creators') c
      WHERE c.type = 'object' AND json_extract(c.value, '$.creator_id') = {_ME}) END,
      json_extract(r.data, '$.rate_ppm')) AS old,
    json_extract(r.data, '$.pending_rate_ppm') AS new,
    json_extract(r.data, '$.pending_at') AS at,
    json_extract(r.data, '$.merchant_id') AS merchant
  FROM record r WHERE r.entity = 'plan' {{restrict}}
) WHERE new IS NOT NULL AND at IS NOT NULL AND merchant IS NOT {_ME} AND (
  EXISTS (SELECT 1 FROM record l WHERE l.entity = 'listing'
          AND json_extract(l.data, '$.product_id') = pid)
  OR EXISTS (SELECT 1 FROM record a WHERE a.entity = 'application'
             AND json_extract(a.data, '$.plan_id') = plan_key
             AND json_extract(a.data, '$.status') IN {_OPEN}
             AND coalesce(json_extract(a.data, '$.creator_id'), {_ME}) = {_ME})
)
"""

SCHEMA = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        id INTEGER PRIMARY KEY, plan_id TEXT NOT NULL, product_id TEXT,
        old_ppm INTEGER, new_ppm INTEGER NOT NULL, effective_at TEXT NOT NULL,
        noticed_at TEXT NOT NULL, read_at TEXT,
        UNIQUE (plan_id, new_ppm, effective_at)
    )""",
    f"CREATE INDEX IF NOT EXISTS cut_alert_unread ON {TABLE} (read_at) WHERE read_at IS NULL",
]
"""The cache schema step: the table (filled from the plans already cached by :func:`fill`)."""


def schema_step(conn: sqlite3.Connection) -> None:
    """Make the table and take in the cuts under notice the cache already holds."""
    for statement in SCHEMA:
        conn.execute(statement)
    conn.execute(_INSERT.format(restrict=""), {"now": _iso(datetime.now(UTC))})


class AlertState(StrEnum):
    NOTICE = "notice"  # under notice: my rate falls on ``effective_at``
    IN_FORCE = "in_force"  # the new rate is my rate now
    WITHDRAWN = "withdrawn"  # raised again, cut anew (another alert), or the plan is gone


@dataclass(frozen=True)
class AffectedListing:
    id: str
    channel_id: str
    channel_name: str


@dataclass(frozen=True)
class CutAlert:
    id: int
    plan_id: str
    product_id: str
    title: str
    shop_name: str
    plan_type: str
    old_ppm: int | None
    new_ppm: int
    effective_at: str
    noticed_at: str
    read: bool
    state: AlertState
    applied: bool  # I hold an open application to the plan
    listings: tuple[AffectedListing, ...]


def capture(cache: Cache, changed: Changed) -> list[int]:
    """Alerts for the cuts that a write's ``changed`` rows may have brought to me: its plans,
    the plans of its applications, and the plans of the products of its listings. Run in the
    write's transaction; returns the new alerts' ids (also noted as ``cut_alert`` changes)."""
    if not (changed.ids("plan") or changed.ids("application") or changed.ids("listing")):
        return []
    if not tables.exists(cache.conn, TABLE):
        return []  # a cache opened at an older schema: its step takes them in
    plans = set(changed.ids("plan"))
    plans |= _field_of(cache, "application", changed.ids("application"), "plan_id")
    products = _field_of(cache, "listing", changed.ids("listing"), "product_id")
    plans |= _plans_of_products(cache, products)
    if not plans:
        return []
    before = _last_id(cache)
    ids = sorted(plans)
    now = _iso(datetime.now(UTC))
    sql = _INSERT.format(restrict="AND r.id IN ({marks})").replace(":now", "?")
    for _done in _chunks(cache.conn, sql, ids, now):  # :now comes first in the text
        pass
    new = [
        int(i)
        for (i,) in cache.conn.execute(
            f"SELECT id FROM {TABLE} WHERE id > ? ORDER BY id", (before,)
        )
    ]
    for alert_id in new:
        changed.add(ENTITY, str(alert_id))
    return new


def _field_of(cache: Cache, entity: str, ids: Iterable[str], key: str) -> set[str]:
    sql = f"SELECT json_extract(data, '$.{key}') FROM record WHERE entity = ? AND id IN ({{marks}})"
    return {
        str(value)
        for rows in _chunks(cache.conn, sql, list(ids), entity)
        for (value,) in rows
        if value is not None
    }


def _plans_of_products(cache: Cache, products: set[str]) -> set[str]:
    sql = (
        "SELECT id FROM record INDEXED BY record_plan_product WHERE entity = 'plan' "
        "AND json_extract(data, '$.product_id') IN ({marks})"
    )
    return {str(i) for rows in _chunks(cache.conn, sql, sorted(products)) for (i,) in rows}


def _chunks(
    conn: sqlite3.Connection, sql: str, values: Sequence[Any], *before: Any
) -> Iterator[sqlite3.Cursor]:
    """``sql`` once per chunk of ``values`` (its ``{marks}``: the chunk's placeholders), with
    ``before`` bound ahead of the chunk; yields each statement's cursor."""
    for start in range(0, len(values), _CHUNK):
        chunk = list(values[start : start + _CHUNK])
        yield conn.execute(sql.format(marks=", ".join("?" * len(chunk))), [*before, *chunk])


def _last_id(cache: Cache) -> int:
    return int(cache.conn.execute(f"SELECT coalesce(max(id), 0) FROM {TABLE}").fetchone()[0])


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# --- reading ---------------------------------------------------------------------------------------


def unread_count(cache: Cache) -> int:
    """Alerts not read yet (the window's bell)."""
    if not tables.exists(cache.conn, TABLE):
        return 0
    row = cache.conn.execute(f"SELECT count(*) FROM {TABLE} WHERE read_at IS NULL").fetchone()
    return int(row[0])


def alerts(cache: Cache, *, now: datetime | None = None, limit: int = 500) -> list[CutAlert]:
    """The alerts, unread first, then the newest notice first; each with its state now and the
    listings of mine it touches."""
    if not tables.exists(cache.conn, TABLE):
        return []
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    me = cache.account_id
    rows = cache.conn.execute(
        f"SELECT a.id, a.plan_id, coalesce(a.product_id, ''), a.old_ppm, a.new_ppm, "
        f"a.effective_at, a.noticed_at, a.read_at, coalesce(p.title, ''), "
        f"coalesce(p.shop_name, ''), r.data FROM {TABLE} a "
        f"LEFT JOIN product p ON p.id = a.product_id "
        f"LEFT JOIN record r ON r.entity = 'plan' AND r.id = a.plan_id "
        f"ORDER BY a.read_at IS NOT NULL, a.id DESC LIMIT ?",
        (limit,),
    ).fetchall()
    listings = _listings_of(cache, {str(r[2]) for r in rows})
    applied = _applied_plans(cache, {str(r[1]) for r in rows})
    out = []
    for aid, plan_id, pid, old, new, at, noticed, read_at, title, shop, data in rows:
        plan = orjson.loads(data) if data else None
        out.append(
            CutAlert(
                id=int(aid),
                plan_id=str(plan_id),
                product_id=str(pid),
                title=str(title),
                shop_name=str(shop),
                plan_type=str((plan or {}).get("plan_type") or ""),
                old_ppm=None if old is None else int(old),
                new_ppm=int(new),
                effective_at=str(at),
                noticed_at=str(noticed),
                read=read_at is not None,
                state=_state(plan, int(new), str(at), moment, me),
                applied=str(plan_id) in applied,
                listings=tuple(listings.get(str(pid), ())),
            )
        )
    return out


def _state(plan: dict[str, Any] | None, new: int, at: str, now: datetime, me: str) -> AlertState:
    if plan is None:
        return AlertState.WITHDRAWN
    if plan.get("pending_rate_ppm") == new and plan.get("pending_at") == at:
        due = datetime.fromisoformat(at.replace("Z", "+00:00"))
        return AlertState.IN_FORCE if due <= now else AlertState.NOTICE
    if plan.get("pending_rate_ppm") is None and _my_rate(plan, me) == new:
        return AlertState.IN_FORCE
    return AlertState.WITHDRAWN


def _my_rate(plan: dict[str, Any], me: str) -> int | None:
    if plan.get("plan_type") != PlanType.GENERAL.value:
        for named in plan.get("creators") or []:
            if isinstance(named, dict) and named.get("creator_id") == me:
                return int(named["rate_ppm"])
    rate = plan.get("rate_ppm")
    return None if rate is None else int(rate)


def _listings_of(cache: Cache, products: set[str]) -> dict[str, list[AffectedListing]]:
    out: dict[str, list[AffectedListing]] = {}
    sql = (
        "SELECT l.id, json_extract(l.data, '$.product_id'), "
        "json_extract(l.data, '$.channel_id'), coalesce(json_extract(c.data, '$.name'), '') "
        "FROM record l INDEXED BY record_listing_product "
        "LEFT JOIN record c ON c.entity = 'channel' "
        "AND c.id = json_extract(l.data, '$.channel_id') "
        "WHERE l.entity = 'listing' AND json_extract(l.data, '$.product_id') IN ({marks}) "
        "ORDER BY 4, l.id"
    )
    for rows in _chunks(cache.conn, sql, sorted(p for p in products if p)):
        for listing_id, product_id, channel_id, name in rows:
            out.setdefault(str(product_id), []).append(
                AffectedListing(str(listing_id), str(channel_id), str(name))
            )
    return out


def _applied_plans(cache: Cache, plan_ids: set[str]) -> set[str]:
    sql = (
        "SELECT json_extract(data, '$.plan_id') FROM record WHERE entity = 'application' "
        "AND json_extract(data, '$.plan_id') IN ({marks}) "
        f"AND json_extract(data, '$.status') IN {_OPEN}"
    )
    return {str(i) for rows in _chunks(cache.conn, sql, sorted(plan_ids)) for (i,) in rows}


# --- writing -------------------------------------------------------------------------------------


KEPT = ("plan_id", "product_id", "old_ppm", "new_ppm", "effective_at", "noticed_at", "read_at")
"""The columns a rebuilt cache takes over from a damaged one (:func:`carry_over`)."""


def carry_over(cache: Cache, rows: Iterable[Sequence[Any]]) -> int:
    """Alerts read from a damaged cache (:data:`KEPT`, in order) into the rebuilt one, in the
    caller's write transaction; returns how many were taken. Each is matched by plan, new rate
    and date: one already here keeps its row and takes the read mark (and the earlier notice)
    over; a row that makes no sense (damage read back as other types) is skipped."""
    sql = (
        f"INSERT INTO {TABLE} ({', '.join(KEPT)}) VALUES ({', '.join('?' * len(KEPT))}) "
        "ON CONFLICT (plan_id, new_ppm, effective_at) DO UPDATE SET "
        f"read_at = coalesce({TABLE}.read_at, excluded.read_at), "
        f"noticed_at = min({TABLE}.noticed_at, excluded.noticed_at)"
    )
    taken = 0
    for row in rows:
        plan_id, product_id, old, new, at, noticed, read_at = row
        texts = all(isinstance(v, str) for v in (plan_id, at, noticed))
        numbers = isinstance(new, int) and (old is None or isinstance(old, int))
        if not (texts and numbers and isinstance(read_at, str | None)):
            continue
        if not isinstance(product_id, str | None):
            continue
        cache.conn.execute(sql, (plan_id, product_id, old, new, at, noticed, read_at))
        taken += 1
    return taken


def mark_read(cache: Cache, alert_ids: Sequence[int] | None = None) -> int:
    """Mark these alerts read (None: every unread one); in the caller's write transaction.
    Returns how many changed; each is noted as a ``cut_alert`` change."""
    now = _iso(datetime.now(UTC))
    if alert_ids is None:
        ids = [
            int(i) for (i,) in cache.conn.execute(f"SELECT id FROM {TABLE} WHERE read_at IS NULL")
        ]
    else:
        ids = list(alert_ids)
    sql = f"UPDATE {TABLE} SET read_at = ? WHERE read_at IS NULL AND id IN ({{marks}})"
    done = sum(cur.rowcount for cur in _chunks(cache.conn, sql, ids, now))
    for alert_id in ids:
        cache.note(ENTITY, str(alert_id))
    return done
