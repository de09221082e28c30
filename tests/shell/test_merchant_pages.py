"""The merchant's pages (issue 10 items 6-7) in the whole app, on the real embedded server.

A plan that breaks a platform rule is refused in the create dialog before anything is queued,
with the rule's message beside the field, and the same payload sent raw gets the same code; a
batch approval made offline reaches the server once the server is back, each application
approved once; merchant_b's pages hold none of merchant_demo's plans or applications; a creator's
rail has none of these pages and a page built for a merchant empties for a creator; a rejection
with its reason and shipped samples with their tracking numbers reach the server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.shell.conftest import SYNC_TIMEOUT_MS, open_account
from workbench.core.enums import PlanType, Role
from workbench.core.ids import uuid7
from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server import models as m
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.store import merchant_pages as mp
from workbench.ui.app import Workbench
from workbench.ui.merchant.plan_dialogs import CreatePlansDialog
from workbench.ui.merchant.plans_page import MerchantPlansPage, is_live
from workbench.ui.merchant.review_dialogs import ReasonDialog, ShipDialog
from workbench.ui.merchant.reviews_page import ReviewsPage
from workbench.ui.merchant.texts import rule_text
from workbench.ui.pages.registry import Audience, pages_for

WAIT = 20_000
MERCHANT_PAGES = {"my_plans", "reviews", "sample_reviews"}


def _plans_page(qtbot: QtBot, app: Workbench) -> MerchantPlansPage:
    app.window.select_page("my_plans")
    page = app.window.page("my_plans")
    assert isinstance(page, MerchantPlansPage)
    qtbot.waitUntil(lambda: page.model.ready and page.model.counted, timeout=WAIT)
    return page


def _queue(qtbot: QtBot, app: Workbench, page_id: str = "reviews") -> ReviewsPage:
    app.window.select_page(page_id)
    page = app.window.page(page_id)
    assert isinstance(page, ReviewsPage)
    qtbot.waitUntil(lambda: page.model.ready and page.model.counted, timeout=WAIT)
    return page


def _api(url: str, login: str) -> tuple[httpx.Client, dict[str, str]]:
    http = httpx.Client(base_url=url)
    token = http.post("/v1/auth/login", json={"login": login, "password": DEMO_PASSWORD})
    return http, {"Authorization": f"Bearer {token.json()['access_token']}"}


def _all(url: str, login: str, path: str) -> list[dict[str, Any]]:
    http, headers = _api(url, login)
    items: list[dict[str, Any]] = []
    after = None
    try:
        while True:
            params: dict[str, Any] = {"limit": 500, **({"after": after} if after else {})}
            page = http.get(path, params=params, headers=headers).json()
            items += page["items"]
            after = page.get("next_after")
            if not after:
                return items
    finally:
        http.close()


def _rail(app: Workbench, page_id: str) -> str:
    nav = app.window.nav
    rows = [nav.item(r) for r in range(nav.count())]
    return next(i.text() for i in rows if i.data(Qt.ItemDataRole.UserRole) == page_id)


def _pending(qtbot: QtBot, app: Workbench) -> int:
    found: list[int] = []
    app.controller.reader.interactive(lambda cache: cache.pending_count(), found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=WAIT)
    return found[0]


def test_a_rule_breaking_plan_is_refused_in_the_app_with_the_servers_code(
    qtbot: QtBot, started: Workbench
) -> None:
    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    page = _plans_page(qtbot, started)
    assert page.model.count > 0
    general = next(
        row
        for row in page.model.loaded_rows()
        if row.plan_type is PlanType.GENERAL and is_live(row)
    )
    before = _pending(qtbot, started)
    page.open_create()
    dialog = page.dialog
    assert isinstance(dialog, CreatePlansDialog)
    dialog.set_products([general.product_id], {general.product_id: general.title})
    dialog.plan_type.setCurrentIndex(dialog.plan_type.findData(PlanType.GENERAL.value))
    dialog.rate.setValue(20)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.products_error.isVisible(), timeout=WAIT)
    duplicate = rule_text("duplicate_general_plan")
    assert (
        duplicate in dialog.products_error.text() and general.title in dialog.products_error.text()
    )
    assert not dialog.rate_error.isVisible()
    # A rate in tenths of a percent: refused beside the rate (the coexistence rule stays).
    dialog.rate.setValue(12.5)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.rate_error.isVisible(), timeout=WAIT)
    assert dialog.rate_error.text() == rule_text("rate_out_of_range")
    assert dialog.isVisible() and dialog.created == []
    assert _pending(qtbot, started) == before  # nothing queued

    # The same payloads sent raw: the server answers the codes the app showed.
    server = started.accounts.embedded
    assert server is not None
    http, headers = _api(server.url, DEMO_LOGINS["merchant"])
    begin = datetime.now(UTC)
    try:
        for rate_ppm, code in ((200_000, "duplicate_general_plan"), (125_000, "rate_out_of_range")):
            draft = mp.Draft(
                PlanType.GENERAL, rate_ppm, begin, begin + timedelta(days=30), (general.product_id,)
            )
            plan_id = uuid7()
            mutation = {"seq": 1, "id": uuid7(), "type": "plan.create", "entity_id": plan_id,
                        "payload": draft.payload([plan_id])}  # fmt: skip
            body = {"device_id": uuid7(), "mutations": [mutation]}
            answer = http.post("/v1/sync/mutations", json=body, headers=headers)
            assert answer.status_code == 200, answer.text
            result = answer.json()["results"][0]
            assert (result["status"], result["code"]) == ("rejected", code), result
    finally:
        http.close()


def test_batch_approve_offline_then_the_server_has_each_approved_once(
    qtbot: QtBot, started: Workbench
) -> None:
    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    page = _queue(qtbot, started)
    count = page.model.count
    assert count >= 30
    qtbot.waitUntil(lambda: _rail(started, "reviews") == f"Reviews ({count})", timeout=WAIT)
    server = started.accounts.embedded
    assert server is not None
    port, url = server.port, server.settings.database_url
    versions = {
        a["id"]: a["version"] for a in _all(server.url, DEMO_LOGINS["merchant"], "/v1/applications")
    }
    server.stop()
    started.controller._probe.setInterval(100)
    with qtbot.waitSignal(started.controller.stateChanged, check_params_cb=lambda s: s == "offline",
                          timeout=SYNC_TIMEOUT_MS):  # fmt: skip
        started.controller.sync_now()

    page.table.selectAll()
    ids = [row.id for row in page.selected_rows()]
    assert len(ids) == count
    with qtbot.waitSignal(started.controller.edited, timeout=WAIT):
        page.approve_button.click()
    qtbot.waitUntil(lambda: page.model.counted and page.model.count == 0, timeout=WAIT)
    assert page.state.isVisible() and "Nothing waits for you" in page.state.text()
    qtbot.waitUntil(lambda: str(count) in page.message.text(), timeout=WAIT)
    assert _pending(qtbot, started) == count
    qtbot.waitUntil(lambda: _rail(started, "reviews") == "Reviews", timeout=WAIT)  # none waits

    back = EmbeddedServer(ServerSettings(database_url=url), port=port).start()
    started.accounts.embedded = back
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        pass  # the probe notices the server and syncs
    assert _pending(qtbot, started) == 0
    seen = {a["id"]: a for a in _all(back.url, DEMO_LOGINS["merchant"], "/v1/applications")}
    for app_id in ids:
        assert seen[app_id]["status"] == "approved", seen[app_id]
    for app_id in ids:
        assert seen[app_id]["version"] == versions[app_id] + 1, seen[app_id]  # changed once
    with back.db.read() as session:
        results = session.scalars(select(m.MutationRecord.result)).all()
    decided = [r.get("entity_id") for r in results if r.get("entity_id") in set(ids)]
    assert sorted(decided) == sorted(ids)  # one review each, none twice


def test_merchant_b_sees_none_of_merchant_demos_plans_or_applications(
    qtbot: QtBot, started: Workbench
) -> None:
    server = started.accounts.embedded
    assert server is not None
    demo_plans = {p["id"] for p in _all(server.url, DEMO_LOGINS["merchant"], "/v1/plans")}
    demo_apps = {a["id"] for a in _all(server.url, DEMO_LOGINS["merchant"], "/v1/applications")}
    assert demo_plans and demo_apps
    open_account(qtbot, started, DEMO_LOGINS["merchant_b"])
    plans = _plans_page(qtbot, started)
    queue = _queue(qtbot, started)
    queue.state_filter.setCurrentIndex(queue.state_filter.findData("all"))
    qtbot.waitUntil(lambda: queue.model.counted and queue.filter.state == "all", timeout=WAIT)
    shown_plans = {row.id for row in plans.model.loaded_rows()}
    shown_apps = {row.id for row in queue.model.loaded_rows()}
    assert not shown_plans & demo_plans
    assert not shown_apps & demo_apps
    own = {p["id"] for p in _all(server.url, DEMO_LOGINS["merchant_b"], "/v1/plans")}
    assert shown_plans <= own and plans.model.count == len(own)


def test_a_creator_never_sees_the_merchant_pages(qtbot: QtBot, started: Workbench) -> None:
    for identity_audience in (Audience(Role.CREATOR), Audience(Role.CREATOR, None)):
        assert not {s.id for s in pages_for(identity_audience)} & MERCHANT_PAGES
    assert {s.id for s in pages_for(Audience(Role.MERCHANT))} >= MERCHANT_PAGES
    window = started.window
    assert not set(window.visible_pages()) & MERCHANT_PAGES  # the demo creator
    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    page = _queue(qtbot, started)
    assert page.model.count > 0
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        window.demo_switch.trigger()  # back to the demo creator
    assert started.controller.session.account.role is Role.CREATOR  # type: ignore[union-attr]
    assert not set(window.visible_pages()) & MERCHANT_PAGES
    window.select_page("reviews")
    assert window.current_page == "selection"
    assert page.model.count == 0 and not page.model.loaded_rows()
    assert page.state.text() == "Reviews are a merchant's page."


def test_reject_with_a_reason_and_ship_samples_reach_the_server(
    qtbot: QtBot, started: Workbench
) -> None:
    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    queue = _queue(qtbot, started)
    queue.table.selectRow(0)
    rejected = [row.id for row in queue.selected_rows()]
    queue.ask_reject()
    reason = queue.dialog
    assert isinstance(reason, ReasonDialog)
    reason.ok.click()  # no reason: said beside the field, nothing queued
    assert reason.error.isVisible() and reason.isVisible()
    reason.text.setPlainText("本月名额已满")
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        reason.ok.click()

    samples = _queue(qtbot, started, "sample_reviews")
    samples.state_filter.setCurrentIndex(samples.state_filter.findData("approved"))
    qtbot.waitUntil(
        lambda: samples.filter.state == "approved" and samples.model.counted, timeout=WAIT
    )
    assert samples.model.count > 0
    samples.table.selectAll()
    shipping = [row.id for row in samples.selected_rows()]
    samples.ask_ship()
    ship = samples.dialog
    assert isinstance(ship, ShipDialog)
    for row in range(len(shipping)):
        ship.set_number(row, f"SF{row:010d}")
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        ship.ok.click()
    qtbot.waitUntil(lambda: samples.model.counted and samples.model.count == 0, timeout=WAIT)

    server = started.accounts.embedded
    assert server is not None
    apps = {a["id"]: a for a in _all(server.url, DEMO_LOGINS["merchant"], "/v1/applications")}
    assert [(apps[i]["status"], apps[i]["reason"]) for i in rejected] == [
        ("rejected", "本月名额已满")
    ]
    sent = {s["id"]: s for s in _all(server.url, DEMO_LOGINS["merchant"], "/v1/samples")}
    for row, sample_id in enumerate(shipping):
        assert (sent[sample_id]["status"], sent[sample_id]["tracking_no"]) == (
            "shipped",
            f"SF{row:010d}",
        )


def test_the_review_queues_and_a_plans_creators_name_each_creator(
    qtbot: QtBot, started: Workbench
) -> None:
    """Issue 10: the creator's summary starts with their name, as the server's profile says."""
    server = started.accounts.embedded
    assert server is not None
    names = {
        c["id"]: c["display_name"]
        for c in _all(server.url, DEMO_LOGINS["merchant"], "/v1/creators")
    }
    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    for page_id in ("reviews", "sample_reviews"):
        queue = _queue(qtbot, started, page_id)
        queue.state_filter.setCurrentIndex(queue.state_filter.findData("all"))
        qtbot.waitUntil(lambda q=queue: q.model.counted and q.filter.state == "all", timeout=WAIT)
        rows = queue.model.loaded_rows()
        assert rows, page_id
        shown = [queue.model.index(r, 0).data() for r in range(len(rows))]
        assert shown == [names[row.creator_id] for row in rows], page_id
        assert not any(text.startswith(("Creator", "带货者")) for text in shown)
    plans = _plans_page(qtbot, started)
    rows = plans.model.loaded_rows()
    at = next(r for r, row in enumerate(rows) if row.creators)  # a targeted plan: 带货渠道 too
    plans.table.selectRow(at)
    panel = plans.detail_panel.creators
    qtbot.waitUntil(lambda: panel.rowCount() == rows[at].creators, timeout=WAIT)
    for r in range(panel.rowCount()):
        assert panel.item(r, 0).text() == names[panel.item(r, 0).toolTip()]


def test_a_renamed_creator_shows_under_the_new_name_after_the_next_sync(
    qtbot: QtBot, started: Workbench
) -> None:
    """A profile-only change (nothing else in the sync) re-reads the queue's names."""
    from workbench.paths import embedded_server_database
    from workbench.server.creator_links import republish
    from workbench.server.db import Database

    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    queue = _queue(qtbot, started)
    first = queue.model.loaded_rows()[0]
    db = Database(embedded_server_database())
    try:
        with db.write() as s:
            creator = s.get(m.Account, first.creator_id)
            assert creator is not None
            creator.display_name = "改名后的达人"
            creator.version += 1
            republish(s, creator)
    finally:
        db.dispose()
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        started.controller.sync_now()
    qtbot.waitUntil(lambda: queue.model.index(0, 0).data() == "改名后的达人", timeout=WAIT)


