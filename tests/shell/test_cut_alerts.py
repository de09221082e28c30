"""Commission-cut protection and the terms archive in the whole app (issue 10 items 4 and 5), on
the real embedded server whose clock the test holds (a ``ManualClock``):

- the merchant cuts a plan on a product the demo creator lists: the merchant's plans page shows
  the date the cut takes effect (the server's clock + the notice); a raise of another such plan
  applies at once; the creator's bell counts an unread alert naming the listings, which open
  in My channels; once the server's clock passes the notice the new rate is the rate in force;
  the raise made no alert;
- the terms archive survives a cache rebuilt from the server, Verify in the archive window says
  "intact", and after a hand edit of the file names the record; its PDF (read with pypdf)
  carries the plan's Chinese product title, its CSV the records.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench import demo
from workbench.core.enums import PlanType
from workbench.demo import DEMO_LOGINS
from workbench.server.config import ManualClock, ServerSettings
from workbench.store import cut_alerts
from workbench.store import merchant_pages as mp
from workbench.store import plans as store_plans
from workbench.store.terms_archive import FILE_NAME, TermsArchive, canonical
from workbench.sync.session import EMBEDDED
from workbench.ui.accounts import AccountRef
from workbench.ui.app import Workbench
from workbench.ui.merchant.plans_page import MerchantPlansPage
from workbench.ui.plans.alerts import CutAlertsDialog
from workbench.ui.plans.archive_view import TermsArchiveDialog
from workbench.ui.plans.page import PlansPage

WAIT = 20_000
NOTICE_DAYS = 7


def _read(qtbot: QtBot, app: Workbench, fn: Callable[[Any], Any]) -> Any:
    found: list[Any] = []
    app.controller.reader.interactive(fn, found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=WAIT)
    return found[0]


def _open(qtbot: QtBot, app: Workbench, login: str) -> None:
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        app.open_account(AccountRef(EMBEDDED, login))


def _sync(qtbot: QtBot, app: Workbench) -> None:
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        app.controller.sync_now()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime.now(UTC))


@pytest.fixture
def clocked(
    qtbot: QtBot, bench: Workbench, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> Workbench:
    """The app started on an embedded server that tells time by ``clock``."""
    settings = functools.partial(ServerSettings, clock=clock, cut_notice_days=NOTICE_DAYS)
    monkeypatch.setattr(demo, "ServerSettings", settings)
    with qtbot.waitSignal(bench.controller.synced, timeout=SYNC_TIMEOUT_MS):
        bench.start()
    return bench


def test_a_cut_gives_notice_alerts_the_creator_and_applies_after_it(
    qtbot: QtBot, clocked: Workbench, clock: ManualClock
) -> None:
    app, window = clocked, clocked.window
    bell = window.cut_alerts
    qtbot.waitUntil(lambda: window.cut_alerts_action.isVisible(), timeout=WAIT)
    unread_before = _read(qtbot, app, cut_alerts.unread_count)
    qtbot.waitUntil(lambda: bell.unread == unread_before, timeout=WAIT)
    mine = _read(
        qtbot,
        app,
        lambda cache: store_plans.my_plans(
            cache,
            store_plans.PlanFilter(plan_type=PlanType.GENERAL, on_my_channels=True),
            limit=5_000,
        ),
    )
    candidates = {p.id: p for p in mine if p.pending_rate_ppm is None and p.rate_ppm >= 30_000}

    _open(qtbot, app, DEMO_LOGINS["merchant"])
    qtbot.waitUntil(lambda: not window.cut_alerts_action.isVisible(), timeout=WAIT)
    window.select_page("my_plans")
    page = window.page("my_plans")
    assert isinstance(page, MerchantPlansPage)
    owned = _read(qtbot, app, lambda cache: mp.merchant_plans(cache, limit=100_000))
    cut_row, raise_row = [r for r in owned if r.id in candidates][:2]
    cut = cut_row.rate_ppm - 20_000
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        page.change_rate(cut_row, cut)
    with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
        page.change_rate(raise_row, raise_row.rate_ppm + 10_000)
    now = {r.id: r for r in _read(qtbot, app, lambda c: mp.merchant_plans(c, limit=100_000))}
    due = clock() + timedelta(days=NOTICE_DAYS)
    shown = now[cut_row.id]
    assert (shown.rate_ppm, shown.pending_rate_ppm) == (cut_row.rate_ppm, cut)
    assert datetime.fromisoformat(str(shown.pending_at).replace("Z", "+00:00")) == due
    # The merchant's table says the rate and the day it takes effect.
    assert page._cells(shown)[3].endswith(due.astimezone().strftime("%Y-%m-%d")), page._cells(shown)
    raised = now[raise_row.id]
    assert (raised.rate_ppm, raised.pending_rate_ppm) == (raise_row.rate_ppm + 10_000, None)

    _open(qtbot, app, DEMO_LOGINS["creator"])
    qtbot.waitUntil(lambda: window.cut_alerts_action.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: bell.unread == unread_before + 1, timeout=WAIT)  # the raise: none
    assert str(unread_before + 1) in bell.text()
    bell.click()
    dialog = window.cut_alerts_dialog
    assert isinstance(dialog, CutAlertsDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT)
    alert = next(a for a in dialog.rows if a.plan_id == cut_row.id)
    assert not alert.read and alert.state is cut_alerts.AlertState.NOTICE
    assert (alert.old_ppm, alert.new_ppm) == (cut_row.rate_ppm, cut)
    assert alert.listings and not any(a.plan_id == raise_row.id for a in dialog.rows)
    row = dialog.rows.index(alert)
    assert "→" in dialog.table.item(row, 2).text()
    assert due.astimezone().strftime("%Y-%m-%d") in dialog.table.item(row, 3).text()
    dialog.table.selectRow(row)
    assert dialog.listings.count() == len(alert.listings)
    listing = alert.listings[0]

    # Open the listing in My channels: its channel chosen, its row selected; the alert is read.
    dialog.open_selected_listing()
    channels = window.page("channels")
    qtbot.waitUntil(lambda: window.current_page == "channels", timeout=WAIT)
    qtbot.waitUntil(
        lambda: (
            channels.listings.channel is not None
            and channels.listings.channel.id == listing.channel_id
            and bool(channels.listings.selected_rows())
        ),
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: bell.unread == unread_before, timeout=WAIT)

    # Past the notice on the server's clock: the cut is the rate in force.
    clock.advance(days=NOTICE_DAYS, hours=1)
    _sync(qtbot, app)
    plan = _read(qtbot, app, lambda cache: cache.get("plan", cut_row.id))
    assert (plan["rate_ppm"], plan.get("pending_rate_ppm")) == (cut, None)
    qtbot.waitUntil(
        lambda: any(
            a.plan_id == cut_row.id and a.state is cut_alerts.AlertState.IN_FORCE
            for a in dialog.rows
        ),
        timeout=WAIT,
    )
    plans_page = window.page("plans")
    assert isinstance(plans_page, PlansPage)
    rows = _read(qtbot, app, lambda cache: store_plans.my_plans(cache, limit=100_000))
    assert {r.id: r.rate_ppm for r in rows}[cut_row.id] == cut
    # Every rate stays in the plan's commission history, shown under the plans table.
    history = _read(qtbot, app, lambda cache: store_plans.commission_history(cache, cut_row.id))
    assert [h.rate_ppm for h in history][-1] == cut and cut_row.rate_ppm in [
        h.rate_ppm for h in history
    ]
    dialog.mark_all_read()
    qtbot.waitUntil(lambda: bell.unread == 0, timeout=WAIT)


def _tamper(path: Path, seq: int, record: dict[str, Any]) -> None:
    """What someone with the file and a SQLite shell could do."""
    with sqlite3.connect(path) as raw:
        raw.execute("DROP TRIGGER IF EXISTS terms_no_update")
        raw.execute("UPDATE terms SET record = ? WHERE seq = ?", (canonical(record), seq))
    raw.close()


def test_the_archive_survives_a_rebuild_verifies_and_exports_chinese_terms(
    qtbot: QtBot, started: Workbench, tmp_path: Path
) -> None:
    app, window = started, started.window
    window.select_page("plans")
    page = window.page("plans")
    assert isinstance(page, PlansPage)
    qtbot.waitUntil(lambda: page.loaded and bool(page.rows), timeout=WAIT)
    row = next(r for r, p in enumerate(page.rows) if p.invitation)  # not applied to yet
    page.table.selectRow(row)
    plan = page.rows[row]
    qtbot.waitUntil(lambda: page.history.plan_id == plan.id and "%" in page.history.text(),
                    timeout=WAIT)  # fmt: skip
    keeper = window.terms_archive
    page.apply_selected()  # the Apply dialog, filled with the plan's rate
    assert page.dialog is not None
    with qtbot.waitSignal(app.controller.changed, timeout=WAIT):
        page.dialog.ok.click()
    session = app.controller.session
    assert session is not None
    path = session.cache.path
    archive_path = path.with_name(FILE_NAME)

    def archived() -> list[tuple[int, dict[str, Any]]]:
        with TermsArchive(archive_path) as archive:
            return list(archive.records())

    # Once the server confirms the application, the keeper archives its terms.
    qtbot.waitUntil(
        lambda: (
            keeper.kept > 0
            and any(r["plan_id"] == plan.id and r["kind"] == "applied" for _s, r in archived())
        ),
        timeout=SYNC_TIMEOUT_MS,
    )
    before = archived()

    # The cache is damaged and rebuilt from the server: the archive beside it stays whole.
    _open(qtbot, app, DEMO_LOGINS["merchant"])
    qtbot.waitUntil(lambda: not path.with_name(path.name + ".open").exists(), timeout=WAIT)
    path.write_bytes(b"not a database" * 100)
    _open(qtbot, app, DEMO_LOGINS["creator"])
    assert list(path.parent.glob("cache.sqlite3.damaged-*"))
    assert archived()[: len(before)] == before

    window.select_page("plans")
    qtbot.waitUntil(lambda: page.loaded and any(p.id == plan.id for p in page.rows),
                    timeout=WAIT)  # fmt: skip
    page.table.selectRow(next(r for r, p in enumerate(page.rows) if p.id == plan.id))
    page.archive_button.click()
    dialog = page.findChild(TermsArchiveDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded and bool(dialog.shown), timeout=WAIT)
    assert all(r["plan_id"] == plan.id for _s, r, _h in dialog.shown)  # the plan's records
    dialog.run_verify()
    qtbot.waitUntil(lambda: dialog.broken is not None, timeout=WAIT)
    count = len(dialog.records)
    assert dialog.verdict.text().startswith(f"Intact ({count} records)"), dialog.verdict.text()

    # PDF in Chinese: the plan's product title is in the file's text, its CJK font embedded.
    app.translations.apply("zh_CN")
    pdf = tmp_path / "plan.pdf"
    dialog.export_pdf(pdf)
    qtbot.waitUntil(lambda: pdf in dialog.exported, timeout=WAIT)
    assert pdf.read_bytes().startswith(b"%PDF") and b"/FontFile" in pdf.read_bytes()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert " ".join(plan.title.split()) in text, (plan.title, text[:500])
    assert "条款存档" in text and "申请时条款" in text, text[:500]
    csv_path = tmp_path / "plan.csv"
    dialog.export_csv(csv_path)
    qtbot.waitUntil(lambda: csv_path in dialog.exported, timeout=WAIT)
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + len(dialog.shown) and plan.title in lines[1]
    app.translations.apply("en")

    # A hand-edited record: Verify names it, with its plan and when it was seen.
    seq, record = next((s, r) for s, r in before if r["plan_id"] == plan.id)
    _tamper(archive_path, seq, {**record, "rate_ppm": (record["rate_ppm"] or 0) + 100_000})
    dialog.broken = None
    dialog.run_verify()
    qtbot.waitUntil(lambda: dialog.broken is not None, timeout=WAIT)
    said = dialog.verdict.text()
    assert said.startswith(f"Record {seq} was changed (plan {plan.title}, seen at "), said
