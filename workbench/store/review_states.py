"""Each application's and sample request's state, typed: what the merchant's review queues
count (``merchant_pages.queue_count``, the rail's ``pending_counts``) instead of their JSON.

``review_state`` holds one row per application and sample row of ``record``: its ``status``
and, for a sample, its content due date as a Julian day (``due_j``: a shipped sample past it is
overdue), the JSON's own values as ``json_extract`` and ``julianday`` read them (no column
types), so a count compares exactly what it compared on the JSON. Counting a state is then a
range of the index ``review_state_status``: at 200,000 applications a count by state read every
matching row's JSON, ~170 ms of CPU.

``records.refresh_many``, the one writer of ``record``, keeps it equal to those rows
(:func:`keep`); the cache schema step that creates it fills it from ``record`` (:data:`SCHEMA`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from workbench.store import tables

TABLE = "review_state"
ENTITIES = ("application", "sample")

_FILL = (
    f"INSERT INTO {TABLE} (entity, id, status, due_j) SELECT entity, id, "
    "json_extract(data, '$.status'), julianday(json_extract(data, '$.content_due_at')) "
    f"FROM record WHERE entity IN {ENTITIES}"
)

SCHEMA = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        entity TEXT NOT NULL, id TEXT NOT NULL, status, due_j, PRIMARY KEY (entity, id)
    ) WITHOUT ROWID""",
    f"CREATE INDEX IF NOT EXISTS review_state_status ON {TABLE} (entity, status, due_j)",
    f"DELETE FROM {TABLE}",
    _FILL,
]
"""The cache schema step: the table, filled from the rows already cached."""

State = tuple[str, str, Any, Any]
"""A row's state as :func:`keep` takes it: entity, id, and the JSON's status and content due
date (text), as ``record`` now has them."""


def state(entity: str, row_id: str, data: dict[str, Any]) -> State | None:
    """The state of a visible row just made (None: not an application or a sample)."""
    if entity not in ENTITIES:
        return None
    return (entity, row_id, data.get("status"), data.get("content_due_at"))


def keep(
    conn: sqlite3.Connection, states: Sequence[State], gone: Sequence[tuple[str, str]]
) -> None:
    """Make the typed states equal to the rows just written to ``record`` (``states``) and
    those just deleted from it (``gone``: ``(entity, id)``). A cache opened at a schema before
    the table has none: the step that makes it fills it."""
    gone = [key for key in gone if key[0] in ENTITIES]
    if not (states or gone) or not tables.exists(conn, TABLE):
        return
    conn.executemany(f"DELETE FROM {TABLE} WHERE entity = ? AND id = ?", gone)
    conn.executemany(  # julianday() as the fill reads the JSON's text; unchanged ones stay
        f"INSERT INTO {TABLE} (entity, id, status, due_j) VALUES (?, ?, ?, julianday(?)) "
        "ON CONFLICT (entity, id) DO UPDATE SET status = excluded.status, due_j = excluded.due_j "
        "WHERE status IS NOT excluded.status OR due_j IS NOT excluded.due_j",
        states,
    )
