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
from workbench.contract.sync import Change, Mutation, MutationResult, MutationStatus
from workbench.core.ids import uuid7
from workbench.store import records
from workbench.store.changed import Changed
from workbench.store.optimistic import entity_of, now_iso, touched_rows

if TYPE_CHECKING:
    from workbench.store.cache import Cache


def enqueue(
    cache: Cache,
    mutation_type: str,
    entity_id: str,
    payload: dict[str, Any],
    base_version: int | None,
) -> Changed:
    return enqueue_many(cache, [(mutation_type, entity_id, payload, base_version)])


NewEdit = tuple[str, str, dict[str, Any], int | None]  # (type, entity id, payload, base version)


def enqueue_many(cache: Cache, edits: list[NewEdit]) -> Changed:
    """Queue edits in order (the caller's transaction) and recompute the rows they show, once
    per row at the end instead of once per edit."""
    for mutation_type, *_rest in edits:
        if mutation_type not in MUTATIONS:
            raise ValueError(f"unknown mutation type {mutation_type!r}")
    # The version the user saw, where the caller gave none: what the server last confirmed.
    unknown = list(dict.fromkeys((entity_of(t), eid) for t, eid, _p, base in edits if base is None))
    seen = _synced_versions(cache, unknown)
    created_at = now_iso()
    changed = Changed()
    first = _next_local_id(cache)
    rows: list[tuple[int, str, str, str, str, int | None, str, str]] = []
    touched: list[tuple[int, str, str]] = []
    for local_id, (mutation_type, entity_id, payload, base_version) in enumerate(edits, first):
        entity = entity_of(mutation_type)
        if base_version is None:
            base_version = seen.get((entity, entity_id))
        rows.append((local_id, uuid7(), mutation_type, entity, entity_id, base_version,
                     records.dumps(payload), created_at))  # fmt: skip
        for touched_entity, touched_id in touched_rows(mutation_type, entity_id, payload):
            touched.append((local_id, touched_entity, touched_id))
            changed.add(touched_entity, touched_id)
    # One statement for the lot: the ids are the ones AUTOINCREMENT would give, in order.
    cache.conn.executemany(
        "INSERT INTO outbox (local_id, mutation_id, type, entity, entity_id, base_version, "
        "payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    cache.conn.executemany(
        "INSERT OR IGNORE INTO outbox_touch (local_id, entity, entity_id) VALUES (?, ?, ?)", touched
    )
    records.refresh_many(cache, [(entity, row_id) for _l, entity, row_id in touched])
    return changed


def _next_local_id(cache: Cache) -> int:
    """The outbox id AUTOINCREMENT would give next (never one used before, even if deleted)."""
    row = cache.conn.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0), "
        "coalesce((SELECT max(local_id) FROM outbox), 0))"
    ).fetchone()
    return int(row[0]) + 1


def _synced_versions(cache: Cache, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The confirmed version of each of ``keys`` that the server has confirmed."""
    found: dict[tuple[str, str], int] = {}
    for start in range(0, len(keys), 400):
        chunk = keys[start : start + 400]
        values = ", ".join("(?, ?)" for _ in chunk)
        rows = cache.conn.execute(
            f"WITH k(entity, id) AS (VALUES {values}) SELECT s.entity, s.id, s.version FROM k "
            "JOIN record_synced s ON s.entity = k.entity AND s.id = k.id",
            [part for key in chunk for part in key],
        )
        found.update(((entity, row_id), int(version)) for entity, row_id, version in rows)
    return found


def next_batch(cache: Cache, limit: int, after: int = 0) -> list[Mutation]:
    """The first ``limit`` rows after seq ``after`` in order (``after``: the batches before
    are still in flight, their answers not yet applied), the unsent ones among them given
    their sequence numbers now: only as many as the batch takes, in order, so a long outbox
    starts sending at once and an edit never sent can still be discarded without a hole."""
    numbered = cache.conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM outbox WHERE seq > ? LIMIT ?)", (after, limit)
    ).fetchone()[0]
    if numbered < limit:
        unsent = cache.conn.execute(
            "SELECT local_id FROM outbox WHERE seq IS NULL ORDER BY local_id LIMIT ?",
            (limit - numbered,),
        ).fetchall()
        if unsent:
            next_seq = int(cache.meta("next_seq") or "1")
            cache.conn.executemany(
                "UPDATE outbox SET seq = ? WHERE local_id = ?",
                [(next_seq + n, local_id) for n, (local_id,) in enumerate(unsent)],
            )
            cache.set_meta("next_seq", str(next_seq + len(unsent)))
    rows = cache.conn.execute(
        "SELECT seq, mutation_id, type, entity_id, base_version, payload FROM outbox "
        "WHERE seq > ? ORDER BY seq LIMIT ?",
        (after, limit),
    ).fetchall()
    return [
        Mutation(
            seq=seq, id=mid, type=kind, entity_id=eid, base_version=base, payload=records.loads(p)
        )
        for seq, mid, kind, eid, base, p in rows
    ]


def apply_results(cache: Cache, results: list[MutationResult]) -> Changed:
    """Commit a batch's answers: confirmed rows, conflicts, outbox rows gone; each row it
    touched is recomputed once, at the end (``records.refresh_many``)."""
    rows: dict[str, tuple[int, str, str, str, str]] = {}
    ids = [result.id for result in results]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for local_id, mutation_id, *rest in cache.conn.execute(
            "SELECT local_id, mutation_id, type, entity, entity_id, payload FROM outbox "
            f"WHERE mutation_id IN ({marks})",
            chunk,
        ):
            rows[mutation_id] = (local_id, *rest)
    changed = Changed()
    answered: list[int] = []
    changes: list[Change] = []
    for result in results:
        if result.status is MutationStatus.REJECTED and result.code in _NOT_PROCESSED:
            continue  # the server did not process it: keep it and send again
        row = rows.pop(result.id, None)
        if row is None:
            continue  # answered before (a replayed batch): nothing left to do
        local_id, mutation_type, entity, entity_id, payload = row
        changes.extend(result.changes or ())
        if result.status is not MutationStatus.APPLIED:
            _record_conflict(cache, result, mutation_type, entity, entity_id, payload)
            changed.add("conflict", result.id)
        answered.append(local_id)
    stale: set[tuple[str, str]] = set()
    if changes:
        changed.merge(records.apply_changes(cache, changes, defer=stale))
    for start in range(0, len(answered), 500):
        local_ids = answered[start : start + 500]
        marks = ", ".join("?" * len(local_ids))
        touched = cache.conn.execute(
            f"SELECT entity, entity_id FROM outbox_touch WHERE local_id IN ({marks})", local_ids
        ).fetchall()
        cache.conn.execute(f"DELETE FROM outbox WHERE local_id IN ({marks})", local_ids)
        for touched_entity, touched_id in touched:
            stale.add((touched_entity, touched_id))
            changed.add(touched_entity, touched_id)
    records.refresh_many(cache, stale)
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
