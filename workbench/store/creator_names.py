"""Creators' names as a merchant's cache knows them: the ``creator`` rows of its feed.

The server sends a merchant the public profile (name, identity) of each creator it deals with
(``server/creator_links.py``); they are small and few, so they live in ``record`` like the other
small entities. The merchant's pages and the 数据 page ask here for the names of the creators
they show, in one lookup per window; a creator not known yet has no name (the UI shows a short
form of the id until the profile arrives). Reads only, for a reader lane.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.store.cache import Cache

_CHUNK = 500  # ids per IN-list (well under SQLite's variable limit)


def creator_names(cache: Cache, creator_ids: Iterable[str | None]) -> dict[str, str]:
    """The known name of each of ``creator_ids`` (the unknown ones are left out)."""
    wanted = sorted({str(c) for c in creator_ids if c})
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        sql = (
            "SELECT id, json_extract(data, '$.display_name') FROM record "
            f"WHERE entity = 'creator' AND id IN ({', '.join('?' for _ in chunk)})"
        )
        found.update((str(i), str(name)) for i, name in cache.conn.execute(sql, chunk) if name)
    return found


def creator_name(cache: Cache, creator_id: str) -> str | None:
    """One creator's known name, ``None`` while the cache has none."""
    return creator_names(cache, [creator_id]).get(creator_id)
