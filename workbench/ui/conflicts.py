"""Edits the server refused or answered with a conflict: said at once, and listed on demand.

The sync engine keeps every refused edit in the cache's ``conflict`` table with the server's
code, detail and what the user wanted (``mine``). This module turns those into words a person
reads: :func:`reason_text` (one translated sentence per error code, the server's detail as the
fallback), :func:`attempt_text` (what was tried), the :class:`RejectionNotice` the window shows
where the user is the moment a sync brings new ones, and the :class:`ConflictsDialog` that lists
the open ones (the conflicts inbox of the channels work replaces the dialog; keep it small).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.widgets import Retranslating

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.sync_controller import SyncController

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


def _mine(conflict: dict[str, Any]) -> dict[str, Any]:
    try:
        mine = json.loads(conflict.get("mine") or "{}")
    except ValueError:
        return {}
    return mine if isinstance(mine, dict) else {}


def attempt_text(conflict: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """What the refused edit tried, in words (``names``: ids → titles and channel names)."""
    from workbench.ui.selection.channel_picker import kind_names

    names = names or {}
    mine = _mine(conflict)
    kind = conflict.get("mutation_type", "")
    if kind == "channel.create":
        kind_name = kind_names().get(str(mine.get("kind")), str(mine.get("kind", "")))
        return (
            t("Conflicts", "Add the %1 channel “%2”")
            .replace("%1", kind_name)
            .replace("%2", str(mine.get("name", "")))
        )
    if kind == "listing.create":
        product = str(mine.get("product_id", ""))
        channel = str(mine.get("channel_id", ""))
        return (
            t("Conflicts", "Place “%1” on the channel “%2”")
            .replace("%1", names.get(product, product))
            .replace("%2", names.get(channel, channel))
        )
    if kind.startswith("favourite."):
        product = str(conflict.get("entity_id", ""))
        return t("Conflicts", "Favourite “%1”").replace("%1", names.get(product, product))
    return t("Conflicts", "%1 of %2").replace("%1", kind).replace("%2", str(conflict["entity_id"]))


def read_open_conflicts(cache: Cache) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The open conflicts, and names for the ids they mention (database lane)."""
    conflicts = cache.conflicts()
    names: dict[str, str] = {}
    channels = {str(c["id"]): str(c.get("name", "")) for c in cache.rows("channel")}
    for conflict in conflicts:
        mine = _mine(conflict)
        if conflict["mutation_type"] == "channel.create":
            channels.setdefault(str(conflict["entity_id"]), str(mine.get("name", "")))
        for key in ("product_id", "channel_id"):
            value = str(mine.get(key, ""))
            if key == "channel_id" and value in channels:
                names[value] = channels[value]
            elif key == "product_id" and value and value not in names:
                product = cache.product(value)
                if product is not None:
                    names[value] = str(product["title"])
        if conflict["mutation_type"].startswith("favourite."):
            product = cache.product(str(conflict["entity_id"]))
            if product is not None:
                names[str(conflict["entity_id"])] = str(product["title"])
    return conflicts, names


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


class ConflictsDialog(Retranslating, QDialog):
    """The open conflicts: when, what was tried, and why the server refused it."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.conflicts: list[dict[str, Any]] = []
        self.names: dict[str, str] = {}
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("conflictsTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(820, 360)
        self.retranslate()
        controller.read(read_open_conflicts, self.show_conflicts)

    def show_conflicts(self, result: tuple[list[dict[str, Any]], dict[str, str]]) -> None:
        if not shiboken6.isValid(self):
            return  # closed (and deleted) before the read came back
        self.conflicts, self.names = result
        self._fill()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Conflicts"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("What you tried"), self.tr("Why the server refused it")]
        )
        self.note.setText(
            self.tr(
                "Refused edits are not applied; what you see is what the server has. Nothing else was lost."
            )
        )
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.conflicts))
        for row, conflict in enumerate(self.conflicts):
            try:
                when = datetime.fromisoformat(str(conflict["created_at"]).replace("Z", "+00:00"))
                when_text = when.astimezone().strftime("%Y-%m-%d %H:%M")
            except ValueError:
                when_text = str(conflict["created_at"])
            cells = (
                when_text,
                attempt_text(conflict, self.names),
                reason_text(conflict.get("code"), conflict.get("detail")),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
