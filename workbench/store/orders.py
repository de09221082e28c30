"""Orders in the cache, typed: one ``order_line`` row per line with its order's fields, the
per-day aggregates kept with them, and the creator's settlement lines.

Rows come from two places. The account feed's ``order`` entries (an order with its lines) are
applied one order at a time (:func:`apply_order`): version-guarded, the order's old lines and
their share of the daily tables taken out and the new ones put in, in the caller's transaction.
A first sync (or a reset) loads the account's order snapshot instead into emptied tables
(:func:`load_lines`, pages of whole orders' lines, each committed with its figures and its
position). :func:`rebuild_days` makes the figures again from the lines (a cache migration, a
sweep after a re-read).

Daily tables (``order_day``: day × creator × channel × scene × gift; ``order_day_product``:
day × product × category × plan × creator, and the same per month, ``order_month_product``:
a year of a big seller's products is ~200,000 day rows but ~16,000 month rows) hold the counted
lines only: an unpaid or cancelled
order is kept for drill-down but counts in no figure (as the server's ``/v1/daily-sales``).
Days are Asia/Shanghai days (the platform's ``ds``) numbered from 1970-01-01; times stay ISO
8601 text, money 分, rates ppm. Keys use ``''`` / ``0`` for none, so that they are unique.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from workbench.contract.sync import SNAPSHOT_COLUMNS, Change
from workbench.core.enums import CommissionStatus, OrderStatus
from workbench.store.changed import Changed

if TYPE_CHECKING:
    from workbench.store.cache import Cache

NOT_COUNTED = (int(OrderStatus.UNPAID), int(OrderStatus.CANCELLED))
SETTLED = int(CommissionStatus.SETTLED)
_EPOCH = date(1970, 1, 1).toordinal()

LINE_COLUMNS = (*SNAPSHOT_COLUMNS["order_line"], "day", "generation")
"""``order_line`` columns: the snapshot's row, then the day and the reset generation."""
_IX = {c: i for i, c in enumerate(LINE_COLUMNS)}
(_STATUS, _COMMISSION, _DAY, _CREATOR, _CHANNEL, _KIND, _SCENE, _GIFT, _CATEGORY, _PLAN) = (
    _IX[c]
    for c in (
        "status", "commission_fen", "day", "creator_id", "channel_id", "channel_kind", "scene",
        "is_present", "category_id", "plan_id",
    )
)  # fmt: skip
_PRODUCT, _CSTATUS, _QUANTITY, _PAID, _REFUND = (
    _IX[c] for c in ("product_id", "commission_status", "quantity", "paid_fen", "refund_fen")
)

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
    """CREATE TABLE order_day (
        day INTEGER NOT NULL, creator_id TEXT NOT NULL, channel_id TEXT NOT NULL,
        channel_kind TEXT NOT NULL, scene INTEGER NOT NULL, gift INTEGER NOT NULL,
        {measures},
        PRIMARY KEY (day, creator_id, channel_id, channel_kind, scene, gift)
    ) WITHOUT ROWID""",
    """CREATE TABLE order_day_product (
        day INTEGER NOT NULL, product_id TEXT NOT NULL, category_id INTEGER NOT NULL,
        plan_id TEXT NOT NULL, creator_id TEXT NOT NULL, cat_orders INTEGER NOT NULL,
        plan_orders INTEGER NOT NULL,
        {measures},
        PRIMARY KEY (day, product_id, category_id, plan_id, creator_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE order_month_product (
        month INTEGER NOT NULL, product_id TEXT NOT NULL, category_id INTEGER NOT NULL,
        plan_id TEXT NOT NULL, creator_id TEXT NOT NULL, cat_orders INTEGER NOT NULL,
        plan_orders INTEGER NOT NULL,
        {measures},
        PRIMARY KEY (month, product_id, category_id, plan_id, creator_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE settlement_line (
        id TEXT PRIMARY KEY, order_line_id TEXT NOT NULL, order_id TEXT NOT NULL,
        creator_id TEXT NOT NULL, merchant_id TEXT NOT NULL, settled_at TEXT NOT NULL,
        base_fen INTEGER NOT NULL, rate_ppm INTEGER NOT NULL, commission_fen INTEGER NOT NULL,
        version INTEGER NOT NULL, generation INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX settlement_line_line ON settlement_line (order_line_id)",
]
MEASURES = ("orders", "lines", "units", "paid_fen", "refund_fen", "commission_fen", "settled_fen")
_MEASURES_SQL = ", ".join(f"{m} INTEGER NOT NULL" for m in MEASURES)
SCHEMA = [s.replace("{measures}", _MEASURES_SQL) for s in SCHEMA]

DAY_KEYS = ("day", "creator_id", "channel_id", "channel_kind", "scene", "gift")
PRODUCT_KEYS = ("day", "product_id", "category_id", "plan_id", "creator_id")
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
    + ", (CAST(strftime('%s', ?3) AS INTEGER) + 28800) / 86400, {generation})"
)
_INSERT_SETTLEMENT = (
    f"INSERT INTO settlement_line ({', '.join(SETTLEMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in SETTLEMENT_COLUMNS)}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in SETTLEMENT_COLUMNS[1:])
    + " WHERE excluded.version >= settlement_line.version"
)


def _upsert_sum(table: str, keys: Sequence[str], extra: Sequence[str] = ()) -> str:
    columns = (*keys, *extra, *MEASURES)
    adds = ", ".join(f"{c} = {c} + excluded.{c}" for c in (*extra, *MEASURES))
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {adds}"
    )


_ADD_DAY = _upsert_sum("order_day", DAY_KEYS)
_ADD_PRODUCT = _upsert_sum("order_day_product", PRODUCT_KEYS, ("cat_orders", "plan_orders"))
_ADD_MONTH = _upsert_sum(
    "order_month_product", ("month", *PRODUCT_KEYS[1:]), ("cat_orders", "plan_orders")
)
_month_of_day: dict[int, int] = {}


def month_day(day: int) -> int:
    """The day number of the first day of ``day``'s month."""
    first = _month_of_day.get(day)
    if first is None:
        first = _month_of_day[day] = date_day(day_date(day).replace(day=1))
    return first


