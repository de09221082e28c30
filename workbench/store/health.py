"""The listing health check: is each of my listings still worth its place, and what could replace it.

A listing is OK or has problems, each a :class:`Reason` with its detail:

- ``gone``: its product is not in the catalogue any more (nothing else can be said of it);
- ``delisted`` / ``sale_forbidden``: the merchant took it off sale, or the platform forbade it;
- ``out_of_stock``: listed, but no stock;
- ``no_live_plan``: no plan I earn under runs now (a general plan, or one naming me): it earns
  nothing;
- ``plan_ending``: every plan I earn under ends within :data:`ENDING_DAYS` days (the date);
- ``commission_cut``: I earn less now than when I listed it (before → after, when): the plans
  that covered the listing's creation (its id is a UUIDv7, so it carries that moment) against
  those running now, each plan's rate at that moment taken from ``commission_history``;
- ``plan_dropped``: a targeted (or exclusive) plan on the product named me and no longer does
  (``plan_drops.py`` keeps those whose rows left the cache; a cancelled cooperation counts too),
  and no running plan names me.

Set-based: one statement reads every listing (or a window of them) with its product and the
facts of its product's plans, aggregated in SQL from their typed terms (``plan_term``, kept at
sync by ``plan_terms.py``: no plan JSON is read), and keeps only the rows with a possible
problem; only listings whose product had earlier plans or a rate change are looked at again,
in Python, for a cut. ``benchmarks/channels_health.py``, 200,000 listings (20 channels) on
1,000,000 products, at load ~1: 1.66-1.70 s of CPU (p95 1.77-1.82; 1.83-1.89 s, p95 2.0-2.06, in
the same runs when it walked the listings in id order; 2.8 s reading the plans' JSON), against
6.6-6.7 s for a plain scan in Python. A window of 200 listings: ~3 ms; replacements ~2 ms. Reads only; the one write here is :func:`replace`, made in the caller's
outbox transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workbench.core.enums import PlanStatus, PlanType, ProductStatus
from workbench.core.ids import uuid7
from workbench.core.money import commission_fen
from workbench.store.health_cuts import (
    CHUNK,
    cuts,
    from_julian,
    julian,
    listed_at,
    parse,
    utc,
)

if TYPE_CHECKING:
    from workbench.store.cache import Cache

ENDING_DAYS = 7
_GENERAL = PlanType.GENERAL.value


class Reason(StrEnum):
    """Why a listing needs attention, most serious first."""

    GONE = "gone"
    SALE_FORBIDDEN = "sale_forbidden"
    DELISTED = "delisted"
    OUT_OF_STOCK = "out_of_stock"
    NO_LIVE_PLAN = "no_live_plan"
    PLAN_DROPPED = "plan_dropped"
    COMMISSION_CUT = "commission_cut"
    PLAN_ENDING = "plan_ending"


_RANK = {reason: n for n, reason in enumerate(Reason)}


@dataclass(frozen=True)
class Problem:
    """One problem of a listing; the fields its reason needs are set, the others None."""

    reason: Reason
    at: str | None = None  # plan_ending: the end; commission_cut / plan_dropped: since when
    before_ppm: int | None = None  # commission_cut: the rate I earned when I listed it
    after_ppm: int | None = None  # commission_cut: the rate now
    plan_type: str | None = None  # plan_dropped: targeted / exclusive


@dataclass(frozen=True)
class ListingHealth:
    """A listing and its problems (none: OK), most serious first."""

    listing_id: str
    channel_id: str
    product_id: str
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def worst(self) -> Problem | None:
        return self.problems[0] if self.problems else None

    def has(self, reason: Reason) -> bool:
        return any(p.reason is reason for p in self.problems)


# --- the check --------------------------------------------------------------------------------

# Each listing looked at (``{restrict}``: all, or a window) with the terms of its product's plans
# (``plan_term``, clustered by product: one range per listing) in ``pl``; then per listing
# (``f``; the whole check walks them in product order: ``_BY_PRODUCT``) the facts of its plans:
# how many run now that I earn under, my rate under a running plan naming me (a cancelled
# cooperation does not count), when the last running or coming plan I earn under ends, whether
# a cut is possible (an earlier plan, or a running one whose rate changed), a cooperation with
# me cancelled. Kept: the listings with a possible problem, with their product's state.
_CHECK = """
WITH pl AS (
  SELECT lid, ch, pid, e, my, gone_me, hist,
    (st = :listed AND b <= :now_j AND :now_j < e AND earns) AS live,
    (st = :pending AND e > :now_j AND earns) AS coming,
    (st IN (:listed, :delisted) AND b < :now_j AND NOT (st = :listed AND :now_j < e)) AS past
  FROM (
    SELECT l.lid, l.ch, l.pid, t.status AS st, t.begin_j AS b, t.end_j AS e, t.earns,
      t.rates_seen AS hist, t.my_rate_ppm AS my, t.my_cancelled AS gone_me
    FROM (SELECT id AS lid, json_extract(data, '$.channel_id') AS ch,
            json_extract(data, '$.product_id') AS pid
          FROM record {by_product} WHERE entity = 'listing' {restrict}) l
    LEFT JOIN plan_term t ON t.product_id = l.pid)
),
f AS (
  SELECT lid, ch, pid, sum(live) AS n_live,
    max(CASE WHEN live THEN my END) AS named_rate,
    max(CASE WHEN live OR coming THEN e END) AS cover_end,
    max(past OR (live AND hist > 1)) AS maybe_cut,
    max(gone_me) AS gone_me
  FROM pl GROUP BY pid, lid
),
d AS (SELECT product_id AS pid, max(dropped_at) AS dropped FROM plan_dropped GROUP BY product_id)
SELECT f.lid, f.ch, f.pid, p.id IS NOT NULL, p.status, p.stock, coalesce(f.n_live, 0),
  f.named_rate, f.cover_end, coalesce(f.maybe_cut, 0), f.gone_me, d.dropped
