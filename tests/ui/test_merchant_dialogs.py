"""The merchant's small dialogs on real widgets: a cut says the date it is expected to apply (the
server's notice period) and a raise that it is at once; a bad rate, an empty reason, a missing
tracking number or no creator left are said beside the field and the dialog stays open; the
texts follow a switch to zh_CN."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from workbench.core.enums import PlanStatus, PlanType
from workbench.store import merchant_pages as mp
from workbench.store.plan_reviews import CreatorSummary, MerchantPlanRow
from workbench.ui.i18n import Translations
from workbench.ui.merchant.plan_edit_dialogs import CreatorsDialog, RateDialog
from workbench.ui.merchant.review_dialogs import ReasonDialog, ShipDialog
from workbench.ui.merchant.texts import day

PLAN = MerchantPlanRow("plan-1", "p1", "茶叶", PlanType.GENERAL, 200_000, None, None,
                       "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z", PlanStatus.LISTED, 0,
                       False)  # fmt: skip


def _sample(sample_id: str) -> mp.ReviewRow:
    summary = CreatorSummary("creator-abcdef", [], 0, 0, None)
    return mp.ReviewRow(sample_id, "sample", "creator-abcdef", "p1", "茶叶", "approved",
                        "2026-11-01T00:00:00Z", None, "", None, None, False, summary, False)  # fmt: skip


def test_a_cut_says_its_expected_date_and_a_raise_applies_at_once(qtbot: QtBot) -> None:
    dialog = RateDialog(PLAN)
    qtbot.addWidget(dialog)
    dialog.rate.setValue(15)
    assert day(mp.cut_date()) in dialog.effect.text() and "server" in dialog.effect.text()
    dialog.rate.setValue(25)
    assert dialog.effect.text() == "A raise applies at once and drops a pending cut."
    dialog.rate.setValue(12.5)
    dialog.submit()
    assert dialog.error.isVisibleTo(dialog) and "whole percent" in dialog.error.text()
    assert dialog.result() == 0 and dialog.rate_ppm == PLAN.rate_ppm
    dialog.rate.setValue(12)
    dialog.submit()
    assert dialog.result() == 1 and dialog.rate_ppm == 120_000


def test_missing_values_are_said_beside_their_field(qtbot: QtBot) -> None:
    reason = ReasonDialog(3)
    qtbot.addWidget(reason)
    reason.text.setPlainText("   ")
    reason.submit()
    assert reason.error.isVisibleTo(reason) and reason.result() == 0
    reason.text.setPlainText("本月名额已满")
    reason.submit()
    assert reason.result() == 1 and reason.reason == "本月名额已满"

    ship = ShipDialog([_sample("s1"), _sample("s2")])
    qtbot.addWidget(ship)
    ship.set_number(0, "SF123")
    ship.submit()
    assert ship.error.isVisibleTo(ship) and ship.result() == 0 and ship.tracking == {}
    ship.set_number(1, "YT456")
    ship.submit()
    assert ship.tracking == {"s1": "SF123", "s2": "YT456"}

    creators = CreatorsDialog(["c-111111"], [("c-222222", "吃货小胖"), ("c-111111", None)])
    qtbot.addWidget(creators)
    assert [creators.list.item(r).text() for r in range(2)] == ["Creator …111111", "吃货小胖"]
    creators.list.item(0).setCheckState(creators.list.item(1).checkState())  # untick the one
    creators.submit()
    assert creators.error.isVisibleTo(creators) and creators.result() == 0
    creators.list.item(1).setCheckState(creators.list.item(0).checkState().Checked)
    creators.submit()
    assert (creators.add, creators.remove) == (["c-222222"], ["c-111111"])


def test_the_dialogs_follow_a_switch_to_chinese(qtbot: QtBot, translations: Translations) -> None:
    dialog = RateDialog(PLAN)
    qtbot.addWidget(dialog)
    translations.apply("zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "修改佣金率", timeout=5_000)
    assert dialog.ok.text() == "保存（Ctrl+Enter）"
    dialog.rate.setValue(10)
    assert "服务器" in dialog.effect.text() and day(mp.cut_date()) in dialog.effect.text()
