"""Sales analytics (数据) from the cache's order tables: totals, series and breakdowns of a date
range, with the previous period for comparison, and drill-down to the order lines. No Qt.

Figures come from the daily tables ``orders.py`` keeps with the order lines (``order_day``:
day × creator × channel × scene × gift; ``order_day_product``: day × product × category × plan
× creator), so a year is a few thousand rows, not a million lines. Counted orders only (not
unpaid, not cancelled), as the server's ``/v1/daily-sales``:

- ``gmv_fen`` = paid − refunded; ``refund_fen``; ``paid_fen``;
- ``commission_fen``: the estimated commission the lines carry; ``settled_fen``: of lines whose
  commission is settled;
- ``orders``: distinct orders (per product, category or plan: the orders holding at least one
  line of it); ``lines``; ``units`` (quantities).

Days are Asia/Shanghai days; a :class:`Period` is inclusive at both ends. Weeks start on Monday.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workbench.store.order_figures import MEASURES, date_day, day_date

if TYPE_CHECKING:
    from workbench.store.cache import Cache


class Grain(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Preset(StrEnum):
    LAST_7 = "7d"
    LAST_30 = "30d"
    LAST_90 = "90d"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_YEAR = "this_year"
    ALL = "all"


class Breakdown(StrEnum):
    """What a breakdown groups by; the table it reads, and the key column(s)."""

    CHANNEL_KIND = "channel_kind"
    CHANNEL = "channel"
    SCENE = "scene"
    GIFT = "gift"
    CREATOR = "creator"
    PRODUCT = "product"
    CATEGORY = "category"
    PLAN = "plan"
    CREATOR_CHANNEL = "creator_channel"  # the merchant's matrix: creator × channel kind


_DAY_KEYS = {
    Breakdown.CHANNEL_KIND: "channel_kind",
    Breakdown.CHANNEL: "channel_id",
    Breakdown.SCENE: "scene",
    Breakdown.GIFT: "gift",
    Breakdown.CREATOR: "creator_id",
    Breakdown.CREATOR_CHANNEL: "creator_id, channel_kind",
}
_PRODUCT_KEYS = {
    Breakdown.PRODUCT: "product_id",
    Breakdown.CATEGORY: "category_id",
    Breakdown.PLAN: "plan_id",
}
_SUMS = ", ".join(f"sum({m})" for m in MEASURES)
_CATEGORY_SUMS = _SUMS.replace("sum(orders)", "sum(cat_orders)", 1)
_PLAN_SUMS = _SUMS.replace("sum(orders)", "sum(plan_orders)", 1)


@dataclass(frozen=True, slots=True)
class Period:
    first: date
    last: date  # included

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def bounds(self) -> tuple[int, int]:
        return date_day(self.first), date_day(self.last)


@dataclass(frozen=True, slots=True)
class Totals:
    orders: int = 0
    lines: int = 0
    units: int = 0
    paid_fen: int = 0
    refund_fen: int = 0
    commission_fen: int = 0
    settled_fen: int = 0

    @property
    def gmv_fen(self) -> int:
        return self.paid_fen - self.refund_fen

    @classmethod
    def of(cls, values: Iterable[Any]) -> Totals:
        return cls(*(int(v or 0) for v in values))

    def __add__(self, other: Totals) -> Totals:
        # Spelled out: a year of a few keys' days adds thousands of these per read.
        return Totals(
            self.orders + other.orders,
            self.lines + other.lines,
            self.units + other.units,
            self.paid_fen + other.paid_fen,
            self.refund_fen + other.refund_fen,
            self.commission_fen + other.commission_fen,
            self.settled_fen + other.settled_fen,
        )


@dataclass(frozen=True, slots=True)
class Change:
    """A measure now and in the previous period: Δ and the percentage (None from zero)."""

    now: int
    before: int

    @property
    def delta(self) -> int:
        return self.now - self.before

    @property
    def percent(self) -> float | None:
        return None if self.before == 0 else 100.0 * self.delta / abs(self.before)


def preset_period(preset: Preset, today: date, first_day: date | None = None) -> Period:
    """The days a preset covers, ``today`` included; ``ALL`` starts at the first order's day."""
    if preset is Preset.LAST_7:
        return Period(today - timedelta(days=6), today)
    if preset is Preset.LAST_30:
        return Period(today - timedelta(days=29), today)
    if preset is Preset.LAST_90:
        return Period(today - timedelta(days=89), today)
    if preset is Preset.THIS_MONTH:
        return Period(today.replace(day=1), today)
    if preset is Preset.LAST_MONTH:
        end = today.replace(day=1) - timedelta(days=1)
        return Period(end.replace(day=1), end)
    if preset is Preset.THIS_YEAR:
        return Period(today.replace(month=1, day=1), today)
    return Period(min(first_day or today, today), today)


