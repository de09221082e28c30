"""Sales analytics at a million order lines: the first sync of the orders and every aggregation.

    .venv/bin/python benchmarks/analytics.py [--lines 1000000] [--repeat 15] [--server-db PATH]

The server (``workbench-server serve`` on SQLite, loopback, its own process) holds the demo with
creator_demo selling about ``--lines`` order lines over a year (``seed_database(...,
bulk_order_lines=…)``, bulk inserts). A fresh child process per step, so its peak memory is its
own. Printed:

- ``first sync``: a new device's account pull (the order snapshot: gzip NDJSON pages of order
  lines, then settlement lines, each page committed with its position, then the daily tables
  built from the lines, then the account feed) until the figures can be read, seconds and
  lines/s, wall and CPU; ``raw``: the reference, plain ``sqlite3`` ``executemany`` of the very
  same rows (read back from that cache) into an empty, index-free table in a new file, in the
  same run; ``ratio`` = first-sync lines/s ÷ raw lines/s. Target: < 30 s.
- ``peak rss`` of the first sync's process (target < 400 MB).
- every aggregation (totals with the previous period, the day series, each breakdown, the gift
  trend, a drill-down page) × each preset (7/30/90 days, this month, last month, this year,
  all): median and p95 over ``--repeat`` runs, and the worst p95. Target p95 < 100 ms
  (moonshot 20 ms).
- ``open``: the dashboard page's reads of 30 days as it makes them (``ui.analytics.figures``,
  no Qt): the first paint (``load_first``: the KPIs against the previous period and the trend,
  from ``order_day``), then the rest (``load_rest``: every breakdown, the stacked channels, the
  gift trend, the names), for a creator and a merchant; wall and CPU.

The order lines on the server are counted before anything is measured and the cache must hold
as many after the first sync: a benchmark never reports another size. ``uptime``'s load is
printed with the figures (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _seeding import free_port, wait_until_up  # the script's folder is on sys.path

BIN = Path(sys.executable).parent
PASSWORD = "demo1234"
NOW = datetime(2026, 11, 30, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--server-db", type=Path, help="reuse (or create) this seeded server file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "seed":
        _seed(args.server_db, args.products, args.lines)
        return 0
    if args.child:
        return _child(args.child, args.url, Path(args.home), args.repeat)

    work = Path(tempfile.mkdtemp(prefix="wb-analyticsbench-"))
    server_db = args.server_db or work / "server.sqlite3"
    if not server_db.exists():
        # In a process of its own: a child started from a big process starts with its peak
        # memory (Linux keeps ru_maxrss across fork and exec), and each step's is reported.
        subprocess.run(
            [sys.executable, __file__, "--child", "seed", "--server-db", str(server_db),
             "--products", str(args.products), "--lines", str(args.lines)],
            check=True,
        )  # fmt: skip
    lines = _server_lines(server_db)
    print(f"load before: {_load()}", flush=True)
    port = free_port()
    server = subprocess.Popen(
        [BIN / "workbench-server", "serve", "--database", f"sqlite:///{server_db}",
         "--port", str(port), "--rate", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    home = work / "device"
    try:
        wait_until_up(url)
        server_cpu = _cpu_of(server.pid)
        first = _run_child("first_sync", url, home, args.repeat)
        server_cpu = _cpu_of(server.pid) - server_cpu
        if first["lines"] != lines:
            raise SystemExit(
                f"refusing to report: the cache holds {first['lines']:,} lines, not {lines:,}"
            )
        raw = _run_child("raw", url, home, args.repeat)
        cpu = first["cpu_s"] + server_cpu
        print(
            f"first sync: {first['lines']:,} order lines ({first['settlements']:,} settlement "
            f"lines) in {first['first_sync_s']:.1f} s wall, CPU {cpu:.1f} s (client "
            f"{first['cpu_s']:.1f} s + server {server_cpu:.1f} s; "
            f"{first['lines'] / cpu:,.0f} lines per CPU second); raw executemany "
            f"{raw['raw_s']:.1f} s wall, CPU {raw['raw_cpu_s']:.1f} s "
            f"({first['lines'] / raw['raw_cpu_s']:,.0f} lines per CPU second); ratio (CPU) "
            f"{raw['raw_cpu_s'] / cpu:.2f}, (wall) {raw['raw_s'] / first['first_sync_s']:.2f}; "
            f"every order line in (figures complete) after {first['orders_in_s']:.1f} s wall, "
            f"client CPU {first['orders_in_cpu_s']:.1f} s; "
            f"peak rss {first['peak_rss_mb']:.0f} MB; (the figures' rebuild from the lines "
            f"alone, for migrations: {first['days_s']:.1f} s)",
            flush=True,
        )
        print(f"load after first sync: {_load()}", flush=True)
        figures = _run_child("aggregate", url, home, args.repeat)
        worst, worst_cpu = ("", 0.0), ("", 0.0)
        for name, (median, p95, cpu_median, cpu_p95) in sorted(figures["timings"].items()):
            print(
                f"  {name:<34} median {median:7.2f} ms  p95 {p95:7.2f} ms   "
                f"CPU median {cpu_median:7.2f} ms  p95 {cpu_p95:7.2f} ms"
            )
            if p95 > worst[1]:
                worst = (name, p95)
            if cpu_p95 > worst_cpu[1]:
                worst_cpu = (name, cpu_p95)
        print(
            f"aggregations: {len(figures['timings'])} (preset × measure/breakdown), worst p95 "
            f"{worst[1]:.1f} ms wall ({worst[0]}), {worst_cpu[1]:.1f} ms CPU ({worst_cpu[0]}); "
            f"peak rss {figures['peak_rss_mb']:.0f} MB",
            flush=True,
        )
        for name, (median, p95, cpu_median, cpu_p95) in figures["open_ms"].items():
            print(
                f"  open 30 days, {name:<14} median {median:7.2f} ms  p95 {p95:7.2f} ms   "
                f"CPU median {cpu_median:7.2f} ms  p95 {cpu_p95:7.2f} ms"
            )
        print(f"load after: {_load()}", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return 0


def _seed(path: Path, products: int, lines: int) -> None:
    from workbench.server.db import Database
    from workbench.server.seed.seeder import seed_database

    print(f"seeding {products:,} products and ~{lines:,} order lines into {path} …", flush=True)
    db = Database(f"sqlite:///{path}")
    try:
        started = time.perf_counter()
        summary = seed_database(
            db, products=products, seed=42, now=NOW, orders_per_day=20, bulk_order_lines=lines
        )
        print(
            f"seeded {summary.order_lines:,} order lines, {summary.settlement_lines:,} "
            f"settlement lines in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
    finally:
        db.dispose()


def _server_lines(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        found = int(
            conn.execute(
                "SELECT count(*) FROM order_line l JOIN order_ o ON o.id = l.order_id "
                "JOIN account a ON a.id = o.creator_id WHERE a.login = 'creator_demo'"
            ).fetchone()[0]
        )
    print(f"measured size: {found:,} order lines of creator_demo on the server", flush=True)
    return found


def _run_child(step: str, url: str, home: Path, repeat: int) -> dict:  # type: ignore[type-arg]
    out = subprocess.run(
        [sys.executable, __file__, "--child", step, "--url", url, "--home", str(home),
         "--repeat", str(repeat)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _child(step: str, url: str, home: Path, repeat: int) -> int:
    os.environ["WORKBENCH_HOME"] = str(home)
    from workbench.client.api import ApiClient
    from workbench.client.tokens import MemoryTokenStore
    from workbench.contract.sync import Scope
    from workbench.store.cache import Cache
    from workbench.sync.engine import SyncEngine
    from workbench.sync.progress import Progress, SyncSummary

    home.mkdir(parents=True, exist_ok=True)
    if step == "raw":
        print(json.dumps(_raw_reference(home)))
        return 0
    api = ApiClient(url, tokens=MemoryTokenStore(), token_key="bench")
    account = api.login("creator_demo", PASSWORD)
    cache = Cache.open(home / "cache.sqlite3", account_id=account.id)
    out: dict[str, object]
    if step == "first_sync":
        marks: dict[str, float] = {}

        def progress(p: Progress) -> None:
            # Every order line is in (the settlement lines follow): the figures are complete.
            if p.phase == "orders" and p.total is not None and p.done >= p.total:
                marks.setdefault("orders_in", time.perf_counter())
                marks.setdefault("orders_in_cpu", time.process_time())

        engine = SyncEngine(cache, api, progress=progress)
        cpu0, started = time.process_time(), time.perf_counter()
        engine.pull(Scope.ACCOUNT, SyncSummary())
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu0
        lines = int(cache.conn.execute("SELECT count(*) FROM order_line").fetchone()[0])
        settlements = int(cache.conn.execute("SELECT count(*) FROM settlement_line").fetchone()[0])
        out = {
            "lines": lines,
            "settlements": settlements,
            "first_sync_s": seconds,
            "cpu_s": cpu,
            "orders_in_s": marks.get("orders_in", started) - started,
            "orders_in_cpu_s": marks.get("orders_in_cpu", cpu0) - cpu0,
            "days_s": _time_rebuild(cache),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    else:
        timings, open_ms = _aggregations(cache, repeat)
        out = {
            "timings": timings,
            "open_ms": open_ms,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    cache.close()
    api.close()
    print(json.dumps(out))
    return 0


def _time_rebuild(cache) -> float:  # type: ignore[no-untyped-def]
    """The daily tables' rebuild alone (what the end of the snapshot does), timed once more."""
    from workbench.store import order_figures

    started = time.perf_counter()
    with cache.write():
        order_figures.rebuild_days(cache.conn)
    return time.perf_counter() - started


