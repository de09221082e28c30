"""The reset path: a cursor older than the server's tombstones gets 410, and the client recovers.

A real server over HTTP and real cache files. Device B deletes a row device A has; the server
is compacted with no retention, so the tombstone A never read is gone and A's cursor is older
than the horizon. A's next pull gets ``410 cursor_expired``: the engine re-reads the account
scope from the start and sweeps the rows the server no longer sends, while an edit the user
queued during the re-read stays pending, visible, and is sent afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest

from tests.sync.helpers import Device, confirmed
from workbench.client.errors import CursorExpired
from workbench.contract.sync import Scope
from workbench.core.ids import uuid7
from workbench.server.changes import compact
from workbench.server.embedded import EmbeddedServer
from workbench.server.types import utcnow
from workbench.store import steps
from workbench.sync.engine import SyncEngine
from workbench.sync.progress import Progress, SyncSummary


def _synced_ids(dev: Device, entity: str) -> set[str]:
    rows = dev.cache.conn.execute("SELECT id FROM record_synced WHERE entity = ?", (entity,))
    return {r[0] for r in rows}


def test_expired_cursor_rereads_the_scope_sweeps_what_went_and_keeps_pending_edits(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    a, b = device("a"), device("b")
    gone, kept = uuid7(), uuid7()
    b.edit("saved_filter.put", gone, {"name": "旧的筛选", "query": {"keyword": "茶"}})
    b.edit("saved_filter.put", kept, {"name": "留下的筛选", "query": {"keyword": "零食"}})
    b.sync()
    a.sync()
    assert {gone, kept} <= _synced_ids(a, "saved_filter")
    b.edit("saved_filter.delete", gone)
    b.edit("saved_filter.put", kept, {"name": "留下的筛选（改）", "query": {"keyword": "零食"}})
    b.sync()  # the tombstone is not the newest entry: compaction keeps the newest (SQLite seq)

    with server.db.write() as session:  # `workbench-server compact --retention-days 0`
        assert compact(session, timedelta(0), now=utcnow() + timedelta(seconds=1)) > 0
    with pytest.raises(CursorExpired):
        assert a.api is not None
        a.api.changes(Scope.ACCOUNT, steps.cursor(a.cache, Scope.ACCOUNT))

    # The user adds a filter while the scope is being re-read (the app edits on its own lane).
    offline = uuid7()

    pages, stop = [0], threading.Event()

    def edit_midway(step: Progress) -> None:
        pages[0] += 1
        if pages[0] > 200:  # reset after reset: stop (the test fails) rather than loop forever
            stop.set()
        if step.phase == "pull:account" and steps.resetting(a.cache, Scope.ACCOUNT) and not a.edits:
            a.edit("saved_filter.put", offline, {"name": "离线新建", "query": {}})

    assert a.api is not None
    # Small pages: the re-read takes many of them, most below the horizon.
    engine = SyncEngine(a.cache, a.api, progress=edit_midway, cancel=stop, page_size=50)
    summary = SyncSummary()
    engine.pull(Scope.ACCOUNT, summary)

    assert summary.resets == ["account"] and a.edits, "the engine got the 410 and re-read"
    assert not steps.resetting(a.cache, Scope.ACCOUNT)
    assert gone not in _synced_ids(a, "saved_filter"), "the deleted row was swept"
    assert a.cache.get("saved_filter", gone) is None
    assert confirmed(a.cache, "saved_filter", kept) == confirmed(b.cache, "saved_filter", kept)
    assert a.cache.get("saved_filter", offline) is not None, "the pending edit still shows"
    assert a.cache.pending_count() == 1
    assert steps.cursor(a.cache, Scope.ACCOUNT) is not None

    # Sends the edit queued mid-reset. The account pull is an ordinary one (the catalogue's
    # cursor predates the horizon: it reloads its snapshot).
    first = a.sync()
    second = b.sync()
    assert first.resets == ["catalog"], "the re-read cursor is good: no second account reset"
    assert "account" not in second.resets
    assert a.cache.pending_count() == 0
    assert confirmed(a.cache, "saved_filter", offline) == confirmed(
        b.cache, "saved_filter", offline
    )
    assert {r["id"] for r in a.cache.rows("saved_filter")} == {
        r["id"] for r in b.cache.rows("saved_filter")
    }


def test_compaction_never_hands_out_a_seq_again(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    """A dropped newest entry must not give its seq to the next write (SQLite reuses max+1)."""
    b, c = device("b"), device("c")
    doomed, later = uuid7(), uuid7()
    b.edit("saved_filter.put", doomed, {"name": "临时", "query": {}})
    b.sync()
    b.edit("saved_filter.delete", doomed)
    b.sync()
    c.sync()  # c's cursor is at the tombstone, the newest entry of the log
    with server.db.write() as session:
        compact(session, timedelta(0), now=utcnow() + timedelta(seconds=1))
    b.edit("saved_filter.put", later, {"name": "之后新建", "query": {}})
    b.sync()
    c.sync()
    assert confirmed(c.cache, "saved_filter", later) == confirmed(b.cache, "saved_filter", later)
    assert c.cache.get("saved_filter", doomed) is None
