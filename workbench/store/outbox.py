"""The outbox: user edits waiting for the server, and what happens when its answers arrive.

An edit writes its outbox row and recomputes the rows it shows in one transaction. Sequence
numbers are given on first send, in order and without gaps (the server refuses a gap), so an
edit discarded before it was ever sent leaves no hole. An outbox row is deleted only in the
transaction that commits the server's answer for it: a crash before that resends it, and the
server replays its stored answer.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from workbench.contract.mutations import MUTATIONS
from workbench.contract.sync import Mutation, MutationResult, MutationStatus
from workbench.core.ids import uuid7
from workbench.store import records
from workbench.store.optimistic import Edit, entity_of, now_iso, touches

if TYPE_CHECKING:
    from workbench.store.cache import Cache, Changed


def enqueue(
    cache: Cache,
    mutation_type: str,
    entity_id: str,
    payload: dict[str, Any],
    base_version: int | None,
) -> Changed:
    from workbench.store.cache import Changed

    if mutation_type not in MUTATIONS:
        raise ValueError(f"unknown mutation type {mutation_type!r}")
    entity = entity_of(mutation_type)
    if base_version is None:
        # The version the user saw: what the server last confirmed of this row.
        row = cache.conn.execute(
            "SELECT version FROM record_synced WHERE entity = ? AND id = ?", (entity, entity_id)
        ).fetchone()
        base_version = int(row[0]) if row else None
    created_at = now_iso()
    cur = cache.conn.execute(
        "INSERT INTO outbox (mutation_id, type, entity, entity_id, base_version, payload, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (uuid7(), mutation_type, entity, entity_id, base_version,
         json.dumps(payload, ensure_ascii=False), created_at),
    )  # fmt: skip
    local_id = cur.lastrowid
    changed = Changed()
    edit = Edit(mutation_type, entity_id, payload, cache.account_id, created_at)
    for touched_entity, touched_id in touches(edit):
        cache.conn.execute(
            "INSERT OR IGNORE INTO outbox_touch (local_id, entity, entity_id) VALUES (?, ?, ?)",
            (local_id, touched_entity, touched_id),
        )
        records.refresh(cache, touched_entity, touched_id)
        changed.add(touched_entity, touched_id)
    return changed


def next_batch(cache: Cache, limit: int) -> list[Mutation]:
    """Give unsent rows their sequence numbers, then return the first ``limit`` in order."""
    unsent = cache.conn.execute("SELECT local_id FROM outbox WHERE seq IS NULL ORDER BY local_id")
    next_seq = int(cache.meta("next_seq") or "1")
    for (local_id,) in unsent.fetchall():
        cache.conn.execute("UPDATE outbox SET seq = ? WHERE local_id = ?", (next_seq, local_id))
        next_seq += 1
    cache.set_meta("next_seq", str(next_seq))
    rows = cache.conn.execute(
        "SELECT seq, mutation_id, type, entity_id, base_version, payload FROM outbox "
        "ORDER BY seq LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        Mutation(
            seq=seq, id=mid, type=kind, entity_id=eid, base_version=base, payload=json.loads(p)
        )
        for seq, mid, kind, eid, base, p in rows
    ]


def apply_results(cache: Cache, results: list[MutationResult]) -> Changed:
    from workbench.store.cache import Changed

    changed = Changed()
    for result in results:
        row = cache.conn.execute(
            "SELECT local_id, type, entity, entity_id, payload FROM outbox WHERE mutation_id = ?",
            (result.id,),
        ).fetchone()
        if row is None:
            continue  # answered before (a replayed batch): nothing left to do
        if result.status is MutationStatus.REJECTED and result.code in _NOT_PROCESSED:
            continue  # the server did not process it: keep it and send again
        local_id, mutation_type, entity, entity_id, payload = row
        if result.changes:
            changed.merge(records.apply_changes(cache, list(result.changes)))
        if result.status is not MutationStatus.APPLIED:
            _record_conflict(cache, result, mutation_type, entity, entity_id, payload)
        touched = cache.conn.execute(
            "SELECT entity, entity_id FROM outbox_touch WHERE local_id = ?", (local_id,)
        ).fetchall()
        cache.conn.execute("DELETE FROM outbox WHERE local_id = ?", (local_id,))
        for touched_entity, touched_id in touched:
            records.refresh(cache, touched_entity, touched_id)
            changed.add(touched_entity, touched_id)
    return changed


# Answers that mean "not processed at all": the mutation stays queued for the next push.
_NOT_PROCESSED = frozenset({"sequence_gap"})


def _record_conflict(
    cache: Cache,
    result: MutationResult,
    mutation_type: str,
    entity: str,
    entity_id: str,
    payload: str,
) -> None:
    """Keep what the user wanted, beside what the server has, until they re-apply or discard."""
    cache.conn.execute(
        "INSERT OR IGNORE INTO conflict (mutation_id, kind, code, detail, mutation_type, entity, "
        "entity_id, fields, mine, theirs, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            result.id,
            result.status.value,
            result.code.value if result.code else None,
            result.detail,
            mutation_type,
            entity,
            entity_id,
            json.dumps(result.conflicts or []),
            payload,
            json.dumps(result.row, ensure_ascii=False) if result.row is not None else None,
            now_iso(),
        ),
    )


def discard(cache: Cache, local_id: int) -> Changed:
    from workbench.store.cache import Changed

    row = cache.conn.execute("SELECT seq FROM outbox WHERE local_id = ?", (local_id,)).fetchone()
    if row is None:
        return Changed()
    if row[0] is not None:
        raise ValueError("this edit was already sent: make a new edit to change it back")
    touched = cache.conn.execute(
        "SELECT entity, entity_id FROM outbox_touch WHERE local_id = ?", (local_id,)
    ).fetchall()
    cache.conn.execute("DELETE FROM outbox WHERE local_id = ?", (local_id,))
    changed = Changed()
    for entity, entity_id in touched:
        records.refresh(cache, entity, entity_id)
        changed.add(entity, entity_id)
    return changed
