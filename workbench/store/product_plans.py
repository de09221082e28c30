"""How a window of the selection center's result is read: which index drives, when to give up.

SQLite plans one statement from coarse statistics (no STAT4 in this build): for "category 茶 +
price 50-300 yuan, by commission" it drove from the price range, 400,000 row lookups and 930 ms,
where walking the commission index met 50 matching rows in 2 ms. So plans are chosen here, from
a few cheap measurements, with costs measured at 1,000,000 products (the constants below):

- the filters' selectivity, on the first 2,000 rowids (ids: no order of their own), ~0.3 ms,
  once per query and data version (a keyword query's tiers ask for it each);
- a keyword's matches: FTS5 counts doclists only; estimated on the first eighth of rowids,
  since a full count of a very broad term (店: 693,000) costs more than what follows, and
  counted exactly only when that eighth suggests under :data:`WALK_MIN`;
- a category's size, counted on its index range (stops at :data:`CATEGORY_DRIVES`).

Without a keyword: walk the sort column's index in order while the filters are not too
selective, else let the category (or SQLite's choice of range) drive. With a keyword, per
tier (relevance) or for all matches (a column sort), two plans whose cost does not depend on
the sort order ("safe"), the cheaper of:

- FTS5 drives and the matches are sorted (~0.9 µs a match);
- with a category filter and a sort key the covering filter index holds: the category's range
  of that index drives, each entry tested against the list of matches (SQLite builds it once,
  ~0.2 µs a match), no product row read (茶 in 茶叶, ¥100-500: 8 ms against 16 sorting);

and, tried first when predicted under :data:`WALK_GAIN` of that, cheaper first, two walks of
the sort index in order, which stop at the ``limit``-th row:

- testing rows in Python with the matcher FTS5 implements (``Compiled.tier_of``, ~4.5 µs a
  row): 50 rows of 茶 take ~700 tests, and 店 needs no list of 693,000 rowids; 零食 by sales
  (98,622 matches) 4 ms against 20 listing them;
- testing membership in the list of matches;
- for a one-word keyword that names categories (:func:`_split`) on an index that carries each
  entry's leaf category (``schema.CATEGORY_KEY``: commission per sale), testing the entry's
  category against the categories it names, else membership in the list of its matches in
  title or shop name only: 零食 by commission per sale lists 48,652 rowids instead of 98,622
  (the list was most of its cost: 22.7 → 13.4 ms of CPU, ``selection_ab.py``, load ~7).

Walks run under a budget of CPU time (a progress handler aborts them; wall time on a loaded
machine gave a walk up after a fraction of its work): three times the prediction, or a
quarter of what the next plan costs, at most twice that (:func:`_budget_for`). Keyword and
sort order correlate (零食 by commission per sale: snacks are cheap, so they come late in that
order: the 50th of 98,622 matches is the 15,925th entry walked), and then walks overrun what
independence predicts. A walk given up is remembered (per connection, until the next write to
the cache) and not tried again for that query and part at as many rows or more
(:func:`_gave_up`): the table asks for 50, then 200, 400... rows of the same query, and
scrolling or a re-count would each lose the bet again (零食 by commission per sale: 35 ms of
CPU the first time, 26 after, when its 98,622 matches were all listed, ~22 ms; ~14 now that
the walk lists only its title and shop matches).
Counts use the covering filter index (``schema.FILTER_COLUMNS``) where it reads fewer rows.

While the keyword index is being built (the seconds after a snapshot load; ``search.py``) it
holds exactly the rows up to its position (``Query.indexed_upto``). A keyword's matches are
then FTS5's, restricted to those rowids, plus the rows above them tested in Python with
``Compiled.tier_of`` (:func:`matching`, and a second count); both sides are bounded by the
same position, read once per query, so a build step that commits meanwhile can neither drop
nor double a row. The walk with ``tier_of`` needs no index at all, and the cost model charges
the other plans for the rows they test in Python, so first pages stay fast (10-70 ms at
1,000,000 products); a count or a whole result pays ~3.5 µs for each row not indexed yet
(3.6-4.3 s right after the swap, half that halfway through the build).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from workbench.store import search
from workbench.store.schema import CATEGORY_KEY, FILTER_COLUMNS

HUGE = 0.3  # share of the catalogue above which listing the matches costs more than it saves
WALK_MIN = 500  # matches below which they are counted exactly
WALK_BUDGET_S = 0.003  # the least CPU time a keyword walk is given
PLAIN_WALK_BUDGET_S = 0.010  # the CPU time a walk without keyword is given
WALK_GAIN = 2 / 3  # a walk is tried when predicted to cost under this share of a safe plan
CATEGORY_DRIVES = 20_000  # a category filter with fewer products drives the plan
# Costs measured at 1,000,000 products (warm page cache), per match or per index entry walked.
SORT_COST_S = 0.9e-6  # FTS5 drives: a row lookup and a sorter insert per match
LIST_COST_S = 0.2e-6  # listing a match for a membership test (FTS5, then a b-tree insert)
UDF_COST_S = 4.5e-6  # a row looked up and tested in Python
_STEP_S = 0.2e-6  # an index entry walked past
_LOOKUP_S = 0.7e-6  # an index entry whose row is read to test the filters
_SAMPLE = 2_000  # rows the filters' selectivity is estimated on
_COVERED_S = 0.06e-6  # a product counted on the covering filter index
_SCAN_S = 0.15e-6  # a product counted on the table
_PROBE_S = 0.3e-6  # an entry of the covering filter index tested against the list of matches
_SORTER_S = 0.3e-6  # a row of the covering filter index through the sorter
FORCE: str | None = (
    None  # tests: "sort", "list", "split", "udf", "drive" or "walk" instead of the cost model
)
MATCHING = f"SELECT rowid FROM {search.SEARCH_TABLE} WHERE {search.SEARCH_TABLE} MATCH ?"
_TIER_ARGS = "p.title, p.shop_name, p.category1_id, p.category2_id, p.category3_id"


class Sort(StrEnum):
    RELEVANCE = "relevance"
    PRICE = "price"
    COMMISSION_RATE = "commission_rate"
    COMMISSION_PER_SALE = "commission_per_sale"
    MONTHLY_SALES = "monthly_sales"
    STOCK = "stock"
    LISTED_AT = "listed_at"


# Sort key → (SQL on alias p, the indexed expression as in schema.PRODUCT_INDEXES).
SORT_SQL: dict[Sort, tuple[str, str | None]] = {
    Sort.PRICE: ("p.price_fen", "price_fen"),
    Sort.COMMISSION_RATE: ("p.commission_ppm", "commission_ppm"),
    Sort.COMMISSION_PER_SALE: ("p.price_fen * p.commission_ppm", "price_fen * commission_ppm"),
    Sort.MONTHLY_SALES: ("p.monthly_sales", "monthly_sales"),
    Sort.STOCK: ("p.stock", None),
    Sort.LISTED_AT: ("p.listed_at", "listed_at"),
}
# Sort keys the covering filter index holds (schema.FILTER_COLUMNS).
_COVERED_SORTS = (
    Sort.PRICE, Sort.COMMISSION_RATE, Sort.COMMISSION_PER_SALE, Sort.MONTHLY_SALES, Sort.STOCK,
)  # fmt: skip


@dataclass(frozen=True)
class Cond:
    """One filter condition: ``sql`` on ``expr`` (which an index may serve), with its params."""

    expr: str
    sql: str  # "{e} >= ?": {e} is expr, or +(expr) where no index must drive
    params: tuple[Any, ...]
    category: bool = False
    ranged: bool = False  # a range on expr, which an index of its own may serve
    covered: bool = True  # readable from the covering filter index (FILTER_COLUMNS)


@dataclass(frozen=True)
class Query:
    conds: tuple[Cond, ...]
    keyword: search.Compiled | None
    category: str | None  # the category filter's FTS5 phrase, pushed into a keyword's expression
    empty: bool  # a keyword with nothing searchable in it: no rows
    sort: Sort
    desc: bool
    indexed_upto: int | None = None  # the keyword index holds rowids up to this (None: all)

    def where(self, drivers: Collection[int] | None = None) -> tuple[str, tuple[Any, ...]]:
        """The conditions; with ``drivers``, only those conditions may use their indexes."""
        parts = [
            c.sql.format(e=c.expr if drivers is None or i in drivers else f"+({c.expr})")
            for i, c in enumerate(self.conds)
        ]
        params = tuple(v for c in self.conds for v in c.params)
        return " AND ".join(parts) or "1", params

    @property
    def category_drives(self) -> list[int] | None:
        """Drivers: the category condition, if there is one (else None: SQLite's choice)."""
        found = [i for i, c in enumerate(self.conds) if c.category]
        return found or None

    def order(self, sort: Sort, desc: bool) -> str:
        direction = "DESC" if desc else "ASC"
        return f"ORDER BY {SORT_SQL[sort][0]} {direction}, p.rowid {direction}"

    def parts(self) -> list[tuple[str, int | None, Sort, bool]]:
        """The keyword's pieces in result order: (FTS5 expression, tier or None, sort, desc)."""
        assert self.keyword is not None
        kw = self.keyword
        if self.sort is Sort.RELEVANCE:
            return [
                (kw.within(kw.tier(k), self.category), k, Sort.MONTHLY_SALES, True)
                for k in kw.tiers
            ]
        return [(kw.within(kw.everything, self.category), None, self.sort, self.desc)]


Plans = list[str] | None


def plain(
    conn: sqlite3.Connection, q: Query, offset: int, limit: int | None, plans: Plans
) -> list[int]:
    """Rows without a keyword: walk the sort index under a budget, else a bounded plan."""
    order = q.order(q.sort, q.desc)
    index = sort_index(conn, SORT_SQL[q.sort][1])[0]
    tail = "" if limit is None else " LIMIT ? OFFSET ?"
    window = () if limit is None else (limit, offset)
    if index and limit is not None and FORCE != "sort" and not _small_category(conn, q):
        steps = (offset + limit) / sample(conn, q).every
        if steps * _LOOKUP_S < 2 * PLAIN_WALK_BUDGET_S or FORCE == "walk":
            where, params = q.where()
            sql = f"SELECT p.rowid FROM product p INDEXED BY {index} WHERE {where} {order}{tail}"
            found = _try(conn, sql, (*params, *window), PLAIN_WALK_BUDGET_S, plans)
            if found is not None:
                return found
    where, params = q.where(q.category_drives)
    sql = f"SELECT p.rowid FROM product p WHERE {where} {order}{tail}"
    return _run(conn, sql, (*params, *window), plans)


def _small_category(conn: sqlite3.Connection, q: Query) -> bool:
    for c in q.conds:
        if c.category:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM product p WHERE {c.sql.format(e=c.expr)} LIMIT ?)"
            return (
                int(conn.execute(sql, (*c.params, CATEGORY_DRIVES)).fetchone()[0]) < CATEGORY_DRIVES
            )
    return False


