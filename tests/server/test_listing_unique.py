"""The database's own guarantee behind ``listing_exists``: one live listing per (channel, product).

Migration ``0002`` adds a partial unique index; these tests write around the handlers (Core
INSERTs), on SQLite and PostgreSQL, so only the index can refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import insert, inspect
from sqlalchemy.exc import IntegrityError

from tests.server.conftest import Session
from tests.server.helpers import listed_product, new_channel
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.embedded import EmbeddedServer


def _row(creator: Session, channel: str, product: str, *, deleted: bool) -> dict[str, Any]:
    return {
        "id": uuid7(), "creator_id": creator.id, "channel_id": channel, "product_id": product,
        "position": 0, "pinned": False, "hidden": False, "field_versions": {},
        "deleted": deleted, "version": 1,
    }  # fmt: skip


def test_a_second_live_listing_of_a_pair_is_refused_by_the_database(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    product = listed_product(creator, 21)["id"]
    with server.db.write() as session:
        session.execute(insert(m.Listing), [_row(creator, channel, product, deleted=False)])
    with pytest.raises(IntegrityError), server.db.write() as session:
        session.execute(insert(m.Listing), [_row(creator, channel, product, deleted=False)])


def test_deleted_listings_never_block_the_pair(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    product = listed_product(creator, 22)["id"]
    rows = [_row(creator, channel, product, deleted=True) for _ in range(2)]
    rows.append(_row(creator, channel, product, deleted=False))
    with server.db.write() as session:
        session.execute(insert(m.Listing), rows)
    with server.db.read() as session:
        indexes = inspect(session.connection()).get_indexes("listing")
    assert {"name": "uq_listing_live_channel_product", "unique": True} in [
        {"name": i["name"], "unique": bool(i["unique"])} for i in indexes
    ]
