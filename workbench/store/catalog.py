"""The catalogue in the cache: typed product, category and shop tables, the snapshot load, and
the history of commission rates the cache has seen.

The first load is a snapshot into ``product_staging`` (primary key only, 10k-row batches; each
batch commits with its position, so an interrupted load resumes), then the B-tree indexes the
first queries need are built and the staging table replaces ``product`` in one short
transaction: the catalogue can be browsed, filtered and sorted from then on. The keyword index
of the selection center (``search.py``) starts empty at the swap and is filled after it in short
steps, then the remaining B-tree indexes are built, one a step (:func:`index_step`, the sync
engine's ``indexing`` phase). Later changes arrive through the feed, version-guarded, and keep
the keyword index current for the rows it holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.contract.sync import Change, Scope
from workbench.store import search
from workbench.store.changed import Changed
from workbench.store.optimistic import now_iso
from workbench.store.product_plans import index_name
from workbench.store.schema import (
    PRODUCT_COLUMNS,
    PRODUCT_INDEXES,
    SWAP_INDEXES,
    product_table_sql,
)

if TYPE_CHECKING:
    from workbench.store.cache import Cache

ENTITIES = frozenset({"product", "category", "shop"})
_PLACEHOLDERS = ", ".join("?" for _ in PRODUCT_COLUMNS)
_COLUMNS = ", ".join(PRODUCT_COLUMNS)
_UPSERT = (
    f"INSERT INTO product ({_COLUMNS}) VALUES ({_PLACEHOLDERS}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in PRODUCT_COLUMNS[1:])
    + " WHERE excluded.version >= product.version"
)
_RATE_INDEX = PRODUCT_COLUMNS.index("commission_ppm")
_SEARCH_STAGING = f"{search.SEARCH_TABLE}_staging"
# What the keyword index is made of, with the row's rowid (its key there) and its rate.
_INDEXED = (
    "SELECT rowid, title, shop_name, category1_id, category2_id, category3_id, commission_ppm "
    "FROM product WHERE id = ?"
)


def apply_change(cache: Cache, change: Change) -> bool:
    """Apply one catalogue change; True if it changed a row."""
    conn = cache.conn
    if change.entity == "product":
        before = conn.execute(_INDEXED, (change.id,)).fetchone()
        # The index holds the rows up to its build position (all when complete): only those
        # are kept current here; the builder indexes the rest, as they are when it gets there.
        upto = search.indexed_upto(conn) if _has_search_index(cache) else -1
        if change.op == "delete" or change.data is None:
            if before is None:
                return False
            if _held(before[0], upto):
                search.unindex_product(conn, before[0], search.doc_values(*before[1:6]))
            return conn.execute("DELETE FROM product WHERE rowid = ?", (before[0],)).rowcount > 0
        values = tuple(change.data[c] for c in PRODUCT_COLUMNS)
        changed = conn.execute(_UPSERT, values).rowcount > 0
        if changed:
            # An update keeps the row's rowid; a new product gets one above the highest.
            after = conn.execute(_INDEXED, (change.id,)).fetchone()
            if _held(after[0], upto):
                doc = search.doc_values(*after[1:6])
                if before is None:
                    search.index_product(conn, after[0], doc)
                elif (old_doc := search.doc_values(*before[1:6])) != doc:
                    search.unindex_product(conn, before[0], old_doc)
                    search.index_product(conn, after[0], doc)
        if changed and before is not None and before[6] != values[_RATE_INDEX]:
            note_product_rate(cache, change.id, int(before[6]), int(values[_RATE_INDEX]))
        return changed
    if change.entity == "category":
        if change.op == "delete" or change.data is None:
            return conn.execute("DELETE FROM category WHERE id = ?", (int(change.id),)).rowcount > 0
        d = change.data
        conn.execute(
            "INSERT OR REPLACE INTO category (id, name, level, parent_id) VALUES (?, ?, ?, ?)",
            (d["id"], d["name"], d["level"], d["parent_id"]),
        )
        return True
    if change.op == "delete" or change.data is None:
        return conn.execute("DELETE FROM shop WHERE id = ?", (change.id,)).rowcount > 0
    d = change.data
    conn.execute(
        "INSERT OR REPLACE INTO shop (id, merchant_id, name, score_x10) VALUES (?, ?, ?, ?)",
        (d["id"], d["merchant_id"], d["name"], d["score_x10"]),
    )
    return True


def _held(rowid: int, upto: int | None) -> bool:
    """Whether the keyword index holds (and so must follow) the product at ``rowid``."""
    return upto is None or rowid <= upto


def _has_search_index(cache: Cache) -> bool:
    """False only in a cache still at an older schema (tests open those on purpose)."""
    row = cache.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = ?", (search.SEARCH_TABLE,)
    ).fetchone()
    return row is not None


def note_product_rate(cache: Cache, product_id: str, old: int, new: int) -> None:
    """A product's rate changed: keep the old one (if not yet in the history) and the new one."""
    seen = cache.conn.execute(
        "SELECT 1 FROM commission_history WHERE subject = 'product' AND subject_id = ? LIMIT 1",
        (product_id,),
    ).fetchone()
    if seen is None:
        loaded_at = cache.meta("catalog_loaded_at") or now_iso()
        _history(cache, "product", product_id, old, loaded_at)
    _history(cache, "product", product_id, new, now_iso())


