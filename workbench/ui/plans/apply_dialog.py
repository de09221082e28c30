"""Apply to a plan: the rate I expect (whole percent, the plan's own rate filled in) and a
message to the merchant (at most 500 characters), checked beside each field before anything is
queued.

The server takes an application only under the terms the creator saw (``expected_rate_ppm``
equal to the plan's rate for them, else ``plan_changed``), so an expected rate other than the
plan's is answered here at once instead of after the next sync. What the edit itself refuses (an
open application to the same plan) is shown in the dialog too, which stays open. The edit goes
through the outbox (``plan_edits.apply`` via ``SyncController.edit_with``), so applying works
offline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import DomainError, ErrorCode
from workbench.store import plan_edits
from workbench.store.plan_edits import MESSAGE_MAX
from workbench.ui.cache_notices import problem_text
from workbench.ui.conflicts import reason_text
from workbench.ui.selection.columns import percent
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating, number

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.plans import PlanRow
    from workbench.ui.sync_controller import SyncController

CAUSE = "plans"


def whole_percent(ppm: int) -> int:
    """A rate in parts per million as the nearest whole percent."""
    return (int(ppm) + 5_000) // 10_000


class ApplyDialog(Retranslating, QDialog):
    """Expected rate and message for one plan; ``applied`` with the application's id."""

    applied = Signal(str)

    def __init__(
        self, controller: SyncController, plan: PlanRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("applyDialog")
        self.controller = controller
        self.plan = plan
        self.intro = QLabel()
        self.intro.setObjectName("applyIntro")
        self.intro.setWordWrap(True)
        self.rate = QSpinBox()
        self.rate.setObjectName("expectedRate")
        self.rate.setRange(0, 100)
        self.rate.setSuffix(" %")
        self.rate.setValue(whole_percent(plan.rate_ppm))
        self.rate_error = self._error_label("expectedRateError")
        self.message = QPlainTextEdit()
        self.message.setObjectName("applyMessage")
        self.message.setTabChangesFocus(True)
        self.message.textChanged.connect(self._count)
        self.length = QLabel()
        self.length.setObjectName("applyMessageLength")
        self.message_error = self._error_label("applyMessageError")
        self.error = self._error_label("applyError")  # what the edit refused
        self.rate_label, self.message_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.rate_label, self.rate)
        form.addRow("", self.rate_error)
        form.addRow(self.message_label, self.message)
        form.addRow("", self.length)
        form.addRow("", self.message_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = QPushButton()
        self.ok.setObjectName("applyOk")
        self.ok.setDefault(True)
        self.buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._refusal: BaseException | None = None
        self.retranslate()
        self.resize(520, 340)

    def retranslate(self) -> None:
        plan = self.plan
        self.setWindowTitle(self.tr("Apply to a plan"))
        self.intro.setText(
            self.tr("%1 · %2: the plan pays %3.")
            .replace("%1", plan.title or plan.product_id)
            .replace("%2", plan.shop_name or "—")
            .replace("%3", percent(plan.rate_ppm))
        )
        self.message.setPlaceholderText(
            self.tr("Who you are and how you will promote it (followers, channels, past sales)")
        )
        self.rate_label.setText(self.tr("Expected rate"))
        self.message_label.setText(self.tr("Message to the merchant"))
        self.ok.setText(self.tr("Apply"))
        self._count()
        if self.rate_error.isVisibleTo(self) or self.message_error.isVisibleTo(self):
            self._show_problems()  # in the new language
        if self._refusal is not None:
            self._refused(self._refusal)

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        label.hide()
        return label

    def _count(self) -> None:
        used = len(self.message.toPlainText())
        self.length.setText(
            self.tr("%1 of %2 characters")
            .replace("%1", number(used))
            .replace("%2", number(MESSAGE_MAX))
        )

    def problems(self) -> tuple[str | None, str | None]:
        """(what is wrong with the rate, with the message); None where nothing is."""
        rate_problem = message_problem = None
        if self.rate.value() != whole_percent(self.plan.rate_ppm):
            rate_problem = self.tr(
                "This plan pays %1: an application is made at the plan's rate. To earn more, "
                "ask the merchant for a targeted plan."
            ).replace("%1", percent(self.plan.rate_ppm))
        text = self.message.toPlainText()
        if len(text) > MESSAGE_MAX:
            message_problem = (
                self.tr("At most %1 characters: this message has %2.")
                .replace("%1", number(MESSAGE_MAX))
                .replace("%2", number(len(text)))
            )
        elif "\x00" in text:
            message_problem = self.tr("The message holds a character that cannot be sent.")
        return rate_problem, message_problem

    def _show_problems(self) -> bool:
        """Say each field's problem beside it; whether there was one."""
        rate_problem, message_problem = self.problems()
        for label, problem in ((self.rate_error, rate_problem),
                               (self.message_error, message_problem)):  # fmt: skip
            label.setText(problem or "")
            label.setVisible(problem is not None)
        return rate_problem is not None or message_problem is not None

    def submit(self) -> None:
        """Check the fields; if they are right, queue the application (the dialog closes when
        it is queued, and stays open with the reason when it is refused)."""
        self.error.hide()
        self._refusal = None
        if self._show_problems():
            return
        plan_id, rate, text = self.plan.id, self.plan.rate_ppm, self.message.toPlainText().strip()

        def edit(cache: Cache) -> str:
            return plan_edits.apply(cache, plan_id, rate, text)

        self.ok.setEnabled(False)
        self.controller.edit_with(edit, self._queued, self._refused, cause=CAUSE)

    def _queued(self, app_id: Any) -> None:
        self.applied.emit(str(app_id))
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._refusal = exc
        self.ok.setEnabled(True)
        if isinstance(exc, DomainError) and exc.code is ErrorCode.DUPLICATE_APPLICATION:
            text = self.tr("You already applied to this plan: see My applications.")
        elif isinstance(exc, DomainError):
            text = reason_text(exc.code.value, str(exc))
        else:
            text = problem_text(exc) or str(exc)
        self.error.setText(self.tr("Not applied: %1").replace("%1", text))
        self.error.show()
