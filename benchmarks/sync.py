"""Sync figures against a server seeded with a large catalogue, each beside a reference.

    .venv/bin/python benchmarks/sync.py [--products 1000000] [--runs 3] [--server-db PATH]

The server runs as its own process (``workbench-server serve`` on SQLite, loopback), as a real
deployment would; each measured client step runs in a fresh child process so its peak memory is
its own. Printed, with medians over the runs:

- ``first load``: a new device's first catalogue sync (manifest, gzip NDJSON pages, staging
  inserts in 10k-row transactions, B-tree indexes, swap) over HTTP until the catalogue is
  usable (the swap: the engine's ``indexing`` phase starts), seconds and rows/s; ``raw`` is the
  reference: plain ``sqlite3`` ``executemany`` of the very same rows (read back from that
  cache) into an empty, index-free table, measured in the same run; ``ratio`` is first-load
  rows/s ÷ raw rows/s. Targets: 1,000,000 products < 20 s (≥ 50,000 rows/s).
- ``keyword index ready``: the seconds after that until the keyword index is complete
  (keyword search works meanwhile, slower); ``indexing``: the whole ``indexing`` phase, which
  then builds the B-tree indexes left out before the swap; ``whole``: the load end to end
  (``load_catalog``: snapshot, indexing, the feed pull after it).
- ``peak rss``: the child's peak resident memory during the first load (target < 300 MB).
- ``push``: 10,000 queued edits (new listings, queued as the selection page does: 2,000 a
  transaction) pushed in batches; mutations/s (target ≥ 5,000/s), beside the enqueue rate and
  both together. On a shared machine wall time says little, so also the CPU seconds of the
  push: the client's (``process_time``) and the server's (``/proc``, the whole push step), and
  the rate if the push were bound by that CPU alone (client + server on one core, and the
  server alone).
- ``empty pull``: an incremental pull of both scopes with nothing new, milliseconds (target
  < 5 ms), median of 50 in one process with one reused client; the reference is two bare
  ``/healthz`` round trips (median of 50) and ``ratio`` is pull ÷ that.

The server's catalogue size is read back from its file before anything is measured, and the
first load's row count must equal ``--products``: a benchmark never reports another size.
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
from pathlib import Path

import httpx

# the script's folder is on sys.path
from _seeding import cpu_seconds, free_port, measured_size, seeded_server, wait_until_up

BIN = Path(sys.executable).parent
PASSWORD = "demo1234"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--server-db", type=Path, help="reuse (or create) this seeded server file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args.child, args.url, Path(args.home))

    work = Path(tempfile.mkdtemp(prefix="wb-syncbench-"))
    server_db = seeded_server(args.server_db or work / "server.sqlite3", args.products)
    measured_size(server_db, args.products, what="the server database")
    port = free_port()
    server = subprocess.Popen(
        [BIN / "workbench-server", "serve", "--database", f"sqlite:///{server_db}",
         "--port", str(port), "--rate", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)
        figures: dict[str, list[float]] = {}
        for run in range(args.runs):
            home = work / f"run{run}"
            result = {}
            for step in ("first_load", "push", "empty_pull"):
                server_cpu = cpu_seconds(server.pid)
                out = subprocess.run(
                    [sys.executable, __file__, "--child", step, "--url", url, "--home", str(home)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                result.update(json.loads(out.stdout.strip().splitlines()[-1]))
                if step == "push":
                    result["push_server_cpu_s"] = cpu_seconds(server.pid) - server_cpu
                    pushed = result["push_per_s"] * result["push_s"]
                    result["push_cpu_bound_per_s"] = pushed / (
                        result["push_client_cpu_s"] + result["push_server_cpu_s"]
                    )
                    result["push_server_alone_per_s"] = pushed / result["push_server_cpu_s"]
            if result["rows"] != args.products:
                raise SystemExit(f"refusing to report: the first load gave {result['rows']:,} "
                                 f"products, not {args.products:,}")  # fmt: skip
            result.update(_raw_reference(home))
            result["ratio"] = result["first_load_rows_s"] / result["raw_rows_s"]
            print(
                f"run {run + 1}: first load {result['rows']:,} rows in {result['first_load_s']:.1f} s "
                f"({result['first_load_rows_s']:,.0f} rows/s), keyword index ready "
                f"+{result['index_s']:.1f} s (indexing {result['indexing_s']:.1f} s, whole "
                f"{result['whole_load_s']:.1f} s), "
                f"raw {result['raw_rows_s']:,.0f} rows/s, "
                f"ratio {result['ratio']:.2f}; peak rss {result['peak_rss_mb']:.0f} MB; "
                f"push {result['push_per_s']:,.0f} mutations/s (enqueue {result['enqueue_per_s']:,.0f}/s, "
                f"both {result['enqueue_and_push_per_s']:,.0f}/s; CPU client "
                f"{result['push_client_cpu_s']:.2f} s + server {result['push_server_cpu_s']:.2f} s: "
                f"{result['push_cpu_bound_per_s']:,.0f}/s, server alone "
                f"{result['push_server_alone_per_s']:,.0f}/s); empty pull "
                f"{result['empty_pull_ms']:.1f} ms vs two /healthz {result['healthz_pair_ms']:.1f} ms, "
                f"ratio {result['empty_pull_ratio']:.2f}",
                flush=True,
            )
            for key, value in result.items():
                figures.setdefault(key, []).append(float(value))
        print("medians:")
        for key, values in figures.items():
            print(f"  {key}: {statistics.median(values):,.2f}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return 0


def _child(step: str, url: str, home: Path) -> int:
    os.environ["WORKBENCH_HOME"] = str(home)
    from workbench.client.api import ApiClient
    from workbench.client.tokens import MemoryTokenStore
    from workbench.contract.sync import Scope
    from workbench.core.ids import uuid7
    from workbench.store.cache import Cache
    from workbench.sync.engine import SyncEngine
    from workbench.sync.progress import INDEXING, Progress, SyncSummary

    indexing: list[tuple[float, bool]] = []  # the indexing phase's reports: (when, keyword done)

    def progress(p: Progress) -> None:
        if p.phase == INDEXING:
            indexing.append((time.perf_counter(), p.total is not None and p.done >= p.total))

    api = ApiClient(url, tokens=MemoryTokenStore(), token_key="bench")
    account = api.login("creator_demo", PASSWORD)
    cache = Cache.open(home / "cache.sqlite3", account_id=account.id)
    engine = SyncEngine(cache, api, progress=progress)
    out: dict[str, float] = {}
    if step == "first_load":
        engine.pull(Scope.ACCOUNT, SyncSummary())
        started = time.perf_counter()
        engine.load_catalog(SyncSummary())
        whole = time.perf_counter() - started
        assert indexing, "the snapshot ended without an indexing phase"
        swapped = indexing[0][0]  # the swap is done: browse, filter and sort work
        keyword = next(at for at, done in indexing if done)  # then search at full speed
        rows = cache.status()["products"]
        out = {"rows": rows, "first_load_s": swapped - started,
               "first_load_rows_s": rows / (swapped - started), "index_s": keyword - swapped,
               "indexing_s": indexing[-1][0] - swapped, "whole_load_s": whole,
               "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}  # fmt: skip
    elif step == "push":
        # A channel of this run's own, so every run's listings are new to the server.
        channel = uuid7()
        cache.enqueue(
            "channel.create", channel, {"kind": "showcase", "name": f"bench {channel[-6:]}"}
        )
        engine.push(SyncSummary())
        products = [r[0] for r in cache.conn.execute(
            "SELECT id FROM product WHERE status = 'listed' ORDER BY id DESC LIMIT 10000")]  # fmt: skip
        started = time.perf_counter()
        # As the selection page's "add to channel" queues them: one transaction per batch of
        # 2,000 (``placing.MAX_BATCH``), the visible rows recomputed once per batch.
        for start in range(0, len(products), 2000):
            cache.enqueue_many(
                [("listing.create", uuid7(), {"channel_id": channel, "product_id": p}, None)
                 for p in products[start : start + 2000]]
            )  # fmt: skip
        enqueue_s = time.perf_counter() - started
        summary = SyncSummary()
        started, cpu = time.perf_counter(), time.process_time()
        engine.push(summary)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert summary.applied == len(products), summary
        out = {"push_per_s": len(products) / seconds, "enqueue_per_s": len(products) / enqueue_s,
               "enqueue_and_push_per_s": len(products) / (seconds + enqueue_s),
               "push_s": seconds, "push_client_cpu_s": cpu}  # fmt: skip
    elif step == "empty_pull":
        engine.pull(Scope.ACCOUNT, SyncSummary())
        engine.pull(Scope.CATALOG, SyncSummary())
        times = []
        for _ in range(50):
            started = time.perf_counter()
            summary = SyncSummary()
            engine.pull(Scope.ACCOUNT, summary)
            engine.pull(Scope.CATALOG, summary)
            times.append((time.perf_counter() - started) * 1000)
            assert not summary.pulled.get("account") and not summary.pulled.get("catalog")
        # The reference: two bare ``/healthz`` round trips on the same kind of client.
        bare = []
        with httpx.Client(base_url=url) as http:
            http.get("/healthz")
            for _ in range(50):
                started = time.perf_counter()
                http.get("/healthz")
                http.get("/healthz")
                bare.append((time.perf_counter() - started) * 1000)
        pull, ref = statistics.median(times), statistics.median(bare)
        out = {"empty_pull_ms": pull, "healthz_pair_ms": ref, "empty_pull_ratio": pull / ref}
    cache.close()
    api.close()
    print(json.dumps(out))
    return 0


def _raw_reference(home: Path) -> dict[str, float]:
    """The same rows, straight from the loaded cache into an empty table with ``executemany``."""
    source = sqlite3.connect(home / "cache.sqlite3")
    target_path = home / "raw.sqlite3"
    target = sqlite3.connect(target_path, isolation_level=None)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=NORMAL")
    columns = [r[1] for r in source.execute("PRAGMA table_info(product)")]
    target.execute(f"CREATE TABLE product ({', '.join(columns)}, PRIMARY KEY (id))")
    placeholders = ", ".join("?" for _ in columns)
    cursor = source.execute("SELECT * FROM product")
    total = 0
    spent = 0.0
    while batch := cursor.fetchmany(10_000):
        started = time.perf_counter()
        target.execute("BEGIN")
        target.executemany(f"INSERT INTO product VALUES ({placeholders})", batch)
        target.execute("COMMIT")
        spent += time.perf_counter() - started
        total += len(batch)
    source.close()
    target.close()
    target_path.unlink()
    return {"raw_rows_s": total / spent}


if __name__ == "__main__":
    sys.exit(main())