def note_plan_rate(cache: Cache, plan_id: str, rate_ppm: int) -> None:
    """Record a plan's rate when it is new to the cache or differs from the last one seen."""
    last = cache.conn.execute(
        "SELECT rate_ppm FROM commission_history WHERE subject = 'plan' AND subject_id = ? "
        "AND effective_at IS NULL ORDER BY id DESC LIMIT 1",
        (plan_id,),
    ).fetchone()
    if last is None or last[0] != rate_ppm:
        _history(cache, "plan", plan_id, rate_ppm, now_iso())


def note_plan_cut(cache: Cache, plan_id: str, rate_ppm: int, effective_at: str) -> None:
    """Record a plan's cut under notice (the rate it falls to, and when), once per notice."""
    seen = cache.conn.execute(
        "SELECT 1 FROM commission_history WHERE subject = 'plan' AND subject_id = ? "
        "AND rate_ppm = ? AND effective_at = ?",
        (plan_id, rate_ppm, effective_at),
    ).fetchone()
    if seen is None:
        _history(cache, "plan", plan_id, rate_ppm, now_iso(), effective_at)


def _history(
    cache: Cache, subject: str, subject_id: str, rate: int, at: str, effective_at: str | None = None
) -> None:
    if effective_at is None:
        cache.conn.execute(
            "INSERT INTO commission_history (subject, subject_id, rate_ppm, seen_at) "
            "VALUES (?, ?, ?, ?)",
            (subject, subject_id, rate, at),
        )
        return
    cache.conn.execute(
        "INSERT INTO commission_history (subject, subject_id, rate_ppm, seen_at, effective_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (subject, subject_id, rate, at, effective_at),
    )


def rate_history(cache: Cache, subject: str, subject_id: str) -> list[tuple[int, str]]:
    """(rate_ppm, seen_at) in the order the cache saw them."""
    rows = cache.conn.execute(
        "SELECT rate_ppm, seen_at FROM commission_history WHERE subject = ? AND subject_id = ? "
        "ORDER BY id",
        (subject, subject_id),
    )
    return [(int(r), str(s)) for r, s in rows]


def product(cache: Cache, product_id: str) -> dict[str, Any] | None:
    row = cache.conn.execute(
        f"SELECT {_COLUMNS} FROM product WHERE id = ?", (product_id,)
    ).fetchone()
    return None if row is None else dict(zip(PRODUCT_COLUMNS, row, strict=True))


def count(cache: Cache) -> int:
    return int(cache.conn.execute("SELECT count(*) FROM product").fetchone()[0])


def begin_snapshot(cache: Cache, cursor: str, total: int) -> None:
    """Start a fresh load into an empty staging table, remembering where the feed resumes."""
    conn = cache.conn
    conn.execute("DROP TABLE IF EXISTS product_staging")
    conn.execute(f"DROP TABLE IF EXISTS {_SEARCH_STAGING}")
    conn.execute(product_table_sql("product_staging"))
    conn.execute("INSERT OR IGNORE INTO sync_state (scope) VALUES (?)", (Scope.CATALOG.value,))
    conn.execute(
        "UPDATE sync_state SET snapshot_cursor = ?, snapshot_after = NULL, snapshot_total = ? "
        "WHERE scope = ?",
        (cursor, total, Scope.CATALOG.value),
    )


def load_page(cache: Cache, rows: list[list[Any]], last_id: str) -> None:
    """One batch into staging, with the position to resume from, in the caller's transaction."""
    cache.conn.executemany(
        f"INSERT OR REPLACE INTO product_staging ({_COLUMNS}) VALUES ({_PLACEHOLDERS})", rows
    )
    cache.conn.execute(
        "UPDATE sync_state SET snapshot_after = ? WHERE scope = ?", (last_id, Scope.CATALOG.value)
    )


