"""Moving listings in the whole app: a batch move to another channel, and a drag of many rows.

A batch move is one ``listing.move`` per listing, so the server takes it whole or not at all.

In the whole app, on the real embedded server: listings moved offline to a channel that a second
device deletes (over HTTP) before this app reconnects stay on their own channel, on the server
and in the cache; the conflicts inbox lists each refused move, and Retry (refused again, listed
again) and Discard work on them. A drag of several selected rows moves them together (a block at
the drop point, one ``listing.patch`` each while the gap has room), and undoing a reorder that
had to renumber puts back every position it changed.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from tests.shell.test_listings import (
    WAIT,
    _api,
    _choose,
    _ids,
    _inject,
    _listing,
    _offline,
    _online,
    _page,
    _read,
    _server_listings,
)
from workbench.contract.sync import Change
from workbench.core.ids import uuid7
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.store import listings
from workbench.ui.app import Workbench


def _delete_elsewhere(url: str, channel_id: str) -> None:
    """A second device of the same creator deletes the channel."""
    http, headers = _api(url)
    mutation = {"seq": 1, "id": uuid7(), "type": "channel.delete", "entity_id": channel_id}
    try:
        answer = http.post("/v1/sync/mutations", headers=headers,
                           json={"device_id": "second-device-2", "mutations": [mutation]})  # fmt: skip
    finally:
        http.close()
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied"


def test_an_offline_move_to_a_channel_deleted_meanwhile_loses_no_listing(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(qtbot, started)
    source, target = sorted(page.rows, key=lambda r: -r.listings)[:2]
    _choose(qtbot, page, source.id)
    view, model = page.listings, page.listings.model
    rows = [model.row_data(r) for r in (0, 1)]
    moved = {r.id for r in rows if r is not None}
    assert len(moved) == 2
    port = _offline(qtbot, started)
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        view.batch(sorted(moved), [target.id], move=True)
    assert view.message.text().startswith("Moved 2 listings.")
    qtbot.waitUntil(lambda: model.total == source.listings - 2, timeout=WAIT)

    # Meanwhile a second device deletes the target channel (this app hears of it later).
    server = started.accounts.embedded
    assert server is not None
    elsewhere = EmbeddedServer(ServerSettings(database_url=server.settings.database_url)).start()
    try:
        _delete_elsewhere(elsewhere.url, target.id)
    finally:
        elsewhere.stop()
    back = _online(qtbot, started, port)
    qtbot.waitUntil(lambda: started.controller.last_status["pending"] == 0, timeout=WAIT)
    assert started.controller.last_status["conflicts"] == 2

    def still_home() -> None:
        on_server = {x["id"]: x["channel_id"] for x in _server_listings(back.url)}
        assert {on_server.get(i) for i in moved} == {source.id}  # not lost, not moved
        cache = _read(qtbot, started, partial(_ids, channel_id=source.id))
        assert moved <= cache
        assert cache == {i for i, c in on_server.items() if c == source.id}

    still_home()
    qtbot.waitUntil(lambda: model.total == source.listings, timeout=WAIT)

    window = started.window
    window.conflict_label.clicked.emit()  # the inbox lists both refused moves
    qtbot.waitUntil(lambda: window.conflicts_dialog is not None, timeout=WAIT)
    inbox = window.conflicts_dialog
    assert inbox is not None
    qtbot.waitUntil(lambda: sum(i.open for i in inbox.items) == 2, timeout=WAIT)
    assert {i.entity_id for i in inbox.items if i.open} == moved
    assert {i.mutation_type for i in inbox.items} == {"listing.move"}
    for row in (0, 1):
        assert inbox.table.item(row, 1).text().startswith("Move “")
        assert "deleted on another device" in inbox.table.item(row, 2).text()

    inbox.table.selectRow(0)  # Retry: sent again, refused again, listed again
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        inbox.retry_button.click()
    qtbot.waitUntil(lambda: started.controller.last_status["pending"] == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: len(inbox.items) == 3, timeout=WAIT)
    assert started.controller.last_status["conflicts"] == 2
    while any(i.open for i in inbox.items):  # Discard mine: the server's place stays
        open_before = sum(i.open for i in inbox.items)
        inbox.table.selectRow(0)
        with qtbot.waitSignal(started.controller.changed, timeout=WAIT):
            inbox.discard_button.click()
        qtbot.waitUntil(lambda n=open_before: sum(i.open for i in inbox.items) == n - 1,
                        timeout=WAIT)  # fmt: skip
    qtbot.waitUntil(lambda: window.conflict_label.text() == "Conflicts: 0", timeout=WAIT)
    still_home()


def _positions(cache: Any, channel_id: str) -> dict[str, int]:
    return {str(i): int(p) for i, p in cache.conn.execute(
        "SELECT id, position FROM listing_slot WHERE channel_id = ?", (channel_id,))}  # fmt: skip


def _outbox_after(cache: Any, local_id: int) -> list[tuple[str, str, dict[str, Any]]]:
    return [(t, e, json.loads(p)) for t, e, p in cache.conn.execute(
        "SELECT type, entity_id, payload FROM outbox WHERE local_id > ? ORDER BY local_id",
        (local_id,))]  # fmt: skip


def _last_local_id(cache: Any) -> int:
    return int(cache.conn.execute("SELECT coalesce(max(local_id), 0) FROM outbox").fetchone()[0])


def test_a_multi_row_drag_moves_the_rows_together_and_undo_restores_every_position(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(qtbot, started)
    _offline(qtbot, started)  # the edits stay in the outbox to be read
    channel_id = uuid7()
    channel = {"id": channel_id, "kind": "showcase", "name": "拖拽", "version": 1}
    changes = [Change(entity="channel", id=channel_id, version=1, op="upsert", data=channel)]
    # Rows 0-3 touch (positions 8, 9, 10, 11); the rest are 8 apart.
    spots = [8, 9, 10, 11] + [16 + 8 * i for i in range(8)]
    changes += [_listing(channel_id, f"drag-{i}", spot) for i, spot in enumerate(spots)]
    _inject(qtbot, started, changes)
    _choose(qtbot, page, channel_id)
    view, model = page.listings, page.listings.model
    qtbot.waitUntil(lambda: model.row_data(11) is not None, timeout=WAIT)
    ids = [r.id for r in (model.row_data(i) for i in range(12)) if r is not None]
    start = _read(qtbot, started, lambda c: _positions(c, channel_id))

    # Rows 5, 7 and 9 dragged together before row 11: a block there, one patch each.
    mark = _read(qtbot, started, _last_local_id)
    view.select_rows([5, 7, 9])
    dragged = [model.index(r, c) for r in (5, 7, 9) for c in (1, 2)]
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        model.dropMimeData(model.mimeData(dragged), Qt.DropAction.MoveAction, 11, 0,
                           QModelIndex())  # fmt: skip
    queued = _read(qtbot, started, partial(_outbox_after, local_id=mark))
    assert [(t, e, list(p)) for t, e, p in queued] == [
        ("listing.patch", ids[i], ["position"]) for i in (5, 7, 9)
    ]
    expected = [ids[i] for i in (0, 1, 2, 3, 4, 6, 8, 10, 5, 7, 9, 11)]
    assert _read(qtbot, started, partial(listings.ids, channel_id=channel_id)) == expected
    qtbot.waitUntil(lambda: [getattr(model.row_data(i), "id", None) for i in range(12)]
                    == expected, timeout=WAIT)  # fmt: skip
    assert view.selected_rows() == [8, 9, 10]
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        view.undo()
    assert _read(qtbot, started, lambda c: _positions(c, channel_id)) == start

    # Row 6 dropped between rows 1 and 2, whose positions touch: the group is renumbered,
    # and one undo puts back every position the renumber changed.
    mark = _read(qtbot, started, _last_local_id)
    qtbot.waitUntil(lambda: getattr(model.row_data(6), "id", None) == ids[6], timeout=WAIT)
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        model.dropMimeData(model.mimeData([model.index(6, 1)]), Qt.DropAction.MoveAction, 2, 0,
                           QModelIndex())  # fmt: skip
    assert len(_read(qtbot, started, partial(_outbox_after, local_id=mark))) > 1  # renumbered
    moved = [ids[i] for i in (0, 1, 6, 2, 3, 4, 5, 7, 8, 9, 10, 11)]
    assert _read(qtbot, started, partial(listings.ids, channel_id=channel_id)) == moved
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        view.undo()
    assert _read(qtbot, started, lambda c: _positions(c, channel_id)) == start
    assert _read(qtbot, started, partial(listings.ids, channel_id=channel_id)) == ids
