"""Icons from ``resources/icons/``: the application icon and the line icons of rail and actions.

The line icons are drawn once, in ``currentColor``; they are tinted here with the palette's text
colours, so one SVG serves the light and the dark theme (and a selected row's highlighted text).
SVGs are rendered with ``QSvgRenderer`` into pixmaps, which needs no icon-engine plugin in the
frozen app.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from workbench.assets import resource

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
LINE_ICON_SIZES = (16, 20, 24, 32, 48)


def _pixmap(renderer: QSvgRenderer, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return pixmap


@cache
def app_icon() -> QIcon:
    """The application icon (window, task bar, About dialog, the rail's header)."""
    renderer = QSvgRenderer(str(resource("icons", "workbench.svg")))
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addPixmap(_pixmap(renderer, size))
    return icon


@cache
def _tinted(name: str, rgb: str) -> QSvgRenderer:
    data = resource("icons", "ui", f"{name}.svg").read_bytes()
    return QSvgRenderer(QByteArray(data.replace(b"currentColor", rgb.encode())))


def line_icon(name: str, palette: QPalette) -> QIcon:
    """``resources/icons/ui/<name>.svg`` in the palette's text colour (highlighted when selected)."""
    icon = QIcon()
    tints = (
        (QIcon.Mode.Normal, palette.color(QPalette.ColorRole.WindowText)),
        (QIcon.Mode.Active, palette.color(QPalette.ColorRole.WindowText)),
        (QIcon.Mode.Selected, palette.color(QPalette.ColorRole.HighlightedText)),
        (
            QIcon.Mode.Disabled,
            palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
        ),
    )
    for mode, color in tints:
        renderer = _tinted(name, QColor(color).name())
        for size in LINE_ICON_SIZES:
            icon.addPixmap(_pixmap(renderer, size), mode)
    return icon
