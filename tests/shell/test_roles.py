"""Pages and actions follow the account's role and identity, on the real app with each demo account.

A creator's rail has the selection center and My channels; a merchant's has its plans, reviews,
samples and analytics, and its selection center offers no creator action (add to channels,
favourites, saved filters). A 视频号带货者 (creator_legacy) may only add 视频号 channels: the other
kinds are in the list, disabled, with the reason as their tooltip. The demo switch offers the
other demo role, never the one already open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.core.enums import ChannelKind
from workbench.demo import DEMO_LOGINS
from workbench.sync.session import EMBEDDED
from workbench.ui.accounts import AccountRef
from workbench.ui.app import Workbench
from workbench.ui.selection.channel_picker import ChannelPicker
from workbench.ui.selection.page import SelectionPage

CREATOR_RAIL = ["selection", "channels", "plans", "samples", "analytics", "settings"]
MERCHANT_RAIL = ["selection", "my_plans", "reviews", "sample_reviews", "analytics", "settings"]
VIDEO_KINDS = {ChannelKind.SHOWCASE, ChannelKind.LIVE, ChannelKind.SHORT_VIDEO}


def _open(qtbot: QtBot, app: Workbench, login: str) -> None:
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        app.open_account(AccountRef(EMBEDDED, login))
    session = app.controller.session
    assert session is not None and session.account.login == login


def _picker(qtbot: QtBot, page: SelectionPage) -> ChannelPicker:
    page.batch.picker = None  # type: ignore[assignment]
    page.add_to_channels(["any-product"])
    qtbot.waitUntil(lambda: getattr(page.batch, "picker", None) is not None, timeout=20_000)
    picker: ChannelPicker = page.batch.picker
    return picker


def _kinds(picker: ChannelPicker) -> dict[str, tuple[bool, str]]:
    model = picker.kind.model()
    assert isinstance(model, QStandardItemModel)
    return {
        str(picker.kind.itemData(row)): (
            model.item(row).isEnabled(),
            str(picker.kind.itemData(row, Qt.ItemDataRole.ToolTipRole) or ""),
        )
        for row in range(picker.kind.count())
    }


def test_each_demo_account_gets_its_pages_and_actions(qtbot: QtBot, started: Workbench) -> None:
    window = started.window
    page = window.ensure_selection_page()
    for login in DEMO_LOGINS.values():
        if started.controller.session.account.login != login:  # type: ignore[union-attr]
            _open(qtbot, started, login)
        merchant = login.startswith("merchant")
        assert window.visible_pages() == (MERCHANT_RAIL if merchant else CREATOR_RAIL), login
        for creator_action in (page.add_button, page.favourite_button, page.filter_bar.favourites,
                               page.filter_bar.saved_button, page.detail.add_button,
                               page.sample_request.button, page.detail.channels_title,
                               page.detail.channels):  # fmt: skip
            assert creator_action.isHidden() is merchant, (login, creator_action)
        expected_switch = "creator" if merchant else "merchant"
        assert window.demo_switch.text() == f"Switch to the demo {expected_switch}", login
        assert window.demo_switch_target() == DEMO_LOGINS[expected_switch]
        if merchant:
            page.add_to_channels(["any-product"])  # the shortcut's path: nothing is offered
            qtbot.wait(200)
            assert not page.findChildren(ChannelPicker), login
            continue
        kinds = _kinds(_picker(qtbot, page))
        assert len(kinds) == len(ChannelKind)
        legacy = login == DEMO_LOGINS["creator_legacy"]
        for kind in ChannelKind:
            enabled, tip = kinds[kind.value]
            assert enabled is (kind in VIDEO_KINDS or not legacy), (login, kind)
            assert ("upgrade" in tip) is (not enabled), (login, kind, tip)
        page.batch.picker.reject()


def test_merchant_pages_replace_the_creators_and_a_missing_page_falls_back(
    qtbot: QtBot, started: Workbench
) -> None:
    window = started.window
    window.select_page("channels")
    assert window.current_page == "channels"
    _open(qtbot, started, DEMO_LOGINS["merchant"])
    assert window.current_page == "selection"  # the merchant has no channels page
    window.select_page("reviews")
    assert window.current_page == "reviews"
    reviews = window.pages.currentWidget()
    assert reviews is window.page_widgets["reviews"]
    assert reviews.title.text() == "Applications to review"  # type: ignore[attr-defined]
    assert window.nav.item(1).text() == "My plans"
    with qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS):
        window.demo_switch.trigger()  # back to the demo creator
    assert started.controller.session.account.login == DEMO_LOGINS["creator"]  # type: ignore[union-attr]
    assert window.visible_pages() == CREATOR_RAIL
    assert window.current_page == "selection"
    assert "sample_reviews" not in window.page_widgets  # never visited: never built
