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


def test_main_window_screenshots(seeded_template: Path, qm_dir: Path, tmp_path: Path) -> None:
    assert shutil.which("xvfb-run"), "xvfb-run is required (scripts/setup installs it)"
    run = time.strftime("%Y%m%d-%H%M%S")
    out = ROOT / "test-artifacts" / "screenshots" / run
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "WORKBENCH_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         "tests.shell.screenshot_app", str(out), str(seeded_template), str(qm_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=500, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"screenshots: {out}")
    shots = {p.stem: QImage(str(p)) for p in out.glob("*.png")}
    combos = ("zh_CN-light", "zh_CN-dark", "en-light", "en-dark")
    kinds = ("main", "columns", "compare", "listings", "attention", "replacements", "rejected",
             "upgrade", "conflicts", "merchant", "myplans", "plancreate", "reviews",
             "samplequeue")  # fmt: skip
    assert set(shots) == {f"{kind}-{combo}" for kind in kinds for combo in combos}
    for name, image in shots.items():
        if name.startswith(("compare", "conflicts", "plancreate", "replacements")):
            continue  # a dialog, not the window
        # Every page fits the default window: none may widen it (a page's minimum width did).
        assert (image.width(), image.height()) == (1200, 780), (name, image.size())
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, 200, 3)}
        assert len(colours) > 20, (
            f"{name} shows next to nothing (text and widgets would add colours)"
        )
    assert _mean_lightness(shots["main-en-dark"]) < _mean_lightness(shots["main-en-light"]) - 0.2
    for kind in kinds:
        for language in ("zh_CN", "en"):
            dark, light = shots[f"{kind}-{language}-dark"], shots[f"{kind}-{language}-light"]
            assert _mean_lightness(dark) < _mean_lightness(light) - 0.2, (kind, language)


def test_about_dialog_and_rail_icon_screenshots(qm_dir: Path, tmp_path: Path) -> None:
    assert shutil.which("xvfb-run"), "xvfb-run is required (scripts/setup installs it)"
    out = ROOT / "test-artifacts" / "screenshots" / time.strftime("%Y%m%d-%H%M%S")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "WORKBENCH_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         "tests.shell.about_shots", str(out), str(qm_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"screenshots: {out}")
    for language in ("zh_CN", "en"):
        about = QImage(str(out / f"about-{language}.png"))
        assert about.width() >= 600 and about.height() >= 400, language
        rail = QImage(str(out / f"rail-{language}.png"))
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
    assert shutil.which("xvfb-run"), "xvfb-run is required (scripts/setup installs it)"
    out = ROOT / "test-artifacts" / "screenshots" / (time.strftime("%Y%m%d-%H%M%S") + "-analytics")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "WORKBENCH_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         "tests.shell.analytics_shots", str(out), str(seeded_template), str(qm_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=400, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"screenshots: {out}")
    shots = {p.stem: QImage(str(p)) for p in out.glob("*.png")}
    kinds = ("creator-30d", "creator-year", "creator-channels", "ledger", "merchant-30d",
             "merchant-matrix")  # fmt: skip
    combos = ("zh_CN-light", "zh_CN-dark", "en-light", "en-dark")
    assert set(shots) == {f"{kind}-{combo}" for kind in kinds for combo in combos}
    for name, image in shots.items():
        assert (image.width(), image.height()) == (1200, 780), name  # the page fits the window
    for kind in kinds:
        for language in ("zh_CN", "en"):
            dark, light = shots[f"{kind}-{language}-dark"], shots[f"{kind}-{language}-light"]
            assert _mean_lightness(dark) < _mean_lightness(light) - 0.2, (kind, language)


