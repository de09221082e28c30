"""Keyword search over the catalogue: a keyword matches where it stands as a substring.

The rule users can predict (README, "The selection center"): the keyword box is split at
whitespace; each word, folded (NFKC, then case-folded: 全角 ``ＩＰＨＯＮＥ`` is ``iphone``, ``ß``
is ``ss``), must be a substring of the folded title, shop name or name of one of the product's
categories, punctuation and emoji included; every word must match. ``零食`` does not find
「零·食」 or 「宠物零 食品」; ``phone`` finds 「iPhone15」. (Until issue 12 words were split into
tokens, so 零食 matched across spaces and punctuation and Latin words only as prefixes.)

Why this design (SQLite 3.40, 2 cores, 1,000,000 seeded products with ~15-character titles;
``benchmarks/selection.py`` prints live figures):

- FTS5's trigram tokenizer cannot match 1- or 2-character queries (茶, 零食) in 3.40, and a scan
  with ``instr`` on folded text reads every row. So Python spells the folded text for FTS5's
  plain ``ascii`` tokenizer: every character is a token (ASCII punctuation and spaces too,
  spelled ``u`` + hex: ``%`` is ``u25``, a token no text can make), and every two neighbouring
  characters are a *pair* token. A keyword of one character is one token; a longer one is the
  phrase of its pairs, which FTS5 checks stand at consecutive positions: exactly the substring,
  with no check after it. Nothing in a keyword is FTS5 syntax (quotes, ``*``, ``AND``,
  ``NEAR(`` are characters like any other).
- Pairs, not characters only: a phrase of characters read the huge doclists of single letters
  and digits (``500g``: 173 ms counted, against 58 with pairs; ``magsafe`` 63 against 16, and
  零食 40 against 11: counts of title-only indexes of the 1,000,000 titles, measured in one
  run on a machine loaded ~5x, so only the ratios mean something).
- One column (:func:`doc_text`): the title's pairs, then its characters, then the shop name's
  pairs and characters marked ``ⓢ`` (``ⓢ山野 ⓢ山``), then the product's three category ids
  marked ``№``. Each kind of token differs from every other (pairs are 2, 4 or 6 characters
  long, characters 1 or 3; no folded text holds a mark), so no column filter is needed: with
  five columns (until cache schema v7) each posting outside the first carried its column
  number, 220 MB at 1,000,000 products against 153 MB now. Shop tokens have doclists of their
  own: a title-only query never reads the shop names' postings (店: 693,000 of them). A keyword
  finds categories by name in the small ``category`` table and becomes an OR of their ids
  (children of a matched category pruned: its id is on every product below it), so renaming a
  category touches no product. Shop names are text per product, not one shop token: an OR
  over every shop whose name has 茶 (155) took 40 ms to count.
- The index stores no text: its content is a view of ``product`` (:data:`VIEW_SQL`), and
  ``columnsize=0``. A feed change deletes the old document by giving its old values back
  (:func:`doc_values`); never ``DELETE`` from the table (FTS5 would read the *new* row). ``rowid``
  is ``product.rowid``: VACUUM would renumber those (the cache never vacuums; rebuild with
  :func:`build` if it ever does), and changing :func:`doc_text` needs a migration that
  rebuilds the index, or old documents could no longer be deleted exactly.
- Cost at 1,000,000 products: 153 MB on disk (91 MB with words and characters only, before
  the substring rule); to build in the load's steps, 14.8 s of CPU (15.7 with five columns,
  measured back to back; ``benchmarks/selection.py`` prints the load's figures). Positions stay
  (``detail=full``): ``detail=none`` measured 4x smaller (5.6 MB against 15.2 a 100,000
  products) but FTS5 refuses phrases there, so every candidate of a keyword of 3+ characters
  (an AND of its pairs) would need testing against the text, counts and tiers' NOTs included.
  So it is not built before the snapshot swap (even the old index there made the first load
  22.5-23.3 s instead of 17.2-17.4 s): the swap leaves it empty and :func:`build_step` fills it
  after, :data:`CHUNK` rowids per short transaction (~0.25 s each: the cache's one writer is
  never held long, and a user's edit waits at most that), with its position in ``meta``
  (:data:`BUILT_UPTO`), so a killed app resumes where it was. The sync engine runs it as its
  ``indexing`` phase, after the catalogue became usable. Each commit leaves a segment, merged
  later by ``automerge`` (``crisismerge`` is raised: at FTS5's 16 the 16th step merged them
  all at once, 1.5 s holding the writer). Automerge waits for writes, so the build's 50
  segments stayed, and each FTS5 statement sought every keyword token in each (~2.5 ms a
  statement): :func:`merge_step` merges them into one, in short steps, after the build.
- While it is incomplete the index holds exactly the rows up to its position (feed changes keep
  those current; rows above it, new products included, wait for the builder, which indexes
  them once), and ``product_plans`` finds the rows above it by testing them in Python
  (``Compiled.tier_of``, a substring test of folded text): the same rows in the same order,
  slower. Measured (with the index before the substring rule) at position 0 / at
  500,000 of 1,000,000: a first page 10-70 ms (店, rare in titles, 3.6 / 1.8 s: its title tier
  scans every row not indexed), a count 3.6-4.3 / 1.8-2.2 s (13 ms once complete).
  :func:`search_ready` and :func:`search_progress` say where it is; a cache without the meta
  key (every cache made before the build in steps) is complete.

Ranking (tiers, then best sellers; why not bm25) and plans are in ``products.py`` and
``product_plans.py``; ``highlight.py`` gives the spans the UI bolds.
"""

