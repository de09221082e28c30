"""resources/: the icon renders and stays legible small, the Linux entries validate, every icon
the UI names exists, and nothing generated is committed beside its source."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from workbench.assets import resource, resources_dir
from workbench.ui.branding import PAGE_ICONS

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "resources" / "linux"


def _render(svg: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def test_resources_are_found_beside_the_package() -> None:
    assert resources_dir() == ROOT / "resources"
    assert resource("icons", "workbench.svg").is_file()


@pytest.mark.parametrize("size", [16, 32, 256])
def test_app_icon_renders_with_its_shop_visible_at_every_size(
    qapp: QGuiApplication, size: int
) -> None:
    image = _render(resource("icons", "workbench.svg"), size)
    pixels = [image.pixelColor(x, y) for x in range(size) for y in range(size)]
    opaque = [p for p in pixels if p.alpha() > 200]
    white = [p for p in opaque if p.lightnessF() > 0.9]
    green = [p for p in opaque if p.green() > p.red() + 60]
    assert len(opaque) > 0.7 * len(pixels)  # a full tile, not a speck
    # The white shop on the green tile: both clearly present even at 16 px.
    assert len(white) > 0.12 * len(pixels) and len(green) > 0.3 * len(pixels)


def test_every_icon_the_ui_names_exists_and_follows_the_palette() -> None:
    for name in [*PAGE_ICONS.values(), "about"]:
        text = resource("icons", "ui", f"{name}.svg").read_text(encoding="utf-8")
        assert "currentColor" in text, f"{name}.svg has a fixed colour: it would vanish in a theme"


def test_nothing_generated_is_committed() -> None:
    generated = [
        p
        for p in (ROOT / "resources").rglob("*")
        if p.suffix in {".ico", ".icns", ".png", ".qrc", ".rcc"}
    ]
    assert not generated, (
        f"made at build time (packaging/make_icons.py), not committed: {generated}"
    )


def test_desktop_entry_validates() -> None:
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate is missing (scripts/setup installs desktop-file-utils)"
    done = subprocess.run([tool, str(LINUX / "com.shopworkbench.app.desktop")],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_appstream_metadata_validates() -> None:
    tool = shutil.which("appstreamcli")
    assert tool, "appstreamcli is missing (scripts/setup installs appstream)"
    done = subprocess.run(
        [tool, "validate", "--no-net", str(LINUX / "com.shopworkbench.app.metainfo.xml")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_make_icons_writes_ico_and_icns_with_every_size(tmp_path: Path) -> None:
    from PIL import Image

    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icons.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    with Image.open(tmp_path / "workbench.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(tmp_path / "workbench.icns") as icns:
        assert icns.size == (1024, 1024)
    assert (tmp_path / "hicolor" / "16x16" / "apps" / "com.shopworkbench.app.png").is_file()
