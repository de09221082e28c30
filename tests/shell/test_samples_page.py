"""The creator's Samples (issue 10 item 3) in the whole app, on the real embedded server.

A creator requests a sample from the selection center's detail panel while the server is away;
it shows at once as pending and reaches the server once it is back; the merchant approves and
ships it with a tracking number (in the same app, as merchant_demo); back as the creator, the
Samples page shows it shipped with its tracking number and the content countdown; a link that
is no link is refused in the dialog; a good one makes it fulfilled on the server. The one
extension is asked once (then offered no more, and refused if asked again); a request is
cancelled; every sample's sales since it arrived equal a sum over the server's order lines; the
fulfilment rate and the rail's count agree with the server's samples.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.shell.conftest import SYNC_TIMEOUT_MS, open_account
from tests.shell.test_merchant_pages import WAIT, _all, _pending, _queue, _rail
from workbench.core.commission import expected_commission_fen
from workbench.demo import DEMO_LOGINS
from workbench.server import models as m
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.store import samples as store
from workbench.ui.app import Workbench
from workbench.ui.merchant.review_dialogs import ShipDialog
from workbench.ui.samples.dialogs import FulfilDialog, RequestDialog
from workbench.ui.samples.page import DUE_COLUMN, STATE_COLUMN, SamplesPage
from workbench.ui.selection.columns import yuan
from workbench.ui.selection.page import SelectionPage
from workbench.ui.theme import error_color

CREATOR = DEMO_LOGINS["creator"]
MERCHANT = DEMO_LOGINS["merchant"]


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _samples_page(qtbot: QtBot, app: Workbench) -> SamplesPage:
    app.window.select_page("samples")
    page = app.window.page("samples")
    assert isinstance(page, SamplesPage)
    qtbot.waitUntil(lambda: page.model.ready and page.model.counted, timeout=WAIT)
    return page


def _row(qtbot: QtBot, page: SamplesPage, sample_id: str, **wanted: Any) -> store.MySample:
    """The page's row of ``sample_id`` once it has the ``wanted`` values; selected."""

    def shown() -> bool:
        r = page.model.row_of(sample_id)
        row = None if r is None else page.model.peek(r)
        return row is not None and all(getattr(row, k) == v for k, v in wanted.items())

    qtbot.waitUntil(shown, timeout=WAIT)
    assert page.select_sample(sample_id)
    row = page.selected()
    assert row is not None and row.id == sample_id
    return row


def _merchant_product(app: Workbench, creator_samples: list[dict[str, Any]]) -> str:
    """A listed product of merchant_demo's that the creator has no running request of."""
    server = app.accounts.embedded
    assert server is not None
    running = {s["product_id"] for s in creator_samples if s["status"] in store.OPEN}
    with server.db.read() as session:
        merchant = session.scalar(select(m.Account.id).where(m.Account.login == MERCHANT))
        products = session.scalars(
            select(m.Product.id)
            .join(m.Shop, m.Shop.id == m.Product.shop_id)
            .where(m.Shop.merchant_id == merchant, m.Product.status == "listed")
            .order_by(m.Product.id)
        ).all()
    return next(p for p in products if p not in running)


def _go_offline(qtbot: QtBot, app: Workbench) -> tuple[int, str]:
    server = app.accounts.embedded
    assert server is not None
    port, url = server.port, server.settings.database_url
    server.stop()
    app.controller._probe.setInterval(100)
    with qtbot.waitSignal(app.controller.stateChanged, check_params_cb=lambda s: s == "offline",
                          timeout=SYNC_TIMEOUT_MS):  # fmt: skip
        app.controller.sync_now()
    return port, url


