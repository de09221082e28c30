"""The creator's Plans page (推广计划) in the whole app, on the real embedded server:
invitations first and counted (on the page and beside the page's name in the rail), a filter
narrows in SQL, "Apply…" (a dialog) queues an application that shows at once; a merchant has My plans instead."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.core.enums import PlanType
from workbench.demo import DEMO_LOGINS
from workbench.sync.session import EMBEDDED
from workbench.ui.accounts import AccountRef
from workbench.ui.app import Workbench
from workbench.ui.plans.apply_dialog import ApplyDialog
from workbench.ui.plans.page import PlansPage

WAIT = 20_000


def _rail_text(app: Workbench, page_id: str) -> str:
    nav = app.window.nav
    return next(
        nav.item(i).text() for i in range(nav.count()) if nav.item(i).data(0x0100) == page_id
    )


def test_invitations_first_filter_and_apply(qtbot: QtBot, started: Workbench) -> None:
    started.window.select_page("plans")
    page = started.window.page("plans")
    assert isinstance(page, PlansPage)
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    assert page.invitations > 0 and page.rows
    assert [r.invitation for r in page.rows[: page.invitations]] == [True] * page.invitations
    assert str(page.invitations) in page.invited.text()
    qtbot.waitUntil(lambda: f"({page.invitations})" in _rail_text(started, "plans"), timeout=WAIT)

    page.type_box.setCurrentIndex(page.type_box.findData(PlanType.GENERAL))
    qtbot.waitUntil(lambda: all(r.plan_type is PlanType.GENERAL for r in page.rows), timeout=WAIT)
    assert page.rows and page.table.rowCount() == len(page.rows)
    assert page.table_box.saying() == ""  # rows: the table
    page.rate_box.setValue(90)  # no plan pays that: one line instead of an empty table
    qtbot.waitUntil(lambda: not page.rows, timeout=WAIT)
    assert page.table_box.saying() == (
        "No plans pass these filters. Lower the rate or clear a filter."
    )
    page.rate_box.setValue(0)
    qtbot.waitUntil(lambda: bool(page.rows), timeout=WAIT)
    assert page.table_box.saying() == ""
    page.type_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.rows and page.rows[0].invitation, timeout=WAIT)

    before = page.invitations
    page.table.selectRow(0)
    assert page.apply_button.isEnabled()
    page.apply_selected()  # asks for the expected rate and a message first
    dialog = page.dialog
    assert isinstance(dialog, ApplyDialog)
    with qtbot.waitSignal(started.controller.changed, timeout=WAIT):
        dialog.ok.click()
    qtbot.waitUntil(lambda: page.invitations == before - 1, timeout=WAIT)
    qtbot.waitUntil(lambda: f"({before - 1})" in _rail_text(started, "plans") or before == 1,
                    timeout=WAIT)  # fmt: skip
    assert page.message.text()
    # The terms archive beside the cache took in what I applied under (after the push's sync).
    keeper = started.window.terms_archive
    qtbot.waitUntil(lambda: keeper.kept > 0, timeout=WAIT)

    # A merchant sees its own text here, and no count in the rail.
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        started.open_account(AccountRef(EMBEDDED, DEMO_LOGINS["merchant"]))
    # (its rail has My plans instead; the built creator page shows the merchant's text)
    nav = started.window.nav

    def rail() -> list[str]:
        return [nav.item(i).data(0x0100) for i in range(nav.count())]

    qtbot.waitUntil(lambda: "my_plans" in rail(), timeout=WAIT)
    assert "plans" not in rail()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.merchant_view, timeout=WAIT)
