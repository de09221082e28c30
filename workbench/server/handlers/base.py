"""What every mutation handler gets and returns, and the registry they fill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Dialect, Table, bindparam, event, insert, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_state, set_committed_value
from sqlalchemy.orm.util import identity_key

from workbench.contract.base import WireModel
from workbench.contract.sync import Change, Mutation, MutationStatus
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import models as m
from workbench.server.auth import Caller
from workbench.server.bulk import COPY_FROM
from workbench.server.changes import record_upsert
from workbench.server.config import DEFAULT_CUT_NOTICE_DAYS
from workbench.server.serialize import to_wire

R = TypeVar("R")


_COLUMN_KEYS: dict[type[Any], list[str]] = {}


def _column_keys(model: type[Any]) -> list[str]:
    keys = _COLUMN_KEYS.get(model)
    if keys is None:
        keys = _COLUMN_KEYS[model] = [prop.key for prop in model.__mapper__.column_attrs]
    return keys


@lru_cache(maxsize=256)
def _merged_insert(
    dialect: Dialect,
    first: Table, first_keys: tuple[str, ...], first_count: int,
    then: Table, then_keys: tuple[str, ...], then_count: int,
) -> tuple[str, dict[str, Callable[[Any], Any]]]:  # fmt: skip
    """``INSERT INTO then … WITH buffered AS (INSERT INTO first …)`` of so many rows of those
    columns, its parameters named ``b<row>_<column>`` and ``r<row>_<column>``: the SQL and the
    parameters' bind processors, compiled once per shape (SQLAlchemy does not cache a statement
    with a DML CTE, and compiling it costs more than the round trip it saves)."""

    def rows(table: Table, keys: tuple[str, ...], count: int, prefix: str) -> list[Any]:
        return [
            {key: bindparam(f"{prefix}{n}_{key}", type_=table.c[key].type) for key in keys}
            for n in range(count)
        ]

    buffered = insert(first).values(rows(first, first_keys, first_count, "b")).cte("buffered")
    statement = insert(then).values(rows(then, then_keys, then_count, "r")).add_cte(buffered)
    compiled = statement.compile(dialect=dialect)
    return compiled.string, {
        name: process for name, process in compiled._bind_processors.items() if callable(process)
    }


@dataclass
class BatchCache:
    """What one batch's mutations will look up, loaded up front, and the rows it creates.

    The database answers are kept true for the rest of the batch's transaction (writers of
    the same partitions are serialised, so only this session changes these rows meanwhile):

    - ``rows`` holds the prefetched rows, so they stay in the session's identity map and
      ``Session.get`` answers them without a query (a row a rolled-back savepoint touched is
      expired by SQLAlchemy and reloads on its next use).
    - ``absent`` holds ``(model, id)`` of rows that did not exist; adding or buffering a row takes
      its key out, so a row created earlier in the batch is found again. A row whose creation
      was rolled back is then just looked up in the database.
    - ``pairs`` holds, for each prefetched ``(channel_id, product_id)``, the ids of that pair's
      listings (the live ones at prefetch, then every one created or moved there in the batch); whether one is
      still live is asked of the session (``live_listing``).

    New rows of the hot handlers (``save_new``) are not ORM-pending rows but *buffered*: plain
    column values written with one Core ``executemany`` per model, in creation order (so a
    listing follows its channel), before any other statement of the session runs (any ORM query
    or flush, and before each savepoint), and at the end of the batch. The session itself so
    stays clean between mutations, which is what makes the exactness check below sound.

    ``writes`` counts the INSERT/UPDATE/DELETE statements the session's connection ran, other
    than the buffer's own: ``process_batch`` compares it around a validate-first handler.
    """

    rows: list[Any] = field(default_factory=list)
    absent: set[tuple[type[Any], Any]] = field(default_factory=set)
    pairs: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    added: int = 0  # rows added to the session since the batch began
    created: int = 0  # rows buffered since the batch began
    writes: int = 0  # write statements run by the session's connection (not the buffer's)
    buffered: list[tuple[Any, dict[str, Any], tuple[type[Any], Any]]] = field(default_factory=list)
    unflushed: set[tuple[type[Any], Any]] = field(default_factory=set)  # keys in ``buffered``
    # Changes to existing rows made by ``update_row`` in a validate-first handler: (table,
    # column names, parameters), written as one UPDATE executemany per run of the same shape.
    updates: list[tuple[Any, tuple[str, ...], dict[str, Any]]] = field(default_factory=list)
    fast: bool = False  # a validate-first handler is running without a savepoint (``_apply``)
    _session: Session | None = None
    _flushing: bool = False

    def watch(self, session: Session) -> None:
        """Keep ``absent`` true as handlers add rows, and count the statements that write."""
        self._session = session
        event.listen(session, "transient_to_pending", self._on_add)
        event.listen(session, "do_orm_execute", self._before_query)
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session.connection(), "before_cursor_execute", self._on_statement)

    def buffer(self, row: Any) -> None:
        """Queue a complete new row (``fill_defaults``) for the batch's Core INSERTs."""
        model = type(row)
        state = row.__dict__  # complete (``fill_defaults``); a column never set is NULL
        values = {key: state.get(key) for key in _column_keys(model)}
        key = (model, getattr(row, "id", None))
        self.buffered.append((model.__table__, values, key))
        self.created += 1
        self.unflushed.add(key)
        self.absent.discard(key)

    def truncate(self, mark: int) -> None:
        """Forget rows buffered after ``mark`` (a rolled-back savepoint's)."""
        for _table, _values, key in self.buffered[mark:]:
            self.unflushed.discard(key)
        del self.buffered[mark:]

    def buffer_update(self, row: Any, values: dict[str, Any]) -> None:
        """Change columns of a loaded, unmodified row now (in memory, as committed state) and
        queue its UPDATE for the batch's executemany; only while ``fast`` (no savepoint to undo
        it: a handler that rejects after this makes the batch run again, ``created`` says so)."""
        for key, value in values.items():
            set_committed_value(row, key, value)
        keys = tuple(sorted(values))
        params = {f"v_{key}": values[key] for key in keys}
        params["pk_id"] = row.id
        self.updates.append((type(row).__table__, keys, params))
        self.created += 1

    def flush_buffer(self) -> None:
        """Write the buffered rows: one ``executemany`` per run of rows of the same table."""
        if self._session is None or not (self.buffered or self.updates):
            return
        if not self.buffered:
            self._flush_updates()
            return
        conn = self._session.connection()
        self._flushing = True
        try:
            start = 0
            rows = self.buffered
            for end in range(1, len(rows) + 1):
                if end == len(rows) or rows[end][0] is not rows[start][0]:
                    conn.execute(
                        insert(rows[start][0]), [values for _t, values, _k in rows[start:end]]
                    )
                    start = end
        finally:
            self._flushing = False
        self.buffered = []
        self.unflushed = set()
        self._flush_updates()

    def flush_buffer_with(self, table: Table, rows: list[dict[str, Any]]) -> bool:
        """Write the buffered rows and ``rows`` of ``table`` in one statement (PostgreSQL: an
        INSERT of ``rows`` with the buffered rows' INSERT as its WITH clause), one round trip
        fewer than ``flush_buffer`` and then ``rows``. Only for a few new rows of one table
        and no buffered UPDATE; False (nothing written) otherwise."""
        session = self._session
        if (
            session is None
            or not self.buffered
            or self.updates
            or not 0 < len(rows) < COPY_FROM
            or len(self.buffered) >= COPY_FROM
        ):
            return False
        first = self.buffered[0][0]
        conn = session.connection()
        if conn.dialect.name != "postgresql" or any(t is not first for t, _v, _k in self.buffered):
            return False
        params: dict[str, Any] = {}
        for n, (_t, values, _k) in enumerate(self.buffered):
            params.update({f"b{n}_{key}": value for key, value in values.items()})
        for n, values in enumerate(rows):
            params.update({f"r{n}_{key}": value for key, value in values.items()})
        sql, processors = _merged_insert(
            conn.dialect,
            first, tuple(self.buffered[0][1]), len(self.buffered),
            table, tuple(rows[0]), len(rows),
        )  # fmt: skip
        for name, process in processors.items():
            params[name] = process(params[name])
        self._flushing = True
        try:
            conn.exec_driver_sql(sql, params)
        finally:
            self._flushing = False
        self.buffered = []
        self.unflushed = set()
        return True

    def _flush_updates(self) -> None:
        if not self.updates or self._session is None:
            return
        conn = self._session.connection()
        self._flushing = True
        try:
            rows, start = self.updates, 0
            for end in range(1, len(rows) + 1):
                if end == len(rows) or rows[end][:2] != rows[start][:2]:
                    table, keys, _params = rows[start]
                    statement = (
                        update(table)
                        .where(table.c.id == bindparam("pk_id"))
                        .values(
                            {key: bindparam(f"v_{key}", type_=table.c[key].type) for key in keys}
                        )
                    )
                    conn.execute(statement, [params for _t, _k, params in rows[start:end]])
                    start = end
        finally:
            self._flushing = False
        self.updates = []

    def live_listing(self, session: Session, channel_id: str, product_id: str) -> str | None:
        """The id of a live listing of a prefetched pair (``None``: none); see ``pairs``."""
        for listing_id in self.pairs[(channel_id, product_id)]:
            if (m.Listing, listing_id) in self.unflushed:
                return listing_id  # created in this batch, not written yet: nothing changed it
            listing = session.get(m.Listing, listing_id)
            if listing is not None and not listing.deleted and listing.channel_id == channel_id:
                return listing_id  # (a ``listing.move`` may have taken it elsewhere)
        return None

    def _on_add(self, _session: Session, row: Any) -> None:
        self.added += 1
        # ``absent`` only holds rows of models keyed by ``id`` (``_prefetch`` looks up by it).
        self.absent.discard((type(row), getattr(row, "id", None)))

    def _before_query(self, _state: Any) -> None:
        self.flush_buffer()

    def _before_flush(self, _session: Session, _context: Any, _instances: Any) -> None:
        self.flush_buffer()

    def _on_statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not self._flushing and statement.lstrip()[:6].upper() != "SELECT":
            self.writes += 1


