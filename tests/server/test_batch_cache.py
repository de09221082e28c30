"""The per-batch prefetch of ``process_batch`` answers exactly as the database would.

A batch's lookups (rows by id, products, channels, the live listing of a (channel, product) pair)
are loaded up front; these tests pin the rules that keep that cache true while mutations of the
same batch create, delete and roll back rows. Each runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import BaseModel
from sqlalchemy import select, update

from tests.server.conftest import Session
from tests.server.helpers import items, listed_product, new_channel, row_counts
from workbench.contract.mutations import MUTATIONS
from workbench.contract.sync import Mutation
from workbench.core.enums import Role
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.embedded import EmbeddedServer
from workbench.server.handlers.base import HANDLERS, VALIDATE_FIRST, Ctx, Outcome


def _send(session: Session, *mutations: tuple[str, str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Send ``(type, entity_id, payload)`` as one batch, next in the device's sequence."""
    batch = [
        {"seq": session.next_seq + i, "id": uuid7(), "type": t, "entity_id": e, "payload": p}
        for i, (t, e, p) in enumerate(mutations)
    ]
    response = session.post(
        "/v1/sync/mutations", json={"device_id": session.device_id, "mutations": batch}
    )
    assert response.status_code == 200, response.text
    session.next_seq += len(batch)
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def _statuses(results: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(r["status"], r["code"]) for r in results]


