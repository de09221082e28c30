"""Screenshots of the About dialog and of the navigation rail with the app icon, zh_CN and en.

    xvfb-run -a python -m tests.shell.about_shots OUT_DIR QM_DIR

Grabs what the X server shows (not an off-screen render) into ``OUT_DIR/about-<lang>.png`` and
``OUT_DIR/rail-<lang>.png`` (the window's left 240 × 420 pixels). No account is opened: the
rail and the dialog do not need one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from workbench.ui.app import Workbench
from workbench.ui.icons import app_icon

LANGUAGES = ("zh_CN", "en")


def _grab(widget: QWidget, path: Path, width: int = 0, height: int = 0) -> bool:
    frame = widget.frameGeometry()
    image = widget.screen().grabWindow(
        0, frame.x(), frame.y(), width or frame.width(), height or frame.height()
    )
    return image.save(str(path))


def main(out: Path, qm_dir: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    bench = Workbench(app)
    bench.translations.directory = qm_dir
    bench.window.show()
    failures: list[str] = []

    def shoot(index: int = 0) -> None:
        if index == len(LANGUAGES):
            app.quit()
            return
        language = LANGUAGES[index]
        bench.translations.apply(language)
        dialog = bench.show_about()

        def grab() -> None:
            if dialog.table.rowCount() == 0:  # the component list is still being read
                QTimer.singleShot(200, grab)
                return
            if not _grab(bench.window, out / f"rail-{language}.png", 240, 420):
                failures.append(f"rail-{language}")
            if not _grab(dialog, out / f"about-{language}.png"):
                failures.append(f"about-{language}")
            dialog.close()
            shoot(index + 1)

        QTimer.singleShot(600, grab)

    QTimer.singleShot(500, shoot)
    QTimer.singleShot(120_000, lambda: (failures.append("timed out"), app.quit()))
    app.exec()
    bench.shutdown()
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
