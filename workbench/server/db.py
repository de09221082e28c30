"""Engines, sessions and the two kinds of unit of work: read and write.

SQLite: WAL, foreign keys, a busy timeout, and ``BEGIN IMMEDIATE`` for writes so two writers
queue instead of failing on a lock upgrade. PostgreSQL: no reader of the feed may ever pass a
``seq`` that is still to commit (it would never see that entry). Writers that must run alone
(compaction, the seeder) hold the change log's advisory lock exclusively from their start to
their commit. A partitioned writer (a mutation batch, the due cuts: see ``mutations.partitions``)
takes its partitions' locks first and, only for the INSERT of its log entries and its commit,
the change log's lock in *shared* mode plus a *marker*: a shared advisory lock whose key holds
the log's last ``seq`` before its own entries. Partitioned writers so append and commit side by
side (their commits' WAL flushes overlap instead of queueing behind one lock), and a reader
bounds its page by ``feed_bound``: the log's last ``seq``, read first, and below every marker
held, read then; its page, read after that, has every entry up to the bound that will ever
commit (a writer's marker is released after its commit is visible).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, cast

import orjson
from sqlalchemy import (
    ColumnElement,
    Dialect,
    SQLColumnExpression,
    Table,
    Update,
    create_engine,
    event,
    exists,
    func,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, CursorResult, Engine
from sqlalchemy.orm import Session, sessionmaker

from workbench.server.bulk import COPY_FROM
from workbench.server.changes import write_buffered
from workbench.server.models import ChangeLog

_LOCK_PARTITION = text("SELECT pg_advisory_xact_lock(:c, hashtext(:n))")
_FEED_LOCKED = "change_log_locked"  # session.info: the change log's lock is already held
CHANGE_LOG_LOCK = 724_101  # advisory lock key guarding change-log appends on PostgreSQL
PARTITION_LOCKS = 724_103  # the class (first key) of the partition locks (second: hashtext)
FEED_MARKERS = 1 << 62  # a marker's key: this plus the log's last seq before its writer's entries
# The change log's last seq handed out (0 before the first), read from its sequence.
_LAST_SEQ = "coalesce(pg_sequence_last_value('change_log_seq_seq'::regclass), 0)"
# The shared log lock and the marker, as the columns of one SELECT.
_MARK = (
    f"pg_advisory_xact_lock_shared({CHANGE_LOG_LOCK}) AS feed_lock, "
    f"pg_advisory_xact_lock_shared({FEED_MARKERS} + {_LAST_SEQ}) AS feed_marker"
)
# The highest seq a reader may pass: the log's last seq (read first: the MATERIALIZED CTE)
# capped by the lowest marker of this database (read after it: the subquery depends on it).
FEED_BOUND = f"""(
WITH last AS MATERIALIZED (SELECT {_LAST_SEQ} AS seq)
SELECT least(last.seq, (
    SELECT min(((l.classid::bigint << 32) | l.objid::bigint) - {FEED_MARKERS})
    FROM pg_locks AS l
    WHERE l.locktype = 'advisory' AND l.objsubid = 1
      AND l.classid::bigint >= {FEED_MARKERS >> 32} AND last.seq >= 0
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
)) FROM last
)"""


def account_partition_lock(account_id: SQLColumnExpression[str]) -> ColumnElement[Any]:
    """An expression (PostgreSQL) that takes the partition lock of account ``account_id``
    (``acct:<id>``, as ``Database.lock_partitions`` names it); its value is not NULL."""
    return func.pg_advisory_xact_lock(PARTITION_LOCKS, func.hashtext(literal("acct:") + account_id))


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
    engine = create_engine(
        url,
        json_serializer=_json_dumps,
        pool_size=pool_size,
        max_overflow=pool_size,
        # No ping per checkout (a round trip on every request): a connection the database
        # dropped fails its request once (a 5xx the client retries) and SQLAlchemy then
        # replaces the whole pool.
        pool_pre_ping=False,
    )
    # A Core executemany (a batch's rows, its results, its change-log entries) as INSERTs of
    # many VALUES rows, as the psycopg2 dialect does, instead of psycopg's pipeline of one
    # statement per row: a tenth of the CPU for the few rows of a typical push. Rows keep
    # their order (the change log's seq follows it).
    engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine


def _json_dumps(value: Any) -> str:
    # Chinese text as itself, not \uXXXX escapes: the change log is mostly Chinese and shrinks
    # by about a third. orjson: a tenth of ``json.dumps``'s time (a tenth of a push's CPU was
    # spent here); the same compact text. What orjson refuses (an integer past 64 bits) goes
    # to ``json.dumps``.
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
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
        # PostgreSQL: no BEGIN and no ROLLBACK round trip around a request's reads (each
        # statement is its own snapshot, as under READ COMMITTED anyway).
        self._reader = (
            self.engine
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._driver_sql: dict[str, str] = {}

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection for a request's reads (the caller's token, a feed page): cheaper
        than an ORM session, for the requests every client sends every few seconds."""
        with self._reader.connect() as conn:
            yield conn

    def driver_sql(self, sql: str) -> str:
        """``sql`` with ``:name`` parameters in the driver's own style, for ``exec_driver_sql``
        (no compilation per request); made once per statement."""
        found = self._driver_sql.get(sql)
        if found is None:
            found = sql if self.is_sqlite else re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)
            self._driver_sql[sql] = found
        return found

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session."""
        with self._sessions() as session:
            yield session
            session.rollback()

    @contextmanager
    def write(
        self,
        *,
        feed: bool = True,
        partitions: Sequence[str] | Callable[[Session], Sequence[str]] | None = None,
    ) -> Iterator[Session]:
        """A write transaction: committed on success, rolled back on any exception.

        By default the change log's lock is taken first and held to the commit, so the unit of
        work runs alone among writers (on SQLite every write does: ``BEGIN IMMEDIATE``).

        ``partitions`` (PostgreSQL): the unit of work only touches rows that writers holding
        the same partition names also touch; it takes those partitions' locks first and the
        change log's lock only at the end, in shared mode with its marker (``mark_change_log``),
        for the INSERT of its buffered entries and the commit. Writers of other partitions run
        and commit meanwhile; readers bound their pages by ``feed_bound``.

        ``partitions`` may be a function of the session, called before any lock is taken
        (a mutation batch reads its caller's token there, in the same transaction).

        ``feed=False``: a write that appends nothing to the change log (tokens, login
        failures) and so takes no lock on PostgreSQL; on SQLite it still holds the database's
        one write lock, but only for its own few statements.
        """
        with self._write_sessions() as session, session.begin():
            if callable(partitions):
                partitions = partitions(session)
            if feed and partitions is None:
                self.lock_change_log(session)
            elif feed and partitions is not None:
                self.lock_partitions(session, partitions)
            yield session
            buffered = bool(session.info.get("change_log"))
            if not feed and buffered:
                raise RuntimeError("a write without the feed lock logged changes")
            if partitions is not None and buffered and not session.info.pop(_FEED_LOCKED, False):
                self.mark_change_log(session)
            write_buffered(session)  # the change log this unit of work buffered, in one INSERT

    def lock_partitions(self, session: Session, names: Sequence[str]) -> None:
        """Take the partitions' locks, always in the same order, by name (an account's before
        "workflow"), so two writers never deadlock. The key is PostgreSQL's ``hashtext`` of the
        name, so that a statement can take an account's lock itself (``account_partition_lock``).
        """
        if self.is_sqlite:
            return
        for name in sorted(set(names)):
            session.execute(_LOCK_PARTITION, {"c": PARTITION_LOCKS, "n": name})

    def lock_change_log(self, session: Session) -> None:
        """Run alone among writers to the change log, to the commit (a writer that holds it
        appends in commit order and needs no marker).

        SQLite already serialises writers (the write lock is taken by ``BEGIN IMMEDIATE``);
        PostgreSQL takes the log's transaction-scoped advisory lock exclusively.
        """
        if not self.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOG_LOCK})

    def mark_change_log(self, session: Session) -> None:
        """A partitioned writer, before it appends to the change log (PostgreSQL): the log's
        lock in shared mode (so no writer that runs alone is in progress) and its marker
        (module docstring), both held to the commit."""
        if not self.is_sqlite:
            session.execute(text(f"SELECT {_MARK}"))

    def update_locking_change_log(self, session: Session, statement: Update) -> None:
        """Run ``statement`` (an UPDATE of exactly one row that this unit of work alone may
        write, e.g. under its partition's lock) and, on PostgreSQL, take what
        ``mark_change_log`` takes in the same round trip: ``write`` then takes it no more. Only
        for a partitioned unit of work whose remaining statements are its last writes.
        """
        if self.is_sqlite:
            session.execute(statement)
            return
        lock = select(text(_MARK)).cte("feed_lock")
        locking = statement.add_cte(lock).where(exists(select(literal(1)).select_from(lock)))
        if cast(CursorResult[Any], session.execute(locking)).rowcount == 1:
            session.info[_FEED_LOCKED] = True  # (no row: maybe no lock either, ``write`` takes it)

    def advance_and_log(
        self, session: Session, table: Table, key: Any, values: dict[str, Any]
    ) -> None:
        """The last writes of a partitioned unit of work: UPDATE the one row ``key`` (its
        ``id``) of ``table`` to ``values``, and (PostgreSQL) take what ``mark_change_log``
        takes and INSERT the change-log entries buffered so far, all in one statement (two
        round trips fewer than the UPDATE, the lock and the INSERT). Many entries (a ``COPY``
        is cheaper) or an unusual entry: ``update_locking_change_log``, the INSERT at the
        commit."""
        entries = session.info.get("change_log") or []
        if (
            self.is_sqlite
            or not 0 < len(entries) < COPY_FROM
            or any(entry.keys() != _LOG_KEYS for entry in entries)
        ):
            statement = update(table).where(table.c.id == key).values(values)
            self.update_locking_change_log(session, statement)
            return
        conn = session.connection()
        sql, processors = _advance_and_log_sql(
            conn.dialect, table, tuple(sorted(values)), len(entries)
        )
        params = {f"v_{name}": value for name, value in values.items()}
        params["key"] = key
        for n, entry in enumerate(entries):
            for column, process in processors:
                value = entry[column]
                params[f"e{n}_{column}"] = value if process is None else process(value)
        if cast(CursorResult[Any], conn.exec_driver_sql(sql, params)).rowcount == len(entries):
            session.info.pop("change_log")  # written
            session.info[_FEED_LOCKED] = True
        # (no row updated: nothing logged either, ``write`` locks and INSERTs as usual)

    def feed_bound(self, conn: Connection | Session) -> int | None:
        """The highest seq a reader may pass (module docstring), to be read *before* the
        statement that reads the log (its snapshot must be later); None on SQLite (no bound:
        its writers commit one at a time, in seq order)."""
        if self.is_sqlite:
            return None
        return int(conn.execute(text(f"SELECT {FEED_BOUND}")).scalar_one())

    def dispose(self) -> None:
        self.engine.dispose()


_LOG_KEYS = {"audience", "entity", "entity_id", "version", "op", "data", "created_at"}
_LOG_COLUMNS = tuple(sorted(_LOG_KEYS))


@lru_cache(maxsize=128)
def _advance_and_log_sql(
    dialect: Dialect, table: Table, columns: tuple[str, ...], count: int
) -> tuple[str, list[tuple[str, Any]]]:
    """``Database.advance_and_log``'s statement for ``count`` entries, in the driver's
    parameter style, and the log columns' bind processors; made once per shape. The entries
    are a SELECT that yields rows only after the UPDATE, which runs only after the locks, so
    every ``seq`` is drawn under them."""
    log = cast(Table, ChangeLog.__table__)
    quote = dialect.identifier_preparer.quote
    types = {name: log.c[name].type.compile(dialect) for name in _LOG_COLUMNS}
    rows = ", ".join(
        "(" + ", ".join(f"%(e{n}_{name})s::{types[name]}" for name in _LOG_COLUMNS) + ")"
        for n in range(count)
    )
    names = ", ".join(quote(name) for name in _LOG_COLUMNS)
    sets = ", ".join(
        f"{quote(name)} = %(v_{name})s::{table.c[name].type.compile(dialect)}" for name in columns
    )
    key_type = table.c.id.type.compile(dialect)
    sql = (
        f"WITH feed_lock AS (SELECT {_MARK}), "
        f"advance AS (UPDATE {dialect.identifier_preparer.format_table(table)} SET {sets} "
        f"WHERE id = %(key)s::{key_type} AND EXISTS (SELECT 1 FROM feed_lock) RETURNING 1) "
        f"INSERT INTO change_log ({names}) SELECT * FROM (VALUES {rows}) AS entry ({names}) "
        "WHERE EXISTS (SELECT 1 FROM advance)"
    )
    return sql, [(name, log.c[name].type.bind_processor(dialect)) for name in _LOG_COLUMNS]
