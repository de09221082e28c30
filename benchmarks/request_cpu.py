"""Server CPU per request: an idle pull, a 3-mutation push, beside a bare ``/healthz``.

    .venv/bin/python benchmarks/request_cpu.py [--database pg|sqlite] [--requests 1000] [--runs 3]
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432]

Wall time on a shared machine says little; the CPU the server process spends per request does
not depend on what else runs. This seeds a small demo (PostgreSQL: a scratch database
``srvperf_cpu``, dropped after; SQLite: a temporary file), starts the real server
(``workbench-server serve``, one worker) on a free loopback port, logs in as a creator, catches
up on both scopes, and then, one request at a time on one keep-alive connection, sends
``--requests`` of each: ``bare`` (the floor: ``benchmarks/bare_asgi.py``, a constant answer
from a bare ASGI app in its own process on the same uvicorn settings, no framework, no
database), ``/healthz`` (no auth, one ``SELECT 1`` through FastAPI), an idle pull
(``/v1/sync/changes`` with a cursor at the head, alternating the two scopes) and a push of three
new saved filters (a third as many). The serving process's CPU (user + system, from ``/proc``)
is read before and after each kind. Printed per run and as medians: milliseconds of server CPU
per request, the ratio against the bare app, and the median wall time per request; plus the
machine's load before and after. The HTTP parser and event loop are uvicorn's defaults:
httptools and uvloop when installed (the ``server`` extra), which the output names.
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
from typing import Any

import httpx
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _seeding import cpu_seconds  # noqa: E402  (the script's folder is on sys.path)

from tests.servers import seed  # noqa: E402
from workbench.core.ids import uuid7  # noqa: E402
from workbench.server.embedded import free_port  # noqa: E402
from workbench.server.seed.seeder import DEMO_PASSWORD  # noqa: E402

SCRATCH = "srvperf_cpu"


ROUNDS = 10


def measure(kinds: dict[str, tuple[int, Any, int]], settle: Any) -> dict[str, tuple[float, float]]:
    """Per kind: (CPU ms per request of process ``pid``, median wall ms per request) over its
    ``count`` calls of ``send``; the kinds take turns in ``ROUNDS`` rounds, so that a change in
    the machine's load during the run weighs on each kind alike. ``settle`` runs after each
    turn, unmeasured."""
    cpu = dict.fromkeys(kinds, 0.0)
    walls: dict[str, list[float]] = {kind: [] for kind in kinds}
    sent = dict.fromkeys(kinds, 0)
    for _round in range(ROUNDS):
        for kind, (count, send, pid) in kinds.items():
            before = cpu_seconds(pid)
            for _ in range(max(count // ROUNDS, 1)):
                started = time.perf_counter()
                send(sent[kind])
                sent[kind] += 1
                walls[kind].append(time.perf_counter() - started)
            cpu[kind] += cpu_seconds(pid) - before
            settle()
    return {
        kind: (cpu[kind] / sent[kind] * 1000, statistics.median(walls[kind]) * 1000)
        for kind in kinds
    }


def run(url: str, pid: int, bare: tuple[str, int], requests: int) -> dict[str, tuple[float, float]]:
    bare_url, bare_pid = bare
    with httpx.Client(base_url=url, timeout=60) as http, httpx.Client(base_url=bare_url) as floor:
        r = http.post("/v1/auth/login", json={"login": "creator_demo", "password": DEMO_PASSWORD})
        r.raise_for_status()
        auth = {"Authorization": f"Bearer {r.json()['access_token']}"}
        cursors: dict[str, str | None] = {"account": None, "catalog": None}

        def pull(scope: str) -> list[Any]:
            params: dict[str, Any] = {"scope": scope}
            if cursors[scope]:
                params["cursor"] = cursors[scope]
            r = http.get("/v1/sync/changes", params=params, headers=auth)
            r.raise_for_status()
            body = r.json()
            cursors[scope] = body["cursor"]
            return body["changes"]  # type: ignore[no-any-return]

        def settle() -> None:
            for scope in cursors:
                while pull(scope):
                    pass

        settle()
        device = uuid7()

        def bare_app(_n: int) -> None:
            floor.get("/").raise_for_status()

        def healthz(_n: int) -> None:
            http.get("/healthz").raise_for_status()

        def idle_pull(n: int) -> None:
            if pull("account" if n % 2 == 0 else "catalog"):
                raise RuntimeError("an idle pull got changes: something else writes")

        def push(n: int) -> None:
            mutations = [
                {"seq": 3 * n + k + 1, "id": uuid7(), "type": "saved_filter.put",
                 "entity_id": uuid7(), "payload": {"name": f"cpu {n}.{k}", "query": {}}}
                for k in range(3)
            ]  # fmt: skip
            r = http.post(
                "/v1/sync/mutations", json={"device_id": device, "mutations": mutations},
                headers=auth,
            )  # fmt: skip
            r.raise_for_status()
            if any(x["status"] != "applied" for x in r.json()["results"]):
                raise RuntimeError(f"not applied: {r.text[:300]}")

        healthz(0)
        bare_app(0)
        return measure(
            {
                "bare": (requests, bare_app, bare_pid),
                "healthz": (requests, healthz, pid),
                "idle pull": (requests, idle_pull, pid),
                "push 3": (max(requests // 3, 1), push, pid),
            },
            settle,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("pg", "sqlite"), default="pg")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    admin = None
    if args.database == "pg":
        admin = create_engine(f"{args.pg}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{SCRATCH}"'))
        url = f"{args.pg}/{SCRATCH}"
    else:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='wb-cpu-')}/server.sqlite3"
    server = bare = None
    load_before = os.getloadavg()
    try:
        seed(url, products=2_000, orders_per_day=2)
        port = free_port()
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("workbench-server")), "serve", "--database", url,
             "--port", str(port), "--rate", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        bare_port = free_port()
        bare = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "bare_asgi.py"), str(bare_port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        bare_base = f"http://127.0.0.1:{bare_port}"
        _wait_up(base)
        _wait_up(bare_base, "/")
        figures: dict[str, list[tuple[float, float]]] = {}
        for n in range(args.runs):
            found = run(base, server.pid, (bare_base, bare.pid), args.requests)
            print(
                f"run {n + 1}: "
                + "; ".join(f"{k} {cpu:.2f} ms CPU ({wall:.2f} ms wall)" for k, (cpu, wall) in found.items()),
                flush=True,
            )  # fmt: skip
            for key, value in found.items():
                figures.setdefault(key, []).append(value)
    finally:
        for process in (server, bare):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{SCRATCH}" WITH (FORCE)'))
            admin.dispose()
    floor = statistics.median(c for c, _w in figures["bare"])
    print(
        f"{args.database}, {_stack()}, medians of {args.runs} runs; "
        f"load before {load_before}, after {os.getloadavg()}"
    )
    for key, values in figures.items():
        cpu = statistics.median(c for c, _w in values)
        wall = statistics.median(w for _c, w in values)
        print(
            f"  {key:<10} server CPU {cpu:6.2f} ms/request (ratio to bare {cpu / floor:4.1f}), "
            f"wall {wall:6.2f} ms"
        )
    return 0


def _stack() -> str:
    """The HTTP parser and event loop uvicorn picks here (``auto``: the faster when installed)."""
    from importlib.util import find_spec

    parser = "httptools" if find_spec("httptools") else "h11"
    loop = "uvloop" if find_spec("uvloop") else "asyncio"
    return f"{parser} + {loop}"


def _wait_up(base: str, path: str = "/healthz") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}{path}", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError("the server did not start")


if __name__ == "__main__":
    sys.exit(main())
