"""A window of the selection center's table, ready to show: rows plus what marks each of them.

The table asks for windows of 200 rows; each row comes back with the product's columns
(``products.rows_by_ids``) and the marks the page draws: the best plan type open to me, whether
the product is on my channels (``listed``, or ``pending`` while that edit waits for a sync),
whether it is a favourite, and where the keyword matches its title and shop name. Computed on
the reading thread, so painting only reads dicts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from workbench.core.enums import PlanType
from workbench.store import product_detail, products
from workbench.store.highlight import highlight
from workbench.store.products import ProductFilter

if TYPE_CHECKING:
    from workbench.store.cache import Cache

# Exclusive and targeted plans name their creators and usually pay more: they win the column.
_PLAN_RANK = {PlanType.EXCLUSIVE.value: 3, PlanType.TARGETED.value: 2, PlanType.GENERAL.value: 1}


def window(cache: Cache, f: ProductFilter, offset: int, limit: int) -> list[dict[str, Any]]:
    """Rows ``[offset, offset + limit)`` of the filter's ordered result, marked."""
    wanted = products.ids(cache, f, offset, limit)
    found = products.rows_by_ids(cache, wanted)
    rows = [found[i] for i in wanted if i in found]
    mark(cache, rows, f)
    return rows


def mark(cache: Cache, rows: list[dict[str, Any]], f: ProductFilter | None = None) -> None:
    """Add ``plan_type``, ``placement``, ``favourite`` and highlight spans to ``rows`` in place."""
    ids = [r["id"] for r in rows]
    plans = plan_types(cache, ids)
    placed = product_detail.placement_state(cache, ids)
    favourites = product_detail.favourite_ids(cache)
    terms = products.terms(f) if f is not None else []
    for row in rows:
        pid = row["id"]
        row["plan_type"] = plans.get(pid)
        row["placement"] = placed.get(pid)
        row["favourite"] = pid in favourites
        row["title_spans"] = highlight(row["title"], terms) if terms else []
        row["shop_spans"] = highlight(row["shop_name"], terms) if terms else []


def plan_types(cache: Cache, product_ids: list[str], now: datetime | None = None) -> dict[str, str]:
    """The best plan type running now on each product (exclusive > targeted > general)."""
    found = product_detail.plans_by_product(
        cache, product_ids, cache.account_id, now or datetime.now(UTC)
    )
    best: dict[str, str] = {}
    for pid, plans in found.items():
        running = [p.plan_type.value for p in plans if p.active_now]
        if running:
            best[pid] = max(running, key=lambda kind: _PLAN_RANK.get(kind, 0))
    return best
