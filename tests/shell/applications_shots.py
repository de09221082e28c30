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

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from workbench.core.enums import ApplicationStatus
from workbench.paths import embedded_server_database
from workbench.store.plans import PlanState
from workbench.ui.app import Workbench
from workbench.ui.plans.apply_dialog import ApplyDialog, whole_percent
from workbench.ui.theme import apply_theme
from workbench.ui.window_model import select_ids

COMBOS = [("zh_CN", "light"), ("zh_CN", "dark"), ("en", "light"), ("en", "dark")]
SIZE = (1200, 780)
REPAINT_MS = 800


def main(out: Path, seeded: Path, qm_dir: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeded, Path(embedded_server_database().removeprefix("sqlite:///")))
    app = QApplication(sys.argv[:1])
    bench = Workbench(app, demo_products=800)
    bench.translations.directory = qm_dir
    failures: list[str] = []
    window = bench.window
    page: Any = None

    def shoot_all(prefix: str, combos: list[tuple[str, str]], then: Callable[[], None],
                  widget: QWidget | None = None) -> None:  # fmt: skip
        def shoot(index: int) -> None:
            if index == len(combos):
                then()
                return
            language, theme = combos[index]
            bench.translations.apply(language)
            apply_theme(app, theme)

            def grab() -> None:
                if widget is not None:
                    image = widget.grab().toImage()
                else:
                    frame = window.frameGeometry()
                    image = (
                        window.screen()
                        .grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
                        .toImage()
                    )
                if not image.save(str(out / f"{prefix}-{language}-{theme}.png")):
                    failures.append(f"could not save {prefix}")
                shoot(index + 1)

            QTimer.singleShot(REPAINT_MS, grab)

        shoot(0)

    def wait_for(ready: Callable[[], bool], then: Callable[[], None], tries: int = 0) -> None:
        if ready():
            QTimer.singleShot(400, then)
        elif tries > 600:
            failures.append("timed out waiting")
            app.quit()
        else:
            QTimer.singleShot(50, lambda: wait_for(ready, then, tries + 1))

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
        shoot_all("applications", COMBOS, approved)

    def approved() -> None:
        select_first(ApplicationStatus.APPROVED)
        shoot_all("applications-approved", [("zh_CN", "light"), ("en", "light")], dialog)

    def dialog() -> None:
        page.tabs.setCurrentWidget(page.plans_view)
        wait_for(
            lambda: page.loaded and bool(page.rows),
            lambda: shoot_all("plans-tab", [("zh_CN", "light")], open_dialog),
        )

    def open_dialog() -> None:
        plan = next(r for r in page.rows if r.state is PlanState.RUNNING)
        apply = ApplyDialog(bench.controller, plan, window)
        apply.rate.setValue(whole_percent(plan.rate_ppm) + 5)
        apply.message.setPlainText("粉丝 3 万，做过同类目。" * 40)
        apply.show()
        apply.ok.click()  # the errors beside the fields; nothing is queued
        shoot_all("applydialog", COMBOS, app.quit, apply)

    def first_sync(_summary: Any) -> None:
        bench.controller.synced.disconnect(first_sync)
        QTimer.singleShot(300, applications)

    bench.controller.synced.connect(first_sync)
    bench.accounts.failed.connect(lambda _r, exc: (failures.append(repr(exc)), app.quit()))
    QTimer.singleShot(200_000, lambda: (failures.append("timed out"), app.quit()))
    window.resize(*SIZE)
    bench.start()
    app.exec()
    bench.shutdown()
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
