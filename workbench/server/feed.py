"""The feed's hot path: a page of ``/v1/sync/changes`` as JSON bytes, straight from the rows.

An idle client asks for both of its scopes every few seconds and mostly gets nothing, so this is
the server's most frequent request. It runs one statement, the page and the compaction horizon
together (one snapshot, so a compaction between two reads cannot slip past the check), on the
request's own connection (``Database.connect``: no ORM session), and writes the answer around
each entry's stored JSON text: no ``Change`` models, no parse and re-dump of ``data``. The bytes
are exactly a ``ChangesPage`` (tests check it against the model).

A reader missed a dropped tombstone only if one was dropped after it last passed this check
(``known_horizon``, carried in its cursor) and beyond where it was (``after``). So a scope
re-read from the start, whose entries may all lie below the horizon, is not sent back to the
start on its next page, nor at its next sync.
"""

from __future__ import annotations

import orjson
from sqlalchemy.engine import Connection

from workbench.contract.sync import ACCOUNT_SNAPSHOTS, Scope
from workbench.core.errors import DomainError, ErrorCode
from workbench.server.changes import HORIZON_KEY, encode_cursor
from workbench.server.db import Database

# The page (at most ``:n`` rows after ``:after`` of the audiences ``:a``/``:b``) and, as a row
# with seq -1, the horizon: one statement, one snapshot. ``data`` as its stored JSON text.
_PAGE = """
SELECT seq, entity, entity_id, version, op, data FROM (
    SELECT seq, entity, entity_id, version, op, {data} AS data FROM change_log
    WHERE audience IN (:a, :b) AND seq > :after{upto}{skip} ORDER BY seq LIMIT :n
) AS page
UNION ALL
SELECT -1, '', value, 0, '', NULL FROM server_meta WHERE key = :horizon_key
ORDER BY 1
"""
# After an account snapshot (``contract.sync.ACCOUNT_SNAPSHOTS``) the entities it held are not
# sent again up to the seq it was taken at (``:skip_upto``): the cursor says so.
_SKIPPED = tuple(sorted(ACCOUNT_SNAPSHOTS.values()))
assert all(name.isidentifier() for name in _SKIPPED)  # inlined below as literals
_SKIP = " AND (seq > :skip_upto OR entity NOT IN ({}))".format(
    ", ".join(f"'{name}'" for name in _SKIPPED)
)
_PAGES = {
    (sqlite, skipping): _PAGE.format(
        data="data" if sqlite else "data::text",
        upto="" if sqlite else " AND seq <= :upto",  # the feed's bound (``Database.feed_bound``)
        skip=_SKIP if skipping else "",
    )
    for sqlite in (True, False)
    for skipping in (True, False)
}


def page_json(
    db: Database,
    conn: Connection,
    scope: Scope,
    audiences: list[str],
    after: int,
    limit: int,
    known_horizon: int = 0,
    skip_upto: int = 0,
    *,
    upto: int | None = None,
) -> bytes:
    """The ``ChangesPage`` after ``after`` for ``audiences`` (one or two), as JSON bytes.

    Raises ``cursor_expired`` when tombstones this reader has not seen were dropped.
    ``skip_upto``: entries of the account snapshots' entities up to that seq are not sent (a
    client that loaded them from the snapshot taken there). ``upto`` (PostgreSQL): the feed's
    bound, read before this page (``Database.feed_bound``); None reads it here first.
    """
    first, second = audiences[0], audiences[-1]  # one audience: the same one twice
    skipping = skip_upto > after
    sql = db.driver_sql(_PAGES[(db.is_sqlite, skipping)])
    params: dict[str, object] = {
        "a": first, "b": second, "after": after, "n": limit + 1, "horizon_key": HORIZON_KEY,
    }  # fmt: skip
    if skipping:
        params["skip_upto"] = skip_upto
    if not db.is_sqlite:
        params["upto"] = db.feed_bound(conn) if upto is None else upto
    rows = conn.exec_driver_sql(sql, params).all()
    current = 0
    if rows and rows[0][0] == -1:
        current = int(rows[0][2] or 0)
        rows = rows[1:]
    if after and after < current and known_horizon < current:
        raise DomainError(
            ErrorCode.CURSOR_EXPIRED,
            "the cursor is older than the server keeps deletions: download this scope again",
        )
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][0] if rows else after
    entries = b",".join(
        # The entry without ``data`` (its closing brace cut off), then the stored JSON text.
        orjson.dumps({"entity": entity, "id": entity_id, "version": version, "op": op})[:-1]
        + b',"data":'
        + (data.encode() if data is not None else b"null")
        + b"}"
        for _seq, entity, entity_id, version, op, data in rows
    )
    cursor = encode_cursor(scope, last, current, skip_upto)
    tail = orjson.dumps({"cursor": cursor, "has_more": has_more})
    return b'{"changes":[' + entries + b"]," + tail[1:]
