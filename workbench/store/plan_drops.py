"""Plans that named me and then stopped: the health check's "targeted plan no longer names me".

When a merchant takes a creator off a targeted (or exclusive) plan, the server sends that
creator a tombstone of the plan (``changes.log_entries``: the plan left their audience), so the
plan's row, and with it which product it was on, would vanish from the cache. Before the
confirmed row goes (a feed delete, or a reset's sweep), :func:`note_gone` keeps what the health
check needs in ``plan_dropped``: the product, the plan type, my rate, when. A plan that names me
again is taken off that list (:func:`note_back`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from workbench.core.enums import PlanType
from workbench.store.optimistic import now_iso

if TYPE_CHECKING:
    from workbench.store.cache import Cache

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS plan_dropped (
        plan_id TEXT PRIMARY KEY, product_id TEXT NOT NULL, plan_type TEXT NOT NULL,
        rate_ppm INTEGER, dropped_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS plan_dropped_product ON plan_dropped (product_id)",
]
_NAMING = (PlanType.TARGETED.value, PlanType.EXCLUSIVE.value)
_CHUNK = 400


def note_gone(cache: Cache, plan_ids: Iterable[str]) -> None:
    """These plans' confirmed rows are about to go: keep those that named me."""
    me = cache.account_id
    wanted = list(dict.fromkeys(plan_ids))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        found = cache.conn.execute(
            f"SELECT id, data FROM record_synced WHERE entity = 'plan' AND id IN ({marks}) "
            "AND data IS NOT NULL",
            chunk,
        ).fetchall()
        for plan_id, data in found:
            plan = json.loads(data)
            rate = my_rate(plan, me)
            if plan.get("plan_type") in _NAMING and rate is not None and plan.get("product_id"):
                cache.conn.execute(
                    "INSERT OR REPLACE INTO plan_dropped (plan_id, product_id, plan_type, "
                    "rate_ppm, dropped_at) VALUES (?, ?, ?, ?, ?)",
                    (plan_id, str(plan["product_id"]), plan["plan_type"], rate, now_iso()),
                )


def note_back(cache: Cache, plan_id: str) -> None:
    """The plan is here again (it names me once more)."""
    cache.conn.execute("DELETE FROM plan_dropped WHERE plan_id = ?", (plan_id,))


def my_rate(plan: dict[str, Any], me: str) -> int | None:
    """My rate on a plan that names me (None: it does not)."""
    for named in plan.get("creators") or []:
        if isinstance(named, dict) and named.get("creator_id") == me:
            try:
                return int(named["rate_ppm"])
            except (KeyError, TypeError, ValueError):
                return None
    return None
