"""Orders in the cache, typed: one ``order_line`` row per line with its order's fields, the
figures kept with them (``order_figures.py``), and the creator's settlement lines.

Rows come from two places. The account feed's ``order`` entries (an order with its lines) are
applied one order at a time (:func:`apply_order`): version-guarded, the order's old lines and
their share of the figures taken out and the new ones put in, in the caller's transaction.
A first sync (or a reset) loads the account's order snapshot instead into emptied tables
(:func:`load_lines`, pages of whole orders' lines, each committed with its figures and its
position), without the secondary indexes (:data:`LOAD_INDEXES`, dropped at its start and built
at its end: one sort instead of a million random b-tree inserts). An unpaid or cancelled order is kept for drill-down but counts in no figure. Times
stay ISO 8601 text, money 分, rates ppm.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workbench.contract.sync import SNAPSHOT_COLUMNS, Change
from workbench.store.changed import Changed
from workbench.store.order_figures import (
    FIGURE_SCHEMA,
    LINE_COLUMNS,
    add_figures,
    add_from_lines,
    beijing_day,
    contributions,
    day_sql,
    rebuild_days,
)

if TYPE_CHECKING:
    from workbench.store.cache import Cache

SCHEMA = [
    # Clustered by order (the snapshot sends whole orders in id order: appends at the end of
    # the b-tree), so an order's lines are one range and there is no separate id index.
    """CREATE TABLE order_line (
        id TEXT NOT NULL, order_id TEXT NOT NULL, created_at TEXT NOT NULL, paid_at TEXT,
        refunded_at TEXT, product_id TEXT NOT NULL, title TEXT NOT NULL, category_id INTEGER,
        shop_id TEXT NOT NULL, merchant_id TEXT NOT NULL, creator_id TEXT, channel_id TEXT,
        channel_kind TEXT, scene INTEGER NOT NULL, plan_id TEXT, is_present INTEGER NOT NULL,
        quantity INTEGER NOT NULL, paid_fen INTEGER NOT NULL, refund_fen INTEGER NOT NULL,
        commission_ppm INTEGER NOT NULL, commission_fen INTEGER NOT NULL,
        commission_status INTEGER NOT NULL, status INTEGER NOT NULL, version INTEGER NOT NULL,
        day INTEGER NOT NULL, generation INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (order_id, id)
    ) WITHOUT ROWID""",
    # Drill-down pages newest first: day is monotonic in created_at, so ORDER BY day DESC,
    # created_at DESC walks this index backwards and stops at the page's end.
    "CREATE INDEX order_line_day ON order_line (day, created_at)",
    *FIGURE_SCHEMA,
    """CREATE TABLE settlement_line (
        id TEXT PRIMARY KEY, order_line_id TEXT NOT NULL, order_id TEXT NOT NULL,
        creator_id TEXT NOT NULL, merchant_id TEXT NOT NULL, settled_at TEXT NOT NULL,
        base_fen INTEGER NOT NULL, rate_ppm INTEGER NOT NULL, commission_fen INTEGER NOT NULL,
        version INTEGER NOT NULL, generation INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX settlement_line_line ON settlement_line (order_line_id)",
]
CREATOR_INDEX = "CREATE INDEX order_line_creator ON order_line (creator_id)"
"""A merchant's queue windows read their creators' lines by it (schema step
``_ORDER_LINE_CREATOR``)."""
SOLD_INDEX = (
    "CREATE INDEX order_line_sold ON order_line (product_id, day, created_at, channel_id, "
    "status, paid_fen, refund_fen, commission_ppm) WHERE channel_id IS NOT NULL"
)
"""A product's lines on my channels from a day on, covered: a creator's Samples page sums each
sample's sales since it arrived off it (``samples.py``; schema step ``_ORDER_LINE_SOLD``). Every
column the sum reads is in it: SQLite 3.40 reads the table for a column an index lacks, even
one that only its ``WHERE`` names (without ``channel_id`` in it the sums took 150-250 ms at
1,000,000 lines instead of ~35 ms of CPU)."""
LOAD_INDEXES = (SCHEMA[1], SCHEMA[-1], CREATOR_INDEX, SOLD_INDEX)
"""The secondary indexes a snapshot loads without (``order_line_day``,
``settlement_line_line``, ``order_line_creator``, ``order_line_sold``): :func:`clear` drops
them, :func:`build_indexes` makes them again."""
_VERSION = LINE_COLUMNS.index("version")
SETTLEMENT_COLUMNS = (*SNAPSHOT_COLUMNS["settlement_line"], "generation")