def test_a_plan_without_orders_says_so_instead_of_an_empty_table(
    qtbot: QtBot, started: Workbench
) -> None:
    """My plans: a plan that sold nothing shows one translated line where its sales table
    would be (and where its creators table would be, when it has none); a plan with sales
    shows its tables."""
    open_account(qtbot, started, DEMO_LOGINS["merchant"])
    plans = _plans_page(qtbot, started)
    rows = plans.model.loaded_rows()
    details: list[list[mp.PlanDetail | None]] = []
    started.controller.reader.background(
        lambda cache: [mp.plan_detail(cache, row.id) for row in rows], details.append
    )
    qtbot.waitUntil(lambda: bool(details), timeout=WAIT)
    found = dict(zip([row.id for row in rows], details[0], strict=True))
    quiet = next(r for r, row in enumerate(rows) if not found[row.id].sales_by_kind)  # type: ignore[union-attr]
    sold = next(r for r, row in enumerate(rows) if found[row.id].sales_by_kind)  # type: ignore[union-attr]
    panel = plans.detail_panel
    plans.table.selectRow(quiet)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.plan_id == rows[quiet].id)
    assert panel.sales_box.saying() == "No sales on this plan yet."
    detail = panel.detail
    assert detail is not None
    if detail.creators:
        assert panel.creators_box.saying() == ""
    elif detail.plan_type is PlanType.GENERAL:
        assert (
            panel.creators_box.saying() == "No creator has sold this product since the plan began."
        )
    else:
        assert panel.creators_box.saying() == (
            "No creators on this plan yet: add some with Creators… (Ctrl+E)."
        )
    started.translations.apply("zh_CN")  # the line follows a language switch
    try:
        qtbot.waitUntil(lambda: panel.sales_box.saying() == "这个计划还没有销售。", timeout=WAIT)
    finally:
        started.translations.apply("en")
    qtbot.waitUntil(lambda: panel.sales_box.saying() == "No sales on this plan yet.", timeout=WAIT)
    plans.table.selectRow(sold)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.plan_id == rows[sold].id)
    assert panel.sales_box.saying() == "" and panel.sales_box.currentWidget() is panel.sales
    assert panel.sales.rowCount() == len(found[rows[sold].id].sales_by_kind)  # type: ignore[union-attr]
