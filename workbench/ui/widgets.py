"""Small widgets every page uses the same way."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
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


class Retranslating:
    """Mixin (first base) for a widget with a ``retranslate()`` that sets its texts: Qt sends
    every widget a LanguageChange event when a translator is installed or removed, and this
    calls ``retranslate()`` on it, so a language switch takes effect live."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        parent: Any = super()
        parent.changeEvent(event)
