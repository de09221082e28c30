"""The cache's schema and its migrations, applied in order when a cache is opened.

Each step is plain SQL (or a function, for a step that needs more than SQL) and runs in one transaction with the ``user_version`` bump, so a crash
mid-upgrade leaves the old schema intact. A cache written by a newer app (``user_version`` above
what this code knows) is refused, never touched.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from workbench.store import (
    cut_alerts,
    order_figures,
    orders,
    plan_drops,
    plan_terms,
    review_states,
    search,
)

PRODUCT_COLUMNS = (
    "id", "shop_id", "shop_name", "title", "category1_id", "category2_id", "category3_id",
    "price_fen", "monthly_sales", "stock", "commission_ppm", "service_fee_ppm",
    "guarantee_flags", "status", "listed_at", "version",
)  # fmt: skip

_PRODUCT_TABLE = """
CREATE TABLE {name} (
    id TEXT PRIMARY KEY, shop_id TEXT NOT NULL, shop_name TEXT NOT NULL, title TEXT NOT NULL,
    category1_id INTEGER NOT NULL, category2_id INTEGER NOT NULL, category3_id INTEGER NOT NULL,
    price_fen INTEGER NOT NULL, monthly_sales INTEGER NOT NULL, stock INTEGER NOT NULL,
    commission_ppm INTEGER NOT NULL, service_fee_ppm INTEGER NOT NULL,
    guarantee_flags INTEGER NOT NULL, status TEXT NOT NULL, listed_at TEXT NOT NULL,
    version INTEGER NOT NULL
)"""

_V2_INDEXES = (
    ("product_category3", "category3_id"),
    ("product_commission", "commission_ppm"),
    ("product_price", "price_fen"),
    ("product_sales", "monthly_sales"),
)
FILTER_COLUMNS = (
    "category3_id, price_fen, commission_ppm, monthly_sales, stock, status, guarantee_flags"
)
_V3_INDEXES = (
    # The selection center's filters, covered: a category's products (its prefix) or the
    # whole catalogue are counted and filtered without reading product rows (category + price
    # count 118 → 4 ms; "promotable now" 160 → 60 ms). It serves what product_category3 did.
    ("product_filter", FILTER_COLUMNS),
    ("product_listed_at", "listed_at"),  # sort: newest first
    # Commission per sale (price × rate): its sort and range.
    ("product_commission_per_sale", "price_fen * commission_ppm"),
)
CATEGORY_KEY = "category3_id"
"""The column a sort index may carry after its key (:data:`_CATEGORY_SORTS`)."""
_CATEGORY_SORTS = (
    # The commission-per-sale index carries each product's leaf category after its key, so a
    # walk of a keyword's matches in that order tests "in a category the keyword names" on the
    # index entry and lists only the matches in title or shop name (``product_plans``: 零食 by
    # commission per sale lists 48,652 of its 98,622 matches). Its ties are then ordered by
    # category, so a walk sorts each tie of the key again by rowid: 692 products at most share
    # a key at 1,000,000 products. Not the rate's or the price's index: 51,229 products share
    # a rate and 10,874 a price ("promotable by rate" took 52 ms instead of 1 with it).
    ("product_commission_per_sale", f"price_fen * commission_ppm, {CATEGORY_KEY}"),
)
PRODUCT_INDEXES = (*_V2_INDEXES[1:], *_V3_INDEXES[:2], *_CATEGORY_SORTS)
"""Secondary indexes of the catalogue, built after a snapshot load (never during it).