@dataclass(frozen=True)
class Sample:
    """Shares of products passing the filters, on the first rowids (ids: no order of theirs)."""

    every: float  # all the filters
    but_category: float  # all but the category (a keyword's FTS5 expression holds it)
    each: tuple[float, ...]  # each filter alone


# By connection id (a Connection takes no weak reference): its last query. An id reused by a
# later connection at the same data version and query would reuse a sample: a plan choice only.
_sampled: dict[int, tuple[Query, tuple[int, int], Sample]] = {}


def sample(conn: sqlite3.Connection, q: Query) -> Sample:
    """The filters' shares, measured once per query and data version (each part of a keyword
    query asks again: the listings of "hide mine" alone cost ~1 ms to read)."""
    if not q.conds:
        return Sample(1.0, 1.0, ())
    version = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    held = _sampled.get(id(conn))
    if held is not None and held[0] == q and held[1] == version:
        return held[2]
    found = _sample(conn, q)
    _sampled[id(conn)] = (q, version, found)
    return found


def _sample(conn: sqlite3.Connection, q: Query) -> Sample:
    tests = [f"({c.sql.format(e=c.expr)})" for c in q.conds]
    rest = [t for t, c in zip(tests, q.conds, strict=True) if not c.category] or ["1"]
    sums = ", ".join(f"sum({t})" for t in [" AND ".join(tests), " AND ".join(rest), *tests])
    params = [v for c in q.conds for v in c.params]
    params += [v for c in q.conds if not c.category for v in c.params] + params
    sql = f"SELECT count(*), {sums} FROM product p NOT INDEXED WHERE p.rowid <= ?"
    total, *passed = conn.execute(sql, (*params, _SAMPLE)).fetchone()
    shares = [max(int(n or 0), 0.5) / max(int(total), 1) for n in passed]
    return Sample(shares[0], shares[1], tuple(shares[2:]))