def previous_period(period: Period) -> Period:
    """The period to compare with: the previous calendar month for a month (or its first
    days: the same days of that month), else the same number of days just before."""
    first = period.first
    if first.day == 1 and period.last.month == first.month and period.last.year == first.year:
        before_end = first - timedelta(days=1)
        start = before_end.replace(day=1)
        end = min(start + timedelta(days=period.days - 1), before_end)
        return Period(start, end)
    return Period(first - timedelta(days=period.days), first - timedelta(days=1))


def first_day(cache: Cache) -> date | None:
    """The first day with an order in the cache (the start of ``ALL``)."""
    row = cache.conn.execute("SELECT min(day) FROM order_day").fetchone()
    return None if row[0] is None else day_date(int(row[0]))


def totals(cache: Cache, period: Period) -> Totals:
    row = cache.conn.execute(
        f"SELECT {_SUMS} FROM order_day WHERE day BETWEEN ? AND ?", period.bounds()
    ).fetchone()
    return Totals.of(row)


def compare(cache: Cache, period: Period) -> dict[str, Change]:
    """Every measure (and GMV) now against the previous period."""
    now, before = totals(cache, period), totals(cache, previous_period(period))
    names = [*(f.name for f in fields(Totals)), "gmv_fen"]
    return {n: Change(int(getattr(now, n)), int(getattr(before, n))) for n in names}


def bucket(day: date, grain: Grain) -> date:
    """The first day of the day's bucket."""
    if grain is Grain.DAY:
        return day
    if grain is Grain.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def series(cache: Cache, period: Period, grain: Grain) -> list[tuple[date, Totals]]:
    """Totals per bucket over the period, every bucket present (zeros where nothing sold)."""
    by_day = {
        int(day): Totals.of(rest)
        for day, *rest in cache.conn.execute(
            f"SELECT day, {_SUMS} FROM order_day WHERE day BETWEEN ? AND ? GROUP BY day",
            period.bounds(),
        )
    }
    return _bucketed(by_day, period, grain)


_ZERO = Totals()


def _bucketed(by_day: dict[int, Totals], period: Period, grain: Grain) -> list[tuple[date, Totals]]:
    starts = _bucket_starts(*period.bounds(), grain)
    out: dict[date, Totals] = dict.fromkeys(dict.fromkeys(starts.values()), _ZERO)
    for day, totals in by_day.items():
        start = starts.get(day)
        if start is not None:
            held = out[start]
            out[start] = totals if held is _ZERO else held + totals
    return list(out.items())


@functools.lru_cache(maxsize=32)
def _bucket_starts(first: int, last: int, grain: Grain) -> dict[int, date]:
    """Each day number of the range → the first day of its bucket, in day order (kept: every
    key of a stacked series asks for the same range; callers only read it)."""
    return {day: bucket(day_date(day), grain) for day in range(first, last + 1)}