Each costs ~0.4-1.4 s of the first load at 1,000,000 products; ``product_plans.py`` says which
selection-center query needs which one. Only :data:`SWAP_INDEXES` are built before the swap;
the others after it, with the keyword index (``catalog.index_step``)."""
SWAP_INDEXES = frozenset({"product_sales", "product_filter", "product_listed_at"})
"""Built on staging before the swap (measured at 1,000,000 products): the default view (best
sellers first) walks ``product_sales``; the filters' counts read ``product_filter`` (1.4 s to
build); without ``product_listed_at`` "newest first" scanned the table (2.5 s a page). The
other three (commission rate, price, commission per sale: 1.4 s together) sort and filter on
columns ``product_filter`` covers, so without them a first page took 70-100 ms, not ~1 ms:
they are built after the swap."""


def product_table_sql(name: str) -> str:
    return _PRODUCT_TABLE.format(name=name)


_V1 = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE sync_state (
        scope TEXT PRIMARY KEY, cursor TEXT, last_ok_at TEXT,
        snapshot_cursor TEXT, snapshot_after TEXT, snapshot_total INTEGER,
        reset_generation INTEGER NOT NULL DEFAULT 0, resetting INTEGER NOT NULL DEFAULT 0
    )""",
    product_table_sql("product"),
    """CREATE TABLE category (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, level INTEGER NOT NULL, parent_id INTEGER
    )""",
    """CREATE TABLE shop (
        id TEXT PRIMARY KEY, merchant_id TEXT NOT NULL, name TEXT NOT NULL, score_x10 INTEGER
    )""",
    # What the server confirmed (data NULL: a tombstone that keeps its version).
    """CREATE TABLE record_synced (
        entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT,
        generation INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity, id)
    ) WITHOUT ROWID""",
    # What the user sees: confirmed rows with pending edits replayed on top.
    """CREATE TABLE record (
        entity TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, version INTEGER NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity, id)
    ) WITHOUT ROWID""",
    """CREATE TABLE outbox (
        local_id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER UNIQUE,
        mutation_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, entity TEXT NOT NULL,
        entity_id TEXT NOT NULL, base_version INTEGER, payload TEXT NOT NULL,
        created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT
    )""",
    """CREATE TABLE outbox_touch (
        local_id INTEGER NOT NULL REFERENCES outbox(local_id) ON DELETE CASCADE,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (local_id, entity, entity_id)
    )""",
    "CREATE INDEX outbox_touch_entity ON outbox_touch (entity, entity_id)",
    """CREATE TABLE conflict (
        id INTEGER PRIMARY KEY AUTOINCREMENT, mutation_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL, code TEXT, detail TEXT, mutation_type TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, fields TEXT, mine TEXT, theirs TEXT,
        created_at TEXT NOT NULL, resolved_at TEXT, resolution TEXT
    )""",
]

_V2 = [
    # Every commission rate the cache has seen for a product or a plan, with when: later
    # features alert on cuts from it. History before this version starts at the upgrade.
    """CREATE TABLE commission_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT, subject TEXT NOT NULL, subject_id TEXT NOT NULL,
        rate_ppm INTEGER NOT NULL, seen_at TEXT NOT NULL
    )""",
    "CREATE INDEX commission_history_subject ON commission_history (subject, subject_id, seen_at)",
    *[f"CREATE INDEX IF NOT EXISTS {name} ON product ({col})" for name, col in _V2_INDEXES],
]

_V3 = [
    # The keyword index of the selection center (search.py), filled from the current catalogue.
    f"DROP TABLE IF EXISTS {search.SEARCH_TABLE}",
    f"DROP VIEW IF EXISTS {search.CONTENT_VIEW}",
    search.VIEW_SQL,
    search.search_table_sql(search.SEARCH_TABLE),
    search.FILL_SQL.format(table=search.SEARCH_TABLE, source="product"),
    *[f"CREATE INDEX IF NOT EXISTS {name} ON product ({col})" for name, col in _V3_INDEXES],
    "DROP INDEX IF EXISTS product_category3",  # product_filter starts with its column
    # My listings of one product (the detail panel's "on my channels"), without parsing every
    # listing row; the "hide products on my channels" filter reads them all once instead.
    "CREATE INDEX IF NOT EXISTS record_listing_product ON record "
    "(json_extract(data, '$.product_id')) WHERE entity = 'listing'",
]

_V4 = [
    # The plans of one product (detail panel, the table's plan-type column): general plans reach
    # every creator, so a creator's cache can hold one per promoted product. Without it a lookup
    # reads every plan row: 73 ms a detail at 100,000 plans, 89 ms a 200-row page; with it
    # 0.08 ms and 1.6 ms (product_detail.PLAN_INDEX says how queries name it).
    "CREATE INDEX IF NOT EXISTS record_plan_product ON record "
    "(json_extract(data, '$.product_id')) WHERE entity = 'plan'",
]


def _v5_substring_keywords(conn: sqlite3.Connection) -> None:
    """Keywords became substrings of the folded text (issue 12): the keyword index now holds
    every character of it, spaces and punctuation included (``search.py``). The old documents
    cannot be reused, so the index is made again, empty at build position 0 when there are
    products: the sync engine's ``indexing`` phase fills it in short resumable steps, and
    keyword queries meanwhile give the same answers, more slowly. Opening never waits for it."""
    conn.execute(f"DROP VIEW IF EXISTS {search.CONTENT_VIEW}")
    search.create_empty(conn)
    conn.execute(search.VIEW_SQL)
    if conn.execute("SELECT 1 FROM product LIMIT 1").fetchone() is None:
        search.build_step(conn)  # nothing to index: complete at once


