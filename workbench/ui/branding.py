"""The app's face in the main window: the icon and name atop the navigation rail, the rail's
page icons, and the About action. Kept out of main_window.py, which only calls in here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from workbench.ui.icons import app_icon, line_icon

# Page id -> icon in resources/icons/ui/ (a page without one shows none).
PAGE_ICONS = {
    "selection": "selection",
    "channels": "channels",
    "plans": "plans",
    "my_plans": "plans",
    "reviews": "reviews",
    "samples": "samples",
    "sample_reviews": "samples",
    "analytics": "analytics",
    "settings": "settings",
}


RAIL_WIDTH = 196  # as before the icons: the pages keep their room at 1200 px


class RailHeader(QWidget):
    """The application icon and name above the navigation rail."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("railHeader")
        self.icon = QLabel()
        self.icon.setObjectName("railIcon")
        self.icon.setPixmap(app_icon().pixmap(QSize(32, 32)))
        self.title = QLabel()
        self.title.setObjectName("railTitle")
        font = self.title.font()  # a font, not a style sheet: the label keeps following the palette
        font.setPixelSize(14)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 12, 6, 6)
        row.setSpacing(8)
        row.addWidget(self.icon)
        row.addWidget(self.title, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Shop Workbench"))


class _Rail(QWidget):
    """The rail's column, filled with the palette's base colour (it follows theme changes)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("rail")
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)


def rail(nav: QListWidget) -> QWidget:
    """The navigation list with the header above it, as one column."""
    column = _Rail()
    nav.setFixedWidth(RAIL_WIDTH)  # the page icons take room the titles had
    column.setFixedWidth(RAIL_WIDTH)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(RailHeader())
    layout.addWidget(nav, 1)
    return column


def set_page_icons(nav: QListWidget) -> None:
    """Give each rail entry its page's icon in the current palette (again on a theme change)."""
    nav.setIconSize(QSize(16, 16))
    palette = nav.palette()
    for row in range(nav.count()):
        item = nav.item(row)
        name = PAGE_ICONS.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if name:
            item.setIcon(line_icon(name, palette))
