"""Run the real app in a real window (under Xvfb) and save screenshots of it.

    xvfb-run -a python -m tests.shell.screenshot_app OUT_DIR SEEDED_SERVER_DB QM_DIR

Used by ``test_screenshots.py``: it starts the app at the default 1200×780 window on a copy of a
seeded demo, waits for the first sync, applies a filter on the selection center (keyword 茶,
price from ¥10), and for zh_CN / en × light / dark grabs from the screen (what X shows, not an
off-screen render) into ``OUT_DIR``: ``columns-*`` (the table, details closed), ``main-*`` (the
first row's details open), ``compare-*`` (the compare dialog), ``rejected-*`` (the legacy
creator adds a 公众号 channel and the server's refusal is said above the pages),
``conflicts-*`` (the list behind "Show conflicts"), and the listing health shots of
``health_shots.py`` (``attention-*``, ``replacements-*``).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.shell.health_shots import shoot_health
from workbench.core.demo import DEMO_LOGINS
from workbench.paths import embedded_server_database
from workbench.store.products import ProductFilter
from workbench.ui.accounts import EMBEDDED, AccountRef
from workbench.ui.app import Workbench
from workbench.ui.theme import apply_theme

COMBOS = [("zh_CN", "light"), ("zh_CN", "dark"), ("en", "light"), ("en", "dark")]
SIZE = (1200, 780)  # the default window
REPAINT_MS = 800  # after a language or theme switch: relayout and repaint (the machine may be busy)


def main(out: Path, seeded: Path, qm_dir: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeded, Path(embedded_server_database().removeprefix("sqlite:///")))
    app = QApplication(sys.argv[:1])
    bench = Workbench(app, demo_products=800)
    bench.translations.directory = qm_dir
    failures: list[str] = []
    window = bench.window

    def shoot_all(prefix: str, then: Callable[[], None],
                  target: Callable[[], QWidget] = lambda: window) -> None:  # fmt: skip
        """``prefix-<lang>-<theme>.png`` of ``target()`` for every combination, then ``then()``."""

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
                path = out / f"{prefix}-{language}-{theme}.png"
                if not image.save(str(path)):
                    failures.append(f"could not save {path}")
                shoot(index + 1)

            QTimer.singleShot(REPAINT_MS, grab)

        shoot(0)

    def wait_for(
        ready: Callable[[], bool], then: Callable[[], None], what: str, tries: int = 0
    ) -> None:
        if ready():
            QTimer.singleShot(600, then)  # thumbnails arrive meanwhile
        elif tries > 600:
            failures.append(f"timed out waiting for {what}")
            app.quit()
        else:
            QTimer.singleShot(50, lambda: wait_for(ready, then, what, tries + 1))

    page: Any = None

    def filtered() -> None:
        # The selection center with a filter applied and rows chosen, details closed.
        nonlocal page
        page = window.ensure_selection_page()
        page.apply_filter(ProductFilter(keyword="茶", price_min_fen=1000))
        wait_for(lambda: page.model.row_data(0) is not None, columns, "the first rows")

    def columns() -> None:
        page.select_rows([0, 2])
        shoot_all("columns", details)

    def details() -> None:
        page.open_details()
        wait_for(
            lambda: page.detail.detail is not None, lambda: shoot_all("main", compare), "details"
        )

    def compare() -> None:
        page.select_rows([0, 1, 2])
        page.compare()
        wait_for(lambda: getattr(page, "compare_dialog", None) is not None,
                 lambda: shoot_all("compare", health, lambda: page.compare_dialog), "compare")  # fmt: skip

    def health() -> None:
        page.compare_dialog.hide()  # closed (and deleted) by the next step
        shoot_health(window, shoot_all, wait_for, rejected)

    def rejected() -> None:
        page.compare_dialog.close()
        bench.translations.apply("en")
        apply_theme(app, "light")
        bench.controller.synced.disconnect(first_sync)
        bench.controller.synced.connect(legacy_open)
        bench.open_account(AccountRef(EMBEDDED, DEMO_LOGINS["creator_legacy"]))

    def legacy_open(_summary: Any) -> None:
        bench.controller.synced.disconnect(legacy_open)
        page.hide_details()
        wait_for(lambda: page.session is not None and page.model.row_data(0) is not None, place,
                 "the legacy creator's rows")  # fmt: skip

    def place() -> None:
        page.place([str(page.model.product_id(0))], [], [("official_account", "我的公众号")])
        wait_for(lambda: window.rejection.isVisible(), lambda: shoot_all("rejected", conflicts),
                 "the rejection notice")  # fmt: skip

    def conflicts() -> None:
        window.rejection.show_button.click()
        wait_for(lambda: window.conflicts_dialog is not None
                 and window.conflicts_dialog.table.rowCount() > 0,
                 lambda: shoot_all("conflicts", merchant, lambda: window.conflicts_dialog),
                 "the conflicts list")  # fmt: skip

    def merchant() -> None:
        # The merchant's own rail (plans, reviews, samples, analytics) and selection center.
        assert window.conflicts_dialog is not None
        window.conflicts_dialog.close()
        bench.translations.apply("en")
        apply_theme(app, "light")
        bench.controller.synced.connect(merchant_open)
        bench.open_account(AccountRef(EMBEDDED, DEMO_LOGINS["merchant"]))

    def merchant_open(_summary: Any) -> None:
        bench.controller.synced.disconnect(merchant_open)
        wait_for(lambda: page.session is not None and page.model.row_data(0) is not None,
                 lambda: shoot_all("merchant", app.quit), "the merchant's rows")  # fmt: skip

    def first_sync(_summary: Any) -> None:
        if not out.joinpath("started").exists():
            out.joinpath("started").touch()
            QTimer.singleShot(300, filtered)

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
