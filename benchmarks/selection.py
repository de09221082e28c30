"""Selection-center figures (选品中心) on a cache of 1,000,000 products, beside a LIKE reference.

    .venv/bin/python benchmarks/selection.py [--products 1000000] [--runs 7]
        [--server-db PATH] [--cache PATH]

Without ``--cache`` (or when that file does not exist yet) a server database is seeded
(``workbench-server seed``, or ``--server-db`` reused) and its catalogue loaded into a new cache
through the snapshot path, in-process, as sync's first load does: ``begin_snapshot``, 10k-row
``load_snapshot_page`` batches, ``finish_snapshot``, then the deferred indexing steps. Each measured step runs in a child process,
so its peak memory is its own. Printed:

- ``load``: staging seconds, ``finish_snapshot`` seconds (until the catalogue is usable), then
  the deferred indexing (``catalog.build_indexes``: keyword index + three B-tree indexes);
  the size on disk of the keyword index and of each product index.
- with ``--cache`` made by an older version: the indexes its schema upgrade left to the sync
  engine's indexing phase, built first (seconds of CPU and wall), as a first sync would.
- per query (20 realistic ones, each ``--runs`` times after one warm-up): the time to the first
  50 rows (ids + rows, :func:`products.first_page`), median and p95; the time of the count and
  the count; ``scan`` when a plan reads the product table without an index. Targets: p95 < 50
  ms, median < 15 ms (first 50 rows). The keyword-only queries also run as a plain
  ``LIKE '%kw%'`` on title and shop name (first 50 by sales + count, 3 runs): its medians and
  the ratio LIKE ÷ ours. (LIKE finds no category-name matches, so its counts can be lower.)
- ``overall``: median and p95 over every run of every query.
- ``scroll``: a child drives the real table model (``ui/selection/model.py``, offscreen Qt, its
  reading lanes) over the whole 1,000,000-row result, window by window as painting asks for
  them (rows with their marks: plan type, placement, favourite): seconds and the child's peak
  RSS (``resource.getrusage``; target < 400 MB).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _seeding import measured_size, seeded_server  # the script's folder is on sys.path

LISTINGS = 500  # "my channels" carry this many products, for the hide-listed filter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--server-db", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        out = {"load": _load, "queries": _queries, "scroll": _scroll}[args.child](args)
        print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0

    work = Path(tempfile.mkdtemp(prefix="wb-selection-"))
    cache = args.cache or work / "cache.sqlite3"
    if not cache.exists():
        server_db = seeded_server(args.server_db or work / "server.sqlite3", args.products,
                                  quiet=True)  # fmt: skip
        measured_size(server_db, args.products, what="the server database")
        load = _child("load", "--server-db", str(server_db), "--cache", str(cache))
        print(
            f"load: {load['rows']:,} products; staging {load['staging_s']:.1f} s, "
            f"finish_snapshot {load['finish_s']:.1f} s, then indexing {load['search_s']:.1f} s; "
            f"peak rss {load['peak_rss_mb']:.0f} MB"
        )
        print("  on disk: " + ", ".join(f"{k} {v:.0f} MB" for k, v in load["sizes_mb"].items()))
    measured_size(cache, args.products, what="the cache measured")
    queries = _child("queries", "--cache", str(cache), "--runs", str(args.runs))
    _report(queries)
    scroll = _child("scroll", "--cache", str(cache))
    print(
        f"scroll: {scroll['rows']:,} rows in pages of 200, {scroll['seconds']:.1f} s "
        f"({scroll['ms_per_page']:.2f} ms a page); peak rss {scroll['peak_rss_mb']:.0f} MB "
        f"(before paging {scroll['start_rss_mb']:.0f} MB; target < 400)"
    )
    return 0


def _child(step: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", step, *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the load, as sync's first load does it -------------------------------------------------


def _load(args: argparse.Namespace) -> dict[str, Any]:
    from workbench.contract.sync import SNAPSHOT_COLUMNS
    from workbench.store import catalog, steps
    from workbench.store.cache import Cache

    src = sqlite3.connect(f"file:{args.server_db}?mode=ro", uri=True)
    cols = ", ".join(
        "s.name" if c == "shop_name" else f"p.{c}" for c in SNAPSHOT_COLUMNS["product"]
    )
    at = SNAPSHOT_COLUMNS["product"].index("listed_at")
    total = src.execute("SELECT count(*) FROM product").fetchone()[0]
    cache = Cache.open(args.cache)
    started = time.perf_counter()
    steps.begin_snapshot(cache, "bench", total)
    cur = src.execute(f"SELECT {cols} FROM product p JOIN shop s ON s.id = p.shop_id ORDER BY p.id")
    while rows := cur.fetchmany(10_000):
        page = [list(r) for r in rows]
        for r in page:  # "2025-01-02 03:04:05.000000" → "2025-01-02T03:04:05Z", as on the wire
            r[at] = f"{r[at][:10]}T{r[at][11:19]}Z"
        steps.load_snapshot_page(cache, page, str(page[-1][0]))
    staged = time.perf_counter()
    categories = [list(r) for r in src.execute("SELECT id, name, level, parent_id FROM category")]
    shops = [list(r) for r in src.execute("SELECT id, merchant_id, name, score_x10 FROM shop")]
    steps.finish_snapshot(cache, categories, shops)
    finished = time.perf_counter()
    catalog.build_indexes(cache)  # the sync engine's "indexing" phase, after the swap
    indexed = time.perf_counter()
    _list_some(cache)
    sizes = {
        str(name): int(size) / 1e6
        for name, size in cache.conn.execute(
            "SELECT CASE WHEN name LIKE 'product_search%' THEN 'keyword index' ELSE name END AS n,"
            " sum(pgsize) FROM dbstat WHERE name LIKE 'product%' GROUP BY n ORDER BY 2 DESC"
        )
    }
    return {
        "rows": total,
        "staging_s": staged - started,
        "finish_s": finished - staged,
        "search_s": indexed - finished,
        "sizes_mb": sizes,
        "peak_rss_mb": _peak_mb(),
    }


def _list_some(cache: Any) -> None:
    """A creator's channels carry a few hundred products (visible listing rows)."""
    rng = random.Random(3)
    size = cache.conn.execute("SELECT max(rowid) FROM product").fetchone()[0]
    picked = [
        r[0]
        for r in cache.conn.execute(
            f"SELECT id FROM product WHERE rowid IN ({','.join('?' * LISTINGS)})",
            [rng.randrange(1, size + 1) for _ in range(LISTINGS)],
        )
    ]
    with cache.write():
        cache.conn.executemany(
            "INSERT OR REPLACE INTO record (entity, id, data, version) VALUES ('listing', ?, ?, 1)",
            [
                (f"bench-{n}", json.dumps({"id": f"bench-{n}", "product_id": p}))
                for n, p in enumerate(picked)
            ],
        )


