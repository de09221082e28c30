"""Render the application icon for the installers: ``.ico`` (Windows), ``.icns`` (macOS), PNGs.

    python packaging/make_icons.py [OUT_DIR]        (default: build/icons)

``resources/icons/workbench.svg`` is the only icon committed; this makes, at build time,
``workbench.ico`` (16–256 px), ``workbench.icns`` (16–1024 px) and ``hicolor/<n>x<n>/…png``
for the Linux package. Qt's SVG renderer draws the pixels (the same one the app uses at run
time), Pillow writes the containers. Needs the ``package`` extra (Pillow).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "workbench.svg"
APP_ID = "com.shopworkbench.app"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    """The SVG drawn at ``size`` × ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main(out: Path) -> int:
    from PIL import Image

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out.mkdir(parents=True, exist_ok=True)
    images = {s: Image.open(io.BytesIO(render(s))).convert("RGBA") for s in ICNS_SIZES + ICO_SIZES}
    for size in HICOLOR_SIZES:
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        images[size].save(folder / f"{APP_ID}.png")
    # Pillow writes each size given, drawn by Qt, not scaled down from the largest.
    images[256].save(
        out / "workbench.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    images[1024].save(
        out / "workbench.icns", append_images=[images[s] for s in ICNS_SIZES if s != 1024]
    )
    print(f"icons: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"))
