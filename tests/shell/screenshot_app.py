"""Run the real app in a real window (under Xvfb) and save screenshots of it.

    xvfb-run -a python -m tests.shell.screenshot_app OUT_DIR SEEDED_SERVER_DB QM_DIR

Used by ``test_screenshots.py``: it starts the app on a copy of a seeded demo, waits for the
first sync, applies a filter on the selection center (keyword 茶, price from ¥10) and opens the
first row's details, then for zh_CN / en × light / dark grabs the window from the screen (what X shows,
not an off-screen render) into ``OUT_DIR/main-<lang>-<theme>.png``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from workbench.paths import embedded_server_database
from workbench.store.products import ProductFilter
from workbench.ui.app import Workbench
from workbench.ui.theme import apply_theme

COMBOS = [("zh_CN", "light"), ("zh_CN", "dark"), ("en", "light"), ("en", "dark")]


def main(out: Path, seeded: Path, qm_dir: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeded, Path(embedded_server_database().removeprefix("sqlite:///")))
    app = QApplication(sys.argv[:1])
    bench = Workbench(app, demo_products=800)
    bench.translations.directory = qm_dir
    failures: list[str] = []

    def shoot(index: int = 0) -> None:
        if index == len(COMBOS):
            app.quit()
            return
        language, theme = COMBOS[index]
        bench.translations.apply(language)
        apply_theme(app, theme)
        bench.window.raise_()
        bench.window.activateWindow()

        def grab() -> None:
            window = bench.window
            screen = window.screen()
            frame = window.frameGeometry()
            image = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
            path = out / f"main-{language}-{theme}.png"
            if not image.save(str(path)):
                failures.append(f"could not save {path}")
            shoot(index + 1)

        QTimer.singleShot(400, grab)  # let the window repaint in the new language and theme

    def filtered() -> None:
        # The selection center with a filter applied, a row chosen and its details open.
        page = bench.window.ensure_selection_page()
        page.apply_filter(ProductFilter(keyword="茶", price_min_fen=1000))

        def ready() -> bool:
            row = page.model.row_data(0)
            return row is not None and page.detail.detail is not None

        def wait(tries: int = 0) -> None:
            if page.model.row_data(0) is not None and page.detail.detail is None:
                page.select_rows([0, 2])
                page.open_details()
            if ready() or tries > 200:
                QTimer.singleShot(600, shoot)  # thumbnails arrive meanwhile
                return
            QTimer.singleShot(50, lambda: wait(tries + 1))

        wait()

    bench.controller.synced.connect(
        lambda _s: (
            QTimer.singleShot(300, filtered)
            if not out.joinpath("started").exists() and not out.joinpath("started").touch()
            else None
        )
    )
    bench.accounts.failed.connect(lambda _r, exc: (failures.append(repr(exc)), app.quit()))
    QTimer.singleShot(120_000, lambda: (failures.append("timed out"), app.quit()))
    bench.window.resize(1280, 800)
    bench.start()
    app.exec()
    bench.shutdown()
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
