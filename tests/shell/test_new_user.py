"""What a new user meets first, in the whole app (issue 12): rejected edits said where the user
is, action messages that follow their action and account, filters kept per account, a start-up
that agrees with itself, offline noticed while idle, and pictures asked for again when online.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from tests.shell.test_selection import WAIT, _loaded, _page
from workbench.demo import DEMO_LOGINS
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer, free_port
from workbench.store.products import ProductFilter
from workbench.sync.session import EMBEDDED
from workbench.ui.accounts import AccountRef
from workbench.ui.app import Workbench
from workbench.ui.selection.page import SelectionPage


def _switch(qtbot: QtBot, app: Workbench, login: str) -> None:
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        app.open_account(AccountRef(EMBEDDED, login))


def _go_offline(qtbot: QtBot, app: Workbench) -> int:
    server = app.accounts.embedded
    assert server is not None
    port = server.port
    server.stop()
    app.controller._probe.setInterval(100)
    with qtbot.waitSignal(app.controller.stateChanged, check_params_cb=lambda s: s == "offline",
                          timeout=SYNC_TIMEOUT_MS):  # fmt: skip
        app.controller.sync_now()
    return port


def _come_back(app: Workbench, port: int, database_url: str) -> EmbeddedServer:
    back = EmbeddedServer(ServerSettings(database_url=database_url), port=port).start()
    app.accounts.embedded = back  # so the fixture stops this one
    return back


def test_a_rejected_edit_is_said_at_once_and_the_conflicts_are_listed(
    qtbot: QtBot, started: Workbench
) -> None:
    _switch(qtbot, started, DEMO_LOGINS["creator_legacy"])
    page, window = _page(started), started.window
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    product = str(page.model.product_id(0))
    assert not window.rejection.isVisible()
    page.place([product], [], [("official_account", "我的公众号")])
    qtbot.waitUntil(lambda: window.rejection.isVisible(), timeout=SYNC_TIMEOUT_MS)
    text = window.rejection.text.text()
    assert "视频号" in text and "upgrade" in text.lower()  # the reason, in words
    assert window.conflict_label.text() == "Conflicts: 2"
    # in Chinese, the same notice in Chinese
    window.settings_page.languageChanged.emit("zh_CN")
    qtbot.waitUntil(lambda: "升级" in window.rejection.text.text(), timeout=WAIT)
    window.settings_page.languageChanged.emit("en")
    try:  # and in the dark theme, dark
        window.settings_page.themeChanged.emit("dark")
        qtbot.waitUntil(lambda: "#ffffff" not in window.rejection.styleSheet(), timeout=WAIT)
    finally:
        window.settings_page.themeChanged.emit("light")
    # the way to the list: the notice's button, and the count in the status bar
    window.rejection.show_button.click()
    qtbot.waitUntil(lambda: window.conflicts_dialog is not None, timeout=WAIT)
    dialog = window.conflicts_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=WAIT)
    cells = [dialog.table.item(r, c).text() for r in range(2) for c in range(3)]
    assert any("公众号" in c and "我的公众号" in c for c in cells)  # what was tried
    assert any("upgrade" in c.lower() for c in cells)  # why not
    dialog.close()
    window.conflicts_dialog = None
    window.conflict_label.clicked.emit()
    qtbot.waitUntil(lambda: window.conflicts_dialog is not None, timeout=WAIT)


def test_an_action_message_follows_its_edit_and_its_account(
    qtbot: QtBot, started: Workbench
) -> None:
    page, window, controller = _page(started), started.window, started.controller
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    channel = page.session.cache.rows("channel")[0]["id"]  # type: ignore[union-attr]
    server = started.accounts.embedded
    assert server is not None
    url = server.settings.database_url
    port = _go_offline(qtbot, started)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=WAIT)
    table_height = page.table.height()
    product = str(page.model.product_id(0))
    page.place([product], [channel], [])
    qtbot.waitUntil(lambda: "offline" in page.message.text(), timeout=WAIT)
    assert "sending" not in page.message.text()
    QApplication.processEvents()  # the layout pass a wrapping message would push the table in
    assert page.table.height() == table_height  # the message takes no room from the table
    window.settings_page.languageChanged.emit("zh_CN")
    qtbot.waitUntil(lambda: "离线" in page.message.text(), timeout=WAIT)
    window.settings_page.languageChanged.emit("en")
    qtbot.waitUntil(lambda: "offline" in page.message.text(), timeout=WAIT)
    _come_back(started, port, url)
    with qtbot.waitSignal(controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass
    qtbot.waitUntil(lambda: "sent" in page.message.text(), timeout=WAIT)
    assert "offline" not in page.message.text()
    _switch(qtbot, started, DEMO_LOGINS["merchant"])
    assert page.message.text() == ""  # the creator's message is not the merchant's


def test_the_filter_is_restored_at_start_and_kept_per_account(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    wanted = ProductFilter(keyword="茶", price_min_fen=1000)
    page.apply_filter(wanted)
    _switch(qtbot, started, DEMO_LOGINS["merchant"])
    qtbot.waitUntil(lambda: page.session is not None, timeout=WAIT)
    assert page.model.filter.keyword == ""  # not the creator's filter
    assert page.filter_bar.chip_keys() == []
    _switch(qtbot, started, DEMO_LOGINS["creator"])
    assert page.model.filter.keyword == "茶" and page.model.filter.price_min_fen == 1000
    # a restart: the window closes, a new page on the same settings and account
    started.window.close()
    again = SelectionPage(started.settings, started.controller)
    qtbot.addWidget(again)
    assert again.model.filter.keyword == "茶" and again.model.filter.price_min_fen == 1000
    assert set(again.filter_bar.chip_keys()) == {"keyword", "price"}
    again.shutdown()


def test_a_restart_after_an_external_server_asks_to_sign_in_and_cancel_opens_the_demo(
    qtbot: QtBot, bench: Workbench
) -> None:
    external = AccountRef(f"http://127.0.0.1:{free_port()}", "someone")
    bench.settings.set("accounts", [{"server": external.server, "login": external.login}])
    bench.settings.set("active_account", external.key)
    bench.start()
    qtbot.waitUntil(lambda: bench.login_dialog is not None and bench.login_dialog.isVisible(),
                    timeout=WAIT)  # fmt: skip
    dialog = bench.login_dialog
    assert dialog is not None
    assert not dialog.error.isVisible()  # nothing was typed: nothing is wrong yet
    assert dialog.note.isVisible() and "sign in" in dialog.note.text().lower()
    window = bench.window
    assert window.state_label.text() != "Connecting…"
    assert "creator_demo" not in window.account_box.currentText()
    with qtbot.waitSignal(bench.controller.synced, timeout=SYNC_TIMEOUT_MS):
        dialog.reject()  # a usable state: the demo
    assert bench.accounts.current == AccountRef(EMBEDDED, DEMO_LOGINS["creator"])
    assert "creator_demo" in window.account_box.currentText()
    assert window.state_label.text() == "Online"


def test_with_a_server_given_the_account_list_shows_only_that_servers_accounts(
    qtbot: QtBot, bench: Workbench
) -> None:
    here = f"http://127.0.0.1:{free_port()}"
    elsewhere = f"http://127.0.0.1:{free_port()}"
    bench.settings.set("accounts", [
        {"server": EMBEDDED, "login": DEMO_LOGINS["creator"]},
        {"server": elsewhere, "login": "other"},
        {"server": here + "/", "login": "mine"},
    ])  # fmt: skip
    bench.start(server=here)
    qtbot.waitUntil(lambda: bench.login_dialog is not None and bench.login_dialog.isVisible(),
                    timeout=WAIT)  # fmt: skip
    box = bench.window.account_box
    listed = [box.itemText(i) for i in range(box.count())]
    assert listed == [f"mine @ {here}/"]
    assert bench.accounts.known() == [AccountRef(here + "/", "mine")]
    assert bench.login_dialog is not None
    with qtbot.waitSignal(bench.controller.synced, timeout=SYNC_TIMEOUT_MS):
        bench.login_dialog.reject()  # cancelled: the demo opens, and is listed while it is open
    listed = [box.itemText(i) for i in range(box.count())]
    assert listed[0] == f"mine @ {here}/" and len(listed) == 2
    assert DEMO_LOGINS["creator"] in box.currentText()


def test_going_offline_is_noticed_while_idle(qtbot: QtBot, started: Workbench) -> None:
    controller, window = started.controller, started.window
    controller.set_idle_probe_ms(200)  # the real interval is a few seconds
    server = started.accounts.embedded
    assert server is not None
    server.stop()
    with qtbot.waitSignal(controller.stateChanged, check_params_cb=lambda s: s == "offline",
                          timeout=WAIT):  # fmt: skip
        pass  # no sync, no edit: the idle probe notices
    assert window.state_label.text().startswith("Offline since ")
    assert controller.offline_since is not None
    assert window.state_label.text().endswith(controller.offline_since.strftime("%H:%M"))


def test_the_detail_image_is_asked_for_again_when_the_server_is_back(
    qtbot: QtBot, started: Workbench
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    server = started.accounts.embedded
    assert server is not None
    url = server.settings.database_url
    qtbot.waitUntil(lambda: page.thumbnails._fetch is not None, timeout=WAIT)
    port = _go_offline(qtbot, started)
    page.table.setCurrentIndex(page.model.index(7, 1))
    product = page.model.product_id(7)
    page.open_details()
    qtbot.waitUntil(lambda: page.detail.detail is not None and page.detail.detail.row["id"] == product,
                    timeout=WAIT)  # fmt: skip
    qtbot.waitUntil(lambda: (str(product), 256) in page.thumbnails._failures, timeout=WAIT)
    grey = page.detail.image.pixmap().toImage()  # the placeholder
    _come_back(started, port, url)
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass
    qtbot.waitUntil(lambda: (str(product), 256) in page.thumbnails._memory, timeout=WAIT)
    qtbot.waitUntil(lambda: page.detail.image.pixmap().toImage() != grey, timeout=WAIT)
