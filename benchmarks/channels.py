"""Channels page figures on a creator's cache with 20 channels × 10,000 listings (200,000).

    .venv/bin/python benchmarks/channels.py [--channels 20] [--listings 10000] [--runs 30]

Builds the account rows in a temporary cache (as a sync leaves them: confirmed ``record`` rows;
no catalogue is needed for these figures) and measures, per run, with medians and p95:

- **open a channel (first rows shown)**: what the page's model asks when a channel is chosen:
  the count and the first window of :data:`WINDOW` rows in full (``store.listings``: typed
  ``listing_slot`` index, the window's rows, products, plans, conflicts), beside the reference
  measured in the same run: a plain scan of every listing row's JSON in Python, as a cache
  without the typed index has to;
- **reorder one listing (enqueue to visible)**: ``listing_order.place_between`` with the
  neighbours the page holds, in one write transaction (outbox row + the recomputed visible row
  + its slot; ``move`` and its renumber only if they touch), then the window that shows it read
  again (the page's model draws the move in the next frame without waiting for either:
  ``ListingsModel.show_move``; the enqueue alone is printed too), beside the reference: one
  plain ``UPDATE`` of a row's JSON in its own transaction.

Wall time and CPU time (``time.process_time``) are both printed: the machine is shared, and
wall time there measures the neighbours as much as this code. ``uptime``'s load is printed
with the figures. Targets (issue 9): open p95 < 50 ms, reorder < 16 ms. The health check is
built elsewhere (``store/health.py``) and not measured here.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.contract.sync import Change, Scope  # noqa: E402
from workbench.core.ids import uuid7  # noqa: E402
from workbench.store import listing_order, listings, steps  # noqa: E402
from workbench.store.cache import Cache  # noqa: E402


def build(cache: Cache, channels: int, listings: int) -> list[tuple[str, list[str]]]:
    out = []
    for c in range(channels):
        channel_id = uuid7()
        changes = [
            Change(entity="channel", id=channel_id, version=1, op="upsert",
                   data={"id": channel_id, "kind": "showcase", "name": f"渠道{c}", "version": 1})
        ]  # fmt: skip
        ids = [uuid7() for _ in range(listings)]
        for i, listing_id in enumerate(ids):
            data = {"id": listing_id, "channel_id": channel_id, "product_id": f"{c}-{i}",
                    "position": (i + 1) * listing_order.GAP, "pinned": False, "hidden": False,
                    "custom_title": None, "version": 1}  # fmt: skip
            changes.append(
                Change(entity="listing", id=listing_id, version=1, op="upsert", data=data)
            )
        steps.apply_changes(cache, Scope.ACCOUNT, changes, f"c{c}")
        out.append((channel_id, ids))
    return out


WINDOW = 200  # as ui/channels/listings_model.PAGE


def ms(seconds: list[float]) -> str:
    data = sorted(seconds)
    p95 = data[min(len(data) - 1, int(len(data) * 0.95))]
    return f"median {statistics.median(data) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=20)
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    rng = random.Random(9)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Cache.open(Path(tmp) / "cache.sqlite3", account_id="creator-bench")
        started = time.perf_counter()
        made = build(cache, args.channels, args.listings)
        print(f"built {args.channels} × {args.listings:,} listings in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        opened, scanned, moved, updated = [], [], [], []
        opened_cpu, moved_cpu, enqueued = [], [], []
        for _ in range(args.runs):
            channel_id, ids = rng.choice(made)
            t0, c0 = time.perf_counter(), time.process_time()
            listings.count(cache, channel_id)
            listings.window(cache, channel_id, 0, WINDOW)
            opened.append(time.perf_counter() - t0)
            opened_cpu.append(time.process_time() - c0)
            t0 = time.perf_counter()
            rows = [json.loads(d) for (d,) in cache.conn.execute(
                "SELECT data FROM record WHERE entity = 'listing'")]  # fmt: skip
            sorted((r["position"], r["id"]) for r in rows if r["channel_id"] == channel_id)
            scanned.append(time.perf_counter() - t0)
            listing_id = rng.choice(ids)
            at = rng.randrange(1, len(ids) - 1)
            shown = listings.window(cache, channel_id, (at - 1) // WINDOW * WINDOW, 2 * WINDOW)
            before = shown[(at - 1) % WINDOW].position  # the neighbours the page holds
            after = shown[(at - 1) % WINDOW + 1].position
            t0, c0 = time.perf_counter(), time.process_time()
            with cache.write():
                if not listing_order.place_between(cache, listing_id, before, after):
                    listing_order.move(cache, channel_id, listing_id, at)
            enqueued.append(time.perf_counter() - t0)
            listings.window(cache, channel_id, at // WINDOW * WINDOW, WINDOW)  # read again
            moved.append(time.perf_counter() - t0)
            moved_cpu.append(time.process_time() - c0)
            t0 = time.perf_counter()
            with cache.write():
                cache.conn.execute(
                    "UPDATE record SET data = json_set(data, '$.position', 1) "
                    "WHERE entity = 'listing' AND id = ?",
                    (listing_id,),
                )
            updated.append(time.perf_counter() - t0)
        ratio_open = statistics.median(opened) / statistics.median(scanned)
        ratio_move = statistics.median(moved) / statistics.median(updated)
        print(f"load (uptime): {os.getloadavg()}")
        print(f"open a channel     {ms(opened)}   reference (plain scan)   {ms(scanned)}   "
              f"ratio {ratio_open:.3f}")  # fmt: skip
        print(f"  CPU time         {ms(opened_cpu)}")
        print(f"reorder one        {ms(moved)}   reference (one UPDATE)   {ms(updated)}   "
              f"ratio {ratio_move:.2f}")  # fmt: skip
        print(f"  CPU time         {ms(moved_cpu)}")
        print(f"  of which enqueue {ms(enqueued)}   (the page shows the move before: show_move)")
        queued = cache.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        print(f"mutations queued by {args.runs} moves: {queued}")
        cache.close()


if __name__ == "__main__":
    main()
