"""Processing a device's mutation batch: in order, exactly once, results stored with effects.

One transaction per batch, serialised with the other batches of the same account (and, for
workflow types, with every other workflow batch) but not with other accounts' own-row edits:
``partitions``. Each mutation runs in a savepoint, so a rejected one leaves no
trace while its neighbours apply. A handler registered ``validate_first`` (it checks everything
before it writes anything, so a rejection has written nothing) runs without one. That claim is
checked, soundly: before such a handler the session holds no unwritten change, and if it rejects
after anything reached the session, the database (any statement but a SELECT: an autoflush, a
Core ``update()``) or the batch's buffers, the whole transaction is rolled back and the batch
runs again with a savepoint per mutation (``_Redo``): slower, never wrong. The
``(device, seq) → result`` record is written in the same transaction as the effect, so a retry
of a batch whose answer was lost replays the stored results and changes nothing (Replicache's
rule). A gap in ``seq`` stops the batch there.

Speed: what the batch's mutations will look up is loaded first, in a few IN-queries
(``_prefetch``, kept true through the batch by ``BatchCache``), and the rows the hot handlers
create are buffered and written by Core ``executemany`` (``save_new``), not the ORM's unit of
work. The device, the used mutation ids and which of the looked-up rows exist come in one
statement (``_device_and_used``), so a batch of new rows loads nothing more. On PostgreSQL the
token's check also takes the account's partition lock, the buffered rows go in with the
mutation records (``BatchCache.flush_buffer_with``), and the device's UPDATE takes the change
log's shared lock and marker and writes the batch's log entries (``Database.advance_and_log``):
a 3-filter push is 6 round trips, BEGIN and COMMIT included.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, TypeGuard, cast

from pydantic import ValidationError
from sqlalchemy import (
    BigInteger,
    Table,
    and_,
    bindparam,
    case,
    literal_column,
    null,
    select,
    union_all,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session, lazyload

from workbench.contract.mutations import MUTATIONS
from workbench.contract.sync import (
    Mutation,
    MutationBatch,
    MutationResult,
    MutationResults,
    MutationStatus,
)
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import models as m
from workbench.server.auth import TOKEN, Caller
from workbench.server.bulk import append_rows
from workbench.server.changes import pending_entries
from workbench.server.config import DEFAULT_CUT_NOTICE_DAYS, Clock
from workbench.server.db import Database, account_partition_lock
from workbench.server.deps import Bearer
from workbench.server.due import WORKFLOW, apply_due_cuts
from workbench.server.handlers import creator, plans, workflow  # noqa: F401  (registers)
from workbench.server.handlers.base import HANDLERS, VALIDATE_FIRST, BatchCache, Ctx
from workbench.server.types import utcnow

log = logging.getLogger(__name__)


class _Redo(Exception):
    """A validate-first handler wrote before it rejected: the batch runs again, exactly."""


Authenticate = Callable[[Session], Caller]


def process_batch(
    db: Database,
    caller: Caller | Authenticate | Bearer,
    batch: MutationBatch,
    *,
    clock: Clock = utcnow,
    cut_notice_days: int = DEFAULT_CUT_NOTICE_DAYS,
) -> MutationResults:
    """Apply ``batch`` for ``caller``; see the module docstring for the guarantees.

    ``caller`` may be a function that checks the request's token on a session, or the
    request's ``Bearer``: on PostgreSQL it then runs in the batch's own transaction, before any
    lock (one connection and one round trip fewer; a ``Bearer``'s check also takes the
    account's partition lock, one more); on SQLite before the transaction, so that no unauthenticated request
    ever holds the database's write lock. ``clock``: the server's "now"
    (``ServerSettings.clock``); ``cut_notice_days``: how long a commission cut waits
    (``ServerSettings.cut_notice_days``).
    """
    if not isinstance(caller, Caller) and db.is_sqlite:
        with db.read() as session:
            caller = caller.caller(session) if isinstance(caller, Bearer) else caller(session)
    rules = (clock(), timedelta(days=cut_notice_days))
    try:
        return _process(db, caller, batch, rules, exact=False)
    except _Redo as redo:
        log.warning(
            "%s wrote before it rejected, so it is not validate_first: "
            "its batch was rolled back and run again with a savepoint per mutation",
            redo.args[0],
        )
        return _process(db, caller, batch, rules, exact=True)


def _process(
    db: Database,
    who: Caller | Authenticate | Bearer,
    batch: MutationBatch,
    rules: tuple[datetime, timedelta],
    *,
    exact: bool,
) -> MutationResults:
    results: list[MutationResult] = []
    found: list[Caller] = []
    held: list[str] = []  # the partitions the batch holds
    now, cut_notice = rules

    def names(session: Session) -> list[str]:
        """The partitions to lock (all the batch holds but its account's, when the token's
        check took that one)."""
        locked = False
        if isinstance(who, Bearer):
            if db.is_sqlite:
                caller = who.caller(session)
            else:
                caller, row = who.caller_and_row(session.connection(), _TOKEN_LOCKING)
                locked = bool(row[-1])
        else:
            caller = who if isinstance(who, Caller) else who(session)
        found.append(caller)
        held.extend(partitions(caller, batch))
        return [name for name in held if not (locked and name == f"acct:{caller.id}")]

    with db.write(partitions=names) as session:
        caller = found[0]
        ids = [mut.id for mut in batch.mutations]
        wanted = _wanted(caller, batch.mutations)
        owner, last_seq, used, existing = _device_and_used(session, batch.device_id, ids, wanted)
        if owner is None:
            session.add(m.Device(id=batch.device_id, account_id=caller.id, last_seq=0))
            session.flush()
        elif owner != caller.id:
            raise DomainError(ErrorCode.FORBIDDEN, "this device belongs to another account")
        device_id = batch.device_id
        if WORKFLOW in held:
            # Cuts whose notice ran out, before any handler reads a plan (``server/due.py``).
            apply_due_cuts(session, now)
            session.flush()
        ctx = Ctx(session=session, caller=caller, now=now, cut_notice=cut_notice)
        new = [mut for mut in batch.mutations if mut.seq > last_seq]  # not replays
        if len(new) < len(batch.mutations):  # a resend: only what the new ones look up
            wanted = _wanted(caller, new)
        ctx.batch = _prefetch(session, caller, wanted, existing)
        records: list[dict[str, Any]] = []
        # ``last_seq`` is stored once at the end, so the device is not a dirty row while the
        # handlers run (``_apply`` checks that a rejecting handler dirtied nothing).
        for mut in batch.mutations:
            if mut.seq <= last_seq:
                results.append(_replay(session, device_id, mut))
                continue
            if mut.seq != last_seq + 1:
                results.append(
                    _rejected(mut, ErrorCode.SEQUENCE_GAP, f"expected seq {last_seq + 1}")
                )
                break
            if mut.id in used:
                result = _rejected(
                    mut, ErrorCode.MUTATION_ID_REUSED, "this mutation id was sent with another seq"
                )
            else:
                result = _apply(ctx, mut, exact=exact)
            used.add(mut.id)
            records.append(
                {
                    "device_id": device_id,
                    "seq": mut.seq,
                    "mutation_id": mut.id,
                    "result": result.model_dump(mode="json"),
                    "created_at": ctx.now,
                }
            )
            last_seq = mut.seq
            results.append(result)
        # The rows ``save_new`` buffered and the records, in one statement when it can.
        merged = ctx.batch.flush_buffer_with(_RECORDS, records)
        if not merged:
            ctx.batch.flush_buffer()
        session.flush()  # rows the handlers left pending (``save(flush=False)``)
        if records:
            # Core statements, not the ORM's unit of work; same transaction as the effects.
            if not merged:
                append_rows(session, _RECORDS, records)
            if pending_entries(session):
                # The handlers are done: the change log's lock and its entries in the same
                # round trip (after the records' INSERT, which may wait on a racing batch's row).
                db.advance_and_log(session, _DEVICES, device_id, {"last_seq": last_seq})
            else:
                advance = update(_DEVICES).where(_DEVICES.c.id == device_id)
                session.execute(advance.values(last_seq=last_seq))
    return MutationResults(results=results, last_seq=last_seq)


# The token's check that also takes the caller's partition lock when the token is one that
# passes the check (but for its expiry): the column says whether it did.
_TOKEN_LOCKING = TOKEN.add_columns(
    case(
        (
            and_(
                m.AuthToken.kind == "access",
                m.AuthToken.revoked.is_(False),
                m.Account.id.is_not(None),
            ),
            account_partition_lock(m.Account.id).is_not(None),
        ),
        else_=False,
    )
)
_DEVICES = cast(Table, m.Device.__table__)
_RECORDS = cast(Table, m.MutationRecord.__table__)


def _device_and_used(
    session: Session, device_id: str, ids: Sequence[str], wanted: _Wanted
) -> tuple[str | None, int, set[str], set[tuple[type[Any], str]]]:
    """(owner, last seq) of the device (None, 0 for a new one), which of ``ids`` were already
    used as mutation ids, and which of the ``wanted`` rows exist (``_prefetch`` then loads only
    those: a batch of new rows loads none), in one round trip."""
    models = tuple(model for model, model_ids in wanted.ids.items() if model_ids)
    lists: dict[str, list[str]] = {"ids": list(ids)}
    for model in models:
        lists[f"ids_{model.__name__}"] = sorted(wanted.ids[model])
    # (a batch has at most ``MAX_MUTATIONS_PER_BATCH`` ids of each kind: short IN-lists)
    params: dict[str, Any] = {"device_id": device_id, **lists}
    statement = _probe(models)  # built once per set of models
    names = {model.__name__: model for model in models}
    owner, last_seq, used, existing = None, 0, set(), set()
    # A Core statement on the session's connection: no ORM execution for plain columns.
    for kind, value, seq in session.connection().execute(statement, params):
        if kind == "d":
            owner, last_seq = value, seq
        elif kind == "m":
            used.add(value)
        else:
            existing.add((names[kind], value))
    return owner, last_seq, used, existing


@lru_cache(maxsize=64)
def _probe(models: tuple[type[Any], ...]) -> Any:
    """``_device_and_used``'s statement for these models: the device, the used ids, each
    model's rows (expanding IN-lists)."""
    no_seq = sql_cast(null(), BigInteger)
    device = select(
        literal_column("'d'").label("kind"), _DEVICES.c.account_id.label("value"),
        _DEVICES.c.last_seq.label("seq"),
    ).where(_DEVICES.c.id == bindparam("device_id"))  # fmt: skip
    parts: list[Any] = [
        device,
        select(literal_column("'m'"), _RECORDS.c.mutation_id, no_seq).where(
            _RECORDS.c.mutation_id.in_(bindparam("ids", expanding=True))
        ),
    ]
    for model in models:
        table, name = model.__table__, model.__name__
        assert name.isidentifier()  # inlined as a literal
        parts.append(
            select(literal_column(f"'{name}'"), table.c.id, no_seq).where(
                table.c.id.in_(bindparam(f"ids_{name}", expanding=True))
            )
        )
    return union_all(*parts)


# Mutation types that touch only the caller's own rows (and read the catalogue): batches of
# only these run beside other accounts' batches. Every other type (workflow between creators
# and merchants, plans, the account itself) also takes the one "workflow" partition.
_OWN_ROWS = ("channel.", "listing.", "favourite.", "saved_filter.")


def partitions(caller: Caller, batch: MutationBatch) -> list[str]:
    """The partitions a batch writes in (``Database.write``): its account's, and "workflow"
    when any mutation may touch another account's rows."""
    names = [f"acct:{caller.id}"]
    if any(not mut.type.startswith(_OWN_ROWS) for mut in batch.mutations):
        names.append(WORKFLOW)
    return names


def _replay(session: Any, device_id: str, mut: Mutation) -> MutationResult:
    record = session.get(m.MutationRecord, (device_id, mut.seq))
    if record is None or record.mutation_id != mut.id:
        return _rejected(mut, ErrorCode.MUTATION_ID_REUSED, "this seq was used by another mutation")
    return MutationResult.model_validate(record.result)


def _apply(ctx: Ctx, mut: Mutation, *, exact: bool) -> MutationResult:
    """One mutation's result. A validate-first handler runs without a savepoint (two
    statements fewer) unless ``exact``; if it rejects after anything reached the session, the
    database or the batch's buffers (``BatchCache``), the batch is redone ``exact``."""
    spec = MUTATIONS.get(mut.type)
    if spec is None or mut.type not in HANDLERS:
        return _rejected(mut, ErrorCode.UNKNOWN_MUTATION, f"unknown mutation type {mut.type!r}")
    payload_model, role = spec
    if "\x00" in mut.entity_id:  # no row has it, and PostgreSQL refuses it in a lookup
        return _rejected(mut, ErrorCode.INVALID_PAYLOAD, "entity_id: must not contain NUL")
    if ctx.caller.role is not role:
        return _rejected(mut, ErrorCode.WRONG_ROLE, f"only a {role.value} may send {mut.type}")
    try:
        payload = payload_model.model_validate(mut.payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _rejected(mut, ErrorCode.INVALID_PAYLOAD, f"{where}: {first.get('msg')}")
    buffered = pending_entries(ctx.session)
    mark = len(buffered)
    handler = HANDLERS[mut.type]
    cache, session = ctx.batch, ctx.session
    if cache is not None and not exact and mut.type in VALIDATE_FIRST:
        if session.new or session.dirty or session.deleted:
            session.flush()  # so whatever the handler leaves in the session is its own
        before = (cache.added, cache.created, cache.writes, mark)
        cache.fast = True
        try:
            outcome = handler(ctx, mut, payload)
        except DomainError as exc:
            after = (cache.added, cache.created, cache.writes, len(buffered))
            if after != before or session.new or session.dirty or session.deleted:
                # It wrote before it rejected, and no savepoint can undo that here.
                raise _Redo(mut.type) from exc
            return _rejected(mut, exc.code, exc.detail)
        finally:
            cache.fast = False
    else:
        if cache is not None:
            cache.flush_buffer()  # earlier mutations' rows: never inside a savepoint that may roll back
        try:
            with session.begin_nested():
                outcome = handler(ctx, mut, payload)
        except DomainError as exc:
            del buffered[mark:]  # the savepoint rolled back; its log entries go with it
            if cache is not None:
                cache.truncate(0)  # and the rows it buffered, if it had not written them yet
            return _rejected(mut, exc.code, exc.detail)
    upserts = [c.data for c in outcome.changes if c.data is not None]
    return MutationResult(
        seq=mut.seq,
        id=mut.id,
        status=outcome.status,
        code=outcome.code,
        detail=outcome.detail,
        entity=outcome.entity,
        entity_id=outcome.entity_id,
        conflicts=outcome.conflicts,
        row=upserts[0] if upserts else None,
        changes=outcome.changes,
    )


_IN_CHUNK = 500  # ids per IN-list
# The model a mutation family's ``entity_id`` names (prefetched by id), and the types whose
# handlers never read the caller's account row.
_BY_ENTITY_ID: dict[str, type[Any]] = {
    "listing": m.Listing,
    "channel": m.Channel,
    "saved_filter": m.SavedFilter,
    "application": m.Application,
    "sample": m.Sample,
}
# Mutation types whose handlers never read the caller's account row (``listing.move`` does:
# the identity decides which channel kinds it may move to).
_NO_ACCOUNT = ("listing.create", "listing.patch", "listing.delete", "favourite.", "saved_filter.")
_MAX_PAIR_CHANNELS = 20  # channels whose listings one batch prefetches by (channel, product)


@dataclass
class _Wanted:
    """What a batch's mutations will look up: rows by id per model, listings by (channel,
    product), and whether a handler reads the caller's account row."""

    ids: dict[type[Any], set[str]] = field(default_factory=dict)
    pairs: dict[str, set[str]] = field(default_factory=dict)
    account: bool = False


def _wanted(caller: Caller, mutations: Sequence[Mutation]) -> _Wanted:
    models: list[type[Any]] = [*_BY_ENTITY_ID.values(), m.Product]
    wanted = _Wanted(ids={model: set() for model in models})
    ids, pairs = wanted.ids, wanted.pairs
    for mut in mutations:
        spec = MUTATIONS.get(mut.type)
        if spec is None or spec[1] is not caller.role:
            continue  # rejected before any lookup
        family = mut.type.partition(".")[0]
        wanted.account = wanted.account or not mut.type.startswith(_NO_ACCOUNT)
        model = _BY_ENTITY_ID.get(family)
        if model is not None and _lookup_id(mut.entity_id):
            ids[model].add(mut.entity_id)
        if mut.type == "listing.move" and _lookup_id(mut.payload.get("channel_id")):
            ids[m.Channel].add(mut.payload["channel_id"])
        if mut.type == "listing.create":
            channel_id, product_id = mut.payload.get("channel_id"), mut.payload.get("product_id")
            if _lookup_id(channel_id):
                ids[m.Channel].add(channel_id)
            if _lookup_id(product_id):
                ids[m.Product].add(product_id)
                if _lookup_id(channel_id):
                    pairs.setdefault(channel_id, set()).add(product_id)
    wanted.ids = {model: found for model, found in ids.items() if found}
    return wanted


def _prefetch(
    session: Session,
    caller: Caller,
    wanted: _Wanted,
    existing: set[tuple[type[Any], str]],
) -> BatchCache:
    """Load what the batch's mutations will look up (``wanted``: :func:`_wanted`), in a few
    IN-queries (see ``BatchCache``):
    of the rows by id only those that exist (``existing``, from ``_device_and_used``, read
    after the batch's locks like this).

    Only an optimisation: a lookup the prefetch did not foresee (an id spelled differently
    after validation, a type not covered here) goes to the database as before.
    """
    cache = BatchCache()
    if wanted.account:
        cache.rows.append(session.get(m.Account, caller.id))  # creator handlers read its identity
    for model, model_ids in wanted.ids.items():
        found = {row_id for row_id in model_ids if (model, row_id) in existing}
        cache.absent.update((model, row_id) for row_id in model_ids - found)
        for chunk in _chunks(sorted(found)):
            for row in session.scalars(
                select(model).options(lazyload("*")).where(model.id.in_(chunk))
            ):
                cache.rows.append(row)
    pairs = wanted.pairs
    for channel_id in sorted(pairs)[:_MAX_PAIR_CHANNELS]:
        products = pairs[channel_id]
        for product_id in products:
            cache.pairs[(channel_id, product_id)] = []
        for chunk in _chunks(sorted(products)):
            live = select(m.Listing).where(
                m.Listing.channel_id == channel_id,
                m.Listing.product_id.in_(chunk),
                m.Listing.deleted.is_(False),
            )
            for listing in session.scalars(live):
                cache.rows.append(listing)
                cache.pairs[(channel_id, listing.product_id)].append(listing.id)
    cache.watch(session)
    return cache


_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def _lookup_id(value: object) -> TypeGuard[str]:
    """Whether ``value`` could pass the payload's id checks (``EntityId``: 1-64 of [A-Za-z0-9_-]).

    Only such ids are prefetched: anything else is rejected by validation before a lookup, and
    must never reach the database (a NUL or a lone surrogate makes the driver raise, which would
    fail the whole batch on every retry instead of rejecting one mutation).
    """
    return isinstance(value, str) and 0 < len(value) <= 64 and set(value) <= _ID_CHARS


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _IN_CHUNK):
        yield ids[start : start + _IN_CHUNK]


def _rejected(mut: Mutation, code: ErrorCode, detail: str) -> MutationResult:
    return MutationResult(
        seq=mut.seq, id=mut.id, status=MutationStatus.REJECTED, code=code, detail=detail
    )