_INSERT_LINE = (
    f"INSERT INTO order_line ({', '.join(LINE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in LINE_COLUMNS)}) ON CONFLICT (order_id, id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in LINE_COLUMNS[2:])
    + " WHERE excluded.version >= order_line.version"
)
_SNAPSHOT_WIDTH = len(SNAPSHOT_COLUMNS["order_line"])
_LOAD_LINE = (
    f"INSERT OR REPLACE INTO order_line ({', '.join(LINE_COLUMNS)}) VALUES ("
    + ", ".join(f"?{n}" for n in range(1, _SNAPSHOT_WIDTH + 1))
    # day: the Asia/Shanghai day of created_at (parameter 3), in integer arithmetic
    + f", {day_sql('?3')}, {{generation}})"
)
_LOAD_SETTLEMENT = (
    f"INSERT OR REPLACE INTO settlement_line ({', '.join(SETTLEMENT_COLUMNS)}) VALUES ("
    + ", ".join("?" for _ in SNAPSHOT_COLUMNS["settlement_line"])
    + ", {generation})"
)
_INSERT_SETTLEMENT = (
    f"INSERT INTO settlement_line ({', '.join(SETTLEMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in SETTLEMENT_COLUMNS)}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in SETTLEMENT_COLUMNS[1:])
    + " WHERE excluded.version >= settlement_line.version"
)


def _generation(cache: Cache) -> int:
    row = cache.conn.execute(
        "SELECT reset_generation FROM sync_state WHERE scope = 'account'"
    ).fetchone()
    return int(row[0]) if row else 0


# --- the feed ------------------------------------------------------------------------------------
def line_rows(order: dict[str, Any], generation: int) -> list[tuple[Any, ...]]:
    """An order as the feed sends it (``OrderOut``) as ``order_line`` rows."""
    day = beijing_day(str(order["created_at"]))
    rows = []
    for line in order.get("lines") or []:
        rows.append(
            (
                line["id"],
                order["id"],
                order["created_at"],
                order.get("paid_at"),
                line.get("refunded_at"),
                line["product_id"],
                line["title"],
                line.get("category_id"),
                order["shop_id"],
                order["merchant_id"],
                order.get("creator_id"),
                line.get("channel_id"),
                line.get("channel_kind"),
                int(line["scene"]),
                line.get("plan_id"),
                1 if order.get("is_present") else 0,
                int(line["quantity"]),
                int(line["paid_fen"]),
                int(line["refund_fen"]),
                int(line["commission_ppm"]),
                int(line["commission_fen"]),
                int(order["commission_status"]),
                int(order["status"]),
                int(order["version"]),
                day,
                generation,
            )
        )
    return rows


def apply_order(cache: Cache, change: Change, changed: Changed) -> None:
    """One feed entry of an order: its lines replaced and the daily tables moved, if newer."""
    conn = cache.conn
    generation = _generation(cache)
    old = conn.execute(
        f"SELECT {', '.join(LINE_COLUMNS)} FROM order_line WHERE order_id = ?", (change.id,)
    ).fetchall()
    old_version = max((int(r[_VERSION]) for r in old), default=-1)
    if change.op != "delete" and change.data is not None and change.version <= old_version:
        if change.version == old_version:  # seen again in a re-read: not swept at its end
            conn.execute(
                "UPDATE order_line SET generation = ? WHERE order_id = ?", (generation, change.id)
            )
        return
    if change.op == "delete" or change.data is None:
        if not old or change.version < old_version:
            return
        new: list[tuple[Any, ...]] = []
    else:
        new = line_rows(change.data, generation)
    _add_days(cache, old, -1)
    conn.execute("DELETE FROM order_line WHERE order_id = ?", (change.id,))
    conn.executemany(_INSERT_LINE, new)
    _add_days(cache, new, +1)
    changed.add("order", change.id)


