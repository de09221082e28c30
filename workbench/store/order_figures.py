"""The figures of the order lines: per-day (and per-month) sums the analytics read.

``order_day`` (day × creator × channel × scene × gift) and ``order_day_product`` (day ×
product × category × plan × creator), and the latter per month, ``order_month_product`` (a
year of a big seller's products is ~200,000 day rows but ~16,000 month rows). Counted lines
only (not unpaid, not cancelled, as the server's ``/v1/daily-sales``). An order counts once
per key, and once per category and per plan (its first counted line there, by line id), so a
sum over any grouping counts distinct orders.

Two makers with one rule: :func:`contributions` in Python, for the feed's one order at a time
(added or taken out with :func:`add_figures`), and :func:`add_from_lines` in SQL, for a
snapshot page (a range of whole orders) or a rebuild of everything (:func:`rebuild_days`).
Days are Asia/Shanghai days numbered from 1970-01-01 (:func:`beijing_day`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from workbench.contract.sync import SNAPSHOT_COLUMNS
from workbench.core.enums import CommissionStatus, OrderStatus

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

MEASURES = ("orders", "lines", "units", "paid_fen", "refund_fen", "commission_fen", "settled_fen")
_MEASURES_SQL = ", ".join(f"{m} INTEGER NOT NULL" for m in MEASURES)

DAY_KEYS = ("day", "creator_id", "channel_id", "channel_kind", "scene", "gift")
PRODUCT_KEYS = ("day", "product_id", "category_id", "plan_id", "creator_id")

FIGURE_SCHEMA = [
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
]
FIGURE_SCHEMA = [s.replace("{measures}", _MEASURES_SQL) for s in FIGURE_SCHEMA]


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


def day_sql(time: str) -> str:
    """:func:`beijing_day` in SQL, of the UTC ISO 8601 time the expression ``time`` gives."""
    return f"((CAST(strftime('%s', {time}) AS INTEGER) + 28800) / 86400)"


def day_date(day: int) -> date:
    return date.fromordinal(day + _EPOCH)


def date_day(d: date) -> int:
    return d.toordinal() - _EPOCH


# --- one order at a time (the feed) --------------------------------------------------------------
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


# --- many orders at once (a snapshot page, a rebuild) -------------------------------------------
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
