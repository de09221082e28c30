"""A batch move is one ``listing.move`` per listing, so the server takes it whole or not at all.

In the whole app, on the real embedded server: listings moved offline to a channel that a second
device deletes (over HTTP) before this app reconnects stay on their own channel, on the server
and in the cache; the conflicts inbox lists each refused move, and Retry (refused again, listed
again) and Discard work on them.
"""

from __future__ import annotations

from functools import partial

from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from tests.shell.test_listings import (
    WAIT,
    _api,
    _choose,
    _ids,
    _offline,
    _online,
    _page,
    _read,
    _server_listings,
)
from workbench.core.ids import uuid7
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
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
