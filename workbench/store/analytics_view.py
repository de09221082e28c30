"""What the 数据 page reads besides the figures of ``analytics.py``: names for the keys of a
breakdown (channels, plans, categories, products, creators by their profiles) and the orders view's filtered,
paged order lines (status and commission status too, which the drill-down does not filter).
No Qt; runs on the reader's lanes.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.money import fen_to_yuan_text
from workbench.store.analytics import LINE_FIELDS, Breakdown, Period
from workbench.store.creator_names import creator_names
from workbench.store.export import check_cancel, replacing

if TYPE_CHECKING:
    from workbench.store.cache import Cache


def labels(cache: Cache, by: Breakdown, keys: Iterable[Any]) -> dict[Any, str]:
    """A display name per key where the cache knows one (the caller falls back to the key).
    Creators are named by their profiles in a merchant's feed (``creator_names``)."""
    wanted = [k for k in keys if k not in (None, "", 0)]
    if not wanted:
        return {}
    if by is Breakdown.CREATOR:
        return dict(creator_names(cache, wanted))
    marks = ", ".join("?" for _ in wanted)
    if by is Breakdown.CATEGORY:
        sql = f"SELECT id, name FROM category WHERE id IN ({marks})"
    elif by is Breakdown.PRODUCT:  # the catalogue's title (one lookup a key, no line scan)
        sql = f"SELECT id, title FROM product WHERE id IN ({marks})"
    elif by is Breakdown.CHANNEL:
        sql = (
            "SELECT id, json_extract(data, '$.name') "
            f"FROM record WHERE entity = 'channel' AND id IN ({marks})"
        )
    elif by is Breakdown.PLAN:  # a plan has no name: its product's title
        sql = (
            "SELECT r.id, p.title FROM record r JOIN product p "
            "ON p.id = json_extract(r.data, '$.product_id') "
            f"WHERE r.entity = 'plan' AND r.id IN ({marks})"
        )
    else:
        return {}
    return {key: str(name) for key, name in cache.conn.execute(sql, wanted) if name}


@dataclass(frozen=True)
class LineFilter:
    """The orders view's filters; None: any."""

    period: Period
    channel_kind: str | None = None
    scene: int | None = None
    status: int | None = None
    commission_status: int | None = None
    gift: bool | None = None
    creator_id: str | None = None
    product_id: str | None = None
    category_id: int | None = None
    plan_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        tests, params = ["day BETWEEN ? AND ?"], list[Any](self.period.bounds())
        for column, value in (
            ("coalesce(channel_kind, '')", self.channel_kind),
            ("scene", self.scene),
            ("status", self.status),
            ("commission_status", self.commission_status),
            ("is_present", None if self.gift is None else int(self.gift)),
            ("coalesce(creator_id, '')", self.creator_id),
            ("product_id", self.product_id),
            ("coalesce(category_id, 0)", self.category_id),
            ("coalesce(plan_id, '')", self.plan_id),
        ):
            if value is not None:
                tests.append(f"{column} = ?")
                params.append(value)
        return " AND ".join(tests), params


def count_lines(cache: Cache, flt: LineFilter) -> int:
    where, params = flt.where()
    sql = f"SELECT count(*) FROM order_line WHERE {where}"
    return int(cache.conn.execute(sql, params).fetchone()[0])


def line_window(cache: Cache, flt: LineFilter, offset: int, limit: int) -> list[tuple[Any, ...]]:
    """Lines ``offset`` … ``offset + limit`` of the filter, newest first (``LINE_FIELDS``)."""
    where, params = flt.where()
    sql = (
        f"SELECT {', '.join(LINE_FIELDS)} FROM order_line WHERE {where} "
        "ORDER BY day DESC, created_at DESC, id LIMIT ? OFFSET ?"
    )
    return [tuple(row) for row in cache.conn.execute(sql, (*params, limit, offset))]


MONEY_FIELDS = frozenset({"paid_fen", "refund_fen", "commission_fen"})


def export_lines(
    cache: Cache,
    flt: LineFilter,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    total: int | None = None,
    chunk: int = 5000,
) -> int:
    """Write the filtered lines as CSV (yuan with two decimals, UTF-8 with BOM) through a
    temporary file renamed into place; returns the rows written. ``progress(done, total)``
    every ``chunk`` rows (``total``: the filter's count, counted here when not given);
    ``cancel`` is looked at as often (set: the temporary file goes, ``path`` is left as it
    was, :class:`~workbench.store.export.ExportCancelled`); an error removes it too."""
    where, params = flt.where()
    sql = (
        f"SELECT {', '.join(LINE_FIELDS)} FROM order_line WHERE {where} "
        "ORDER BY day DESC, created_at DESC, id"
    )
    if progress is not None and total is None:
        total = count_lines(cache, flt)
    money = [i for i, f in enumerate(LINE_FIELDS) if f in MONEY_FIELDS]
    count = 0
    with (
        replacing(path) as temporary,
        temporary.open("w", encoding="utf-8-sig", newline="") as handle,
    ):
        out = csv.writer(handle)
        out.writerow(LINE_FIELDS)
        for row in cache.conn.execute(sql, params):
            if count % chunk == 0:
                check_cancel(cancel)
                if progress is not None and count:
                    progress(count, total or count)
            values = list(row)
            for i in money:
                values[i] = fen_to_yuan_text(int(values[i] or 0))
            out.writerow(values)
            count += 1
        check_cancel(cancel)
    return count