def count_plain(conn: sqlite3.Connection, q: Query) -> int:
    """A count without keyword: the category's index range, the narrowest range filter's index,
    or a scan of the covering filter index, whichever reads the fewest rows."""
    sql = "SELECT count(*) FROM product p{hint} WHERE {where}"
    if q.category_drives or not q.conds:
        where, params = q.where(q.category_drives)
        return int(conn.execute(sql.format(hint="", where=where), params).fetchone()[0])
    shares = sample(conn, q).each
    covered = all(c.covered for c in q.conds)
    scan = _COVERED_S if covered else _SCAN_S  # per product
    per_row = _COVERED_S if len({c.expr for c in q.conds}) == 1 else _LOOKUP_S
    ranges = [
        (shares[i] * per_row, i)
        for i, c in enumerate(q.conds)
        if c.ranged and sort_index(conn, c.expr.replace("p.", ""))[0]
    ]
    if ranges and min(ranges)[0] < scan:
        where, params = q.where([min(ranges)[1]])
        return int(conn.execute(sql.format(hint="", where=where), params).fetchone()[0])
    index = index_name(conn, FILTER_COLUMNS) if covered else None
    where, params = q.where(())
    hint = f" INDEXED BY {index}" if index else " NOT INDEXED"
    return int(conn.execute(sql.format(hint=hint, where=where), params).fetchone()[0])


