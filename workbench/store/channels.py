"""What the channels page (我的渠道) reads: my channels with their figures, and the edits on them.

A channel row: id, name, kind, whether an edit of it waits (``pending``), how many listings it
holds, how many of those have a live plan (coverage: a listing without one earns nothing), and
the last 30 days' sales of orders sold through that channel (order lines name their channel;
the figures come from the daily table ``orders.py`` keeps, counted orders only).

Edits (create, rename, delete) are outbox edits made in the caller's transaction
(``SyncController.edit_with``): they show at once, work offline and are pushed when online. A
name is checked here first (empty, too long), so a bad one is answered in the page, not by
the server later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from workbench.core.enums import ChannelKind, CreatorIdentity
from workbench.core.ids import uuid7
from workbench.store import order_figures, product_detail
from workbench.store import orders as orders_store

if TYPE_CHECKING:
    from workbench.store.cache import Cache

NAME_MAX = 60  # as contract.mutations.ChannelName
SALES_DAYS = 30


class BadName(ValueError):
    """An empty or over-long channel name (``reason``: ``empty`` / ``too_long``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class KindNotAllowed(ValueError):
    """A 视频号带货者 may only have 视频号 channels until the upgrade."""


@dataclass(frozen=True)
class ChannelRow:
    id: str
    name: str
    kind: ChannelKind | str  # the raw value for a kind this app does not know
    pending: bool
    listings: int
    covered: int  # listings whose product has a live plan now
    sales_fen: int  # last 30 days (Asia/Shanghai days, today included): paid − refunded
    orders: int


def channels(cache: Cache, now: datetime | None = None) -> list[ChannelRow]:
    """My channels, in :class:`ChannelKind` order then by name."""
    now = now or datetime.now(UTC)
    products_of: dict[str, list[str]] = {}
    for channel_id, product_id in cache.conn.execute(
        "SELECT json_extract(data, '$.channel_id'), json_extract(data, '$.product_id') "
        "FROM record WHERE entity = 'listing'"
    ):
        products_of.setdefault(str(channel_id), []).append(str(product_id))
    every = sorted({p for ps in products_of.values() for p in ps})
    plans = product_detail.plans_by_product(cache, every, cache.account_id, now)
    live = {p for p, terms in plans.items() if any(t.active_now for t in terms)}
    sales = orders_store.sales_by_channel(cache, _first_sales_day(now))
    out = []
    for channel in product_detail.channels(cache):
        listed = products_of.get(channel["id"], [])
        kind = channel["kind"]
        fen, orders = sales.get(channel["id"], (0, 0))
        out.append(
            ChannelRow(
                id=channel["id"],
                name=channel["name"],
                kind=kind,
                pending=channel["pending"],
                listings=len(listed),
                covered=sum(1 for p in listed if p in live),
                sales_fen=fen,
                orders=orders,
            )
        )
    return out


def _first_sales_day(now: datetime) -> int:
    """The first day of the last :data:`SALES_DAYS` Asia/Shanghai days, today included."""
    today = order_figures.beijing_day(now.astimezone(UTC).isoformat())
    return today - SALES_DAYS + 1


def identity(cache: Cache) -> CreatorIdentity | None:
    """My creator identity as the cache has it now (the upgrade changes it), if known."""
    row = cache.get("account", cache.account_id)
    value = (row or {}).get("identity")
    try:
        return CreatorIdentity(value) if value else None
    except ValueError:
        return None


def check_name(name: str) -> str:
    """The name as it is stored (trimmed); :class:`BadName` if empty or too long."""
    name = name.strip()
    if not name:
        raise BadName("empty")
    if len(name) > NAME_MAX:
        raise BadName("too_long")
    return name


def create(cache: Cache, kind: ChannelKind, name: str, identity_now: CreatorIdentity | None) -> str:
    """Queue a new channel; its id (usable at once for listings)."""
    if identity_now is CreatorIdentity.FINDER and kind.needs_talent_identity:
        raise KindNotAllowed(kind.value)
    channel_id = uuid7()
    cache.enqueue("channel.create", channel_id, {"kind": kind.value, "name": check_name(name)})
    return channel_id


def rename(cache: Cache, channel_id: str, name: str) -> None:
    """Queue a rename based on the version I see: the server's, plus one for each of my own
    renames of it still queued (each bumps the version once it is applied), so a second rename
    made offline does not conflict with my first, while a rename from another device does."""
    synced = cache.conn.execute(
        "SELECT version FROM record_synced WHERE entity = 'channel' AND id = ?", (channel_id,)
    ).fetchone()
    mine = cache.conn.execute(
        "SELECT count(*) FROM outbox WHERE entity = 'channel' AND entity_id = ? "
        "AND type = 'channel.rename'",
        (channel_id,),
    ).fetchone()[0]
    base = None if synced is None else int(synced[0]) + int(mine)
    cache.enqueue("channel.rename", channel_id, {"name": check_name(name)}, base_version=base)


def delete(cache: Cache, channel_id: str) -> int:
    """Queue the channel's deletion (its listings go with it on the server); how many listings."""
    listings = listing_count(cache, channel_id)
    cache.enqueue("channel.delete", channel_id, {})
    return listings


def listing_count(cache: Cache, channel_id: str) -> int:
    row = cache.conn.execute(
        "SELECT count(*) FROM listing_slot WHERE channel_id = ?", (channel_id,)
    ).fetchone()
    return int(row[0])
