"""The 数据 page's open time: from asking for a dashboard to having it drawn.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/analytics_page.py [--runs 15]
        [--products 2000] [--lines N] [--cache PATH --role creator|merchant]

Without ``--cache`` it starts the embedded demo server in a temporary home (the app's own demo
seed), syncs ``creator_demo`` and ``merchant_demo`` into fresh caches and measures each; with
``--cache`` it measures that account cache (say its role). ``--lines 1000000`` seeds
creator_demo with a million bulk order lines first, as ``benchmarks/analytics.py`` does. Per role and preset (last 30 days by day, this year by week, all
by month), over ``--runs`` runs, median and p95 of:

- ``read``: ``ui.analytics.figures.load_first`` — the page's first job on the reader's
  interactive lane: the KPIs against the previous period and the trend, from the per-day
  figures (wall and CPU time);
- ``draw``: ``DashboardView.show_dashboard`` of it on the GUI thread (offscreen Qt): the KPI
  cards and the section on screen (the trend: chart and table);
- ``open`` = read + draw: the first paint (target < 300 ms);
- ``whole``: then the page's second job (``load_rest``: every breakdown, the stacked channels,
  the gift trend) and its draw, until the whole dashboard is there (open + rest + its draw);
- the reference, in the same run: ``store.analytics.totals`` of the same period (the
  cheapest read of the order tables), and ``open ÷ reference``.

The order lines in the cache are counted and printed; ``uptime``'s load is printed with the
figures (the machine is shared: CPU times are the steadier figure).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRESETS = (("30d", "day"), ("this_year", "week"), ("all", "month"))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(cache_path: Path, role_name: str, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from workbench.core.enums import Role
    from workbench.store import analytics
    from workbench.store.analytics import Grain, Preset
    from workbench.store.cache import Cache
    from workbench.ui.analytics.dashboard import DashboardView
    from workbench.ui.analytics.figures import load_first, load_rest, today

    app = QApplication.instance() or QApplication([])
    view = DashboardView()
    view.resize(980, 620)
    view.show()
    role = Role(role_name)
    cache = Cache.open(cache_path)
    try:
        lines = cache.conn.execute("SELECT count(*) FROM order_line").fetchone()[0]
        print(f"\n{role.value}: {cache_path} — {lines:,} order lines")
        day = today()
        for preset_name, grain_name in PRESETS:
            preset, grain = Preset(preset_name), Grain(grain_name)
            reads, cpus, draws, refs, wholes = [], [], [], [], []
            for _ in range(runs):
                period = analytics.preset_period(preset, day, analytics.first_day(cache))
                t0 = time.perf_counter()
                analytics.totals(cache, period)
                refs.append(time.perf_counter() - t0)
                c0, t0 = time.process_time(), time.perf_counter()
                data = load_first(cache, role, preset, grain, day)
                reads.append(time.perf_counter() - t0)
                cpus.append(time.process_time() - c0)
                t0 = time.perf_counter()
                view.tabs.setCurrentIndex(0)  # the trend, as a page opens
                view.show_dashboard(data)
                app.processEvents()
                draws.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                view.show_dashboard(load_rest(cache, data))
                app.processEvents()
                wholes.append(reads[-1] + draws[-1] + time.perf_counter() - t0)
            opens = [r + d for r, d in zip(reads, draws, strict=True)]
            ms = 1000.0
            print(
                f"  {preset_name:>9} by {grain_name:<5} read {statistics.median(reads) * ms:7.1f} ms"
                f" (p95 {pct(reads, 0.95) * ms:6.1f}; CPU {statistics.median(cpus) * ms:6.1f})"
                f"  draw {statistics.median(draws) * ms:6.1f} ms (p95 {pct(draws, 0.95) * ms:6.1f})"
                f"  open {statistics.median(opens) * ms:6.1f} ms (p95 {pct(opens, 0.95) * ms:6.1f})"
                f"  whole {statistics.median(wholes) * ms:6.1f} ms (p95 {pct(wholes, 0.95) * ms:6.1f})"
                f"  reference totals {statistics.median(refs) * ms:5.2f} ms"
                f"  ratio {statistics.median(opens) / max(statistics.median(refs), 1e-9):6.0f}×"
            )
    finally:
        cache.close()
        view.close()


def demo_caches(products: int, lines: int) -> list[tuple[Path, str]]:
    from workbench.client.tokens import MemoryTokenStore
    from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD, start_embedded
    from workbench.sync.session import open_session

    if lines:  # the orders benchmark's big creator: ``bulk_order_lines`` (benchmarks/analytics.py)
        from datetime import UTC, datetime

        from workbench.paths import embedded_server_database
        from workbench.server.db import Database
        from workbench.server.seed.seeder import seed_database

        db = Database(embedded_server_database())
        t0 = time.perf_counter()
        seed_database(db, products=products, seed=42, now=datetime.now(UTC), orders_per_day=20,
                      bulk_order_lines=lines)  # fmt: skip
        db.dispose()
        print(f"seeded {lines:,} bulk order lines in {time.perf_counter() - t0:.0f} s")
    server = start_embedded(products=products, say=print)
    out = []
    try:
        for role in ("creator", "merchant"):
            t0 = time.perf_counter()
            session = open_session(
                server.url,
                DEMO_LOGINS[role],
                DEMO_PASSWORD,
                embedded=True,
                tokens=MemoryTokenStore(),
            )
            with session:
                session.engine().run()
                out.append((session.cache.path, role))
            print(f"synced {DEMO_LOGINS[role]} in {time.perf_counter() - t0:.1f} s")
    finally:
        server.stop()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--lines", type=int, default=0, help="creator_demo's bulk order lines")
    parser.add_argument("--role", default="creator", choices=("creator", "merchant"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    if args.cache is not None:
        measure(args.cache, args.role, args.runs)
    else:
        with tempfile.TemporaryDirectory() as home:
            os.environ["WORKBENCH_HOME"] = home
            for path, role in demo_caches(args.products, args.lines):
                measure(path, role, args.runs)
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
