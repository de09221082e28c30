"""Which tables a cache has now: a typed table kept beside ``record`` (``listing_slot``,
``plan_term``, ``review_state``, ``cut_alert``) is written only once the schema step that makes
it has run, and that step fills it from what the cache already holds."""

from __future__ import annotations

import sqlite3


def exists(conn: sqlite3.Connection, name: str) -> bool:
    """Whether the cache behind ``conn`` has the table ``name``."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return found is not None
