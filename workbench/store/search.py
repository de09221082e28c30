"""Chinese keyword search over the catalogue: one FTS5 index of single characters and words.

Why this design (measured on this machine: SQLite 3.40, 2 cores, a seeded catalogue of
1,000,000 products with ~15-character titles; ``benchmarks/selection.py`` prints live figures):

- FTS5's trigram tokenizer cannot match 1- or 2-character queries (茶, 零食), and Chinese has no
  spaces to split words on. So Python splits the text before FTS5 sees it: every CJK character
  becomes its own token, runs of other letters/digits stay whole words, NFKC- and case-folded
  (全角 ``ｉＰｈｏｎｅ`` → ``iphone``), punctuation and emoji separate. FTS5 then runs its plain
  ``ascii`` tokenizer over that (every token passed to MATCH is quoted; a keyword's own quotes,
  ``%``, ``*``, ``AND``/``NEAR`` or parentheses are text, never syntax).
- A query of one character is one token; a longer CJK run (零食, 明前龙井) is a *phrase* of its
  characters, which FTS5 checks stand next to each other; a Latin word or number is a prefix
  (``iph`` finds iPhone); several terms ("iPhone 壳") must all match. Unigram phrases beat
  unigrams + bigrams: the bigram variant took 7.5 s to build against 3.8 s, and 2-character
  phrase lookups are already cheap (零食: 32,000 titles counted in ~3 ms).
- Three columns. ``title``; ``shop``, the shop name's tokens marked ``§`` (``§山 §野``) so they
  have doclists of their own: a title-only query never reads the shop names' postings (店:
  693,000 of them; a title query of 店 went from 26 ms to nothing); ``category``, the product's
  three category ids. A keyword finds categories by name in the small ``category`` table and
  becomes an OR of their ids (children of a matched category pruned: its id is on every product
  below it), so renaming a category touches no product. Shop names are text per product, not
  one shop token: an OR over every shop whose name has 茶 (155) took 40 ms to count.
- The index stores no text: its content is a view of ``product`` (:data:`VIEW_SQL`), and
  ``columnsize=0``. A feed change deletes the old document by giving its old values back
  (:func:`doc_values`); never ``DELETE`` from the table (FTS5 would read the *new* row). ``rowid``
  is ``product.rowid``: VACUUM would renumber those (the cache never vacuums; rebuild with
  :func:`build` if it ever does), and changing :func:`search_text` needs a migration that
  rebuilds the index, or old documents could no longer be deleted exactly.
- Cost at 1,000,000 products: 91 MB on disk; 4.6-5.1 s to build. So it is not built before the
  snapshot swap (with it there the first load took 22.5-23.3 s; without, 17.2-17.4 s): the swap
  leaves it empty and :func:`build_step` fills it after, :data:`CHUNK` rowids per short
  transaction (0.23-0.25 s each: the cache's one writer is never held long, and a user's edit
  waits at most that), with its position in ``meta`` (:data:`BUILT_UPTO`), so a killed app
  resumes where it was. The sync engine runs it as its ``indexing`` phase: complete 4.5 s after
  the catalogue became usable. Chunked, the fill costs what the one-shot build did (4.7 s
  alone); each commit leaves a segment (20 at 1M, 11 in one shot), merged later by
  ``automerge`` (``crisismerge`` is raised: at FTS5's 16 the 16th step merged them all at once,
  1.5 s holding the writer); lookups measured as fast (茶 6 ms, 店 29 ms counted).
- While it is incomplete the index holds exactly the rows up to its position (feed changes keep
  those current; rows above it, new products included, wait for the builder, which indexes
  them once), and ``product_plans`` finds the rows above it by testing them in Python
  (``Compiled.tier_of``): the same rows in the same order, slower. Measured at position 0 / at
  500,000 of 1,000,000: a first page 10-70 ms (店, rare in titles, 3.6 / 1.8 s: its title tier
  scans every row not indexed), a count 3.6-4.3 / 1.8-2.2 s (13 ms once complete).
  :func:`search_ready` and :func:`search_progress` say where it is; a cache without the meta
  key (every cache made before the build in steps) is complete.

Ranking (tiers, then best sellers; why not bm25) and plans are in ``products.py`` and
``product_plans.py``; ``highlight.py`` gives the spans the UI bolds.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.store.cache import Cache

SEARCH_TABLE = "product_search"
_CJK_RANGES = (
    (0x3040, 0x30FF),  # kana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B-G
)
_CJK_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES)
# A query term: a run of CJK characters (a phrase) or of other letters/digits (a word).
TERM = re.compile(f"([{_CJK_CLASS}]+)|([^\\W_{_CJK_CLASS}]+)")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_CJK = re.compile(f"[{chr(0x20000)}-{chr(0x3134F)}]")
MAX_TERMS = 64  # distinct terms kept from a query; more cannot all be in one product anyway


CONTENT_VIEW = f"{SEARCH_TABLE}_content"


def search_table_sql(name: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5(title, shop, category, "
        f"content='{CONTENT_VIEW}', content_rowid='product_rowid', "
        "columnsize=0, detail=full, tokenize='ascii')"
    )


# The document of a product, in SQL (bulk fills) and in Python (feed changes): keep them equal.
DOC_SQL = (
    "wb_search_text(title), wb_search_shop(shop_name), "
    "category1_id || ' ' || category2_id || ' ' || category3_id"
)
FILL_SQL = (
    f"INSERT INTO {{table}} (rowid, title, shop, category) SELECT rowid, {DOC_SQL} FROM {{source}}"
)
_FILL_RANGE = (
    FILL_SQL.format(table=SEARCH_TABLE, source="product") + " WHERE rowid > ? AND rowid <= ?"
)
# What the index holds, as a view of ``product`` (the index's "external content"): it stores
# nothing, and lets the table be scanned and read back (a contentless one with columnsize=0
# cannot be scanned; columnsize=1 would cost 0.8 s of a 1,000,000-product load). Dropped and
# made again around the snapshot swap: ALTER TABLE … RENAME checks every view.
VIEW_SQL = (
    f"CREATE VIEW {CONTENT_VIEW} AS SELECT rowid AS product_rowid, "
    "wb_search_text(title) AS title, wb_search_shop(shop_name) AS shop, "
    "category1_id || ' ' || category2_id || ' ' || category3_id AS category FROM product"
)


def _make_table() -> list[str]:
    """``str.translate`` table of the Basic Multilingual Plane (a list: faster than a dict)."""
    table = [chr(cp) for cp in range(0x10000)]
    for cp in range(0x80, 0x10000):
        if not table[cp].isalnum():
            table[cp] = " "  # punctuation, symbols, spaces: separators (ASCII: FTS5 does it)
    for lo, hi in _CJK_RANGES:
        for cp in range(lo, min(hi, 0xFFFF) + 1):
            table[cp] = f" {chr(cp)} "
    return table


_TABLE: list[str] | None = None  # made on first use (~10 ms, ~4 MB): not at import


def _astral(match: re.Match[str]) -> str:
    ch = match.group()
    if _ASTRAL_CJK.match(ch):
        return f" {ch} "
    return ch if ch.isalnum() else " "


def search_text(text: str) -> str:
    """``text`` as the index sees it: folded, CJK characters spaced out, punctuation blanked."""
    global _TABLE
    if _TABLE is None:
        _TABLE = _make_table()  # a race makes it twice, harmlessly
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)
    if _ASTRAL.search(folded) is None:  # 1.2 µs a title, 2.0 with max(folded): 1M titles
        return folded
    return _ASTRAL.sub(_astral, folded)


SHOP_MARK = "§"  # shop-name tokens are §山 §野: their own doclists, apart from titles


@functools.lru_cache(maxsize=8192)  # a shop's name repeats on each of its products
def _shop_text(name: str) -> str:
    return " ".join(SHOP_MARK + t for t in tokens(name))


def doc_values(title: str, shop_name: str, c1: int, c2: int, c3: int) -> tuple[str, str, str]:
    """The indexed columns of one product, exactly as :data:`DOC_SQL` makes them."""
    return search_text(title), _shop_text(shop_name), f"{c1} {c2} {c3}"


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the index is filled with (each connection that writes needs them)."""
    conn.create_function("wb_search_text", 1, search_text, deterministic=True)
    conn.create_function("wb_search_shop", 1, _shop_text, deterministic=True)


