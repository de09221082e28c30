"""Real-window screenshots under Xvfb at 1200×780: the selection center (details closed and
open), the compare dialog, and a refused edit's notice, in zh_CN and en, light and dark.

The PNGs are kept as artefacts in ``test-artifacts/screenshots/<run>/`` (the path is printed)
for a person to look at; the test checks they exist, show something, and that dark is darker.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow(seconds=33)  # a real window, a repaint wait per shot


def _mean_lightness(image: QImage) -> float:
    step = 16
    values = [
        image.pixelColor(x, y).lightnessF()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


COMBOS = ("zh_CN-light", "zh_CN-dark", "en-light", "en-dark")


def _shoot(script: str, suffix: str, args: list[Path], tmp_path: Path, timeout: int = 400
           ) -> dict[str, QImage]:  # fmt: skip
    """Run ``tests.shell.<script>`` in a real window under Xvfb; its shots, by name."""
    assert shutil.which("xvfb-run"), "xvfb-run is required (scripts/setup installs it)"
    out = ROOT / "test-artifacts" / "screenshots" / (time.strftime("%Y%m%d-%H%M%S") + suffix)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "WORKBENCH_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         f"tests.shell.{script}", str(out), *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"screenshots: {out}")
    return {p.stem: QImage(str(p)) for p in out.glob("*.png")}


def _dark_is_darker(shots: dict[str, QImage], kinds: tuple[str, ...]) -> None:
    for kind in kinds:
        for language in ("zh_CN", "en"):
            dark, light = shots[f"{kind}-{language}-dark"], shots[f"{kind}-{language}-light"]
            assert _mean_lightness(dark) < _mean_lightness(light) - 0.2, (kind, language)


def test_main_window_screenshots(seeded_template: Path, qm_dir: Path, tmp_path: Path) -> None:
    shots = _shoot("screenshot_app", "", [seeded_template, qm_dir], tmp_path, timeout=500)
    kinds = ("main", "columns", "compare", "listings", "attention", "replacements", "rejected",
             "upgrade", "conflicts", "merchant", "myplans", "plancreate", "reviews",
             "samplequeue")  # fmt: skip
    assert set(shots) == {f"{kind}-{combo}" for kind in kinds for combo in COMBOS}
    for name, image in shots.items():
        if name.startswith(("compare", "conflicts", "plancreate", "replacements")):
            continue  # a dialog, not the window
        # Every page fits the default window: none may widen it (a page's minimum width did).
        assert (image.width(), image.height()) == (1200, 780), (name, image.size())
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, 200, 3)}
        assert len(colours) > 20, (
            f"{name} shows next to nothing (text and widgets would add colours)"
        )
    _dark_is_darker(shots, kinds)


def test_about_dialog_and_rail_icon_screenshots(qm_dir: Path, tmp_path: Path) -> None:
    shots = _shoot("about_shots", "-about", [qm_dir], tmp_path, timeout=240)
    for language in ("zh_CN", "en"):
        about = shots[f"about-{language}"]
        assert about.width() >= 600 and about.height() >= 400, language
        rail = shots[f"rail-{language}"]
        # The app icon's green tile sits in the rail's top-left corner.
        greens = [
            rail.pixelColor(x, y)
            for x in range(0, 60, 2)
            for y in range(0, 80, 2)
            if rail.pixelColor(x, y).green() > rail.pixelColor(x, y).red() + 80
        ]
        assert len(greens) > 40, f"no app icon in the rail ({language})"


def test_analytics_screenshots(seeded_template: Path, qm_dir: Path, tmp_path: Path) -> None:
    """Both dashboards (30 days, a year of gift orders), the merchant's matrix and the ledger,
    zh_CN / en × light / dark, at the default 1200×780 window (``analytics_shots.py``)."""
    shots = _shoot("analytics_shots", "-analytics", [seeded_template, qm_dir], tmp_path)
    kinds = ("creator-30d", "creator-year", "creator-channels", "ledger", "merchant-30d",
             "merchant-matrix")  # fmt: skip
    assert set(shots) == {f"{kind}-{combo}" for kind in kinds for combo in COMBOS}
    for name, image in shots.items():
        assert (image.width(), image.height()) == (1200, 780), name  # the page fits the window
    _dark_is_darker(shots, kinds)


def test_samples_screenshots(seeded_template: Path, qm_dir: Path, tmp_path: Path) -> None:
    """The creator's Samples page, its hand-in dialog refusing a bad link, and the selection
    center's "Request sample…" dialog, zh_CN / en × light / dark at 1200×780 (``samples_shots.py``)."""
    shots = _shoot("samples_shots", "-samples", [seeded_template, qm_dir], tmp_path)
    kinds = ("samples", "samplefulfil", "samplerequest")
    assert set(shots) == {f"{kind}-{combo}" for kind in kinds for combo in COMBOS}
    for name, image in shots.items():
        assert (image.width(), image.height()) == (1200, 780), name  # the page fits the window
    _dark_is_darker(shots, kinds)


def test_cut_alerts_and_archive_screenshots(
    seeded_template: Path, qm_dir: Path, tmp_path: Path
) -> None:
    """The bell with its count and a plan's commission history (the window at 1200×780), the
    list of cuts and the terms archive after Verify, zh_CN / en × light / dark
    (``cut_alerts_shots.py``)."""
    shots = _shoot("cut_alerts_shots", "-cuts", [seeded_template, qm_dir], tmp_path, timeout=500)
    kinds = ("bell", "alerts", "archive")
    assert set(shots) == {f"{kind}-{combo}" for kind in kinds for combo in COMBOS}
    for combo in COMBOS:
        assert (shots[f"bell-{combo}"].width(), shots[f"bell-{combo}"].height()) == (1200, 780)
    _dark_is_darker(shots, kinds)


def test_applications_screenshots(seeded_template: Path, qm_dir: Path, tmp_path: Path) -> None:
    """My applications with a rejected one's timeline open (zh_CN / en × light / dark), an
    approved one, and the Apply dialog refusing a bad rate and a long message
    (``applications_shots.py``), at the default 1200×780 window."""
    shots = _shoot("applications_shots", "-apps", [seeded_template, qm_dir], tmp_path)
    assert set(shots) == {
        *(f"{kind}-{combo}" for kind in ("applications", "applydialog") for combo in COMBOS),
        "applications-approved-zh_CN-light",
        "applications-approved-en-light",
        "plans-tab-zh_CN-light",
    }
    for name, image in shots.items():
        if not name.startswith("applydialog"):
            assert (image.width(), image.height()) == (1200, 780), (name, image.size())
    _dark_is_darker(shots, ("applications", "applydialog"))
