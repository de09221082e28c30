"""The OS lock on an account's cache: a second process waits briefly, then says who owns it and
writes nothing; a crashed owner leaves no lock behind."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.cli import EXIT_BUSY
from workbench.store import file_lock
from workbench.store.cache import Cache
from workbench.store.file_lock import CacheInUse
from workbench.store.paths import cache_path
from workbench.sync.session import EMBEDDED

ROOT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from pathlib import Path
from workbench.store.cache import Cache
cache = Cache.open(Path(sys.argv[1]))
print("held", flush=True)
sys.stdin.readline()  # hold until the test says so (or dies)
cache.close()
print("released", flush=True)
"""


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes (mtimes lie on coarse clocks)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _workbench(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_cli_on_a_cache_the_app_holds_says_so_and_writes_nothing(_private_home: Path) -> None:
    path = cache_path(EMBEDDED, "creator_demo")
    with Cache.open(path) as cache:  # this process plays the running app
        with cache.write():
            cache.set_meta("marker", "kept")
        before = _snapshot(_private_home)
        for command in ("status", "sync"):
            started = time.monotonic()
            done = _workbench(command)
            assert done.returncode == EXIT_BUSY, (command, done.stdout, done.stderr)
            assert "open in Shop Workbench" in done.stderr, done.stderr
            assert f"process {os.getpid()}" in done.stderr, done.stderr
            assert "nothing was changed" in done.stderr
            assert time.monotonic() - started < 60
            # No cache write, no embedded server started beside the app's, no new file at all.
            assert _snapshot(_private_home) == before, command
        assert not (_private_home / "embedded-server.sqlite3").exists()
        assert cache.meta("marker") == "kept"


def _holder(path: Path) -> subprocess.Popen[str]:
    """A process that opens the cache at ``path`` and keeps it until a line on its stdin."""
    return subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], cwd=ROOT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )  # fmt: skip


def test_open_waits_for_a_lock_that_is_released_in_time(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with _holder(path) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(CacheInUse) as refused:
            Cache.open(path)  # the default wait passes: refused, with the owner named
        assert refused.value.owner_pid == holder.pid
        holder.stdin.write("\n")
        holder.stdin.flush()
        file_lock.acquire(path, wait=60)  # the holder lets go: taken, no error
        file_lock.release(path)
        assert holder.stdout.readline().strip() == "released"


def test_a_killed_owner_leaves_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with _holder(path) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        holder.kill()
    with Cache.open(path) as cache:  # at once: the OS dropped the dead process's lock
        assert cache.device_id


def test_one_process_shares_the_lock_between_its_connections(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    first = Cache.open(path)
    second = Cache.open(path)  # another lane of the same app: no wait, no error
    first.close()
    probe = [sys.executable, "-c",
             "import sys; from pathlib import Path; from workbench.store import file_lock; "
             "file_lock.acquire(Path(sys.argv[1]), wait=0)", str(path)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    still = subprocess.run(probe, env=env, capture_output=True, text=True, timeout=60)
    assert still.returncode != 0 and "CacheInUse" in still.stderr  # the second still holds it
    second.close()
    free = subprocess.run(probe, env=env, capture_output=True, text=True, timeout=60)
    assert free.returncode == 0, free.stderr