from __future__ import annotations

import functools
import operator
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.store.cache import Cache

SEARCH_TABLE = "product_search"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
MAX_TERMS = 64  # distinct keywords kept from a query; more cannot all be in one product anyway


CONTENT_VIEW = f"{SEARCH_TABLE}_content"
COLUMNS = ("doc",)
SHOP_MARK = "\u24e2"  # ⓢ: shop-name tokens are ⓢ山 ⓢ山野, apart from the title's
CATEGORY_MARK = "\u2116"  # №: category ids are №201, apart from digits in a title
# Neither mark can stand in folded text (NFKC maps ⓢ to s and № to no), so no title or shop
# name can spell a token of another part of the document.


def search_table_sql(name: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5(doc, "
        f"content='{CONTENT_VIEW}', content_rowid='product_rowid', "
        "columnsize=0, detail=full, tokenize='ascii')"
    )


# The document of a product, in SQL (bulk fills) and in Python (feed changes): the same function.
DOC_SQL = "wb_search_doc(title, shop_name, category1_id, category2_id, category3_id)"
FILL_SQL = f"INSERT INTO {{table}} (rowid, doc) SELECT rowid, {DOC_SQL} FROM {{source}}"
_FILL_RANGE = (
    FILL_SQL.format(table=SEARCH_TABLE, source="product") + " WHERE rowid > ? AND rowid <= ?"
)
# What the index holds, as a view of ``product`` (the index's "external content"): it stores
# nothing, and lets the table be scanned and read back (a contentless one with columnsize=0
# cannot be scanned; columnsize=1 would cost 0.8 s of a 1,000,000-product load). Dropped and
# made again around the snapshot swap: ALTER TABLE … RENAME checks every view.
VIEW_SQL = (
    f"CREATE VIEW {CONTENT_VIEW} AS SELECT rowid AS product_rowid, {DOC_SQL} AS doc FROM product"
)


def fold(text: str) -> str:
    """``text`` as keywords are compared with it: NFKC (全角 ``ｉＰ`` → ``iP``, ``㎏`` → ``kg``),
    then case-folded (``ß`` → ``ss``)."""
    return unicodedata.normalize("NFKC", text).casefold()


def _make_table() -> list[str]:
    """``str.translate`` table of the Basic Multilingual Plane (a list: faster than a dict):
    each character a token of its own. FTS5's ``ascii`` tokenizer splits at ASCII characters
    other than letters and digits, so those become tokens spelled ``u`` + hex (``%`` → ``u25``,
    the space ``u20``): a token of several characters, which no character of a text can be."""
    table = [" " + chr(cp) for cp in range(0x10000)]
    for cp in range(0x80):
        if not chr(cp).isalnum():
            table[cp] = f" u{cp:02x}"
    return table


_TABLE: list[str] | None = None  # made on first use (~10 ms, ~4 MB): not at import


def _spaced(folded: str) -> str:
    """Folded text as the index's tokens: one a character, separated by spaces."""
    global _TABLE
    if _TABLE is None:
        _TABLE = _make_table()  # a race makes it twice, harmlessly
    spaced = folded.translate(_TABLE)  # characters past the table (astral) stay as they are
    if _ASTRAL.search(spaced) is None:  # emoji and rare ideographs: seldom in a title
        return spaced
    return _ASTRAL.sub(" \\g<0>", spaced)


def search_text(text: str) -> str:
    """``text`` as the index holds it: folded, every character a token (:func:`_spaced`)."""
    return _spaced(fold(text))


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``: one per character of the folded text."""
    return search_text(text).split()


def pairs(chars: list[str]) -> list[str]:
    """Each two neighbouring character tokens as one token (a token is one character or
    ``u`` and two hex digits, so a pair reads back one way only)."""
    return list(map(operator.add, chars, chars[1:]))


@functools.lru_cache(maxsize=8192)  # a shop's name repeats on each of its products
def _shop_doc(name: str) -> str:
    chars = tokens(name)
    return " ".join(SHOP_MARK + t for t in (*pairs(chars), *chars))


def doc_text(title: str, shop_name: str, c1: int, c2: int, c3: int) -> str:
    """The indexed text of one product: the title's pairs, then its characters, then the shop
    name's (marked), then the three category ids (marked). One column: a column filter would
    cost each posting of another column two bytes (its number), 31% of the index. Tokens of
    each kind differ from every other kind (a pair is 2, 4 or 6 characters long, a character
    token 1 or 3; marks), so a phrase of pairs can only match pairs, which stand at consecutive
    positions exactly where the text has those characters in a row."""
    chars = tokens(title)
    return (
        f"{' '.join(pairs(chars))} {' '.join(chars)} {_shop_doc(shop_name)} "
        f"{CATEGORY_MARK}{c1} {CATEGORY_MARK}{c2} {CATEGORY_MARK}{c3}"
    )


Doc = tuple[str]


def doc_values(title: str, shop_name: str, c1: int, c2: int, c3: int) -> Doc:
    """The indexed columns of one product, exactly as :data:`DOC_SQL` makes them."""
    return (doc_text(title, shop_name, c1, c2, c3),)


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL function the index is filled with (each connection that writes needs it)."""
    conn.create_function("wb_search_doc", 5, doc_text, deterministic=True)


def index_product(conn: sqlite3.Connection, rowid: int, values: Doc) -> None:
    conn.execute(f"INSERT INTO {SEARCH_TABLE} (rowid, doc) VALUES (?, ?)", (rowid, *values))


def unindex_product(conn: sqlite3.Connection, rowid: int, values: Doc) -> None:
    """Remove a document; ``values`` must be what it was indexed with."""
    conn.execute(
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, doc) VALUES ('delete', ?, ?)",
        (rowid, *values),
    )


