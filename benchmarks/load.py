"""Many syncing clients against ``workbench-server serve --workers N`` on PostgreSQL.

    .venv/bin/python benchmarks/load.py [--clients 20] [--seconds 10] [--workers 2]
        [--database srvlock_load] [--pg postgresql+psycopg://postgres@127.0.0.1:5432]

Creates the PostgreSQL database ``--database`` (dropped first if it exists, dropped after),
seeds a small demo into it, starts the real server (``workbench-server serve``, uvicorn with
``--workers``) on a free loopback port, and runs ``--clients`` async clients (``_http``: one light keep-alive connection each) that each:
log in once (as one of the seeded creators, round robin), catch up on both scopes, then, for
``--seconds``: pull both scopes (``/v1/sync/changes``, following ``has_more``) every 2 s and push
3 mutations (new saved filters) every 5 s, starting at random offsets.

Prints p50/p95/p99 and counts per endpoint, errors (any non-2xx or transport error), requests/s,
the server's peak RSS (the uvicorn parent and all its workers, sampled every 0.5 s), and the
machine's load. Then checks the feed: every applied mutation's row is in its owner's feed
exactly once; what each client pulled incrementally during the run equals a fresh read of the
same range afterwards (no reader ever skipped a row that committed late: gap-free); and each
device's rows appear in the order it sent them (commit order). The reference line is the same
pull answered by ``/healthz`` (no auth, one ``SELECT 1``) in the same run, as a floor.

Bounded: at most 1,000 clients and 300 s; all traffic goes to 127.0.0.1. Exit status 1 if the
check fails or any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _http import Answer, Connection, HttpError  # noqa: E402  (the script's folder is on sys.path)

from tests.servers import seed  # noqa: E402
from workbench.core.enums import Role  # noqa: E402
from workbench.core.ids import uuid7  # noqa: E402
from workbench.server import models as m  # noqa: E402
from workbench.server.embedded import free_port  # noqa: E402
from workbench.server.seed.seeder import DEMO_PASSWORD  # noqa: E402

PULL_EVERY = 2.0
PUSH_EVERY = 5.0
PUSH_SIZE = 3
MAX_CLIENTS = 1_000
MAX_SECONDS = 300


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first_errors: list[str] = field(default_factory=list)

    def fail(self, name: str, what: str) -> None:
        self.errors[name] += 1
        if len(self.first_errors) < 5:
            self.first_errors.append(f"{name}: {what}")


@dataclass
class Client:
    login: str
    token: str = ""
    account_id: str = ""
    device_id: str = field(default_factory=uuid7)
    seq: int = 0
    cursors: dict[str, str | None] = field(
        default_factory=lambda: {"account": None, "catalog": None}
    )
    start_cursor: str | None = None  # the account cursor after the catch-up
    pulled: list[tuple[str, str, int]] = field(default_factory=list)  # after the catch-up
    applied: list[str] = field(default_factory=list)  # saved filters created, in send order


async def timed(
    http: Connection, stats: Stats, name: str, method: str, url: str, **kw: Any
) -> Answer | None:
    started = time.perf_counter()
    try:
        response = await http.request(method, url, **kw)
    except HttpError as exc:
        stats.fail(name, repr(exc))
        return None
    stats.latencies[name].append(time.perf_counter() - started)
    if response.status_code >= 300:
        stats.fail(name, f"{response.status_code} {response.text[:200]}")
        return None
    return response


async def pull(http: Connection, stats: Stats, client: Client, scope: str, record: bool) -> None:
    while True:
        params: dict[str, Any] = {"scope": scope, "limit": 1000}
        if client.cursors[scope]:
            params["cursor"] = client.cursors[scope]
        headers = {"Authorization": f"Bearer {client.token}"}
        name = f"pull {scope}" if record else "catch-up"
        response = await timed(
            http, stats, name, "GET", "/v1/sync/changes", params=params, headers=headers
        )
        if response is None:
            return
        body = response.json()
        if record and scope == "account":
            client.pulled.extend((c["entity"], c["id"], c["version"]) for c in body["changes"])
        client.cursors[scope] = body["cursor"]
        if not body["has_more"]:
            return


async def push(http: Connection, stats: Stats, client: Client) -> None:
    mutations = []
    for _ in range(PUSH_SIZE):
        client.seq += 1
        mutations.append(
            {
                "seq": client.seq,
                "id": uuid7(),
                "type": "saved_filter.put",
                "entity_id": uuid7(),
                "payload": {"name": f"load {client.seq}", "query": {"keyword": "茶"}},
            }
        )
    response = await timed(
        http,
        stats,
        "push",
        "POST",
        "/v1/sync/mutations",
        json={"device_id": client.device_id, "mutations": mutations},
        headers={"Authorization": f"Bearer {client.token}"},
    )
    if response is None:
        client.seq -= PUSH_SIZE  # not sent as far as we know: the next push reuses the seqs
        return
    for sent, result in zip(mutations, response.json()["results"], strict=True):
        if result["status"] != "applied":
            stats.fail("push", f"mutation {result['status']}: {result.get('code')}")
        else:
            client.applied.append(sent["entity_id"])


async def run_client(http: Connection, stats: Stats, client: Client, deadline: float) -> None:
    rng = random.Random(client.device_id)
    next_pull = time.monotonic() + rng.uniform(0, PULL_EVERY)
    next_push = time.monotonic() + rng.uniform(0, PUSH_EVERY)
    while True:
        now = time.monotonic()
        if now >= deadline:
            return
        if now >= next_pull:
            await pull(http, stats, client, "account", True)
            await pull(http, stats, client, "catalog", True)
            next_pull += PULL_EVERY
        elif now >= next_push:
            await push(http, stats, client)
            next_push += PUSH_EVERY
        else:
            await asyncio.sleep(min(next_pull, next_push, deadline) - now)


async def healthz_reference(http: Connection, stats: Stats, deadline: float) -> None:
    """A floor measured beside the load: ``/healthz`` every 0.2 s."""
    while time.monotonic() < deadline:
        await timed(http, stats, "healthz (reference)", "GET", "/healthz")
        await asyncio.sleep(0.2)


async def log_in(http: Connection, stats: Stats, client: Client, gate: asyncio.Semaphore) -> None:
    response = None
    for _attempt in range(3):  # a client retries a failed login (each failure is counted)
        async with gate:
            response = await timed(
                http,
                stats,
                "login",
                "POST",
                "/v1/auth/login",
                json={"login": client.login, "password": DEMO_PASSWORD},
            )
        if response is not None:
            break
    if response is None:
        raise RuntimeError(f"login failed for {client.login}: {stats.first_errors}")
    body = response.json()
    client.token, client.account_id = body["access_token"], body["account"]["id"]
    await pull(http, stats, client, "account", False)
    await pull(http, stats, client, "catalog", False)
    client.start_cursor = client.cursors["account"]


async def load(url: str, clients: list[Client], seconds: float, mark: Callable[[], None]) -> Stats:
    stats = Stats()
    # One keep-alive connection per device, as real devices have (``_http``: a light client,
    # so that the load generator takes little of the machine it measures).
    host, port = url.removeprefix("http://").split(":")
    conns = [Connection(host, int(port)) for _c in clients]
    reference = Connection(host, int(port))
    try:
        gate = asyncio.Semaphore(8)  # logins are scrypt: a crowd of them only queues
        await asyncio.gather(
            *(log_in(h, stats, c, gate) for h, c in zip(conns, clients, strict=True))
        )
        # This process's own full collections (the seeder's objects and 500 clients' state:
        # 100-190 ms each, a dozen a minute) would stall every request in flight and count
        # in its latency, the reference's too: what exists now stays to the end anyway.
        gc.collect()
        gc.freeze()
        deadline = time.monotonic() + seconds
        print(f"measuring for {seconds:.0f} s…", flush=True)
        mark()
        await asyncio.gather(
            healthz_reference(reference, stats, deadline),
            *(run_client(h, stats, c, deadline) for h, c in zip(conns, clients, strict=True)),
        )
        mark()
        # A last pull so every client has read up to the end.
        for h, c in zip(conns, clients, strict=True):
            await pull(h, stats, c, "account", True)
    finally:
        for h in [*conns, reference]:
            await h.close()
    return stats


def check_feed(url: str, clients: list[Client]) -> list[str]:
    """Exactly once, gap-free, commit order (see the module docstring); the problems found."""
    problems: list[str] = []
    with httpx.Client(base_url=url, timeout=60) as http:
        fresh: dict[str, list[tuple[str, str, int]]] = {}
        for c in clients:
            key = f"{c.account_id}:{c.start_cursor}"
            if key not in fresh:
                rows: list[tuple[str, str, int]] = []
                cursor = c.start_cursor
                while True:
                    params: dict[str, Any] = {"scope": "account", "limit": 1000}
                    if cursor:
                        params["cursor"] = cursor
                    r = http.get(
                        "/v1/sync/changes",
                        params=params,
                        headers={"Authorization": f"Bearer {c.token}"},
                    )
                    r.raise_for_status()
                    body = r.json()
                    rows.extend((x["entity"], x["id"], x["version"]) for x in body["changes"])
                    cursor = body["cursor"]
                    if not body["has_more"]:
                        break
                fresh[key] = rows
            rows = fresh[key]
            if c.pulled != rows:
                missing = len(set(rows) - set(c.pulled))
                problems.append(
                    f"{c.login}: pulled {len(c.pulled)} rows, fresh read {len(rows)} ({missing} skipped)"
                )
            filters = [i for (entity, i, _v) in rows if entity == "saved_filter"]
            position = {}
            for i in c.applied:
                if filters.count(i) != 1:
                    problems.append(
                        f"{c.login}: saved filter {i} is in the feed {filters.count(i)} times"
                    )
                position[i] = filters.index(i) if i in filters else -1
            order = [position[i] for i in c.applied]
            if order != sorted(order):
                problems.append(f"{c.login}: device {c.device_id} rows out of send order")
    return problems


def _tree(pid: int) -> list[int]:
    """``pid`` and every descendant."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(x) for x in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def server_rss(pid: int) -> int:
    """RSS in bytes of ``pid`` and every descendant."""
    total = 0
    for current in _tree(pid):
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def cpu_of(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each of ``pids`` (the ones still alive)."""
    found = {}
    for current in pids:
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        found[current] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


@dataclass
class CpuMeter:
    """CPU seconds spent during the measurement by the server (uvicorn and its workers), by
    PostgreSQL (the backends serving this database) and by this load generator itself: where
    the machine's cores went, independent of how noisy the wall clock is."""

    server_pid: int
    engine: Any
    database: str
    marks: list[tuple[dict[int, float], dict[int, float], float]] = field(default_factory=list)

    def mark(self) -> None:
        with self.engine.connect() as conn:
            backends = list(
                conn.scalars(
                    text("SELECT pid FROM pg_stat_activity WHERE datname = :d"),
                    {"d": self.database},
                )
            )
        self.marks.append((cpu_of(_tree(self.server_pid)), cpu_of(backends), time.process_time()))

    def spent(self) -> tuple[float, float, float]:
        """(server, database, load generator) CPU seconds between the first and last mark."""
        (s0, d0, c0), (s1, d1, c1) = self.marks[0], self.marks[-1]
        server = sum(v - s0.get(pid, 0.0) for pid, v in s1.items())
        # A backend that started during the run counts from zero; one that ended is lost
        # (the server's pool keeps its connections, so that is rare).
        database = sum(v - d0.get(pid, 0.0) for pid, v in d1.items())
        return server, database, c1 - c0


async def sample_rss(pid: int, peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], server_rss(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.5)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database", default="srvlock_load", help="a name for the scratch database"
    )
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--products", type=int, default=2_000)
    args = parser.parse_args()
    if not 1 <= args.clients <= MAX_CLIENTS or not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--clients 1..{MAX_CLIENTS}, --seconds up to {MAX_SECONDS}")

    admin = create_engine(f"{args.pg}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{args.database}"'))
    url = f"{args.pg}/{args.database}"
    server: subprocess.Popen[bytes] | None = None
    try:
        seed(url, products=args.products, orders_per_day=2)
        engine = create_engine(url)
        with engine.connect() as conn:
            logins = list(
                conn.scalars(
                    select(m.Account.login)
                    .where(m.Account.role == Role.CREATOR.value)
                    .order_by(m.Account.login)
                )
            )
        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("workbench-server")),
                "serve",
                "--database",
                url,
                "--port",
                str(port),
                "--workers",
                str(args.workers),
                "--rate",
                "100000",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(f"/tmp/{args.database}-server.log", "w"),  # noqa: SIM115
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        _wait_up(base, server)
        clients = [Client(login=logins[i % len(logins)]) for i in range(args.clients)]
        peak = [0]

        meter = CpuMeter(server.pid, engine, args.database)

        async def measured() -> Stats:
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_rss(server.pid, peak, stop))  # type: ignore[union-attr]
            try:
                return await load(base, clients, args.seconds, meter.mark)  # type: ignore[union-attr]
            finally:
                stop.set()
                await sampler

        started = time.perf_counter()
        stats = asyncio.run(measured())
        wall = time.perf_counter() - started
        problems = check_feed(base, clients)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)'))
        admin.dispose()

    print(
        f"{args.clients} clients, {args.workers} workers, {args.seconds:.0f} s measured "
        f"(login and catch-up before; {wall:.1f} s in all); load: {os.getloadavg()}"
    )
    print(f"{'endpoint':<22}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name in (
        "login",
        "catch-up",
        "pull account",
        "pull catalog",
        "push",
        "healthz (reference)",
    ):
        values = stats.latencies.get(name, [])
        if values or stats.errors.get(name):
            print(
                f"{name:<22}{len(values):>8}{pct(values, 0.5):>9.1f}{pct(values, 0.95):>9.1f}"
                f"{pct(values, 0.99):>9.1f}{stats.errors.get(name, 0):>8}"
            )
    measured_requests = sum(
        len(stats.latencies[n]) for n in ("pull account", "pull catalog", "push")
    )
    pulls = stats.latencies.get("pull account", [])
    floor = stats.latencies.get("healthz (reference)", [])
    if pulls and floor:
        print(f"ratio pull account p50 / healthz p50: {pct(pulls, 0.5) / pct(floor, 0.5):.1f}")
    print(f"requests/s (pull + push): {measured_requests / args.seconds:.0f}")
    served = measured_requests + len(stats.latencies.get("healthz (reference)", []))
    server_s, database_s, client_s = meter.spent()
    per = 1000 / max(served, 1)
    print(
        f"CPU per request: server (all workers) {server_s * per:.2f} ms, PostgreSQL "
        f"{database_s * per:.2f} ms, this load generator {client_s * per:.2f} ms; "
        f"CPU-s per s: server {server_s / args.seconds:.2f}, PostgreSQL "
        f"{database_s / args.seconds:.2f}, load generator {client_s / args.seconds:.2f}"
    )
    print(f"server peak RSS (all workers): {peak[0] / 2**20:.0f} MiB")
    applied = sum(len(c.applied) for c in clients)
    print(f"mutations applied: {applied}")
    errors = sum(stats.errors.values())
    for line in stats.first_errors:
        print(f"  error: {line}")
    if problems:
        print(f"feed check FAILED ({len(problems)} problems):")
        for line in problems[:10]:
            print(f"  {line}")
    else:
        print("feed check: every applied mutation once, gap-free, in send order")
    return 1 if problems or errors else 0


def _wait_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server exited at start")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError("the server did not start")


if __name__ == "__main__":
    sys.exit(main())
