"""CSV export of the selection center: what Excel reads back, in the right order, all or nothing.

Expected cells are computed here from the cache's rows with their own arithmetic (Decimal), so a
formatting slip in ``export`` shows; files are read back with ``csv.reader``.
"""

from __future__ import annotations

import csv
import threading
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from workbench.contract.sync import Change, Scope
from workbench.core.enums import GuaranteeFlag
from workbench.core.ids import uuid7
from workbench.store import export, products, steps
from workbench.store.cache import Cache
from workbench.store.export import ExportCancelled, export_csv
from workbench.store.products import ProductFilter, Sort

NAMES = {
    1: "7天无理由",
    2: "运费险",
    8: "放心买",
    16: "损坏包退",
    32: "假一赔三",
    64: "先用后付",
    128: "包邮",
}
HEADER = [
    "ID", "Title", "Shop", "Category", "Price (CNY)", "Commission rate (%)",
    "Commission per sale (CNY)", "Monthly sales", "Stock", "Guarantees", "Status",
]  # fmt: skip


def _yuan(fen: int) -> str:
    return str((Decimal(fen) / 100).quantize(Decimal("0.01")))


def _percent(ppm: int) -> str:
    value = (Decimal(ppm) / 10_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def _guard(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _expected(row: dict[str, Any]) -> list[str]:
    flags = row["guarantee_flags"]
    return [
        _guard(row["id"]),
        _guard(row["title"]),
        _guard(row["shop_name"]),
        _guard(row["category_name"] or ""),
        _yuan(row["price_fen"]),
        _percent(row["commission_ppm"]),
        _yuan(row["commission_per_sale_fen"]),
        str(row["monthly_sales"]),
        str(row["stock"]),
        "、".join(name for bit, name in NAMES.items() if flags & bit),
        row["status"],
    ]


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A directory of its own for the files of one test (tmp_path holds a test HOME too)."""
    path = tmp_path / "exports"
    path.mkdir()
    return path


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


def _rename(cache: Cache, product_id: str, **fields: Any) -> None:
    row = cache.product(product_id)
    assert row is not None
    data = {**row, **fields, "version": row["version"] + 1}
    change = Change(
        entity="product", id=product_id, version=data["version"], op="upsert", data=data
    )
    steps.apply_changes(cache, Scope.CATALOG, [change], uuid7())


def test_chosen_rows_round_trip_in_the_given_order(shared: Cache, out: Path) -> None:
    chosen = products.ids(shared, ProductFilter(sort=Sort.PRICE), 0, 300)[::-1]
    wanted = [*chosen[:100], "no-such-product", *chosen[100:]]
    target = out / "选品.csv"
    assert export_csv(shared, target, product_ids=wanted, chunk=64) == 300
    rows = products.rows_by_ids(shared, chosen)
    assert _read(target) == [HEADER, *(_expected(rows[pid]) for pid in chosen)]
    assert _leftovers(out, {target.name}) == []


def test_headers_are_the_callers(shared: Cache, out: Path) -> None:
    target = out / "out.csv"
    export_csv(shared, target, product_ids=[], headers={"title": "商品名称", "price": "价格（元）"})
    header = HEADER.copy()
    header[1], header[4] = "商品名称", "价格（元）"
    assert _read(target) == [header]


def test_awkward_text_survives_and_formulas_are_defused(cache: Cache, out: Path) -> None:
    awkward = {
        '逗号, "引号" 和\n换行\r\n的标题': "普通店铺",
        '=HYPERLINK("http://evil.example","点我")': "=cmd|' /C calc'!A0",
        "+86 电话": "-号店",
        "@SUM(A1:A9)": "\t制表店",
        "  =不是开头": "店",
    }
    ids = products.ids(cache, ProductFilter(sort=Sort.PRICE), 0, len(awkward))
    for pid, (title, shop) in zip(ids, awkward.items(), strict=True):
        _rename(cache, pid, title=title, shop_name=shop)
    target = out / "out.csv"
    export_csv(cache, target, product_ids=ids)
    read = _read(target)[1:]
    assert [(r[1], r[2]) for r in read] == [
        ('逗号, "引号" 和\n换行\r\n的标题', "普通店铺"),
        ('\'=HYPERLINK("http://evil.example","点我")', "'=cmd|' /C calc'!A0"),
        ("'+86 电话", "'-号店"),
        ("'@SUM(A1:A9)", "'\t制表店"),
        ("  =不是开头", "店"),
    ]


def test_a_filters_whole_result_in_its_order(shared: Cache, out: Path) -> None:
    f = ProductFilter(keyword="茶")  # relevance: tiers, then sales
    expected = products.ids(shared, f, 0, 100_000)
    assert len(expected) == products.count(shared, f) > 100
    seen: list[tuple[int, int]] = []
    target = out / "tea.csv"
    written = export_csv(shared, target, f=f, chunk=37, progress=lambda d, t: seen.append((d, t)))
    assert written == len(expected)
    rows = products.rows_by_ids(shared, expected)
    assert _read(target) == [HEADER, *(_expected(rows[pid]) for pid in expected)]
    assert seen[0] == (0, len(expected)) and seen[-1] == (len(expected), len(expected))
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})
    assert len(seen) == 1 + -(-len(expected) // 37)


def test_the_whole_catalogue_without_a_filter(shared: Cache, out: Path) -> None:
    target = out / "all.csv"
    assert export_csv(shared, target) == products.count(shared, ProductFilter()) == 3_000
    read = _read(target)
    assert [r[0] for r in read[1:]] == products.ids(shared, ProductFilter(), 0, 100_000)


def test_a_filter_with_no_result_writes_the_header(shared: Cache, out: Path) -> None:
    target = out / "none.csv"
    assert export_csv(shared, target, f=ProductFilter(price_min_fen=10, price_max_fen=5)) == 0
    assert _read(target) == [HEADER]


def test_cancel_midway_leaves_the_target_as_it_was(shared: Cache, out: Path) -> None:
    cancel = threading.Event()
    fresh, kept = out / "fresh.csv", out / "kept.csv"
    kept.write_text("the previous export\n", encoding="utf-8")

    def progress(done: int, _total: int) -> None:
        if done >= 200:
            cancel.set()

    for target in (fresh, kept):
        cancel.clear()
        with pytest.raises(ExportCancelled):
            export_csv(shared, target, progress=progress, cancel=cancel, chunk=100)
    assert not fresh.exists()
    assert kept.read_text(encoding="utf-8") == "the previous export\n"
    assert _leftovers(out, {kept.name}) == []


def test_an_error_midway_leaves_the_target_as_it_was(shared: Cache, out: Path) -> None:
    target = out / "kept.csv"
    target.write_bytes(b"old")

    def failing(done: int, _total: int) -> None:
        if done:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        export_csv(shared, target, f=ProductFilter(keyword="零食"), progress=failing, chunk=50)
    assert target.read_bytes() == b"old"
    assert _leftovers(out, {target.name}) == []
    assert not shared.conn.in_transaction


def test_the_export_reads_one_snapshot_while_sync_writes(cache: Cache, out: Path) -> None:
    """A sync on another connection moves the last product to the top mid-export: the file
    still holds the result as it was when the export began."""
    f = ProductFilter()  # by monthly sales
    before = products.ids(cache, f, 0, 100_000)
    rows_before = products.rows_by_ids(cache, before)
    syncing = Cache.open(cache.path)

    def progress(done: int, _total: int) -> None:
        if done == 500:
            _rename(syncing, before[-1], monthly_sales=10**9, title="新标题")

    try:
        target = out / "out.csv"
        export_csv(cache, target, f=f, progress=progress, chunk=500)
    finally:
        syncing.close()
    read = _read(target)[1:]
    assert read == [_expected(rows_before[pid]) for pid in before]
    assert products.ids(cache, f, 0, 1) == [before[-1]]  # the change is there afterwards


def test_ids_and_a_filter_together_are_refused(shared: Cache, out: Path) -> None:
    with pytest.raises(ValueError, match="not both"):
        export_csv(shared, out / "x.csv", product_ids=["a"], f=ProductFilter())
    assert _leftovers(out, set()) == []


@pytest.mark.parametrize(
    ("ppm", "text"),
    [(0, "0"), (300_000, "30"), (125_000, "12.5"), (123_456, "12.35"), (123_449, "12.34"),
     (5, "0"), (50, "0.01"), (1_000_000, "100"), (99_995, "10")],
)  # fmt: skip
def test_percent_text(ppm: int, text: str) -> None:
    assert export.percent_text(ppm) == text == _percent(ppm)


def test_guarantee_text() -> None:
    assert export.guarantee_text(0) == ""
    flags = (
        GuaranteeFlag.SEVEN_DAY_RETURN
        | GuaranteeFlag.FREIGHT_INSURANCE
        | GuaranteeFlag.FREE_SHIPPING
    )
    assert export.guarantee_text(int(flags)) == "7天无理由、运费险、包邮"
    assert export.guarantee_text(1 << 2 | 1 << 40) == ""  # bits without a name
    assert set(export.GUARANTEE_NAMES.values()) == set(NAMES.values())
