"""Screenshots of the commission-cut alerts and the terms archive under Xvfb:

    xvfb-run -a python -m tests.shell.cut_alerts_shots OUT_DIR SEEDED_SERVER_DB QM_DIR

Starts the real app on a copy of a seeded demo and waits for the first sync; the demo creator
lists products whose plans have a cut under notice, so the bell counts them. For zh_CN / en ×
light / dark it grabs ``bell-*`` (the window at 1200×780 on the Plans page: the bell with its
count, a plan selected with its commission history under the table), ``alerts-*`` (the list
of cuts, one selected with its listings) and ``archive-*`` (the terms archive after Verify).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.shell.shots import Shots, main_of
from workbench.ui.plans.archive_view import TermsArchiveDialog


def main(out: Path, seeded: Path, qm_dir: Path) -> int:
    shots = Shots(out, seeded, qm_dir)
    app, window = shots.app, shots.window
    shoot_all, wait_for = shots.shoot_all, shots.wait_for
    state: dict[str, Any] = {}

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

    return shots.run(plans, timeout_ms=400000)


if __name__ == "__main__":
    main_of(main)
