"""Edits the server refused or answered with a conflict: said at once, and listed on demand.

The sync engine keeps every refused edit in the cache's ``conflict`` table with the server's
code, detail and what the user wanted (``mine``). This module turns those into words a person
reads: :func:`reason_text` (one translated sentence per error code, the server's detail as the
fallback) and the :class:`RejectionNotice` the window shows where the user is the moment a sync
brings new ones. The list of them all, with what to do, is the inbox (``conflicts_inbox.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from workbench.ui.widgets import Retranslating

if TYPE_CHECKING:
    pass

t = QCoreApplication.translate


def reason_text(code: str | None, detail: str | None = None) -> str:
    """Why the server said no, in the UI's language (its own detail for a code we do not know)."""
    reasons = {
        "channel_not_allowed": t(
            "Conflicts",
            "A 视频号带货者 sells on 视频号 channels only: upgrade to 微信小店带货者 to use other channels.",
        ),
        "unknown_entity": t(
            "Conflicts",
            "What it refers to is not on the server (for example a channel the server refused).",
        ),
        "product_not_promotable": t(
            "Conflicts", "The product cannot be promoted now (delisted or sale forbidden)."
        ),
        "listing_exists": t("Conflicts", "The product is already on that channel."),
        "channel_gone": t(
            "Conflicts",
            "The channel it was going to is gone (deleted on another device): "
            "the listing stays where it was.",
        ),
        "wrong_role": t("Conflicts", "This account's role cannot do that."),
        "forbidden": t("Conflicts", "This account may not do that."),
        "version_conflict": t(
            "Conflicts", "Someone changed it on the server first; the server's version is kept."
        ),
        "invalid_payload": t("Conflicts", "The server could not accept the values of this edit."),
        "not_eligible": t("Conflicts", "This account is not eligible for that."),
        "plan_not_active": t("Conflicts", "The plan is not active."),
        "already_decided": t("Conflicts", "It was already decided."),
        "duplicate_application": t("Conflicts", "You have already applied."),
        "not_your_product": t("Conflicts", "The product belongs to another shop."),
    }
    if code in reasons:
        return reasons[code]
    return detail or code or t("Conflicts", "The server refused it.")


class RejectionNotice(Retranslating, QFrame):
    """A non-modal strip above the pages: the server refused an edit, why, and the way to the list."""

    showRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectionNotice")
        self.conflicts: list[dict[str, Any]] = []
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.show_button = QPushButton()
        self.show_button.setObjectName("showConflicts")
        self.show_button.clicked.connect(self.showRequested)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 8, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.close_button)
        self.restyle()
        self.hide()
        self.retranslate()

    def restyle(self) -> None:
        """Colours from the application's palette; the window calls this on a theme change (a
        child with a style sheet of its own does not hear of one)."""
        from PySide6.QtGui import QGuiApplication, QPalette

        from workbench.ui.theme import error_color

        # The application's palette, not this widget's: a style sheet changes the widget's own.
        palette = QGuiApplication.palette()
        red = error_color(palette).name()
        base = palette.color(QPalette.ColorRole.Base).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        if (red, base, text) == getattr(self, "_colours", None):
            return  # setting the style sheet sends a palette change of its own
        self._colours = (red, base, text)
        self.setStyleSheet(
            f"#rejectionNotice {{ border-bottom: 2px solid {red}; background: {base}; }}"
            f"#rejectionNotice QLabel {{ color: {text}; }}"
        )

    def show_rejections(self, conflicts: list[dict[str, Any]]) -> None:
        """New refusals from the last sync (nothing to say for an empty list)."""
        if not conflicts:
            return
        self.conflicts = conflicts
        self.retranslate()
        self.show()

    def clear(self) -> None:
        self.conflicts = []
        self.hide()

    def retranslate(self) -> None:
        self.show_button.setText(self.tr("Show conflicts"))
        self.close_button.setToolTip(self.tr("Close this message"))
        if not self.conflicts:
            self.text.setText("")
            return
        first = self.conflicts[0]
        reason = reason_text(first.get("code"), first.get("detail"))
        self.text.setText(
            self.tr("The server refused %Ln of your edits: %1", "", len(self.conflicts)).replace(
                "%1", reason
            )
        )
