"""Moving one listing in a 10,000-listing channel queues exactly one mutation (positions with
gaps); neighbours that touch make a renumber, only then; a move onto a channel that is gone queues nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.contract.sync import Change, Scope
from workbench.core.ids import uuid7
from workbench.store import listing_order, steps
from workbench.store.cache import Cache

SIZE = 10_000


def _queued(cache: Cache) -> list[tuple[str, str]]:
    return [(t, e) for t, e in cache.conn.execute("SELECT type, entity_id FROM outbox")]


@pytest.fixture
def channel(tmp_path: Path) -> Iterator[tuple[Cache, str, list[str]]]:
    cache = Cache.open(tmp_path / "cache.sqlite3", account_id="creator-me")
    channel_id = uuid7()
    changes = [
        Change(
            entity="channel",
            id=channel_id,
            version=1,
            op="upsert",
            data={"id": channel_id, "kind": "showcase", "name": "橱窗", "version": 1},
        )
    ]
    ids = [uuid7() for _ in range(SIZE)]
    for i, listing_id in enumerate(ids):
        data = {"id": listing_id, "channel_id": channel_id, "product_id": f"p{i}",
                "position": (i + 1) * listing_order.GAP, "pinned": False, "version": 1}  # fmt: skip
        changes.append(Change(entity="listing", id=listing_id, version=1, op="upsert", data=data))
    steps.apply_changes(cache, Scope.ACCOUNT, changes, "c1")
    yield cache, channel_id, ids
    cache.close()


def test_moving_one_listing_queues_one_mutation(channel: tuple[Cache, str, list[str]]) -> None:
    cache, channel_id, ids = channel
    with cache.write():
        assert listing_order.move(cache, channel_id, ids[7_000], 10) == {ids[7_000]: 7_001 * 8}
    assert _queued(cache) == [("listing.patch", ids[7_000])]
    shown = [r[0] for r in listing_order.ordered(cache, channel_id)]
    assert shown[10] == ids[7_000] and shown[9] == ids[9] and shown[11] == ids[10]
    assert len(shown) == SIZE
    with cache.write():  # to the very end and to the very top: one each
        assert len(listing_order.move(cache, channel_id, ids[3], SIZE)) == 1
        assert len(listing_order.move(cache, channel_id, ids[5_000], 0)) == 1
    shown = [r[0] for r in listing_order.ordered(cache, channel_id)]
    assert shown[-1] == ids[3] and shown[0] == ids[5_000]


def test_touching_neighbours_renumber_only_then(channel: tuple[Cache, str, list[str]]) -> None:
    cache, channel_id, ids = channel
    moves = []
    with cache.write():
        for source in range(100, 110):  # always into the slot after the first listing
            moves.append(len(listing_order.move(cache, channel_id, ids[source], 1)))
    assert moves[:3] == [1, 1, 1] and max(moves) > 1  # the gap of 8 runs out after 3
    # A renumber only when the gap into that one spot is spent (every 4th move into it).
    assert [m == 1 for m in moves] == [True, True, True, False] * 2 + [True, True]
    shown = [r[0] for r in listing_order.ordered(cache, channel_id)]
    assert shown[1] == ids[109] and len(set(shown)) == SIZE


def test_a_move_onto_a_channel_that_is_gone_queues_nothing(
    channel: tuple[Cache, str, list[str]],
) -> None:
    cache, channel_id, ids = channel
    with cache.write():
        cache.enqueue("channel.delete", channel_id, {})
    before = _queued(cache)
    with pytest.raises(listing_order.ChannelGone), cache.write():
        listing_order.move(cache, channel_id, ids[1], 5)
    assert _queued(cache) == before


def test_several_listings_move_as_one_block_one_patch_each(
    channel: tuple[Cache, str, list[str]],
) -> None:
    cache, channel_id, ids = channel
    with cache.write():
        olds = listing_order.move_many(cache, channel_id, [ids[9_000], ids[20], ids[500]], 3)
    assert olds == {i: (n + 1) * listing_order.GAP for n, i in ((20, ids[20]), (500, ids[500]),
                                                                 (9_000, ids[9_000]))}  # fmt: skip
    assert sorted(_queued(cache)) == sorted(("listing.patch", i) for i in olds)
    shown = [r[0] for r in listing_order.ordered(cache, channel_id)]
    assert shown[:7] == [ids[0], ids[1], ids[2], ids[20], ids[500], ids[9_000], ids[3]]
    with cache.write():  # the same block again into the same spot: nothing to do
        assert listing_order.move_many(cache, channel_id, [ids[20], ids[500], ids[9_000]], 3) == {}
    with cache.write():  # five into a gap of one: the group is renumbered, every change kept
        moved = listing_order.move_many(cache, channel_id, ids[100:105], 4)
    assert len(moved) > 5 and set(ids[100:105]) <= set(moved)
    shown = [r[0] for r in listing_order.ordered(cache, channel_id)]
    assert shown[4:9] == ids[100:105] and len(set(shown)) == SIZE