def _bulk_config(conn: sqlite3.Connection, table: str) -> None:
    # Bulk fill: bigger in-memory batches (+8 MB) and segments merged later, not during the
    # fill: 5.5 s → 4.8 s at 1,000,000 products, queries measured no slower.
    conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {8 << 20})")
    conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 0)")


def build(conn: sqlite3.Connection, table: str, source: str) -> None:
    """Create ``table`` and fill it from the product table ``source`` (one transaction).

    The whole index at once (a rebuild); the snapshot load uses :func:`create_empty` and
    :func:`build_step` instead, which never hold the writer for long.
    """
    register_functions(conn)
    conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(search_table_sql(table))
    _bulk_config(conn, table)
    conn.execute(FILL_SQL.format(table=table, source=source))
    conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 4)")
    if (table, source) == (SEARCH_TABLE, "product"):
        conn.execute("DELETE FROM meta WHERE key = ?", (BUILT_UPTO,))  # complete
        note_merge_pending(conn)


# --- building after a snapshot swap, in steps ------------------------------------------------

BUILT_UPTO = "search_built_upto"
"""Meta key: the index holds exactly the products with a rowid up to this; absent: all of them."""
CHUNK = 20_000  # rowids per step: ~0.25 s at 1,000,000 products (50,000 before the pairs)
_CRISIS_MERGE = 64  # segments of one level merged at once (FTS5's default 16): see above


def create_empty(conn: sqlite3.Connection) -> None:
    """Replace the index of ``product`` by an empty one that :func:`build_step` fills
    (in the caller's transaction: the snapshot swap)."""
    conn.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    conn.execute(search_table_sql(SEARCH_TABLE))
    _bulk_config(conn, SEARCH_TABLE)
    conn.execute(
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rank) VALUES ('crisismerge', {_CRISIS_MERGE})"
    )
    _set_built_upto(conn, 0)
    conn.execute("DELETE FROM meta WHERE key = ?", (MERGE_PENDING,))  # the build notes it


