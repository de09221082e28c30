"""``/v1/sync``: the change feed, the catalogue snapshot, and mutation batches."""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Header, Path, Query, Response
from pydantic import StringConstraints
from sqlalchemy import func, literal_column, select

from workbench.contract.base import INT32_MAX, SafeStr
from workbench.contract.sync import (
    ACCOUNT_SNAPSHOTS,
    MAX_CHANGES_PER_PAGE,
    MAX_SNAPSHOT_PAGE,
    SNAPSHOT_COLUMNS,
    ChangesPage,
    MutationBatch,
    MutationResults,
    Scope,
    SnapshotManifest,
)
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import account_rows, changes, due, feed
from workbench.server import models as m
from workbench.server.auth import TOKEN
from workbench.server.db import FEED_BOUND
from workbench.server.deps import Bearer, BearerDep, CallerDep, StateDep
from workbench.server.mutations import process_batch
from workbench.server.params import After
from workbench.server.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/sync", tags=["sync"], responses=PROBLEM_RESPONSES)

NDJSON = "application/x-ndjson"
_CATEGORY_KEY = re.compile(r"^[0-9]{1,10}$")
SnapshotEntity = Annotated[SafeStr, StringConstraints(min_length=1, max_length=40)]
_ROW_SCHEMA = {
    "type": "string",
    "description": "NDJSON (gzip unless only `identity` is accepted): one JSON array a line, "
    "in the manifest's `columns` order",
}
_PAGE_DOC = (
    "One page of rows (`Content-Encoding: gzip` unless only `identity` is accepted, `X-Row-Count`;"
    " `X-Next-After` when more follow)"
)
_SNAPSHOT_TABLES = {"product": m.Product, "category": m.Category, "shop": m.Shop}
_TOKEN_AND_NEXT_DUE = TOKEN.add_columns(due.NEXT_DUE.label("next_due"))
# PostgreSQL: and the feed's bound (``db.Database.feed_bound``), read before the page.
_TOKEN_NEXT_DUE_AND_BOUND = _TOKEN_AND_NEXT_DUE.add_columns(
    literal_column(FEED_BOUND).label("feed_bound")
)


@router.get("/changes", response_model=ChangesPage)
def read_changes(
    auth: BearerDep,
    scope: Scope,
    cursor: Annotated[SafeStr | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_PER_PAGE)] = 1000,
) -> Response:
    """The feed after ``cursor``: the token and the page on one connection, the answer's bytes
    written straight from the rows (``server.feed``)."""
    return Response(changes_json(auth, scope, cursor, limit), media_type="application/json")


def changes_json(auth: Bearer, scope: Scope, cursor: str | None, limit: int) -> bytes:
    """``read_changes``'s answer (also served by ``server.hot``, on valid parameters)."""
    db = auth.wb.db
    with db.connect() as conn:
        # The token, the soonest pending cut and (PostgreSQL) the feed's bound in one round trip.
        statement = _TOKEN_AND_NEXT_DUE if db.is_sqlite else _TOKEN_NEXT_DUE_AND_BOUND
        caller, row = auth.caller_and_row(conn, statement)
        bound = None if db.is_sqlite else int(row.feed_bound)
        now = auth.wb.settings.clock()
        if row.next_due is not None and row.next_due <= now:  # a cut whose notice ran out
            due.catch_up(db, now)
            if conn.in_transaction():
                conn.rollback()  # SQLite: read the page after the cuts just logged, not before
            bound = db.feed_bound(conn)  # and past them
        after, known_horizon, skip_upto = changes.decode_full(scope, cursor)
        audiences = changes.feed_audiences(scope, caller.id, caller.role)
        return feed.page_json(
            db, conn, scope, audiences, after, limit, known_horizon, skip_upto, upto=bound
        )


@router.get("/snapshot", response_model=SnapshotManifest)
def snapshot_manifest(
    caller: CallerDep,
    wb: StateDep,
    entity: SnapshotEntity = "product",
    page_size: Annotated[int, Query(ge=100, le=MAX_SNAPSHOT_PAGE)] = 20_000,
) -> SnapshotManifest:
    """Where to start: take the feed's position *before* reading any page, so nothing is missed.

    For the caller's own rows (``order_line``, ``settlement_line``) the cursor is an account
    cursor from the feed's start that skips those entities' entries up to here.
    """
    if entity in ACCOUNT_SNAPSHOTS:
        with wb.db.read() as session:
            seq = changes.current_seq(session, wb.db.feed_bound(session))
            horizon = changes.horizon(session)
            total = account_rows.count(session, entity, caller)
        cursor = changes.encode_cursor(Scope.ACCOUNT, 0, horizon, seq)
    else:
        table = _table(entity)
        with wb.db.read() as session:
            seq = changes.current_seq(session, wb.db.feed_bound(session))
            horizon = changes.horizon(session)  # no row a dropped tombstone ended
            total = session.scalar(select(func.count()).select_from(table)) or 0
        cursor = changes.encode_cursor(Scope.CATALOG, seq, horizon)
    return SnapshotManifest(
        entity=entity,
        columns=list(SNAPSHOT_COLUMNS[entity]),
        total=total,
        page_size=page_size,
        cursor=cursor,
        first_page=f"/v1/sync/snapshot/{entity}?limit={page_size}",
    )


