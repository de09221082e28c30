"""Set-based outbox writes show exactly what one edit at a time shows.

``enqueue_many`` (batch edits) and ``apply_results`` recompute each touched row once per
transaction; the visible rows, pending marks and outbox must be the same as edit by edit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.contract.sync import Change, MutationResult, MutationStatus
from workbench.core.errors import ErrorCode
from workbench.core.ids import uuid7
from workbench.store import steps
from workbench.store.cache import Cache
from workbench.store.outbox import NewEdit

ACCOUNT = "01900000-0000-7000-8000-00000000000a"


def _edits() -> list[NewEdit]:
    channel, kept, gone = uuid7(), uuid7(), uuid7()
    return [
        ("channel.create", channel, {"kind": "showcase", "name": "橱窗"}, None),
        ("listing.create", kept, {"channel_id": channel, "product_id": "p1"}, None),
        ("listing.create", gone, {"channel_id": channel, "product_id": "p2"}, None),
        ("listing.patch", kept, {"custom_title": "好物", "pinned": True}, None),
        ("listing.delete", gone, {}, None),
        ("favourite.add", "p3", {}, None),
        ("listing.patch", kept, {"position": 3}, None),
    ]


def _visible(cache: Cache) -> list[tuple[Any, ...]]:
    rows = cache.conn.execute("SELECT entity, id, data, version, pending FROM record ORDER BY 1, 2")
    return [tuple(row) for row in rows]


def _outbox(cache: Cache) -> list[tuple[Any, ...]]:
    rows = cache.conn.execute(
        "SELECT o.type, o.entity_id, o.payload, t.entity, t.entity_id FROM outbox o "
        "JOIN outbox_touch t ON t.local_id = o.local_id ORDER BY o.local_id"
    )
    return [tuple(row) for row in rows]


def _without_times(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows with the edit time left out of their data (each cache stamps its own)."""
    out = []
    for entity, row_id, data, version, pending in rows:
        fields = {k: v for k, v in json.loads(data).items() if k != "created_at"}
        out.append((entity, row_id, fields, version, pending))
    return out


def test_a_batch_shows_what_its_edits_one_by_one_show(tmp_path: Path) -> None:
    edits = _edits()
    with (
        Cache.open(tmp_path / "one.sqlite3", account_id=ACCOUNT) as one,
        Cache.open(tmp_path / "many.sqlite3", account_id=ACCOUNT) as many,
    ):
        for mutation_type, entity_id, payload, base in edits:
            one.enqueue(mutation_type, entity_id, payload, base)
        changed = many.enqueue_many(edits)
        assert _outbox(many) == _outbox(one)
        visible = _visible(many)
        assert _without_times(visible) == _without_times(_visible(one))
        assert {(e, i) for e, i, *_ in visible} == {
            (entity, row_id) for entity, ids in changed.rows.items() for row_id in ids
        } - {("listing", edits[2][1])}  # created, then deleted: not shown
        assert [row[4] for row in visible] == [1] * len(visible)


def test_answers_of_a_batch_leave_confirmed_rows_and_keep_the_rest_pending(
    tmp_path: Path,
) -> None:
    edits = _edits()
    with Cache.open(tmp_path / "cache.sqlite3", account_id=ACCOUNT) as cache:
        cache.enqueue_many(edits)
        batch = steps.pending_batch(cache, 10)
        channel, kept = edits[0][1], edits[1][1]
        confirmed = {"id": channel, "creator_id": ACCOUNT, "kind": "showcase", "name": "服务器",
                     "deleted": False, "version": 1}  # fmt: skip
        results = [
            MutationResult(seq=batch[0].seq, id=batch[0].id, status=MutationStatus.APPLIED,
                           entity="channel", entity_id=channel,
                           changes=[Change(entity="channel", id=channel, version=1, op="upsert",
                                           data=confirmed)]),
            MutationResult(seq=batch[1].seq, id=batch[1].id, status=MutationStatus.REJECTED,
                           code=ErrorCode.UNKNOWN_ENTITY, detail="no such product: p1"),
        ]  # fmt: skip
        steps.apply_results(cache, results)
        assert _confirmed(cache, "channel", channel) == confirmed
        shown_channel = cache.get("channel", channel)
        assert shown_channel is not None and shown_channel["name"] == "服务器"
        # The rejected create went; the two patches of that listing still show on nothing.
        assert cache.get("listing", kept) is None
        assert cache.pending_count() == len(edits) - 2
        conflicts = cache.conn.execute("SELECT code FROM conflict").fetchall()
        assert conflicts == [("unknown_entity",)]
        pending = dict(cache.conn.execute("SELECT entity || ':' || id, pending FROM record"))
        assert pending[f"channel:{channel}"] == 0 and pending["favourite:p3"] == 1


def _confirmed(cache: Cache, entity: str, row_id: str) -> dict[str, Any] | None:
    """What the server confirmed of a row (``record_synced``), without pending edits."""
    row = cache.conn.execute(
        "SELECT data FROM record_synced WHERE entity = ? AND id = ?", (entity, row_id)
    ).fetchone()
    return None if row is None or row[0] is None else dict(json.loads(row[0]))


def test_a_batch_numbers_only_the_edits_it_takes(tmp_path: Path) -> None:
    """Sequence numbers go to a batch's edits as it is taken, in order and without gaps: the
    edits after it are not numbered yet, so one of them can still be discarded."""
    with Cache.open(tmp_path / "cache.sqlite3", account_id=ACCOUNT) as cache:
        cache.enqueue_many([("favourite.add", f"p{n}", {}, None) for n in range(5)])
        local = [r[0] for r in cache.conn.execute("SELECT local_id FROM outbox ORDER BY 1")]
        assert [m.seq for m in steps.pending_batch(cache, 2)] == [1, 2]
        assert [m.seq for m in steps.pending_batch(cache, 2)] == [1, 2]  # taken again: same
        cache.discard(local[2])  # never sent: goes without a hole
        batch = steps.pending_batch(cache, 10, after=2)
        assert [(m.seq, m.entity_id) for m in batch] == [(3, "p3"), (4, "p4")]
        assert cache.meta("next_seq") == "5"
