"""Screenshots of the creator's My applications (Plans page tab) under Xvfb at the default window.

    xvfb-run -a python -m tests.shell.applications_shots OUT_DIR SEEDED_SERVER_DB QM_DIR

Starts the real app on a copy of a seeded demo, waits for the first sync, opens Plans → My
applications with a rejected application's timeline open (its reason shown) and grabs
``applications-<lang>-<theme>.png`` for zh_CN / en × light / dark; then an approved one as
``applications-approved-<lang>-light.png``, the Plans tab as ``plans-tab-zh_CN-light.png``, and
the Apply dialog with a bad rate and a long
message as ``applydialog-<lang>-<theme>.png`` (the dialog alone).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.shell.shots import Shots, main_of
from workbench.core.enums import ApplicationStatus
from workbench.store.plans import PlanState
from workbench.ui.plans.apply_dialog import ApplyDialog, whole_percent
from workbench.ui.window_model import select_ids


def main(out: Path, seeded: Path, qm_dir: Path) -> int:
    shots = Shots(out, seeded, qm_dir)
    app, bench, window, failures = shots.app, shots.bench, shots.window, shots.failures
    shoot_all, wait_for = shots.shoot_all, shots.wait_for
    page: Any = None

    def select_first(status: ApplicationStatus) -> bool:
        view = page.applications
        row = next((r for r in view.model.loaded_rows() if r.status is status), None)
        if row is None:
            failures.append(f"no {status} application to show")
            return False
        select_ids(view.table, view.model, {row.id})
        return True

    def applications() -> None:
        nonlocal page
        window.select_page("plans")
        page = window.page("plans")
        page.tabs.setCurrentWidget(page.applications)
        view = page.applications
        wait_for(lambda: view.model.ready and view.model.counted, rejected)

    def rejected() -> None:
        if not select_first(ApplicationStatus.REJECTED):
            app.quit()
            return
        shoot_all("applications", approved)

    def approved() -> None:
        select_first(ApplicationStatus.APPROVED)
        shoot_all("applications-approved", dialog, combos=[("zh_CN", "light"), ("en", "light")])

    def dialog() -> None:
        page.tabs.setCurrentWidget(page.plans_view)
        wait_for(
            lambda: page.loaded and bool(page.rows),
            lambda: shoot_all("plans-tab", open_dialog, combos=[("zh_CN", "light")]),
        )

    def open_dialog() -> None:
        plan = next(r for r in page.rows if r.state is PlanState.RUNNING)
        apply = ApplyDialog(bench.controller, plan, window)
        apply.rate.setValue(whole_percent(plan.rate_ppm) + 5)
        apply.message.setPlainText("粉丝 3 万，做过同类目。" * 40)
        apply.show()
        apply.ok.click()  # the errors beside the fields; nothing is queued
        shoot_all("applydialog", app.quit, widget=apply)

    return shots.run(applications)


if __name__ == "__main__":
    main_of(main)
