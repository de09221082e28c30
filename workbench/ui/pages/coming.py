"""A page that a later release fills: it says so, instead of showing a blank."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workbench.core.enums import Role
from workbench.ui.widgets import Retranslating, page_title

if TYPE_CHECKING:
    from workbench.ui.sync_controller import SyncController


class ComingPage(Retranslating, QWidget):
    """Title, a line on what the page will do, and a note that it is on its way."""

    def __init__(
        self, page_id: str, controller: SyncController | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.page_id = page_id
        self.role = Role.CREATOR
        self.setObjectName(f"page-{page_id}")
        self.title = page_title()
        self.blurb = QLabel()
        self.blurb.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("comingNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.blurb)
        layout.addSpacing(16)
        layout.addWidget(self.note)
        layout.addStretch(1)
        for label in (self.title, self.blurb, self.note):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if controller is not None:
            controller.sessionChanged.connect(self._session)
            self._session(controller.session)
        self.retranslate()

    def _session(self, session: Any) -> None:
        if session is not None:
            self.role = session.account.role
            self.retranslate()

    def retranslate(self) -> None:
        title, blurb = _texts(self.page_id, self.role)
        self.title.setText(title)
        self.blurb.setText(blurb)
        self.note.setText(
            self.tr(
                "Coming soon: this page arrives in a coming release. Your data is already "
                "synced and kept offline, so it will be here when the page is."
            )
        )


def _texts(page_id: str, role: Role = Role.CREATOR) -> tuple[str, str]:
    t = QCoreApplication.translate
    if role is Role.MERCHANT:
        merchant = _merchant_texts().get(page_id)
        if merchant is not None:
            return merchant
    texts = {
        "channels": (
            t("ComingPage", "My channels"),
            t(
                "ComingPage",
                "Your channels (视频号, 公众号, 服务号, 小程序, 社群) and the products placed on each, with their health.",
            ),
        ),
        "plans": (
            t("ComingPage", "Promotion plans"),
            t("ComingPage", "Plans you joined or run, their terms and the history of every rate."),
        ),
        "samples": (
            t("ComingPage", "Samples"),
            t("ComingPage", "Sample requests, shipping and the content owed for them."),
        ),
        "analytics": (
            t("ComingPage", "Analytics"),
            t("ComingPage", "Sales and commission by channel, product and day, with CSV export."),
        ),
    }
    return texts.get(page_id, (page_id, ""))


def _merchant_texts() -> dict[str, tuple[str, str]]:
    t = QCoreApplication.translate
    return {
        "plans": (
            t("ComingPage", "My promotion plans"),
            t(
                "ComingPage",
                "The plans you run on your products (general, targeted, exclusive), their rates and "
                "their history.",
            ),
        ),
        "reviews": (
            t("ComingPage", "Reviews"),
            t(
                "ComingPage",
                "Creators' applications to your plans, to approve or reject with a reason.",
            ),
        ),
        "samples": (
            t("ComingPage", "Samples"),
            t(
                "ComingPage",
                "Sample requests to review and ship, and each creator's fulfilment rate.",
            ),
        ),
        "analytics": (
            t("ComingPage", "Analytics"),
            t(
                "ComingPage",
                "Sales by creator and by channel, by product and day, with CSV export.",
            ),
        ),
    }