def test_the_same_pair_twice_in_one_batch_conflicts(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    product = listed_product(creator, 11)["id"]
    pair = {"channel_id": channel, "product_id": product}
    first, second = uuid7(), uuid7()
    before = row_counts(server)
    results = _send(creator, ("listing.create", first, pair), ("listing.create", second, pair))
    assert _statuses(results) == [("applied", None), ("rejected", "listing_exists")]
    assert row_counts(server)["listing"] == before["listing"] + 1
    # The listing that is already there (from an earlier batch) is found by the prefetch.
    again = _send(creator, ("listing.create", uuid7(), pair))
    assert _statuses(again) == [("rejected", "listing_exists")]
    assert _listing_ids(creator, channel) == {first}


def _listing_ids(creator: Session, channel: str) -> set[str]:
    return {x["id"] for x in items(creator, "/v1/listings") if x["channel_id"] == channel}


def test_a_channel_and_a_listing_created_earlier_in_the_batch_are_found_later(
    fresh_session: Callable[[str], Session],
) -> None:
    creator = fresh_session("creator_a")
    channel, listing = uuid7(), uuid7()
    create = {"channel_id": channel, "product_id": listed_product(creator, 12)["id"]}
    results = _send(
        creator,
        ("channel.create", channel, {"kind": "showcase", "name": "同批橱窗"}),
        ("listing.create", listing, create),
        ("listing.create", listing, create),  # the same id again: the row it made, unchanged
        ("listing.patch", listing, {"position": 4}),
    )
    assert _statuses(results) == [("applied", None)] * 4
    assert results[2]["row"] == results[1]["row"]
    assert results[3]["row"]["position"] == 4
    assert _listing_ids(creator, channel) == {listing}


def test_a_deleted_listing_frees_its_pair_within_the_batch(
    fresh_session: Callable[[str], Session],
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    pair = {"channel_id": channel, "product_id": listed_product(creator, 13)["id"]}
    old = uuid7()
    assert _statuses(_send(creator, ("listing.create", old, pair))) == [("applied", None)]
    mid, new = uuid7(), uuid7()
    results = _send(
        creator,
        ("listing.delete", old, {}),  # there before the batch
        ("listing.create", mid, pair),
        ("listing.delete", mid, {}),  # made in this batch
        ("listing.create", new, pair),
    )
    assert _statuses(results) == [("applied", None)] * 4
    assert _listing_ids(creator, channel) == {new}


def test_a_rejected_mutation_leaves_nothing_in_the_batch_cache(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    pair = {"channel_id": channel, "product_id": listed_product(creator, 14)["id"]}
    backwards = {**pair, "start_at": "2026-12-02T00:00:00Z", "end_at": "2026-12-01T00:00:00Z"}
    bad, good = uuid7(), uuid7()
    before = row_counts(server)
    results = _send(
        creator,
        ("listing.create", bad, backwards),  # rejected after every lookup
        ("listing.create", good, pair),
        ("listing.patch", good, backwards),  # rejected after writing: its savepoint rolls back
        ("listing.create", uuid7(), pair),  # so the listing is still live
        ("listing.create", bad, pair),  # and the rejected id is still free
    )
    assert _statuses(results) == [
        ("rejected", "invalid_payload"),
        ("applied", None),
        ("rejected", "invalid_payload"),
        ("rejected", "listing_exists"),
        ("rejected", "listing_exists"),
    ]
    assert row_counts(server)["listing"] == before["listing"] + 1
    listed = {x["id"]: x for x in items(creator, "/v1/listings") if x["channel_id"] == channel}
    assert set(listed) == {good}
    assert listed[good]["start_at"] is None


def test_a_listing_answers_with_the_row_as_stored(
    fresh_session: Callable[[str], Session],
) -> None:
    """A new listing is written with the batch, not at once: its answer still shows the row the
    database holds (column defaults, also for fields sent as null)."""
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    listing = uuid7()
    payload = {
        "channel_id": channel,
        "product_id": listed_product(creator, 15)["id"],
        "position": None,
        "pinned": None,
        "custom_title": "标题",
    }
    (result,) = _send(creator, ("listing.create", listing, payload))
    assert result["status"] == "applied"
    assert result["row"]["position"] == 0 and result["row"]["pinned"] is False
    stored = {x["id"]: x for x in items(creator, "/v1/listings")}[listing]
    assert result["row"] == stored
    fed = [c for c in creator.feed() if c["id"] == listing]
    assert fed[-1]["data"] == stored


class _Empty(BaseModel):
    pass


CARELESS_NAME = "changed before rejecting"


def _rename(ctx: Ctx, channel: m.Channel) -> None:
    channel.name = CARELESS_NAME  # left in the session: the end of the batch would flush it


def _rename_then_query(ctx: Ctx, channel: m.Channel) -> None:
    channel.name = CARELESS_NAME
    ctx.session.scalar(select(m.Channel.id).limit(1))  # autoflush: the UPDATE is sent now


def _core_update(ctx: Ctx, channel: m.Channel) -> None:
    ctx.session.execute(
        update(m.Channel).where(m.Channel.id == channel.id).values(name=CARELESS_NAME)
    )


def _delete(ctx: Ctx, channel: m.Channel) -> None:
    ctx.session.delete(channel)


CARELESS_WRITES: dict[str, Callable[[Ctx, m.Channel], None]] = {
    "attribute": _rename,
    "write then query": _rename_then_query,
    "core update": _core_update,
    "session delete": _delete,
}


@pytest.fixture(params=sorted(CARELESS_WRITES))
def careless_handler(request: pytest.FixtureRequest) -> Iterator[str]:
    """A handler that claims ``validate_first`` but writes (one way or another) and then rejects."""
    name = "test.careless"
    write = CARELESS_WRITES[request.param]

    def careless(ctx: Ctx, mut: Mutation, _payload: _Empty) -> Outcome:
        channel = ctx.session.get(m.Channel, mut.entity_id)
        assert channel is not None
        write(ctx, channel)
        raise DomainError(ErrorCode.INVALID_PAYLOAD, "too late")

    MUTATIONS[name] = (_Empty, Role.CREATOR)
    HANDLERS[name] = careless
    VALIDATE_FIRST.add(name)
    yield name
    del MUTATIONS[name], HANDLERS[name]
    VALIDATE_FIRST.discard(name)


def test_a_validate_first_handler_that_writes_before_rejecting_leaves_nothing(
    server: EmbeddedServer, fresh_session: Callable[[str], Session], careless_handler: str
) -> None:
    """Whatever it wrote is undone (the batch runs again, a savepoint per mutation): it is
    rejected, its neighbours in the batch apply, and the batch does not fail."""
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    product = listed_product(creator, 17)["id"]
    before, first, last = row_counts(server), uuid7(), uuid7()
    results = _send(
        creator,
        ("listing.create", first, {"channel_id": channel, "product_id": product}),
        (careless_handler, channel, {}),
        ("channel.create", last, {"kind": "showcase", "name": "之后"}),
    )
    assert _statuses(results) == [
        ("applied", None),
        ("rejected", "invalid_payload"),
        ("applied", None),
    ]
    with server.db.read() as session:
        stored = session.get(m.Channel, channel)
        assert stored is not None and stored.name == "测试橱窗" and not stored.deleted
        assert session.get(m.Listing, first) is not None
        assert session.get(m.Channel, last) is not None
    assert row_counts(server)["listing"] == before["listing"] + 1
    assert row_counts(server)["channel"] == before["channel"] + 1
    fed = [c for c in creator.feed() if c["id"] == channel]
    assert [c["data"]["name"] for c in fed] == ["测试橱窗"]


def test_pairs_beyond_the_prefetch_are_checked_in_the_database(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    """More channels than the prefetch covers: the duplicate check asks the database (after
    the batch's pending rows are flushed), with the same answers."""
    creator = fresh_session("creator_a")
    product = listed_product(creator, 16)["id"]
    channels = sorted(uuid7() for _ in range(24))
    creates: list[tuple[str, str, dict[str, Any]]] = [
        ("channel.create", c, {"kind": "showcase", "name": f"橱窗{i}"})
        for i, c in enumerate(channels)
    ]
    listings = [
        ("listing.create", uuid7(), {"channel_id": c, "product_id": product}) for c in channels
    ]
    again = [
        ("listing.create", uuid7(), {"channel_id": c, "product_id": product}) for c in channels
    ]
    before = row_counts(server)
    results = _send(creator, *creates, *listings, *again)
    assert _statuses(results) == [("applied", None)] * 48 + [("rejected", "listing_exists")] * 24
    assert row_counts(server)["listing"] == before["listing"] + 24


@pytest.mark.parametrize(
    "bad",
    [
        {"channel_id": "\u0000" * 36, "product_id": "bad id!"},
        {"channel_id": "x" * 36, "product_id": "p\u0000"},
        {"channel_id": "\ud800" * 36, "product_id": "p1"},  # a lone surrogate
    ],
    ids=["nul channel", "nul product", "surrogate"],
)
def test_ids_no_lookup_would_accept_never_reach_the_database(
    fresh_session: Callable[[str], Session], bad: dict[str, Any]
) -> None:
    """The prefetch reads only ids validation could pass: a NUL or a lone surrogate makes the
    driver raise, which would fail the whole batch on every retry (a device stuck for good)."""
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    product = listed_product(creator, 12)["id"]
    good = {"channel_id": channel, "product_id": product}
    mutations = [
        ("listing.create", uuid7(), bad),
        ("listing.create", "\u0000bad-create-id", good),
        ("listing.create", uuid7(), good),
    ]
    batch = [
        {"seq": creator.next_seq + i, "id": uuid7(), "type": t, "entity_id": e, "payload": p}
        for i, (t, e, p) in enumerate(mutations)
    ]
    body = json.dumps({"device_id": creator.device_id, "mutations": batch})  # \ud800 escaped
    response = creator.client.post(
        "/v1/sync/mutations",
        content=body,
        headers={**creator._auth(), "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    statuses = _statuses(response.json()["results"])
    assert statuses[0][0] == "rejected" and statuses[1][0] == "rejected"
    assert statuses[2] == ("applied", None)