@dataclass
class Ctx:
    """The unit of work a handler runs in (``batch``: the prefetch of ``process_batch``)."""

    session: Session
    caller: Caller
    now: datetime
    batch: BatchCache | None = None
    cut_notice: timedelta = timedelta(days=DEFAULT_CUT_NOTICE_DAYS)  # handlers/plans.py

    def get(self, model: type[R], row_id: Any) -> R | None:
        """``Session.get``, answered from the batch's prefetch when it knows the row is absent."""
        if self.batch is not None and (model, row_id) in self.batch.absent:
            return None
        # What ``Session.get`` answers for a loaded, unexpired row, without its option handling
        # (a third of a hot handler's lookups' time).
        ident = row_id if isinstance(row_id, tuple) else (row_id,)
        found = self.session.identity_map.get(identity_key(model, ident))
        if found is not None and not instance_state(found).expired_attributes:
            return found
        return self.session.get(model, row_id)


@dataclass
class Outcome:
    """A handler's answer: applied (the default) or conflict, with the rows it left.

    ``changes`` are feed-shaped (the same model as the change feed), so the client applies a
    result with the very code that applies a pulled page.
    """

    entity: str
    entity_id: str
    status: MutationStatus = MutationStatus.APPLIED
    changes: list[Change] = field(default_factory=list)
    conflicts: list[str] | None = None
    code: ErrorCode | None = None
    detail: str | None = None


