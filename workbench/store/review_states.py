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

from workbench.store import plan_terms

TABLE = "review_state"
ENTITIES = ("application", "sample")

_ROWS = (
    f"INSERT OR REPLACE INTO {TABLE} (entity, id, status, due_j) SELECT entity, id, "
    "json_extract(data, '$.status'), julianday(json_extract(data, '$.content_due_at')) "
    "FROM record WHERE entity = {entity} {restrict}"
)

SCHEMA = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        entity TEXT NOT NULL, id TEXT NOT NULL, status, due_j, PRIMARY KEY (entity, id)
    ) WITHOUT ROWID""",
    f"CREATE INDEX IF NOT EXISTS review_state_status ON {TABLE} (entity, status, due_j)",
    f"DELETE FROM {TABLE}",
    *[_ROWS.format(entity=f"'{entity}'", restrict="") for entity in ENTITIES],
]
"""The cache schema step: the table, filled from the rows already cached."""

_CHUNK = 400


def keep(conn: sqlite3.Connection, keys: Sequence[tuple[str, str]]) -> None:
    """Make the states of these rows (``(entity, id)``, written just now) equal to their rows
    in ``record``; a row not there any more loses its state. A cache opened at a schema before
    the table has none: the step that makes it fills it."""
    wanted = [(entity, row_id) for entity, row_id in keys if entity in ENTITIES]
    if not wanted or not plan_terms.exists(conn, TABLE):
        return
    for entity in ENTITIES:
        ids = [row_id for kind, row_id in wanted if kind == entity]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            conn.execute(f"DELETE FROM {TABLE} WHERE entity = ? AND id IN ({marks})",
                         [entity, *chunk])  # fmt: skip
            conn.execute(_ROWS.format(entity="?", restrict=f"AND id IN ({marks})"),
                         [entity, *chunk])  # fmt: skip
