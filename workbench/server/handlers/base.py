"""What every mutation handler gets and returns, and the registry they fill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from workbench.contract.base import WireModel
from workbench.contract.sync import Change, Mutation, MutationStatus
from workbench.core.errors import DomainError, ErrorCode
from workbench.server.auth import Caller
from workbench.server.changes import record_upsert
from workbench.server.serialize import to_wire


@dataclass
class Ctx:
    """The unit of work a handler runs in."""

    session: Session
    caller: Caller
    now: datetime


@dataclass
class Outcome:
    """A handler's answer: applied (the default) or conflict, with the rows it left.

    ``changes`` are feed-shaped (the same model as the change feed), so the client applies a
    result with the very code that applies a pulled page.
    """

    entity: str
    entity_id: str
    status: MutationStatus = MutationStatus.APPLIED
    changes: list[Change] = field(default_factory=list)
    conflicts: list[str] | None = None
    code: ErrorCode | None = None
    detail: str | None = None


Handler = Callable[[Ctx, Mutation, Any], Outcome]
HANDLERS: dict[str, Handler] = {}

H = TypeVar("H", bound=Handler)


def handles(mutation_type: str) -> Callable[[H], H]:
    """Register a handler for a mutation type (the payload model lives in contract.mutations)."""

    def register(fn: H) -> H:
        HANDLERS[mutation_type] = fn
        return fn

    return register


R = TypeVar("R")


def owned(ctx: Ctx, model: type[R], row_id: str, owner_field: str) -> R:
    """The row ``row_id`` of ``model`` if the caller owns it; ``unknown_entity`` otherwise.

    Someone else's row answers exactly like a missing one, so ids leak nothing.
    """
    row = ctx.session.get(model, row_id)
    if row is None or getattr(row, owner_field) != ctx.caller.id or getattr(row, "deleted", False):
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such {model.__name__.lower()}: {row_id}")
    return row


def save(
    ctx: Ctx, row: Any, entity: str, *, bump: bool = True, gone_for: tuple[str, ...] = ()
) -> Outcome:
    """Bump the row's version, log it to the feed, and answer with it."""
    if bump:
        row.version = (row.version or 0) + 1
    ctx.session.add(row)
    record_upsert(ctx.session, row, also_delete_for=gone_for)
    return unchanged(row, entity)


def unchanged(row: Any, entity: str) -> Outcome:
    """An answer with the row's current state (also for an idempotent no-op)."""
    change = as_change(row, entity)
    return Outcome(entity=entity, entity_id=change.id, changes=[change])


def as_change(row: Any, entity: str) -> Change:
    """A row as a change-feed entry: its whole state, or a tombstone if it is deleted."""
    entity_id = row.product_id if entity == "favourite" else str(row.id)
    if getattr(row, "deleted", False):
        return Change(entity=entity, id=entity_id, version=row.version, op="delete")
    return Change(entity=entity, id=entity_id, version=row.version, op="upsert", data=to_wire(row))


def payload_fields(payload: WireModel) -> dict[str, Any]:
    """The fields a payload actually sets (a patch leaves the rest alone)."""
    return payload.model_dump(exclude_unset=True)
