"""A creator's My applications on a big cache: what the tab reads on the reader lane.

    .venv/bin/python benchmarks/applications.py [--plans 20000] [--applications 20000] [--runs 30]

Builds a cache with ``plans_pages.build`` (plans, applications, products as a sync leaves them;
a creator's cache holds only their own applications, so 20,000 is far beyond a real creator)
and measures, medians and p95, wall and CPU time (process):

- **open**: the first window of 200 (``applications.window``, newest first) and the count;
- **filter**: state = approved, then a product title fragment, then plan type + rate;
- **one**: one application read again (the timeline after a sync).

The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.plans_pages import MERCHANT, build  # noqa: E402
from workbench.core.enums import ApplicationStatus, PlanType  # noqa: E402
from workbench.store import applications as store  # noqa: E402
from workbench.store.cache import Cache  # noqa: E402


def _measure(fn: Callable[[], Any], runs: int) -> str:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)

    def p95(data: list[float]) -> float:
        return sorted(data)[min(len(data) - 1, int(len(data) * 0.95))]

    return (
        f"wall median {statistics.median(walls) * 1000:6.1f} ms p95 {p95(walls) * 1000:6.1f} ms"
        f" | CPU median {statistics.median(cpus) * 1000:6.1f} ms p95 {p95(cpus) * 1000:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=20_000)
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Cache.open(Path(tmp) / "cache.sqlite3", account_id=MERCHANT)
        build(cache, args.plans, args.applications, random.Random(10))
        with cache.write():  # a creator's cache: every application is the account's own
            cache.conn.execute(
                "UPDATE record SET data = json_set(data, '$.creator_id', ?) "
                "WHERE entity = 'application'",
                (cache.account_id,),
            )
        cache.conn.execute("ANALYZE")
        first = store.window(cache, limit=1)[0]
        filters = {
            "open (window 200)": store.ApplicationFilter(),
            "state = approved": store.ApplicationFilter(status=ApplicationStatus.APPROVED),
            "product title": store.ApplicationFilter(product="p00"),
            "type + rate": store.ApplicationFilter(
                plan_type=PlanType.GENERAL, min_rate_ppm=200_000
            ),
        }
        print(f"{args.applications:,} applications, {args.plans:,} plans; "
              f"load {os.getloadavg()[0]:.2f}")  # fmt: skip
        for name, flt in filters.items():
            print(f"{name:20} {_measure(lambda f=flt: store.window(cache, f), args.runs)}")
            print(f"{'  count':20} {_measure(lambda f=flt: store.count(cache, f), args.runs)}")
        print(f"{'one':20} {_measure(lambda: store.one(cache, first.id), args.runs)}")
        print(f"load after {os.getloadavg()[0]:.2f}")
        cache.close()


if __name__ == "__main__":
    main()
