"""The selection center's queries, this checkout against another one, in the same run.

    .venv/bin/python benchmarks/selection_ab.py --cache NEW.sqlite3 \\
        --reference-code /path/to/old/checkout --reference-cache OLD.sqlite3 [--runs 7]

Two worker processes answer the 20 queries of ``selection.py`` (its ``_cases``): one runs this
checkout's code on ``--cache``, the other the reference checkout's code on
``--reference-cache`` (a copy of the same catalogue, with the index format that code expects:
see ``selection.py`` to make one). Each query is run once in each as a warm-up, then ``--runs``
times alternately (A B, B A, ...), so both see the same machine load; each worker times its
own call (wall and CPU time of the process). Printed per query: the first 50 rows' median and
p95 wall ms and median CPU ms, for both, with the ratio reference ÷ this; the count's median
wall ms. The two answers must be the same (the first 50 ids and the count), else it says so and
exits non-zero. A walk the planner gave up is not tried again for the same query until the
cache changes, so runs after the warm-up cost what a query asked again costs; with
``--first-ask`` that memory is cleared before each run. ``uptime``'s load is printed before and after: on a shared machine wall times
are noisy, CPU times less so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--reference-code", type=Path)
    parser.add_argument("--reference-cache", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", help="run only the queries whose name contains this")
    parser.add_argument(
        "--first-ask",
        action="store_true",
        help="forget the walks given up before each run: what a query costs the first time",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return _worker(args.cache)
    root = HERE.parent
    workers = {"this": _spawn(root, args.cache)}
    if args.reference_code is not None:
        workers["ref"] = _spawn(args.reference_code, args.reference_cache or args.cache)
    print(f"load before: {_load()}", flush=True)
    names = [n for n in _call(workers["this"], {"op": "names"})["names"]
             if not args.only or args.only in n]  # fmt: skip
    header = f"{'query':34} {'this: med/p95 wall, cpu ms':>27}"
    if "ref" in workers:
        header += f" {'reference: med/p95 wall, cpu ms':>32} {'ref÷this cpu':>12}"
    print(header + f" {'count ms':>9} {'count':>9}", flush=True)
    every: dict[str, list[float]] = {k: [] for k in workers}
    every_cpu: dict[str, list[float]] = {k: [] for k in workers}
    same = True
    for name in names:
        times: dict[str, dict[str, list[float]]] = {
            k: {"wall": [], "cpu": [], "count_s": []} for k in workers
        }
        answers = {k: _call(w, {"op": "run", "name": name}) for k, w in workers.items()}
        if "ref" in answers and (
            answers["ref"]["ids"] != answers["this"]["ids"]
            or answers["ref"]["n"] != answers["this"]["n"]
        ):
            same = False
            print(f"  DIFFERENT ANSWERS for {name}", flush=True)
        order = list(workers)
        for run in range(args.runs):
            for key in order if run % 2 == 0 else order[::-1]:
                out = _call(workers[key], {"op": "run", "name": name, "fresh": args.first_ask})
                for field in ("wall", "cpu", "count_s"):
                    times[key][field].append(out[field])
        line = f"{name:34}"
        for key in workers:
            med, p95 = _ms(times[key]["wall"])
            cpu, _ = _ms(times[key]["cpu"])
            every[key] += times[key]["wall"]
            every_cpu[key] += times[key]["cpu"]
            line += f" {med:9.1f} / {p95:6.1f}, {cpu:6.1f}     "
        if "ref" in workers:
            ratio = statistics.median(times["ref"]["cpu"]) / max(
                statistics.median(times["this"]["cpu"]), 1e-6
            )
            line += f" {ratio:8.1f}x"
        count_med, _ = _ms(times["this"]["count_s"])
        line += f" {count_med:9.1f} {answers['this']['n']:9,}"
        print(line, flush=True)
    for key, values in every.items():
        med, p95 = _ms(values)
        cpu_med, cpu_p95 = _ms(every_cpu[key])
        label = "this checkout" if key == "this" else "reference"
        print(
            f"overall {label}: first 50 rows median {med:.1f} ms, p95 {p95:.1f} ms (wall); "
            f"CPU median {cpu_med:.1f} ms, p95 {cpu_p95:.1f} ms"
        )
    print(f"load after: {_load()}", flush=True)
    for worker in workers.values():
        _call(worker, {"op": "quit"})
    if not same:
        print("the answers differ", flush=True)
        return 1
    return 0


def _spawn(code: Path, cache: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--worker", "--cache", str(cache)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=str(code),
    )  # fmt: skip


def _call(worker: subprocess.Popen[str], message: dict[str, Any]) -> dict[str, Any]:
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write(json.dumps(message) + "\n")
    worker.stdin.flush()
    if message["op"] == "quit":
        worker.wait(timeout=30)
        return {}
    return dict(json.loads(worker.stdout.readline()))


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _ms(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _worker(cache_path: Path) -> int:
    sys.path.insert(0, str(HERE))
    from selection import _cases  # the reference checkout's own cases, by the same names

    from workbench.store import product_plans, products
    from workbench.store.cache import Cache

    cache = Cache.open(cache_path)
    cases = _cases()
    for line in sys.stdin:
        message = json.loads(line)
        if message["op"] == "quit":
            return 0
        if message["op"] == "names":
            out: dict[str, Any] = {"names": list(cases)}
        else:
            f = cases[message["name"]]
            if message.get("fresh"):
                # Walks given up are remembered per connection (product_plans._gave_up).
                getattr(product_plans, "_given_up", {}).clear()
            wall, cpu = time.perf_counter(), time.process_time()
            rows = products.first_page(cache, f, 50)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            started = time.perf_counter()
            n = products.count(cache, f)
            out = {
                "wall": wall,
                "cpu": cpu,
                "count_s": time.perf_counter() - started,
                "n": n,
                "ids": [r["id"] for r in rows],
            }
        print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
