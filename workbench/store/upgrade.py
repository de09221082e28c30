"""What the upgrade 视频号带货者 → 微信小店带货者 carries over, as the cache has it, and the edit.

The banner of the channels page says what the upgrade keeps in figures: the deposit (保证金)
balance, the months of settlements (结算), the listings (橱窗商品) and orders; and whether the
upgrade is queued and waiting for the server (``pending``). The upgrade itself is one outbox
edit (``account.upgrade``): it works offline and shows at once, and the server answers a second
one applied without changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.core.enums import CreatorIdentity

if TYPE_CHECKING:
    from workbench.store.cache import Cache

UPGRADE = "account.upgrade"


@dataclass(frozen=True)
class CarryOver:
    identity: CreatorIdentity | None  # as the server last confirmed it
    pending: bool  # an upgrade waits in the outbox
    deposit_fen: int | None  # None: no deposit in the cache
    settlements: int
    listings: int
    orders: int

    @property
    def legacy(self) -> bool:
        """A 视频号带货者 whose upgrade the server has not confirmed."""
        return self.identity is CreatorIdentity.FINDER


def carry_over(cache: Cache) -> CarryOver:
    """The figures the banner shows (a few counts; database or background lane)."""
    conn = cache.conn
    confirmed = conn.execute(
        "SELECT json_extract(data, '$.identity') FROM record_synced "
        "WHERE entity = 'account' AND id = ?",
        (cache.account_id,),
    ).fetchone()
    try:
        identity = CreatorIdentity(confirmed[0]) if confirmed and confirmed[0] else None
    except ValueError:
        identity = None
    pending = conn.execute("SELECT 1 FROM outbox WHERE type = ? LIMIT 1", (UPGRADE,)).fetchone()
    deposit = conn.execute(
        "SELECT sum(json_extract(data, '$.balance_fen')) FROM record WHERE entity = 'deposit'"
    ).fetchone()[0]
    counts = dict(
        conn.execute(
            "SELECT entity, count(*) FROM record WHERE entity IN ('settlement', 'listing') "
            "GROUP BY entity UNION ALL "
            "SELECT 'order', count(DISTINCT order_id) FROM order_line"
        ).fetchall()
    )
    return CarryOver(
        identity=identity,
        pending=pending is not None,
        deposit_fen=None if deposit is None else int(deposit),
        settlements=int(counts.get("settlement", 0)),
        listings=int(counts.get("listing", 0)),
        orders=int(counts.get("order", 0)),
    )


def upgrade(cache: Cache) -> bool:
    """Queue the upgrade (the caller's transaction); False if one is queued already."""
    if cache.conn.execute("SELECT 1 FROM outbox WHERE type = ? LIMIT 1", (UPGRADE,)).fetchone():
        return False
    cache.enqueue(UPGRADE, cache.account_id, {})
    return True