def count_keyword(conn: sqlite3.Connection, q: Query) -> int:
    """A count with a keyword: FTS5 alone; with a category, its range of the covering filter
    index tested against the matches; else each match's row (a covering scan that tests
    membership instead costs ~0.25 µs a product: 茶 + commission 200 ms, against 119).
    While the index is incomplete, plus the rows above its position tested in Python."""
    assert q.keyword is not None
    expression = q.keyword.within(q.keyword.everything, q.category)
    upto = q.indexed_upto
    below = None if upto is None else upto + 1
    if all(c.category and q.category is not None for c in q.conds):
        # The category is in the expression.
        found = search.fts_count(conn, expression, below=below)
    else:
        where, params = q.where(q.category_drives)
        index = index_name(conn, FILTER_COLUMNS)
        hint = f" INDEXED BY {index}" if index and q.category_drives else ""
        listed, listed_params = _indexed_matches(expression, upto)
        sql = f"SELECT count(*) FROM product p{hint} WHERE p.rowid IN ({listed}) AND {where}"
        found = int(conn.execute(sql, (*listed_params, *params)).fetchone()[0])
    if upto is None:
        return found
    pending, pending_params = _pending_matches(conn, q, None)
    return found + int(
        conn.execute(f"SELECT count(*) FROM ({pending})", pending_params).fetchone()[0]
    )


def _indexed_matches(expression: str, upto: int | None) -> tuple[str, tuple[Any, ...]]:
    """SQL of the rowids the keyword index matches (up to ``upto``, the part it holds)."""
    if upto is None:
        return MATCHING, (expression,)
    return f"{MATCHING} AND rowid <= ?", (expression, upto)


def _pending_matches(
    conn: sqlite3.Connection, q: Query, tier: int | None
) -> tuple[str, tuple[Any, ...]]:
    """SQL of the rows above the index's position that pass the filters and match (tier
    ``tier``, None: any), tested in Python: what the index does not hold yet."""
    assert q.keyword is not None and q.indexed_upto is not None
    conn.create_function("wb_tier", 5, q.keyword.tier_of, deterministic=True)
    where, params = q.where(())  # no index of the filters drives: the rowid range does
    sql = (
        f"SELECT p.rowid FROM product p WHERE p.rowid > ? AND {where} "
        f"AND wb_tier({_TIER_ARGS}) {_tier_test(tier)}"
    )
    return sql, (q.indexed_upto, *params)