def indexed_upto(conn: sqlite3.Connection) -> int | None:
    """The rowid the index is built up to (it holds exactly those products); None: all."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (BUILT_UPTO,)).fetchone()
    return None if row is None else int(row[0])


def _set_built_upto(conn: sqlite3.Connection, rowid: int) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (BUILT_UPTO, str(rowid)),
    )


def _top(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM product").fetchone()[0])


def build_step(conn: sqlite3.Connection, rows: int = CHUNK) -> bool:
    """Index the products of the next ``rows`` rowids and move the position past them, in the
    caller's transaction; True when the index is complete (the position is then dropped).

    New products get rowids above the highest one, so those the feed adds while the index is
    incomplete are indexed here, once: the step that reaches the highest rowid finishes it.
    """
    upto = indexed_upto(conn)
    if upto is None:
        return True
    register_functions(conn)
    top = _top(conn)
    end = min(upto + max(rows, 1), top)
    if end > upto:
        conn.execute(_FILL_RANGE, (upto, end))
    if end < top:
        _set_built_upto(conn, end)
        return False
    conn.execute("DELETE FROM meta WHERE key = ?", (BUILT_UPTO,))
    conn.execute(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rank) VALUES ('automerge', 4)")
    if top:
        note_merge_pending(conn)
    return True


# --- merging its segments into one, in steps ------------------------------------------------

MERGE_PENDING = "search_merge_pending"
"""Meta key: the index's segments are still to be merged into one (:func:`merge_step`)."""
MERGE_PAGES = 2_000  # pages written per merge step: 0.12-0.17 s of CPU at 1,000,000 products