_V6 = [
    # One channel's listings in their order (the channels page, a move): without it every
    # listing row of every channel is parsed, 2.6 s at 20 channels × 10,000 listings.
    "CREATE INDEX IF NOT EXISTS record_listing_channel ON record "
    "(json_extract(data, '$.channel_id'), json_extract(data, '$.position')) "
    "WHERE entity = 'listing'",
]


def _v7_one_column_keywords(conn: sqlite3.Connection) -> None:
    """The keyword index holds a product's title, shop name and categories in one column
    (``search.doc_text``: marked tokens instead of five columns), 31% smaller: made again empty,
    as in v5, and filled in steps by the next sync's ``indexing`` phase."""
    _v5_substring_keywords(conn)


_LISTING_SLOT = [
    # Each listing's place on its channel, typed (store/listings.py): a channel opens by
    # walking this index for its first window (no JSON read of the other 9,800 rows) and a
    # move rewrites one slot. ``records.refresh_many``, the one writer of ``record``, keeps it
    # equal to the visible listing rows. (Not triggers: their text in the schema page made it
    # spill over into a page written late, which a file cut short then loses.)
    "CREATE TABLE IF NOT EXISTS listing_slot (id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, "
    "pinned INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS listing_slot_order ON listing_slot "
    "(channel_id, pinned DESC, position, id)",
    "INSERT OR REPLACE INTO listing_slot (id, channel_id, pinned, position) SELECT id, "
    "coalesce(json_extract(data, '$.channel_id'), ''), "
    "coalesce(json_extract(data, '$.pinned'), 0), coalesce(json_extract(data, '$.position'), 0) "
    "FROM record WHERE entity = 'listing'",
    # The slot's index serves what record_listing_channel did (store/listing_order.py).
    "DROP INDEX IF EXISTS record_listing_channel",
]

_PLAN_CUTS = [
    # A plan's commission cut under notice is history too (issue 10): the rate it falls to,
    # seen when the notice arrived, in force from ``effective_at`` (NULL: in force when seen).
    "ALTER TABLE commission_history ADD COLUMN effective_at TEXT",
]

_CREATED = "julianday(json_extract(data, '$.created_at'))"
_MERCHANT_PAGES = [
    # The merchant's pages (issue 10; store/merchant_pages.py, benchmarks/plans_pages.py): My
    # plans newest first and counted by type, the review queues by state / creator / plan in
    # request order. Without them, at 100,000 plans
    # and 200,000 applications, a page opened in 200-450 ms of CPU (every row's JSON parsed).
    f"CREATE INDEX IF NOT EXISTS record_plan_created ON record ({_CREATED} DESC, id) "
    "WHERE entity = 'plan'",
    "CREATE INDEX IF NOT EXISTS record_plan_type ON record "
    f"(json_extract(data, '$.plan_type'), {_CREATED} DESC, id) WHERE entity = 'plan'",
    "CREATE INDEX IF NOT EXISTS record_application_state ON record "
    f"(json_extract(data, '$.status'), {_CREATED}, id) WHERE entity = 'application'",
    "CREATE INDEX IF NOT EXISTS record_application_creator ON record "
    f"(json_extract(data, '$.creator_id'), {_CREATED}, id) WHERE entity = 'application'",
    "CREATE INDEX IF NOT EXISTS record_application_plan ON record "
    f"(json_extract(data, '$.plan_id'), {_CREATED}, id) WHERE entity = 'application'",
    "CREATE INDEX IF NOT EXISTS record_sample_state ON record "
    f"(json_extract(data, '$.status'), {_CREATED}, id) WHERE entity = 'sample'",
]

_V_PLAN_DROPPED = [
    # Plans that named me and stopped (their rows leave the cache): the listing health check's
    # "targeted plan no longer names me" (plan_drops.py).
    *plan_drops.SCHEMA,
]


def _typed_orders(conn: sqlite3.Connection) -> None:
    """Orders leave the JSON records for typed tables (``store/orders.py``): order lines with
    their daily aggregates, and the creator's settlement lines. The orders already cached are
    converted (fields they did not carry stay empty) and the next sync loads the account's
    order snapshot over them (meta ``orders_snapshot_needed``), keeping the feed's cursor."""
    for statement in orders.SCHEMA:
        conn.execute(statement)
    generation = conn.execute(
        "SELECT reset_generation FROM sync_state WHERE scope = 'account'"
    ).fetchone()
    rows = [
        row
        for (data,) in conn.execute(
            "SELECT data FROM record_synced WHERE entity = 'order' AND data IS NOT NULL"
        )
        for row in orders.line_rows(json.loads(data), int(generation[0]) if generation else 0)
    ]
    conn.executemany(
        f"INSERT OR REPLACE INTO order_line ({', '.join(order_figures.LINE_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in order_figures.LINE_COLUMNS)})",
        rows,
    )
    order_figures.rebuild_days(conn)
    conn.execute("DELETE FROM record_synced WHERE entity = 'order'")
    conn.execute("DELETE FROM record WHERE entity = 'order'")
    if conn.execute("SELECT 1 FROM meta WHERE key = 'account_id'").fetchone() is not None:
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('orders_snapshot_needed', '1')")


