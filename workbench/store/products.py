"""The selection center's product query (选品中心): filters, sorts, keyword ranking, paging by id.

The table model holds row ids and fetches rows lazily, so the API is: :func:`count`,
:func:`ids` (a window of the ordered result), :func:`rows_by_ids` and :func:`first_page`.
Every value is a bound parameter; SQL text is built only from the whitelisted expressions below.

Ranking by relevance, and why not bm25: a keyword's matches fall in tiers — every term in the
title, else in the title or the shop name, else (some term) only in a category name — and
within a tier the best sellers come first (``monthly_sales`` desc). FTS5's bm25 has to score
every match before the first row: 80 ms for 茶's 69,000 title matches, 124 ms with the sales
tie-break, at 1,000,000 products. Its column weights also saturate (k1), so a rare category id
outranked a title match; and titles of ~15 characters leave bm25 little to say beyond term
frequency. Tiers + sales keep "title above shop above category" exact, and a tier's first page
comes from walking the sales index and testing membership in the tier's matches (3-9 ms).

How a window is read (which index drives, and when a plan gives up): ``product_plans.py``.
Windows ending past :data:`DIRECT_WINDOW` rows come from the whole ordered result, made once
per filter and data version as 8-byte rowids (1,000,000 rows: 8 MB), so a table scrolled top
to bottom never re-sorts or skips through a million rows per page.

Order is total and the same on every path: sort key, then ``rowid`` in the same direction.
Commission per sale is ``price × rate`` rounded half-up to the 分, as ``core.money`` rounds
(not ``price_fen * commission_ppm / 1000000``, which floors: a filter must agree with the figure
shown); the filter is rewritten as a range on ``price_fen * commission_ppm`` so that expression's
index serves it, and that product is the sort key (ties of the rounded value stay ordered).
"Hide products on my channels" excludes every listing row of ``record`` (what the user sees:
pending ones included, hidden ones too: they are still on the channel).

In the seconds after a snapshot load the keyword index is still being built
(``search.search_ready``): keyword queries then answer the same, more slowly (``product_plans``).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import weakref
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.core.enums import ProductStatus
from workbench.core.money import PPM, commission_sql
from workbench.store import search
from workbench.store.product_plans import (
    Cond,
    Query,
    Sort,
    count_keyword,
    count_plain,
    index_name,
    keyword_part,
    plain,
)
from workbench.store.schema import FILTER_COLUMNS, PRODUCT_COLUMNS

if TYPE_CHECKING:
    from workbench.store.cache import Cache

__all__ = [
    "ProductFilter",
    "Sort",
    "count",
    "first_page",
    "ids",
    "rows_by_ids",
    "search_ready",
]

DIRECT_WINDOW = 2_000  # windows ending within this many rows are read with LIMIT
_INT64 = (-(2**63), 2**63 - 1)
_HALF = PPM // 2
# Products on my channels, as rowids (every index holds the rowid: covered plans stay covered).
# Read once per statement: a creator's listings are hundreds or thousands of rows. (The index
# record_listing_product serves the other direction: the listings of one product.)
_LISTED_ROWIDS = (
    "SELECT l.rowid FROM product l WHERE l.id IN (SELECT json_extract(r.data, '$.product_id') "
    "FROM record r WHERE r.entity = 'listing')"
)
# My favourites, as rowids (a favourite's id is its product's id); a creator keeps hundreds.
_FAVOURITE_ROWIDS = (
    "SELECT f.rowid FROM product f WHERE f.id IN "
    "(SELECT r.id FROM record r WHERE r.entity = 'favourite')"
)
ROW_COLUMNS = (*PRODUCT_COLUMNS, "commission_per_sale_fen", "category_name")
_ROW_SQL = (
    "SELECT " + ", ".join(f"p.{c}" for c in PRODUCT_COLUMNS) + ", "
    f"{commission_sql('p.price_fen', 'p.commission_ppm')}, c.name, p.rowid "
    "FROM product p LEFT JOIN category c ON c.id = p.category3_id WHERE p.{key} IN ({marks})"
)


@dataclass(frozen=True)
class ProductFilter:
    """What the user asked for; ``None`` bounds are open, all bounds inclusive."""

    keyword: str = ""
    category_id: int | None = None  # a category of any level (1-3)
    price_min_fen: int | None = None
    price_max_fen: int | None = None
    commission_min_ppm: int | None = None
    commission_max_ppm: int | None = None
    commission_per_sale_min_fen: int | None = None
    commission_per_sale_max_fen: int | None = None
    monthly_sales_min: int | None = None
    monthly_sales_max: int | None = None
    guarantee_flags: int = 0  # every bit set here must be set on the product
    promotable_now: bool = False  # listed and in stock
    hide_on_my_channels: bool = False  # no listing of mine (record, pending ones included)
    favourites_only: bool = False  # my favourites (收藏), pending adds included
    sort: Sort | None = None  # None: relevance with a keyword, else monthly sales
    descending: bool = True  # ignored by relevance (best first)


def count(cache: Cache, f: ProductFilter) -> int:
    """How many products the filter selects."""
    q = _prepare(cache, f)
    conn = cache.conn
    if q.empty:
        return 0
    if q.keyword is None:
        return count_plain(conn, q)
    return count_keyword(conn, q)


def ids(cache: Cache, f: ProductFilter, offset: int = 0, limit: int = 200) -> list[str]:
    """Product ids of rows ``[offset, offset + limit)`` of the ordered result."""
    return _ids_of(cache, _window(cache, _prepare(cache, f), max(0, offset), max(0, limit)))


def category_leaf_counts(cache: Cache, f: ProductFilter) -> list[tuple[int, int]]:
    """(leaf category id, products) of ``f``'s result, its own category filter aside. Without a
    keyword: one GROUP BY over the covering filter index (which leads with the leaf category);
    with one: the whole result's rowids (kept, as deep windows keep them), looked up in chunks."""
    q = _prepare(cache, dataclasses.replace(f, category_id=None, sort=None))
    if q.empty:
        return []
    conn = cache.conn
    if q.keyword is None:
        where, params = q.where(())
        index = index_name(conn, FILTER_COLUMNS) if all(c.covered for c in q.conds) else None
        hint = f" INDEXED BY {index}" if index else ""
        sql = f"SELECT p.category3_id, count(*) FROM product p{hint} WHERE {where} GROUP BY 1"
        return [(int(leaf), int(n)) for leaf, n in conn.execute(sql, params)]
    rowids = _materialized(cache, q)
    counts: dict[int, int] = {}
    for start in range(0, len(rowids), _COUNT_CHUNK):
        chunk = json.dumps(rowids[start : start + _COUNT_CHUNK].tolist())
        sql = (
            "SELECT category3_id, count(*) FROM product"
            " WHERE rowid IN (SELECT value FROM json_each(?)) GROUP BY 1"
        )
        for leaf, n in conn.execute(sql, (chunk,)):
            counts[int(leaf)] = counts.get(int(leaf), 0) + int(n)
    return list(counts.items())