@router.get(
    "/snapshot/{entity}",
    response_class=Response,
    responses={200: {"content": {NDJSON: {"schema": _ROW_SCHEMA}}, "description": _PAGE_DOC}},
)
def snapshot_page(
    entity: Annotated[SnapshotEntity, Path()],
    caller: CallerDep,
    wb: StateDep,
    after: After = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SNAPSHOT_PAGE)] = 20_000,
    accept_encoding: Annotated[SafeStr | None, Header(max_length=200)] = None,
) -> Response:
    """One page of the snapshot: NDJSON, a JSON array a row, gzip unless the client accepts
    only ``identity`` (the app's client on loopback); ``X-Next-After`` to go on.

    Resumable: a client that lost a page asks again with the same ``after``. The account's own
    rows (``order_line``: ``limit`` orders' lines, keyed by order id; ``settlement_line``)
    are only the caller's.
    """
    if entity in ACCOUNT_SNAPSHOTS:
        with wb.db.read() as session:
            lines, count, next_after = account_rows.page_ndjson(
                session, entity, caller, after, limit
            )
        return _page(lines, count, next_after, _gzip_accepted(accept_encoding))
    table = _table(entity)
    columns = SNAPSHOT_COLUMNS[entity]
    if entity == "product":
        cols = [getattr(m.Product, c) if c != "shop_name" else m.Shop.name for c in columns]
        query = select(*cols).join(m.Shop, m.Shop.id == m.Product.shop_id)
    else:
        query = select(*[getattr(table, c) for c in columns])
    key = table.id  # type: ignore[attr-defined]
    if after is not None:
        query = query.where(key > _snapshot_key(entity, after))
    with wb.db.read() as session:
        found = session.execute(query.order_by(key).limit(limit)).all()
    next_after = str(found[-1][0]) if len(found) == limit else None
    return _ndjson(found, next_after, _gzip_accepted(accept_encoding))


def _gzip_accepted(accept_encoding: str | None) -> bool:
    """Whether the request's ``Accept-Encoding`` takes gzip (no header: it does, as before)."""
    if accept_encoding is None:
        return True
    for item in accept_encoding.lower().split(","):
        name, _sep, params = item.partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _ndjson(rows: Sequence[Sequence[Any]], next_after: str | None, gzipped: bool) -> Response:
    # OPT_UTC_Z writes times as pydantic does in REST answers ("…Z"), so both paths agree.
    lines = b"".join(orjson.dumps(list(row), option=orjson.OPT_UTC_Z) + b"\n" for row in rows)
    return _page(lines, len(rows), next_after, gzipped)


def _page(lines: bytes, count: int, next_after: str | None, gzipped: bool) -> Response:
    headers = {"X-Row-Count": str(count), "Vary": "Accept-Encoding"}
    body = lines
    if gzipped:
        body = gzip.compress(lines, compresslevel=1)
        headers["Content-Encoding"] = "gzip"
    if next_after is not None:
        headers["X-Next-After"] = next_after
    return Response(body, media_type=NDJSON, headers=headers)


@router.post("/mutations", response_model=MutationResults)
def push_mutations(batch: MutationBatch, auth: BearerDep) -> Response:
    return Response(mutations_json(auth, batch), media_type="application/json")


def mutations_json(auth: Bearer, batch: MutationBatch) -> bytes:
    """``push_mutations``'s answer (also served by ``server.hot``, on a valid batch)."""
    # The token is checked by ``process_batch`` (in the batch's transaction on PostgreSQL).
    # Built from validated models already: answer directly rather than validate it all again.
    wb = auth.wb
    answer = process_batch(
        wb.db,
        auth,
        batch,
        clock=wb.settings.clock,
        cut_notice_days=wb.settings.cut_notice_days,
    )
    return orjson.dumps(answer.model_dump(mode="json"))


def _snapshot_key(entity: str, after: str) -> object:
    """The keyset key ``after`` (an ``X-Next-After``) stands for: category ids are integers."""
    if entity != "category":
        return after
    if not _CATEGORY_KEY.match(after) or int(after) > INT32_MAX:
        raise DomainError(ErrorCode.BAD_CURSOR, "after: not a key this snapshot gave")
    return int(after)


def _table(entity: str) -> type:
    if entity not in _SNAPSHOT_TABLES:
        raise DomainError(ErrorCode.NOT_FOUND, f"no snapshot of {entity!r}")
    return _SNAPSHOT_TABLES[entity]
