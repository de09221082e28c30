"""Listing health in the whole app: the channels page counts the listings that need attention,
lists them with their reasons, and replaces one in one click from the "Replacements…" dialog.

The demo creator's seed holds troubles (products off sale, without a plan, a plan that ended, a
cut, out of stock: ``seed/health_demo.py``); the page's check runs on the reader's background
lane and again after the edit. Replace queues the delete and the create in one transaction (the
outbox holds exactly those two), the new listing at the old one's place, and the next sync
brings both to the server.
"""

from __future__ import annotations

from typing import Any

import httpx
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.ui.app import Workbench
from workbench.ui.channels.page import ChannelsPage
from workbench.ui.channels.replacements import ReplacementsDialog

WAIT = 20_000


def _server_listings(app: Workbench) -> dict[str, dict[str, Any]]:
    """The demo creator's listings as the server has them."""
    server = app.accounts.embedded
    assert server is not None
    with httpx.Client(base_url=server.url) as http:
        login = {"login": DEMO_LOGINS["creator"], "password": DEMO_PASSWORD}
        token = http.post("/v1/auth/login", json=login).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        found: dict[str, dict[str, Any]] = {}
        after = None
        while True:
            params = {"limit": 500, **({"after": after} if after else {})}
            page = http.get("/v1/listings", headers=headers, params=params).json()
            found.update({row["id"]: row for row in page["items"]})
            after = page.get("next_after")
            if not after:
                return found


def test_problems_are_counted_listed_and_replaced_in_one_click(
    qtbot: QtBot, started: Workbench
) -> None:
    app = started
    app.window.select_page("channels")
    page = app.window.page("channels")
    assert isinstance(page, ChannelsPage)
    panel = page.attention
    qtbot.waitUntil(lambda: panel.total is not None, timeout=WAIT)
    assert panel.total and panel.total > 0
    assert str(panel.total) in panel.summary.text()
    panel.toggle.setChecked(True)
    assert panel.table.isVisibleTo(page)
    model = panel.model
    assert model.rowCount() == panel.total
    qtbot.waitUntil(lambda: model.shown(0) is not None, timeout=WAIT)
    reasons = {model.item(r).problems[0].reason.value for r in range(model.rowCount())}  # type: ignore[union-attr]
    assert {"no_live_plan", "delisted"} <= reasons, reasons
    why = model.data(model.index(0, model.REASON))
    assert why and "Loading" not in why

    # The first listing with a suggestion: replace it.
    dialog: ReplacementsDialog | None = None
    for row in range(model.rowCount()):
        panel.table.selectRow(row)
        panel.open_replacements()
        candidate = panel.dialog
        assert candidate is not None
        qtbot.waitUntil(lambda c=candidate: c.loaded, timeout=WAIT)  # type: ignore[misc]
        if candidate.suggestions:
            dialog = candidate
            break
        candidate.reject()
    assert dialog is not None, "no problem listing has a replacement in the demo"
    old = dialog.item
    shown = dialog.shown
    assert shown is not None
    chosen = dialog.suggestions[0]
    assert dialog.table.rowCount() == len(dialog.suggestions)

    server = app.accounts.embedded
    assert server is not None
    url, port = server.settings.database_url, server.port
    server.stop()  # offline: the replacement is queued, and waits
    app.controller._probe.setInterval(100)
    with qtbot.waitSignal(app.controller.stateChanged, check_params_cb=lambda s: s == "offline",
                          timeout=SYNC_TIMEOUT_MS):  # fmt: skip
        app.controller.sync_now()
    with qtbot.waitSignal(panel.replaced, timeout=WAIT) as replaced:
        dialog.replace()
    new_id = str(replaced.args[0])
    queued: list[tuple[str, str]] = []
    app.controller.read(
        lambda cache: [(t, e) for t, e in cache.conn.execute("SELECT type, entity_id FROM outbox")],
        queued.extend,
    )
    qtbot.waitUntil(lambda: bool(queued), timeout=WAIT)
    assert queued == [("listing.delete", old.listing_id), ("listing.create", new_id)]

    app.accounts.embedded = EmbeddedServer(ServerSettings(database_url=url), port=port).start()
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass  # the probe notices the server is back, and syncs
    assert app.controller.last_status["conflicts"] == 0
    server = _server_listings(app)
    assert old.listing_id not in server
    assert server[new_id]["product_id"] == chosen.product_id
    assert server[new_id]["position"] == shown.position
    assert server[new_id]["channel_id"] == old.channel_id
    # The check ran again: the replaced listing is not listed any more.
    qtbot.waitUntil(
        lambda: all(
            model.item(r).listing_id != old.listing_id  # type: ignore[union-attr]
            for r in range(model.rowCount())
        ),
        timeout=WAIT,
    )


def test_the_open_panel_shares_the_default_window_with_the_listings(
    qtbot: QtBot, started: Workbench
) -> None:
    """At 1200×780, "Needs attention" opened takes a share of the page and leaves the channel's
    listings several rows (it used to squeeze them to one); closed, the listings get it back."""
    app = started
    app.window.resize(1200, 780)
    app.window.show()
    app.window.select_page("channels")
    page = app.window.page("channels")
    assert isinstance(page, ChannelsPage)
    panel, listings = page.attention, page.listings.table
    qtbot.waitUntil(lambda: bool(panel.total) and bool(page.rows), timeout=WAIT)
    page.table.selectRow(0)  # the first channel's listings below (the demo's has eight)
    qtbot.waitUntil(lambda: listings.model().rowCount() > 3, timeout=WAIT)
    closed = listings.viewport().height()
    panel.toggle.setChecked(True)
    bar = panel.summary.height()
    qtbot.waitUntil(lambda: panel.table.isVisible() and panel.height() > 4 * bar, timeout=WAIT)
    qtbot.waitUntil(lambda: listings.viewport().height() < closed, timeout=WAIT)
    for widget in (page, page.split, page.listings):  # every pending layout done, as painted
        layout = widget.layout()
        if layout is not None:
            layout.activate()
    QApplication.processEvents()

    def rows(table: Any) -> float:
        return float(table.viewport().height() / table.verticalHeader().defaultSectionSize())

    assert rows(panel.table) >= 5, rows(panel.table)
    row = listings.rowHeight(0) or listings.verticalHeader().defaultSectionSize()
    assert listings.viewport().height() >= 3 * row, (listings.viewport().height(), row)
    panel.toggle.setChecked(False)
    qtbot.waitUntil(lambda: listings.viewport().height() >= closed, timeout=WAIT)