# --- queries --------------------------------------------------------------------------------


def _cases() -> dict[str, Any]:
    from workbench.core.enums import GuaranteeFlag as G
    from workbench.store.products import ProductFilter as F
    from workbench.store.products import Sort

    return {
        "茶 (1 char)": F(keyword="茶"),
        "鞋 (1 char)": F(keyword="鞋"),
        "零食 (2 chars)": F(keyword="零食"),
        "面膜 (2 chars)": F(keyword="面膜"),
        "手机 (2 chars)": F(keyword="手机"),
        "明前龙井 (4 chars)": F(keyword="明前龙井"),
        "空气炸锅 (4 chars)": F(keyword="空气炸锅"),
        "iPhone 壳 (mixed)": F(keyword="iPhone 壳"),
        "MagSafe 充电宝 (mixed)": F(keyword="MagSafe 充电宝"),
        "茶 in 茶叶, ¥100-500": F(keyword="茶", category_id=201, price_min_fen=10_000, price_max_fen=50_000),
        "零食 by commission/sale": F(keyword="零食", sort=Sort.COMMISSION_PER_SALE),
        "面膜 + 假一赔三 + promotable": F(keyword="面膜", guarantee_flags=int(G.FAKE_PAYS_THREE), promotable_now=True),
        "茶 + hide mine + rate ≥ 20%": F(keyword="茶", hide_on_my_channels=True, commission_min_ppm=200_000),
        "category 茶 + ¥50-300 by rate": F(category_id=2, price_min_fen=5_000, price_max_fen=30_000, sort=Sort.COMMISSION_RATE),
        "leaf 绿茶 + ¥50-300 by rate": F(category_id=20101, price_min_fen=5_000, price_max_fen=30_000, sort=Sort.COMMISSION_RATE),
        "7天无理由+运费险, sales 100-5000": F(guarantee_flags=int(G.SEVEN_DAY_RETURN | G.FREIGHT_INSURANCE), monthly_sales_min=100, monthly_sales_max=5_000),
        "commission/sale ¥20-100": F(commission_per_sale_min_fen=2_000, commission_per_sale_max_fen=10_000, sort=Sort.COMMISSION_PER_SALE),
        "promotable by rate": F(promotable_now=True, sort=Sort.COMMISSION_RATE),
        "promotable, newest": F(promotable_now=True, sort=Sort.LISTED_AT),
        "¥10-20 cheapest first": F(price_min_fen=1_000, price_max_fen=2_000, sort=Sort.PRICE, descending=False),
    }  # fmt: skip


