"""Small widgets every page uses the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def page_title() -> QLabel:
    """The large bold title at the top of a page."""
    title = QLabel()
    title.setObjectName("pageTitle")
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    title.setFont(font)
    return title