Handler = Callable[[Ctx, Mutation, Any], Outcome]
HANDLERS: dict[str, Handler] = {}
# Handlers that check everything before they write anything: when one rejects, it has left no
# trace, so it runs without a savepoint (two statements fewer per mutation).
VALIDATE_FIRST: set[str] = set()

H = TypeVar("H", bound=Handler)


def handles(mutation_type: str, *, validate_first: bool = False) -> Callable[[H], H]:
    """Register a handler for a mutation type (the payload model lives in contract.mutations).

    ``validate_first``: every ``DomainError`` the handler raises comes before its first write
    (``process_batch`` checks this and fails the batch if it is ever broken).
    """

    def register(fn: H) -> H:
        HANDLERS[mutation_type] = fn
        if validate_first:
            VALIDATE_FIRST.add(mutation_type)
        return fn

    return register


def owned(ctx: Ctx, model: type[R], row_id: str, owner_field: str) -> R:
    """The row ``row_id`` of ``model`` if the caller owns it; ``unknown_entity`` otherwise.

    Someone else's row answers exactly like a missing one, so ids leak nothing.
    """
    row = ctx.get(model, row_id)
    if row is None or getattr(row, owner_field) != ctx.caller.id or getattr(row, "deleted", False):
        raise DomainError(ErrorCode.UNKNOWN_ENTITY, f"no such {model.__name__.lower()}: {row_id}")
    return row


