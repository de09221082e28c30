"""Confirmed account rows, the rows the user sees, and each scope's sync state.

``record_synced`` holds what the server confirmed, version-guarded, so a page applied twice or
out of date changes nothing. ``record`` is derived: confirmed data with the pending outbox edits
of that row replayed on top (``refresh``), with the typed rows kept beside it (``listing_slot``,
``plan_term``, ``review_state``). Catalogue entities (products, categories, shops) go
to their own typed tables through ``catalog``, orders and settlement lines through ``orders``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import orjson

from workbench.contract.sync import Change, Scope
from workbench.store import catalog, orders, plan_drops, plan_terms, review_states, tables
from workbench.store.changed import Changed
from workbench.store.optimistic import Edit, project

if TYPE_CHECKING:
    from workbench.store.cache import Cache


def dumps(value: Any) -> str:
    """JSON text of a row or payload: orjson (several times faster than ``json.dumps`` on the
    push and pull paths, which write every row they touch), compact, non-ASCII as itself;
    ``json`` for what orjson refuses (an integer past 64 bits)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False)


def loads(text: str) -> Any:
    """``json.loads``, by orjson; ``json`` for what orjson refuses (NaN in old rows)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def state(cache: Cache, scope: Scope) -> dict[str, Any]:
    cur = cache.conn.execute("SELECT * FROM sync_state WHERE scope = ?", (scope.value,))
    row = cur.fetchone()
    if row is None:
        return {}
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def _ensure_state(cache: Cache, scope: Scope) -> None:
    cache.conn.execute("INSERT OR IGNORE INTO sync_state (scope) VALUES (?)", (scope.value,))


def save_cursor(cache: Cache, scope: Scope, cursor: str) -> None:
    _ensure_state(cache, scope)
    cache.conn.execute("UPDATE sync_state SET cursor = ? WHERE scope = ?", (cursor, scope.value))


def mark_ok(cache: Cache, scope: Scope, at: str) -> None:
    _ensure_state(cache, scope)
    cache.conn.execute("UPDATE sync_state SET last_ok_at = ? WHERE scope = ?", (at, scope.value))


def apply_changes(
    cache: Cache, changes: list[Change], *, defer: set[tuple[str, str]] | None = None
) -> Changed:
    """Apply feed-shaped changes (a pulled page or a mutation's result).

    The visible rows of what changed are recomputed once, at the end (``refresh_many``); with
    ``defer`` their keys are added to it instead, for the caller to refresh later in the same
    transaction.
    """
    changed = Changed()
    generation = _generation(cache)
    written: set[tuple[str, str]] = set() if defer is None else defer
    for change in changes:
        if change.entity in catalog.ENTITIES:
            if catalog.apply_change(cache, change):
                changed.add(change.entity, change.id)
            continue
        if change.entity == "order":  # typed tables, with their daily aggregates
            orders.apply_order(cache, change, changed)
            continue
        if change.entity == "settlement_line":
            orders.apply_settlement(cache, change, changed)
            continue
        data = None if change.op == "delete" or change.data is None else dumps(change.data)
        if change.entity == "plan" and data is not None:
            plan = change.data or {}
            catalog.note_plan_rate(cache, change.id, int(plan.get("rate_ppm", 0)))
            if plan.get("pending_rate_ppm") is not None and plan.get("pending_at"):
                catalog.note_plan_cut(
                    cache, change.id, int(plan["pending_rate_ppm"]), str(plan["pending_at"])
                )
            plan_drops.note_back(cache, change.id)
        elif change.entity == "plan":
            plan_drops.note_gone(cache, [change.id])  # before its confirmed row goes
        cur = cache.conn.execute(
            "INSERT INTO record_synced (entity, id, version, data, generation) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, data = excluded.data, "
            "generation = excluded.generation WHERE excluded.version >= record_synced.version",
            (change.entity, change.id, change.version, data, generation),
        )
        if cur.rowcount:
            written.add((change.entity, change.id))
            changed.add(change.entity, change.id)
    if defer is None:
        refresh_many(cache, written)
    return changed


def _generation(cache: Cache) -> int:
    row = cache.conn.execute(
        "SELECT reset_generation FROM sync_state WHERE scope = ?", (Scope.ACCOUNT.value,)
    ).fetchone()
    return int(row[0]) if row else 0


def refresh(cache: Cache, entity: str, row_id: str) -> None:
    """Recompute the visible row: confirmed data, then every pending edit of it, in order."""
    refresh_many(cache, [(entity, row_id)])


_KEYS_PER_QUERY = 400  # (entity, id) pairs per statement: two variables each


def refresh_many(cache: Cache, keys: Iterable[tuple[str, str]]) -> None:
    """``refresh`` for many rows, a few statements per 400 rows instead of three per row."""
    todo = list(dict.fromkeys(keys))
    account_id = cache.account_id
    for start in range(0, len(todo), _KEYS_PER_QUERY):
        chunk = todo[start : start + _KEYS_PER_QUERY]
        values = ", ".join("(?, ?)" for _ in chunk)
        params = [part for key in chunk for part in key]
        synced = {
            (entity, row_id): (data, version)
            for entity, row_id, data, version in cache.conn.execute(
                f"WITH k(entity, id) AS (VALUES {values}) "
                "SELECT s.entity, s.id, s.data, s.version FROM k "
                "JOIN record_synced s ON s.entity = k.entity AND s.id = k.id",
                params,
            )
        }
        edits: dict[tuple[str, str], list[Edit]] = {}
        for entity, row_id, mutation_type, entity_id, payload, created_at in cache.conn.execute(
            f"WITH k(entity, id) AS (VALUES {values}) "
            "SELECT t.entity, t.entity_id, o.type, o.entity_id, o.payload, o.created_at FROM k "
            "JOIN outbox_touch t ON t.entity = k.entity AND t.entity_id = k.id "
            "JOIN outbox o ON o.local_id = t.local_id ORDER BY o.local_id",
            params,
        ):
            edit = Edit(mutation_type, entity_id, loads(payload), account_id, created_at)
            edits.setdefault((entity, row_id), []).append(edit)
        upserts: list[tuple[str, str, str, int, int]] = []
        gone: list[tuple[str, str]] = []
        slots: list[tuple[str, str, int, int]] = []
        states: list[review_states.State] = []
        for entity, row_id in chunk:
            cache.note(entity, row_id)
            base = synced.get((entity, row_id))
            data: dict[str, Any] | None = loads(base[0]) if base and base[0] else None
            version = int(base[1]) if base else 0
            pending = edits.get((entity, row_id), [])
            for edit in pending:
                data = project(edit, entity, row_id, data)
            if data is None:
                gone.append((entity, row_id))
                continue
            text = dumps(data)
            upserts.append((entity, row_id, text, version, 1 if pending else 0))
            if entity == "listing":
                slots.append(listing_slot(row_id, data))
            elif found := review_states.state(entity, row_id, data):
                states.append(found)
        if gone:
            cache.conn.executemany("DELETE FROM record WHERE entity = ? AND id = ?", gone)
        if upserts:
            cache.conn.executemany(
                "INSERT INTO record (entity, id, data, version, pending) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data, "
                "version = excluded.version, pending = excluded.pending",
                upserts,
            )
        _listing_slots(cache, slots, [i for e, i in gone if e == "listing"])
        plan_terms.keep(cache.conn, [i for e, i in chunk if e == "plan"])
        review_states.keep(cache.conn, states, gone)


def listing_slot(row_id: str, data: dict[str, Any]) -> tuple[str, str, int, int]:
    """A listing's row of ``listing_slot``: its channel and place (``store/listings.py``)."""
    return (row_id, str(data.get("channel_id") or ""), 1 if data.get("pinned") else 0,
            int(data.get("position") or 0))  # fmt: skip


def _listing_slots(cache: Cache, slots: list[tuple[str, str, int, int]], gone: list[str]) -> None:
    """Keep ``listing_slot`` equal to the visible listing rows just written (a cache opened at
    a schema before the table has none: the step that makes it fills it from ``record``)."""
    if not (slots or gone) or not tables.exists(cache.conn, "listing_slot"):
        return
    if gone:
        cache.conn.executemany("DELETE FROM listing_slot WHERE id = ?", [(i,) for i in gone])
    if slots:
        cache.conn.executemany(
            "INSERT INTO listing_slot (id, channel_id, pinned, position) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET channel_id = excluded.channel_id, "
            "pinned = excluded.pinned, position = excluded.position "
            # unchanged (a confirmed create, most answers): no write, no index entries redone
            "WHERE (channel_id, pinned, position) IS NOT "
            "(excluded.channel_id, excluded.pinned, excluded.position)",
            slots,
        )


def begin_reset(cache: Cache, scope: Scope) -> None:
    """Start re-reading a scope from the beginning; rows not seen again are swept at the end.

    The catalogue is reloaded from a snapshot instead (the caller handles that). Nothing is
    deleted here, so a crash mid-reset leaves every row and pending edit where it was.
    """
    _ensure_state(cache, scope)
    cache.conn.execute(
        "UPDATE sync_state SET cursor = NULL, resetting = 1, "
        "reset_generation = reset_generation + 1 WHERE scope = ?",
        (scope.value,),
    )


def finish_reset(cache: Cache, scope: Scope) -> Changed:
    changed = Changed()
    generation = _generation(cache)
    stale = cache.conn.execute(
        "SELECT entity, id FROM record_synced WHERE generation < ?", (generation,)
    ).fetchall()
    plan_drops.note_gone(cache, [row_id for entity, row_id in stale if entity == "plan"])
    cache.conn.execute("DELETE FROM record_synced WHERE generation < ?", (generation,))
    refresh_many(cache, stale)
    for entity, row_id in stale:
        changed.add(entity, row_id)
    orders.sweep(cache, changed)
    cache.conn.execute("UPDATE sync_state SET resetting = 0 WHERE scope = ?", (scope.value,))
    return changed