FROM f LEFT JOIN product p ON p.id = f.pid LEFT JOIN d ON d.pid = f.pid
WHERE p.id IS NULL OR p.status != :on_sale OR p.stock <= 0 OR f.n_live IS NULL OR f.n_live = 0
  OR f.cover_end <= :soon_j OR f.maybe_cut OR f.gone_me OR d.dropped IS NOT NULL
"""


_BY_PRODUCT = "INDEXED BY record_listing_product"
"""The whole check walks the listings in product order (the partial index on their product
id): the products and their ``plan_term`` rows are then looked up in key order, not at random
(1.6 → 1.45 s of the statement's CPU at 200,000 listings on 1,000,000 products, though the
grouping by listing then needs a temporary B-tree). A window keeps its id lookups."""


def listing_health(
    cache: Cache, listing_ids: Sequence[str], now: datetime | None = None
) -> dict[str, ListingHealth]:
    """The health of these listings (a window of a table): every one in the cache, the OK ones
    with no problems; ids not in the cache are left out."""
    out: dict[str, ListingHealth] = {}
    wanted = list(dict.fromkeys(listing_ids))
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        names = {f"l{n}": listing_id for n, listing_id in enumerate(chunk)}
        restrict = f"AND id IN ({', '.join(':' + k for k in names)})"
        found = _check(cache, restrict, names, now)
        for listing_id, channel_id, product_id in cache.conn.execute(
            "SELECT id, json_extract(data, '$.channel_id'), json_extract(data, '$.product_id') "
            f"FROM record WHERE entity = 'listing' {restrict}",
            names,
        ):
            key = str(listing_id)
            out[key] = found.get(key) or ListingHealth(key, str(channel_id), str(product_id))
    return out


def needs_attention(cache: Cache, now: datetime | None = None) -> list[ListingHealth]:
    """Every listing with a problem, on every channel: most serious first, then by channel and
    listing id (a stable order for a table)."""
    found = list(_check(cache, "", {}, now).values())
    found.sort(key=attention_order)
    return found


def attention_order(h: ListingHealth) -> tuple[int, str, str]:
    """The order of :func:`needs_attention` (most serious first, then channel, listing)."""
    return (_RANK[h.problems[0].reason], h.channel_id, h.listing_id)


def merged(
    held: list[ListingHealth], checked: dict[str, ListingHealth], asked: set[str]
) -> list[ListingHealth]:
    """``held`` (a :func:`needs_attention` list) after :func:`listing_health` re-checked the
    listings ``asked`` (``checked``: its answer; an id asked and not there is gone)."""
    kept = [h for h in held if h.listing_id not in asked]
    kept += [h for h in checked.values() if not h.ok]
    kept.sort(key=attention_order)
    return kept


_SIMPLE = {reason: Problem(reason) for reason in Reason}  # the ones without detail, shared


def _check(
    cache: Cache, restrict: str, params: dict[str, Any], now: datetime | None
) -> dict[str, ListingHealth]:
    at = utc(now)
    named = _named(cache, at)
    if not restrict:
        _map_the_file(cache)
    sql = _CHECK.format(restrict=restrict, by_product="" if restrict else _BY_PRODUCT)
    rows = cache.conn.execute(sql, {**params, **named}).fetchall()
    gone, forbidden, delisted = (
        _SIMPLE[Reason.GONE],
        _SIMPLE[Reason.SALE_FORBIDDEN],
        _SIMPLE[Reason.DELISTED],
    )
    no_stock, no_plan = _SIMPLE[Reason.OUT_OF_STOCK], _SIMPLE[Reason.NO_LIVE_PLAN]
    on_sale, banned, soon = (
        ProductStatus.LISTED.value,
        ProductStatus.SALE_FORBIDDEN.value,
        named["soon_j"],
    )
    found: dict[str, tuple[str, str, list[Problem]]] = {}
    cut_candidates: list[tuple[str, str]] = []
    for (listing_id, channel_id, product_id, known, status, stock, n_live, named_rate,
         cover_end, maybe_cut, gone_me, dropped) in rows:  # fmt: skip
        if not known:
            found[listing_id] = (channel_id, product_id, [gone])
            continue
        problems: list[Problem] = []
        if status != on_sale:
            problems.append(forbidden if status == banned else delisted)
        elif stock <= 0:
            problems.append(no_stock)
        if not n_live:
            problems.append(no_plan)
        elif cover_end is not None and cover_end <= soon:
            problems.append(Problem(Reason.PLAN_ENDING, at=from_julian(cover_end)))
        if (named_rate is None and (gone_me or dropped)) and (
            dropped is None or _after_listing(str(listing_id), str(dropped))
        ):
            problems.append(Problem(Reason.PLAN_DROPPED, at=dropped))
        if n_live and maybe_cut:
            cut_candidates.append((listing_id, product_id))
        found[listing_id] = (channel_id, product_id, problems)
    for listing_id, cut in cuts(cache, cut_candidates, at).items():
        found[listing_id][2].append(
            Problem(Reason.COMMISSION_CUT, at=cut.since, before_ppm=cut.before_ppm,
                    after_ppm=cut.after_ppm)
        )  # fmt: skip
    return {
        str(key): ListingHealth(
            str(key),
            str(channel),
            str(product),
            tuple(problems) if len(problems) == 1 else _sorted(problems),
        )
        for key, (channel, product, problems) in found.items()
        if problems
    }


MMAP_BYTES = 1 << 30


def _map_the_file(cache: Cache) -> None:
    """Read the file through a memory map on this connection (a reader lane's): the whole check
    looks up ~200,000 products and plans at random, and each page read from the map instead of
    a ``pread`` took it from 2.3 to 1.9 s of CPU at 1,000,000 products (SQLite's own cache of
    2 MB cannot hold those pages; a bigger one did not help)."""
    if int(cache.conn.execute("PRAGMA mmap_size").fetchone()[0]) < MMAP_BYTES:
        cache.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


def _named(cache: Cache, at: datetime) -> dict[str, Any]:
    now = julian(at)
    return {
        "now_j": now,
        "soon_j": now + ENDING_DAYS,
        "me": cache.account_id,
        "general": _GENERAL,
        "listed": PlanStatus.LISTED.value,
        "delisted": PlanStatus.DELISTED.value,
        "pending": PlanStatus.PENDING_EFFECT.value,
        "on_sale": ProductStatus.LISTED.value,
    }


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: _RANK[p.reason]))


def _after_listing(listing_id: str, moment: str) -> bool:
    """Whether ``moment`` is after the listing was made (unknown: taken as after)."""
    listed = listed_at(listing_id)
    try:
        return listed is None or parse(moment) >= listed
    except ValueError:
        return True


# --- replacements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A product that could take a listing's place."""

    product_id: str
    title: str
    shop_name: str
    price_fen: int
    rate_ppm: int  # what I earn under its best running plan
    per_sale_fen: int  # price × rate, half-up
    monthly_sales: int
    stock: int

    @property
    def score(self) -> int:
        """Commission per sale × monthly sales: what it should earn in a month."""
        return self.per_sale_fen * self.monthly_sales


# Driven from the category's promotable products (the covering filter index), each one's plans
# looked up by product (``record_plan_product``): letting SQLite choose, it read every plan row
# of the index against the list of products (0.4 s at 1,000,000 products). ``+p.id``: without
# the unary plus the column's TEXT affinity keeps the index on the expression from serving.
_CANDIDATES = """
WITH cand AS MATERIALIZED (
  SELECT p.id, p.title, p.shop_name, p.price_fen, p.monthly_sales, p.stock, r.data AS plan
  FROM product p CROSS JOIN record r INDEXED BY record_plan_product
    ON r.entity = 'plan' AND json_extract(r.data, '$.product_id') = +p.id
  WHERE p.category3_id = :category AND p.status = :on_sale AND p.stock > 0
    AND p.id NOT IN (
      SELECT json_extract(l.data, '$.product_id') FROM listing_slot s
      JOIN record l ON l.entity = 'listing' AND l.id = s.id WHERE s.channel_id = :channel)
),
terms AS (
  SELECT id, title, shop_name, price_fen, monthly_sales, stock,
    json_extract(plan, '$.plan_type') AS typ, json_extract(plan, '$.rate_ppm') AS rate,
    CASE WHEN json_extract(plan, '$.plan_type') != :general THEN (
      SELECT json_extract(c.value, '$.rate_ppm') FROM json_each(plan, '$.creators') c
      WHERE json_extract(c.value, '$.creator_id') = :me
        AND coalesce(json_extract(c.value, '$.status'), 2) NOT IN (3, 4, 5)) END AS my,
    json_extract(plan, '$.status') AS st,
    julianday(json_extract(plan, '$.begin_at')) AS b,
    julianday(json_extract(plan, '$.end_at')) AS e
  FROM cand
)
SELECT id, title, shop_name, price_fen, monthly_sales, stock,
  max(CASE WHEN my IS NOT NULL THEN my END), max(CASE WHEN typ = :general THEN rate END)
FROM terms
WHERE st = :listed AND b <= :now_j AND :now_j < e AND (typ = :general OR my IS NOT NULL)
GROUP BY id
"""


class ListingGone(LookupError):
    """The listing is not in the cache any more (deleted meanwhile): nothing was queued."""


class AlreadyThere(ValueError):
    """The product is already on that channel: nothing was queued."""


def replacements(
    cache: Cache, listing_id: str, limit: int = 10, now: datetime | None = None
) -> list[Suggestion]:
    """Products that could replace the listing on its channel: the same level-3 category as its
    product, promotable now (listed, in stock), with a plan I earn under running now, and not
    on that channel yet; best first by commission per sale × monthly sales. Empty when the
    listing is gone, or its product left the catalogue (its category is unknown then)."""
    listing = cache.get("listing", listing_id)
    if listing is None:
        return []
    product = cache.conn.execute(
        "SELECT category3_id FROM product WHERE id = ?", (listing.get("product_id"),)
    ).fetchone()
    if product is None:
        return []
    params = {
        **_named(cache, utc(now)),
        "category": int(product[0]),
        "channel": str(listing.get("channel_id")),
    }
    found: list[Suggestion] = []
    for pid, title, shop, price, sales, stock, named, general in cache.conn.execute(
        _CANDIDATES, params
    ):
        rate = int(named if named is not None else general)
        found.append(
            Suggestion(
                str(pid), str(title), str(shop), int(price), rate,
                commission_fen(int(price), rate), int(sales), int(stock),
            )
        )  # fmt: skip
    found.sort(key=lambda s: (-s.score, -s.monthly_sales, s.product_id))
    return found[: max(0, limit)]


_CARRIED = ("position", "pinned", "hidden", "start_at", "end_at")
"""What a replacement takes over from the listing it replaces: where and when it shows (its
custom title and selling points described the old product, so they stay behind)."""


def replace(cache: Cache, listing_id: str, product_id: str) -> str:
    """Replace the listing by a listing of ``product_id`` on the same channel at the same place:
    ``listing.delete`` then ``listing.create`` queued together in the caller's transaction
    (``SyncController.edit_with``), so both go or neither. The new listing's id."""
    with cache.write():
        old = cache.get("listing", listing_id)
        if old is None:
            raise ListingGone(listing_id)
        channel_id = str(old["channel_id"])
        there = cache.conn.execute(
            "SELECT 1 FROM listing_slot s JOIN record l ON l.entity = 'listing' AND l.id = s.id "
            "WHERE s.channel_id = ? AND json_extract(l.data, '$.product_id') = ?",
            (channel_id, product_id),
        ).fetchone()
        if there is not None:
            raise AlreadyThere(product_id)
        new_id = uuid7()
        payload: dict[str, Any] = {"channel_id": channel_id, "product_id": product_id}
        payload.update({k: old[k] for k in _CARRIED if old.get(k) is not None})
        cache.enqueue_many(
            [("listing.delete", listing_id, {}, None), ("listing.create", new_id, payload, None)]
        )
    return new_id
