"""One application's timeline beside the list of my applications: what I applied for (product,
shop, plan type, the rate I applied under, my message), then each step with its time: applied,
approved or rejected (with the merchant's reason), withdrawn. A step the server has not answered
yet says so. Below it the application's actions: Withdraw (while it waits for the merchant) and
List on channels… (once approved, with the channels that list the product already); a disabled
one says why in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbench.core.enums import ApplicationStatus
from workbench.store.applications import ApplicationRow, TimelineStep
from workbench.store.product_detail import Placement
from workbench.ui.merchant.texts import moment, plan_type_name
from workbench.ui.selection.channel_picker import kind_names
from workbench.ui.selection.columns import percent
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating


def when(text: str | None) -> str:
    """A step's time in local time, to the minute."""
    return moment(text).astimezone().strftime("%Y-%m-%d %H:%M") if text else ""


class TimelinePanel(Retranslating, QFrame):
    """The selected application's facts, steps and actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicationTimeline")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.row: ApplicationRow | None = None
        self.heading = QLabel()
        self.heading.setObjectName("timelineProduct")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.facts = QLabel()
        self.facts.setObjectName("timelineFacts")
        self.facts.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("timelineMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps_title = QLabel()
        self.steps_title.setObjectName("timelineTitle")
        bold = self.steps_title.font()
        bold.setBold(True)
        self.steps_title.setFont(bold)
        self.listed = QLabel()
        self.listed.setObjectName("timelineListed")
        self.listed.setWordWrap(True)
        self.placed: list[Placement] | None = None  # None: not read (yet)
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(6)
        self.steps: list[QLabel] = []
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdrawApplication")
        self.list_button = QPushButton()
        self.list_button.setObjectName("listOnChannels")
        actions = QHBoxLayout()
        actions.addWidget(self.withdraw_button)
        actions.addWidget(self.list_button)
        actions.addStretch(1)
        self.empty = QLabel()
        self.empty.setObjectName("timelineEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.empty)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addWidget(self.steps_title)
        layout.addLayout(self.steps_box)
        layout.addSpacing(8)
        layout.addWidget(self.listed)
        layout.addStretch(1)
        layout.addLayout(actions)
        self.retranslate()

    def retranslate(self) -> None:
        self.withdraw_button.setText(self.tr("Withdraw"))
        self.list_button.setText(self.tr("List on channels…"))
        self.empty.setText(self.tr("Select an application to see its timeline."))
        self.steps_title.setText(self.tr("Timeline"))
        self.show_row(self.row)

    def show_placed(self, placed: list[Placement] | None) -> None:
        """My channels listing the product of the application shown (None: not known)."""
        self.placed = placed
        approved = self.row is not None and self.row.status is ApplicationStatus.APPROVED
        if placed is None or not approved:
            self.listed.hide()
            return
        names = kind_names()
        self.listed.setText(
            self.tr("On my channels: %1").replace(
                "%1",
                "、".join(
                    p.channel_name or names.get(str(p.channel_kind), str(p.channel_kind))
                    for p in placed
                ),
            )
            if placed
            else self.tr("Not on any of my channels yet.")
        )
        self.listed.show()

    def show_row(self, row: ApplicationRow | None) -> None:
        if row is None or self.row is None or row.id != self.row.id:
            self.placed = None  # another application: its listings are read anew
        self.row = row
        for label in self.steps:
            label.deleteLater()
        self.steps = []
        shown = row is not None
        self.empty.setVisible(not shown)
        for widget in (self.heading, self.facts, self.message, self.steps_title,
                       self.withdraw_button, self.list_button):  # fmt: skip
            widget.setVisible(shown)
        if row is None:
            self.listed.hide()
            return
        self.heading.setText(row.title or row.product_id or self.tr("Product not in the cache"))
        kind = plan_type_name(row.plan_type) if row.plan_type else "—"
        self.facts.setText(
            self.tr("%1 · %2 · applied under %3")
            .replace("%1", row.shop_name or "—")
            .replace("%2", kind)
            .replace("%3", percent(row.rate_ppm))
        )
        self.message.setText(
            self.tr("My message: %1").replace("%1", row.message)
            if row.message
            else self.tr("No message.")
        )
        for step in row.timeline:
            label = QLabel(self._step_text(step, row))
            label.setObjectName(f"step-{step.what}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if step.what == "rejected":
                label.setStyleSheet(f"color: {error_color(self.palette()).name()};")
            self.steps_box.addWidget(label)
            self.steps.append(label)
        pending = row.status is ApplicationStatus.PENDING
        approved = row.status is ApplicationStatus.APPROVED
        self.withdraw_button.setEnabled(pending)
        self.withdraw_button.setToolTip(
            self.tr("Withdraw this application: the merchant no longer reviews it.")
            if pending
            else self.tr("Only an application waiting for the merchant can be withdrawn.")
        )
        self.list_button.setEnabled(approved and bool(row.product_id))
        self.list_button.setToolTip(
            self.tr("Place the product on the channels you choose.")
            if approved
            else self.tr("Listing from here opens once the merchant approves.")
        )
        self.show_placed(self.placed)

    def _step_text(self, step: TimelineStep, row: ApplicationRow) -> str:
        name = {
            "applied": self.tr("Applied"),
            "approved": self.tr("Approved by the merchant"),
            "rejected": self.tr("Rejected by the merchant"),
            "withdrawn": self.tr("Withdrawn"),
        }[step.what]
        if step.at:
            head = f"● {name} — {when(step.at)}"
        elif row.pending:
            head = "● " + self.tr("%1 — waiting to be sent").replace("%1", name)
        else:
            head = f"● {name}"
        if step.what == "rejected":
            head += "\n" + self.tr("Reason: %1").replace("%1", step.reason or "—")
        if step.what == "applied" and row.status is ApplicationStatus.PENDING and not row.pending:
            head += "\n" + self.tr("Waiting for the merchant's decision.")
        return head
