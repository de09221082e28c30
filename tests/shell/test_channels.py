"""The channels page (我的渠道) in the whole app, on the real embedded server.

A 视频号带货者 cannot add a 公众号 channel (the kind is disabled with the reason; forcing it is
answered inline and queues nothing) until the upgrade, and can after it; the server then has the
channel. The upgrade banner shows the deposit and settlements it keeps (the server's figures),
and an upgrade made offline shows pending until the server confirms it. Names are checked inline (empty, too long); a rename shows at once and reaches the
server; a delete asks first and says how many listings go with it.
"""

from __future__ import annotations

from typing import Any

import httpx
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.core.enums import ChannelKind
from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.sync.session import EMBEDDED
from workbench.ui.accounts import AccountRef
from workbench.ui.app import Workbench
from workbench.ui.channels.page import ChannelsPage
from workbench.ui.selection.columns import yuan

WAIT = 20_000


def _open(qtbot: QtBot, app: Workbench, login: str) -> ChannelsPage:
    if app.controller.session.account.login != login:  # type: ignore[union-attr]
        with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
            app.open_account(AccountRef(EMBEDDED, login))
    app.window.select_page("channels")
    page = app.window.page("channels")
    assert isinstance(page, ChannelsPage)
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    return page


def _server_channels(app: Workbench, login: str) -> list[dict[str, Any]]:
    server = app.accounts.embedded
    assert server is not None
    with httpx.Client(base_url=server.url) as http:
        token = http.post("/v1/auth/login", json={"login": login, "password": DEMO_PASSWORD})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        return list(http.get("/v1/channels", headers=headers).json()["items"])


def _kind_enabled(page: ChannelsPage, kind: ChannelKind) -> bool:
    model = page.kind.model()
    assert isinstance(model, QStandardItemModel)
    return model.item(page.kind.findData(kind.value)).isEnabled()


def _sync(qtbot: QtBot, app: Workbench) -> None:
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        app.controller.sync_now()


def _server_get(app: Workbench, login: str, path: str) -> Any:
    server = app.accounts.embedded
    assert server is not None
    with httpx.Client(base_url=server.url) as http:
        token = http.post("/v1/auth/login", json={"login": login, "password": DEMO_PASSWORD})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        return http.get(path, headers=headers, params={"limit": 500}).json()


def test_a_legacy_creator_adds_a_public_account_channel_only_after_the_upgrade(
    qtbot: QtBot, started: Workbench
) -> None:
    legacy = DEMO_LOGINS["creator_legacy"]
    page = _open(qtbot, started, legacy)
    banner = page.banner
    assert banner.isVisibleTo(page)
    assert not _kind_enabled(page, ChannelKind.OFFICIAL_ACCOUNT)
    assert _kind_enabled(page, ChannelKind.LIVE)
    pending_before = started.controller.last_status.get("pending")

    # The banner says what the upgrade keeps, with this account's figures (the server's).
    deposit = _server_get(started, legacy, "/v1/deposit")
    months = len(_server_get(started, legacy, "/v1/settlements")["items"])
    qtbot.waitUntil(lambda: banner.figures is not None, timeout=WAIT)
    kept = banner.kept.text()
    assert yuan(deposit["balance_fen"]) in kept and f"{months} month" in kept, kept
    assert "No second deposit" in kept and "公众号" in banner.text.text()

    page.kind.setCurrentIndex(page.kind.findData(ChannelKind.OFFICIAL_ACCOUNT.value))
    page.name.setText("我的公众号")
    page.add_channel()
    assert "upgrade" in page.message.text()  # said where the user is, nothing queued
    qtbot.wait(200)
    assert started.controller.last_status.get("pending") == pending_before

    # Offline: the upgrade is queued and the banner says it waits for the server.
    server = started.accounts.embedded
    assert server is not None
    port, url = server.port, server.settings.database_url
    server.stop()
    started.controller._probe.setInterval(100)
    with qtbot.waitSignal(started.controller.stateChanged,
                          check_params_cb=lambda s: s == "offline", timeout=WAIT):  # fmt: skip
        started.controller.sync_now()
    with qtbot.waitSignal(started.controller.changed, timeout=WAIT):
        page.upgrade()
    qtbot.waitUntil(lambda: banner.figures is not None and banner.figures.pending, timeout=WAIT)
    assert banner.isVisibleTo(page) and not banner.button.isEnabled()
    assert banner.button.text() == "Pending sync" and "pending" in banner.heading.text()
    page.upgrade()  # a second press while pending queues nothing more
    qtbot.wait(200)
    assert started.controller.last_status["pending"] == 1

    back = EmbeddedServer(ServerSettings(database_url=url), port=port).start()
    started.accounts.embedded = back  # so the fixture stops this one
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass  # the probe notices the server and syncs
    qtbot.waitUntil(lambda: not page.banner.isVisibleTo(page), timeout=WAIT)
    assert _kind_enabled(page, ChannelKind.OFFICIAL_ACCOUNT)
    assert _server_get(started, legacy, "/v1/me")["identity"] == "talent"
    assert _server_get(started, legacy, "/v1/deposit") == deposit  # no second deposit

    page.kind.setCurrentIndex(page.kind.findData(ChannelKind.OFFICIAL_ACCOUNT.value))
    page.name.setText("我的公众号")
    with qtbot.waitSignal(started.controller.changed, timeout=WAIT):
        page.add_channel()
    qtbot.waitUntil(lambda: any(r.name == "我的公众号" for r in page.rows), timeout=WAIT)
    _sync(qtbot, started)
    assert started.controller.last_status["conflicts"] == 0
    on_server = [c for c in _server_channels(started, legacy) if c["name"] == "我的公众号"]
    assert [c["kind"] for c in on_server] == ["official_account"]


def test_names_are_checked_inline_rename_reaches_the_server_delete_asks(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _open(qtbot, started, DEMO_LOGINS["creator"])
    assert page.rows and not page.banner.isVisibleTo(page)
    page.table.selectRow(0)
    first = page.rows[0]

    page.name.setText("   ")
    page.rename()
    assert page.message.text() == "Give the channel a name."
    page.name.setText("长" * 61)
    page.rename()
    assert page.message.text() == "A channel name has at most 60 characters."

    page.name.setText("周末直播间")
    with qtbot.waitSignal(started.controller.changed, timeout=WAIT):
        page.rename()
    # Shown at once (pending, or already confirmed if the push was quicker than the read).
    qtbot.waitUntil(lambda: any(r.name == "周末直播间" for r in page.rows), timeout=WAIT)
    _sync(qtbot, started)
    qtbot.waitUntil(
        lambda: any(r.name == "周末直播间" and not r.pending for r in page.rows), timeout=WAIT
    )
    server = {c["id"]: c for c in _server_channels(started, DEMO_LOGINS["creator"])}
    assert server[first.id]["name"] == "周末直播间"

    row = next(i for i, r in enumerate(page.rows) if r.id == first.id)
    page.table.selectRow(row)
    page.ask_delete()
    box = page.confirm
    assert box is not None and box.isVisible()
    assert f"{first.listings} listing" in box.text()
    with qtbot.waitSignal(started.controller.changed, timeout=WAIT):
        box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: all(r.id != first.id for r in page.rows), timeout=WAIT)
    _sync(qtbot, started)
    assert first.id not in {c["id"] for c in _server_channels(started, DEMO_LOGINS["creator"])}