def save(
    ctx: Ctx,
    row: Any,
    entity: str,
    *,
    bump: bool = True,
    gone_for: tuple[str, ...] = (),
    flush: bool = True,
) -> Outcome:
    """Bump the row's version, log it to the feed, and answer with it.

    ``flush=False`` leaves a new row pending (written with the batch's other rows, or by the
    next query's autoflush); the row must then be complete already (``fill_defaults``).
    """
    if bump:
        row.version = (row.version or 0) + 1
    ctx.session.add(row)
    data = record_upsert(ctx.session, row, also_delete_for=gone_for, flush=flush)
    change = as_change(row, entity, data=data)
    return Outcome(entity=entity, entity_id=change.id, changes=[change])


def save_new(ctx: Ctx, row: Any, entity: str) -> Outcome:
    """``save`` for a row the handler has just made: buffered for the batch's Core INSERTs.

    Outside a batch, or when a column default can only be computed by the INSERT, it is added
    to the session and flushed as ``save`` does.
    """
    complete = fill_defaults(row)
    if ctx.batch is None or not complete:
        return save(ctx, row, entity, flush=not complete)
    row.version = (row.version or 0) + 1
    data = record_upsert(ctx.session, row, flush=False)
    ctx.batch.buffer(row)
    change = as_change(row, entity, data=data)
    return Outcome(entity=entity, entity_id=change.id, changes=[change])


# Per model: (attribute, is scalar, value) of each column that has a default.
_DEFAULTS: dict[type[Any], list[tuple[str, bool, Any]]] = {}


def fill_defaults(row: Any) -> bool:
    """Set the column defaults an INSERT would, so a row reads as it will once written.

    A column left unset or ``None`` takes its scalar default, as in the INSERT. Returns whether
    the row is now complete (no callable default is still to be applied by a flush).
    """
    complete = True
    model = type(row)
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = _DEFAULTS[model] = [
            (
                model.__mapper__.get_property_by_column(column).key,
                bool(column.default.is_scalar),
                getattr(column.default, "arg", None),
            )
            for column in model.__table__.columns
            if column.default is not None
        ]
    for key, scalar, value in defaults:
        if row.__dict__.get(key) is not None:
            continue
        if scalar:
            setattr(row, key, value)
        else:
            complete = False
    return complete


def unchanged(row: Any, entity: str) -> Outcome:
    """An answer with the row's current state (also for an idempotent no-op)."""
    change = as_change(row, entity)
    return Outcome(entity=entity, entity_id=change.id, changes=[change])


def conflict(row: Any, entity: str, fields: list[str], detail: str) -> Outcome:
    """A conflict: the edit was based on an older version of ``row`` and touches ``fields``
    that changed since; the answer carries the server's row (the device keeps its own edit)."""
    return Outcome(
        entity=entity,
        entity_id=row.id,
        status=MutationStatus.CONFLICT,
        changes=[as_change(row, entity)],
        conflicts=fields,
        code=ErrorCode.VERSION_CONFLICT,
        detail=detail,
    )


def as_change(row: Any, entity: str, *, data: dict[str, Any] | None = None) -> Change:
    """A row as a change-feed entry: its whole state, or a tombstone if it is deleted.

    ``data``: the row's ``to_wire`` already made (by ``record_upsert``), if at hand.
    """
    entity_id = row.product_id if entity == "favourite" else str(row.id)
    if getattr(row, "deleted", False):
        return Change(entity=entity, id=entity_id, version=row.version, op="delete")
    if data is None:
        data = to_wire(row)
    return Change(entity=entity, id=entity_id, version=row.version, op="upsert", data=data)


def payload_fields(payload: WireModel) -> dict[str, Any]:
    """The fields a payload actually sets (a patch leaves the rest alone)."""
    return payload.model_dump(exclude_unset=True)


def update_row(ctx: Ctx, row: Any, entity: str, **values: Any) -> Outcome:
    """Set columns of an existing row, bump its version, log it to the feed, answer with it.

    In a validate-first handler running without a savepoint the UPDATE is buffered for the
    batch's executemany (``BatchCache.buffer_update``: no flush per mutation); otherwise the
    row's attributes are set and it is saved as ``save`` does.
    """
    batch = ctx.batch
    state = instance_state(row)
    if (
        batch is not None
        and batch.fast
        and not state.modified
        and not state.expired_attributes
        and (type(row), row.id) not in batch.unflushed
    ):
        batch.buffer_update(row, {**values, "version": (row.version or 0) + 1})
        data = record_upsert(ctx.session, row, flush=False)
        change = as_change(row, entity, data=data)
        return Outcome(entity=entity, entity_id=change.id, changes=[change])
    for key, value in values.items():
        setattr(row, key, value)
    return save(ctx, row, entity)
