"""Export products to CSV: chosen rows, or the whole result of a filter in its order.

The file opens in Excel on Windows as well as anywhere else: UTF-8 with a BOM (without it
Excel reads Chinese as mojibake), ``\\r\\n`` lines, fields quoted by the ``csv`` module as
needed (titles with commas, quotes or line breaks survive). A cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading ``'``: a spreadsheet would otherwise run
it as a formula (CSV injection; a merchant writes the titles). Numbers are plain (``12.50``,
``30``, ``12.5``): the headers carry the units, so a spreadsheet reads them as numbers.

The file is written to a temporary file beside the target and moved over it at the end
(``os.replace``): on cancel or error the temporary file is removed and the target is left as it
was. The rows come from one read transaction, so a sync writing meanwhile (on another
connection) cannot shift the windows of a filter's result under the export. Run it off the GUI
thread, on a ``Cache`` of its own; cancel through ``cancel`` (:class:`ExportCancelled`).
"""

from __future__ import annotations

import csv
import functools
import os
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.enums import GuaranteeFlag
from workbench.core.money import fen_to_yuan_text
from workbench.store import products
from workbench.store.products import ProductFilter

if TYPE_CHECKING:
    import sqlite3

    from workbench.store.cache import Cache

__all__ = [
    "COLUMNS",
    "DEFAULT_HEADERS",
    "GUARANTEE_NAMES",
    "ExportCancelled",
    "cells",
    "export_csv",
    "guarantee_text",
    "percent_text",
]

COLUMNS = (
    "id", "title", "shop", "category", "price", "commission_rate", "commission_per_sale",
    "monthly_sales", "stock", "guarantees", "status",
)  # fmt: skip
"""Column keys, in file order (``headers`` maps them to the texts of the header row)."""

DEFAULT_HEADERS: Mapping[str, str] = {
    "id": "ID",
    "title": "Title",
    "shop": "Shop",
    "category": "Category",
    "price": "Price (CNY)",
    "commission_rate": "Commission rate (%)",
    "commission_per_sale": "Commission per sale (CNY)",
    "monthly_sales": "Monthly sales",
    "stock": "Stock",
    "guarantees": "Guarantees",
    "status": "Status",
}

GUARANTEE_NAMES: Mapping[GuaranteeFlag, str] = {
    GuaranteeFlag.SEVEN_DAY_RETURN: "7天无理由",
    GuaranteeFlag.FREIGHT_INSURANCE: "运费险",
    GuaranteeFlag.FANGXIN_MAI: "放心买",
    GuaranteeFlag.DAMAGE_REFUND: "损坏包退",
    GuaranteeFlag.FAKE_PAYS_THREE: "假一赔三",
    GuaranteeFlag.PAY_AFTER_USE: "先用后付",
    GuaranteeFlag.FREE_SHIPPING: "包邮",
}
"""The platform's names of the guarantees, joined by ``、`` in a cell (unknown bits left out)."""

_GUARANTEE_BITS = tuple((int(flag), name) for flag, name in GUARANTEE_NAMES.items())
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PERCENT_PLACES = Decimal("0.01")

Progress = Callable[[int, int], None]


class ExportCancelled(Exception):
    """``cancel`` was set: the export stopped, its temporary file is gone, the target untouched."""


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise :class:`ExportCancelled` once ``cancel`` is set (a writer looks between chunks)."""
    if cancel is not None and cancel.is_set():
        raise ExportCancelled


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` (hidden, unique to this process and call) for the block
    to write; moved over ``path`` when the block ends, removed if it raises: a cancelled or
    failed export leaves the target as it was. Every file export of the app writes this way."""
    temp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
    try:
        yield temp
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def export_csv(
    cache: Cache,
    path: Path,
    *,
    product_ids: list[str] | None = None,
    f: ProductFilter | None = None,
    headers: Mapping[str, str] | None = None,
    statuses: Mapping[str, str] | None = None,
    guarantees: Callable[[int], str] | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    chunk: int = 2000,
) -> int:
    """Write the products to ``path``; the number of product rows written.

    ``product_ids``: these products in this order (ids no longer in the catalogue are skipped);
    else every product ``f`` selects (default: the whole catalogue), in ``f``'s order. Passing
    both is an error. ``headers`` overrides header texts by column key (:data:`COLUMNS`);
    ``statuses`` gives the words for the status values (``listed`` → "在售"; default: the value),
    ``guarantees`` the text of a guarantee-flags cell (default: :func:`guarantee_text`), so a
    file can be in one language, the interface's.
    ``progress(done, total)`` is called once before the first row and after every ``chunk``
    rows; ``total`` is the number of ids given, or the filter's count. ``cancel`` is checked
    before each chunk: once set, :class:`ExportCancelled` is raised.
    """
    if product_ids is not None and f is not None:
        raise ValueError("export either product_ids or a filter's result, not both")
    size = max(1, chunk)
    path = Path(path)
    with (
        replacing(path) as temp,
        _snapshot(cache.conn),
        open(temp, "x", encoding="utf-8-sig", newline="") as out,
    ):
        total, windows = _windows(cache, product_ids, f, size)
        names = {**DEFAULT_HEADERS, **(headers or {})}
        written = _write(cache, csv.writer(out), windows, total, names, statuses or {},
                         guarantees or guarantee_text, progress, cancel)  # fmt: skip
        out.flush()
        os.fsync(out.fileno())
    return written


