"""A channel's listings as the listings table reads them, and the edits and undo on them.

The typed ``listing_slot`` rows follow the ``record`` rows through a sync, an edit, a delete
and the migration that creates them; a window is in the order shown (pinned first) and keeps a
listing whose product left the catalogue; a batch move, copy and remove queue their mutations
in one go and their undo puts the channels back as they were.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from workbench.contract.sync import Change, Scope
from workbench.core.ids import uuid7
from workbench.store import listing_edits, listings, schema, steps
from workbench.store.cache import Cache
from workbench.store.listing_edits import BadField


def _channel(cache: Cache, count: int, name: str = "橱窗") -> tuple[str, list[str]]:
    channel_id = uuid7()
    data = {"id": channel_id, "kind": "showcase", "name": name, "version": 1}
    changes = [Change(entity="channel", id=channel_id, version=1, op="upsert", data=data)]
    ids = [uuid7() for _ in range(count)]
    for i, listing_id in enumerate(ids):
        row = {"id": listing_id, "channel_id": channel_id, "product_id": f"{name}-{i}",
               "position": (i + 1) * 8, "pinned": False, "hidden": False, "version": 1}  # fmt: skip
        changes.append(Change(entity="listing", id=listing_id, version=1, op="upsert", data=row))
    steps.apply_changes(cache, Scope.ACCOUNT, changes, uuid7())
    return channel_id, ids


def _slots(cache: Cache) -> list[tuple[str, str, int, int]]:
    return list(cache.conn.execute("SELECT id, channel_id, pinned, position FROM listing_slot "
                                   "ORDER BY id"))  # fmt: skip


def _expected_slots(cache: Cache) -> list[tuple[str, str, int, int]]:
    return [(r["id"], r["channel_id"], int(bool(r.get("pinned"))), int(r["position"]))
            for r in cache.rows("listing")]  # fmt: skip


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    with Cache.open(tmp_path / "cache.sqlite3", account_id="creator-me") as opened:
        yield opened


def test_slots_follow_the_rows_through_sync_edits_and_deletes(cache: Cache) -> None:
    channel_id, ids = _channel(cache, 30)
    assert _slots(cache) == _expected_slots(cache) and len(_slots(cache)) == 30
    with cache.write():
        listing_edits.patch(cache, [ids[20]], {"pinned": True})
        listing_edits.patch(cache, [ids[5]], {"position": 1})
        listing_edits.remove(cache, [ids[9]])
    assert _slots(cache) == _expected_slots(cache) and len(_slots(cache)) == 29
    shown = listings.ids(cache, channel_id)
    assert shown[:2] == [ids[20], ids[5]]  # pinned first, then by position
    assert ids[9] not in shown and listings.count(cache, channel_id) == 29


def test_the_migration_fills_slots_of_listings_already_cached(tmp_path: Path) -> None:
    step = schema.MIGRATIONS.index(schema._LISTING_SLOT)
    conn = sqlite3.connect(tmp_path / "old.sqlite3", isolation_level=None)
    schema.migrate(conn, step)  # the schema just before the slot step
    conn.execute("INSERT INTO record (entity, id, data, version) VALUES ('listing', 'l1', "
                 "'{\"channel_id\": \"c1\", \"position\": 16, \"pinned\": true}', 1)")  # fmt: skip
    schema.migrate(conn)
    assert conn.execute("SELECT * FROM listing_slot").fetchall() == [("l1", "c1", 1, 16)]
    conn.close()


def test_a_window_in_order_with_a_vanished_product(cache: Cache) -> None:
    channel_id, ids = _channel(cache, 12)
    rows = listings.window(cache, channel_id, 10, 5, now=datetime(2026, 12, 1, tzinfo=UTC))
    assert [r.id for r in rows] == ids[10:12]
    assert rows[0].product_title is None and rows[0].title is None  # not in the catalogue
    assert (rows[0].price_fen, rows[0].rate_ppm, rows[0].plan_state) == (None, None, "none")
    assert not rows[0].pending and not rows[0].conflict


def test_batch_move_copy_remove_and_their_undo(cache: Cache) -> None:
    source, ids = _channel(cache, 6, "甲")
    target, _ = _channel(cache, 2, "乙")
    before = {c: sorted(r.product_id for r in listings.window(cache, c, 0, 100))
              for c in (source, target)}  # fmt: skip

    with cache.write():
        moved = listing_edits.copy_to(cache, ids[:3], [target], move=True)
    assert list(moved.moved) == ids[:3] and not moved.created and not moved.removed
    assert listings.count(cache, source) == 3 and listings.count(cache, target) == 5
    types = [t for (t,) in cache.conn.execute("SELECT type FROM outbox ORDER BY local_id")]
    assert types == ["listing.move"] * 3  # one per listing: moved whole or refused whole
    tail = listings.window(cache, target, 2, 3)
    assert [(r.id, r.product_id) for r in tail] == [
        (ids[0], "甲-0"),
        (ids[1], "甲-1"),
        (ids[2], "甲-2"),
    ]  # after its last, in order
    assert _slots(cache) == _expected_slots(cache)  # the slots follow the channel

    with cache.write():
        again = listing_edits.copy_to(cache, listings.ids(cache, target), [source])
    assert again.skipped == 0 and len(again.created) == 5
    with cache.write():
        listing_edits.undo(cache, again)
        listing_edits.undo(cache, moved)
    after = {c: sorted(r.product_id for r in listings.window(cache, c, 0, 100))
             for c in (source, target)}  # fmt: skip
    assert after == before
    assert listings.ids(cache, source) == ids  # the same listings, back in their places

    with cache.write():
        removed = listing_edits.remove(cache, listings.ids(cache, target))
        listing_edits.undo(cache, removed)
    assert sorted(r.product_id for r in listings.window(cache, target, 0, 100)) == before[target]


def test_field_checks(cache: Cache) -> None:
    with pytest.raises(BadField, match="empty"):
        listing_edits.check_title("  ")
    with pytest.raises(BadField, match="too_long"):
        listing_edits.check_title("长" * 61)
    with pytest.raises(BadField, match="too_long"):
        listing_edits.check_points("点" * 501)
    assert listing_edits.check_points("  ") is None
    start, end = datetime(2026, 12, 2, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    with pytest.raises(BadField, match="end_before_start"):
        listing_edits.check_schedule(start, end)
    assert listing_edits.check_schedule(end, start) == {
        "start_at": "2026-12-01T00:00:00Z",
        "end_at": "2026-12-02T00:00:00Z",
    }
