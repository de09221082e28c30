"""What the "Needs attention" view shows of a window of listings: channel, product, place.

The check itself is ``health.py`` (which listings, why); this reads only the rows a window of
the view shows, so the view holds ids and reasons for every problem listing and reads the
words and numbers of ~200 at a time. A product gone from the catalogue shows its id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.store.cache import Cache

_CHUNK = 400


@dataclass(frozen=True)
class Shown:
    """A listing as the view shows it."""

    listing_id: str
    channel_name: str
    channel_kind: str  # the raw value; ``ChannelKind`` names the known ones
    product_id: str
    title: str  # the product's title ("" when it left the catalogue)
    custom_title: str  # the listing's own title, if any
    price_fen: int | None
    position: int
    pending: bool  # an edit of the listing waits for sync


def rows(cache: Cache, listing_ids: list[str]) -> dict[str, Shown]:
    """These listings as shown (those not in the cache any more are left out)."""
    out: dict[str, Shown] = {}
    for start in range(0, len(listing_ids), _CHUNK):
        chunk = listing_ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for (lid, pid, position, custom, pending, cname, ckind, title, price) in cache.conn.execute(
            "SELECT l.id, json_extract(l.data, '$.product_id'), json_extract(l.data, '$.position'), "
            "json_extract(l.data, '$.custom_title'), l.pending, json_extract(c.data, '$.name'), "
            "json_extract(c.data, '$.kind'), p.title, p.price_fen FROM record l "
            "LEFT JOIN record c ON c.entity = 'channel' AND c.id = json_extract(l.data, '$.channel_id') "
            "LEFT JOIN product p ON p.id = json_extract(l.data, '$.product_id') "
            f"WHERE l.entity = 'listing' AND l.id IN ({marks})",
            chunk,
        ):  # fmt: skip
            out[str(lid)] = Shown(
                str(lid), str(cname or ""), str(ckind or ""), str(pid), str(title or ""),
                str(custom or ""), None if price is None else int(price), int(position or 0),
                bool(pending),
            )  # fmt: skip
    return out
