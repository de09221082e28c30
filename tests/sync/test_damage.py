"""A damaged cache file, seen through ``workbench status`` and ``workbench sync`` (real processes).

Each test makes a real cache (synced from the test server, with pending edits), damages the
file the way disks and copies do — cut to half, a garbage header, garbage inside a b-tree page,
0 bytes — and runs the real commands. ``status`` must say "damaged" in one line and exit 4;
``sync`` must move the file aside (kept), rebuild from the server, recover every pending edit
still readable, say what it recovered, and push those edits exactly once. Never a traceback,
never a silent new cache. A big file's catalogue is checked whole only after an unclean end
(the open-marker left behind).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.sync.conftest import CREATOR
from tests.sync.helpers import (
    WORKBENCH,
    Device,
    cli_env,
    corrupt_page,
    enqueue,
    listed_products,
    make_api,
)
from workbench.client.urls import server_id
from workbench.contract.sync import MutationBatch
from workbench.core.demo import DEMO_PASSWORD
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.db import Database
from workbench.server.embedded import EmbeddedServer
from workbench.store import damage, steps
from workbench.store.cache import Cache
from workbench.store.damage import marker
from workbench.store.paths import cache_path
from workbench.store.recovery import closed_cleanly, open_account_cache
from workbench.sync.engine import SyncEngine


def _cache_with_edits(
    server: EmbeddedServer, creator_id: str, *, skip: int, in_flight: bool = False
) -> tuple[Path, list[str]]:
    """A synced cache of the CLI's account with three pending edits; its path and their ids.

    ``in_flight``: the first two were also sent and applied, but their answer never reached
    the cache (a crash between push and commit) — they must not be applied twice.
    """
    path = cache_path(server_id(server.url), CREATOR)
    dev = Device("cli", path, creator_id, make_api(server.url, CREATOR))
    try:
        dev.sync()
        for product in listed_products(server.db, 2, skip=skip):
            dev.edit("favourite.add", product)
        dev.edit("saved_filter.put", uuid7(), {"name": "坏盘前", "query": {"price_max_fen": 990}})
        if in_flight:
            assert dev.api is not None
            batch = steps.pending_batch(dev.cache, 2)
            dev.api.push(MutationBatch(device_id=dev.device_id, mutations=batch))
        return path, list(dev.edits)
    finally:
        dev.close()


def _run(command: str, server: EmbeddedServer) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WORKBENCH), command, "--server", server.url, "--account", CREATOR],
        env=cli_env(password=DEMO_PASSWORD),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _applied_once(db: Database, mutation_ids: list[str]) -> dict[str, int]:
    """How many times the server recorded each mutation (any device)."""
    with db.read() as s:
        found = s.scalars(
            select(m.MutationRecord.mutation_id).where(
                m.MutationRecord.mutation_id.in_(mutation_ids)
            )
        ).all()
    return {mid: list(found).count(mid) for mid in mutation_ids}


def _status_says_damaged(server: EmbeddedServer) -> None:
    status = _run("status", server)
    assert status.returncode == 4, (status.stdout, status.stderr)
    assert "damaged" in status.stderr and "Traceback" not in status.stderr
    assert len(status.stderr.strip().splitlines()) == 1, status.stderr


def _asides(path: Path) -> list[Path]:
    found = path.parent.glob(f"{path.name}.damaged-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


def _sync_rebuilds(server: EmbeddedServer, path: Path) -> str:
    """``workbench sync`` succeeds on a new cache, keeps the old file; returns its note."""
    synced = _run("sync", server)
    assert synced.returncode == 0, (synced.stdout, synced.stderr)
    assert "Traceback" not in synced.stderr
    notes = [line for line in synced.stderr.splitlines() if "damaged" in line]
    assert len(notes) == 1 and "moved aside" in notes[0], synced.stderr
    assert len(_asides(path)) == 1
    with Cache.open(path) as cache:
        assert cache.integrity_check() == "ok"
        assert cache.status()["products"] > 0 and cache.pending_count() == 0
    again = _run("status", server)  # the rebuilt cache is healthy
    assert again.returncode == 0 and "pending edits: 0" in again.stdout, again.stderr
    return notes[0]


def test_half_truncated_cache(server: EmbeddedServer, creator_id: str) -> None:
    path, edits = _cache_with_edits(server, creator_id, skip=400)
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size // 2)

    _status_says_damaged(server)
    note = _sync_rebuilds(server, path)

    assert "truncated" in note and "recovered 3 pending edit(s)" in note, note
    assert _applied_once(server.db, edits) == dict.fromkeys(edits, 1)  # its outbox page was kept
    assert _asides(path)[0].stat().st_size == size // 2  # kept as it was found


def test_garbage_header(server: EmbeddedServer, creator_id: str) -> None:
    path, edits = _cache_with_edits(server, creator_id, skip=410)
    with path.open("r+b") as f:
        f.write(b"\xde\xad\xbe\xef" * 25)

    _status_says_damaged(server)
    note = _sync_rebuilds(server, path)

    assert "not an SQLite database" in note and "nothing could be read" in note
    assert set(_applied_once(server.db, edits).values()) == {0}  # lost, and said so


def test_zero_byte_cache_is_moved_aside_not_recreated(
    server: EmbeddedServer, creator_id: str
) -> None:
    path, edits = _cache_with_edits(server, creator_id, skip=420)
    path.write_bytes(b"")

    _status_says_damaged(server)
    note = _sync_rebuilds(server, path)

    assert "empty" in note and "nothing could be read" in note
    assert _asides(path)[0].stat().st_size == 0
    assert set(_applied_once(server.db, edits).values()) == {0}


def test_garbage_in_a_middle_page_recovers_the_outbox_and_pushes_it_once(
    server: EmbeddedServer, creator_id: str
) -> None:
    path, edits = _cache_with_edits(server, creator_id, skip=430, in_flight=True)
    assert _applied_once(server.db, edits) == {edits[0]: 1, edits[1]: 1, edits[2]: 0}
    corrupt_page(path, "product")  # the catalogue is damaged, the outbox is not

    _status_says_damaged(server)
    note = _sync_rebuilds(server, path)

    assert "recovered 3 pending edit(s)" in note and "could not be read" not in note
    assert _applied_once(server.db, edits) == dict.fromkeys(edits, 1)
    with Cache.open(path) as cache:
        assert cache.conflicts() == []  # the two in flight were answered from the record
        assert {r["product_id"] for r in cache.rows("favourite")} >= set(
            listed_products(server.db, 2, skip=430)
        )


def test_after_an_unclean_end_the_whole_file_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(damage, "WHOLE_CHECK_BYTES", 0)  # as if it held a million products
    path = tmp_path / "cache.sqlite3"
    cache, recovery = open_account_cache(path, "acct-1")
    assert recovery is None and marker(path).exists()
    with cache.write():
        for i in range(400):
            cache.conn.execute(
                "INSERT INTO product VALUES (?, 's1', '店', '商品', 1, 2, 3, ?, 0, 5, 0, 0, 0, "
                "'listed', '2026-01-01', 1)",
                (f"p{i:04}", 100 + i),
            )
    mutation_id = enqueue(cache, "favourite.add", "p0001")
    cache.close()
    closed_cleanly(path)
    assert not marker(path).exists()
    corrupt_page(path, "product")  # the catalogue: not one of the tables checked at each start

    cache, recovery = open_account_cache(path, "acct-1")  # after a clean end: account tables
    assert recovery is None
    cache.close()  # and then a crash: the marker stays

    cache, recovery = open_account_cache(path, "acct-1")
    try:
        assert recovery is not None and recovery.edits == 1 and not recovery.new_device
        assert cache.conn.execute("SELECT mutation_id FROM outbox").fetchall() == [(mutation_id,)]
        assert cache.integrity_check() == "ok"
    finally:
        cache.close()
        closed_cleanly(path)


def test_with_its_identity_unreadable_the_edits_go_out_as_a_new_device_once(
    server: EmbeddedServer, creator_id: str, tmp_path: Path
) -> None:
    path = tmp_path / "cache.sqlite3"
    dev = Device("d", path, creator_id, make_api(server.url, CREATOR))
    assert dev.api is not None
    try:
        dev.sync()
        for product in listed_products(server.db, 2, skip=450):
            dev.edit("favourite.add", product)
        old_device = dev.device_id
        dev.cache.close()
        corrupt_page(path, "meta")  # device id and sequence numbers: gone

        cache, recovery = open_account_cache(path, creator_id)
        try:
            assert recovery is not None and recovery.edits == 2 and recovery.new_device
            assert cache.device_id != old_device
            SyncEngine(cache, dev.api).run()
            assert cache.pending_count() == 0 and cache.conflicts() == []
        finally:
            cache.close()
            closed_cleanly(path)
        assert _applied_once(server.db, dev.edits) == dict.fromkeys(dev.edits, 1)
    finally:
        dev.api.close()
