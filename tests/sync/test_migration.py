"""Cache schema upgrades: nothing pending is lost, and a newer cache is never touched.

A cache made with the first schema (v1, no ``commission_history``) holding edits that were
never sent and an unresolved conflict is closed and reopened by the current code: it upgrades
to ``SCHEMA_VERSION``, keeps the edits and the conflict, and one sync pushes the edits (each
lands once) and pulls. A cache whose ``user_version`` is above what this code knows is refused
with ``CacheTooNew`` and left byte-for-byte as it was, whatever its journal mode.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.sync.conftest import CREATOR
from tests.sync.helpers import (
    BOGUS_PRODUCT,
    device_rows,
    enqueue,
    listed_products,
    make_api,
    mutation_records,
    server_rows,
)
from workbench.contract.sync import Scope
from workbench.core.ids import uuid7
from workbench.server.embedded import EmbeddedServer
from workbench.store import steps
from workbench.store.cache import Cache
from workbench.store.schema import SCHEMA_VERSION, CacheTooNew
from workbench.sync.engine import SyncEngine
from workbench.sync.progress import SyncSummary


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_v1_cache_with_pending_edits_upgrades_and_syncs(
    server: EmbeddedServer, tmp_path: Path, creator_id: str
) -> None:
    path = tmp_path / "old.sqlite3"
    server_now = server_rows(server.db, creator_id)
    channel = next(iter(server_now["channel"]))
    listing = next(iter(server_now["listing"]))
    favourite = next(iter(server_now["favourite"]))
    fresh = listed_products(server.db, 2, skip=400)
    api = make_api(server.url, CREATOR)
    try:
        old = Cache.open(path, account_id=creator_id, schema=1)
        assert old.conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "commission_history" not in _tables(old.conn)
        # The old app pushed an edit the server rejected: an open conflict (the v1 tables
        # are the same in v2, so today's push writes exactly what the old one did).
        enqueue(old, "favourite.add", BOGUS_PRODUCT)
        SyncEngine(old, api).push(SyncSummary())
        assert [c["code"] for c in old.conflicts()] == ["unknown_entity"]
        # Then edits made offline, never sent.
        new_listing = uuid7()
        edits = [
            enqueue(old, "listing.create", new_listing, {"channel_id": channel, "product_id": fresh[0]}),
            enqueue(old, "listing.patch", listing, {"custom_title": "升级前的离线修改"}),
            enqueue(old, "favourite.add", fresh[1]),
            enqueue(old, "favourite.remove", favourite),
            enqueue(old, "saved_filter.put", uuid7(), {"name": "升级前", "query": {"q": "茶"}}),
        ]  # fmt: skip
        outbox = old.conn.execute("SELECT * FROM outbox ORDER BY local_id").fetchall()
        shown = device_rows(old)
        conflicts = old.conflicts()
        old.close()

        cache = Cache.open(path, account_id=creator_id)
        try:
            assert cache.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert "commission_history" in _tables(cache.conn)
            assert cache.conn.execute("SELECT * FROM outbox ORDER BY local_id").fetchall() == outbox
            assert device_rows(cache) == shown
            assert cache.conflicts() == conflicts

            summary = SyncEngine(cache, api).run()

            assert summary.pushed == len(edits) and summary.applied == len(edits)
            assert cache.pending_count() == 0
            landed = mutation_records(server.db, cache.device_id)
            assert all(len(landed[mutation_id]) == 1 for mutation_id in edits)
            assert new_listing in server_rows(server.db, creator_id)["listing"]
            assert cache.get("listing", listing)["custom_title"] == "升级前的离线修改"  # type: ignore[index]
            assert steps.cursor(cache, Scope.ACCOUNT) is not None and summary.pulled["account"] > 0
            # The new table works: the pull recorded the plans' commission rates.
            assert cache.conn.execute("SELECT count(*) FROM commission_history").fetchone()[0] > 0
            assert len(cache.conflicts()) == 1  # still there for the user to settle
        finally:
            cache.close()
    finally:
        api.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_cache_from_a_newer_app_is_refused_and_untouched(
    tmp_path: Path, creator_id: str, journal: str
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    path = folder / "newer.sqlite3"
    if journal == "wal":  # as this app writes it
        with Cache.open(path, account_id=creator_id) as cache:
            cache.enqueue("favourite.add", "1234567890123")
            cache.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    else:  # a rollback-journal file (a copy, a backup, another build)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("CREATE TABLE future (x)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
        conn.close()
    # The lock file beside the cache is the app's claim on it, not part of it.
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix != ".lock"}

    with pytest.raises(CacheTooNew, match="update Shop Workbench"):
        Cache.open(path, account_id=creator_id)

    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix != ".lock"} == before
