"""Fast bulk writes for the seeder: one raw DBAPI connection, one transaction.

The ORM costs tens of microseconds a row; a million products must go in at 100k rows a second.
So rows are plain tuples already in the database's spelling, written with ``executemany`` on
SQLite and ``COPY ... FROM STDIN`` on PostgreSQL, and the big table's secondary indexes are
dropped for the load and built again afterwards (one sort instead of a million random inserts).
Values: a UTC timestamp goes through :meth:`BulkWriter.time`, a JSON value through
:meth:`BulkWriter.json` (the engine's JSON serializer, as SQLAlchemy's ``JSON`` type would).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from workbench.server.db import CHANGE_LOG_LOCK, Database
from workbench.server.seed.ids import sqlite_time

_SQLITE_CACHE_KIB = 256 * 1024  # index pages stay in memory during the big insert


def _quoted(name: str) -> str:
    return f'"{name}"'


class BulkWriter:
    """Writes tuples to tables inside one transaction; commit or roll back at the end."""

    def __init__(self, db: Database) -> None:
        self.is_sqlite = db.is_sqlite
        self._fairy = db.engine.raw_connection()
        self.conn: Any = self._fairy.driver_connection
        # The serializer SQLAlchemy's JSON type uses on this engine (json.dumps unless configured).
        self._dumps: Callable[[Any], str] = (
            getattr(db.engine.dialect, "_json_serializer", None) or json.dumps
        )

    def begin(self) -> None:
        """Take the write lock: SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's change-log lock."""
        if self.is_sqlite:
            # The engine's connect hook sets isolation_level=None, so transactions are ours.
            self.conn.execute(f"PRAGMA cache_size=-{_SQLITE_CACHE_KIB}")
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.execute("SELECT pg_advisory_xact_lock(%s)", (CHANGE_LOG_LOCK,))

    def commit(self) -> None:
        if self.is_sqlite:
            self.conn.execute("COMMIT")
        else:
            self.conn.commit()

    def rollback(self) -> None:
        if self.is_sqlite:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        else:
            self.conn.rollback()

    def close(self) -> None:
        if self.is_sqlite:
            # Fold the load's write-ahead log into the file so it does not stay hundreds of MB.
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._fairy.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (in the DBAPI's own paramstyle) and return its rows, if any."""
        cur = self.conn.cursor()
        try:
            cur.execute(sql, params)
            return list(cur.fetchall()) if cur.description else []
        finally:
            cur.close()

    def time(self, at: datetime | None) -> Any:
        """A UTC timestamp as the driver takes it for a ``UTCDateTime`` column."""
        if at is None:
            return None
        return sqlite_time(at) if self.is_sqlite else at

    def json(self, value: Any) -> str | None:
        return None if value is None else self._dumps(value)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Append rows (tuples in ``columns`` order); returns how many were written."""
        names = ", ".join(_quoted(c) for c in columns)
        if self.is_sqlite:
            marks = ", ".join("?" * len(columns))
            cur = self.conn.cursor()
            try:
                # sqlite3 pulls from the iterator as it goes: no list of a million tuples.
                cur.executemany(f"INSERT INTO {_quoted(table)} ({names}) VALUES ({marks})", rows)
                return int(cur.rowcount)  # summed over the whole executemany
            finally:
                cur.close()
        written = 0
        with (
            self.conn.cursor() as cur,
            cur.copy(f"COPY {_quoted(table)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                written += 1
        return written

    @contextmanager
    def indexes_dropped(self, table: str) -> Iterator[None]:
        """Drop ``table``'s secondary (non-constraint) indexes; rebuild them on the way out."""
        definitions = self._secondary_indexes(table)
        for name, _sql in definitions:
            self.execute(f"DROP INDEX {_quoted(name)}")
        yield
        for _name, sql in definitions:
            self.execute(sql)

    def _secondary_indexes(self, table: str) -> list[tuple[str, str]]:
        if self.is_sqlite:
            # Indexes that back a PRIMARY KEY or UNIQUE constraint have no SQL of their own.
            rows = self.execute(
                "SELECT name, sql FROM sqlite_master"
                " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
                (table,),
            )
        else:
            rows = self.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
                " JOIN pg_class i ON i.oid = x.indexrelid"
                " WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique"
                " ORDER BY i.relname",
                (table,),
            )
        return [(str(name), str(sql)) for name, sql in rows]