_PLAN_TERMS = [
    # Each plan's terms, typed (plan_terms.py): the listing health check reads them instead of
    # parsing every plan's JSON; ``records.refresh_many`` keeps them equal to the plan rows.
    *plan_terms.SCHEMA,
]

_PLAN_TERMS_PAGE = [
    # The creator's Plans page reads plan_term too (store/plans.py): the rate a plan names for
    # me and its cut under notice, typed. At 50,000 plans the page's JSON query took 244 ms p95.
    *plan_terms.REBUILD,
]

_ORDER_LINE_CREATOR = [
    # The review queues' creator summaries (plan_reviews.creator_summaries): the order lines of
    # 200 creators. Without it every order line is read for each window of the queue: 20,000
    # lines, 40-55 ms of a 60 ms open; a merchant with years of orders, seconds.
    orders.CREATOR_INDEX.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1),
]


_ORDER_LINE_SOLD = [
    # The creator's Samples page sorted by return (samples.py): each sample's sales since it
    # arrived, summed in SQL off this covering index. Without it the page read every order line
    # since the oldest arrival into Python: ~1 s at 1,000,000 lines.
    orders.SOLD_INDEX.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1),
]


_REVIEW_STATES = [
    # The merchant's review queues counted by state (merchant_pages.queue_count) and the rail's
    # waiting counts, typed (review_states.py): at 200,000 applications a count by state read
    # every matching row's JSON, ~170 ms of CPU.
    *review_states.SCHEMA,
]


def _category_in_sort_indexes(conn: sqlite3.Connection) -> None:
    """The commission-per-sale index carries the leaf category after its key
    (:data:`_CATEGORY_SORTS`). An empty catalogue gets it at once; else the old one is dropped
    and the sync engine's ``indexing`` phase builds the new one in the background, in a step
    of its own (``catalog.index_step``, 0.8 s of CPU at 1,000,000 products), as after a
    snapshot load: that sort and its range are slower meanwhile, never wrong."""
    keys = {column.rsplit(", ", 1)[0] for _name, column in _CATEGORY_SORTS}  # without it
    for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'product' "
        "AND sql IS NOT NULL"
    ).fetchall():
        columns = str(sql)[str(sql).find("(") + 1 : str(sql).rfind(")")]
        if " ".join(columns.split()) in keys:
            conn.execute(f'DROP INDEX "{name}"')
    if conn.execute("SELECT 1 FROM product LIMIT 1").fetchone() is None:
        for name, column in _CATEGORY_SORTS:
            conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON product ({column})")


def _merged_keyword_index(conn: sqlite3.Connection) -> None:
    """A complete keyword index gets its segments merged into one by the sync engine's
    ``indexing`` phase, in steps (``search.merge_step``); an incomplete one when it is done."""
    if (
        search.indexed_upto(conn) is None
        and conn.execute("SELECT 1 FROM product LIMIT 1").fetchone()
    ):
        search.note_merge_pending(conn)


Migration = list[str] | Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = [
    _V1, _V2, _V3, _V4, _v5_substring_keywords, _V6, _v7_one_column_keywords, _LISTING_SLOT,
    _PLAN_CUTS, _MERCHANT_PAGES, _V_PLAN_DROPPED, _typed_orders, _PLAN_TERMS,
    cut_alerts.schema_step,
    _PLAN_TERMS_PAGE, _ORDER_LINE_CREATOR,
    _category_in_sort_indexes, _merged_keyword_index, _ORDER_LINE_SOLD,
    _REVIEW_STATES,
]  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)


class CacheTooNew(RuntimeError):
    """The cache was written by a newer version of the app."""


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring ``conn``'s database to ``target``; return the version it had."""
    search.register_functions(conn)  # the search index's SQL functions (migrations use them)
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise CacheTooNew(
            f"this cache has schema version {found}, but this app knows only up to "
            f"{SCHEMA_VERSION}: update Shop Workbench (the cache was left untouched)"
        )
    for version in range(found + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            step = MIGRATIONS[version - 1]
            if callable(step):
                step(conn)
            else:
                for statement in step:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite rolls back by itself on some errors (disk full)
                conn.execute("ROLLBACK")
            raise
    return found