def test_request_offline_ship_then_fulfil_with_a_link(qtbot: QtBot, started: Workbench) -> None:
    server = started.accounts.embedded
    assert server is not None
    product_id = _merchant_product(started, _all(server.url, CREATOR, "/v1/samples"))
    started.window.select_page("selection")
    selection = started.window.page("selection")
    assert isinstance(selection, SelectionPage)
    action = selection.sample_request
    selection.show_product(product_id)
    qtbot.waitUntil(lambda: action.product_id == product_id and action.state is not None,
                    timeout=WAIT)  # fmt: skip
    assert action.button.isVisible() and action.button.isEnabled()

    port, url = _go_offline(qtbot, started)
    action.button.click()
    dialog = action.dialog
    assert isinstance(dialog, RequestDialog) and dialog.isVisible()
    dialog.text.setPlainText("x" * (store.NOTE_MAX + 1))
    dialog.ok.click()  # too long: said in the dialog, nothing queued
    assert dialog.error.isVisible() and dialog.isVisible()
    assert _pending(qtbot, started) == 0
    dialog.text.setPlainText("想做开箱视频")
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        dialog.ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert _pending(qtbot, started) == 1
    qtbot.waitUntil(lambda: not action.button.isEnabled(), timeout=WAIT)
    assert "already asked" in action.button.toolTip()
    # Asked again all the same (a second window, a double click): refused in the dialog.
    again = RequestDialog("again", selection)
    qtbot.addWidget(again)
    again.open()
    action.request(again, product_id, "")
    qtbot.waitUntil(again.error.isVisible, timeout=WAIT)
    assert "already asked" in again.error.text() and again.isVisible()
    again.reject()
    assert _pending(qtbot, started) == 1

    page = _samples_page(qtbot, started)
    requested = next(
        row for row in page.model.loaded_rows() if row.product_id == product_id and row.pending
    )
    assert requested.status == "requested"
    assert "pending sync" in page.model.data(
        page.model.index(page.model.row_of(requested.id) or 0, 2)
    )

    back = EmbeddedServer(ServerSettings(database_url=url), port=port).start()
    started.accounts.embedded = back
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass  # the probe notices the server and syncs
    assert _pending(qtbot, started) == 0
    sent = {s["id"]: s for s in _all(back.url, CREATOR, "/v1/samples")}[requested.id]
    assert (sent["status"], sent["note"], sent["product_id"]) == (
        "requested",
        "想做开箱视频",
        product_id,
    )

    # The merchant approves it (with its cost) and ships it with a tracking number.
    open_account(qtbot, started, MERCHANT)
    started.window.select_page("selection")
    selection.show_product(product_id)  # a merchant is not offered "Request sample…"
    qtbot.waitUntil(lambda: action.product_id == product_id, timeout=WAIT)
    assert action.button.isHidden() and not action.button.isEnabled()
    queue = _queue(qtbot, started, "sample_reviews")
    qtbot.waitUntil(lambda: queue.model.row_of(requested.id) is not None, timeout=WAIT)
    queue.table.selectRow(queue.model.row_of(requested.id) or 0)
    queue.cost.setValue(35.5)
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        queue.approve_button.click()
    queue.state_filter.setCurrentIndex(queue.state_filter.findData("approved"))
    qtbot.waitUntil(lambda: queue.filter.state == "approved" and queue.model.ready
                    and queue.model.row_of(requested.id) is not None, timeout=WAIT)  # fmt: skip
    queue.table.clearSelection()
    queue.table.selectRow(queue.model.row_of(requested.id) or 0)
    queue.ask_ship()
    ship = queue.dialog
    assert isinstance(ship, ShipDialog) and [r.id for r in ship.rows] == [requested.id]
    ship.set_number(0, "SF1234567890")
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        ship.ok.click()

    # Back as the creator: shipped, its tracking number, the content countdown.
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        started.window.demo_switch.trigger()
    page = _samples_page(qtbot, started)
    row = _row(qtbot, page, requested.id, status="shipped", pending=False)
    assert (row.tracking_no, row.cost_fen) == ("SF1234567890", 3_550)
    r = page.model.row_of(row.id) or 0
    cells = [page.model.data(page.model.index(r, c)) for c in range(page.model.columnCount())]
    assert "SF1234567890" in cells
    assert re.fullmatch(r"1[34] days left", cells[DUE_COLUMN]), cells
    assert page.fulfil_button.isEnabled() and page.extend_button.isEnabled()
    assert not page.cancel_button.isEnabled() and "shipped" in page.cancel_button.toolTip()

    # A link that is no link is refused in the dialog; a good one fulfils it on the server.
    page.fulfil_button.click()
    fulfil = page.dialog
    assert isinstance(fulfil, FulfilDialog)
    for bad, said in (("", "Paste the link"), ("channels.weixin.qq.com/v/1", "http://"),
                      ("https://x.com/a b", "no spaces")):  # fmt: skip
        fulfil.url.setText(bad)
        fulfil.ok.click()
        assert fulfil.isVisible() and fulfil.error.isVisible() and said in fulfil.error.text()
    assert _pending(qtbot, started) == 0
    link = "https://channels.weixin.qq.com/sph/abc123"
    fulfil.url.setText(f"  {link} ")
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        fulfil.ok.click()
    done = {s["id"]: s for s in _all(back.url, CREATOR, "/v1/samples")}[requested.id]
    assert (done["status"], done["content_url"], done["tracking_no"]) == (
        "fulfilled",
        link,
        "SF1234567890",
    )
    row = _row(qtbot, page, requested.id, status="fulfilled", pending=False)
    assert not page.fulfil_button.isEnabled() and not page.extend_button.isEnabled()


