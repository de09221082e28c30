"""The one-line message about the user's last action on a page ("3 listings added…").

A message belongs to its action and its account: it is dropped when another account opens; a
message about an edit follows that edit (queued offline → being sent → sent) as the sync
controller reports; its text is made by a function, so a language switch re-renders it; and it
is one elided line (the whole text in the tooltip), so it never takes room from the table below.
A finished message fades after a while.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:
    from workbench.ui.sync_controller import SyncController

OFFLINE, SENDING, SENT = "offline", "sending", "sent"
FADE_MS = 20_000

Render = Callable[[], str]
EditRender = Callable[[str], str]  # the edit's state (OFFLINE, SENDING, SENT) → the text


class ActionMessage(QLabel):
    """Shows :meth:`say` / :meth:`say_edit` messages; call from the GUI thread."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageMessage")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.controller = controller
        self._render: Render | None = None
        self._full = ""  # the whole text; painted elided to the label's width
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.setInterval(FADE_MS)
        self._fade.timeout.connect(self.clear_message)
        # Bound methods: Qt disconnects them when this label is destroyed.
        controller.sessionChanged.connect(self._session_changed)
        controller.synced.connect(self._synced)
        controller.stateChanged.connect(self._state_changed)
        controller.rejected.connect(self._rejected)
        self._edit: EditRender | None = None
        self._state = SENT

    def say(self, text: str | Render) -> None:
        """A message about something done here and now (text, or a function for its text)."""
        self._edit = None
        self._render = text if callable(text) else (lambda: text)
        self._show()
        self._fade.start()

    def say_edit(self, render: EditRender) -> None:
        """A message about edits just queued: it follows them until the server has them."""
        self._edit = render
        self._state = SENDING if self.controller.state in ("online", "syncing") else OFFLINE
        self._render = lambda: render(self._state)
        self._fade.stop()
        self._show()

    def clear_message(self) -> None:
        self._edit = None
        self._render = None
        self._fade.stop()
        self._show()

    # --- following the edit -----------------------------------------------------------------
    def _session_changed(self, _session: Any) -> None:
        self.clear_message()  # another account: this message was about the old one

    def _synced(self, _summary: Any) -> None:
        pending = self.controller.last_status.get("pending")
        if self._edit is not None and self._state != SENT and not pending:
            self._state = SENT
            self._show()
            self._fade.start()

    def _rejected(self, _conflicts: list[Any]) -> None:
        if self._edit is not None:  # the window says what was refused; "sent" would mislead
            self.clear_message()

    def _state_changed(self, state: str) -> None:
        if self._edit is not None and self._state == SENDING and state == "offline":
            self._state = OFFLINE
            self._show()

    # --- showing ------------------------------------------------------------------------------
    def _show(self) -> None:
        self._full = self._render() if self._render is not None else ""
        self.setToolTip(self._full)
        self.setText(self._full)

    def paintEvent(self, _event: QPaintEvent) -> None:
        # One line, elided: a long message (or a narrow window) never wraps into the table.
        area = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, area.width()
        )
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(area, int(self.alignment()), shown)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