def _tier_test(tier: int | None) -> str:
    return ">= 0" if tier is None else f"= {int(tier)}"


def matching(
    conn: sqlite3.Connection, q: Query, expression: str, tier: int | None
) -> tuple[str, tuple[Any, ...]]:
    """SQL listing the rowids of ``expression``'s matches (a part of tier ``tier``), with its
    parameters: the keyword index's, and while it is incomplete the rows above its position
    that pass the filters and match (the list's users apply the filters to every row anyway).
    """
    indexed, params = _indexed_matches(expression, q.indexed_upto)
    if q.indexed_upto is None:
        return indexed, params
    pending, pending_params = _pending_matches(conn, q, tier)
    return f"{indexed} UNION ALL {pending}", (*params, *pending_params)


def keyword_part(
    conn: sqlite3.Connection,
    q: Query,
    part: tuple[str, int | None, Sort, bool],
    limit: int | None,
    plans: Plans,
) -> list[int]:
    """Rows of one keyword part that pass the filters, sorted; at most ``limit`` (None: all).

    The plans whose cost does not depend on where the matches stand in the sort order ("safe":
    FTS5 drives and the matches are sorted; or the category's range of the covering filter
    index drives, tested against the list of matches) are costed from the matches and the
    filters; walks of the sort index, cheaper when matches come early in that order, are tried
    first when predicted cheaper, each under a CPU-time budget, the cheaper first.
    """
    assert q.keyword is not None
    expression, tier, sort, desc = part
    order = q.order(sort, desc)
    where, params = q.where()
    tail = "" if limit is None else " LIMIT ?"
    window = () if limit is None else (limit,)
    index, with_category = sort_index(conn, SORT_SQL[sort][1])
    split = _split(q, tier) if with_category else None
    drive = _drive_index(conn, q, sort)
    if limit is not None and (index or drive):
        size = max(catalogue_size(conn), 1)
        matches, exact = _estimate_matches(conn, q, expression, tier, size)
        if exact and matches == 0:
            return []
        # Rows the keyword index does not hold yet: each tested in Python by a list or a sort.
        pending = 0.0 if q.indexed_upto is None else max(size - q.indexed_upto, 0) * UDF_COST_S
        shares = sample(conn, q)
        passing = shares.but_category if q.category is not None else shares.every
        density = matches / size * passing
        steps = limit / max(density, 1e-9)  # index entries walked to meet ``limit`` rows
        safe = {"sort": matches * SORT_COST_S + pending}
        if drive:
            category = min(shares.each[i] for i in q.category_drives or ()) * size
            safe["drive"] = (
                matches * LIST_COST_S + category * _PROBE_S + matches * passing * _SORTER_S
            ) + pending
        walks: dict[str, float] = {}
        if index:
            walks["list"] = (
                matches * LIST_COST_S + steps * _STEP_S + steps * density * _LOOKUP_S + pending
            )
            walks["udf"] = steps * UDF_COST_S
            if split is not None:
                # Lists only the matches in title or shop name (the categories the keyword
                # names are tested on the index entry): costed as "list", an upper bound (an
                # estimate of that part is one more FTS5 statement, ~2 ms at 1,000,000).
                walks["split"] = walks["list"]
            if matches >= HUGE * size:
                del walks["list"]  # listing a third of the catalogue: the walk tests rows instead
                walks.pop("split", None)
        fallback = min(safe, key=lambda k: safe[k])
        if FORCE in ("udf", "list", "split", "sort", "drive"):
            walks = {k: v for k, v in walks.items() if k == FORCE}
            fallback = FORCE if FORCE in safe else "sort"
        # A walk is a bet on where the matches stand in the sort order: taken for a clear gain.
        # (At equal cost "split" first: it lists a part of what "list" lists; estimates differ.)
        chain = [k for k in sorted(walks, key=lambda k: (walks[k], k == "list"))
                 if walks[k] < WALK_GAIN * safe[fallback] or FORCE in (k, "walk")]  # fmt: skip
        for n, name in enumerate(chain):
            if FORCE is None and _gave_up(conn, (q, part, name), limit):
                continue  # lost at this window or a smaller one: the bet is not made again
            # Given up, a walk leaves the next plan to run: its budget follows that plan's cost.
            after = walks[chain[n + 1]] if n + 1 < len(chain) else safe[fallback]
            budget = _budget_for(walks[name], after)
            tally = _Tally(q.keyword.tier_of, tier, budget, limit) if name == "udf" else None
            walk = _walk_sql(
                conn, q, name, split if name == "split" and split else expression, tier,
                f"{index} WHERE", f"{order}{tail}", tally,
            )  # fmt: skip
            found = _try(conn, walk[0], (*walk[1], *window), budget, plans, tally)
            if found is not None:
                return found
            if FORCE is None:
                _gave_up(conn, (q, part, name), limit, record=True)
        if fallback == "drive" and drive:
            listed, listed_params = matching(conn, q, expression, tier)
            where, params = q.where(q.category_drives)
            sql = (
                f"SELECT p.rowid FROM product p INDEXED BY {drive} "
                f"WHERE p.rowid IN ({listed}) AND {where} {order}{tail}"
            )
            return _run(conn, sql, (*listed_params, *params, *window), plans)
    if q.indexed_upto is None:
        sql = (
            f"SELECT p.rowid FROM {search.SEARCH_TABLE} s CROSS JOIN product p ON p.rowid = s.rowid "
            f"WHERE s.{search.SEARCH_TABLE} MATCH ? AND {where} {order}{tail}"
        )
        return _run(conn, sql, (expression, *params, *window), plans)
    listed, listed_params = matching(conn, q, expression, tier)
    sql = (
        f"SELECT p.rowid FROM ({listed}) s CROSS JOIN product p ON p.rowid = s.rowid "
        f"WHERE {where} {order}{tail}"
    )
    return _run(conn, sql, (*listed_params, *params, *window), plans)