def index_product(conn: sqlite3.Connection, rowid: int, values: tuple[str, str, str]) -> None:
    conn.execute(
        f"INSERT INTO {SEARCH_TABLE} (rowid, title, shop, category) VALUES (?, ?, ?, ?)",
        (rowid, *values),
    )


def unindex_product(conn: sqlite3.Connection, rowid: int, values: tuple[str, str, str]) -> None:
    """Remove a document; ``values`` must be what it was indexed with."""
    conn.execute(
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, title, shop, category) "
        "VALUES ('delete', ?, ?, ?, ?)",
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


# --- building after a snapshot swap, in steps ------------------------------------------------

BUILT_UPTO = "search_built_upto"
"""Meta key: the index holds exactly the products with a rowid up to this; absent: all of them."""
CHUNK = 50_000  # rowids per step: ~0.23 s at 1,000,000 products
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
    """One query term: CJK characters that must stand together, or a word matched as prefix."""

    tokens: tuple[str, ...]
    prefix: bool

    @property
    def fts(self) -> str:
        """This term as an FTS5 phrase of title tokens (every token quoted)."""
        return self._phrase("")

    @property
    def fts_shop(self) -> str:
        """This term as an FTS5 phrase of shop-name tokens."""
        return self._phrase(SHOP_MARK)

    def _phrase(self, mark: str) -> str:
        phrase = '"' + " ".join(mark + t.replace('"', '""') for t in self.tokens) + '"'
        return phrase + " *" if self.prefix else phrase

    def in_tokens(self, tokens: list[str]) -> bool:
        """Whether this term matches a token list the way FTS5 matches it."""
        first = self.tokens[0]
        if self.prefix:
            return any(t.startswith(first) for t in tokens)
        n = len(self.tokens)
        if n == 1:
            return first in tokens
        return any(
            t == first and tuple(tokens[i : i + n]) == self.tokens for i, t in enumerate(tokens)
        )


