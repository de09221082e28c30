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


def move(cache: Cache, channel_id: str, listing_id: str, to_index: int) -> dict[str, int]:
    """Move the listing to ``to_index`` in the shown order (within its pinned group); the old
    position of every listing it patched (one, or more when the group had to be renumbered)."""
    return move_many(cache, channel_id, [listing_id], to_index)


def move_many(
    cache: Cache, channel_id: str, listing_ids: list[str], to_index: int
) -> dict[str, int]:
    """Move the listings together, in their shown order, so the first lands at ``to_index`` of
    the shown order (each stays in its pinned group: pinned ones go to the nearest place among
    the pinned). One ``listing.patch`` per listing when the gap at the drop point has room for
    them all, else the group is renumbered. Returns the old position of every listing patched
    (what an undo puts back)."""
    if cache.get("channel", channel_id) is None:
        raise ChannelGone(channel_id)
    order = ordered(cache, channel_id)
    wanted = set(listing_ids)
    block = [r for r in order if r[0] in wanted]
    if len(block) != len(wanted):
        raise ChannelGone(next(i for i in listing_ids if i not in {r[0] for r in block}))
    rest = [r for r in order if r[0] not in wanted]
    at = max(0, min(to_index, len(rest)))
    changed: dict[str, int] = {}
    for pinned in (True, False):
        mine = [r for r in block if r[2] == pinned]
        group = [r for r in rest if r[2] == pinned]
        here = sum(1 for r in rest[:at] if r[2] == pinned)
        new_order = group[:here] + mine + group[here:]
        if not mine or [r[0] for r in new_order] == [r[0] for r in order if r[2] == pinned]:
            continue  # already there
        low = group[here - 1][1] if here > 0 else None
        high = group[here][1] if here < len(group) else None
        positions = spread(low, high, len(mine))
        if positions is None:
            changed.update(renumber(cache, [r[0] for r in new_order]))
            continue
        for (listing_id, old, _pinned), position in zip(mine, positions, strict=True):
            if position != old:
                cache.enqueue("listing.patch", listing_id, {"position": position})
                changed[listing_id] = old
    return changed


def spread(low: int | None, high: int | None, count: int) -> list[int] | None:
    """``count`` increasing integers strictly between the neighbours' positions, :data:`GAP`
    apart at an open end, else evenly spread (None: no room)."""
    if count == 1:
        one = between(low, high)
        return None if one is None else [one]
    if high is None and (low or 0) + count * GAP <= MAX_POSITION:
        return [(low or 0) + GAP * i for i in range(1, count + 1)]
    if low is None and high is not None and high - count * GAP >= 0:
        return [high - GAP * i for i in range(count, 0, -1)]
    bottom = -1 if low is None else low
    top = (MAX_POSITION + 1) if high is None else high
    if top - bottom < count + 1:
        return None
    return [bottom + (top - bottom) * i // (count + 1) for i in range(1, count + 1)]


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


def renumber(cache: Cache, listing_ids: list[str]) -> dict[str, int]:
    """Spread these listings (in this order) evenly again; one patch per listing that moved.
    Returns the old position of each one patched."""
    step = max(1, min(GAP, MAX_POSITION // (len(listing_ids) + 1)))
    changed: dict[str, int] = {}
    for index, listing_id in enumerate(listing_ids, start=1):  # room before the first, too
        row = cache.get("listing", listing_id)
        old = int(row.get("position") or 0) if row is not None else None
        if old is not None and old != index * step:
            cache.enqueue("listing.patch", listing_id, {"position": index * step})
            changed[listing_id] = old
    return changed