def _queries(args: argparse.Namespace) -> dict[str, Any]:
    from workbench.store import catalog, products, steps
    from workbench.store.cache import Cache

    cache = Cache.open(args.cache)
    out: dict[str, Any] = {}
    if steps.index_progress(cache) is not None:
        # A cache made by an older version: its schema step left indexes for the sync
        # engine's indexing phase to build (schema.py). Built first, as a first sync would.
        started = time.process_time(), time.perf_counter()
        catalog.build_indexes(cache)
        out["_upgrade"] = {
            "cpu_s": time.process_time() - started[0],
            "wall_s": time.perf_counter() - started[1],
        }
    for name, f in _cases().items():
        products.first_page(cache, f)
        first, counts = [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            rows = products.first_page(cache, f, 50)
            first.append(time.perf_counter() - t)
            t = time.perf_counter()
            n = products.count(cache, f)
            counts.append(time.perf_counter() - t)
        plans = products.explain(cache, f)
        item: dict[str, Any] = {
            "first": first,
            "count_s": counts,
            "count": n,
            "rows": len(rows),
            "scan": any(p.startswith("SCAN p") and "INDEX" not in p for p in plans),
        }
        if f == type(f)(keyword=f.keyword) and f.keyword:  # keyword alone: like for like
            item["like"] = _like(cache, f.keyword)
        out[name] = item
    return out


def _like(cache: Any, keyword: str) -> dict[str, Any]:
    """The keyword as a plain LIKE '%part%' on title or shop name (parts ANDed): 50 rows + count."""
    from workbench.store import products

    conn: sqlite3.Connection = cache.conn
    parts = keyword.split()
    where = " AND ".join(
        ["(title LIKE ? ESCAPE '\\' OR shop_name LIKE ? ESCAPE '\\')"] * len(parts)
    )
    params = []
    for part in parts:
        pattern = "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [pattern, pattern]
    first, counts = [], []
    for _ in range(3):
        t = time.perf_counter()
        ids = [
            r[0]
            for r in conn.execute(
                f"SELECT id FROM product WHERE {where} ORDER BY monthly_sales DESC LIMIT 50", params
            )
        ]
        products.rows_by_ids(cache, ids)
        first.append(time.perf_counter() - t)
        t = time.perf_counter()
        n = conn.execute(f"SELECT count(*) FROM product WHERE {where}", params).fetchone()[0]
        counts.append(time.perf_counter() - t)
    return {"first": first, "count_s": counts, "count": n}


def _ms(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _report(queries: dict[str, Any]) -> None:
    print(f"{'query':36} {'first 50 med/p95 ms':>20} {'count med ms':>13} {'count':>9}  LIKE ref")
    every: list[float] = []
    every_count: list[float] = []
    upgrade = queries.pop("_upgrade", None)
    if upgrade is not None:
        print(
            f"indexes left to build by a schema upgrade, built first: {upgrade['cpu_s']:.1f} s "
            f"CPU, {upgrade['wall_s']:.1f} s wall"
        )
    for name, q in queries.items():
        med, p95 = _ms(q["first"])
        cmed, _ = _ms(q["count_s"])
        every += q["first"]
        every_count += q["count_s"]
        line = f"{name:36} {med:9.1f} / {p95:6.1f}   {cmed:10.1f}   {q['count']:9,}"
        if "like" in q:
            lmed, _ = _ms(q["like"]["first"])
            lcount, _ = _ms(q["like"]["count_s"])
            line += (
                f"  first 50 {lmed:.1f} ms ({lmed / med:.1f}x), count {lcount:.0f} ms "
                f"({lcount / cmed:.0f}x, {q['like']['count']:,} rows)"
            )
        if q["scan"]:
            line += "  [table scan]"
        print(line, flush=True)
    med, p95 = _ms(every)
    cmed, cp95 = _ms(every_count)
    print(
        f"overall: first 50 rows median {med:.1f} ms, p95 {p95:.1f} ms (targets 15 / 50); "
        f"count median {cmed:.1f} ms, p95 {cp95:.1f} ms"
    )


# --- scrolling a 1,000,000-row result top to bottom --------------------------------------------


def _scroll(args: argparse.Namespace) -> dict[str, Any]:
    """The real table model (offscreen Qt, its reading lanes) scrolled from the first row to the
    last: each window is asked for the way painting asks (``data`` of a row not read yet) and
    waited for; the model keeps its bounded set of windows, as it does in the app."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from workbench.store.products import ProductFilter
    from workbench.ui.reader import Reader
    from workbench.ui.selection.model import PAGE, TITLE, ProductTableModel

    app = QApplication.instance() or QApplication([])
    assert app is not None
    reader = Reader()
    reader.set_account(Path(args.cache))
    model = ProductTableModel(reader)

    def settle(ready: Any) -> None:
        while not ready():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    model.set_filter(ProductFilter())
    settle(lambda: model.total is not None and model.row_data(0) is not None)
    total = model.rowCount()
    start_rss = _peak_mb()
    seen = 0
    started = time.perf_counter()
    for first in range(0, total, PAGE):
        model.data(model.index(first, TITLE))  # what painting a row not read yet does
        settle(lambda f=first: model.row_data(f) is not None)
        seen += len([r for r in range(first, min(first + PAGE, total)) if model.row_data(r)])
    seconds = time.perf_counter() - started
    reader.shutdown()
    return {
        "rows": seen,
        "seconds": seconds,
        "ms_per_page": seconds * 1000 / max(1, seen / PAGE),
        "start_rss_mb": start_rss,
        "peak_rss_mb": _peak_mb(),
    }


if __name__ == "__main__":
    sys.exit(main())