def finish_snapshot(cache: Cache, categories: list[list[Any]], shops: list[list[Any]]) -> Changed:
    """Index the staged rows, then swap them in with the feed cursor, in one transaction.

    Only the B-tree indexes of ``schema.SWAP_INDEXES`` are built on staging first (2.5 s at
    1,000,000 products: the default view and the filters' counts need them at once). The
    keyword index is not (it made the first load 23.3 s instead of 16.6): the swap leaves it
    empty, at build position 0, and :func:`index_step` fills it afterwards, then builds the
    other B-tree indexes, while the catalogue is already usable; a keyword query meanwhile
    answers from the part built plus a scan of the rest. ``benchmarks/sync.py`` at 1,000,000
    products over HTTP: usable after 17.2-17.4 s (22.5 s with everything built before the swap,
    same machine and day), the keyword index complete 4.5 s later, the deferred B-tree indexes
    1.2 s after that. This function itself went from ~9 s to 2.2 s (1M staged rows).
    """
    conn = cache.conn
    # Index names are per load: the live table's indexes keep theirs until it is dropped.
    generation = int(cache.meta("catalog_generation") or "0") + 1
    for name, column in PRODUCT_INDEXES:
        if name in SWAP_INDEXES:
            conn.execute(
                f"CREATE INDEX IF NOT EXISTS {name}_g{generation} ON product_staging ({column})"
            )
    with cache.write():
        cursor = conn.execute(
            "SELECT snapshot_cursor FROM sync_state WHERE scope = ?", (Scope.CATALOG.value,)
        ).fetchone()[0]
        conn.execute(f"DROP VIEW IF EXISTS {search.CONTENT_VIEW}")  # RENAME checks views
        conn.execute("DROP TABLE product")
        conn.execute("ALTER TABLE product_staging RENAME TO product")
        conn.execute(f"DROP TABLE IF EXISTS {_SEARCH_STAGING}")  # left by an older version
        search.create_empty(conn)
        conn.execute(search.VIEW_SQL)
        conn.execute("DELETE FROM category")
        conn.executemany(
            "INSERT INTO category (id, name, level, parent_id) VALUES (?, ?, ?, ?)", categories
        )
        conn.execute("DELETE FROM shop")
        conn.executemany(
            "INSERT INTO shop (id, merchant_id, name, score_x10) VALUES (?, ?, ?, ?)", shops
        )
        conn.execute(
            "UPDATE sync_state SET cursor = ?, snapshot_cursor = NULL, snapshot_after = NULL "
            "WHERE scope = ?",
            (cursor, Scope.CATALOG.value),
        )
        cache.set_meta("catalog_loaded_at", now_iso())
        cache.set_meta("catalog_generation", str(generation))
    conn.execute("PRAGMA analysis_limit = 1000")  # statistics from a sample: 0.4 s → 0.02 at 1M
    conn.execute("ANALYZE product")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Changed(catalog_reloaded=True)


def _missing_indexes(cache: Cache) -> list[tuple[str, str]]:
    """The B-tree indexes of ``product`` not built yet (looked up by what they index: caches
    upgraded by a migration have them under names without a generation)."""
    return [
        (name, column) for name, column in PRODUCT_INDEXES if not index_name(cache.conn, column)
    ]


def index_progress(cache: Cache) -> tuple[int, int] | None:
    """(done, total) in products of the indexing after a snapshot (the B-tree indexes and
    the merge, after the keyword index, report it complete); None when all is built."""
    ready = search.search_ready(cache) and not _missing_indexes(cache)
    if ready and not search.merge_pending(cache.conn):
        return None
    return search.search_progress(cache)


def index_step(cache: Cache, rows: int = search.CHUNK) -> bool:
    """One step of the indexing after a snapshot swap, in a transaction of its own: ``rows``
    rowids of the keyword index (:func:`search.build_step`, ~0.25 s at 20,000), then, once
    that is complete, one B-tree index left out before the swap (0.4-0.5 s each), then
    one merge step of the keyword index's segments (:func:`search.merge_step`, ~0.15 s).
    True when all is built. A crash loses only the step under way; the next step redoes it."""
    conn = cache.conn
    with cache.write():
        if not search.search_ready(cache):
            search.build_step(conn, rows)
        elif missing := _missing_indexes(cache):
            name, column = missing[0]
            generation = cache.meta("catalog_generation") or "0"
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name}_g{generation} ON product ({column})")
            conn.execute("PRAGMA analysis_limit = 1000")
            conn.execute(f"ANALYZE {name}_g{generation}")  # statistics, as after the swap
        elif search.merge_pending(conn):
            search.merge_step(conn)  # last: the keyword index's segments merged into one
        complete = index_progress(cache) is None
        cache.hit("index:before-commit")
    return complete


def build_indexes(cache: Cache, rows: int = search.CHUNK) -> None:
    """Finish the indexing after a snapshot, step by step (what the sync engine's ``indexing``
    phase does, without its progress and cancelling)."""
    while not index_step(cache, rows):
        pass