def breakdown(cache: Cache, period: Period, by: Breakdown) -> list[tuple[Any, Totals]]:
    """Totals per key over the period, biggest GMV first (keys: ``''`` / 0 for none; a
    creator × channel cell's key is ``(creator_id, channel_kind)``).

    Product, category and plan read the whole months inside the period from the monthly table
    and only the days at its ends from the daily one (a year: ~16,000 rows, not ~200,000)."""
    sql, params = _grouped(by, "", period) if by in _DAY_KEYS else _by_months(by, period)
    rows = [
        (_key(by, row), Totals.of(row[by_width(by) :])) for row in cache.conn.execute(sql, params)
    ]
    rows.sort(key=lambda kv: (-kv[1].gmv_fen, str(kv[0])))
    return rows


def breakdown_series(
    cache: Cache, period: Period, by: Breakdown, grain: Grain
) -> dict[Any, list[tuple[date, Totals]]]:
    """Per key, its totals per bucket (stacked charts, the gift trend)."""
    sql, params = _grouped(by, "day, ", period)
    per_key: dict[Any, dict[int, Totals]] = {}
    width = by_width(by)
    for day, *row in cache.conn.execute(sql, params):
        per_key.setdefault(_key(by, row), {})[int(day)] = Totals.of(row[width:])
    return {key: _bucketed(days, period, grain) for key, days in per_key.items()}


def _by_months(by: Breakdown, period: Period) -> tuple[str, tuple[int, ...]]:
    """The breakdown's SQL over the monthly table: whole months, plus the days of a partial
    month at either end, or (when most of that month is inside) the month less its days
    outside (a day row's figures are a share of its month's: an order has one day)."""
    first, last = period.bounds()
    head = date_day(period.first.replace(day=1))  # the first month's first day
    tail = date_day(_next_month(period.last))  # the day after the last month
    if head == date_day(period.last.replace(day=1)) and (first > head or last < tail - 1):
        return _grouped(by, "", period)  # a part of one month: its days
    months_from, months_to = head, tail  # months in [from, to), as read
    added: list[tuple[int, int]] = []  # day ranges read on top
    taken: list[tuple[int, int]] = []  # day ranges taken off
    if first > head:  # the first month is partial
        inside = min(last, date_day(_next_month(period.first)) - 1) - first + 1
        if inside <= first - head:
            months_from = date_day(_next_month(period.first))
            added.append((first, months_from - 1))
        else:
            taken.append((head, first - 1))
    last_month = date_day(period.last.replace(day=1))
    if last < tail - 1:  # the last month is partial
        if last - last_month + 1 <= tail - 1 - last:
            months_to = last_month
            added.append((last_month, last))
        else:
            taken.append((last + 1, tail - 1))
    keys = _PRODUCT_KEYS[by]
    sums = {Breakdown.CATEGORY: _CATEGORY_SUMS, Breakdown.PLAN: _PLAN_SUMS}.get(by, _SUMS)
    figures = ("cat_orders", "plan_orders", *MEASURES)
    parts = [f"SELECT {keys}, {', '.join(figures)} FROM order_month_product "
             "WHERE month >= ? AND month < ?"]  # fmt: skip
    params: list[int] = [months_from, months_to]
    for ranges, sign in ((added, ""), (taken, "-")):
        if ranges:
            parts.append(
                f"SELECT {keys}, {', '.join(sign + f for f in figures)} FROM order_day_product "
                f"WHERE {' OR '.join('day BETWEEN ? AND ?' for _ in ranges)}"
            )
            params += [d for r in ranges for d in r]
    # A key sold only on days taken off sums to nothing: not in the period.
    sql = (
        f"SELECT {keys}, {sums} FROM ({' UNION ALL '.join(parts)}) GROUP BY {keys} "
        "HAVING sum(lines) <> 0"
    )
    return sql, tuple(params)


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def by_width(by: Breakdown) -> int:
    return 2 if by is Breakdown.CREATOR_CHANNEL else 1


def _key(by: Breakdown, row: Any) -> Any:
    return (row[0], row[1]) if by is Breakdown.CREATOR_CHANNEL else row[0]