_COUNT_CHUNK = 20_000


def rows_by_ids(cache: Cache, product_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The rows of these products (those still in the catalogue), by id."""
    return {r["id"]: r for r in _rows(cache, "id", product_ids)}


def first_page(cache: Cache, f: ProductFilter, limit: int = 50) -> list[dict[str, Any]]:
    """The first ``limit`` rows, in order: what the page shows before anything scrolls."""
    rowids = _window(cache, _prepare(cache, f), 0, limit)
    by_rowid = {r.pop("_rowid"): r for r in _rows(cache, "rowid", rowids, keep_rowid=True)}
    return [by_rowid[r] for r in rowids if r in by_rowid]


def search_ready(cache: Cache) -> bool:
    """Whether keyword queries run at full speed (the keyword index is complete); while not,
    the UI can say "keyword index being prepared: results may be slower"."""
    return search.search_ready(cache)


def terms(f: ProductFilter) -> list[search.Term]:
    """The keyword's terms, for ``highlight.highlight`` of each shown title and name."""
    return search.parse(f.keyword)


def explain(cache: Cache, f: ProductFilter) -> list[str]:
    """The query plans of the first page (what benchmarks and reviews check for scans)."""
    plans: list[str] = []
    _window(cache, _prepare(cache, f), 0, 50, plans=plans)
    return plans


# --- preparing --------------------------------------------------------------------------------


_readers: weakref.WeakSet[Cache] = weakref.WeakSet()


def _reader(cache: Cache) -> None:
    """A reading connection gets 64 MB of page cache (default 2 MB): row lookups over a
    1,000,000-product catalogue run ~3x faster once warm. Not set at open: on the syncing
    connection a big cache made each index build of a snapshot load ~1.8x slower."""
    if cache not in _readers:
        cache.conn.execute("PRAGMA cache_size = -65536")
        _readers.add(cache)


def _prepare(cache: Cache, f: ProductFilter) -> Query:
    _reader(cache)
    conds: list[Cond] = []

    def between(expr: str, lo: int | None, hi: int | None) -> None:
        if lo is not None:
            conds.append(Cond(expr, "{e} >= ?", (_clamp(lo),), ranged=True))
        if hi is not None:
            conds.append(Cond(expr, "{e} <= ?", (_clamp(hi),), ranged=True))

    between("p.price_fen", f.price_min_fen, f.price_max_fen)
    between("p.commission_ppm", f.commission_min_ppm, f.commission_max_ppm)
    between("p.monthly_sales", f.monthly_sales_min, f.monthly_sales_max)
    # round_half_up(x / PPM) in [lo, hi]  ⟺  lo·PPM − PPM/2 ≤ x ≤ (hi+1)·PPM − PPM/2 − 1
    lo, hi = f.commission_per_sale_min_fen, f.commission_per_sale_max_fen
    between(
        "p.price_fen * p.commission_ppm",
        None if lo is None else lo * PPM - _HALF,
        None if hi is None else (hi + 1) * PPM - _HALF - 1,
    )
    if f.guarantee_flags:
        mask = _clamp(f.guarantee_flags)
        conds.append(Cond("p.guarantee_flags", "({e} & ?) = ?", (mask, mask)))
    if f.promotable_now:
        conds.append(Cond("p.status", "{e} = ? AND p.stock > 0", (ProductStatus.LISTED.value,)))
    if f.hide_on_my_channels:
        conds.append(Cond("p.rowid", f"{{e}} NOT IN ({_LISTED_ROWIDS})", ()))
    if f.favourites_only:
        conds.append(Cond("p.rowid", f"{{e}} IN ({_FAVOURITE_ROWIDS})", ()))
    category = None
    if f.category_id is not None:
        conds.append(_category(cache.conn, _clamp(f.category_id)))
        category = search.category_phrase(_clamp(f.category_id))
    found = search.parse(f.keyword)
    compiled = upto = None
    if found:
        compiled = search.compile_keyword(found, search.category_rows(cache.conn))
        upto = search.indexed_upto(cache.conn)  # read once: see product_plans on a partial index
    sort = f.sort or (Sort.RELEVANCE if found else Sort.MONTHLY_SALES)
    if sort is Sort.RELEVANCE and not found:
        sort = Sort.MONTHLY_SALES
    desc = True if sort is Sort.RELEVANCE else f.descending
    empty = bool(f.keyword.strip()) and not found
    return Query(tuple(conds), compiled, category, empty, sort, desc, upto)


def _category(conn: sqlite3.Connection, cid: int) -> Cond:
    """A category of any level as its leaves (one indexed column); unknown: all three columns."""
    row = conn.execute("SELECT level FROM category WHERE id = ?", (cid,)).fetchone()
    if row is None or row[0] not in (1, 2, 3):
        sql = "({e} = ? OR p.category2_id = ? OR p.category3_id = ?)"
        return Cond("p.category1_id", sql, (cid, cid, cid))
    leaves = [cid]
    for _ in range(3 - int(row[0])):
        marks = ", ".join("?" * len(leaves))
        leaves = [
            r[0]
            for r in conn.execute(f"SELECT id FROM category WHERE parent_id IN ({marks})", leaves)
        ]
    marks = ", ".join("?" * len(leaves))
    return Cond("p.category3_id", f"{{e}} IN ({marks})" if leaves else "0", tuple(leaves), True)


def _clamp(value: int) -> int:
    return min(max(int(value), _INT64[0]), _INT64[1])


# --- windows ------------------------------------------------------------------------------------


def _window(
    cache: Cache, q: Query, offset: int, limit: int, plans: list[str] | None = None
) -> list[int]:
    if q.empty or limit == 0:
        return []
    need = offset + limit
    if need > DIRECT_WINDOW:
        return list(_materialized(cache, q)[offset:need])
    if q.keyword is None:
        return plain(cache.conn, q, offset, limit, plans)
    out: list[int] = []
    for part in q.parts():
        out += keyword_part(cache.conn, q, part, need - len(out), plans)
        if len(out) >= need:
            break
    return out[offset:need]


_results: weakref.WeakKeyDictionary[Cache, tuple[tuple[Any, ...], array[int]]] = (
    weakref.WeakKeyDictionary()
)


def _version(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes when anyone (this connection or another) writes to the cache."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes


def _materialized(cache: Cache, q: Query) -> array[int]:
    """The whole ordered result as rowids (8 bytes a row), kept for the last filter asked."""
    key = (q, _version(cache.conn))
    held = _results.get(cache)
    if held is not None and held[0] == key:
        return held[1]
    rowids: array[int] = array("q")
    if q.keyword is None:
        rowids.extend(plain(cache.conn, q, 0, None, None))
    else:
        for part in q.parts():
            rowids.extend(keyword_part(cache.conn, q, part, None, None))
    _results[cache] = (key, rowids)
    return rowids


# --- rows ---------------------------------------------------------------------------------------

_CHUNK = 500


def _ids_of(cache: Cache, rowids: list[int]) -> list[str]:
    found: dict[int, str] = {}
    for start in range(0, len(rowids), _CHUNK):
        chunk = rowids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT rowid, id FROM product WHERE rowid IN ({marks})"
        found.update(cache.conn.execute(sql, chunk))
    return [found[r] for r in rowids if r in found]


def _rows(
    cache: Cache, key: str, values: list[Any], *, keep_rowid: bool = False
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for start in range(0, len(values), _CHUNK):
        chunk = values[start : start + _CHUNK]
        sql = _ROW_SQL.format(key=key, marks=", ".join("?" * len(chunk)))
        for row in cache.conn.execute(sql, chunk):
            item = dict(zip(ROW_COLUMNS, row, strict=False))
            if keep_rowid:
                item["_rowid"] = row[-1]
            out.append(item)
    return out
