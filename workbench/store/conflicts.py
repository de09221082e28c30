"""Resolving conflicts and rejections: re-apply my edit on the server's version, or discard it.

A conflict row keeps what the user wanted (``mine``, the edit's payload) beside what the server
has (``theirs``) until the user decides; nothing is dropped silently. Resolving sets
``resolved_at`` and ``resolution`` (``retried`` / ``discarded``), so the open count goes down;
a retry is a new outbox edit whose base is the version the server has now, made in the same
transaction, so it is pushed like any other edit and may conflict again (a new conflict row).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from workbench.store import outbox
from workbench.store.changed import EDIT, Changed
from workbench.store.optimistic import now_iso

if TYPE_CHECKING:
    from workbench.store.cache import Cache

CONFLICT = "conflict"  # the entity name of a conflict row in a ``Changed``
RETRIED = "retried"
DISCARDED = "discarded"


class ConflictGone(LookupError):
    """The conflict does not exist or was resolved already (e.g. on another page)."""


def open_conflicts(cache: Cache) -> list[dict[str, Any]]:
    """Every unresolved conflict or rejection, oldest first, with ``mine``/``theirs`` decoded."""
    rows = cache.conflicts(open_only=True)
    for row in rows:
        row["mine"] = json.loads(row["mine"]) if row.get("mine") else {}
        row["theirs"] = json.loads(row["theirs"]) if row.get("theirs") else None
        row["fields"] = json.loads(row["fields"]) if row.get("fields") else []
    return rows


def retry(cache: Cache, conflict_id: int) -> Changed:
    """Queue my edit again on the server's current version of the row, and close the conflict."""
    with cache.write():
        row = _open(cache, conflict_id)
        mutation_type, entity, entity_id, mine = row
        base = cache.conn.execute(
            "SELECT version FROM record_synced WHERE entity = ? AND id = ?", (entity, entity_id)
        ).fetchone()
        payload = json.loads(mine) if mine else {}
        changed = outbox.enqueue(
            cache, mutation_type, entity_id, payload, int(base[0]) if base else None
        )
        _close(cache, conflict_id, RETRIED)
        changed.add(CONFLICT, str(conflict_id))
        changed.cause = EDIT
        return changed


def discard(cache: Cache, conflict_id: int) -> Changed:
    """Keep the server's version: the conflict is closed, nothing is sent."""
    with cache.write():
        _open(cache, conflict_id)
        _close(cache, conflict_id, DISCARDED)
        changed = Changed(cause=EDIT)
        changed.add(CONFLICT, str(conflict_id))
        return changed


def _open(cache: Cache, conflict_id: int) -> tuple[str, str, str, str | None]:
    row = cache.conn.execute(
        "SELECT mutation_type, entity, entity_id, mine FROM conflict "
        "WHERE id = ? AND resolved_at IS NULL",
        (conflict_id,),
    ).fetchone()
    if row is None:
        raise ConflictGone(conflict_id)
    return str(row[0]), str(row[1]), str(row[2]), row[3]


def _close(cache: Cache, conflict_id: int, resolution: str) -> None:
    cache.conn.execute(
        "UPDATE conflict SET resolved_at = ?, resolution = ? WHERE id = ?",
        (now_iso(), resolution, conflict_id),
    )