def _grouped(by: Breakdown, extra: str, period: Period) -> tuple[str, tuple[int, int]]:
    if by in _DAY_KEYS:
        keys, table, sums = _DAY_KEYS[by], "order_day", _SUMS
    else:
        keys, table = _PRODUCT_KEYS[by], "order_day_product"
        sums = {Breakdown.CATEGORY: _CATEGORY_SUMS, Breakdown.PLAN: _PLAN_SUMS}.get(by, _SUMS)
    sql = (
        f"SELECT {extra}{keys}, {sums} FROM {table} WHERE day BETWEEN ? AND ? "
        f"GROUP BY {extra}{keys}"
    )
    return sql, period.bounds()


@dataclass(frozen=True, slots=True)
class GiftShare:
    start: date
    gift_orders: int
    orders: int
    gift_gmv_fen: int
    gmv_fen: int

    @property
    def order_share(self) -> float:
        return self.gift_orders / self.orders if self.orders else 0.0

    @property
    def gmv_share(self) -> float:
        return self.gift_gmv_fen / self.gmv_fen if self.gmv_fen else 0.0


def gift_trend(
    cache: Cache, period: Period, grain: Grain, *, whole: list[tuple[date, Totals]] | None = None
) -> list[GiftShare]:
    """Gift orders (送礼物) and their GMV against all, per bucket (every bucket present);
    ``whole``: the period's :func:`series` when the caller has read it already."""
    gifts = dict(breakdown_series(cache, period, Breakdown.GIFT, grain).get(1, []))
    if whole is None:
        whole = series(cache, period, grain)
    return [
        GiftShare(
            start,
            gifts.get(start, Totals()).orders,
            all_orders.orders,
            gifts.get(start, Totals()).gmv_fen,
            all_orders.gmv_fen,
        )
        for start, all_orders in whole
    ]


# --- drill-down ----------------------------------------------------------------------------------
LINE_FIELDS = (
    "id", "order_id", "created_at", "product_id", "title", "category_id", "creator_id",
    "channel_id", "channel_kind", "scene", "plan_id", "is_present", "quantity", "paid_fen",
    "refund_fen", "commission_ppm", "commission_fen", "commission_status", "status",
)  # fmt: skip
_FILTERS = {
    Breakdown.CHANNEL_KIND: "coalesce(channel_kind, '')",
    Breakdown.CHANNEL: "coalesce(channel_id, '')",
    Breakdown.SCENE: "scene",
    Breakdown.GIFT: "is_present",
    Breakdown.CREATOR: "coalesce(creator_id, '')",
    Breakdown.PRODUCT: "product_id",
    Breakdown.CATEGORY: "coalesce(category_id, 0)",
    Breakdown.PLAN: "coalesce(plan_id, '')",
}


def lines(
    cache: Cache,
    period: Period,
    where: dict[Breakdown, Any] | None = None,
    *,
    counted_only: bool = True,
    limit: int = 200,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The order lines behind a figure (a breakdown's key, a matrix cell: several keys), newest
    first: the drill-down. ``counted_only``: as the figures count (no unpaid or cancelled)."""
    tests = ["day BETWEEN ? AND ?"]
    params: list[Any] = list(period.bounds())
    for by, value in (where or {}).items():
        if by is Breakdown.CREATOR_CHANNEL:
            creator, kind = value
            tests += [
                f"{_FILTERS[Breakdown.CREATOR]} = ?",
                f"{_FILTERS[Breakdown.CHANNEL_KIND]} = ?",
            ]
            params += [creator, kind]
        else:
            tests.append(f"{_FILTERS[by]} = ?")
            params.append(value)
    if counted_only:
        tests.append("status NOT IN (10, 250)")
    sql = (
        f"SELECT {', '.join(LINE_FIELDS)} FROM order_line WHERE {' AND '.join(tests)} "
        "ORDER BY day DESC, created_at DESC, id LIMIT ? OFFSET ?"
    )
    return [
        dict(zip(LINE_FIELDS, row, strict=True))
        for row in cache.conn.execute(sql, (*params, limit, offset))
    ]
