"""A creator's applications (issue 10 item 2) in the whole app, on the real embedded server.

The issue's end-to-end path: the creator applies offline in the Apply dialog (expected rate and
a message; bad input is answered beside its field and queues nothing) → the server comes back
and takes it → the merchant (a second account in the same app, its own cache) approves it in a
batch → the creator's My applications shows it approved with its timeline → "List on
channels…" from there (a channel already listing the product greyed) → the server has the
listings. Also: withdraw (only while pending), and a rejection's reason in the timeline.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.shell.conftest import SYNC_TIMEOUT_MS, open_account
from tests.sync.helpers import account_id_of
from workbench.core.enums import ApplicationStatus, PlanType
from workbench.demo import DEMO_LOGINS
from workbench.server import models as m
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.store import applications as store
from workbench.store import placing, product_detail
from workbench.store.plans import PlanRow, PlanState
from workbench.ui.app import Workbench
from workbench.ui.merchant.reviews_page import ReviewsPage
from workbench.ui.plans.applications import ApplicationsView
from workbench.ui.plans.apply_dialog import ApplyDialog, whole_percent
from workbench.ui.plans.page import PlansPage
from workbench.ui.window_model import select_ids

WAIT = 20_000


def _read(qtbot: QtBot, app: Workbench, job: Any) -> Any:
    found: list[Any] = []
    app.controller.reader.interactive(job, found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=WAIT)
    return found[0]


def _plans(qtbot: QtBot, app: Workbench) -> PlansPage:
    app.window.select_page("plans")
    page = app.window.page("plans")
    assert isinstance(page, PlansPage)
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    return page


def _applications(qtbot: QtBot, page: PlansPage) -> ApplicationsView:
    page.tabs.setCurrentWidget(page.applications)
    view = page.applications
    qtbot.waitUntil(lambda: view.model.ready and view.model.counted, timeout=WAIT)
    return view


def _usable(qtbot: QtBot, app: Workbench, page: PlansPage, merchant_id: str,
            on_mine: bool) -> PlanRow:  # fmt: skip
    """A running general plan of ``merchant_id`` I have not applied to."""
    mine = _read(qtbot, app, lambda cache: store.window(cache, limit=10_000))
    applied = {a.plan_id for a in mine}
    return next(
        p
        for p in page.rows
        if p.merchant_id == merchant_id
        and p.plan_type is PlanType.GENERAL
        and p.state is PlanState.RUNNING
        and p.pending_rate_ppm is None
        and p.id not in applied
        and p.on_my_channels is on_mine
    )


def _select_plan(page: PlansPage, plan_id: str) -> None:
    row = next(r for r, p in enumerate(page.rows) if p.id == plan_id)
    page.table.selectRow(row)
    assert page.selected_id() == plan_id


def _show(qtbot: QtBot, view: ApplicationsView, app_id: str) -> store.ApplicationRow:
    view.select_id(app_id)
    qtbot.waitUntil(lambda: (r := view.selected_row()) is not None and r.id == app_id,
                    timeout=WAIT)  # fmt: skip
    row = view.selected_row()
    assert row is not None and view.timeline.row == row
    return row


def _step(view: ApplicationsView, what: str) -> str:
    labels = [s for s in view.timeline.steps if s.objectName() == f"step-{what}"]
    assert len(labels) == 1, [s.objectName() for s in view.timeline.steps]
    return labels[0].text()


def _pending(qtbot: QtBot, app: Workbench) -> int:
    return int(_read(qtbot, app, lambda cache: cache.pending_count()))


def test_apply_offline_merchant_approves_creator_lists_from_the_timeline(
    qtbot: QtBot, started: Workbench
) -> None:
    server = started.accounts.embedded
    assert server is not None
    merchant_id = account_id_of(server.db, DEMO_LOGINS["merchant"])
    page = _plans(qtbot, started)
    plan = _usable(qtbot, started, page, merchant_id, on_mine=True)
    channels = _read(qtbot, started, product_detail.channels)
    there = _read(qtbot, started, lambda cache: placing.existing_listings(cache, [plan.product_id]))
    listing = {channel for channel, _product in there}
    free = [c for c in channels if c["id"] not in listing and not c["pending"]]
    assert listing and free  # one channel lists the product already, another does not

    # Offline: the server is gone.
    port, url = server.port, server.settings.database_url
    server.stop()
    started.controller._probe.setInterval(100)
    with qtbot.waitSignal(started.controller.stateChanged, check_params_cb=lambda s: s == "offline",
                          timeout=SYNC_TIMEOUT_MS):  # fmt: skip
        started.controller.sync_now()

    _select_plan(page, plan.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the dialog, as a double-click
    dialog = page.dialog
    assert isinstance(dialog, ApplyDialog) and dialog.isVisible()
    assert dialog.rate.value() == whole_percent(plan.rate_ppm)  # the plan's rate, filled in

    # Bad input: said beside the field, nothing queued, the dialog stays.
    before = _pending(qtbot, started)
    dialog.rate.setValue(whole_percent(plan.rate_ppm) + 5)
    dialog.message.setPlainText("长" * 501)
    dialog.ok.click()
    assert dialog.rate_error.isVisible() and dialog.message_error.isVisible()
    assert "501" in dialog.message_error.text() and "500" in dialog.message_error.text()
    assert dialog.isVisible() and _pending(qtbot, started) == before

    dialog.rate.setValue(whole_percent(plan.rate_ppm))
    dialog.message.setPlainText("粉丝 3 万，做过同类目，想合作")
    with qtbot.waitSignal(dialog.applied, timeout=WAIT) as applied:
        dialog.ok.click()
    app_id = str(applied.args[0])
    assert not dialog.isVisible() and _pending(qtbot, started) == before + 1
    assert "My applications" in page.message.text()

    view = _applications(qtbot, page)
    row = _show(qtbot, view, app_id)
    assert row.status is ApplicationStatus.PENDING and row.pending
    assert row.rate_ppm == plan.rate_ppm and row.title == plan.title
    at = view.model.row_of(app_id)
    assert at is not None and "pending sync" in view.model.data(view.model.index(at, 4))
    assert "粉丝 3 万" in view.timeline.message.text()
    assert view.timeline.withdraw_button.isEnabled()
    assert not view.timeline.list_button.isEnabled()  # not approved yet: says why
    assert "approves" in view.timeline.list_button.toolTip()

    # The server comes back and takes the application.
    back = EmbeddedServer(ServerSettings(database_url=url), port=port).start()
    started.accounts.embedded = back
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass  # the probe notices the server and syncs
    assert _pending(qtbot, started) == 0
    with back.db.read() as session:
        sent = session.get(m.Application, app_id)
        assert sent is not None and sent.status == "pending"
        assert sent.message == "粉丝 3 万，做过同类目，想合作"
        assert sent.plan_rate_ppm == plan.rate_ppm

    # The merchant approves it in a batch with another waiting one (its own cache).
    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    started.window.select_page("reviews")
    queue = started.window.page("reviews")
    assert isinstance(queue, ReviewsPage)
    qtbot.waitUntil(lambda: queue.model.ready and queue.model.counted, timeout=WAIT)
    other = next(r.id for r in queue.model.loaded_rows() if r.id != app_id)
    qtbot.waitUntil(lambda: queue.model.row_of(app_id) is not None, timeout=WAIT)
    select_ids(queue.table, queue.model, {app_id, other})
    assert {r.id for r in queue.selected_rows()} == {app_id, other}
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        queue.approve_button.click()
    with back.db.read() as session:
        assert session.get(m.Application, app_id).status == "approved"  # type: ignore[union-attr]

    # Back to the creator: approved, with the timeline's times.
    open_account(qtbot, started, DEMO_LOGINS["creator"])
    page = _plans(qtbot, started)
    view = _applications(qtbot, page)
    view.state_box.setCurrentIndex(view.state_box.findData("approved"))
    qtbot.waitUntil(lambda: view.filter.status is ApplicationStatus.APPROVED
                    and view.model.ready and view.model.counted, timeout=WAIT)  # fmt: skip
    assert all(r.status is ApplicationStatus.APPROVED for r in view.model.loaded_rows())
    row = _show(qtbot, view, app_id)
    assert row.status is ApplicationStatus.APPROVED and not row.pending
    assert [s.what for s in row.timeline] == ["applied", "approved"]
    assert row.created_at and row.decided_at and row.decided_at >= row.created_at
    assert "Approved by the merchant" in _step(view, "approved")
    assert row.decided_at[:4] in _step(view, "approved")  # with its time
    assert not view.timeline.withdraw_button.isEnabled()
    assert "waiting" in view.timeline.withdraw_button.toolTip()
    assert view.timeline.list_button.isEnabled()
    names = {c["id"]: c["name"] for c in channels}
    qtbot.waitUntil(lambda: view.timeline.listed.isVisible(), timeout=WAIT)
    assert all(names[c] in view.timeline.listed.text() for c in listing)  # already on these
    assert names[free[0]["id"]] not in view.timeline.listed.text()

    # List on channels: the channel already listing the product is greyed; tick another.
    view.timeline.list_button.click()
    qtbot.waitUntil(lambda: view.picker is not None and view.picker.isVisible(), timeout=WAIT)
    picker = view.picker
    assert picker is not None
    items = {picker.list.item(i).data(Qt.ItemDataRole.UserRole): picker.list.item(i)
             for i in range(picker.list.count())}  # fmt: skip
    for channel_id in listing:
        assert not items[channel_id].flags() & Qt.ItemFlag.ItemIsEnabled
    chosen = free[0]["id"]
    assert items[chosen].flags() & Qt.ItemFlag.ItemIsEnabled
    picker.check(chosen)
    for channel_id in listing:
        picker.check(channel_id)  # a greyed channel cannot be ticked
    assert picker.chosen() == ([chosen], [])
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        picker.buttons.button(picker.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "sent to the server" in view.message.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: names[chosen] in view.timeline.listed.text(), timeout=WAIT)
    creator_id = account_id_of(back.db, DEMO_LOGINS["creator"])
    with back.db.read() as session:
        live = session.scalars(
            select(m.Listing.channel_id).where(
                m.Listing.creator_id == creator_id,
                m.Listing.product_id == plan.product_id,
                m.Listing.deleted.is_(False),
            )
        ).all()
    assert set(live) == listing | {chosen}


def test_withdraw_only_while_pending_and_a_rejection_reason_in_the_timeline(
    qtbot: QtBot, started: Workbench
) -> None:
    server = started.accounts.embedded
    assert server is not None
    merchant_id = account_id_of(server.db, DEMO_LOGINS["merchant"])
    page = _plans(qtbot, started)
    ids = []
    for _ in range(2):  # two applications, online
        plan = _usable(qtbot, started, page, merchant_id, on_mine=False)
        _select_plan(page, plan.id)
        page.apply_button.click()
        dialog = page.dialog
        assert isinstance(dialog, ApplyDialog)
        with qtbot.waitSignal(dialog.applied, timeout=WAIT) as applied:
            dialog.ok.click()
        ids.append(str(applied.args[0]))
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        started.controller.sync_now()
    assert _pending(qtbot, started) == 0
    withdrawn, rejected = ids

    view = _applications(qtbot, page)
    row = _show(qtbot, view, withdrawn)
    assert row.status is ApplicationStatus.PENDING and view.timeline.withdraw_button.isEnabled()
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        view.timeline.withdraw_button.click()
    qtbot.waitUntil(lambda: (r := view.selected_row()) is not None
                    and r.status is ApplicationStatus.WITHDRAWN and not r.pending,
                    timeout=WAIT)  # fmt: skip
    row = _show(qtbot, view, withdrawn)
    assert [s.what for s in row.timeline] == ["applied", "withdrawn"] and row.withdrawn_at
    assert row.withdrawn_at[:4] in _step(view, "withdrawn")
    assert not view.timeline.withdraw_button.isEnabled()
    assert "waiting" in view.timeline.withdraw_button.toolTip()
    with server.db.read() as session:
        gone = session.get(m.Application, withdrawn)
        assert gone is not None and gone.status == "withdrawn" and gone.withdrawn_at is not None

    # The merchant rejects the other one with a reason; the creator reads it in the timeline.
    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    started.window.select_page("reviews")
    queue = started.window.page("reviews")
    assert isinstance(queue, ReviewsPage)
    qtbot.waitUntil(lambda: queue.model.ready and queue.model.row_of(rejected) is not None,
                    timeout=WAIT)  # fmt: skip
    select_ids(queue.table, queue.model, {rejected})
    queue.ask_reject()
    reason = queue.dialog
    assert reason is not None
    reason.text.setPlainText("粉丝画像与店铺不符")  # type: ignore[attr-defined]
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        reason.ok.click()  # type: ignore[attr-defined]

    open_account(qtbot, started, DEMO_LOGINS["creator"])
    page = _plans(qtbot, started)
    view = _applications(qtbot, page)
    view.state_box.setCurrentIndex(view.state_box.findData("rejected"))
    qtbot.waitUntil(lambda: view.filter.status is ApplicationStatus.REJECTED
                    and view.model.ready and view.model.counted, timeout=WAIT)  # fmt: skip
    row = _show(qtbot, view, rejected)
    assert [s.what for s in row.timeline] == ["applied", "rejected"]
    assert "粉丝画像与店铺不符" in _step(view, "rejected")
    assert row.decided_at is not None and row.decided_at[:4] in _step(view, "rejected")
    assert not view.timeline.list_button.isEnabled()

    # The other filters narrow in SQL: product title, shop, plan type, rate.
    floor = row.rate_ppm // 10_000
    every = _read(qtbot, started, lambda cache: store.window(cache, limit=10_000))
    view.state_box.setCurrentIndex(0)
    view.product_box.setText(row.title[:4])
    qtbot.waitUntil(lambda: view.filter.product == row.title[:4] and view.model.counted,
                    timeout=WAIT)  # fmt: skip
    shown = view.model.loaded_rows()
    assert rejected in {r.id for r in shown}
    assert all(row.title[:4].lower() in r.title.lower() for r in shown)
    assert len(shown) < len(every)
    view.product_box.clear()
    qtbot.waitUntil(lambda: view.shop_box.findData(row.shop_name) > 0, timeout=WAIT)
    view.shop_box.setCurrentIndex(view.shop_box.findData(row.shop_name))
    view.type_box.setCurrentIndex(view.type_box.findData(PlanType.GENERAL.value))
    view.rate_box.setValue(floor)
    qtbot.waitUntil(lambda: view.filter.shop == row.shop_name and view.filter.min_rate_ppm
                    and view.model.counted and not view.product_box.text(), timeout=WAIT)  # fmt: skip
    qtbot.waitUntil(lambda: view.filter == view.current_filter() and view.model.counted,
                    timeout=WAIT)  # fmt: skip
    shown = view.model.loaded_rows()
    assert shown and all(
        r.shop_name == row.shop_name
        and r.plan_type is PlanType.GENERAL
        and r.rate_ppm >= floor * 10_000
        for r in shown
    )
    expected = [
        a.id
        for a in every
        if a.shop_name == row.shop_name
        and a.plan_type is PlanType.GENERAL
        and a.rate_ppm >= floor * 10_000
    ]
    assert [r.id for r in shown] == expected  # the same rows, newest first