_day_of_date: dict[str, int] = {}


def beijing_day(iso: str) -> int:
    """The Asia/Shanghai day number (days since 1970-01-01) of a UTC ISO 8601 time."""
    prefix = iso[:10]
    day = _day_of_date.get(prefix)
    if day is None:
        day = _day_of_date[prefix] = date.fromisoformat(prefix).toordinal() - _EPOCH
    return day + 1 if int(iso[11:13]) >= 16 else day


def day_date(day: int) -> date:
    return date.fromordinal(day + _EPOCH)


def date_day(d: date) -> int:
    return d.toordinal() - _EPOCH


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
    old_version = max((int(r[_IX["version"]]) for r in old), default=-1)
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


Contributions = tuple[dict[tuple[Any, ...], list[int]], dict[tuple[Any, ...], list[int]]]


def contributions(lines: Iterable[Sequence[Any]]) -> Contributions:
    """What whole orders' lines (``LINE_COLUMNS`` rows, any order) add to the daily tables:
    (``order_day`` keys → measures, ``order_day_product`` keys → cat_orders, plan_orders,
    measures). An order counts once per key, and once per category and per plan (its first
    counted line there, by line id), so sums over any grouping count distinct orders."""
    by_order: dict[str, list[Sequence[Any]]] = {}
    for row in lines:
        if row[_STATUS] not in NOT_COUNTED:
            by_order.setdefault(row[1], []).append(row)
    days: dict[tuple[Any, ...], list[int]] = {}
    products: dict[tuple[Any, ...], list[int]] = {}
    for order_lines in by_order.values():
        if len(order_lines) > 1:
            order_lines.sort(key=lambda r: str(r[0]))
        seen: set[tuple[Any, ...]] = set()
        categories: set[int] = set()
        plans: set[str] = set()
        for row in order_lines:
            commission = row[_COMMISSION]
            day, creator = row[_DAY], row[_CREATOR] or ""
            key = (day, creator, row[_CHANNEL] or "", row[_KIND] or "", row[_SCENE], row[_GIFT])
            category, plan = row[_CATEGORY] or 0, row[_PLAN] or ""
            pkey = (day, row[_PRODUCT], category, plan, creator)
            first = 0 if key in seen else 1
            held = days.get(key)
            if held is None:
                held = days[key] = [0] * 7
            held[0] += first
            seen.add(key)
            pfirst = 0 if pkey in seen else 1
            pheld = products.get(pkey)
            if pheld is None:
                pheld = products[pkey] = [0] * 9
            pheld[0] += 0 if category in categories else 1
            pheld[1] += 0 if plan in plans else 1
            pheld[2] += pfirst
            seen.add(pkey)
            categories.add(category)
            plans.add(plan)
            settled = commission if row[_CSTATUS] == SETTLED else 0
            figures = (1, row[_QUANTITY], row[_PAID], row[_REFUND], commission, settled)
            for i, value in enumerate(figures, start=1):
                held[i] += value
                pheld[i + 2] += value
    return days, products


