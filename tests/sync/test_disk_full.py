"""A full disk under the cache: a local edit, a pulled page and ``workbench sync``.

The disk is really full: the cache lives on a small tmpfs filled up with a filler file (after a
checkpoint has emptied the WAL, so the next commit needs new blocks), and SQLite gets ENOSPC.
Where mounting is not allowed (not root), the cache's own ``PRAGMA max_page_count`` gives the
same SQLITE_FULL, with edits and pages large enough to need new pages.

Each must say "disk full", roll back whole (no outbox row without its visible rows, no page
without its cursor), leave the connection usable, and work once space is free again.
"""

from __future__ import annotations

import errno
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sync.conftest import CREATOR
from tests.sync.helpers import WORKBENCH, Device, cli_env, enqueue, listed_products, make_api
from tests.sync.test_damage import _applied_once
from workbench.client.urls import server_id
from workbench.contract.sync import Scope
from workbench.core.demo import DEMO_PASSWORD
from workbench.core.ids import uuid7
from workbench.server.embedded import EmbeddedServer
from workbench.store.cache import Cache
from workbench.store.damage import DiskFull
from workbench.store.paths import cache_path
from workbench.store.recovery import closed_cleanly, open_account_cache
from workbench.sync.engine import SyncEngine
from workbench.sync.progress import SyncSummary


@dataclass
class Disk:
    """A folder on a small disk that tests fill up and free again."""

    root: Path
    real: bool  # a mounted tmpfs; False: the cache's page limit stands in

    def fill(self, cache: Cache | None = None) -> None:
        if not self.real:
            assert cache is not None
            pages = cache.conn.execute("PRAGMA page_count").fetchone()[0]
            cache.conn.execute(f"PRAGMA max_page_count = {pages}")
            return
        if cache is not None:
            cache.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with (self.root / "filler").open("wb", buffering=0) as f:
            for size in (1 << 20, 4096, 1):  # smaller pieces as it gets full
                try:
                    while f.write(b"\0" * size):
                        pass
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC

    def free(self, cache: Cache | None = None) -> None:
        if not self.real:
            assert cache is not None
            cache.conn.execute("PRAGMA max_page_count = 1073741823")
            return
        (self.root / "filler").unlink()


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    root = tmp_path / "disk"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(root)],
        capture_output=True,
        check=False,
    )
    try:
        yield Disk(root, real=mounted.returncode == 0)
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", "-l", str(root)], check=False)


def _device(server: EmbeddedServer, path: Path, account_id: str) -> Device:
    return Device(path.stem, path, account_id, make_api(server.url, CREATOR))


def _state(cache: Cache) -> tuple[object, ...]:
    return (
        cache.conn.execute("SELECT * FROM outbox ORDER BY local_id").fetchall(),
        cache.conn.execute("SELECT * FROM record ORDER BY entity, id").fetchall(),
        cache.conn.execute("SELECT * FROM sync_state ORDER BY scope").fetchall(),
    )


def test_an_edit_on_a_full_disk_is_refused_whole(
    server: EmbeddedServer, disk: Disk, creator_id: str
) -> None:
    dev = _device(server, disk.root / "a.sqlite3", creator_id)
    try:
        dev.sync()
        before = _state(dev.cache)
        disk.fill(dev.cache)
        big = {"name": "满盘", "query": {"keyword": "笔记本" * 20_000}}

        with pytest.raises(DiskFull, match="disk full"):
            dev.cache.enqueue("saved_filter.put", uuid7(), big)

        assert not dev.cache.conn.in_transaction
        assert _state(dev.cache) == before  # nothing half-written
        disk.free(dev.cache)
        product = listed_products(server.db, 1, skip=440)[0]
        dev.edit("favourite.add", product)  # the same connection works again
        dev.sync()
        assert dev.cache.pending_count() == 0
        assert dev.cache.integrity_check() == "ok"
        assert _applied_once(server.db, dev.edits) == {dev.edits[0]: 1}
    finally:
        dev.close()


