"""Start-up time: process start to the main window on screen, against a bare PySide6 window.

    .venv/bin/python benchmarks/startup.py [--products 1000000] [--runs 7] [--home DIR]

Set-up (once, not timed): a data directory whose embedded demo server holds ``--products``
products and whose demo creator's cache is fully synced, as on any start after the first.
Then, alternating, each run starts a fresh process and times (wall clock, from just before the
process is spawned to a line it prints when the window has been exposed):

- ``bare``: ``QApplication`` + an empty ``QMainWindow``, shown — the reference;
- ``app``: the workbench (settings, translations, theme, main window with its pages, lanes),
  shown. Syncing starts after the window is up and is not counted. The app's modules are
  byte-compiled first, as an installed app's are.

Printed: each run, then medians and the ratio app ÷ bare (target < 1.5), and when the
selection center page (built just after the window is first shown) is ready.

    .venv/bin/python benchmarks/startup.py --frozen dist/ShopWorkbench/workbench [--runs 5]

Frozen mode: the PyInstaller bundle against the same app in this virtualenv, each started as a
whole command line (``workbench`` / ``python -m workbench``) with ``WORKBENCH_STARTUP_PROBE=1``,
which prints ``shown`` and ``page`` and quits (workbench.ui.startup_probe). Printed: medians of
both and the ratio frozen ÷ venv for the usable window (target ≤ 1.2), and the bundle's size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _seeding import measured_size  # noqa: E402

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QObject, QEvent
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1200, 780)
class Shown(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and obj.isExposed():
            print("shown", flush=True); app.quit()
        return False
f = Shown()
w.winId()  # create the native window now, so the filter sees its first expose
w.windowHandle().installEventFilter(f)
w.show()
app.exec()
"""

APP = """
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QObject, QEvent
app = QApplication(sys.argv[:1])
from workbench.ui.app import Workbench
bench = Workbench(app)
w = bench.window
seen = set()
def note(what):
    if what not in seen:
        seen.add(what)
        print(what, flush=True)
    if seen == {"shown", "page"}:
        app.quit()
class Shown(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and obj.isExposed():
            note("shown")
        return False
f = Shown()
w.winId()
w.windowHandle().installEventFilter(f)
w.selectionReady.connect(lambda _page: note("page"))
bench.start()
app.exec()
bench.shutdown()
"""


def _time(
    code: str, env: dict[str, str], lines: int = 1, command: list[str] | None = None
) -> dict[str, float]:
    """Seconds from spawning the child to each line it prints ("shown", "page")."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command or [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    for _ in range(lines):
        line = proc.stdout.readline().strip()
        seen[line] = time.perf_counter() - started
    proc.wait(timeout=120)
    if "shown" not in seen:
        raise SystemExit(f"child did not show its window: {seen!r}")
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--home", type=Path, help="reuse this prepared data directory")
    parser.add_argument("--frozen", type=Path, help="the bundle's executable: frozen vs venv")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="wb-startup-"))
    env = {
        **os.environ,
        "WORKBENCH_HOME": str(home),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    # As installed (pip, the PyInstaller build), the app's modules are byte-compiled; a
    # PYTHONDONTWRITEBYTECODE environment would otherwise compile ~100 modules on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "workbench")], check=True)
    if not (home / "accounts").exists():
        print(
            f"preparing {home}: seeding {args.products:,} products and syncing once …", flush=True
        )
        bin_dir = Path(sys.executable).parent
        subprocess.run(
            [bin_dir / "workbench", "--products", str(args.products), "sync"], env=env, check=True
        )
    # The size the start-up really opens: the demo creator's synced cache, read back.
    measured_size(home / "accounts" / "embedded" / "creator_demo" / "cache.sqlite3",
                  args.products, what="the cache the app opens")  # fmt: skip
    if args.frozen:
        return _frozen(args.frozen, env, args.runs)
    bare: list[float] = []
    app: list[float] = []
    page: list[float] = []
    for run in range(args.runs):
        bare.append(_time(BARE, env)["shown"])
        times = _time(APP, env, lines=2)
        app.append(times["shown"])
        page.append(times["page"])
        print(f"run {run + 1}: bare {bare[-1]:.2f} s, app {app[-1]:.2f} s, "
              f"selection page built {page[-1]:.2f} s", flush=True)  # fmt: skip
    b, a, p = statistics.median(bare), statistics.median(app), statistics.median(page)
    print(f"medians: bare {b:.2f} s, app {a:.2f} s, ratio {a / b:.2f} (target < 1.5); "
          f"selection page built {p:.2f} s, ratio {p / b:.2f}")  # fmt: skip
    return 0


def _size_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def _frozen(executable: Path, env: dict[str, str], runs: int) -> int:
    probe = {**env, "WORKBENCH_STARTUP_PROBE": "1"}
    commands = {"venv": [sys.executable, "-m", "workbench"], "frozen": [str(executable)]}
    shown: dict[str, list[float]] = {"venv": [], "frozen": []}
    usable: dict[str, list[float]] = {"venv": [], "frozen": []}
    for run in range(runs):
        for kind, command in commands.items():
            times = _time("", probe, lines=2, command=command)
            shown[kind].append(times["shown"])
            usable[kind].append(times["page"])
        print(f"run {run + 1}: venv shown {shown['venv'][-1]:.2f} s / usable "
              f"{usable['venv'][-1]:.2f} s, frozen shown {shown['frozen'][-1]:.2f} s / usable "
              f"{usable['frozen'][-1]:.2f} s", flush=True)  # fmt: skip
    med = {k: (statistics.median(shown[k]), statistics.median(usable[k])) for k in commands}
    print(f"medians: venv shown {med['venv'][0]:.2f} s, usable {med['venv'][1]:.2f} s; "
          f"frozen shown {med['frozen'][0]:.2f} s, usable {med['frozen'][1]:.2f} s; "
          f"ratio frozen/venv usable {med['frozen'][1] / med['venv'][1]:.2f} (target <= 1.2), "
          f"shown {med['frozen'][0] / med['venv'][0]:.2f}")  # fmt: skip
    folder = executable.parent
    print(f"bundle {folder}: {_size_mb(folder):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
