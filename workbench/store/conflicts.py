"""Resolving conflicts and rejections: re-apply my edit on the server's version, or discard it.

A conflict row keeps what the user wanted (``mine``, the edit's payload) beside what the server
has (``theirs``) until the user decides; nothing is dropped silently. Resolving sets
``resolved_at`` and ``resolution`` (``retried`` / ``discarded``), so the open count goes down;
a retry is a new outbox edit whose base is the version the server has now, made in the same
transaction, so it is pushed like any other edit and may conflict again (a new conflict row).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Item:
    """One conflict or rejection as the inbox shows it (decoded, with the names it needs)."""

    id: int
    kind: str  # conflict | rejected
    code: str | None
    detail: str | None
    mutation_type: str
    entity: str
    entity_id: str
    fields: list[str]
    mine: dict[str, Any]  # what I sent (the edit's payload)
    theirs: dict[str, Any] | None  # the server's row when it answered
    now: dict[str, Any] | None  # the server's row as the cache has it now (None: not there)
    created_at: str
    resolved_at: str | None
    resolution: str | None
    target: tuple[str, str] | None  # where to open it: ("channel" | "product", id)

    @property
    def open(self) -> bool:
        return self.resolved_at is None


def inbox(cache: Cache) -> tuple[list[Item], dict[str, str]]:
    """Every conflict and rejection, unresolved first (oldest first), then the resolved ones
    (latest resolved first); and names for the ids they mention (channels, products)."""
    rows = cache.conflicts(open_only=False)
    items: list[Item] = []
    names: dict[str, str] = {str(c["id"]): str(c.get("name", "")) for c in cache.rows("channel")}
    for row in rows:
        mine = _decoded(row.get("mine")) or {}
        theirs = _decoded(row.get("theirs"))
        entity, entity_id = str(row["entity"]), str(row["entity_id"])
        synced = cache.conn.execute(
            "SELECT data FROM record_synced WHERE entity = ? AND id = ?", (entity, entity_id)
        ).fetchone()
        now = _decoded(synced[0]) if synced and synced[0] else None
        if row["mutation_type"] == "channel.create":
            names.setdefault(entity_id, str(mine.get("name", "")))
        seen = {**(theirs or {}), **(now or {}), **mine}
        if row["mutation_type"] == "listing.move" and now:
            seen["channel_id"] = now.get("channel_id")  # open it where it is, not where it went
        for product_id in {str(seen.get("product_id") or "")} | (
            {entity_id} if entity == "favourite" else set()
        ):
            if product_id and product_id not in names:
                product = cache.product(product_id)
                if product is not None:
                    names[product_id] = str(product["title"])
        items.append(
            Item(
                id=int(row["id"]),
                kind=str(row["kind"]),
                code=row.get("code"),
                detail=row.get("detail"),
                mutation_type=str(row["mutation_type"]),
                entity=entity,
                entity_id=entity_id,
                fields=list(_decoded(row.get("fields")) or []),
                mine=mine if isinstance(mine, dict) else {},
                theirs=theirs if isinstance(theirs, dict) else None,
                now=now if isinstance(now, dict) else None,
                created_at=str(row["created_at"]),
                resolved_at=row.get("resolved_at"),
                resolution=row.get("resolution"),
                target=_target(entity, entity_id, seen, now is not None),
            )
        )
    resolved = sorted((i for i in items if not i.open), key=lambda i: (str(i.resolved_at), i.id))
    return [i for i in items if i.open] + resolved[::-1], names


def _decoded(text: Any) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _target(
    entity: str, entity_id: str, seen: dict[str, Any], exists: bool
) -> tuple[str, str] | None:
    """Where the item's row is shown: its channel, or its product (None: nowhere)."""
    if entity == "channel":
        return ("channel", entity_id) if exists else None
    if entity == "listing" and seen.get("channel_id"):
        return ("channel", str(seen["channel_id"]))
    if entity == "favourite":
        return ("product", entity_id)
    if seen.get("product_id"):
        return ("product", str(seen["product_id"]))
    return None


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
    cache.note(CONFLICT, str(conflict_id))  # an edit's ``Changed`` carries it to the views
