"""What commission-cut alerts cost the sync: ``cut_alerts.capture`` on one pulled page.

    .venv/bin/python benchmarks/cut_alerts.py [--listings 200000] [--plans 50000] [--runs 15]

A cache with ``--listings`` listings on ``--plans`` products, each product with a general plan,
1 % of the plans with a cut under notice. Measured (CPU seconds of this process, medians of
``--runs``, and wall): ``capture`` for a page of 1,000 changed listings (a first sync's listing
pages: each listing's product's plans are looked up), for a page of 1,000 changed plans (a
catalogue of plans arriving), and the schema step's whole-cache fill; ``alerts`` the list's read.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.store import cut_alerts
from workbench.store.cache import Cache
from workbench.store.changed import Changed


def build(path: Path, listings: int, plans: int) -> Cache:
    cache = Cache.open(path, account_id="me")
    rows = []
    for n in range(plans):
        plan = {
            "id": f"plan{n}", "product_id": f"p{n}", "merchant_id": "m1", "plan_type": "general",
            "rate_ppm": 200_000, "status": 1, "creators": [],
            "begin_at": "2026-01-01T00:00:00Z", "end_at": "2027-01-01T00:00:00Z",
        }  # fmt: skip
        if n % 100 == 0:
            plan.update(pending_rate_ppm=150_000, pending_at="2026-12-20T00:00:00Z")
        rows.append(("plan", f"plan{n}", json.dumps(plan), 1))
    for n in range(listings):
        listing = {"id": f"l{n}", "product_id": f"p{n % plans}", "channel_id": f"c{n % 7}"}
        rows.append(("listing", f"l{n}", json.dumps(listing), 1))
    for c in range(7):
        rows.append(("channel", f"c{c}", json.dumps({"id": f"c{c}", "name": f"渠道{c}"}), 1))
    with cache.write():
        cache.conn.executemany(
            "INSERT INTO record (entity, id, data, version) VALUES (?, ?, ?, ?)", rows
        )
    return cache


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=200_000)
    parser.add_argument("--plans", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = build(Path(tmp) / "cache.sqlite3", args.listings, args.plans)

        def page(entity: str, start: int) -> None:
            changed = Changed()
            prefix = "l" if entity == "listing" else "plan"
            for n in range(start, start + 1_000):
                changed.add(entity, f"{prefix}{n}")
            with cache.write():
                cut_alerts.capture(cache, changed)
                cache.conn.execute("DELETE FROM cut_alert")  # each run makes its alerts anew

        def fill() -> None:
            with cache.write():
                cut_alerts.schema_step(cache.conn)
                cache.conn.execute("DELETE FROM cut_alert")

        figures = {
            "capture, 1,000 listings": timed(lambda: page("listing", 5_000), args.runs),
            "capture, 1,000 plans": timed(lambda: page("plan", 5_000), args.runs),
            "schema step fill": timed(fill, max(3, args.runs // 5)),
        }
        with cache.write():
            cut_alerts.schema_step(cache.conn)
        count = len(cut_alerts.alerts(cache))
        figures[f"alerts ({count})"] = timed(lambda: cut_alerts.alerts(cache), args.runs)
        cache.close()
    print(f"{args.listings:,} listings, {args.plans:,} plans ({args.plans // 100:,} cut)")
    for name, (cpu, wall) in figures.items():
        print(f"  {name:28} cpu {cpu * 1000:8.1f} ms   wall {wall * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
