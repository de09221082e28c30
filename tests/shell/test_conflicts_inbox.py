"""The conflicts inbox in the whole app, on the real embedded server, with a second device.

A second device of the demo creator (its own cache and session) renames a channel; this app,
not having heard of it, renames the same channel: the server answers a conflict, the status bar
counts it and the inbox (opened from the count) shows what I tried, why, and what the server
has. Retry sends mine again on the server's version: the server ends with my name and the
count goes to 0, the item stays listed as retried. The same again with Discard: the server
keeps the other device's name, and so does this app.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.client.api import ApiClient
from workbench.client.tokens import MemoryTokenStore
from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.store import channels
from workbench.store.recovery import open_account_cache
from workbench.sync.session import AccountSession
from workbench.ui.app import Workbench
from workbench.ui.channels.page import ChannelsPage
from workbench.ui.conflicts_inbox import ConflictsInbox

WAIT = 20_000


@pytest.fixture
def second(started: Workbench, tmp_path: Path) -> Iterator[AccountSession]:
    """The demo creator on a second device: its own cache file and login, synced once."""
    server = started.accounts.embedded
    assert server is not None
    login = DEMO_LOGINS["creator"]
    api = ApiClient(server.url, tokens=MemoryTokenStore(), token_key=f"second/{login}")
    account = api.login(login, DEMO_PASSWORD)
    cache, _recovery = open_account_cache(tmp_path / "second-device.sqlite3", account.id)
    session = AccountSession(api, cache, account, "second", keychain=False)
    session.engine().run()
    yield session
    session.close()


def _rename_elsewhere(second: AccountSession, channel_id: str, name: str) -> None:
    second.engine().run()  # hears of this app's renames first
    channels.rename(second.cache, channel_id, name)
    second.engine().run()
    assert second.cache.get("channel", channel_id)["name"] == name  # type: ignore[index]
    assert second.cache.conflicts() == []


def _server_name(second: AccountSession, channel_id: str) -> str:
    """The channel's name on the server, as the second device hears it from the feed."""
    second.engine().run()
    return str(second.cache.get("channel", channel_id)["name"])  # type: ignore[index]


def _conflicted_rename(qtbot: QtBot, app: Workbench, page: ChannelsPage, channel_id: str,
                       name: str) -> ConflictsInbox:  # fmt: skip
    row = next(i for i, r in enumerate(page.rows) if r.id == channel_id)
    page.table.selectRow(row)
    page.name.setText(name)
    with qtbot.waitSignal(app.controller.rejected, timeout=SYNC_TIMEOUT_MS):
        page.rename()  # pushed at once (online): the server answers a conflict
    window = app.window
    qtbot.waitUntil(lambda: window.conflict_label.text() == "Conflicts: 1", timeout=WAIT)
    window.conflict_label.clicked.emit()  # the count opens the inbox
    qtbot.waitUntil(lambda: window.conflicts_dialog is not None, timeout=WAIT)
    inbox = window.conflicts_dialog
    assert inbox is not None
    qtbot.waitUntil(lambda: any(i.open for i in inbox.items), timeout=WAIT)
    return inbox


def test_a_rename_from_another_device_is_a_conflict_retry_makes_mine_win_discard_theirs(
    qtbot: QtBot, started: Workbench, second: AccountSession
) -> None:
    app = started
    app.window.select_page("channels")
    page = app.window.page("channels")
    assert isinstance(page, ChannelsPage)
    qtbot.waitUntil(lambda: page.loaded and bool(page.rows), timeout=WAIT)
    channel_id = page.rows[0].id

    _rename_elsewhere(second, channel_id, "另一台设备的名字")
    inbox = _conflicted_rename(qtbot, app, page, channel_id, "我的名字")
    assert inbox.table.rowCount() == 1 and inbox.items[0].open
    tried, why, server = (inbox.table.item(0, c).text() for c in (1, 2, 3))
    assert "Rename the channel" in tried and "“另一台设备的名字” → “我的名字”" in tried
    assert "changed it on the server first" in why
    assert "另一台设备的名字" in server
    assert inbox.table.item(0, 4).text() == "Open"

    inbox.table.selectRow(0)
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        qtbot.keyClick(inbox, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Retry
    qtbot.waitUntil(lambda: app.window.conflict_label.text() == "Conflicts: 0", timeout=WAIT)
    assert _server_name(second, channel_id) == "我的名字"
    qtbot.waitUntil(lambda: bool(inbox.items) and not inbox.items[0].open, timeout=WAIT)
    assert inbox.table.item(0, 4).text().startswith("Retried")  # still listed, as resolved
    assert not inbox.retry_button.isEnabled()

    _rename_elsewhere(second, channel_id, "他们的名字")
    inbox = _conflicted_rename(qtbot, app, page, channel_id, "又是我的名字")
    assert [i.open for i in inbox.items] == [True, False]  # unresolved first
    inbox.table.selectRow(0)
    with qtbot.waitSignal(app.controller.changed, timeout=WAIT):
        qtbot.keyClick(inbox, Qt.Key.Key_Delete)  # Discard mine
    qtbot.waitUntil(lambda: app.window.conflict_label.text() == "Conflicts: 0", timeout=WAIT)
    qtbot.waitUntil(lambda: len(inbox.items) == 2 and not inbox.items[0].open, timeout=WAIT)
    states = {inbox.table.item(r, 4).text().split()[0] for r in (0, 1)}
    assert states == {"Retried", "Discarded"}
    assert _server_name(second, channel_id) == "他们的名字"
    qtbot.waitUntil(
        lambda: any(r.id == channel_id and r.name == "他们的名字" for r in page.rows), timeout=WAIT
    )

    inbox.table.selectRow(0)
    qtbot.keyClick(inbox.table, Qt.Key.Key_Return)  # Open: the channel, selected on its page
    qtbot.waitUntil(lambda: page.selected_id() == channel_id, timeout=WAIT)
    assert app.window.current_page == "channels"
