"""The desktop shell end to end: first run, login errors, accounts, language, offline."""

from __future__ import annotations

from datetime import timedelta

import httpx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer, free_port
from workbench.server.login import clear_failures
from workbench.server.models import LoginFailure
from workbench.server.types import utcnow
from workbench.sync.session import EMBEDDED
from workbench.ui.accounts import AccountRef
from workbench.ui.app import Workbench
from workbench.ui.login_dialog import LoginDialog


def test_first_run_ends_synced_on_the_selection_center(started: Workbench) -> None:
    window = started.window
    assert window.isVisible()
    assert window.current_page == "selection"
    assert started.controller.state == "online"
    status = started.controller.last_status
    assert status["products"] == 800
    assert status["pending"] == 0
    assert set(status["scopes"]) == {"account", "catalog"}
    assert all(s["last_ok_at"] for s in status["scopes"].values())
    assert window.state_label.text() == "Online"
    assert not window.banner.isVisible()
    assert started.accounts.current == AccountRef(EMBEDDED, DEMO_LOGINS["creator"])
    assert started.settings.get("active_account") == f"{EMBEDDED}|{DEMO_LOGINS['creator']}"


def test_last_page_and_geometry_are_restored(qtbot: QtBot, started: Workbench) -> None:
    started.window.select_page("samples")
    started.window.resize(820, 500)  # the offscreen screen is small; 500 differs from the default
    started.window.close()
    again = type(started.window)(started.settings, started.controller, started.accounts)
    qtbot.addWidget(again)
    assert again.current_page == "samples"
    assert again.size().height() == 500


def _login(qtbot: QtBot, app: Workbench, server: str, login: str, password: str) -> LoginDialog:
    dialog = LoginDialog(app.accounts, app.window, server=server, login=login)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.password.setText(password)
    return dialog


def test_login_errors_are_shown_inline(qtbot: QtBot, started: Workbench) -> None:
    server = started.accounts.embedded
    assert server is not None
    wrong = _login(qtbot, started, server.url, DEMO_LOGINS["creator"], "not-the-password")
    wrong.submit()
    qtbot.waitUntil(lambda: wrong.error.isVisible(), timeout=SYNC_TIMEOUT_MS)
    assert wrong.error.text() == "Wrong account or password."
    assert wrong.isVisible() and wrong.buttons.isEnabled()

    unreachable = _login(qtbot, started, f"http://127.0.0.1:{free_port()}", "someone", "pw")
    unreachable.submit()
    qtbot.waitUntil(lambda: unreachable.error.isVisible(), timeout=SYNC_TIMEOUT_MS)
    assert "cannot be reached" in unreachable.error.text()

    remote = _login(qtbot, started, "http://shop.example.com", "someone", "pw")
    remote.submit()
    assert remote.error.isVisible()  # refused before any request is made
    assert "Plain http is only allowed" in remote.error.text()


def test_a_locked_account_says_so_and_for_how_long(qtbot: QtBot, started: Workbench) -> None:
    server = started.accounts.embedded
    assert server is not None
    name = DEMO_LOGINS["merchant_b"]
    with server.db.write(feed=False) as session:  # as if five wrong passwords had just come
        session.add(
            LoginFailure(
                login=name,
                failures=5,
                last_failed_at=utcnow(),
                locked_until=utcnow() + timedelta(seconds=150),
            )
        )
    try:
        locked = _login(qtbot, started, server.url, name, DEMO_PASSWORD)
        locked.submit()
        qtbot.waitUntil(lambda: locked.error.isVisible(), timeout=SYNC_TIMEOUT_MS)
        assert locked.error.text() == (
            "Too many wrong passwords: this account is locked for 3 minutes. Try again later."
        )
        assert locked.isVisible() and locked.buttons.isEnabled()
    finally:
        with server.db.write(feed=False) as session:
            clear_failures(session, name)


def test_switching_accounts_switches_caches(qtbot: QtBot, started: Workbench) -> None:
    creator_cache = started.controller.session.cache.path  # type: ignore[union-attr]
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        started.window.demo_switch.trigger()
    session = started.controller.session
    assert session is not None and session.account.login == DEMO_LOGINS["merchant"]
    assert session.cache.path != creator_cache
    assert session.cache.path.parent.name == DEMO_LOGINS["merchant"]
    labels = [
        started.window.account_box.itemText(i) for i in range(started.window.account_box.count())
    ]
    assert any(DEMO_LOGINS["creator"] in t for t in labels) and any(
        DEMO_LOGINS["merchant"] in t for t in labels
    )
    # and back, through the account box
    index = next(i for i, t in enumerate(labels) if DEMO_LOGINS["creator"] in t)
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        started.window.account_box.activated.emit(index)
    assert started.controller.session.cache.path == creator_cache  # type: ignore[union-attr]


def test_language_switch_changes_visible_texts_live(qtbot: QtBot, started: Workbench) -> None:
    window = started.window
    assert window.nav.item(0).text() == "Selection center"
    started.window.settings_page.languageChanged.emit("zh_CN")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "选品中心")
    assert window.state_label.text() == "在线"
    page = window.ensure_selection_page()
    assert page.title.text() == "选品中心"
    assert page.filter_bar.promotable.text() == "当前可推广"
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "标题"
    started.window.settings_page.languageChanged.emit("en")
    qtbot.waitUntil(lambda: window.nav.item(0).text() == "Selection center")
    assert page.filter_bar.promotable.text() == "Promotable now"


def test_offline_banner_and_an_offline_edit_syncing_afterwards(
    qtbot: QtBot, started: Workbench
) -> None:
    controller, window = started.controller, started.window
    server = started.accounts.embedded
    assert server is not None
    port = server.port
    product = started.controller.session.cache.conn.execute(  # type: ignore[union-attr]
        "SELECT id FROM product WHERE status = 'listed' ORDER BY id DESC LIMIT 1"
    ).fetchone()[0]
    server.stop()
    controller._probe.setInterval(100)  # the test need not wait the real 5 s between probes
    with qtbot.waitSignal(
        controller.stateChanged, check_params_cb=lambda s: s == "offline", timeout=SYNC_TIMEOUT_MS
    ):
        controller.sync_now()
    assert window.banner.isVisible()
    assert window.state_label.text().startswith("Offline since ")

    with qtbot.waitSignal(
        controller.statusChanged,
        check_params_cb=lambda s: s["pending"] == 1,
        timeout=SYNC_TIMEOUT_MS,
    ):
        controller.edit("favourite.add", product, {})
    assert window.pending_label.text() == "Pending edits: 1"

    back = EmbeddedServer(
        ServerSettings(database_url=server.settings.database_url), port=port
    ).start()
    started.accounts.embedded = back  # so the fixture stops this one
    with qtbot.waitSignal(controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass  # the probe notices the server and syncs by itself
    assert not window.banner.isVisible()
    assert controller.last_status["pending"] == 0
    with httpx.Client(base_url=back.url) as http:
        token = http.post(
            "/v1/auth/login", json={"login": DEMO_LOGINS["creator"], "password": DEMO_PASSWORD}
        ).json()["access_token"]
        favourites = http.get(
            "/v1/favourites", params={"limit": 500}, headers={"Authorization": f"Bearer {token}"}
        ).json()["items"]
    assert sum(1 for f in favourites if f["product_id"] == product) == 1


def test_http_to_a_remote_server_is_refused_in_settings_too(started: Workbench) -> None:
    page = started.window.settings_page
    page.server_edit.setText("http://shop.example.com")
    assert page.apply() is False
    assert page.server_error.isVisibleTo(page) and page.server_error.text()
    assert started.settings.get("server_url") == ""
