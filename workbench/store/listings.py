"""What the listings table of a channel reads: how many, and one window of rows at a time.

A channel can hold 10,000 listings, so nothing here reads a whole channel: the order (pinned
first, then ``position``, then id) is walked on the typed ``listing_slot`` index that
``records.refresh_many`` keeps equal to the ``record`` rows (schema step ``listing_slot``), and
only the window asked for is read in full: its ``record`` rows, their products (title, price,
status), the plans of those products (my rate, plan state) and their open conflicts.

A listing whose product is not in the catalogue any more is returned with ``product_title``
``None`` (the page says so); it is never dropped. Health is not computed here: a reader that
shows it passes a ``health`` check (``ui/channels/listings_health.py`` wraps
``store/health.py``); without one ``health`` is None.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core.money import commission_fen
from workbench.store import product_detail

if TYPE_CHECKING:
    from workbench.store.cache import Cache

ENDING_DAYS = 7  # a live plan ending within this many days is "ending soon"


@dataclass(frozen=True)
class Listing:
    """One row of the listings table."""

    id: str
    channel_id: str
    product_id: str
    position: int
    pinned: bool
    hidden: bool
    custom_title: str | None
    selling_points: str | None
    start_at: str | None  # ISO 8601, as stored
    end_at: str | None
    version: int
    pending: bool  # an edit of it waits for sync
    conflict: bool  # an edit of it was refused or conflicted (the conflicts inbox has it)
    product_title: str | None  # None: the product is not in the catalogue any more
    price_fen: int | None
    product_status: str | None
    rate_ppm: int | None  # the rate I earn under the best live plan (None: no live plan)
    per_sale_fen: int | None  # price × that rate, half-up
    plan_state: str  # "live", "ending" (within ENDING_DAYS), "upcoming", "none"
    health: str | None = None  # from the ``health`` check the reader passed; None: not run

    @property
    def title(self) -> str | None:
        """What the channel shows: my custom title if set, else the product's."""
        return self.custom_title or self.product_title


HealthCheck = Callable[["Cache", list[Listing]], dict[str, str]]
"""``check(cache, rows)`` → listing id → a short state for the Health column (reading lane)."""


def count(cache: Cache, channel_id: str) -> int:
    row = cache.conn.execute(
        "SELECT count(*) FROM listing_slot WHERE channel_id = ?", (channel_id,)
    ).fetchone()
    return int(row[0])


def ids(cache: Cache, channel_id: str, offset: int = 0, limit: int = -1) -> list[str]:
    """Listing ids of the channel in the order shown, from ``offset`` (``-1``: to the end)."""
    return [
        str(r[0])
        for r in cache.conn.execute(
            "SELECT id FROM listing_slot WHERE channel_id = ? "
            "ORDER BY pinned DESC, position, id LIMIT ? OFFSET ?",
            (channel_id, limit, offset),
        )
    ]


def window(
    cache: Cache,
    channel_id: str,
    offset: int,
    limit: int,
    now: datetime | None = None,
    health: HealthCheck | None = None,
) -> list[Listing]:
    """The rows ``offset`` … ``offset + limit`` of the channel, in the order shown (with the
    Health column filled by ``health`` if given)."""
    # The window's ids from the index alone first: rows skipped by OFFSET are never joined.
    found = cache.conn.execute(
        "WITH w AS (SELECT id, pinned, position FROM listing_slot WHERE channel_id = ? "
        "ORDER BY pinned DESC, position, id LIMIT ? OFFSET ?) "
        "SELECT r.id, r.data, r.pending FROM w JOIN record r ON r.entity = 'listing' "
        "AND r.id = w.id ORDER BY w.pinned DESC, w.position, w.id",
        (channel_id, limit, offset),
    ).fetchall()
    return build(cache, [(str(i), json.loads(d), bool(p)) for i, d, p in found], now, health)


def rows_by_ids(cache: Cache, listing_ids: Sequence[str]) -> list[Listing]:
    """These listings (those still in the cache), in the order given."""
    data = raw(cache, listing_ids)
    pending = {
        str(i): bool(p)
        for i, p in _in(
            cache,
            "SELECT id, pending FROM record WHERE entity = 'listing' AND id IN ({})",
            list(data),
        )
    }
    return build(cache, [(i, data[i], bool(pending.get(i))) for i in listing_ids if i in data])


def raw(cache: Cache, listing_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The listings' rows as stored (what an undo puts back)."""
    return {
        str(i): json.loads(d)
        for i, d in _in(
            cache,
            "SELECT id, data FROM record WHERE entity = 'listing' AND id IN ({})",
            listing_ids,
        )
    }


def build(
    cache: Cache,
    found: list[tuple[str, dict[str, Any], bool]],
    now: datetime | None = None,
    health: HealthCheck | None = None,
) -> list[Listing]:
    now = now or datetime.now(UTC)
    product_ids = list(dict.fromkeys(str(d.get("product_id")) for _i, d, _p in found))
    products = {
        str(r[0]): r[1:]
        for r in _in(
            cache, "SELECT id, title, price_fen, status FROM product WHERE id IN ({})", product_ids
        )
    }
    plans = product_detail.plans_by_product(cache, product_ids, cache.account_id, now)
    conflicted = {
        str(r[0])
        for r in _in(
            cache,
            "SELECT entity_id FROM conflict WHERE resolved_at IS NULL AND entity = 'listing' "
            "AND entity_id IN ({})",
            [i for i, _d, _p in found],
        )
    }
    out = []
    for listing_id, d, pending in found:
        product_id = str(d.get("product_id"))
        title, price, status = products.get(product_id, (None, None, None))
        rate, state = _plan(plans.get(product_id, []), now)
        out.append(
            Listing(
                id=listing_id,
                channel_id=str(d.get("channel_id")),
                product_id=product_id,
                position=int(d.get("position") or 0),
                pinned=bool(d.get("pinned")),
                hidden=bool(d.get("hidden")),
                custom_title=d.get("custom_title") or None,
                selling_points=d.get("selling_points") or None,
                start_at=d.get("start_at"),
                end_at=d.get("end_at"),
                version=int(d.get("version") or 0),
                pending=pending,
                conflict=listing_id in conflicted,
                product_title=None if title is None else str(title),
                price_fen=None if price is None else int(price),
                product_status=None if status is None else str(status),
                rate_ppm=rate,
                per_sale_fen=None if rate is None or price is None else commission_fen(price, rate),
                plan_state=state,
            )
        )
    if health is not None and out:
        states = health(cache, out)
        out = [replace(r, health=states.get(r.id)) for r in out]
    return out


def _plan(plans: list[product_detail.PlanTerms], now: datetime) -> tuple[int | None, str]:
    live = [p for p in plans if p.active_now]
    if live:
        best = max(live, key=lambda p: p.earned_ppm)
        ends = min(_parse(p.end_at) for p in live)
        soon = ends - now <= timedelta(days=ENDING_DAYS)
        return best.earned_ppm, "ending" if soon else "live"
    if any(_parse(p.begin_at) > now for p in plans):
        return None, "upcoming"
    return None, "none"


def _parse(text: str) -> datetime:
    at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


_CHUNK = 500


def _in(cache: Cache, sql: str, values: Sequence[str]) -> list[tuple[Any, ...]]:
    """``sql`` with its ``IN ({})`` filled, in chunks of :data:`_CHUNK` values."""
    out: list[tuple[Any, ...]] = []
    values = list(values)
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        out.extend(cache.conn.execute(sql.format(", ".join("?" * len(chunk))), chunk))
    return out
