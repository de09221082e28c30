"""Reading a damaged cache whose schema is lost: a copy with a new schema page over page 1.

SQLite reads the whole schema (``sqlite_schema``) before any table, so a single lost schema page
makes every table unreadable, even when the pages of the outbox are intact. A schema page can
be late in the file: the schema grows during a sync (the catalogue snapshot's staging tables),
and a b-tree page added then is allocated at the end, which a file cut short loses first.

The tables recovery needs (``meta``, ``outbox``, ``conflict`` and AUTOINCREMENT's
``sqlite_sequence``) are created by the cache's first schema step on an empty file, always in
the same order, so their root pages are the same in every cache (the cache never vacuums). This
module learns them from a scratch database made the same way, writes a fresh schema naming just
those tables at those roots into page 1 of a copy of the damaged file, and lets SQLite read them
from there. Nothing is written to the damaged file itself.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from workbench.store import schema

NEEDED = ("meta", "outbox", "outbox_touch", "conflict", "sqlite_sequence")


def _page_size(path: Path) -> int:
    with path.open("rb") as f:
        f.seek(16)
        raw = int.from_bytes(f.read(2), "big")
    return 65536 if raw == 1 else raw


def _schema_page(folder: Path, page_size: int) -> bytes:
    """Page 1 of a scratch database made by the first schema step (so each table has the root
    it has in every cache), its schema cut down to :data:`NEEDED` and their indexes."""
    first = schema.MIGRATIONS[0]
    assert isinstance(first, list)
    made = folder / "first-step.sqlite3"
    conn = sqlite3.connect(made, isolation_level=None)
    try:
        conn.execute(f"PRAGMA page_size = {page_size}")
        conn.execute("BEGIN")
        for statement in first:
            conn.execute(statement)
        conn.execute("COMMIT")
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            f"DELETE FROM sqlite_schema WHERE tbl_name NOT IN ({', '.join('?' * len(NEEDED))})",
            NEEDED,
        )
    finally:
        conn.close()
    with made.open("rb") as f:
        return f.read(page_size)


def readable_copy(damaged: Path, out: Path) -> Path:
    """A copy of ``damaged`` (already padded to its full size) at ``out`` whose page 1 holds a
    schema of the tables recovery reads, at the roots every cache has them."""
    page_size = _page_size(damaged)
    with tempfile.TemporaryDirectory() as tmp:
        page = bytearray(_schema_page(Path(tmp), page_size))
    shutil.copyfile(damaged, out)
    pages = out.stat().st_size // page_size
    page[28:32] = pages.to_bytes(4, "big")  # the database's size in pages: the whole copy
    page[32:40] = bytes(8)  # no free-page list (its pages are the damaged file's)
    with out.open("r+b") as f:
        f.write(bytes(page))
    return out
