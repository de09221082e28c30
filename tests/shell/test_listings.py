"""The listings of a channel (我的渠道, below the channel list) in the whole app, on the real
embedded server: a move in a 10,000-listing channel queues ONE mutation; a batch move made
offline reaches the server once each and ``Ctrl+Z`` puts it back; bad values are answered
inline and queue nothing; a listing whose product left the catalogue is shown as such; a move
on a channel another device deleted meanwhile becomes a conflict, not a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

import httpx
from PySide6.QtCore import QDateTime, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.contract.sync import Change
from workbench.core.ids import uuid7
from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.store import listings, records
from workbench.ui.app import Workbench
from workbench.ui.channels.listings_model import COLUMNS
from workbench.ui.channels.page import ID_ROLE, ChannelsPage

WAIT = 20_000


def _page(qtbot: QtBot, app: Workbench) -> ChannelsPage:
    app.window.select_page("channels")
    page = app.window.page("channels")
    assert isinstance(page, ChannelsPage)
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    return page


def _choose(qtbot: QtBot, page: ChannelsPage, channel_id: str) -> None:
    qtbot.waitUntil(lambda: any(r.id == channel_id for r in page.rows), timeout=WAIT)
    for row in range(page.table.rowCount()):
        item = page.table.item(row, 0)
        if item is not None and item.data(ID_ROLE) == channel_id:
            page.table.selectRow(row)
    model = page.listings.model
    assert model.channel_id == channel_id
    qtbot.waitUntil(lambda: model.total is not None and not model.loading, timeout=WAIT)
    if model.total:
        qtbot.waitUntil(lambda: model.row_data(0) is not None, timeout=WAIT)


def _read(qtbot: QtBot, app: Workbench, fn: Callable[[Any], Any]) -> Any:
    out: list[Any] = []
    app.controller.reader.interactive(fn, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=WAIT)
    return out[0]


def _ids(cache: Any, channel_id: str) -> set[str]:
    return set(listings.ids(cache, channel_id))


def _inject(qtbot: QtBot, app: Workbench, changes: list[Change]) -> None:
    """Rows as a sync leaves them (confirmed), written on the app's own edit lane."""
    with qtbot.waitSignal(app.controller.changed, timeout=WAIT):
        app.controller.edit_with(lambda cache: records.apply_changes(cache, changes))


def _listing(channel_id: str, product_id: str, position: int) -> Change:
    listing_id = uuid7()
    data = {"id": listing_id, "channel_id": channel_id, "product_id": product_id,
            "position": position, "pinned": False, "hidden": False, "custom_title": None,
            "selling_points": None, "start_at": None, "end_at": None, "version": 1}  # fmt: skip
    return Change(entity="listing", id=listing_id, version=1, op="upsert", data=data)


def _offline(qtbot: QtBot, app: Workbench) -> int:
    server = app.accounts.embedded
    assert server is not None
    port = server.port
    server.stop()
    app.controller._probe.setInterval(100)
    with qtbot.waitSignal(app.controller.stateChanged, check_params_cb=lambda s: s == "offline",
                          timeout=SYNC_TIMEOUT_MS):  # fmt: skip
        app.controller.sync_now()
    return port


def _online(qtbot: QtBot, app: Workbench, port: int) -> EmbeddedServer:
    server = app.accounts.embedded
    assert server is not None
    back = EmbeddedServer(ServerSettings(database_url=server.settings.database_url), port=port)
    app.accounts.embedded = back.start()
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass  # the probe notices the server and syncs
    return back


def _api(url: str) -> tuple[httpx.Client, dict[str, str]]:
    http = httpx.Client(base_url=url)
    login = {"login": DEMO_LOGINS["creator"], "password": DEMO_PASSWORD}
    token = http.post("/v1/auth/login", json=login).json()["access_token"]
    return http, {"Authorization": f"Bearer {token}"}


