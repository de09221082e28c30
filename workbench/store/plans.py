"""What a creator's Plans page reads (推广计划): every plan I can use, my invitations and a
plan's commission history (my applications: ``store/applications.py``; samples:
``store/samples.py``).

A plan row: product, shop (the merchant as creators know it), type, **my** rate (a targeted or
exclusive plan names its own rate for me; the server sends me only my own terms) and the
commission per sale it gives at the product's price, the period, the state, and a pending cut
("rate falls from X to Y on DATE", issue 10 item 4). The rate *in force* is the pending one once
its date has passed, even before the server's change arrives. Filters (type, rate, ending soon,
on my channels or not) and the order are SQL over the cache; **invitations** (a targeted or
exclusive plan naming me that I have not applied to) come first, and are counted for the rail.

Everything here is a read of the cache: call it on a reader lane, never the GUI thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workbench.core.enums import PlanStatus, PlanType

if TYPE_CHECKING:
    from workbench.store.cache import Cache

ENDING_SOON_DAYS = 7


class PlanSort(StrEnum):
    RATE = "rate"  # my rate in force, best first
    PER_SALE = "per_sale"  # commission per sale, best first
    ENDING = "ending"  # ending soonest first
    NEWEST = "newest"  # latest begin first


class PlanState(StrEnum):
    UPCOMING = "upcoming"
    RUNNING = "running"
    ENDED = "ended"


@dataclass(frozen=True)
class PlanFilter:
    plan_type: PlanType | None = None
    min_rate_ppm: int | None = None
    max_rate_ppm: int | None = None
    ending_within_days: int | None = None  # running plans ending within this many days
    on_my_channels: bool | None = None  # True: listed on one of my channels; False: not
    include_ended: bool = False
    sort: PlanSort = PlanSort.RATE


@dataclass(frozen=True)
class PlanRow:
    id: str
    product_id: str
    title: str
    shop_name: str
    merchant_id: str
    plan_type: PlanType
    rate_ppm: int  # my rate in force now
    per_sale_fen: int  # commission per sale at the product's price, at my rate in force
    price_fen: int
    begin_at: str
    end_at: str
    state: PlanState
    pending_rate_ppm: int | None  # a cut under notice (None: none pending)
    pending_at: str | None
    invitation: bool  # names me, and I have not applied
    on_my_channels: bool
    version: int
    pending: bool  # an edit of mine on it waits for the server


def _now(now: datetime | None) -> str:
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# One row per plan the cache holds, from its typed terms (``plan_terms.py``: ``named_ppm`` is my
# rate, the cut and the period typed), so filters and the order run on columns, not on every
# plan's JSON (244 ms p95 for the first 200 rows at 50,000 plans). "Applied to" and "on my
# channels" are uncorrelated IN lists, built once per query from the indexes on the application
# plan and the listing product (a correlated EXISTS read every application per plan). Only the
# window's rows are joined to their JSON and product afterwards (``_WINDOW``; CROSS JOIN: the
# window first, whatever the statistics say, never a walk of every plan's record row).
_BASE = """
WITH q AS (
  SELECT t.id, t.product_id, t.plan_type, t.begin_j, t.end_j, t.named_ppm AS named, t.cut_j,
    CASE WHEN t.cut_j <= julianday(:now) THEN t.cut_ppm ELSE t.named_ppm END AS rate_now,
    CASE WHEN t.status = :delisted OR t.end_j <= julianday(:now) THEN 'ended'
      WHEN t.status = :pending_effect OR t.begin_j > julianday(:now) THEN 'upcoming'
      ELSE 'running' END AS state,
    (t.plan_type <> 'general' AND t.id NOT IN (
       SELECT json_extract(a.data, '$.plan_id') FROM record AS a
       WHERE a.entity = 'application' AND json_extract(a.data, '$.plan_id') IS NOT NULL
    )) AS invitation,
    (t.product_id IN (
       SELECT json_extract(l.data, '$.product_id') FROM record AS l WHERE l.entity = 'listing'
    )) AS on_mine
  FROM plan_term AS t
)
"""

# The sort key of each order (``w``: a row of the window's query, ``pr``: its product) and
# whether it runs high to low.
_ORDER = {
    PlanSort.RATE: ("q.rate_now", "DESC"),
    PlanSort.PER_SALE: ("(coalesce(pr.price_fen, 0) * q.rate_now)", "DESC"),
    PlanSort.ENDING: ("q.end_j", "ASC"),
    PlanSort.NEWEST: ("q.begin_j", "DESC"),
}

_WINDOW = """
SELECT w.id, w.product_id, coalesce(pr.title, ''), coalesce(pr.shop_name, ''),
  json_extract(r.data, '$.merchant_id'), w.plan_type, w.rate_now,
  (coalesce(pr.price_fen, 0) * w.rate_now + 500000) / 1000000, coalesce(pr.price_fen, 0),
  json_extract(r.data, '$.begin_at'), json_extract(r.data, '$.end_at'), w.state,
  json_extract(r.data, '$.pending_rate_ppm'), json_extract(r.data, '$.pending_at'),
  w.invitation, w.on_mine, r.version, r.pending
