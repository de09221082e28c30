"""Screenshots of the commission-cut alerts and the terms archive under Xvfb:

    xvfb-run -a python -m tests.shell.cut_alerts_shots OUT_DIR SEEDED_SERVER_DB QM_DIR

Starts the real app on a copy of a seeded demo and waits for the first sync; the demo creator
lists products whose plans have a cut under notice, so the bell counts them. For zh_CN / en ×
light / dark it grabs ``bell-*`` (the window at 1200×780 on the Plans page: the bell with its
count, a plan selected with its commission history under the table), ``alerts-*`` (the list
of cuts, one selected with its listings) and ``archive-*`` (the terms archive after Verify).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from workbench.paths import embedded_server_database
from workbench.ui.app import Workbench
from workbench.ui.plans.archive_view import TermsArchiveDialog
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
    state: dict[str, Any] = {}

    def shoot_all(prefix: str, then: Callable[[], None],
                  target: Callable[[], QWidget] = lambda: window) -> None:  # fmt: skip
        def shoot(index: int) -> None:
            if index == len(COMBOS):
                then()
                return
            language, theme = COMBOS[index]
            bench.translations.apply(language)
            apply_theme(app, theme)
            widget = target()
            widget.raise_()
            widget.activateWindow()

            def grab() -> None:
                frame = widget.frameGeometry()
                image = widget.screen().grabWindow(
                    0, frame.x(), frame.y(), frame.width(), frame.height()
                )
                if not image.save(str(out / f"{prefix}-{language}-{theme}.png")):
                    failures.append(f"could not save {prefix}")
                shoot(index + 1)

            QTimer.singleShot(REPAINT_MS, grab)

        shoot(0)

    def wait_for(ready: Callable[[], bool], then: Callable[[], None], what: str,
                 tries: int = 0) -> None:  # fmt: skip
        if ready():
            QTimer.singleShot(400, then)
        elif tries > 600:
            failures.append(f"timed out waiting for {what}")
            app.quit()
        else:
            QTimer.singleShot(50, lambda: wait_for(ready, then, what, tries + 1))

    def plans() -> None:
        window.select_page("plans")
        page = window.page("plans")
        state["page"] = page

        def select_cut() -> None:
            row = next((n for n, r in enumerate(page.rows) if r.pending_rate_ppm is not None), 0)
            page.table.selectRow(row)
            page.table.scrollToItem(page.table.item(row, 0))
            wait_for(lambda: "→" in page.history.text() or "%" in page.history.text(),
                     lambda: shoot_all("bell", alerts), "the commission history")  # fmt: skip

        wait_for(lambda: page.loaded and bool(page.rows) and window.cut_alerts.unread > 0,
                 select_cut, "the plans and the bell's count")  # fmt: skip

    def alerts() -> None:
        window.cut_alerts.click()
        dialog = window.cut_alerts_dialog
        state["alerts"] = dialog

        def ready() -> None:
            row = next((n for n, a in enumerate(dialog.rows) if a.listings), 0)
            dialog.table.selectRow(row)
            shoot_all("alerts", archive, lambda: dialog)

        wait_for(lambda: dialog.loaded and bool(dialog.rows), ready, "the alert list")

    def archive() -> None:
        state["alerts"].close()
        page = state["page"]
        page.archive_button.click()
        dialog = page.findChild(TermsArchiveDialog)

        def verify() -> None:
            dialog.run_verify()
            wait_for(lambda: dialog.broken is not None,
                     lambda: shoot_all("archive", app.quit, lambda: dialog), "Verify")  # fmt: skip

        wait_for(lambda: dialog.loaded and bool(dialog.shown), verify, "the archive")

    def first_sync(_summary: Any) -> None:
        bench.controller.synced.disconnect(first_sync)
        QTimer.singleShot(300, plans)

    bench.controller.synced.connect(first_sync)
    bench.accounts.failed.connect(lambda _r, exc: (failures.append(repr(exc)), app.quit()))
    QTimer.singleShot(400_000, lambda: (failures.append("timed out"), app.quit()))
    window.resize(*SIZE)
    bench.start()
    app.exec()
    bench.shutdown()
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
