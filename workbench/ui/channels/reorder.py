"""Where a dragged listing lands: its new position from the neighbours the model holds.

Moving row ``source`` before row ``target`` takes the integer between the positions of the
rows around the drop (``listing_order.between``): one ``listing.patch`` and no read of the
channel. Pinned listings stay first, so a neighbour of the other group is the edge of the
listing's own group. When a neighbour is not held (its window was not read) or the drop
crosses into the other group, ``position`` is None and the store decides
(``listing_order.move``, which reads the channel's order and renumbers if it must).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.store.listing_order import between

if TYPE_CHECKING:
    from workbench.store.listings import Listing
    from workbench.ui.channels.listings_model import ListingsModel


@dataclass(frozen=True)
class Landing:
    listing: Listing
    dest: int  # its row after the move
    low: int | None  # the neighbours' positions (None: the edge of its group)
    high: int | None
    position: int | None  # None: let the store place it (listing_order.move)


def landing(model: ListingsModel, source: int, target: int) -> Landing | None:
    """Where row ``source`` goes when dropped before row ``target`` (None: nowhere to go)."""
    me = model.row_data(source)
    if me is None or target in (source, source + 1) or not 0 <= target <= model.rowCount():
        return None
    dest = target if target < source else target - 1
    (held_above, above), (held_below, below) = _row(model, target - 1), _row(model, target)
    held = held_above and held_below
    if (me.pinned and above and not above.pinned) or (not me.pinned and below and below.pinned):
        held = False  # into the other group: the store puts it at its own group's edge
    low = above.position if above and above.pinned == me.pinned else None
    high = below.position if below and below.pinned == me.pinned else None
    return Landing(me, dest, low, high, between(low, high) if held else None)


def _row(model: ListingsModel, row: int) -> tuple[bool, Listing | None]:
    """(whether it is known, the row's listing): past either end (True, None); a row whose
    window is not held (False, None)."""
    if not 0 <= row < model.rowCount():
        return True, None
    data = model.row_data(row)
    return data is not None, data