def merge_pending(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key = ?", (MERGE_PENDING,)).fetchone() is not None


def note_merge_pending(conn: sqlite3.Connection) -> None:
    """The index just got its segments (a build, in steps or whole): merge them after."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (MERGE_PENDING,))


def merge_step(conn: sqlite3.Connection, pages: int = MERGE_PAGES) -> bool:
    """Merge about ``pages`` pages of the index's segments, in the caller's transaction; True
    (and no longer pending) once there was nothing left to merge.

    A build in steps leaves a segment a step (50 at 1,000,000 products) and ``automerge``
    merges only as later writes come, so every query sought each keyword's doclist in each
    segment: ~2.5 ms of each FTS5 statement (a keyword query runs two or three). FTS5's
    ``optimize`` does it at once (3.1 s of CPU holding the writer); ``merge`` with a negative
    page count does the same work incrementally (19 steps, 2.3 s of CPU in all), and each
    commit leaves a consistent index. FTS5 reports work done as two changes or more.
    """
    before = conn.total_changes
    conn.execute(
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rank) VALUES ('merge', ?)", (-pages,)
    )
    if conn.total_changes - before >= 2:
        return False
    conn.execute("DELETE FROM meta WHERE key = ?", (MERGE_PENDING,))
    return True


def search_ready(cache: Cache) -> bool:
    """Whether the keyword index holds every product (else keyword queries are slower: the
    rows it does not hold yet are tested in Python; the answers are the same)."""
    return indexed_upto(cache.conn) is None


def search_progress(cache: Cache) -> tuple[int, int]:
    """(done, total) of the index build, in rowids: products, as a snapshot numbers them densely."""
    top = _top(cache.conn)
    upto = indexed_upto(cache.conn)
    return (top if upto is None else min(upto, top)), top


# --- queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One keyword, folded: it must stand, exactly so, in a title, shop name or category name."""

    text: str

    @property
    def tokens(self) -> list[str]:
        return _spaced(self.text).split()

    @property
    def fts(self) -> str:
        """FTS5: this keyword in the title (no character of it is syntax)."""
        return self._expression("")

    @property
    def fts_shop(self) -> str:
        """FTS5: this keyword in the shop name."""
        return self._expression(SHOP_MARK)

    def _expression(self, mark: str) -> str:
        chars = self.tokens
        if len(chars) == 1:
            return f'"{mark}{chars[0]}"'
        # Pairs at consecutive positions: exactly the text, at any length from 2.
        return '"' + " ".join(mark + p for p in pairs(chars)) + '"'


def parse(keyword: str) -> list[Term]:
    """The distinct keywords of ``keyword`` (split at whitespace, then each folded), in order;
    none for blank input."""
    terms: list[Term] = []
    for word in keyword.split():
        term = Term(fold(word))
        if term not in terms:
            terms.append(term)
            if len(terms) == MAX_TERMS:
                break
    return terms


@functools.lru_cache(maxsize=8192)
def _folded_name(text: str) -> str:
    return fold(text)


@dataclass(frozen=True)
class Compiled:
    """A keyword as three nested FTS5 expressions: title ⊆ title-or-shop ⊆ everything."""

    terms: tuple[Term, ...]
    categories: tuple[frozenset[int], ...]  # per term: the category ids it matched
    title: str
    title_shop: str
    everything: str
    has_category: bool
    # Per term: the matched categories and every category below them. A product is in one of
    # them exactly when its leaf (``category3_id``) is, as the category filter assumes too:
    # a product's level-1 and level-2 ids are its leaf's ancestors.
    subtrees: tuple[frozenset[int], ...] = ()

    def tier_of(self, title: str, shop: str, c1: int, c2: int, c3: int) -> int:
        """The tier of one product (-1: no match), in Python: the same answer as FTS5 gives."""
        folded = fold(title)
        tier = 0
        for term, ids in zip(self.terms, self.categories, strict=True):
            if term.text in folded:
                continue
            if term.text in _folded_name(shop):
                tier = max(tier, 1)
            elif c1 in ids or c2 in ids or c3 in ids:
                tier = 2
            else:
                return -1
        return tier

    def within(self, expression: str, category: str | None) -> str:
        """``expression`` restricted to a category (:func:`category_phrase`), if any."""
        return expression if category is None else f"({expression}) AND {category}"

    def tier(self, k: int) -> str:
        """Matches of tier ``k`` only: 0 all terms in the title, 1 in title or shop, 2 the rest."""
        if k == 0:
            return self.title
        if k == 1:
            return f"({self.title_shop}) NOT ({self.title})"
        return f"({self.everything}) NOT ({self.title_shop})"

    @property
    def tiers(self) -> tuple[int, ...]:
        return (0, 1, 2) if self.has_category else (0, 1)


def category_phrase(cid: int) -> str:
    """The FTS5 phrase of a category's products: its id, which each product below it carries."""
    return f'"{CATEGORY_MARK}{int(cid)}"'


def compile_keyword(terms: list[Term], categories: list[tuple[int, str, int | None]]) -> Compiled:
    """FTS5 expressions for ``terms``; ``categories`` are (id, name, parent_id) rows."""
    parent = {cid: pid for cid, _name, pid in categories}
    children: dict[int, list[int]] = {}
    for cid, pid in parent.items():
        if pid is not None:
            children.setdefault(pid, []).append(cid)
    names = [(cid, _folded_name(name)) for cid, name, _pid in categories]
    title, title_shop, everything = [], [], []
    per_term: list[frozenset[int]] = []
    subtrees: list[frozenset[int]] = []
    has_category = False
    for term in terms:
        title.append(f"({term.fts})")
        title_shop.append(f"(({term.fts}) OR ({term.fts_shop}))")
        matched = {cid for cid, name in names if term.text in name}
        kept = sorted(cid for cid in matched if not _has_ancestor_in(cid, matched, parent))
        per_term.append(frozenset(kept))
        subtrees.append(_subtree(kept, children))
        if kept:
            has_category = True
            ids = " OR ".join(category_phrase(cid) for cid in kept)
            everything.append(f"({title_shop[-1]} OR {ids})")
        else:
            everything.append(title_shop[-1])
    return Compiled(
        tuple(terms),
        tuple(per_term),
        " AND ".join(title),
        " AND ".join(title_shop),
        " AND ".join(everything),
        has_category,
        tuple(subtrees),
    )


def _subtree(ids: list[int], children: dict[int, list[int]]) -> frozenset[int]:
    """``ids`` and every category below them."""
    found: set[int] = set()
    todo = list(ids)
    while todo:
        cid = todo.pop()
        if cid not in found:
            found.add(cid)
            todo += children.get(cid, ())
    return frozenset(found)


def _has_ancestor_in(cid: int, ids: set[int], parent: dict[int, int | None]) -> bool:
    seen = {cid}
    pid = parent.get(cid)
    while pid is not None and pid not in seen:
        if pid in ids:
            return True
        seen.add(pid)
        pid = parent.get(pid)
    return False


def fts_count(conn: sqlite3.Connection, expression: str, below: int | None = None) -> int:
    """Rows matching ``expression`` (with ``below``: only rowids under it, a cheap sample)."""
    sql = f"SELECT count(*) FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?"
    args: tuple[Any, ...] = (expression,)
    if below is not None:
        sql += " AND rowid < ?"
        args += (below,)
    return int(conn.execute(sql, args).fetchone()[0])


def category_rows(conn: sqlite3.Connection) -> list[tuple[int, str, int | None]]:
    rows: list[Any] = conn.execute("SELECT id, name, parent_id FROM category").fetchall()
    return [(int(i), str(n), None if p is None else int(p)) for i, n, p in rows]