def _server_listings(url: str) -> list[dict[str, Any]]:
    http, headers = _api(url)
    items: list[dict[str, Any]] = []
    after = None
    try:
        while True:
            params: dict[str, Any] = {"limit": 500, **({"after": after} if after else {})}
            page = http.get("/v1/listings", params=params, headers=headers).json()
            items += page["items"]
            after = page.get("next_after")
            if not after:
                return items
    finally:
        http.close()


def test_reorder_one_listing_of_a_10000_listing_channel_queues_one_mutation(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(qtbot, started)
    _offline(qtbot, started)  # the mutation stays in the outbox to be counted
    channel_id = uuid7()
    channel = {"id": channel_id, "kind": "showcase", "name": "万件橱窗", "version": 1}
    changes = [Change(entity="channel", id=channel_id, version=1, op="upsert", data=channel)]
    changes += [_listing(channel_id, f"bulk-{i}", (i + 1) * 8) for i in range(10_000)]
    _inject(qtbot, started, changes)
    _choose(qtbot, page, channel_id)
    model = page.listings.model
    assert model.total == 10_000
    pending = started.controller.last_status["pending"]
    moved = model.row_data(1)
    assert moved is not None

    # A drag of row 1 to before row 5: shown at once, one listing.patch queued.
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        model.dropMimeData(
            model.mimeData([model.index(1, 1)]), Qt.DropAction.MoveAction, 5, 0, QModelIndex()
        )
    shown = model.row_data(4)
    assert shown is not None and shown.id == moved.id
    assert started.controller.last_status["pending"] == pending + 1
    last = _read(qtbot, started, lambda c: c.conn.execute(
        "SELECT type, entity_id, payload FROM outbox ORDER BY local_id DESC LIMIT 1").fetchone())  # fmt: skip
    assert last[0] == "listing.patch" and last[1] == moved.id
    assert list(json.loads(last[2])) == ["position"]
    order = _read(qtbot, started, lambda c: listings.ids(c, channel_id, 0, 6))
    assert order[4] == moved.id  # the cache agrees

    # The keyboard moves it too (Alt+↑): again one mutation.
    page.listings.table.setFocus()
    page.listings.table.setCurrentIndex(model.index(4, 1))
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        qtbot.keyClick(page.listings.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert started.controller.last_status["pending"] == pending + 2
    qtbot.waitUntil(lambda: getattr(model.row_data(3), "id", None) == moved.id, timeout=WAIT)


def test_offline_batch_move_reaches_the_server_once_and_ctrl_z_puts_it_back(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(qtbot, started)
    source, target = sorted(page.rows, key=lambda r: -r.listings)[:2]
    assert source.listings >= 3
    _choose(qtbot, page, source.id)
    model = page.listings.model
    page.listings.select_rows([0, 1, 2])
    rows = [model.row_data(r) for r in (0, 1, 2)]
    products = {r.product_id for r in rows if r is not None}
    port = _offline(qtbot, started)

    page.listings.ask_targets(move=True)
    dialog = page.listings.dialog
    assert dialog is not None and dialog.list.count() == len(page.rows) - 1
    dialog.check(target.id)
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "Moved" in page.listings.message.text()
    qtbot.waitUntil(lambda: model.total == source.listings - len(products), timeout=WAIT)

    back = _online(qtbot, started, port)
    qtbot.waitUntil(lambda: started.controller.last_status["pending"] == 0, timeout=WAIT)
    assert started.controller.last_status["conflicts"] == 0

    def compare(on_target: bool) -> None:
        server = [x for x in _server_listings(back.url) if x["product_id"] in products]
        where = {x["product_id"]: x["channel_id"] for x in server}
        assert len(server) == len(products)  # each exactly once
        assert set(where.values()) == {target.id if on_target else source.id}
        for channel in (source.id, target.id):
            cache = _read(qtbot, started, partial(_ids, channel_id=channel))
            on_server = {x["id"] for x in _server_listings(back.url) if x["channel_id"] == channel}
            assert cache == on_server

    compare(on_target=True)
    started.window.show()
    qtbot.waitExposed(started.window)
    started.window.activateWindow()  # the dialog had it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is started.window, timeout=WAIT)
    page.listings.table.setFocus()
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        qtbot.keyClick(page.listings.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.listings.message.text().startswith("Undone: Moved 3 listing")
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        started.controller.sync_now()
    qtbot.waitUntil(lambda: started.controller.last_status["pending"] == 0, timeout=WAIT)
    compare(on_target=False)


def test_bad_values_are_answered_inline_and_a_vanished_product_or_deleted_channel_is_no_crash(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(qtbot, started)
    channel = max(page.rows, key=lambda r: r.listings)
    _inject(qtbot, started, [_listing(channel.id, "no-such-product", 0)])
    _choose(qtbot, page, channel.id)
    view, model = page.listings, page.listings.model
    title = COLUMNS.index("title")
    vanished = next(r for r in range(model.rowCount()) if model.row_data(r) is not None
                    and model.row_data(r).product_id == "no-such-product")  # type: ignore[union-attr]  # fmt: skip
    assert model.index(vanished, title).data() == (
        "Product no longer in the catalogue (no-such-product)"
    )
    pending = started.controller.last_status["pending"]

    custom = model.index(0, COLUMNS.index("custom_title"))
    model.setData(custom, "   ")
    assert "cannot be empty" in view.message.text()
    model.setData(custom, "长" * 61)
    assert view.message.text() == "A custom title has at most 60 characters."
    start, end = model.index(0, COLUMNS.index("start")), model.index(0, COLUMNS.index("end"))
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        model.setData(start, QDateTime.fromString("2026-12-10T08:00:00Z", Qt.DateFormat.ISODate))
    qtbot.waitUntil(lambda: model.index(0, COLUMNS.index("start")).data() != "—", timeout=WAIT)
    qtbot.waitUntil(lambda: started.controller.last_status["pending"] == 0, timeout=WAIT)
    model.setData(end, QDateTime.fromString("2026-12-01T08:00:00Z", Qt.DateFormat.ISODate))
    assert "must end after it starts" in view.message.text()
    assert started.controller.last_status["pending"] == 0  # nothing queued by the bad ones
    assert pending == 0

    # Another device deletes the channel; a move made here before we hear of it is refused
    # by the server and kept as a conflict (what I tried stays readable in the inbox).
    # (No sync of ours may be running: one still pulling would bring the deletion in first.)
    qtbot.waitUntil(lambda: not started.controller._running, timeout=WAIT)
    server = started.accounts.embedded
    assert server is not None
    http, headers = _api(server.url)
    mutation = {"seq": 1, "id": uuid7(), "type": "channel.delete", "entity_id": channel.id}
    answer = http.post("/v1/sync/mutations", headers=headers,
                       json={"device_id": "second-device-1", "mutations": [mutation]})  # fmt: skip
    http.close()
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied"
    # Two of its real (server-known) unpinned listings: the later one moved before the other.
    real = [r for r in range(model.rowCount()) if (row := model.row_data(r)) is not None
            and not row.pinned and row.product_id != "no-such-product"]  # fmt: skip
    assert len(real) >= 2
    moved = model.row_data(real[1])
    assert moved is not None
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        view.move_row(real[1], real[0])
    qtbot.waitUntil(lambda: started.controller.last_status["conflicts"] >= 1, timeout=WAIT)
    kept = _read(qtbot, started, lambda c: [(x["mutation_type"], x["entity_id"])
                                            for x in c.conflicts()])  # fmt: skip
    assert ("listing.patch", moved.id) in kept
    qtbot.waitUntil(lambda: all(r.id != channel.id for r in page.rows), timeout=WAIT)
    assert view.channel is None and "Choose a channel" in view.state.text()
