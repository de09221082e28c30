"""The kill test: a real ``workbench sync`` process, SIGKILLed at random moments, many times.

Between runs the test process opens the same cache file and makes new offline edits, and now
and then another device of the same creator pushes edits of its own, so that pulls have work.

A sync's own work (login, push, account pull, catalogue pull) takes a few tens of
milliseconds after most of a second of interpreter start-up, so purely random delays would
mostly kill the imports. The server adds 30 ms to every answer (its latency fault) to spread
the phases apart, and each run draws its kill moment in one of two ways:

- at a random delay over the whole life of a run (measured first), start-up included;
- a random few milliseconds after a chosen line of the run's ``-v`` log appears: the push
  progress line (the batch is on its way), the push's answer (the server has committed, the
  cache maybe not: the resend-and-replay case), an account or catalogue page's arrival
  (applying it with its cursor), or the account page stored.

Runs that finish before their kill must exit 0. After at least 50 kills the cache passes
``PRAGMA integrity_check``, a last sync left alone exits 0 with an empty outbox, and the server's
records prove that every edit committed to the cache landed exactly once (none lost, none
doubled), that every rejection or conflict was recorded in the cache, and that the cache shows
exactly the server's rows.
"""

from __future__ import annotations

import os
import random
import select
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from tests.sync.conftest import CREATOR
from tests.sync.helpers import (
    WORKBENCH,
    Device,
    Editor,
    cli_env,
    creations_not_once,
    divergences,
    duplicate_listings,
    listed_products,
    log_seq,
    sync_until_quiet,
)
from workbench.client.urls import server_id
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_PASSWORD
from workbench.store.paths import cache_path

KILLS = 50
MAX_RUNS = 120  # a bound: runs that finish before their kill do not count as kills
MARKERS = {  # log line → how long after it to kill (at most, in seconds)
    "push:": 0.04,  # the batch is about to go out
    "/v1/sync/mutations": 0.005,  # its answer arrived: the server committed, the cache not yet
    "scope=account": 0.002,  # an account page arrived: applying it with its cursor
    "pull:account": 0.04,  # the account page is stored: the catalogue comes next
    "scope=catalog": 0.002,  # a catalogue page arrived
}


def _pump(stream: IO[bytes], log: IO[str], until: str | None, deadline: float) -> bool:
    """Copy the child's stderr to ``log`` until ``until`` appears (True), EOF or the deadline."""
    fd, seen = stream.fileno(), ""
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([fd], [], [], left)[0]:
            return False
        chunk = os.read(fd, 65536).decode(errors="replace")
        if not chunk:
            return False
        log.write(chunk)
        seen += chunk
        if until is not None and until in seen:
            return True
    return False


def _measure(command: list[str], env: dict[str, str], log: Path) -> tuple[int, float, float]:
    """Run to the end: (exit code, seconds to the login's answer, seconds to the work's end)."""
    started = time.perf_counter()
    first = done = 0.0
    with (
        log.open("w") as err,
        subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        ) as proc,
    ):
        assert proc.stderr is not None
        for line in proc.stderr:
            err.write(line)
            if not first and "HTTP Request" in line:
                first = time.perf_counter() - started
            if "pull:catalog" in line:
                done = time.perf_counter() - started
        code = proc.wait()
    return code, first, done


def _phase(log: str) -> str:
    """How far a killed run got, from its ``-v`` log."""
    for marker, phase in (
        ("pull:catalog", "finishing"),
        ("scope=catalog", "pulling the catalogue"),
        ("pull:account", "between the pulls"),
        ("scope=account", "pulling the account"),
        ("/v1/sync/mutations", "push answered"),
        ("push:", "pushing"),
        ("HTTP Request", "logged in"),
    ):
        if marker in log:
            return phase
    return "starting"


@pytest.mark.slow
def test_sync_killed_at_random_moments_loses_and_doubles_nothing(
    server: EmbeddedServer,
    device: Callable[..., Device],
    faults: Callable[..., None],
    creator_id: str,
    tmp_path: Path,
) -> None:
    rng = random.Random(20261130)
    path = cache_path(server_id(server.url), CREATOR)
    command = [str(WORKBENCH), "-v", "sync", "--server", server.url, "--account", CREATOR]
    env = cli_env(password=DEMO_PASSWORD)
    log = tmp_path / "sync.log"
    start = log_seq(server.db)

    # An unkilled first sync fills the cache (catalogue snapshot); then time a typical one.
    assert _measure(command, env, log)[0] == 0, log.read_text()
    cli = Device("cli", path, creator_id, None)
    other = device("other")
    other.sync()
    editor = Editor(rng, listed_products(server.db, 16, skip=120))
    editor.edits(cli, 3)
    cli.cache.close()
    faults(latency_ms=30)
    code, first, done = _measure(command, env, log)
    assert code == 0 and 0 < first < done, log.read_text()

    kills, finished, phases = 0, 0, Counter[str]()
    started = time.perf_counter()
    for run in range(MAX_RUNS):
        if kills >= KILLS:
            break
        cli.restart()  # a new process opens the file the killed one left
        assert cli.cache.integrity_check() == "ok", f"after run {run}"
        editor.edits(cli, rng.randint(1, 4))
        cli.cache.close()
        if run % 2 == 0:  # server-side changes, so that pulls have work
            editor.edits(other, 8)
            other.sync()
        # Two in seven anywhere, the rest by marker, in turn: every phase gets its share
        # whatever the other draws (a random choice gave some seeds two push answers in 50).
        marker = (None, None, *MARKERS)[run % (2 + len(MARKERS))]
        with (
            log.open("w") as err,
            subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            ) as proc,
        ):
            assert proc.stderr is not None
            deadline = time.monotonic() + 30
            if marker is None:  # anywhere in the run's life, start-up included
                deadline = time.monotonic() + rng.uniform(0, done + 0.1)
            if _pump(proc.stderr, err, marker, deadline) or marker is None:
                if marker is not None:
                    deadline = time.monotonic() + rng.uniform(0, MARKERS[marker])
                    _pump(proc.stderr, err, None, deadline)
                if proc.poll() is None:
                    proc.kill()  # SIGKILL
                    kills += 1
            _pump(proc.stderr, err, None, time.monotonic() + 30)  # the rest, up to EOF
            code = proc.wait()
        if code == -9:
            phases[_phase(log.read_text())] += 1
        else:
            finished += 1
            assert code == 0, log.read_text()
    killing = time.perf_counter() - started
    faults()

    cli.restart()
    assert cli.cache.integrity_check() == "ok"
    cli.cache.close()
    assert _measure(command, env, log)[0] == 0, log.read_text()
    cli.restart()
    assert sync_until_quiet([other])  # the other device takes the last edits too
    print(
        f"{kills} kills, {finished} runs finished first, {killing:.0f} s; a sync's work ran "
        f"from {first:.2f} s to {done:.2f} s after start; killed while {dict(phases)}"
    )

    assert kills >= KILLS
    # Most kills landed inside a sync, and some in the nasty window after the server answered
    # a push (how many land while a page is applied varies: that takes a millisecond or two).
    assert sum(n for phase, n in phases.items() if phase != "starting") >= KILLS // 2, phases
    assert phases["pushing"] >= 3 and phases["push answered"] >= 3, phases
    problems = divergences(server.db, creator_id, [cli, other], after_seq=start)
    assert not problems, "\n".join(problems)
    assert duplicate_listings(server.db, creator_id) == []
    assert creations_not_once(server.db, editor.created) == []
    assert len(cli.edits) >= KILLS