def test_extension_once_cancel_roi_and_fulfilment_rate(qtbot: QtBot, started: Workbench) -> None:
    server = started.accounts.embedded
    assert server is not None
    page = _samples_page(qtbot, started)
    rows = page.model.loaded_rows()
    assert len(rows) == page.model.count > 0

    # Sales since arrival: each shipped sample against a sum over the server's order lines.
    qtbot.waitUntil(lambda: page.sales is not None, timeout=WAIT)  # background lane
    shipped = [page.with_sales(r) or r for r in rows if r.shipped_at]
    since = min(_when(r.shipped_at or "") for r in shipped) - timedelta(days=1)
    orders = [
        o
        for o in _all(server.url, CREATOR, "/v1/orders")
        if _when(o["created_at"]) >= since and o["status"] not in (10, 250)
    ]
    nonzero = 0
    for row in shipped:
        gmv = commission = 0
        for o in orders:
            if _when(o["created_at"]) < _when(row.shipped_at or ""):
                continue
            for line in o["lines"]:
                if line["product_id"] == row.product_id and line["channel_id"]:
                    gmv += line["paid_fen"] - line["refund_fen"]
                    commission += expected_commission_fen(
                        line["paid_fen"], line["refund_fen"], line["commission_ppm"]
                    )
        assert (row.sales.gmv_fen, row.sales.commission_fen) == (gmv, commission), row
        cells = page.cells(row)
        assert cells[7] == yuan(gmv) and cells[8] == yuan(commission)
        if row.cost_fen:
            assert cells[9] == f"{gmv / row.cost_fen:.1f}×"
        nonzero += gmv > 0
    print(f"{len(shipped)} shipped samples, {nonzero} with sales since they arrived")

    # The fulfilment rate and the rail's count, from the server's samples.
    now = datetime.now(UTC)
    theirs = _all(server.url, CREATOR, "/v1/samples")
    late = [s for s in theirs if s["status"] == "overdue"
            or (s["status"] == "shipped" and _when(s["content_due_at"]) < now)]  # fmt: skip
    fulfilled = [s for s in theirs if s["status"] == "fulfilled"]
    soon = now + timedelta(days=store.DUE_SOON_DAYS)
    action = [s for s in theirs
              if s["status"] in store.OWING and _when(s["content_due_at"]) < soon]  # fmt: skip
    rate = round(100 * len(fulfilled) / (len(fulfilled) + len(late)))
    qtbot.waitUntil(lambda: page.summary_figures is not None, timeout=WAIT)
    assert f"Fulfilment rate: {rate}% —" in page.summary.text()  # "57%", as every rate
    assert f"{len(fulfilled)} of {len(fulfilled) + len(late)}" in page.summary.text()
    assert action
    qtbot.waitUntil(lambda: _rail(started, "samples") == f"Samples ({len(action)})", timeout=WAIT)

    # The timer re-words the countdown as time passes, without reading anything.
    target = next(r for r in rows if r.server_status == "shipped" and not r.extended)
    r = page.model.row_of(target.id) or 0
    held = page.model.windows
    page.tick(_when(target.content_due_at or "") + timedelta(days=2, minutes=1))
    assert page.model.data(page.model.index(r, DUE_COLUMN)) == "2 days late"
    assert page.model.data(page.model.index(r, STATE_COLUMN)) == "Overdue"
    red = page.model.data(page.model.index(r, DUE_COLUMN), Qt.ItemDataRole.ForegroundRole)
    assert red == error_color(page.palette())
    page.tick(_when(target.content_due_at or "") - timedelta(hours=5, minutes=1))
    assert page.model.data(page.model.index(r, DUE_COLUMN)) == "5 hours left"
    assert page.model.windows is held  # the same rows: nothing was read again
    page.tick()

    # The one extension: asked once, then not offered, and refused if asked again.
    row = _row(qtbot, page, target.id)
    assert page.extend_button.isEnabled()
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        page.extend_button.click()
    row = _row(qtbot, page, target.id, extended=True, pending=False)
    assert not page.extend_button.isEnabled()
    assert "already used" in page.extend_button.toolTip()
    page.extend()  # asked again all the same: refused in the page, nothing queued
    assert "already used" in page.message.text() and _pending(qtbot, started) == 0
    extended = {s["id"]: s for s in _all(server.url, CREATOR, "/v1/samples")}[target.id]
    assert extended["extended"] is True
    assert _when(extended["content_due_at"]) - _when(target.content_due_at or "") == timedelta(
        days=7
    )

    # Cancel a request; a shipped one cannot be.
    asked = next(r for r in rows if r.status == "requested")
    _row(qtbot, page, asked.id)
    assert page.cancel_button.isEnabled()
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        page.cancel_button.click()
    _row(qtbot, page, asked.id, status="cancelled", pending=False)
    assert not page.cancel_button.isEnabled()
    gone = {s["id"]: s for s in _all(server.url, CREATOR, "/v1/samples")}[asked.id]
    assert gone["status"] == "cancelled"
