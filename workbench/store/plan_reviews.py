"""What a merchant's plan pages read: my plans, and the application and sample review queues.

Each queue row carries the creator's summary as this merchant can know it from its own cache:
their name (the feed's creator profile), the channel kinds the creator sold my products through and their sales of my products in the
last 90 days (my orders name the creator and each line's channel kind), and their sample
fulfilment rate with me (fulfilled ÷ fulfilled + overdue; ``None`` before any content was due).
Filters and order are SQL; reads only, for a reader lane.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core.enums import PlanStatus, PlanType
from workbench.store.creator_names import creator_names

if TYPE_CHECKING:
    from workbench.store.cache import Cache

SUMMARY_DAYS = 90


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class MerchantPlanRow:
    id: str
    product_id: str
    title: str
    plan_type: PlanType
    rate_ppm: int
    pending_rate_ppm: int | None
    pending_at: str | None
    begin_at: str
    end_at: str
    status: PlanStatus
    creators: int  # named creators (targeted / exclusive)
    pending: bool


def merchant_plans(
    cache: Cache,
    *,
    plan_type: PlanType | None = None,
    live_only: bool = False,
    offset: int = 0,
    limit: int = 200,
    now: datetime | None = None,
) -> list[MerchantPlanRow]:
    """My plans, newest first (a live plan before an ended one when ``live_only`` is off)."""
    args: dict[str, Any] = {"now": _iso(now or datetime.now(UTC)), "limit": limit, "offset": offset}
    where = ["r.entity = 'plan'"]
    if plan_type is not None:
        where.append("json_extract(r.data, '$.plan_type') = :type")
        args["type"] = plan_type.value
    if live_only:
        where.append(
            f"json_extract(r.data, '$.status') <> {PlanStatus.DELISTED.value} "
            "AND julianday(json_extract(r.data, '$.end_at')) > julianday(:now)"
        )
    sql = (
        "SELECT r.id, r.data, r.pending, coalesce(pr.title, '') FROM record AS r "
        "LEFT JOIN product AS pr ON pr.id = json_extract(r.data, '$.product_id') "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY julianday(json_extract(r.data, '$.created_at')) DESC, r.id "
        "LIMIT :limit OFFSET :offset"
    )
    out = []
    for plan_id, data, pending, title in cache.conn.execute(sql, args):
        p = json.loads(data)
        out.append(
            MerchantPlanRow(
                id=str(plan_id),
                product_id=str(p["product_id"]),
                title=str(title),
                plan_type=PlanType(p["plan_type"]),
                rate_ppm=int(p["rate_ppm"]),
                pending_rate_ppm=p.get("pending_rate_ppm"),
                pending_at=p.get("pending_at"),
                begin_at=str(p["begin_at"]),
                end_at=str(p["end_at"]),
                status=PlanStatus(p["status"]),
                creators=len(p.get("creators") or []),
                pending=bool(pending),
            )
        )
    return out


@dataclass(frozen=True)
class CreatorSummary:
    creator_id: str
    channel_kinds: list[str]  # kinds they sold my products through, most sales first
    sales_fen: int  # paid for my products through them, last 90 days
    orders: int
    fulfilment: float | None  # fulfilled ÷ (fulfilled + overdue) of their samples with me
    name: str | None = None  # as the feed's creator profile says; None until it arrives


def creator_summaries(
    cache: Cache, creator_ids: list[str], *, now: datetime | None = None
) -> dict[str, CreatorSummary]:
    """The review queues' creator summary for each of ``creator_ids``."""
    wanted = list(dict.fromkeys(creator_ids))
    if not wanted:
        return {}
    since = _iso((now or datetime.now(UTC)) - timedelta(days=SUMMARY_DAYS))
    marks = ",".join("?" * len(wanted))
    sales: dict[str, list[int]] = {c: [0, 0] for c in wanted}
    kinds: dict[str, dict[str, int]] = {c: {} for c in wanted}
    lines = (  # the typed order lines (store/orders.py)
        "SELECT creator_id, order_id, channel_kind, paid_fen, refund_fen FROM order_line "
        f"WHERE creator_id IN ({marks}) AND julianday(created_at) >= julianday(?)"
    )
    seen: set[str] = set()
    for creator_id, order_id, kind, paid, refund in cache.conn.execute(lines, [*wanted, since]):
        sales[creator_id][0] += int(paid) - int(refund)
        if order_id not in seen:
            seen.add(order_id)
            sales[creator_id][1] += 1
        if kind:
            by_kind = kinds[creator_id]
            by_kind[kind] = by_kind.get(kind, 0) + int(paid)
    done: dict[str, list[int]] = {c: [0, 0] for c in wanted}
    samples = (
        "SELECT json_extract(s.data, '$.creator_id'), json_extract(s.data, '$.status') "
        f"FROM record AS s WHERE s.entity = 'sample' "
        f"AND json_extract(s.data, '$.creator_id') IN ({marks}) "
        "AND json_extract(s.data, '$.status') IN ('fulfilled', 'overdue')"
    )
    for creator_id, status in cache.conn.execute(samples, wanted):
        done[creator_id][0 if status == "fulfilled" else 1] += 1
    known = creator_names(cache, wanted)
    return {
        c: CreatorSummary(
            creator_id=c,
            channel_kinds=sorted(kinds[c], key=lambda k: -kinds[c][k]),
            sales_fen=sales[c][0],
            orders=sales[c][1],
            fulfilment=done[c][0] / sum(done[c]) if sum(done[c]) else None,
            name=known.get(c),
        )
        for c in wanted
    }