FROM ({inner}) AS w
CROSS JOIN record AS r ON r.entity = 'plan' AND r.id = w.id
LEFT JOIN product AS pr ON pr.id = w.product_id
ORDER BY w.invitation DESC, w.sort_key {direction}, w.id
"""


def _where(f: PlanFilter, args: dict[str, Any], now: datetime | None) -> str:
    parts = ["1"]
    if not f.include_ended:
        parts.append("q.state <> 'ended'")
    if f.plan_type is not None:
        parts.append("q.plan_type = :plan_type")
        args["plan_type"] = f.plan_type.value
    if f.min_rate_ppm is not None:
        parts.append("q.rate_now >= :min_rate")
        args["min_rate"] = f.min_rate_ppm
    if f.max_rate_ppm is not None:
        parts.append("q.rate_now <= :max_rate")
        args["max_rate"] = f.max_rate_ppm
    if f.ending_within_days is not None:
        parts.append("q.state = 'running' AND q.end_j <= julianday(:soon)")
        moment = (now or datetime.now(UTC)) + timedelta(days=f.ending_within_days)
        args["soon"] = _now(moment)
    if f.on_my_channels is not None:
        parts.append("q.on_mine" if f.on_my_channels else "NOT q.on_mine")
    return " AND ".join(parts)


def _args(cache: Cache, now: datetime | None) -> dict[str, Any]:
    return {
        "now": _now(now),
        "delisted": PlanStatus.DELISTED.value,
        "pending_effect": PlanStatus.PENDING_EFFECT.value,
    }


def my_plans(
    cache: Cache,
    f: PlanFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
    now: datetime | None = None,
) -> list[PlanRow]:
    """A window of the plans I can use: invitations first, then in ``f.sort`` order."""
    f = f or PlanFilter()
    args = _args(cache, now)
    key, direction = _ORDER[f.sort]
    where = _where(f, args, now)
    # Targeted and exclusive plans are the few that name me: sorting them all costs less than
    # the walk (which would pass every invitation among them to find the others).
    walk = f.sort is PlanSort.RATE and f.plan_type in (None, PlanType.GENERAL)
    ids = _by_rate(cache, where, args, offset + limit) if walk else None
    if ids is not None:
        inner = f"SELECT q.*, {key} AS sort_key FROM q WHERE q.id IN (SELECT value FROM json_each(:ids))"
        args["ids"] = json.dumps(ids[offset : offset + limit])
    else:
        product = "LEFT JOIN product AS pr ON pr.id = q.product_id" if "pr." in key else ""
        inner = (
            f"SELECT q.*, {key} AS sort_key FROM q {product} WHERE {where} "
            f"ORDER BY q.invitation DESC, sort_key {direction}, q.id LIMIT :limit OFFSET :offset"
        )
        args.update(limit=limit, offset=offset)
    sql = _BASE + _WINDOW.format(inner=inner, direction=direction)
    return [_row(r) for r in cache.conn.execute(sql, args)]


_INVITING = tuple(t.value for t in PlanType if t is not PlanType.GENERAL)


def _by_rate(cache: Cache, where: str, args: dict[str, Any], count: int) -> list[str] | None:
    """The first ``count`` plan ids in the page's rate order (invitations first, then my rate in
    force, best first, then id) without sorting every plan: the invitations (plans that are not
    general: ``plan_term_kind``), the others without a cut in force in the order of the rate
    they name (``plan_term_rate``, walked until ``count`` are found) and the few with one
    (``plan_term_cut``), merged. ``None``: a rate is not a number, so the order is SQL's own."""
    kinds = ", ".join(f"'{kind}'" for kind in _INVITING)
    parts = (
        f"q.invitation AND q.plan_type IN ({kinds}) ORDER BY q.rate_now DESC, q.id",
        "NOT q.invitation AND NOT coalesce(q.cut_j <= julianday(:now), 0) "
        "ORDER BY q.named DESC, q.id",
        "NOT q.invitation AND q.cut_j <= julianday(:now) ORDER BY q.rate_now DESC, q.id",
    )
    found = []
    for part in parts:
        sql = f"{_BASE} SELECT q.id, q.rate_now FROM q WHERE {where} AND {part} LIMIT :count"
        found.append(cache.conn.execute(sql, {**args, "count": count}).fetchall())
    invited, rest = found[0], found[1] + found[2]
    if any(rate is not None and not isinstance(rate, int | float) for _i, rate in rest):
        return None
    rest.sort(key=lambda row: (row[1] is None, -(row[1] or 0), row[0]))  # NULL last, as SQL
    return [str(plan_id) for plan_id, _rate in [*invited, *rest][:count]]


