"""Processing a device's mutation batch: in order, exactly once, results stored with effects.

One transaction per batch; each mutation runs in a savepoint, so a rejected one leaves no
trace while its neighbours apply. The ``(device, seq) → result`` record is written in the same
transaction as the effect, so a retry of a batch whose answer was lost replays the stored
results and changes nothing (Replicache's rule). A gap in ``seq`` stops the batch there.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert, select

from workbench.contract.mutations import MUTATIONS
from workbench.contract.sync import (
    Mutation,
    MutationBatch,
    MutationResult,
    MutationResults,
    MutationStatus,
)
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import models as m
from workbench.server.auth import Caller
from workbench.server.changes import pending_entries
from workbench.server.db import Database
from workbench.server.handlers import creator, plans, workflow  # noqa: F401  (registers)
from workbench.server.handlers.base import HANDLERS, Ctx
from workbench.server.types import utcnow


def process_batch(db: Database, caller: Caller, batch: MutationBatch) -> MutationResults:
    """Apply ``batch`` for ``caller``; see the module docstring for the guarantees."""
    results: list[MutationResult] = []
    with db.write() as session:
        device = session.get(m.Device, batch.device_id)
        if device is None:
            device = m.Device(id=batch.device_id, account_id=caller.id, last_seq=0)
            session.add(device)
            session.flush()
        elif device.account_id != caller.id:
            raise DomainError(ErrorCode.FORBIDDEN, "this device belongs to another account")
        ctx = Ctx(session=session, caller=caller, now=utcnow())
        ids = [mut.id for mut in batch.mutations]
        used = set(
            session.scalars(
                select(m.MutationRecord.mutation_id).where(m.MutationRecord.mutation_id.in_(ids))
            )
        )
        records: list[dict[str, Any]] = []
        for mut in batch.mutations:
            if mut.seq <= device.last_seq:
                results.append(_replay(session, device.id, mut))
                continue
            if mut.seq != device.last_seq + 1:
                results.append(
                    _rejected(mut, ErrorCode.SEQUENCE_GAP, f"expected seq {device.last_seq + 1}")
                )
                break
            if mut.id in used:
                result = _rejected(
                    mut, ErrorCode.MUTATION_ID_REUSED, "this mutation id was sent with another seq"
                )
            else:
                result = _apply(ctx, mut)
            used.add(mut.id)
            records.append(
                {
                    "device_id": device.id,
                    "seq": mut.seq,
                    "mutation_id": mut.id,
                    "result": result.model_dump(mode="json"),
                    "created_at": ctx.now,
                }
            )
            device.last_seq = mut.seq
            results.append(result)
        if records:
            # One statement for the batch; same transaction as the effects, as ever.
            session.execute(insert(m.MutationRecord), records)
        last_seq = device.last_seq
    return MutationResults(results=results, last_seq=last_seq)


def _replay(session: Any, device_id: str, mut: Mutation) -> MutationResult:
    record = session.get(m.MutationRecord, (device_id, mut.seq))
    if record is None or record.mutation_id != mut.id:
        return _rejected(mut, ErrorCode.MUTATION_ID_REUSED, "this seq was used by another mutation")
    return MutationResult.model_validate(record.result)


def _apply(ctx: Ctx, mut: Mutation) -> MutationResult:
    spec = MUTATIONS.get(mut.type)
    if spec is None or mut.type not in HANDLERS:
        return _rejected(mut, ErrorCode.UNKNOWN_MUTATION, f"unknown mutation type {mut.type!r}")
    payload_model, role = spec
    if ctx.caller.role is not role:
        return _rejected(mut, ErrorCode.WRONG_ROLE, f"only a {role.value} may send {mut.type}")
    try:
        payload = payload_model.model_validate(mut.payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _rejected(mut, ErrorCode.INVALID_PAYLOAD, f"{where}: {first.get('msg')}")
    buffered = pending_entries(ctx.session)
    mark = len(buffered)
    try:
        with ctx.session.begin_nested():
            outcome = HANDLERS[mut.type](ctx, mut, payload)
    except DomainError as exc:
        del buffered[mark:]  # the savepoint rolled back; its log entries go with it
        return _rejected(mut, exc.code, exc.detail)
    upserts = [c.data for c in outcome.changes if c.data is not None]
    return MutationResult(
        seq=mut.seq,
        id=mut.id,
        status=outcome.status,
        code=outcome.code,
        detail=outcome.detail,
        entity=outcome.entity,
        entity_id=outcome.entity_id,
        conflicts=outcome.conflicts,
        row=upserts[0] if upserts else None,
        changes=outcome.changes,
    )


def _rejected(mut: Mutation, code: ErrorCode, detail: str) -> MutationResult:
    return MutationResult(
        seq=mut.seq, id=mut.id, status=MutationStatus.REJECTED, code=code, detail=detail
    )