@dataclass(frozen=True)
class QueueRow:
    id: str
    entity: str  # application | sample
    creator_id: str
    product_id: str
    title: str
    status: str
    created_at: str
    rate_ppm: int | None  # an application's terms
    message: str
    tracking_no: str | None
    content_due_at: str | None
    overdue: bool
    summary: CreatorSummary
    pending: bool


def queue(
    cache: Cache,
    entity: str,
    *,
    statuses: tuple[str, ...] = ("pending", "requested"),
    product_id: str | None = None,
    creator_id: str | None = None,
    offset: int = 0,
    limit: int = 200,
    now: datetime | None = None,
) -> list[QueueRow]:
    """A review queue (``entity``: application or sample), oldest request first."""
    if entity not in ("application", "sample"):
        raise ValueError(f"no review queue of {entity}")
    moment = now or datetime.now(UTC)
    where = [
        "r.entity = ?",
        f"json_extract(r.data, '$.status') IN ({','.join('?' * len(statuses))})",
    ]
    args: list[Any] = [entity, *statuses]
    if product_id is not None:
        where.append("json_extract(r.data, '$.product_id') = ?")
        args.append(product_id)
    if creator_id is not None:
        where.append("json_extract(r.data, '$.creator_id') = ?")
        args.append(creator_id)
    sql = (
        "SELECT r.id, r.data, r.pending, coalesce(pr.title, '') FROM record AS r "
        "LEFT JOIN product AS pr ON pr.id = json_extract(r.data, '$.product_id') "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY julianday(json_extract(r.data, '$.created_at')), r.id LIMIT ? OFFSET ?"
    )
    rows = [
        (i, json.loads(d), p, t) for i, d, p, t in cache.conn.execute(sql, [*args, limit, offset])
    ]
    summaries = creator_summaries(cache, [str(d["creator_id"]) for _i, d, _p, _t in rows], now=now)
    out = []
    for row_id, d, pending, title in rows:
        due = d.get("content_due_at")
        late = (
            bool(due)
            and d["status"] in ("shipped", "overdue")
            and (datetime.fromisoformat(str(due).replace("Z", "+00:00")) < moment)
        )
        out.append(
            QueueRow(
                id=str(row_id),
                entity=entity,
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
            )
        )
    return out
