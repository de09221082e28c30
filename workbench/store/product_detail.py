"""What the selection center shows beside its table: one product in full, a comparison of a few,
the marks of a visible page (favourite, on my channels), my channels, saved filters and the
category tree.

Plans, listings, channels, favourites and saved filters are ``record`` rows (JSON ``data``, as
the user sees them: confirmed rows with pending edits replayed, ``pending = 1`` while an edit
waits); the catalogue is the typed ``product`` / ``category`` / ``shop`` tables.

A plan is *active* when it is listed and ``begin_at <= now < end_at``. A plan that names
creators carries my own rate (``my_rate_ppm``, the server sends a creator only their own terms);
the rate I earn under a plan is that one, else the plan's rate. Reads only; every value is a
bound parameter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence, Sized
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from workbench.core.enums import ChannelKind, PlanStatus, PlanType
from workbench.store import products

if TYPE_CHECKING:
    from workbench.store.cache import Cache

__all__ = [
    "COMPARE_FIELDS",
    "PLAN_INDEX",
    "Placement",
    "PlanTerms",
    "ProductDetail",
    "category_counts",
    "category_tree",
    "channels",
    "compare",
    "detail",
    "differing_fields",
    "favourite_ids",
    "placement_state",
    "plans_by_product",
    "saved_filters",
]

_CHUNK = 500  # bound parameters per statement (SQLite's default limit is 32,766)
_KIND_ORDER = {kind.value: n for n, kind in enumerate(ChannelKind)}
PLAN_INDEX = "record_plan_product"
"""The plans of one product (schema version 4 builds it; checked, as an older schema lacks it):
``CREATE INDEX record_plan_product ON record (json_extract(data, '$.product_id'))
WHERE entity = 'plan'``. Without it every plan lookup reads all plan rows: 7.5 ms a detail at
10,000 plans, 73 ms at 100,000 (general plans reach every creator, so a creator's cache can hold
one per promoted product); with it 0.08 ms, and 1.6 ms for the plans of 200 products (89 ms
without). It is named (``INDEXED BY``) when present because,
as for listings, SQLite's planner preferred reading every plan row for an ``IN`` of 4 ids."""
COMPARE_FIELDS = (
    "id", "title", "shop_name", "shop_score_x10", "price_fen", "commission_ppm",
    "commission_per_sale_fen", "monthly_sales", "stock", "guarantee_flags", "status",
    "category_name", "best_plan_rate_ppm",
)  # fmt: skip


@dataclass(frozen=True)
class PlanTerms:
    """One promotion plan on the product, as this creator sees it."""

    plan_id: str
    plan_type: PlanType
    rate_ppm: int
    begin_at: str  # ISO 8601, as the server sent it
    end_at: str
    status: PlanStatus
    my_rate_ppm: int | None  # my rate, when the plan names creators and I am one of them
    active_now: bool

    @property
    def earned_ppm(self) -> int:
        """The rate I earn under this plan: my own terms, else the plan's."""
        return self.rate_ppm if self.my_rate_ppm is None else self.my_rate_ppm


@dataclass(frozen=True)
class Placement:
    """One listing of the product on one of my channels."""

    listing_id: str
    channel_id: str
    channel_name: str  # "" while the channel row is unknown to the cache
    channel_kind: ChannelKind | str  # the raw value when this app does not know the kind
    pending: bool  # the listing has an edit waiting for sync


@dataclass(frozen=True)
class ProductDetail:
    """Everything the detail panel shows of one product."""

    row: dict[str, Any]  # products.rows_by_ids row: product columns + per-sale fen + category
    category_path: list[str]  # level 1 → 3 names
    shop_score_x10: int | None
    plans: list[PlanTerms]  # active first, then by the rate I earn, highest first
    history: list[tuple[str, int]]  # (seen_at ISO, rate_ppm), oldest first
    placements: list[Placement]
    favourite: bool
    pending_favourite: bool  # an add or remove of this favourite waits for sync


# --- one product --------------------------------------------------------------------------------