def _walk_sql(
    conn: sqlite3.Connection,
    q: Query,
    name: str,
    expression: str | tuple[str, frozenset[int]],
    tier: int | None,
    head: str,
    tail: str,
    tally: _Tally | None = None,
) -> tuple[str, tuple[Any, ...]]:
    """A walk of the sort index (``head``: "index WHERE"), testing each row in Python
    (``udf``, counted by ``tally`` if given), against the list of matches (``list``), or
    (``split``, ``expression`` then as :func:`_split` gives it) its entry's category against
    the categories the keyword names, else against the list of the other matches; ``tail``
    orders and limits."""
    assert q.keyword is not None
    where, params = q.where()
    if not isinstance(expression, str):  # split
        others, ids = expression
        listed, listed_params = matching(conn, q, others, tier)
        marks = ", ".join("?" * len(ids))
        sql = (
            f"SELECT p.rowid FROM product p INDEXED BY {head} "
            f"(p.{CATEGORY_KEY} IN ({marks}) OR p.rowid IN ({listed})) AND {where} {tail}"
        )
        return sql, (*sorted(ids), *listed_params, *params)
    if name == "udf":
        test_row = q.keyword.tier_of if tally is None else tally.tier_of
        conn.create_function("wb_tier", 5, test_row, deterministic=True)
        test = f"wb_tier({_TIER_ARGS}) {_tier_test(tier)}"
        return f"SELECT p.rowid FROM product p INDEXED BY {head} {test} AND {where} {tail}", params
    listed, listed_params = matching(conn, q, expression, tier)
    sql = (
        f"SELECT p.rowid FROM product p INDEXED BY {head} p.rowid IN ({listed}) AND {where} {tail}"
    )
    return sql, (*listed_params, *params)


def _split(q: Query, tier: int | None) -> tuple[str, frozenset[int]] | None:
    """A keyword of one word that names categories, all its matches in one part (a column
    sort), as (FTS5 expression of its matches in title or shop name, the categories whose
    products match: ``Compiled.subtrees``), for a walk of a sort index that carries each
    entry's category. Not while the keyword index is incomplete (its list would need the rows
    above the build position tested for title or shop only)."""
    kw = q.keyword
    if kw is None or tier is not None or q.indexed_upto is not None or len(kw.terms) != 1:
        return None
    if not kw.categories[0] or len(kw.subtrees) != 1:
        return None
    return kw.within(kw.title_shop, q.category), kw.subtrees[0]