def test_a_page_pulled_onto_a_full_disk_is_not_applied_and_comes_again(
    server: EmbeddedServer, disk: Disk, creator_id: str, tmp_path: Path
) -> None:
    mine = _device(server, disk.root / "mine.sqlite3", creator_id)
    other = _device(server, tmp_path / "other.sqlite3", creator_id)
    try:
        mine.sync()
        other.sync()
        for product in listed_products(server.db, 60, skip=300):
            other.edit("favourite.add", product)
        other.sync()
        before = _state(mine.cache)
        disk.fill(mine.cache)

        with pytest.raises(DiskFull, match="disk full"):
            SyncEngine(mine.cache, mine.api).pull(Scope.ACCOUNT, SyncSummary())  # type: ignore[arg-type]

        assert not mine.cache.conn.in_transaction
        assert _state(mine.cache) == before  # neither the page nor its cursor
        disk.free(mine.cache)
        mine.sync()
        assert mine.cache.rows("favourite") == other.cache.rows("favourite")
        assert mine.cache.integrity_check() == "ok"
    finally:
        mine.close()
        other.close()


def test_cli_sync_on_a_full_disk_says_disk_full_and_keeps_the_edits(
    server: EmbeddedServer, disk: Disk, creator_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not disk.real:
        pytest.skip("a full disk for another process needs a mountable tmpfs (root)")
    monkeypatch.setenv("WORKBENCH_HOME", str(disk.root / "home"))
    path = cache_path(server_id(server.url), CREATOR)
    dev = _device(server, path, creator_id)
    try:
        dev.sync()
        for product in listed_products(server.db, 2, skip=445):
            dev.edit("favourite.add", product)
    finally:
        dev.close()
    disk.fill()
    command = [str(WORKBENCH), "sync", "--server", server.url, "--account", CREATOR]

    full = subprocess.run(
        command, env=cli_env(password=DEMO_PASSWORD), capture_output=True, text=True, timeout=120
    )

    assert full.returncode == 4, (full.stdout, full.stderr)
    assert "disk full" in full.stderr and "Traceback" not in full.stderr
    assert len(full.stderr.strip().splitlines()) <= 2, full.stderr  # the keychain note, and it
    assert set(_applied_once(server.db, dev.edits).values()) == {0}
    disk.free()
    again = subprocess.run(
        command, env=cli_env(password=DEMO_PASSWORD), capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert _applied_once(server.db, dev.edits) == dict.fromkeys(dev.edits, 1)


def test_a_new_cache_on_a_full_disk_leaves_no_empty_file_behind(disk: Disk) -> None:
    if not disk.real:
        pytest.skip("creating a file on a full disk needs a mountable tmpfs (root)")
    path = disk.root / "new.sqlite3"
    disk.fill()

    with pytest.raises(DiskFull, match="disk full"):
        open_account_cache(path, "acct-1")

    assert not path.exists()  # else the next start would take it for a damaged cache
    disk.free()
    cache, recovery = open_account_cache(path, "acct-1")
    cache.close()
    closed_cleanly(path)
    assert recovery is None


def test_a_damaged_cache_on_a_full_disk_stays_where_it_was_until_there_is_room(
    disk: Disk,
) -> None:
    if not disk.real:
        pytest.skip("a full disk for file copies needs a mountable tmpfs (root)")
    path = disk.root / "cache.sqlite3"
    cache, _ = open_account_cache(path, "acct-1")
    enqueue(cache, "favourite.add", "p1")
    cache.close()
    closed_cleanly(path)
    with path.open("r+b") as f:
        f.truncate(path.stat().st_size // 2)
    damaged = path.read_bytes()
    disk.fill()

    with pytest.raises(DiskFull):  # no room to read it (a padded copy) nor to build a new one
        open_account_cache(path, "acct-1")

    assert path.read_bytes() == damaged  # put back as it was: nothing lost, try again later
    # (the lock file beside it is the app's claim on the cache, not a copy of it)
    assert sorted(p.name for p in disk.root.iterdir() if p.suffix != ".lock") == [
        "cache.sqlite3",
        "filler",
    ]
    disk.free()
    cache, recovery = open_account_cache(path, "acct-1")
    cache.close()
    closed_cleanly(path)
    assert recovery is not None and recovery.aside.read_bytes() == damaged
