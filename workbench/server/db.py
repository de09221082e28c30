"""Engines, sessions and the two kinds of unit of work: read and write.

SQLite: WAL, foreign keys, a busy timeout, and ``BEGIN IMMEDIATE`` for writes so two writers
queue instead of failing on a lock upgrade. PostgreSQL: every write that appends to the change log
takes one transaction-scoped advisory lock first, so the log's ``seq`` is assigned in commit order
and a reader of the feed can never see seq 11 before seq 10 commits.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from workbench.server.changes import write_buffered

CHANGE_LOG_LOCK = 724_101  # advisory lock key guarding change-log appends on PostgreSQL


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for a SQLite file URL or a PostgreSQL URL, configured for this server."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            json_serializer=_json_dumps,
            connect_args={"check_same_thread": False, "timeout": 30},
            # Pooled: a request reuses a connection instead of opening the file and running
            # the PRAGMAs again (about a millisecond each time).
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(
        url,
        json_serializer=_json_dumps,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
    )


def _json_dumps(value: Any) -> str:
    # Chinese text as itself, not \uXXXX escapes: the change log is mostly Chinese and shrinks
    # by about a third.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


class Database:
    """The server's database: an engine plus read and write units of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        self._write_sessions = sessionmaker(writer, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session."""
        with self._sessions() as session:
            yield session
            session.rollback()

    @contextmanager
    def write(self, *, feed: bool = True) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back on any exception.

        ``feed=False``: a write that appends nothing to the change log (tokens, login
        failures) and so does not take the change log's lock on PostgreSQL; on SQLite it still
        holds the database's one write lock, but only for its own few statements.
        """
        with self._write_sessions() as session, session.begin():
            if feed:
                self.lock_change_log(session)
            yield session
            if not feed and session.info.get("change_log"):
                raise RuntimeError("a write without the feed lock logged changes")
            write_buffered(session)  # the change log this unit of work buffered, in one INSERT

    def lock_change_log(self, session: Session) -> None:
        """Serialise change-log appends so ``seq`` follows commit order.

        SQLite already serialises writers (the write lock is taken by ``BEGIN IMMEDIATE``);
        PostgreSQL takes a transaction-scoped advisory lock that is released at commit.
        """
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOG_LOCK})

    def dispose(self) -> None:
        self.engine.dispose()