def _aggregations(cache, repeat: int):  # type: ignore[no-untyped-def]
    from workbench.store import analytics
    from workbench.store.analytics import Breakdown, Grain, Preset

    today = (NOW + timedelta(hours=8)).date()
    first = analytics.first_day(cache)
    reads = {
        "compare": lambda p: analytics.compare(cache, p),
        "series:day": lambda p: analytics.series(cache, p, Grain.DAY),
        "series:week": lambda p: analytics.series(cache, p, Grain.WEEK),
        "gift_trend:day": lambda p: analytics.gift_trend(cache, p, Grain.DAY),
        "lines:first_page": lambda p: analytics.lines(cache, p, limit=200),
        **{
            f"breakdown:{by.value}": (lambda b: lambda p: analytics.breakdown(cache, p, b))(by)
            for by in Breakdown
        },
        "series:channel_kind": lambda p: analytics.breakdown_series(
            cache, p, Breakdown.CHANNEL_KIND, Grain.DAY
        ),
    }
    timings: dict[str, tuple[float, float]] = {}
    for preset in Preset:
        period = analytics.preset_period(preset, today, first)
        for name, read in reads.items():
            times, cpus = [], []
            for _ in range(repeat):
                cpu, started = time.process_time(), time.perf_counter()
                read(period)
                times.append((time.perf_counter() - started) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            timings[f"{preset.value}:{name}"] = (*_median_p95(times), *_median_p95(cpus))
    # The dashboard's open: 30 days, the page's two jobs in turn.
    from workbench.core.enums import Role
    from workbench.ui.analytics.figures import load_first, load_rest

    opens: dict[str, tuple[float, float, float, float]] = {}
    for role in (Role.CREATOR, Role.MERCHANT):
        for step in ("first", "rest"):
            times, cpus = [], []
            for _ in range(repeat):
                data = load_first(cache, role, Preset.LAST_30, Grain.DAY, today)
                cpu, started = time.process_time(), time.perf_counter()
                if step == "first":
                    load_first(cache, role, Preset.LAST_30, Grain.DAY, today)
                else:
                    load_rest(cache, data)
                times.append((time.perf_counter() - started) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            opens[f"{role.value}:{step}"] = (*_median_p95(times), *_median_p95(cpus))
    return timings, opens


def _median_p95(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def _raw_reference(home: Path) -> dict[str, float]:
    """The same rows (read from the cache the first sync made, in memory first) into an
    empty, index-free table of a new file with one ``executemany``, in one transaction."""
    source = sqlite3.connect(home / "cache.sqlite3")
    rows = source.execute("SELECT * FROM order_line").fetchall()
    columns = len(rows[0])
    source.close()
    path = home / "raw.sqlite3"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"CREATE TABLE raw ({', '.join(f'c{i}' for i in range(columns))})")
    cpu, started = time.process_time(), time.perf_counter()
    with conn:
        conn.executemany(f"INSERT INTO raw VALUES ({', '.join('?' * columns)})", rows)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    conn.close()
    return {"raw_s": seconds, "raw_cpu_s": cpu}


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