def parse(keyword: str) -> list[Term]:
    """The distinct terms of a keyword, in order; none for blank or punctuation-only input."""
    folded = unicodedata.normalize("NFKC", keyword).casefold()
    terms: list[Term] = []
    for match in TERM.finditer(folded):
        cjk, word = match.groups()
        term = Term(tuple(cjk), False) if cjk else Term((word,), True)
        if term not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return terms


# What FTS5's ascii tokenizer keeps of search_text's output: ASCII letters/digits, any non-ASCII.
_FTS_TOKEN = re.compile("[0-9a-z\x80-\U0010ffff]+")


def tokens(text: str) -> list[str]:
    """The index tokens of ``text``, as FTS5 sees them (for matching names and rows in Python)."""
    return _FTS_TOKEN.findall(search_text(text))


@functools.lru_cache(maxsize=8192)
def _name_tokens(text: str) -> list[str]:
    return tokens(text)


@dataclass(frozen=True)
class Compiled:
    """A keyword as three nested FTS5 expressions: title ⊆ title-or-shop ⊆ everything."""

    terms: tuple[Term, ...]
    categories: tuple[frozenset[int], ...]  # per term: the category ids it matched
    title: str
    title_shop: str
    everything: str
    has_category: bool

    def tier_of(self, title: str, shop: str, c1: int, c2: int, c3: int) -> int:
        """The tier of one product (-1: no match), in Python: the same answer as FTS5 gives.

        A term's tokens are substrings of the folded text wherever they match, so the title is
        split into tokens only when that holds (~1.3 µs saved a row that lacks them: ~4.5 µs
        → ~3 µs for most rows while the keyword index is being built).
        """
        folded = search_text(title)
        title_tokens: list[str] | None = None
        tier = 0
        for term, ids in zip(self.terms, self.categories, strict=True):
            if all(t in folded for t in term.tokens):
                if title_tokens is None:
                    title_tokens = _FTS_TOKEN.findall(folded)
                if term.in_tokens(title_tokens):
                    continue
            if term.in_tokens(_name_tokens(shop)):
                tier = max(tier, 1)
            elif c1 in ids or c2 in ids or c3 in ids:
                tier = 2
            else:
                return -1
        return tier

    def within(self, expression: str, category: str | None) -> str:
        """``expression`` restricted to a category (:func:`category_phrase`), if any."""
        return expression if category is None else f"({expression}) AND ({{category}} : {category})"

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
    return f'"{int(cid)}"'


def compile_keyword(terms: list[Term], categories: list[tuple[int, str, int | None]]) -> Compiled:
    """FTS5 expressions for ``terms``; ``categories`` are (id, name, parent_id) rows."""
    parent = {cid: pid for cid, _name, pid in categories}
    names = [(cid, tokens(name)) for cid, name, _pid in categories]
    title, title_shop, everything = [], [], []
    per_term: list[frozenset[int]] = []
    has_category = False
    for term in terms:
        title.append(f"({{title}} : {term.fts})")
        title_shop.append(f"(({{title}} : {term.fts}) OR ({{shop}} : {term.fts_shop}))")
        matched = {cid for cid, toks in names if term.in_tokens(toks)}
        kept = sorted(cid for cid in matched if not _has_ancestor_in(cid, matched, parent))
        per_term.append(frozenset(kept))
        if kept:
            has_category = True
            ids = " OR ".join(category_phrase(cid) for cid in kept)
            everything.append(f"({title_shop[-1]} OR ({{category}} : ({ids})))")
        else:
            everything.append(title_shop[-1])
    return Compiled(
        tuple(terms),
        tuple(per_term),
        " AND ".join(title),
        " AND ".join(title_shop),
        " AND ".join(everything),
        has_category,
    )


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
