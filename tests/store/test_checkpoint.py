"""The cache's WAL is copied into the file off the write path: a commit of a few thousand pages
leaves it in the WAL (SQLite's default copied it at every commit past 1,000 pages, 62 of the
115 ms of a merchant's batch of 500 approvals), and ``Cache.checkpoint`` copies it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.store.cache import WAL_AUTOCHECKPOINT, Cache


def _rows_in_file_alone(path: Path) -> int:
    """The rows of ``bulk`` in the database file itself, the WAL ignored (immutable=1)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        found = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'bulk'").fetchone()
        if not found[0]:
            return 0
        return int(conn.execute("SELECT count(*) FROM bulk").fetchone()[0])
    finally:
        conn.close()


def test_a_big_commit_stays_in_the_wal_until_the_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    cache = Cache.open(path, account_id="a")
    try:
        assert cache.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == WAL_AUTOCHECKPOINT
        with cache.write():  # ~2,500 pages: past SQLite's default of 1,000
            cache.conn.execute("CREATE TABLE bulk (id INTEGER PRIMARY KEY, blob TEXT)")
            cache.conn.executemany(
                "INSERT INTO bulk (blob) VALUES (?)", (("x" * 4000,) for _ in range(2500))
            )
        assert Path(f"{path}-wal").stat().st_size > 1000 * 4096
        assert _rows_in_file_alone(path) == 0  # the commit did not copy the WAL
        cache.checkpoint()
        assert _rows_in_file_alone(path) == 2500
    finally:
        cache.close()
