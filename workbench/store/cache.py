"""The cache object: one SQLite connection, its transactions, meta values and a few reads.

Writes go through :meth:`Cache.write`, a ``BEGIN IMMEDIATE`` transaction. A user's edit is one
(:meth:`Cache.enqueue`); the sync engine's write steps, each its own transaction, are in
``steps``; the write logic is in ``records``, ``outbox`` and ``catalog``, and each page's reads
in its own module (``products``, ``channels`` …). A cache is used by one thread at a time (the
sync worker, the edit lane, or a reader lane, each on its own ``Cache``); WAL lets readers and
the writer work side by side.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from workbench.core.ids import uuid7
from workbench.store import catalog, damage, file_lock, outbox, plan_terms
from workbench.store.changed import Changed
from workbench.store.schema import SCHEMA_VERSION, migrate

FaultHook = Callable[[str], None]

__all__ = ["Cache", "Changed", "FaultHook"]

WAL_AUTOCHECKPOINT = 16_384
"""Pages (4 KiB) the WAL may hold before a commit copies it into the file itself. SQLite's
default, 1,000, made a merchant's batch of 500 approvals copy the WAL at nearly every commit on a
big cache (62 of its 115 ms: the rows lie scattered across a 500 MB file). The app copies it off
the write path instead (:meth:`Cache.checkpoint`, on the reader's background lane after edits and
syncs); this level is the backstop (64 MiB) should that not run."""


class Cache:
    """An account's cache file. ``Cache.open(path)`` creates or upgrades it."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.fault: FaultHook | None = None  # tests only: a named point where a "crash" may hit
        self._collected: Changed | None = None  # see ``collecting``
        self.locked = False  # holds one count of the cache's OS file lock (released on close)

    @classmethod
    def open(
        cls, path: Path | str, *, account_id: str | None = None, schema: int = SCHEMA_VERSION
    ) -> Cache:
        """Open (creating or migrating) the cache at ``path``; ``account_id`` pins its owner.

        An existing file whose header shows damage, or that SQLite finds damaged, raises
        ``damage.CacheDamaged`` untouched (``recovery.open_account_cache`` handles it); a full
        disk raises ``damage.DiskFull``. Before all that the OS lock of the cache is taken
        (:mod:`workbench.store.file_lock`): if another process has the cache, this raises
        ``CacheInUse`` before anything is opened or written."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        file_lock.acquire(path)
        try:
            cache = cls._open_locked(path, account_id=account_id, schema=schema)
        except BaseException:
            file_lock.release(path)
            raise
        cache.locked = True
        return cache

    @classmethod
    def _open_locked(cls, path: Path, *, account_id: str | None, schema: int) -> Cache:
        created = not path.exists()
        if not created:
            damage.check_header(path)  # before SQLite takes a 0-byte file for a new one
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        try:
            conn.execute("PRAGMA busy_timeout=30000")
            # First: a cache from a newer app is refused before anything (even the journal
            # mode, which lives in the file header) is written to it.
            migrate(conn, schema)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
            conn.execute("PRAGMA foreign_keys=ON")
        except BaseException as exc:
            conn.close()
            if created:  # (a full disk) no empty file left behind to be taken for a damaged one
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            damage.reraise(exc, path)
            raise
        cache = cls(conn, path)
        try:
            with cache.write():
                if cache.meta("device_id") is None:
                    cache.set_meta("device_id", uuid7())
                    cache.set_meta("next_seq", "1")
                if account_id is not None:
                    owner = cache.meta("account_id")
                    if owner is None:
                        cache.set_meta("account_id", account_id)
                        plan_terms.fill(conn)  # my entries on the plans already cached
                    elif owner != account_id:
                        raise ValueError("this cache belongs to another account")
        except BaseException:
            conn.close()
            raise
        return cache

    def checkpoint(self) -> None:
        """Copy what the WAL holds into the file, as far as readers allow, without waiting for
        anyone (a passive checkpoint: writers go on meanwhile). Off the write path, so an edit's
        commit does not pay for it (:data:`WAL_AUTOCHECKPOINT`)."""
        self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def close(self) -> None:
        self.conn.close()
        if self.locked:
            self.locked = False
            file_lock.release(self.path)

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- transactions and meta -------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one.

        It commits whole or not at all: on any error (also a failed COMMIT) it is rolled back
        if SQLite has not already done so (it does on a full disk), and a full disk or a
        damaged page is raised as ``damage.DiskFull`` / ``damage.CacheDamaged``."""
        if self.conn.in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            damage.reraise(exc, self.path)
            raise

    @contextmanager
    def collecting(self, cause: str) -> Iterator[Changed]:
        """Gather every visible row the writes inside change (an edit made of many steps)."""
        outer, self._collected = self._collected, Changed(cause=cause)
        try:
            yield self._collected
        finally:
            if outer is not None:
                outer.merge(self._collected)
            self._collected = outer

    def note(self, entity: str, row_id: str) -> None:
        """A visible row changed (called by the write modules)."""
        if self._collected is not None:
            self._collected.add(entity, row_id)

    def hit(self, point: str) -> None:
        """Give a test's fault hook the chance to "crash" here."""
        if self.fault is not None:
            self.fault(point)

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def device_id(self) -> str:
        value = self.meta("device_id")
        assert value is not None
        return value

    @property
    def account_id(self) -> str:
        return self.meta("account_id") or ""

    # --- local edits (the sync engine's write steps are in ``steps``) --------------------------
    def enqueue(
        self,
        mutation_type: str,
        entity_id: str,
        payload: dict[str, Any] | None = None,
        base_version: int | None = None,
    ) -> Changed:
        """Record a user's edit: its outbox row and the rows it shows, in one transaction."""
        with self.write():
            changed = outbox.enqueue(self, mutation_type, entity_id, payload or {}, base_version)
            self.hit("enqueue:before-commit")
            return changed

    def enqueue_many(self, edits: list[outbox.NewEdit]) -> Changed:
        """Record many edits ``(type, entity id, payload, base version)`` in one transaction."""
        with self.write():
            changed = outbox.enqueue_many(self, edits)
            self.hit("enqueue:before-commit")
            return changed

    def discard(self, local_id: int) -> Changed:
        """Drop a pending edit that was never sent (one that was sent can only be countered)."""
        with self.write():
            return outbox.discard(self, local_id)

    # --- reads -------------------------------------------------------------------------------------
    def get(self, entity: str, row_id: str) -> dict[str, Any] | None:
        """The row as the user sees it (confirmed + pending)."""
        row = self.conn.execute(
            "SELECT data FROM record WHERE entity = ? AND id = ?", (entity, row_id)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def rows(self, entity: str) -> list[dict[str, Any]]:
        found = self.conn.execute("SELECT data FROM record WHERE entity = ? ORDER BY id", (entity,))
        return [json.loads(r[0]) for r in found]

    def product(self, product_id: str) -> dict[str, Any] | None:
        return catalog.product(self, product_id)

    def pending_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])

    def conflicts(self, *, open_only: bool = True) -> list[dict[str, Any]]:
        sql = "SELECT * FROM conflict" + (" WHERE resolved_at IS NULL" if open_only else "")
        cur = self.conn.execute(sql + " ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def status(self) -> dict[str, Any]:
        """Pending edits, open conflicts, and each scope's last successful sync."""
        scopes = {
            row[0]: {"last_ok_at": row[1], "has_cursor": row[2] is not None}
            for row in self.conn.execute("SELECT scope, last_ok_at, cursor FROM sync_state")
        }
        return {
            "pending": self.pending_count(),
            "conflicts": len(self.conflicts()),
            "scopes": scopes,
            "products": catalog.count(self),
        }

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])