@contextmanager
def _snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction around the export (joins the caller's, if one is open)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:  # nothing was written: this only ends the read snapshot
            conn.execute("COMMIT")


def _windows(
    cache: Cache, product_ids: list[str] | None, f: ProductFilter | None, size: int
) -> tuple[int, Iterator[list[str]]]:
    """(total, windows of ids in file order)."""
    if product_ids is not None:
        given = list(product_ids)
        return len(given), (given[i : i + size] for i in range(0, len(given), size))
    wanted = f or ProductFilter()
    return products.count(cache, wanted), _filter_windows(cache, wanted, size)


def _filter_windows(cache: Cache, f: ProductFilter, size: int) -> Iterator[list[str]]:
    # Past the first 2,000 rows, products.ids slices the whole ordered result, made once.
    offset = 0
    while window := products.ids(cache, f, offset, size):
        yield window
        offset += len(window)


def _write(
    cache: Cache,
    writer: Any,
    windows: Iterator[list[str]],
    total: int,
    names: Mapping[str, str],
    statuses: Mapping[str, str],
    guarantees: Callable[[int], str],
    progress: Progress | None,
    cancel: threading.Event | None,
) -> int:
    writer.writerow([_cell(names[key]) for key in COLUMNS])
    done = written = 0
    if progress is not None:
        progress(0, total)
    for window in windows:
        check_cancel(cancel)
        found = products.rows_by_ids(cache, window)
        rows = [cells(found[pid], statuses, guarantees) for pid in window if pid in found]
        writer.writerows(rows)
        written += len(rows)
        done += len(window)
        if progress is not None:
            progress(done, total)
    return written


def cells(
    row: Mapping[str, Any],
    statuses: Mapping[str, str] | None = None,
    guarantees: Callable[[int], str] | None = None,
) -> list[str]:
    """A ``products.rows_by_ids`` row as the cells of one CSV line, in :data:`COLUMNS` order.

    Text from the catalogue is guarded against formulas; the figures are made here from
    integers (a negative one would read as a number, not a formula) and are left as they are.
    """
    return [
        _cell(row["id"]),
        _cell(row["title"]),
        _cell(row["shop_name"]),
        _cell(row["category_name"] or ""),
        fen_to_yuan_text(int(row["price_fen"])),
        percent_text(int(row["commission_ppm"])),
        fen_to_yuan_text(int(row["commission_per_sale_fen"])),
        str(row["monthly_sales"]),
        str(row["stock"]),
        (guarantees or guarantee_text)(int(row["guarantee_flags"])),
        _cell((statuses or {}).get(row["status"], row["status"])),
    ]


@functools.lru_cache(maxsize=4096)  # rates repeat across a catalogue (whole percents, mostly)
def percent_text(ppm: int) -> str:
    """A rate in ppm as a percent with at most two decimals, half-up: 125000 → ``12.5``."""
    value = (Decimal(ppm) / 10_000).quantize(_PERCENT_PLACES, rounding=ROUND_HALF_UP)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@functools.lru_cache(maxsize=1024)  # 7 known bits: at most 128 different cells
def guarantee_text(flags: int) -> str:
    """The names of the guarantees set in ``flags``, in bit order, joined by ``、``."""
    return "、".join(name for bit, name in _GUARANTEE_BITS if flags & bit)


def _cell(value: Any) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