def detail(
    cache: Cache, product_id: str, account_id: str | None = None, *, now: datetime | None = None
) -> ProductDetail | None:
    """The product's detail; None if it is not in the catalogue.

    ``account_id`` picks my terms out of plans that name creators (default: the cache's owner);
    ``now`` decides which plans are active (default: the current time).
    """
    row = products.rows_by_ids(cache, [product_id]).get(product_id)
    if row is None:
        return None
    me = cache.account_id if account_id is None else account_id
    at = now or datetime.now(UTC)
    return ProductDetail(
        row=row,
        category_path=_category_path(cache, row),
        shop_score_x10=_shop_scores(cache, [row["shop_id"]]).get(row["shop_id"]),
        plans=plans_by_product(cache, [product_id], me, at).get(product_id, []),
        history=_history(cache, row, at),
        placements=placements(cache, product_id),
        favourite=_exists(
            cache, "SELECT 1 FROM record WHERE entity = 'favourite' AND id = ?", product_id
        ),
        pending_favourite=_exists(
            cache,
            "SELECT 1 FROM outbox_touch WHERE entity = 'favourite' AND entity_id = ? LIMIT 1",
            product_id,
        ),
    )


def _exists(cache: Cache, sql: str, value: str) -> bool:
    return cache.conn.execute(sql, (value,)).fetchone() is not None


def _category_path(cache: Cache, row: dict[str, Any]) -> list[str]:
    wanted = (row["category1_id"], row["category2_id"], row["category3_id"])
    found = cache.conn.execute(
        "SELECT name FROM category WHERE id IN (?, ?, ?) ORDER BY level", wanted
    )
    return [str(name) for (name,) in found]


def _shop_scores(cache: Cache, shop_ids: Iterable[str]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for chunk in _chunks(sorted(set(shop_ids))):
        sql = f"SELECT id, score_x10 FROM shop WHERE id IN ({_marks(chunk)})"
        for shop_id, score in cache.conn.execute(sql, chunk):
            out[shop_id] = None if score is None else int(score)
    return out


def _history(cache: Cache, row: dict[str, Any], now: datetime) -> list[tuple[str, int]]:
    from workbench.store import catalog  # the sync side (pydantic): not at start-up

    seen = catalog.rate_history(cache, "product", row["id"])
    if seen:
        return [(at, rate) for rate, at in seen]
    since = cache.meta("catalog_loaded_at") or _iso(now)
    return [(since, int(row["commission_ppm"]))]


def placements(cache: Cache, product_id: str) -> list[Placement]:
    """My listings of a product, one per channel, by channel kind and name."""
    # The partial index record_listing_product serves the WHERE (same expression and entity).
    found = cache.conn.execute(
        "SELECT l.id, json_extract(l.data, '$.channel_id'), l.pending, "
        "json_extract(c.data, '$.name'), json_extract(c.data, '$.kind') "
        "FROM record l INDEXED BY record_listing_product LEFT JOIN record c "
        "ON c.entity = 'channel' AND c.id = json_extract(l.data, '$.channel_id') "
        "WHERE l.entity = 'listing' AND json_extract(l.data, '$.product_id') = ?",
        (product_id,),
    )
    placed = [
        Placement(str(lid), str(cid), str(name or ""), _kind(kind), bool(pending))
        for lid, cid, pending, name, kind in found
    ]
    placed.sort(key=lambda p: (_kind_rank(p.channel_kind), p.channel_name, p.listing_id))
    return placed


# --- plans --------------------------------------------------------------------------------------


def plans_by_product(
    cache: Cache, product_ids: Sequence[str], account_id: str, now: datetime
) -> dict[str, list[PlanTerms]]:
    """Every plan on each product (those with plans only), active first, then best rate first.

    Rows the app cannot read (an unknown plan type or status, a missing rate) are left out.
    Reads every plan row of the cache unless the index :data:`PLAN_INDEX` exists (see there).
    """
    out: dict[str, list[PlanTerms]] = {}
    now = now if now.tzinfo is not None else now.replace(tzinfo=UTC)  # naive: taken as UTC
    source = f"record INDEXED BY {PLAN_INDEX}" if _has_index(cache, PLAN_INDEX) else "record"
    for chunk in _chunks(list(dict.fromkeys(product_ids))):
        sql = (
            f"SELECT id, data FROM {source} WHERE entity = 'plan' "
            f"AND json_extract(data, '$.product_id') IN ({_marks(chunk)})"
        )
        for plan_id, data in cache.conn.execute(sql, chunk):
            plan = json.loads(data)
            terms = _terms(str(plan_id), plan, account_id, now)
            if terms is not None:
                out.setdefault(str(plan["product_id"]), []).append(terms)
    for plans in out.values():
        plans.sort(key=lambda p: (not p.active_now, -p.earned_ppm, p.plan_id))
    return out


def _has_index(cache: Cache, name: str) -> bool:
    found = cache.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
    )
    return found.fetchone() is not None


