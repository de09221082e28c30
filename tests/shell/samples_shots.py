"""Screenshots of the creator's Samples (样品) under Xvfb at the default window.

    xvfb-run -a python -m tests.shell.samples_shots OUT_DIR SEEDED_SERVER_DB QM_DIR

Starts the real app on a copy of a seeded demo, waits for the first sync, and grabs for zh_CN /
en × light / dark: ``samples-*`` (the Samples page, every sample, the first shipped one
selected), ``samplefulfil-*`` (its "Hand in content" dialog refusing a link without http://,
over the page) and ``samplerequest-*`` (the selection center's details of a product with the
"Request sample…" dialog open over them).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

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
    selection: Any = None

    def shoot_all(prefix: str, then: Callable[[], None]) -> None:
        """The window's part of the screen (a dialog over it included) for every combination."""

        def shoot(index: int) -> None:
            if index == len(COMBOS):
                then()
                return
            language, theme = COMBOS[index]
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

    def samples() -> None:
        nonlocal page
        window.select_page("samples")
        page = window.page("samples")
        wait_for(lambda: page.model.ready and page.summary_figures is not None, select_shipped)

    def select_shipped() -> None:
        row = next(r for r in page.model.loaded_rows() if r.status == "shipped")
        page.select_sample(row.id)
        shoot_all("samples", fulfil)

    def fulfil() -> None:
        page.fulfil_button.click()
        dialog = page.dialog
        dialog.url.setText("channels.weixin.qq.com/sph/abc")
        dialog.ok.click()
        shoot_all("samplefulfil", request)

    def request() -> None:
        nonlocal selection
        page.dialog.reject()
        window.select_page("selection")
        selection = window.page("selection")
        selection.table.selectRow(1)
        selection.open_details()
        action = selection.sample_request
        wait_for(lambda: action.state is not None and action.button.isEnabled(), ask)

    def ask() -> None:
        selection.sample_request.ask()
        selection.sample_request.dialog.text.setPlainText("想做开箱视频，粉丝 3 万")
        shoot_all("samplerequest", app.quit)

    def first_sync(_summary: Any) -> None:
        bench.controller.synced.disconnect(first_sync)
        QTimer.singleShot(300, samples)

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
