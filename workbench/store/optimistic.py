"""What a pending edit looks like before the server confirms it (optimistic projection).

The cache shows confirmed rows with every pending outbox edit replayed on top. This module says,
per mutation type, which rows an edit touches and how it changes one. It is a pure function of
(row, edit): a rejected edit disappears by itself when its outbox row goes and the rows are
replayed again, and no code path has to "undo" anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from workbench.core.enums import (
    ApplicationStatus,
    CreatorIdentity,
    PlanStatus,
    SampleStatus,
)
from workbench.core.workflow import SAMPLE_EXTENSION_DAYS

Row = dict[str, Any]


@dataclass(frozen=True)
class Edit:
    """A pending edit as the projection needs it."""

    type: str
    entity_id: str
    payload: dict[str, Any]
    account_id: str
    created_at: str  # ISO time of the edit, shown until the server's own time arrives


def entity_of(mutation_type: str) -> str:
    """The entity a mutation type acts on (``listing.patch`` → ``listing``)."""
    return mutation_type.split(".", 1)[0]


def touches(edit: Edit) -> list[tuple[str, str]]:
    """The (entity, id) rows an edit changes."""
    return touched_rows(edit.type, edit.entity_id, edit.payload)


def touched_rows(
    mutation_type: str, entity_id: str, payload: dict[str, Any]
) -> list[tuple[str, str]]:
    """``touches`` of an edit not made into an :class:`Edit` (queuing many at once)."""
    if mutation_type == "plan.create":
        return [("plan", plan_id) for plan_id in payload.get("plan_ids", [])]
    return [(entity_of(mutation_type), entity_id)]


def project(edit: Edit, entity: str, row_id: str, row: Row | None) -> Row | None:
    """The row after ``edit`` (None: the row is gone or cannot exist yet)."""
    rule = _RULES.get(edit.type)
    if rule is None:
        return row
    return rule(edit, row_id, row)


def _new(kind: Callable[[Edit, str], Row]) -> Callable[[Edit, str, Row | None], Row | None]:
    def make(edit: Edit, row_id: str, row: Row | None) -> Row | None:
        return row if row is not None else kind(edit, row_id)

    return make


def _patch(fields: Callable[[Edit], Row]) -> Callable[[Edit, str, Row | None], Row | None]:
    def change(edit: Edit, _row_id: str, row: Row | None) -> Row | None:
        return None if row is None else {**row, **fields(edit)}

    return change


def _gone(_edit: Edit, _row_id: str, _row: Row | None) -> Row | None:
    return None


def _channel(edit: Edit, row_id: str) -> Row:
    return {"id": row_id, "creator_id": edit.account_id, "version": 0, **edit.payload}


def _listing(edit: Edit, row_id: str) -> Row:
    blank = {"position": 0, "pinned": False, "hidden": False, "custom_title": None,
             "selling_points": None, "start_at": None, "end_at": None}  # fmt: skip
    return {**blank, "id": row_id, "creator_id": edit.account_id, "version": 0, **edit.payload}


def _favourite(edit: Edit, row_id: str) -> Row:
    return {"id": row_id, "creator_id": edit.account_id, "product_id": row_id,
            "created_at": edit.created_at, "version": 0}  # fmt: skip


def _saved_filter(edit: Edit, row_id: str, row: Row | None) -> Row:
    base = row or {"id": row_id, "owner_id": edit.account_id, "version": 0}
    return {**base, "name": edit.payload.get("name"), "query": edit.payload.get("query", {})}


def _application(edit: Edit, row_id: str) -> Row:
    p = edit.payload
    return {"id": row_id, "plan_id": p.get("plan_id"), "product_id": None,
            "creator_id": edit.account_id, "merchant_id": None,
            "status": ApplicationStatus.PENDING.value, "message": p.get("message", ""),
            "reason": None, "plan_rate_ppm": p.get("expected_rate_ppm"),
            "created_at": edit.created_at, "decided_at": None, "withdrawn_at": None,
            "version": 0}  # fmt: skip


def _sample(edit: Edit, row_id: str) -> Row:
    p = edit.payload
    return {"id": row_id, "product_id": p.get("product_id"), "creator_id": edit.account_id,
            "merchant_id": None, "status": SampleStatus.REQUESTED.value,
            "note": p.get("note", ""), "reason": None, "cost_fen": 0, "tracking_no": None,
            "shipped_at": None, "content_due_at": None, "content_url": None,
            "extended": False, "created_at": edit.created_at, "version": 0}  # fmt: skip


def _decision(approved: str, rejected: str) -> Callable[[Edit], Row]:
    def fields(edit: Edit) -> Row:
        if edit.payload.get("decision") == "approve":
            extra = {"cost_fen": edit.payload["cost_fen"]} if "cost_fen" in edit.payload else {}
            return {"status": approved, **extra}
        return {"status": rejected, "reason": edit.payload.get("reason")}

    return fields


def _extend(_edit: Edit, _row_id: str, row: Row | None) -> Row | None:
    """The one extension moves the content date as the server will (already moved: as is)."""
    if row is None or row.get("extended"):
        return row
    due = row.get("content_due_at")
    if due:
        moved = datetime.fromisoformat(str(due).replace("Z", "+00:00"))
        moved += timedelta(days=SAMPLE_EXTENSION_DAYS)
        due = moved.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return {**row, "extended": True, "content_due_at": due}


def _plan_create(edit: Edit, row_id: str, row: Row | None) -> Row | None:
    if row is not None:
        return row
    p = edit.payload
    ids, products = p.get("plan_ids", []), p.get("product_ids", [])
    product = products[ids.index(row_id)] if row_id in ids and len(products) == len(ids) else None
    creators = [{"creator_id": c, "rate_ppm": p.get("rate_ppm"), "status": 2}
                for c in p.get("creator_ids", [])]  # fmt: skip
    return {"id": row_id, "merchant_id": edit.account_id, "product_id": product,
            "plan_type": p.get("plan_type"), "rate_ppm": p.get("rate_ppm"),
            "begin_at": p.get("begin_at"), "end_at": p.get("end_at"),
            "status": PlanStatus.LISTED.value, "creators": creators,
            "created_at": edit.created_at, "version": 0}  # fmt: skip


def _plan_update(edit: Edit, _row_id: str, row: Row | None) -> Row | None:
    """A raise shows at once; a cut shows as pending (the server decides whether a creator is
    affected and so whether it waits out the notice; its date comes with the answer)."""
    if row is None:
        return None
    fields = {k: edit.payload[k] for k in ("end_at",) if edit.payload.get(k) is not None}
    rate = edit.payload.get("rate_ppm")
    if rate is not None:
        current = row.get("rate_ppm")
        if isinstance(current, int) and isinstance(rate, int) and rate < current:
            fields["pending_rate_ppm"] = rate
        else:
            fields.update(rate_ppm=rate, pending_rate_ppm=None, pending_at=None)
    return {**row, **fields}


def _upgrade(edit: Edit) -> Row:
    appid = edit.payload.get("talent_appid")
    return {"identity": CreatorIdentity.TALENT.value, **({"talent_appid": appid} if appid else {})}


_RULES: dict[str, Callable[[Edit, str, Row | None], Row | None]] = {
    "channel.create": _new(_channel),
    "channel.rename": _patch(lambda e: {"name": e.payload.get("name")}),
    "channel.delete": _gone,
    "listing.create": _new(_listing),
    "listing.patch": _patch(lambda e: dict(e.payload)),
    "listing.delete": _gone,
    "listing.move": _patch(lambda e: dict(e.payload)),  # channel_id and position together
    "favourite.add": _new(_favourite),
    "favourite.remove": _gone,
    "saved_filter.put": _saved_filter,
    "saved_filter.delete": _gone,
    "application.create": _new(_application),
    "application.withdraw": _patch(
        lambda e: {"status": ApplicationStatus.WITHDRAWN.value, "withdrawn_at": e.created_at}
    ),
    "application.review": _patch(
        _decision(ApplicationStatus.APPROVED.value, ApplicationStatus.REJECTED.value)
    ),
    "sample.create": _new(_sample),
    "sample.cancel": _patch(lambda e: {"status": SampleStatus.CANCELLED.value}),
    "sample.fulfil": _patch(
        lambda e: {
            "status": SampleStatus.FULFILLED.value,
            "content_url": e.payload.get("content_url"),
        }
    ),
    "sample.extend": _extend,
    "sample.review": _patch(_decision(SampleStatus.APPROVED.value, SampleStatus.REJECTED.value)),
    "sample.ship": _patch(
        lambda e: {
            "status": SampleStatus.SHIPPED.value,
            "tracking_no": e.payload.get("tracking_no"),
        }
    ),
    "plan.create": _plan_create,
    "plan.update": _plan_update,
    "plan.end": _patch(lambda e: {"status": PlanStatus.DELISTED.value}),
    "account.upgrade": _patch(_upgrade),
}


def projected_types() -> frozenset[str]:
    """The mutation types that have a projection here (every type must: a test checks it)."""
    return frozenset(_RULES)


def now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")