def _terms(plan_id: str, plan: dict[str, Any], me: str, now: datetime) -> PlanTerms | None:
    try:
        status = PlanStatus(plan["status"])
        begin, end = str(plan["begin_at"]), str(plan["end_at"])
        return PlanTerms(
            plan_id=plan_id,
            plan_type=PlanType(plan["plan_type"]),
            rate_ppm=int(plan["rate_ppm"]),
            begin_at=begin,
            end_at=end,
            status=status,
            my_rate_ppm=_my_rate(plan.get("creators"), me),
            active_now=status is PlanStatus.LISTED and _within(begin, end, now),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _my_rate(creators: Any, me: str) -> int | None:
    if not me or not isinstance(creators, list):
        return None
    for named in creators:
        if isinstance(named, dict) and named.get("creator_id") == me:
            return int(named["rate_ppm"])
    return None


def _within(begin: str, end: str, now: datetime) -> bool:
    return _parse(begin) <= now < _parse(end)


def _parse(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- comparing ----------------------------------------------------------------------------------


def compare(
    cache: Cache,
    product_ids: list[str],
    account_id: str | None = None,
    *,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """One row per product (in the given order, those not in the catalogue left out) with
    :data:`COMPARE_FIELDS`; ``best_plan_rate_ppm`` is the best rate I earn under an active plan.
    """
    found = products.rows_by_ids(cache, product_ids)
    rows = [found[pid] for pid in dict.fromkeys(product_ids) if pid in found]
    scores = _shop_scores(cache, (r["shop_id"] for r in rows))
    me = cache.account_id if account_id is None else account_id
    plans = plans_by_product(cache, [r["id"] for r in rows], me, now or datetime.now(UTC))
    out = []
    for row in rows:
        active = [p.earned_ppm for p in plans.get(row["id"], []) if p.active_now]
        extra = {
            "shop_score_x10": scores.get(row["shop_id"]),
            "best_plan_rate_ppm": max(active) if active else None,
        }
        out.append({k: extra[k] if k in extra else row[k] for k in COMPARE_FIELDS})
    return out


def differing_fields(rows: Sequence[dict[str, Any]]) -> set[str]:
    """Fields whose values are not all equal across ``rows`` (a missing field counts as None)."""
    if len(rows) < 2:
        return set()
    names = {k for row in rows for k in row}
    return {k for k in names if any(row.get(k) != rows[0].get(k) for row in rows[1:])}


# --- marks of a page ----------------------------------------------------------------------------


def favourite_ids(cache: Cache) -> set[str]:
    """Ids of my favourite products (pending adds included, pending removes left out)."""
    found = cache.conn.execute("SELECT id FROM record WHERE entity = 'favourite'")
    return {str(pid) for (pid,) in found}


def placement_state(cache: Cache, product_ids: list[str]) -> dict[str, str]:
    """For each of these products on any of my channels: ``"pending"`` if one of its listing
    rows has an edit waiting for sync, else ``"listed"``. Products on no channel are absent.

    One lookup per id in the index ``record_listing_product``, named (``INDEXED BY``): with
    200 ids SQLite's planner preferred reading every listing row instead (2.4 ms at 3,000
    listings against 0.4 ms, and growing with the listings).
    """
    out: dict[str, str] = {}
    for chunk in _chunks(list(dict.fromkeys(product_ids))):
        sql = (
            "SELECT json_extract(data, '$.product_id'), max(pending) "
            "FROM record INDEXED BY record_listing_product WHERE entity = 'listing' "
            f"AND json_extract(data, '$.product_id') IN ({_marks(chunk)}) GROUP BY 1"
        )
        for pid, pending in cache.conn.execute(sql, chunk):
            out[str(pid)] = "pending" if pending else "listed"
    return out


# --- my channels and saved filters --------------------------------------------------------------


def channels(cache: Cache) -> list[dict[str, Any]]:
    """My channels: ``{"id", "name", "kind", "pending", "listings"}``, sorted by kind (in
    :class:`ChannelKind` order, unknown kinds last) then name. ``kind`` is a ChannelKind, or
    the raw value for a kind this app does not know. The counts walk the typed index of
    listing order (``listing_slot``), not the listing rows' JSON."""
    counts = dict(
        cache.conn.execute(
            "SELECT channel_id, count(*) FROM listing_slot GROUP BY channel_id"
        ).fetchall()
    )
    out: list[dict[str, Any]] = []
    for cid, data, pending in cache.conn.execute(
        "SELECT id, data, pending FROM record WHERE entity = 'channel'"
    ):
        row = json.loads(data)
        out.append(
            {
                "id": str(cid),
                "name": str(row.get("name") or ""),
                "kind": _kind(row.get("kind")),
                "pending": bool(pending),
                "listings": int(counts.get(cid, 0)),
            }
        )
    out.sort(key=lambda c: (_kind_rank(c["kind"]), c["name"].casefold(), c["name"], c["id"]))
    return out


def saved_filters(cache: Cache) -> list[tuple[str, str, dict[str, Any]]]:
    """My saved filters as (id, name, query), by name; ``filter_codec.from_json`` reads a query."""
    out = []
    for fid, data in cache.conn.execute(
        "SELECT id, data FROM record WHERE entity = 'saved_filter'"
    ):
        row = json.loads(data)
        query = row.get("query")
        out.append((str(fid), str(row.get("name") or ""), query if isinstance(query, dict) else {}))
    out.sort(key=lambda s: (s[1].casefold(), s[1], s[0]))
    return out


def _kind(value: Any) -> ChannelKind | str:
    text = "" if value is None else str(value)
    return ChannelKind(text) if text in _KIND_ORDER else text


def _kind_rank(kind: ChannelKind | str) -> tuple[int, str]:
    return _KIND_ORDER.get(str(kind), len(_KIND_ORDER)), str(kind)


# --- categories ---------------------------------------------------------------------------------


def category_tree(cache: Cache) -> list[tuple[int, str, int, int | None]]:
    """Every category as (id, name, level, parent_id), by level then id: parents come before
    their children, and siblings keep the platform's order (ids; names in code-point order
    would mean nothing to a reader of Chinese)."""
    found = cache.conn.execute("SELECT id, name, level, parent_id FROM category ORDER BY level, id")
    return [(int(i), str(n), int(lv), None if p is None else int(p)) for i, n, lv, p in found]


def category_counts(cache: Cache, f: products.ProductFilter | None = None) -> dict[int, int]:
    """Products per category, every level (each product counts in its three categories);
    categories without products are 0. One pass over the leaf prefix of the covering index
    ``product_filter``, summed up to the parents here: 0.3 ms at 3,000 products, 46 ms at
    1,000,000. Kept apart from :func:`category_tree` (0.2 ms at any size) so the tree can show
    at once and the counts follow, or be read only where they are shown.

    With a filter ``f``: the products of its result, whatever its category (so every category
    says what choosing it would show), from :func:`products.category_leaf_counts`."""
    if f is not None and replace(f, category_id=None, sort=None, descending=True) != _ALL:
        return _up_the_tree(cache, products.category_leaf_counts(cache, f))
    leaves = cache.conn.execute("SELECT category3_id, count(*) FROM product GROUP BY category3_id")
    return _up_the_tree(cache, leaves)


_ALL = products.ProductFilter()


def _up_the_tree(cache: Cache, leaves: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Leaf counts summed up to their parents; every category present (0 when none)."""
    parents = {
        int(i): None if p is None else int(p)
        for i, p in cache.conn.execute("SELECT id, parent_id FROM category")
    }
    out = dict.fromkeys(parents, 0)
    for leaf, n in leaves:
        node: int | None = int(leaf)
        seen: set[int] = set()
        while node is not None and node not in seen:  # a cycle in bad data must not hang
            seen.add(node)
            out[node] = out.get(node, 0) + int(n)
            node = parents.get(node)
    return out


# --- helpers ------------------------------------------------------------------------------------


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(values: Sized) -> str:
    return ", ".join("?" * len(values))
