"""What the merchant's pages read and queue beyond ``plan_reviews`` / ``plan_edits``.

- Plan creation checked offline, field by field, with the same ``core.plan_rules`` the server
  runs (:func:`check_draft`): every broken rule comes back as a :class:`RuleProblem` naming the
  field it belongs to, and :func:`create_plans` queues nothing while one is left.
- Plan edits (rate, creators, end) as outbox edits; the date a cut is expected to apply.
- Counts and windows of the plans table and the review queues (filters in SQL, the plan filter
  and "overdue" included), the creators known to this cache, a plan's creators with the channel
  kinds they sold its product through, and its sales by channel kind from my orders.

A merchant's cache holds no creator's channels or listings (the feed sends those only to their
creator): which channel of a creator lists a product cannot be known here, only the kinds of
channel their orders of it went through. Reads only, except the edit functions (run them through
``SyncController.edit_with``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import plan_rules
from workbench.core.enums import PlanStatus, PlanType
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import uuid7
from workbench.store.creator_names import creator_names
from workbench.store.plan_reviews import (
    MerchantPlanRow,
    QueueRow,
    creator_summaries,
    merchant_plans,
)

if TYPE_CHECKING:
    from workbench.store.cache import Cache

CUT_NOTICE_DAYS = 7  # ServerSettings.cut_notice_days' default: the server decides


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- creating plans ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Draft:
    """What the create dialog holds."""

    plan_type: PlanType
    rate_ppm: int
    begin_at: datetime
    end_at: datetime
    product_ids: tuple[str, ...]
    creator_ids: tuple[str, ...] = ()

    def payload(self, plan_ids: Sequence[str]) -> dict[str, Any]:
        return {
            "plan_ids": list(plan_ids),
            "product_ids": list(self.product_ids),
            "plan_type": self.plan_type.value,
            "rate_ppm": self.rate_ppm,
            "begin_at": _iso(self.begin_at),
            "end_at": _iso(self.end_at),
            "creator_ids": list(self.creator_ids),
        }


@dataclass(frozen=True)
class RuleProblem:
    """One broken rule: the field it belongs to (products, creators, rate, window), its code
    (the server's), and the product it is about when it is about one."""

    field: str
    code: ErrorCode
    detail: str
    product_id: str | None = None


FIELD_OF = {
    ErrorCode.TOO_MANY_PRODUCTS: "products",
    ErrorCode.TOO_MANY_CREATORS: "creators",
    ErrorCode.CREATORS_REQUIRED: "creators",
    ErrorCode.CREATORS_NOT_ALLOWED: "creators",
    ErrorCode.RATE_OUT_OF_RANGE: "rate",
    ErrorCode.PLAN_WINDOW_INVALID: "window",
}


def existing_plans(
    cache: Cache, product_ids: Sequence[str]
) -> dict[str, list[plan_rules.ExistingPlan]]:
    """The plans already on each product (confirmed and pending), as the coexistence rule needs."""
    found: dict[str, list[plan_rules.ExistingPlan]] = {p: [] for p in product_ids}
    wanted = list(found)
    for start in range(0, len(wanted), 400):
        chunk = wanted[start : start + 400]
        sql = (
            "SELECT data FROM record WHERE entity = 'plan' "
            f"AND json_extract(data, '$.product_id') IN ({','.join('?' * len(chunk))})"
        )
        for (data,) in cache.conn.execute(sql, chunk):
            p = json.loads(data)
            found[str(p["product_id"])].append(
                plan_rules.ExistingPlan(
                    PlanType(p["plan_type"]),
                    PlanStatus(p["status"]),
                    _moment(str(p["begin_at"])),
                    _moment(str(p["end_at"])),
                )
            )
    return found


def check_draft(cache: Cache, draft: Draft, now: datetime | None = None) -> list[RuleProblem]:
    """Every rule the draft breaks, each beside its field (empty: the server will take it)."""
    moment = now or datetime.now(UTC)
    problems: list[RuleProblem] = []

    def run(check: Any, *args: Any, where: str, product_id: str | None = None) -> None:
        try:
            check(*args)
        except DomainError as err:
            spot = FIELD_OF.get(err.code, where)
            problems.append(RuleProblem(spot, err.code, str(err), product_id))

    run(plan_rules.check_batch, draft.product_ids, draft.creator_ids, where="products")
    run(plan_rules.check_creators_for_type, draft.plan_type, draft.creator_ids, where="creators")
    run(plan_rules.check_rate, draft.rate_ppm, where="rate")
    run(plan_rules.check_window, draft.begin_at, draft.end_at, where="window")
    if len(draft.product_ids) <= plan_rules.MAX_PRODUCTS_PER_CALL:
        plans = existing_plans(cache, draft.product_ids)
        for product_id in dict.fromkeys(draft.product_ids):
            run(
                plan_rules.check_coexistence,
                draft.plan_type,
                plans.get(product_id, []),
                moment,
                where="products",
                product_id=product_id,
            )
    return problems


def create_plans(cache: Cache, draft: Draft, now: datetime | None = None) -> list[str]:
    """Queue the plans of ``draft`` (one per product) as one ``plan.create``; the first broken
    rule is raised with its code and nothing is queued."""
    problems = check_draft(cache, draft, now)
    if problems:
        first = problems[0]
        raise DomainError(first.code, first.detail)
    plan_ids = [uuid7() for _ in draft.product_ids]
    cache.enqueue("plan.create", plan_ids[0], draft.payload(plan_ids))
    return plan_ids


# --- editing plans ----------------------------------------------------------------------------
def _plan(cache: Cache, plan_id: str) -> dict[str, Any]:
    row = cache.get("plan", plan_id)
    if row is None:
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such plan: {plan_id}")
    return row


def cut_date(now: datetime | None = None, days: int = CUT_NOTICE_DAYS) -> datetime:
    """When the server is expected to apply a cut sent now (its notice period: a server rule)."""
    return (now or datetime.now(UTC)) + timedelta(days=days)


def set_rate(cache: Cache, plan_id: str, rate_ppm: int) -> bool:
    """Queue a new rate; True when it is a cut (the server may hold it for the notice)."""
    plan_rules.check_rate(rate_ppm)
    plan = _plan(cache, plan_id)
    if plan["status"] in (PlanStatus.DELISTED.value, PlanStatus.DELETED.value):
        raise DomainError(ErrorCode.PLAN_NOT_ACTIVE, "the plan has ended")
    cache.enqueue("plan.update", plan_id, {"rate_ppm": rate_ppm}, plan.get("version"))
    return rate_ppm < int(plan["rate_ppm"])


def change_creators(cache: Cache, plan_id: str, add: Sequence[str], remove: Sequence[str]) -> None:
    """Name more creators on a targeted or exclusive plan, or fewer (never none)."""
    plan = _plan(cache, plan_id)
    if plan["plan_type"] == PlanType.GENERAL.value:
        raise DomainError(ErrorCode.CREATORS_NOT_ALLOWED, "a general plan is open to every creator")
    if len(add) + len(remove) > plan_rules.MAX_CREATORS_PER_CALL:
        raise DomainError(ErrorCode.TOO_MANY_CREATORS, "at most 30 creators per change")
    named = {str(c["creator_id"]) for c in plan.get("creators") or []}
    if not (named | set(add)) - set(remove):
        raise DomainError(ErrorCode.CREATORS_REQUIRED, "a targeted plan names creators")
    payload = {"add_creator_ids": list(add), "remove_creator_ids": list(remove)}
    cache.enqueue("plan.update", plan_id, payload)


def end_plan(cache: Cache, plan_id: str) -> None:
    _plan(cache, plan_id)
    cache.enqueue("plan.end", plan_id, {})


# --- reading ----------------------------------------------------------------------------------
def my_products(
    cache: Cache, merchant_id: str, text: str = "", limit: int = 300
) -> list[tuple[str, str]]:
    """(id, title) of my shops' products, title filtered by ``text``."""
    sql = (
        "SELECT p.id, p.title FROM product AS p JOIN shop AS s ON s.id = p.shop_id "
        "WHERE s.merchant_id = ? AND p.title LIKE ? ORDER BY p.monthly_sales DESC, p.id LIMIT ?"
    )
    rows = cache.conn.execute(sql, (merchant_id, f"%{text}%", limit))
    return [(str(i), str(t)) for i, t in rows]


def known_creators(cache: Cache) -> list[tuple[str, str | None]]:
    """Creators this cache knows of, with their names where known (named ones first, by name):
    profiles in the feed, applications, samples, orders and plans naming them."""
    found: dict[str, None] = {}
    for (creator_id,) in cache.conn.execute("SELECT id FROM record WHERE entity = 'creator'"):
        found[str(creator_id)] = None
    sql = (
        "SELECT DISTINCT json_extract(data, '$.creator_id') FROM record "
        "WHERE entity IN ('application', 'sample', 'order') "
        "AND json_extract(data, '$.creator_id') IS NOT NULL"
    )
    for (creator_id,) in cache.conn.execute(sql):
        found[str(creator_id)] = None
    named = (
        "SELECT DISTINCT json_extract(c.value, '$.creator_id') FROM record AS r, "
        "json_each(r.data, '$.creators') AS c WHERE r.entity = 'plan'"
    )
    for (creator_id,) in cache.conn.execute(named):
        found[str(creator_id)] = None
    names = creator_names(cache, found)
    return sorted(
        ((c, names.get(c)) for c in found),
        key=lambda pair: (pair[1] is None, pair[1] or "", pair[0]),
    )


def plan_count(cache: Cache, plan_type: PlanType | None = None) -> int:
    """How many plans (of one type): counted in an index, not by reading the plans' JSON."""
    if plan_type is None:
        sql = "SELECT count(*) FROM record INDEXED BY record_plan_created WHERE entity = 'plan'"
        return int(cache.conn.execute(sql).fetchone()[0])
    sql = (
        "SELECT count(*) FROM record INDEXED BY record_plan_type WHERE entity = 'plan' "
        "AND json_extract(data, '$.plan_type') = ?"
    )
    return int(cache.conn.execute(sql, (plan_type.value,)).fetchone()[0])


def plan_window(
    cache: Cache, plan_type: PlanType | None, offset: int, limit: int
) -> list[MerchantPlanRow]:
    return merchant_plans(cache, plan_type=plan_type, offset=offset, limit=limit)


@dataclass(frozen=True)
class PlanCreator:
    creator_id: str
    kinds: list[str]  # channel kinds their orders of the product went through, most sales first
    sales_fen: int
    orders: int
    name: str | None = None  # the creator's name, once their profile reached this cache


@dataclass
class PlanDetail:
    plan_id: str
    product_id: str
    plan_type: PlanType
    creators: list[PlanCreator] = field(default_factory=list)
    sales_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # fen, lines
    listings_known: bool = False  # does this cache hold creators' listings? (never, today)


def plan_detail(cache: Cache, plan_id: str) -> PlanDetail | None:
    """A plan's creators with the channel kinds they sold its product through, and its sales by
    channel kind since it began, from the orders this cache holds."""
    plan = cache.get("plan", plan_id)
    if plan is None:
        return None
    product_id = str(plan["product_id"])
    detail = PlanDetail(plan_id, product_id, PlanType(plan["plan_type"]))
    named = [str(c["creator_id"]) for c in plan.get("creators") or []]
    per: dict[str, dict[str, int]] = {}
    totals: dict[str, list[int]] = {}
    sql = (
        "SELECT creator_id, channel_kind, paid_fen - refund_fen FROM order_line "
        "WHERE product_id = ? AND julianday(created_at) >= julianday(?)"
    )
    orders: dict[str, int] = {}
    for creator_id, channel_kind, paid in cache.conn.execute(
        sql, (product_id, str(plan["begin_at"]))
    ):
        kind = str(channel_kind or "")
        entry = totals.setdefault(kind, [0, 0])
        entry[0] += int(paid)
        entry[1] += 1
        if creator_id:
            kinds = per.setdefault(str(creator_id), {})
            kinds[kind] = kinds.get(kind, 0) + int(paid)
            orders[str(creator_id)] = orders.get(str(creator_id), 0) + 1
    detail.sales_by_kind = {
        k: (v[0], v[1]) for k, v in sorted(totals.items(), key=lambda kv: -kv[1][0])
    }
    shown = (
        named
        if detail.plan_type is not PlanType.GENERAL
        else sorted(per, key=lambda c: -sum(per[c].values()))
    )
    known = creator_names(cache, shown)
    for creator_id in shown:
        kinds = per.get(creator_id, {})
        detail.creators.append(
            PlanCreator(
                creator_id,
                [k for k in sorted(kinds, key=lambda k: -kinds[k]) if k],
                sum(kinds.values()),
                orders.get(creator_id, 0),
                known.get(creator_id),
            )
        )
    detail.listings_known = (
        cache.conn.execute("SELECT 1 FROM record WHERE entity = 'listing' LIMIT 1").fetchone()
        is not None
    )
    return detail


# --- review queues ----------------------------------------------------------------------------
QUEUE_STATES = {
    "application": ("pending", "approved", "rejected", "all"),
    "sample": ("requested", "approved", "shipped", "overdue", "fulfilled", "all"),
}


@dataclass(frozen=True)
class QueueFilter:
    entity: str = "application"
    state: str = "pending"  # one of QUEUE_STATES[entity]
    plan_id: str | None = None
    product_id: str | None = None
    creator_id: str | None = None


@dataclass(frozen=True)
class ReviewRow(QueueRow):
    """A queue row with the plan an application is to (samples have none)."""

    plan_id: str | None = None


def _queue_where(flt: QueueFilter, now: datetime, *, typed: bool = False) -> tuple[str, list[Any]]:
    """The queue's rows of ``record AS r`` (``typed``: of ``review_state AS r``, by state only)."""
    if flt.entity not in QUEUE_STATES:
        raise ValueError(f"no review queue of {flt.entity}")
    where = [f"r.entity = '{flt.entity}'"]  # a literal: the partial indexes need to see it
    args: list[Any] = []
    status = "r.status" if typed else "json_extract(r.data, '$.status')"
    due = "r.due_j" if typed else "julianday(json_extract(r.data, '$.content_due_at'))"
    if flt.state == "overdue":
        where.append(f"({status} = 'overdue' OR ({status} = 'shipped' AND {due} < julianday(?)))")
        args.append(_iso(now))
    elif flt.state != "all":
        where.append(f"{status} = ?")
        args.append(flt.state)
    for key, value in (
        ("plan_id", flt.plan_id),
        ("product_id", flt.product_id),
        ("creator_id", flt.creator_id),
    ):
        if value:
            where.append(f"json_extract(r.data, '$.{key}') = ?")
            args.append(value)
    return " AND ".join(where), args


def queue_count(cache: Cache, flt: QueueFilter, now: datetime | None = None) -> int:
    """How many rows the queue has: by state alone, a range of the typed states
    (``review_states.py``); narrowed to a plan, product or creator, that index's rows."""
    typed = not (flt.plan_id or flt.product_id or flt.creator_id)
    where, args = _queue_where(flt, now or datetime.now(UTC), typed=typed)
    table = "review_state" if typed else "record"
    sql = f"SELECT count(*) FROM {table} AS r WHERE {where}"
    return int(cache.conn.execute(sql, args).fetchone()[0])


def queue_window(
    cache: Cache, flt: QueueFilter, offset: int, limit: int, now: datetime | None = None
) -> list[ReviewRow]:
    """One window of a review queue, oldest request first, with each creator's summary."""
    moment = now or datetime.now(UTC)
    where, args = _queue_where(flt, moment)
    sql = (
        "SELECT r.id, r.data, r.pending, coalesce(pr.title, '') FROM record AS r "
        "LEFT JOIN product AS pr ON pr.id = json_extract(r.data, '$.product_id') "
        f"WHERE {where} "
        "ORDER BY julianday(json_extract(r.data, '$.created_at')), r.id LIMIT ? OFFSET ?"
    )
    rows = [
        (i, json.loads(d), p, t) for i, d, p, t in cache.conn.execute(sql, [*args, limit, offset])
    ]
    summaries = creator_summaries(
        cache, [str(d["creator_id"]) for _i, d, _p, _t in rows], now=moment
    )
    out = []
    for row_id, d, pending, title in rows:
        due = d.get("content_due_at")
        late = bool(due) and d["status"] == "shipped" and _moment(str(due)) < moment
        out.append(
            ReviewRow(
                id=str(row_id),
                entity=flt.entity,
                creator_id=str(d["creator_id"]),
                product_id=str(d.get("product_id") or ""),
                title=str(title),
                status=str(d["status"]),
                created_at=str(d.get("created_at")),
                rate_ppm=d.get("plan_rate_ppm"),
                message=str(d.get("message") or d.get("note") or ""),
                tracking_no=d.get("tracking_no"),
                content_due_at=due,
                overdue=late or d["status"] == "overdue",
                summary=summaries[str(d["creator_id"])],
                pending=bool(pending),
                plan_id=d.get("plan_id"),
            )
        )
    return out


def pending_counts(cache: Cache) -> dict[str, int]:
    """Applications waiting for a decision and sample requests waiting for one or for shipping."""
    sql = (
        "SELECT entity, count(*) FROM review_state WHERE entity IN ('application', 'sample') "
        "AND status IN ('pending', 'requested', 'approved') "
        "AND NOT (entity = 'application' AND status = 'approved') GROUP BY entity"
    )
    found = {"application": 0, "sample": 0}
    for entity, count in cache.conn.execute(sql):
        found[str(entity)] = int(count)
    return found
