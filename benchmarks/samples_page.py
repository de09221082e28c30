"""The creator's Samples page on a big cache: a year of order lines and many samples.

    .venv/bin/python benchmarks/samples_page.py [--lines 1000000] [--samples 200] [--runs 15]

Builds a creator's cache with ``--lines`` typed order lines over the last 365 days (2,000
products, all on a channel of mine; ``order_line`` rows written as the order snapshot writes
them, then ``ANALYZE`` as the sync does) and ``--samples`` sample requests through
``steps.apply_changes`` (most shipped, at any time in the year), then measures what the page
reads on the reader lane, medians and p95 of CPU time (process) beside wall time:

- **open**: the first window of 200 samples as the page reads it on the interactive lane
  (``samples.window``, content due first, without sales: the rows show first);
- **sales (background)**: every shipped sample's sales since it arrived (``all_sales``: summed
  in SQL off the covering index ``order_line_sold``), then the fulfilment rate: what the
  background lane reads to fill in the sales, commission and return columns;
- **best return first**: the first window sorted by ROI (every sample's sales summed, sorted and
  cut in SQL);
- **rail count**: ``needing_action``.

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
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.contract.sync import Change, Scope  # noqa: E402
from workbench.core.ids import uuid7  # noqa: E402
from workbench.store import samples, steps  # noqa: E402
from workbench.store.cache import Cache  # noqa: E402
from workbench.store.order_figures import LINE_COLUMNS, beijing_day  # noqa: E402

ME = "creator-bench"
NOW = datetime.now(UTC)


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def build(path: Path, lines: int, sample_count: int) -> Cache:
    rng = random.Random(7)
    cache = Cache.open(path, account_id=ME)
    products = [f"p{n:05d}" for n in range(2_000)]
    rows: list[tuple[Any, ...]] = []
    per_order = 2
    for n in range(lines):
        order = n // per_order
        at = NOW - timedelta(seconds=int(365 * 86_400 * (1 - order * per_order / lines)))
        created = _iso(at)
        paid = rng.randrange(1_000, 30_000)
        values = {
            "id": f"o{order}-{n % per_order}", "order_id": f"o{order:08d}",
            "created_at": created, "paid_at": created, "refunded_at": None,
            "product_id": rng.choice(products), "title": "t", "category_id": 3,
            "shop_id": "s1", "merchant_id": "m1", "creator_id": ME, "channel_id": "c1",
            "channel_kind": "showcase", "scene": 5, "plan_id": None, "is_present": 0,
            "quantity": 1, "paid_fen": paid, "refund_fen": 0, "commission_ppm": 200_000,
            "commission_fen": paid // 5, "commission_status": 20, "status": 100, "version": 1,
            "day": beijing_day(created), "generation": 0,
        }  # fmt: skip
        rows.append(tuple(values[c] for c in LINE_COLUMNS))
    with cache.write():
        cache.conn.executemany(
            f"INSERT INTO order_line ({', '.join(LINE_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in LINE_COLUMNS)})",
            rows,
        )
    cache.conn.execute("ANALYZE order_line")
    changes = []
    states = ["shipped"] * 3 + ["fulfilled"] * 4 + ["overdue", "requested", "cancelled"]
    for n in range(sample_count):
        status = states[n % len(states)]
        shipped = NOW - timedelta(days=rng.randrange(1, 360)) if status != "requested" else None
        sample_id = uuid7()
        data: dict[str, Any] = {
            "id": sample_id, "product_id": rng.choice(products), "creator_id": ME,
            "merchant_id": "m1", "status": status, "note": "", "reason": None,
            "cost_fen": rng.randrange(500, 5_000), "tracking_no": "SF1" if shipped else None,
            "shipped_at": _iso(shipped) if shipped else None,
            "content_due_at": _iso(shipped + timedelta(days=14)) if shipped else None,
            "content_url": None, "extended": False,
            "created_at": _iso((shipped or NOW) - timedelta(days=3)), "version": 1,
        }  # fmt: skip
        changes.append(Change(entity="sample", id=sample_id, version=1, op="upsert", data=data))
    steps.apply_changes(cache, Scope.ACCOUNT, changes, uuid7())
    return cache


def measure(name: str, fn: Callable[[], Any], runs: int) -> None:
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    p95 = sorted(cpu)[max(0, int(len(cpu) * 0.95) - 1)]
    print(
        f"{name:<22} CPU median {statistics.median(cpu):7.1f} ms  p95 {p95:7.1f} ms   "
        f"wall median {statistics.median(wall):7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        cache = build(Path(folder) / "cache.sqlite3", args.lines, args.samples)
        print(f"built {args.lines:,} lines, {args.samples} samples in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        default = samples.SampleFilter()
        by_roi = samples.SampleFilter(sort=samples.SampleSort.ROI)
        measure(
            "open (window of 200)",
            lambda: samples.window(cache, default, 0, 200, with_sales=False),
            args.runs,
        )
        measure(
            "sales (background)",
            lambda: (samples.all_sales(cache), samples.fulfilment(cache)),
            args.runs,
        )
        measure("best return first", lambda: samples.window(cache, by_roi, 0, 200), args.runs)
        measure("rail count", lambda: samples.needing_action(cache), args.runs)
        cache.close()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