def _add_days(cache: Cache, lines: Sequence[Sequence[Any]], sign: int) -> None:
    """Add (``sign`` +1) or take out (-1) one order's lines from the daily tables."""
    add_figures(cache.conn, contributions(lines), sign)


def apply_settlement(cache: Cache, change: Change, changed: Changed) -> None:
    """One feed entry of a settlement line."""
    conn = cache.conn
    if change.op == "delete" or change.data is None:
        gone = conn.execute(
            "DELETE FROM settlement_line WHERE id = ? AND version <= ?", (change.id, change.version)
        )
        if gone.rowcount:
            changed.add("settlement_line", change.id)
        return
    d = change.data
    row = (*(d[c] for c in SNAPSHOT_COLUMNS["settlement_line"]), _generation(cache))
    if conn.execute(_INSERT_SETTLEMENT, row).rowcount:
        changed.add("settlement_line", change.id)


# --- the snapshot --------------------------------------------------------------------------------
def load_lines(cache: Cache, rows: Sequence[Sequence[Any]]) -> int:
    """Snapshot rows (``SNAPSHOT_COLUMNS['order_line']`` order, whole orders, in order id
    order) into ``order_line`` and their figures into the day and month tables; returns how
    many lines.

    The snapshot starts from empty order tables (:func:`clear`) and pages follow each other
    in order id order, so a page's lines are the key range from its first to its last order:
    its figures are summed in SQL over that range (:func:`add_from_lines`). The rows go in as
    parsed, their day computed by SQLite: no Python work per line."""
    if not rows:
        return 0
    conn = cache.conn
    conn.executemany(_LOAD_LINE.format(generation=_generation(cache)), rows)
    add_from_lines(conn, "order_id BETWEEN ? AND ?", (rows[0][1], rows[-1][1]))
    return len(rows)


def clear(conn: sqlite3.Connection) -> None:
    """Empty every order table and drop :data:`LOAD_INDEXES` (a snapshot is loaded into empty
    tables; :func:`build_indexes` at its end)."""
    for sql in LOAD_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {_index_name(sql)}")
    for table in ("order_line", "order_day", "order_day_product", "order_month_product"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM settlement_line")


def build_indexes(conn: sqlite3.Connection) -> None:
    """Make the :data:`LOAD_INDEXES` a snapshot loaded without (none if they are there)."""
    for sql in LOAD_INDEXES:
        conn.execute(sql.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


def _index_name(sql: str) -> str:
    return sql.split()[2]


def load_settlements(cache: Cache, rows: Sequence[Sequence[Any]]) -> int:
    """Snapshot rows (``SNAPSHOT_COLUMNS['settlement_line']`` order) into the emptied table,
    as parsed (the generation is part of the statement)."""
    cache.conn.executemany(_LOAD_SETTLEMENT.format(generation=_generation(cache)), rows)
    return len(rows)


def sweep(cache: Cache, changed: Changed) -> None:
    """After a re-read: drop the lines and settlements it did not send again."""
    generation = _generation(cache)
    conn = cache.conn
    gone = conn.execute(
        "SELECT DISTINCT order_id FROM order_line WHERE generation < ?", (generation,)
    ).fetchall()
    conn.execute("DELETE FROM order_line WHERE generation < ?", (generation,))
    settled = conn.execute(
        "DELETE FROM settlement_line WHERE generation < ? RETURNING id", (generation,)
    ).fetchall()
    for (order_id,) in gone:
        changed.add("order", str(order_id))
    for (row_id,) in settled:
        changed.add("settlement_line", str(row_id))
    if gone:
        rebuild_days(conn)


# --- reads ---------------------------------------------------------------------------------------
def count(cache: Cache) -> int:
    return int(cache.conn.execute("SELECT count(*) FROM order_line").fetchone()[0])


def sales_by_channel(cache: Cache, first_day: int) -> dict[str, tuple[int, int]]:
    """(paid − refunded 分, orders) per channel id from ``first_day`` on (counted orders)."""
    return {
        str(channel): (int(gmv), int(orders))
        for channel, gmv, orders in cache.conn.execute(
            "SELECT channel_id, sum(paid_fen - refund_fen), sum(orders) FROM order_day "
            "WHERE day >= ? AND channel_id <> '' GROUP BY channel_id",
            (first_day,),
        )
    }