def _drive_index(conn: sqlite3.Connection, q: Query, sort: Sort) -> str | None:
    """The covering filter index, when a category filter can drive a keyword part from it:
    every filter and the sort key are read from it, no row at all."""
    if not q.category_drives or not all(c.covered for c in q.conds) or sort not in _COVERED_SORTS:
        return None
    return index_name(conn, FILTER_COLUMNS)


def _estimate_matches(
    conn: sqlite3.Connection, q: Query, expression: str, tier: int | None, size: int
) -> tuple[float, bool]:
    """About how many rows match ``expression`` (tier ``tier``), and whether exactly.

    Estimated on the first eighth of rowids (ids: unrelated to text): a full count of a very
    broad term (店: 693,000) costs more than the walk that follows it, and a phrase of common
    pairs (``magsafe``: ``ma``, ``ag``, ``sa``...) costs ~2-3 ms to count whatever it finds.
    Counted exactly only when the eighth suggests under :data:`WALK_MIN` (an empty tier is
    then skipped). While the keyword index is incomplete, on the part of that eighth it holds,
    or (under :data:`_SAMPLE` rowids held) on the first rowids tested in Python.
    """
    assert q.keyword is not None
    if q.indexed_upto is None:
        sampled = search.fts_count(conn, expression, below=size // 8 + 1)
        if sampled * 8 < WALK_MIN:
            return search.fts_count(conn, expression), True  # exact, and cheap at this size
        return sampled * 8, False
    held = max(min(q.indexed_upto, size), 0)
    sampled = min(size // 8, held)
    if sampled >= _SAMPLE:
        estimate = search.fts_count(conn, expression, below=sampled + 1) * size / sampled
        if estimate < WALK_MIN:
            estimate = search.fts_count(conn, expression, below=held + 1) * size / held
        return estimate, False
    conn.create_function("wb_tier", 5, q.keyword.tier_of, deterministic=True)
    category = [c.sql.format(e=c.expr) for c in q.conds if c.category]
    params = [v for c in q.conds if c.category for v in c.params]
    sql = (
        "SELECT count(*) FROM product p NOT INDEXED WHERE p.rowid <= ? "
        f"AND {' AND '.join(category) or '1'} AND wb_tier({_TIER_ARGS}) {_tier_test(tier)}"
    )
    found = int(conn.execute(sql, (_SAMPLE, *params)).fetchone()[0])
    return found * size / min(_SAMPLE, size), False


# By connection id: the walks given up (query, part, walk) → the smallest window they were given
# up at, at one data version. Order and text correlate in ways no sample of the matches
# resolves (the 50th of 98,622 matches of 零食 is the 15,925th entry by commission per sale: a
# sample would need thousands of matches' keys), so a bet lost is remembered instead: the table
# asks for the first 200 rows, then 400... of the same query, and each would lose it again.
_given_up: dict[int, tuple[tuple[int, int], dict[tuple[Any, ...], int]]] = {}
_GIVEN_UP_KEPT = 256  # walks remembered per connection (forgotten all at once past this)


def _gave_up(
    conn: sqlite3.Connection, key: tuple[Any, ...], limit: int, *, record: bool = False
) -> bool:
    """Whether walk ``key`` was given up at a window of ``limit`` rows or fewer since the
    last write to the cache; with ``record``, remember that it was given up at ``limit``."""
    version = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    held = _given_up.get(id(conn))
    if held is None or held[0] != version or (record and len(held[1]) >= _GIVEN_UP_KEPT):
        held = _given_up[id(conn)] = (version, {})
    if record:
        held[1][key] = min(limit, held[1].get(key, limit))
        return True
    return key in held[1] and held[1][key] <= limit


def _budget_for(predicted: float, fallback: float) -> float:
    """A walk may take three times its prediction, or a quarter of what the plan after it
    would cost, at most twice that plan: order and text correlate (零食 by commission per
    sale: snacks are cheap, so they come late in that order), so walks overrun predictions,
    and on a loaded machine CPU time stretches too (a walk of 零食 by relevance predicted 3.4
    ms took 4 ms, 7.7 under load: given up at twice its prediction, it cost 13 ms instead)."""
    return min(max(WALK_BUDGET_S, 3 * predicted, fallback / 4), max(2 * fallback, WALK_BUDGET_S))


class _Tally:
    """The rows a walk tested in Python and how many matched: a walk whose matches come so
    much later than predicted that it would overrun its budget twice is given up once it has
    spent an eighth of it (零食 by commission per sale: 1 match in the first ~200 rows, where
    ~20 were predicted; it gave up after 7 ms, now ~1)."""

    def __init__(self, test: Any, tier: int | None, budget: float, limit: int | None) -> None:
        self._test = test
        self._tier = tier
        self._budget = budget
        self._limit = limit or 0
        self.tested = 0
        self.found = 0

    def tier_of(self, title: str, shop: str, c1: int, c2: int, c3: int) -> int:
        found: int = self._test(title, shop, c1, c2, c3)
        self.tested += 1
        if found >= 0 and (self._tier is None or found == self._tier):
            self.found += 1
        return found

    def hopeless(self) -> bool:
        """Whether, at the rate matches come, the walk would cost over twice its budget."""
        if self.tested * UDF_COST_S < self._budget / 8:
            return False
        projected = self.tested * self._limit / (self.found + 1) * UDF_COST_S
        return projected > 2 * self._budget


def _try(
    conn: sqlite3.Connection,
    sql: str,
    args: tuple[Any, ...],
    budget: float,
    plans: Plans,
    tally: _Tally | None = None,
) -> list[int] | None:
    """``sql``'s rowids, or None when it ran out of ``budget`` seconds (or ``tally`` says
    it is hopeless)."""
    try:
        with _budget(conn, budget, tally):
            return _run(conn, sql, args, plans)
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise
        return None


def _run(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...], plans: Plans) -> list[int]:
    if plans is not None:
        plans += [str(r[3]) for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", args)]
        plans.append("--")
    return [r[0] for r in conn.execute(sql, args)]


@contextmanager
def _budget(
    conn: sqlite3.Connection, seconds: float, tally: _Tally | None = None
) -> Iterator[None]:
    """Interrupt the statement after ``seconds`` of this thread's CPU time: on a loaded machine
    wall time would give a walk up after a fraction of the work it was given. With
    ``tally``, also as soon as it says the walk is hopeless."""
    deadline = time.thread_time() + seconds

    def stop() -> int:
        return int(time.thread_time() > deadline or (tally is not None and tally.hopeless()))

    conn.set_progress_handler(stop, 1_000)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)


def index_name(conn: sqlite3.Connection, expression: str | None) -> str | None:
    """The index of ``product`` on ``expression`` (its name changes with each snapshot load)."""
    if expression is None:
        return None
    for name, columns in _product_indexes(conn):
        if columns == expression:
            return name
    return None


def sort_index(conn: sqlite3.Connection, key: str | None) -> tuple[str | None, bool]:
    """The index of ``product`` that walks ``key`` in order (its ranges too), and whether it
    carries the leaf category after the key (``schema.PRODUCT_INDEXES``; caches not upgraded
    yet have the key alone). A walk of one that does orders the ties of the key again, rowid
    last: cheap, only rows that pass its tests are sorted."""
    if key is None:
        return None, False
    with_category = f"{key}, {CATEGORY_KEY}"
    found: tuple[str | None, bool] = (None, False)
    for name, columns in _product_indexes(conn):
        if columns == with_category:
            return name, True
        if columns == key:
            found = (name, False)
    return found


def _product_indexes(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """(name, columns as written, spaces normalised) of each index of ``product``."""
    for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'product' "
        "AND sql IS NOT NULL"
    ):
        found = re.search(r"\((.*)\)\s*$", str(sql), re.S)
        if found and str(name).isidentifier():
            yield str(name), " ".join(found.group(1).split())


def catalogue_size(conn: sqlite3.Connection) -> int:
    """About how many products there are (rowids are dense after a snapshot load)."""
    return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM product").fetchone()[0])
