"""The upgrade banner of the channels page: 视频号带货者 → 微信小店带货者.

Shown to a creator the server still knows as a 视频号带货者. It says what changes (every channel
kind opens) and what is carried over whole (橱窗商品, orders, the 保证金 deposit and the 结算
settlement records; no second deposit), with the figures this account has, read through the
shared reader (``store/upgrade.py``). Its Upgrade action is an outbox edit: it works offline,
and the banner says "pending" until the server confirms, then goes away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbench.store import upgrade as store
from workbench.ui.pages.registry import Audience
from workbench.ui.selection.columns import yuan
from workbench.ui.widgets import Retranslating

if TYPE_CHECKING:
    from workbench.store.changed import Changed
    from workbench.ui.sync_controller import SyncController

WATCHED = ("account", "deposit", "settlement", "listing", "order")
CAUSE = "channels"


class UpgradeBanner(Retranslating, QFrame):
    """What the upgrade changes and keeps, the figures it keeps, and the action."""

    said = Signal(str, bool)  # a message for the page's message line (text, is an error)

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("upgradeBanner")
        self.controller = controller
        self.audience = Audience()
        self.figures: store.CarryOver | None = None
        self.queued = False  # queued in this session, before the read says so
        self.account: str | None = None
        self.heading = QLabel()
        self.heading.setObjectName("upgradeHeading")
        self.heading.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("upgradeText")
        self.text.setWordWrap(True)
        self.kept = QLabel()
        self.kept.setObjectName("upgradeKept")
        self.kept.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("upgrade")
        self.button.clicked.connect(self.upgrade)
        words = QVBoxLayout()
        words.setSpacing(4)
        for label in (self.heading, self.text, self.kept):
            words.addWidget(label)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.addLayout(words, 1)
        row.addWidget(self.button)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.hide()
        self.retranslate()
        controller.changed.connect(self._changed)

    # --- state ---------------------------------------------------------------------------------
    def set_audience(self, audience: Audience) -> None:
        """The page's account (or its identity) changed."""
        self.audience = audience
        session = self.controller.session
        account = None if session is None else session.account.id
        if account != self.account:  # another account: forget the last one's figures
            self.account, self.figures, self.queued = account, None, False
        known = self.figures is not None and self.figures.identity is not None
        self.setVisible(self.figures.legacy if known else audience.legacy)  # type: ignore[union-attr]
        if audience.creator and session is not None:
            self.reload()
        self.retranslate()

    @property
    def pending(self) -> bool:
        return self.queued or (self.figures is not None and self.figures.pending)

    def _changed(self, changed: Changed) -> None:
        live = self.audience.creator and self.controller.session is not None
        if live and (changed.touches(WATCHED) or changed.cause == CAUSE):
            self.reload()

    def reload(self) -> None:
        self.controller.reader.background(store.carry_over, self._read)

    def _read(self, figures: store.CarryOver) -> None:
        self.figures = figures
        if figures.identity is not None:
            self.queued = self.queued and figures.legacy
            self.setVisible(figures.legacy)
        self.retranslate()

    def upgrade(self) -> None:
        """Queue the upgrade (offline too); a second press while pending does nothing."""
        if self.controller.session is None or not self.isVisible() or self.pending:
            return

        def done(_queued: bool) -> None:
            self.said.emit(
                self.tr(
                    "Upgrade queued: every channel kind opens now, and the server confirms it "
                    "at the next sync."
                ),
                False,
            )

        def failed(exc: BaseException) -> None:
            self.queued = False
            self.retranslate()
            self.said.emit(self.tr("Not saved: %1").replace("%1", str(exc)), True)

        self.queued = True
        self.retranslate()
        self.controller.edit_with(store.upgrade, done, failed, cause=CAUSE)

    # --- words and looks -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(
            self.tr("Upgrade to 微信小店带货者")
            if not self.pending
            else self.tr("Upgrade to 微信小店带货者: waiting for the server (pending sync)")
        )
        self.text.setText(
            self.tr(
                "You sell as a 视频号带货者: only 视频号 channels (showcase, live, short video). "
                "After the upgrade every channel kind opens: 公众号, 服务号, 小程序 and 社群. "
                "Your account, its id and everything it has stay as they are."
            )
        )
        self.kept.setText(self._kept_text())
        self.button.setText(
            self.tr("Pending sync") if self.pending else self.tr("Upgrade (Ctrl+Shift+U)")
        )
        self.button.setEnabled(not self.pending)
        self.button.setToolTip(
            self.tr("Sent when the server can be reached; works offline.")
            if self.pending
            else self.tr("Upgrade this account to 微信小店带货者")
        )

    def _kept_text(self) -> str:
        f = self.figures
        if f is None:
            return self.tr(
                "Carried over whole: 橱窗商品, orders, the 保证金 deposit and the 结算 settlement "
                "records. No second deposit is paid."
            )
        deposit = self.tr("no 保证金 deposit") if f.deposit_fen is None else yuan(f.deposit_fen)
        return (
            self.tr(
                "Carried over whole: 保证金 deposit %1, %n month(s) of 结算 settlements",
                "",
                f.settlements,
            ).replace("%1", deposit)
            + self.tr(", %n 橱窗商品 listing(s)", "", f.listings)
            + self.tr(" and %n order(s). No second deposit is paid.", "", f.orders)
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        """A rounded box in the current palette (light or dark) with an accent edge; painted,
        not a style sheet, so a theme switch needs nothing but a repaint."""
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(accent, 1))
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(box.x(), box.y(), 5, box.height()), 3, 3)
        painter.end()