def count_plans(cache: Cache, f: PlanFilter | None = None, *, now: datetime | None = None) -> int:
    f = f or PlanFilter()
    args = _args(cache, now)
    sql = f"{_BASE} SELECT count(*) FROM q WHERE {_where(f, args, now)}"
    return int(cache.conn.execute(sql, args).fetchone()[0])


def invitation_count(cache: Cache, *, now: datetime | None = None) -> int:
    """Targeted and exclusive plans naming me, not ended, that I have not applied to (the rail)."""
    args = _args(cache, now)
    sql = f"{_BASE} SELECT count(*) FROM q WHERE q.invitation AND q.state <> 'ended'"
    return int(cache.conn.execute(sql, args).fetchone()[0])


def _row(r: Any) -> PlanRow:
    return PlanRow(
        id=str(r[0]),
        product_id=str(r[1]),
        title=str(r[2]),
        shop_name=str(r[3]),
        merchant_id=str(r[4]),
        plan_type=PlanType(r[5]),
        rate_ppm=int(r[6] or 0),
        per_sale_fen=int(r[7] or 0),
        price_fen=int(r[8]),
        begin_at=str(r[9]),
        end_at=str(r[10]),
        state=PlanState(r[11]),
        pending_rate_ppm=None if r[12] is None else int(r[12]),
        pending_at=None if r[13] is None else str(r[13]),
        invitation=bool(r[14]),
        on_my_channels=bool(r[15]),
        version=int(r[16]),
        pending=bool(r[17]),
    )


@dataclass(frozen=True)
class RateSeen:
    rate_ppm: int
    seen_at: str
    effective_at: str | None  # a cut under notice: in force from then (None: when seen)


def commission_history(cache: Cache, plan_id: str) -> list[RateSeen]:
    """Every rate of a plan the cache has seen, pending cuts included, in the order seen."""
    rows = cache.conn.execute(
        "SELECT rate_ppm, seen_at, effective_at FROM commission_history "
        "WHERE subject = 'plan' AND subject_id = ? ORDER BY id",
        (plan_id,),
    )
    return [RateSeen(int(r), str(s), e) for r, s, e in rows]
