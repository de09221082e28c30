"""What every screenshot script under Xvfb shares (``screenshot_app.py``, ``samples_shots.py``,
``cut_alerts_shots.py``, ``applications_shots.py``): the real app on a copy of a seeded demo at
the default 1200×780 window, a shot of the window (or of a dialog) for every language × theme,
waiting without blocking the event loop, and one exit code for the test that runs the script.

A script builds :class:`Shots`, chains its steps with :meth:`Shots.shoot_all` and
:meth:`Shots.wait_for` (each step names the next), and returns :meth:`Shots.run` with the first
step, which runs after the first sync.
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
from workbench.ui.theme import apply_theme

COMBOS = [("zh_CN", "light"), ("zh_CN", "dark"), ("en", "light"), ("en", "dark")]
SIZE = (1200, 780)  # the default window
REPAINT_MS = 800  # after a language or theme switch: relayout and repaint (the machine may be busy)


class Shots:
    """The app under the camera (see the module docstring)."""

    def __init__(self, out: Path, seeded: Path, qm_dir: Path, settle_ms: int = 400) -> None:
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seeded, Path(embedded_server_database().removeprefix("sqlite:///")))
        self.out = out
        self.settle_ms = settle_ms  # after a wait is over: thumbnails and late paints arrive
        self.app = QApplication(sys.argv[:1])
        self.bench = Workbench(self.app, demo_products=800)
        self.bench.translations.directory = qm_dir
        self.window = self.bench.window
        self.failures: list[str] = []

    def shoot_all(
        self,
        prefix: str,
        then: Callable[[], None],
        target: Callable[[], QWidget] | None = None,
        *,
        combos: list[tuple[str, str]] = COMBOS,
        widget: QWidget | None = None,
    ) -> None:
        """``prefix-<lang>-<theme>.png`` for every combination, then ``then()``: the screen under
        ``target()`` (the window by default, a dialog over it included), or ``widget`` alone."""

        def shoot(index: int) -> None:
            if index == len(combos):
                then()
                return
            language, theme = combos[index]
            self.bench.translations.apply(language)
            apply_theme(self.app, theme)
            shown = (target or (lambda: self.window))()
            shown.raise_()
            shown.activateWindow()

            def grab() -> None:
                if widget is not None:
                    image = widget.grab().toImage()
                else:
                    frame = shown.frameGeometry()
                    image = (
                        shown.screen()
                        .grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
                        .toImage()
                    )
                path = self.out / f"{prefix}-{language}-{theme}.png"
                if not image.save(str(path)):
                    self.failures.append(f"could not save {path}")
                shoot(index + 1)

            QTimer.singleShot(REPAINT_MS, grab)

        shoot(0)

    def wait_for(
        self, ready: Callable[[], bool], then: Callable[[], None], what: str = "", tries: int = 0
    ) -> None:
        """``then()`` once ``ready()`` (polled every 50 ms, 30 s at most; else a failure)."""
        if ready():
            QTimer.singleShot(self.settle_ms, then)
        elif tries > 600:
            self.fail(f"timed out waiting for {what or 'the app'}")
        else:
            QTimer.singleShot(50, lambda: self.wait_for(ready, then, what, tries + 1))

    def fail(self, text: str) -> None:
        self.failures.append(text)
        self.app.quit()

    def run(self, first: Callable[[], None], timeout_ms: int = 200_000) -> int:
        """Start the app, run ``first`` after the first sync; 0 when every shot was saved."""

        def first_sync(_summary: Any) -> None:
            self.bench.controller.synced.disconnect(first_sync)
            QTimer.singleShot(300, first)

        self.bench.controller.synced.connect(first_sync)
        self.bench.accounts.failed.connect(lambda _r, exc: self.fail(repr(exc)))
        QTimer.singleShot(timeout_ms, lambda: self.fail("timed out"))
        self.window.resize(*SIZE)
        self.bench.start()
        self.app.exec()
        self.bench.shutdown()
        for failure in self.failures:
            print(failure, file=sys.stderr)
        return 1 if self.failures else 0


def main_of(script: Callable[[Path, Path, Path], int]) -> None:
    """``python -m tests.shell.<script> OUT_DIR SEEDED_SERVER_DB QM_DIR``."""
    sys.exit(script(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
