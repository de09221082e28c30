"""The order of a channel's listings, and moving one listing with ONE mutation.

Listings are shown pinned first, then by ``position``, then by id. Positions are integers with
gaps (:data:`GAP` apart when numbered afresh, from ``GAP`` on, within the contract's 0–100,000), so moving one
listing between two neighbours takes the integer between their positions: one ``listing.patch``
whatever the channel's size. Only when the neighbours touch (no integer between them, after
many moves into one spot) is the channel renumbered, a rare batch of patches that
:func:`renumber` spreads evenly again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.store.cache import Cache

MAX_POSITION = 100_000  # as contract.mutations.ListingFields.position
GAP = 8


class ChannelGone(LookupError):
    """The channel (or the listing) is not in the cache any more: nothing was queued."""


def ordered(cache: Cache, channel_id: str) -> list[tuple[str, int, bool]]:
    """(listing id, position, pinned) of the channel's listings, in the order shown (a walk of
    the typed index ``listing_slot_order``; no listing row is read)."""
    rows = cache.conn.execute(
        "SELECT id, position, pinned FROM listing_slot WHERE channel_id = ? "
        "ORDER BY pinned DESC, position, id",
        (channel_id,),
    ).fetchall()
    return [(str(i), int(p), bool(pin)) for i, p, pin in rows]


def move(cache: Cache, channel_id: str, listing_id: str, to_index: int) -> int:
    """Move the listing to ``to_index`` in the shown order (within its pinned group); how many
    mutations were queued (1, or more when the channel had to be renumbered)."""
    if cache.get("channel", channel_id) is None:
        raise ChannelGone(channel_id)
    order = ordered(cache, channel_id)
    ids = [r[0] for r in order]
    if listing_id not in ids:
        raise ChannelGone(listing_id)
    me = order[ids.index(listing_id)]
    group = [r for r in order if r[2] == me[2] and r[0] != listing_id]
    offset = 0 if me[2] else sum(1 for r in order if r[2])  # unpinned start after the pinned
    at = max(0, min(to_index - offset, len(group)))
    before = group[at - 1][1] if at > 0 else None
    after = group[at][1] if at < len(group) else None
    position = between(before, after)
    if position is None:
        renumbered = renumber(
            cache, [r[0] for r in group[:at]] + [listing_id] + [r[0] for r in group[at:]]
        )
        return renumbered
    cache.enqueue("listing.patch", listing_id, {"position": position})
    return 1


def place_between(cache: Cache, listing_id: str, before: int | None, after: int | None) -> bool:
    """Move a listing between neighbours whose positions the caller holds (the page's model):
    one ``listing.patch``, no read of the channel; False (nothing queued) if they touch, and
    the caller falls back to :func:`move`, which renumbers."""
    position = between(before, after)
    if position is None:
        return False
    cache.enqueue("listing.patch", listing_id, {"position": position})
    return True


def between(before: int | None, after: int | None) -> int | None:
    """An integer strictly between the neighbours' positions (None: they touch)."""
    low = -1 if before is None else before
    high = (MAX_POSITION + 1) if after is None else after
    if after is None and before is not None and before + GAP <= MAX_POSITION:
        return before + GAP
    if before is None and after is not None and after - GAP >= 0:
        return after - GAP
    if high - low < 2:
        return None
    return (low + high) // 2


def renumber(cache: Cache, listing_ids: list[str]) -> int:
    """Spread these listings (in this order) evenly again; one patch per listing that moved."""
    step = max(1, min(GAP, MAX_POSITION // (len(listing_ids) + 1)))
    queued = 0
    for index, listing_id in enumerate(listing_ids, start=1):  # room before the first, too
        row = cache.get("listing", listing_id)
        if row is not None and int(row.get("position") or 0) != index * step:
            cache.enqueue("listing.patch", listing_id, {"position": index * step})
            queued += 1
    return queued
