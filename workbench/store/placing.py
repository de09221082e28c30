"""Batch edits of the selection center: place products on channels, add them to favourites.

Each function queues its edits in the outbox inside the caller's write transaction (the UI runs
them through ``SyncController.edit_with``), so a batch is queued whole or not at all, works
offline, and reads what it skips (a product already on a channel, a favourite already there)
in the same transaction it writes in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.core.ids import uuid7

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.outbox import NewEdit

MAX_BATCH = 2_000
"""Most products one batch places: more is a mistake (a channel of 2,000 products is already
beyond what anyone curates), and the outbox stays quick to send."""

_CHUNK = 500


@dataclass(frozen=True)
class Placed:
    """What a placing batch queued."""

    listings: int  # listing.create edits queued
    skipped: int  # (product, channel) pairs already there
    channels: list[str]  # ids of channels created by this batch


def place(
    cache: Cache,
    product_ids: list[str],
    channel_ids: list[str],
    new_channels: list[tuple[str, str]] | None = None,
) -> Placed:
    """Queue ``listing.create`` for every product on every channel it is not on yet.

    ``new_channels`` are (kind, name) pairs created first (``channel.create``) and placed on too.
    """
    if len(product_ids) > MAX_BATCH:
        raise ValueError(f"at most {MAX_BATCH} products can be placed at once")
    created: list[str] = []
    edits: list[NewEdit] = []
    with cache.write():
        for kind, name in new_channels or []:
            channel_id = uuid7()
            edits.append(("channel.create", channel_id, {"kind": kind, "name": name}, None))
            created.append(channel_id)
        targets = list(dict.fromkeys([*channel_ids, *created]))
        there = existing_listings(cache, product_ids)
        queued = skipped = 0
        for channel_id in targets:
            for product_id in dict.fromkeys(product_ids):
                if (channel_id, product_id) in there:
                    skipped += 1
                    continue
                payload = {"channel_id": channel_id, "product_id": product_id}
                edits.append(("listing.create", uuid7(), payload, None))
                queued += 1
        cache.enqueue_many(edits)
    return Placed(queued, skipped, created)


def existing_listings(cache: Cache, product_ids: list[str]) -> set[tuple[str, str]]:
    """(channel id, product id) of my listings of these products, pending ones included."""
    found: set[tuple[str, str]] = set()
    for start in range(0, len(product_ids), _CHUNK):
        chunk = product_ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = (
            "SELECT json_extract(data, '$.channel_id'), json_extract(data, '$.product_id') "
            f"FROM record WHERE entity = 'listing' AND json_extract(data, '$.product_id') IN ({marks})"
        )
        found.update((str(c), str(p)) for c, p in cache.conn.execute(sql, chunk))
    return found


def add_favourites(cache: Cache, product_ids: list[str]) -> int:
    """Queue ``favourite.add`` for each product not a favourite yet; how many were queued."""
    if len(product_ids) > MAX_BATCH:
        raise ValueError(f"at most {MAX_BATCH} products can be added at once")
    with cache.write():
        edits: list[NewEdit] = [
            ("favourite.add", product_id, {}, None)
            for product_id in dict.fromkeys(product_ids)
            if cache.get("favourite", product_id) is None
        ]
        cache.enqueue_many(edits)
    return len(edits)


def set_favourite(cache: Cache, product_id: str, on: bool) -> None:
    """Add or remove one favourite (idempotent on the server, so no read is needed)."""
    cache.enqueue("favourite.add" if on else "favourite.remove", product_id, {})
