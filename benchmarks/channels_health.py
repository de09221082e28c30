"""The listing health check at 20 channels × 10,000 listings (200,000) on a 1,000,000-product cache.

    .venv/bin/python benchmarks/channels_health.py [--products 1000000] [--channels 20]
        [--listings 10000] [--runs 5]

Kept apart from ``benchmarks/channels.py`` (open a channel, reorder one), which another change
edits at the same time. The cache is built directly in SQL, fast, as a sync would leave it: a
synthetic catalogue of ``--products`` rows in the typed ``product`` table (its filter index
built), general plans on 40 % of the products as ``record`` rows (one in twenty with an earlier
plan at a higher rate that ended: a commission cut; one in a hundred also a targeted plan naming
me; 2 % ending within a week), their rates in ``commission_history`` as the sync notes them, and
the listings (85 % on products with a plan, the rest on any product; 3 % of the products are out
of stock, 2 % delisted). ``--cache PATH`` keeps the built cache for the next run (building
1,000,000 products takes a minute or two). Per run, medians and p95 of:

- **health, all listings**: ``health.needs_attention`` over every channel (target < 2 s), CPU
  time beside wall time (the machine is shared and noisy);
- **reference**: the same check as a plain scan: every listing row and every plan row read and
  parsed in Python, the products looked up by id, the same rules applied in Python;
- **health, a window of 200**: ``health.listing_health`` for 200 listings of one channel (what a
  listings table's Health column asks per window);
- **replacements**: ``health.replacements`` for a problem listing.

``uptime``'s load is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
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

from workbench.core.ids import uuid7_from  # noqa: E402
from workbench.store import health, plan_terms  # noqa: E402
from workbench.store.cache import Cache  # noqa: E402
from workbench.store.schema import PRODUCT_COLUMNS  # noqa: E402

ME = "creator-bench"
NOW = datetime.now(UTC).replace(microsecond=0)
DAY = timedelta(days=1)
LEAVES = 2_000  # level-3 categories


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def build(cache: Cache, products: int, channels: int, per_channel: int) -> None:
    rng = random.Random(9)
    conn = cache.conn
    started = time.perf_counter()
    with cache.write():
        rows = []
        for n in range(products):
            u = rng.random()
            status = "delisted" if u < 0.02 else "listed"
            stock = 0 if 0.02 <= u < 0.05 else rng.randrange(1, 5_000)
            leaf = rng.randrange(LEAVES)
            rows.append((f"p{n:07d}", f"s{n % 5000}", f"店{n % 5000}", f"商品{n}", leaf // 200,
                         leaf // 20, 10_000 + leaf, rng.randrange(100, 100_000),
                         rng.randrange(0, 20_000), stock, rng.choice((100_000, 200_000, 300_000)),
                         0, 0, status, "2025-01-01T00:00:00Z", 1))  # fmt: skip
            if len(rows) == 50_000:
                conn.executemany(
                    f"INSERT INTO product ({', '.join(PRODUCT_COLUMNS)}) VALUES "
                    f"({', '.join('?' * len(PRODUCT_COLUMNS))})",
                    rows,
                )
                rows.clear()
        if rows:
            conn.executemany(
                f"INSERT INTO product ({', '.join(PRODUCT_COLUMNS)}) VALUES "
                f"({', '.join('?' * len(PRODUCT_COLUMNS))})",
                rows,
            )
    conn.execute(
        "CREATE INDEX IF NOT EXISTS product_filter ON product (category3_id, price_fen, "
        "commission_ppm, monthly_sales, stock, status, guarantee_flags)"
    )
    print(f"catalogue: {products:,} products in {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    plans: list[tuple[str, str, str]] = []
    history: list[tuple[str, str, int, str]] = []
    seen = iso(NOW - 30 * DAY)

    def add_plan(plan_id: str, pid: str, **fields: Any) -> None:
        data = {"id": plan_id, "merchant_id": "m", "product_id": pid, "plan_type": "general",
                "rate_ppm": 200_000, "begin_at": iso(NOW - 300 * DAY),
                "end_at": iso(NOW + 200 * DAY), "status": 1, "creators": [],
                "created_at": iso(NOW - 300 * DAY), "version": 1, **fields}  # fmt: skip
        plans.append(("plan", plan_id, json.dumps(data, ensure_ascii=False)))
        history.append(("plan", plan_id, int(data["rate_ppm"]), seen))

    planned: list[int] = []
    for n in range(products):
        if rng.random() >= 0.4:
            continue
        planned.append(n)
        pid = f"p{n:07d}"
        u = rng.random()
        if u < 0.05:  # an earlier, higher plan ended: a cut for listings made before
            add_plan(f"pl{n}a", pid, rate_ppm=300_000, end_at=iso(NOW - 60 * DAY), status=2)
            add_plan(f"pl{n}", pid, rate_ppm=150_000, begin_at=iso(NOW - 60 * DAY))
        elif u < 0.07:
            add_plan(f"pl{n}", pid, end_at=iso(NOW + 3 * DAY))
        else:
            add_plan(f"pl{n}", pid)
        if 0.5 < u < 0.51:
            add_plan(f"pl{n}t", pid, plan_type="targeted", rate_ppm=300_000,
                     creators=[{"creator_id": ME, "rate_ppm": 300_000, "status": 2}])  # fmt: skip
    with cache.write():
        conn.executemany(
            "INSERT INTO record (entity, id, data, version, pending) VALUES (?, ?, ?, 1, 0)", plans
        )
        conn.executemany(
            "INSERT INTO commission_history (subject, subject_id, rate_ppm, seen_at) "
            "VALUES (?, ?, ?, ?)",
            history,
        )
        plan_terms.fill(conn)  # their typed terms, as refresh_many keeps them at sync
    print(f"plans: {len(plans):,} in {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    listing_rows = []
    channel_ids = []
    for c in range(channels):
        channel_id = f"ch{c:02d}"
        channel_ids.append(channel_id)
        listing_rows.append(("channel", channel_id, json.dumps(
            {"id": channel_id, "kind": "showcase", "name": f"渠道{c}", "version": 1})))  # fmt: skip
        # Creators list promoted products mostly: 85 % with a plan, the rest any product.
        chosen = set(rng.sample(planned, int(per_channel * 0.85)))
        while len(chosen) < per_channel:
            chosen.add(rng.randrange(products))
        for i, n in enumerate(sorted(chosen, key=lambda _n: rng.random())):
            made = NOW - timedelta(days=rng.randrange(1, 200))
            listing_id = uuid7_from(int(made.timestamp() * 1000), rng.getrandbits(12),
                                    rng.getrandbits(62))  # fmt: skip
            data = {"id": listing_id, "channel_id": channel_id, "product_id": f"p{n:07d}",
                    "position": (i + 1) * 8, "pinned": False, "hidden": False,
                    "custom_title": None, "version": 1}  # fmt: skip
            listing_rows.append(("listing", listing_id, json.dumps(data)))
    with cache.write():
        conn.executemany(
            "INSERT INTO record (entity, id, data, version, pending) VALUES (?, ?, ?, 1, 0)",
            listing_rows,
        )
    conn.execute("ANALYZE")
    print(f"listings: {channels} × {per_channel:,} in {time.perf_counter() - started:.1f} s")


def reference(cache: Cache) -> int:
    """The same rules as a plain scan in Python: every listing and plan row parsed."""
    now = NOW
    plans: dict[str, list[dict[str, Any]]] = {}
    for (data,) in cache.conn.execute("SELECT data FROM record WHERE entity = 'plan'"):
        row = json.loads(data)
        plans.setdefault(row["product_id"], []).append(row)
    problems = 0
    for (data,) in cache.conn.execute("SELECT data FROM record WHERE entity = 'listing'"):
        row = json.loads(data)
        product = cache.conn.execute(
            "SELECT status, stock FROM product WHERE id = ?", (row["product_id"],)
        ).fetchone()
        live = [
            p
            for p in plans.get(row["product_id"], [])
            if p["status"] == 1
            and datetime.fromisoformat(p["begin_at"]) <= now < datetime.fromisoformat(p["end_at"])
        ]
        ending = live and max(datetime.fromisoformat(p["end_at"]) for p in live) <= now + 7 * DAY
        ended = any(p["status"] == 2 for p in plans.get(row["product_id"], []))
        if (
            product is None
            or product[0] != "listed"
            or product[1] <= 0
            or not live
            or ending
            or ended
        ):
            problems += 1
    return problems


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], list[float], Any]:
    wall, cpu, result = [], [], None
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return wall, cpu, result


def ms(values: list[float]) -> str:
    data = sorted(values)
    p95 = data[min(len(data) - 1, int(len(data) * 0.95))]
    return f"median {statistics.median(data) * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--channels", type=int, default=20)
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="keep the built cache here (reused if there)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.cache or Path(tmp) / "cache.sqlite3"
        fresh = not path.exists()
        cache = Cache.open(path, account_id=ME)
        if fresh:
            build(cache, args.products, args.channels, args.listings)
        channel_ids = [
            str(c) for (c,) in cache.conn.execute("SELECT id FROM record WHERE entity = 'channel'")
        ]
        counted = cache.conn.execute("SELECT count(*) FROM product").fetchone()[0]
        listings = cache.conn.execute(
            "SELECT count(*) FROM record WHERE entity = 'listing'"
        ).fetchone()[0]
        print(f"measured size: {counted:,} products, {listings:,} listings")
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
        wall, cpu, found = timed(lambda: health.needs_attention(cache, now=NOW), args.runs)
        ref_wall, ref_cpu, ref_found = timed(lambda: reference(cache), max(1, args.runs // 2))
        kinds: dict[str, int] = {}
        for h in found:
            for p in h.problems:
                kinds[p.reason.value] = kinds.get(p.reason.value, 0) + 1
        print(f"needing attention: {len(found):,} (reference counted {ref_found:,}); {kinds}")
        print(f"health, all        wall {ms(wall)}   cpu {ms(cpu)}")
        print(f"reference (scan)   wall {ms(ref_wall)}   cpu {ms(ref_cpu)}")
        print(f"ratio (median wall) {statistics.median(wall) / statistics.median(ref_wall):.2f}"
              f"   (median cpu) {statistics.median(cpu) / statistics.median(ref_cpu):.2f}")  # fmt: skip
        window = [
            str(i)
            for (i,) in cache.conn.execute(
                "SELECT id FROM record WHERE entity = 'listing' "
                "AND json_extract(data, '$.channel_id') = ? LIMIT 200",
                (channel_ids[3],),
            )
        ]
        w_wall, _w_cpu, _ = timed(
            lambda: health.listing_health(cache, window, now=NOW), args.runs * 4
        )
        print(f"health, window 200 wall {ms(w_wall)}")
        target = found[len(found) // 2].listing_id
        r_wall, _r_cpu, suggestions = timed(
            lambda: health.replacements(cache, target, now=NOW), args.runs * 4
        )
        print(f"replacements       wall {ms(r_wall)}   ({len(suggestions)} suggested)")
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
        cache.close()


if __name__ == "__main__":
    main()