def add_figures(conn: sqlite3.Connection, found: Contributions, sign: int = 1) -> None:
    """Add (or with ``sign`` -1 take out) contributions to the day and month tables."""
    days, products = found
    if days:
        conn.executemany(_ADD_DAY, [(*k, *(sign * v for v in f)) for k, f in days.items()])
    if not products:
        return
    conn.executemany(_ADD_PRODUCT, [(*k, *(sign * v for v in f)) for k, f in products.items()])
    months: dict[tuple[Any, ...], list[int]] = {}
    for (day, *rest), figures in products.items():
        key = (month_day(day), *rest)
        held = months.get(key)
        if held is None:
            months[key] = list(figures)
        else:
            for i, value in enumerate(figures):
                held[i] += value
    conn.executemany(_ADD_MONTH, [(*k, *(sign * v for v in f)) for k, f in months.items()])


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
    """Empty every order table (a snapshot is loaded into empty tables)."""
    for table in ("order_line", "order_day", "order_day_product", "order_month_product"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM settlement_line")


def load_settlements(cache: Cache, rows: Iterable[Sequence[Any]]) -> int:
    generation = _generation(cache)
    batch = [(*row, generation) for row in rows]
    cache.conn.executemany(_INSERT_SETTLEMENT, batch)
    return len(batch)


_COUNTED = f"status NOT IN ({', '.join(str(s) for s in NOT_COUNTED)})"
_SUMS = (
    "count(*), sum(quantity), sum(paid_fen), sum(refund_fen), sum(commission_fen), "
    f"sum(CASE WHEN commission_status = {SETTLED} THEN commission_fen ELSE 0 END)"
)


_NAMED_SUMS = (
    "count(*) AS lines, sum(quantity) AS units, sum(paid_fen) AS paid_fen, "
    "sum(refund_fen) AS refund_fen, sum(commission_fen) AS commission_fen, "
    f"sum(CASE WHEN commission_status = {SETTLED} THEN commission_fen ELSE 0 END) "
    "AS settled_fen"
)


def _adding(table: str, keys: Sequence[str]) -> str:
    measures = ("cat_orders", "plan_orders", *MEASURES) if table != "order_day" else MEASURES
    adds = ", ".join(f"{c} = {c} + excluded.{c}" for c in measures)
    return f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {adds}"


_MONTH_OF_DAY = (
    "CAST(julianday(date(day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER)"
)


def add_from_lines(conn: sqlite3.Connection, where: str = "1", params: Sequence[Any] = ()) -> None:
    """Add the figures of the order lines ``where`` selects (whole orders) to the day and
    month tables, in SQL: a page of the snapshot, or every line for a rebuild.

    An order counts once per key, and once per category and per plan (its first counted
    line there, by line id), as :func:`contributions` counts it for one order."""
    counted = f"{_COUNTED} AND ({where})"
    conn.execute(
        f"INSERT INTO order_day ({', '.join((*DAY_KEYS, *MEASURES))}) "
        "SELECT day, coalesce(creator_id, ''), coalesce(channel_id, ''), "
        "coalesce(channel_kind, ''), scene, is_present, count(DISTINCT order_id), "
        f"{_SUMS} FROM order_line WHERE {counted} GROUP BY 1, 2, 3, 4, 5, 6"
        + _adding("order_day", DAY_KEYS),
        params,
    )

    # Each line with whether it is its order's first counted line in its category, in its
    # plan and for its product (by line id; the table is clustered by order, so each test is
    # a look at the order's few lines), summed per day key into a temporary table, then
    # added to the day table and, grouped by month, to the month table.
    def earlier(same: str) -> str:
        return (
            "NOT EXISTS (SELECT 1 FROM order_line o WHERE o.order_id = l.order_id "
            f"AND o.id < l.id AND o.{_COUNTED} AND {same})"
        )

    lines = (
        "SELECT day, product_id, coalesce(category_id, 0) AS category_id, "
        "coalesce(plan_id, '') AS plan_id, coalesce(creator_id, '') AS creator_id, quantity, "
        "paid_fen, refund_fen, commission_fen, commission_status, "
        f"{earlier('coalesce(o.category_id, 0) = coalesce(l.category_id, 0)')} AS first_category, "
        f"{earlier('o.plan_id IS l.plan_id')} AS first_plan, "
        f"{earlier('o.product_id = l.product_id')} AS first_product "
        f"FROM order_line l WHERE l.{_COUNTED} AND ({where})"
    )
    columns = ", ".join((*PRODUCT_KEYS[1:], "cat_orders", "plan_orders", *MEASURES))
    conn.execute("DROP TABLE IF EXISTS temp.page_figures")
    conn.execute(
        f"CREATE TEMP TABLE page_figures AS SELECT day, product_id, category_id, plan_id, "
        "creator_id, sum(first_category) AS cat_orders, sum(first_plan) AS plan_orders, "
        f"sum(first_product) AS orders, {_NAMED_SUMS} FROM ({lines}) GROUP BY 1, 2, 3, 4, 5",
        params,
    )
    sums = ", ".join(f"sum({c})" for c in ("cat_orders", "plan_orders", *MEASURES))
    for table, period in (("order_day_product", "day"), ("order_month_product", "month")):
        keys = (period, *PRODUCT_KEYS[1:])
        first = "day" if period == "day" else _MONTH_OF_DAY
        conn.execute(
            f"INSERT INTO {table} ({period}, {columns}) "
            f"SELECT {first}, product_id, category_id, plan_id, creator_id, {sums} "
            "FROM temp.page_figures WHERE true GROUP BY 1, 2, 3, 4, 5" + _adding(table, keys)
        )
    conn.execute("DROP TABLE temp.page_figures")


def rebuild_days(conn: sqlite3.Connection) -> None:
    """The day and month tables made again from ``order_line`` (a migration, a sweep)."""
    for table in ("order_day", "order_day_product", "order_month_product"):
        conn.execute(f"DELETE FROM {table}")
    add_from_lines(conn)


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