def test_samples_screenshots(seeded_template: Path, qm_dir: Path, tmp_path: Path) -> None:
    """The creator's Samples page, its hand-in dialog refusing a bad link, and the selection
    center's "Request sample…" dialog, zh_CN / en × light / dark at 1200×780 (``samples_shots.py``)."""
    assert shutil.which("xvfb-run"), "xvfb-run is required (scripts/setup installs it)"
    out = ROOT / "test-artifacts" / "screenshots" / (time.strftime("%Y%m%d-%H%M%S") + "-samples")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "WORKBENCH_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         "tests.shell.samples_shots", str(out), str(seeded_template), str(qm_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=400, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"screenshots: {out}")
    shots = {p.stem: QImage(str(p)) for p in out.glob("*.png")}
    kinds = ("samples", "samplefulfil", "samplerequest")
    combos = ("zh_CN-light", "zh_CN-dark", "en-light", "en-dark")
    assert set(shots) == {f"{kind}-{combo}" for kind in kinds for combo in combos}
    for name, image in shots.items():
        assert (image.width(), image.height()) == (1200, 780), name  # the page fits the window
    for kind in kinds:
        for language in ("zh_CN", "en"):
            dark, light = shots[f"{kind}-{language}-dark"], shots[f"{kind}-{language}-light"]
            assert _mean_lightness(dark) < _mean_lightness(light) - 0.2, (kind, language)


def test_cut_alerts_and_archive_screenshots(
    seeded_template: Path, qm_dir: Path, tmp_path: Path
) -> None:
    """The bell with its count and a plan's commission history (the window at 1200×780), the
    list of cuts and the terms archive after Verify, zh_CN / en × light / dark
    (``cut_alerts_shots.py``)."""
    assert shutil.which("xvfb-run"), "xvfb-run is required (scripts/setup installs it)"
    out = ROOT / "test-artifacts" / "screenshots" / (time.strftime("%Y%m%d-%H%M%S") + "-cuts")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "WORKBENCH_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         "tests.shell.cut_alerts_shots", str(out), str(seeded_template), str(qm_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=500, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"screenshots: {out}")
    shots = {p.stem: QImage(str(p)) for p in out.glob("*.png")}
    kinds = ("bell", "alerts", "archive")
    combos = ("zh_CN-light", "zh_CN-dark", "en-light", "en-dark")
    assert set(shots) == {f"{kind}-{combo}" for kind in kinds for combo in combos}
    for combo in combos:
        assert (shots[f"bell-{combo}"].width(), shots[f"bell-{combo}"].height()) == (1200, 780)
    for kind in kinds:
        for language in ("zh_CN", "en"):
            dark, light = shots[f"{kind}-{language}-dark"], shots[f"{kind}-{language}-light"]
            assert _mean_lightness(dark) < _mean_lightness(light) - 0.2, (kind, language)


def test_applications_screenshots(seeded_template: Path, qm_dir: Path, tmp_path: Path) -> None:
    """My applications with a rejected one's timeline open (zh_CN / en × light / dark), an
    approved one, and the Apply dialog refusing a bad rate and a long message
    (``applications_shots.py``), at the default 1200×780 window."""
    assert shutil.which("xvfb-run"), "xvfb-run is required (scripts/setup installs it)"
    out = ROOT / "test-artifacts" / "screenshots" / (time.strftime("%Y%m%d-%H%M%S") + "-apps")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "WORKBENCH_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         "tests.shell.applications_shots", str(out), str(seeded_template), str(qm_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=400, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    print(f"screenshots: {out}")
    shots = {p.stem: QImage(str(p)) for p in out.glob("*.png")}
    combos = ("zh_CN-light", "zh_CN-dark", "en-light", "en-dark")
    assert set(shots) == {
        *(f"{kind}-{combo}" for kind in ("applications", "applydialog") for combo in combos),
        "applications-approved-zh_CN-light",
        "applications-approved-en-light",
        "plans-tab-zh_CN-light",
    }
    for name, image in shots.items():
        if not name.startswith("applydialog"):
            assert (image.width(), image.height()) == (1200, 780), (name, image.size())
    for kind in ("applications", "applydialog"):
        for language in ("zh_CN", "en"):
            dark, light = shots[f"{kind}-{language}-dark"], shots[f"{kind}-{language}-light"]
            assert _mean_lightness(dark) < _mean_lightness(light) - 0.2, (kind, language)
