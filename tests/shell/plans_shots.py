"""Screenshots of the creator's Plans page (推广计划) under Xvfb at the default window.

    xvfb-run -a python -m tests.shell.plans_shots OUT_DIR SEEDED_SERVER_DB QM_DIR

Starts the real app on a copy of a seeded demo, waits for the first sync, opens the Plans page
and grabs ``plans-<lang>-<theme>.png`` for zh_CN / en × light / dark, then general plans only
with the first announced cut selected as ``plans-filtered-<lang>-light.png``.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from workbench.core.enums import PlanType
from workbench.paths import embedded_server_database
from workbench.ui.app import Workbench
from workbench.ui.theme import apply_theme

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

    def shoot_all(prefix: str, combos: list[tuple[str, str]], then: Callable[[], None]) -> None:
        def shoot(index: int) -> None:
            if index == len(combos):
                then()
                return
            language, theme = combos[index]
            bench.translations.apply(language)
            apply_theme(app, theme)

            def grab() -> None:
                frame = window.frameGeometry()
                image = window.screen().grabWindow(
                    0, frame.x(), frame.y(), frame.width(), frame.height()
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

    def plans() -> None:
        nonlocal page
        window.select_page("plans")
        page = window.page("plans")
        wait_for(
            lambda: page.loaded and bool(page.rows), lambda: shoot_all("plans", COMBOS, filtered)
        )

    def filtered() -> None:
        # General plans, the first one with an announced cut selected and scrolled to.
        page.type_box.setCurrentIndex(page.type_box.findData(PlanType.GENERAL))
        wait_for(
            lambda: bool(page.rows) and all(r.plan_type is PlanType.GENERAL for r in page.rows),
            show_cut,
        )

    def show_cut() -> None:
        row = next((n for n, r in enumerate(page.rows) if r.pending_rate_ppm is not None), 0)
        page.table.selectRow(row)
        page.table.scrollToItem(page.table.item(row, 0))
        shoot_all("plans-filtered", [("zh_CN", "light"), ("en", "light")], app.quit)

    def first_sync(_summary: Any) -> None:
        bench.controller.synced.disconnect(first_sync)
        QTimer.singleShot(300, plans)

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
