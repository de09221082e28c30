"""``listing.move``: a listing changes channel and position in ONE mutation, or not at all.

On SQLite and PostgreSQL: the feed carries the moved row once, with its new channel; a move to a
channel that is gone, someone else's, of a kind a 视频号带货者 may not use, or that already has
the product live is refused whole with its code and writes nothing; in one batch the moved
listing counts on its new channel (a second one of the product there is refused) and no longer
on its old one (the product can be placed there again).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import insert

from tests.server.conftest import Session
from tests.server.helpers import listed_product, new_channel, row_counts
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.embedded import EmbeddedServer


def _place(creator: Session, channel: str, product: str, position: int = 8) -> str:
    listing_id = uuid7()
    payload = {"channel_id": channel, "product_id": product, "position": position}
    result = creator.mutate("listing.create", listing_id, payload)
    assert result["status"] == "applied", result
    return listing_id


def _batch(creator: Session, mutations: list[tuple[str, str, dict[str, Any]]]) -> list[Any]:
    body = [{"seq": creator.next_seq + i, "id": uuid7(), "type": t, "entity_id": e, "payload": p}
            for i, (t, e, p) in enumerate(mutations)]  # fmt: skip
    response = creator.post("/v1/sync/mutations",
                            json={"device_id": creator.device_id, "mutations": body})  # fmt: skip
    assert response.status_code == 200, response.text
    creator.next_seq += len(body)
    return [(r["status"], r.get("code")) for r in response.json()["results"]]


def test_a_move_changes_channel_and_position_in_one_feed_entry(
    fresh_session: Callable[[str], Session],
) -> None:
    creator = fresh_session("creator_a")
    source, target = new_channel(creator), new_channel(creator, "live", "直播间")
    product = listed_product(creator, 30)["id"]
    listing = _place(creator, source, product)
    creator.feed()
    result = creator.mutate("listing.move", listing, {"channel_id": target, "position": 40})
    assert result["status"] == "applied", result
    assert (result["row"]["channel_id"], result["row"]["position"]) == (target, 40)
    changes = [c for c in creator.feed(cursor=creator.last_cursor) if c["entity"] == "listing"]
    assert [(c["id"], c["op"], c["data"]["channel_id"]) for c in changes] == [
        (listing, "upsert", target)
    ]
    # Moved again to where it is: nothing changes.
    again = creator.mutate("listing.move", listing, {"channel_id": target, "position": 40})
    assert (again["status"], again["row"]["version"]) == ("applied", result["row"]["version"])


def test_a_move_is_refused_whole_with_its_code(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator, other = fresh_session("creator_a"), fresh_session("creator_b")
    source, target = new_channel(creator), new_channel(creator, "live", "直播间")
    product = listed_product(creator, 31)["id"]
    listing = _place(creator, source, product)
    _place(creator, target, product)  # the product is live on the target already
    gone = new_channel(creator, "short_video", "要删的")
    assert creator.mutate("channel.delete", gone)["status"] == "applied"
    theirs = new_channel(other)
    for channel, code in [(target, "listing_exists"), (gone, "channel_gone"),
                          (theirs, "channel_gone"), (uuid7(), "channel_gone")]:  # fmt: skip
        before = row_counts(server)
        result = creator.mutate("listing.move", listing, {"channel_id": channel, "position": 8})
        assert (result["status"], result["code"]) == ("rejected", code), result
        assert row_counts(server) == before

    # A 视频号带货者 with a 公众号 channel (written around the handlers): refused there.
    legacy = fresh_session("creator_b")
    mine = _place(legacy, new_channel(legacy), listed_product(legacy, 32)["id"])
    official = uuid7()
    with server.db.write() as session:
        session.execute(insert(m.Channel), [{"id": official, "creator_id": legacy.id,
                        "kind": "official_account", "name": "公众号", "deleted": False,
                        "version": 1}])  # fmt: skip
    before = row_counts(server)
    result = legacy.mutate("listing.move", mine, {"channel_id": official, "position": 8})
    assert (result["status"], result["code"]) == ("rejected", "channel_not_allowed")
    assert row_counts(server) == before


def test_in_one_batch_a_moved_listing_counts_where_it_went(
    fresh_session: Callable[[str], Session],
) -> None:
    creator = fresh_session("creator_a")
    source, target = new_channel(creator), new_channel(creator, "live", "直播间")
    product = listed_product(creator, 33)["id"]
    listing = _place(creator, source, product)
    results = _batch(creator, [
        ("listing.move", listing, {"channel_id": target, "position": 8}),
        ("listing.create", uuid7(), {"channel_id": target, "product_id": product}),
        ("listing.create", uuid7(), {"channel_id": source, "product_id": product}),
    ])  # fmt: skip
    assert results == [("applied", None), ("rejected", "listing_exists"), ("applied", None)]


def test_a_move_of_a_listing_moved_elsewhere_meanwhile_is_a_conflict(
    fresh_session: Callable[[str], Session],
) -> None:
    creator = fresh_session("creator_a")
    source = new_channel(creator)
    there, here = new_channel(creator, "live", "那边"), new_channel(creator, "short_video", "这边")
    listing = _place(creator, source, listed_product(creator, 34)["id"])
    seen = creator.mutate("listing.patch", listing, {"pinned": True})["row"]["version"]
    elsewhere = creator.mutate("listing.move", listing, {"channel_id": there, "position": 8})
    assert elsewhere["status"] == "applied"
    mine = creator.mutate("listing.move", listing, {"channel_id": here, "position": 16}, seen)
    assert (mine["status"], mine["code"], mine["conflicts"]) == (
        "conflict",
        "version_conflict",
        ["channel_id"],
    )
    assert mine["row"]["channel_id"] == there  # the server's place stays
    # The same move based on what the server has now applies.
    now = elsewhere["row"]["version"]
    assert creator.mutate("listing.move", listing, {"channel_id": here, "position": 16},
                          now)["status"] == "applied"  # fmt: skip
