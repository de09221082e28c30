"""What every mutation handler gets and returns, and the registry they fill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

from workbench.contract.base import WireModel
from workbench.contract.sync import Change, Mutation, MutationStatus
from workbench.core.errors import DomainError, ErrorCode
from workbench.server.auth import Caller
from workbench.server.changes import record_upsert
from workbench.server.serialize import to_wire

R = TypeVar("R")


@dataclass
class BatchCache:
    """What one batch's mutations will look up, loaded up front in a few IN-queries.

    The database answers are kept true for the rest of the batch's transaction (writers of
    the same partitions are serialised, so only this session changes these rows meanwhile):

    - ``rows`` holds the prefetched rows, so they stay in the session's identity map and
      ``Session.get`` answers them without a query (a row a rolled-back savepoint touched is
      expired by SQLAlchemy and reloads on its next use).
    - ``absent`` holds ``(model, id)`` of rows that did not exist; adding any row to the session
      takes its key out (``_on_add``), so a row created earlier in the batch is found again. A row
      whose creation was rolled back is then just looked up in the database.
    - ``pairs`` holds, for each prefetched ``(channel_id, product_id)``, the listings of that
      pair (the live ones at prefetch, then every one created in the batch); a listing counts
      while it is in the session (a rolled-back one is expunged) and not deleted.
    """

    rows: list[Any] = field(default_factory=list)
    absent: set[tuple[type[Any], Any]] = field(default_factory=set)
    pairs: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    added: int = 0  # rows added to the session since the batch began

    def watch(self, session: Session) -> None:
        """Keep ``absent`` true as handlers add rows to ``session``."""
        event.listen(session, "transient_to_pending", self._on_add)

    def _on_add(self, _session: Session, row: Any) -> None:
        self.added += 1
        # ``absent`` only holds rows of models keyed by ``id`` (``_prefetch`` looks up by it).
        self.absent.discard((type(row), getattr(row, "id", None)))


@dataclass
class Ctx:
    """The unit of work a handler runs in (``batch``: the prefetch of ``process_batch``)."""

    session: Session
    caller: Caller
    now: datetime
    batch: BatchCache | None = None

    def get(self, model: type[R], row_id: Any) -> R | None:
        """``Session.get``, answered from the batch's prefetch when it knows the row is absent."""
        if self.batch is not None and (model, row_id) in self.batch.absent:
            return None
        return self.session.get(model, row_id)


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
# Handlers that check everything before they write anything: when one rejects, it has left no
# trace, so it runs without a savepoint (two statements fewer per mutation).
VALIDATE_FIRST: set[str] = set()

H = TypeVar("H", bound=Handler)


def handles(mutation_type: str, *, validate_first: bool = False) -> Callable[[H], H]:
    """Register a handler for a mutation type (the payload model lives in contract.mutations).

    ``validate_first``: every ``DomainError`` the handler raises comes before its first write
    (``process_batch`` checks this and fails the batch if it is ever broken).
    """

    def register(fn: H) -> H:
        HANDLERS[mutation_type] = fn
        if validate_first:
            VALIDATE_FIRST.add(mutation_type)
        return fn

    return register


def owned(ctx: Ctx, model: type[R], row_id: str, owner_field: str) -> R:
    """The row ``row_id`` of ``model`` if the caller owns it; ``unknown_entity`` otherwise.

    Someone else's row answers exactly like a missing one, so ids leak nothing.
    """
    row = ctx.get(model, row_id)
    if row is None or getattr(row, owner_field) != ctx.caller.id or getattr(row, "deleted", False):
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such {model.__name__.lower()}: {row_id}")
    return row


def save(
    ctx: Ctx,
    row: Any,
    entity: str,
    *,
    bump: bool = True,
    gone_for: tuple[str, ...] = (),
    flush: bool = True,
) -> Outcome:
    """Bump the row's version, log it to the feed, and answer with it.

    ``flush=False`` leaves a new row pending (written with the batch's other rows, or by the
    next query's autoflush); the row must then be complete already (``fill_defaults``).
    """
    if bump:
        row.version = (row.version or 0) + 1
    ctx.session.add(row)
    data = record_upsert(ctx.session, row, also_delete_for=gone_for, flush=flush)
    change = as_change(row, entity, data=data)
    return Outcome(entity=entity, entity_id=change.id, changes=[change])


# Per model: (attribute, is scalar, value) of each column that has a default.
_DEFAULTS: dict[type[Any], list[tuple[str, bool, Any]]] = {}


def fill_defaults(row: Any) -> bool:
    """Set the column defaults an INSERT would, so a row reads as it will once written.

    A column left unset or ``None`` takes its scalar default, as in the INSERT. Returns whether
    the row is now complete (no callable default is still to be applied by a flush).
    """
    complete = True
    model = type(row)
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = _DEFAULTS[model] = [
            (
                model.__mapper__.get_property_by_column(column).key,
                bool(column.default.is_scalar),
                getattr(column.default, "arg", None),
            )
            for column in model.__table__.columns
            if column.default is not None
        ]
    for key, scalar, value in defaults:
        if row.__dict__.get(key) is not None:
            continue
        if scalar:
            setattr(row, key, value)
        else:
            complete = False
    return complete


def unchanged(row: Any, entity: str) -> Outcome:
    """An answer with the row's current state (also for an idempotent no-op)."""
    change = as_change(row, entity)
    return Outcome(entity=entity, entity_id=change.id, changes=[change])


def as_change(row: Any, entity: str, *, data: dict[str, Any] | None = None) -> Change:
    """A row as a change-feed entry: its whole state, or a tombstone if it is deleted.

    ``data``: the row's ``to_wire`` already made (by ``record_upsert``), if at hand.
    """
    entity_id = row.product_id if entity == "favourite" else str(row.id)
    if getattr(row, "deleted", False):
        return Change(entity=entity, id=entity_id, version=row.version, op="delete")
    if data is None:
        data = to_wire(row)
    return Change(entity=entity, id=entity_id, version=row.version, op="upsert", data=data)


def payload_fields(payload: WireModel) -> dict[str, Any]:
    """The fields a payload actually sets (a patch leaves the rest alone)."""
    return payload.model_dump(exclude_unset=True)
