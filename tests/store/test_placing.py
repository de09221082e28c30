"""Batch edits of the selection center and the marks of a table window, on the seeded cache.

Placing skips what is already there (pending edits included), creates channels first, and is
one transaction: a failure part-way leaves the outbox as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.store.test_product_detail import NOW, _channel, _listing, _plan
from workbench.core.enums import ChannelKind, PlanType
from workbench.store import placing, product_page, products
from workbench.store.cache import Cache
from workbench.store.products import ProductFilter


def _ids(cache: Cache, n: int) -> list[str]:
    return products.ids(cache, ProductFilter(), 0, n)


def _queued(cache: Cache, kind: str) -> int:
    return int(
        cache.conn.execute("SELECT count(*) FROM outbox WHERE type = ?", (kind,)).fetchone()[0]
    )


def test_place_skips_pairs_already_there_and_creates_new_channels_first(cache: Cache) -> None:
    ids = _ids(cache, 4)
    shop = _channel(cache, ChannelKind.SHOWCASE, "橱窗")
    _listing(cache, shop, ids[0])  # confirmed
    _listing(cache, shop, ids[1], pending=True)  # still in the outbox
    placed = placing.place(cache, [*ids, ids[2]], [shop], [("community", "宝妈群")])
    assert placed.skipped == 2
    assert placed.listings == 2 + 4  # two new on the showcase, all four on the new group
    assert len(placed.channels) == 1
    order = [r[0] for r in cache.conn.execute("SELECT type FROM outbox ORDER BY local_id")]
    assert order.index("channel.create") < order.index("listing.create", 2)
    marks = {r["id"]: r["placement"] for r in product_page.window(cache, ProductFilter(), 0, 4)}
    assert set(marks.values()) == {"pending"}  # each has a listing waiting for the server
    again = placing.place(cache, ids, [shop, placed.channels[0]])
    assert again.listings == 0 and again.skipped == 8


def test_a_failing_batch_queues_nothing(cache: Cache) -> None:
    ids = _ids(cache, 3)
    shop = _channel(cache, ChannelKind.LIVE, "直播间")
    before = _queued(cache, "listing.create")

    def boom(point: str) -> None:
        if point == "enqueue:before-commit" and _queued(cache, "listing.create") > before + 1:
            raise RuntimeError("disk full")

    cache.fault = boom
    with pytest.raises(RuntimeError):
        placing.place(cache, ids, [shop])
    cache.fault = None
    assert _queued(cache, "listing.create") == before


def test_batch_size_is_bounded(cache: Cache) -> None:
    with pytest.raises(ValueError, match="at most"):
        placing.place(cache, ["x"] * (placing.MAX_BATCH + 1), ["c"])
    with pytest.raises(ValueError, match="at most"):
        placing.add_favourites(cache, ["x"] * (placing.MAX_BATCH + 1))


def test_favourites_are_added_once(cache: Cache) -> None:
    ids = _ids(cache, 3)
    assert placing.add_favourites(cache, ids[:2]) == 2
    assert placing.add_favourites(cache, ids) == 1
    rows = product_page.window(cache, ProductFilter(), 0, 3)
    assert [r["favourite"] for r in rows] == [True, True, True]
    placing.set_favourite(cache, ids[0], False)
    assert product_page.window(cache, ProductFilter(), 0, 1)[0]["favourite"] is False


def test_plan_type_mark_prefers_the_plan_made_for_me(cache: Cache) -> None:
    ids = _ids(cache, 3)
    _plan(cache, ids[0], 100_000)
    _plan(cache, ids[1], 100_000)
    _plan(cache, ids[1], 200_000, plan_type=PlanType.TARGETED, creators=[])
    _plan(cache, ids[2], 100_000, end=datetime(2025, 1, 1, tzinfo=UTC))  # over
    types = product_page.plan_types(cache, ids, NOW)
    assert types == {ids[0]: "general", ids[1]: "targeted"}


def test_window_marks_keyword_matches(cache: Cache) -> None:
    rows = product_page.window(cache, ProductFilter(keyword="茶"), 0, 20)
    assert rows
    for row in rows:
        for start, end in row["title_spans"]:
            assert row["title"][start:end] == "茶"
