"""``WORKBENCH_STARTUP_PROBE=1``: print when the window is on screen and usable, then quit.

benchmarks/startup.py times the same command line in a virtualenv and in the frozen bundle with
this set, so both are measured identically: from process start to ``shown`` (the window's first
expose) and ``page`` (the selection center built, i.e. usable). Nothing else changes; the
account opens and syncs as usual but the process quits once both lines are out.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

if TYPE_CHECKING:
    from workbench.ui.app import Workbench

ENV = "WORKBENCH_STARTUP_PROBE"


def wanted() -> bool:
    return os.environ.get(ENV) == "1"


class _Probe(QObject):
    def __init__(self, bench: Workbench) -> None:
        super().__init__(bench.window)
        self.bench = bench
        self.seen: set[str] = set()
        bench.window.winId()  # the native window exists now, so its first expose is seen
        handle = bench.window.windowHandle()
        assert handle is not None
        handle.installEventFilter(self)
        bench.window.selectionReady.connect(lambda _page: self.note("page"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and watched is self.bench.window.windowHandle():
            self.note("shown")
        return False

    def note(self, what: str) -> None:
        if what in self.seen:
            return
        self.seen.add(what)
        print(what, flush=True)
        if self.seen == {"shown", "page"}:
            self.bench.window.close()
            self.bench.app.quit()


def arm(bench: Workbench) -> None:
    """Report ``shown`` and ``page`` on stdout, then quit (before ``bench.start()``)."""
    _Probe(bench)
