"""The Samples dialogs: hand in the content link (checked as the server checks it, said beside
the field), and request a sample of a product with an optional note.

Each is shown with ``open()``; the page (or the detail panel's action) runs the edit when it is
accepted and, if the edit is refused, shows why in the still-open dialog (``show_error``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.store.samples import NOTE_MAX, content_url_problem
from workbench.ui.merchant.plan_dialogs import dialog_buttons, error_label
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating

t = QCoreApplication.translate


def problem_text(problem: str) -> str:
    """One of ``store.samples.content_url_problem``'s codes in words."""
    return {
        "empty": t(
            "FulfilDialog", "Paste the link to your content (video, live replay or article)."
        ),
        "too_long": t("FulfilDialog", "The link is too long (at most 500 characters)."),
        "spaces": t("FulfilDialog", "A link has no spaces in it."),
    }.get(problem, t("FulfilDialog", "A link starts with http:// or https://"))


class _EditDialog(Retranslating, QDialog):
    """An edit's dialog: an error line under its fields and our own accept button."""

    def _finish(self, layout: QVBoxLayout, name: str) -> None:
        self.error = error_label(name)
        self.error.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.buttons, self.ok = dialog_buttons(self.submit, self.reject)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)

    def submit(self) -> None:
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.ok.setEnabled(True)


class FulfilDialog(_EditDialog):
    """The content link of a sample; ``content_url`` once accepted."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fulfilDialog")
        self.product = title
        self.content_url = ""
        self.problem: str | None = None  # the link's problem said (said again in a new language)
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setObjectName("contentUrl")
        self.url.textEdited.connect(lambda _t: self.error.hide())
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.url)
        self._finish(layout, "contentUrlError")
        self.resize(520, 170)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Hand in content"))
        self.what.setText(
            self.tr("The link to the content you made with the sample of “%1”:").replace(
                "%1", self.product
            )
        )
        self.url.setPlaceholderText("https://channels.weixin.qq.com/…")
        self.ok.setText(self.tr("Hand in (Ctrl+Enter)"))
        if self.problem is not None and self.error.isVisible():
            self.error.setText(problem_text(self.problem))

    def submit(self) -> None:
        text = self.url.text().strip()
        self.problem = content_url_problem(text)
        if self.problem is not None:
            self.show_error(problem_text(self.problem))
            return
        self.content_url = text
        self.accept()


class RequestDialog(_EditDialog):
    """A sample request of one product with an optional note: ``submitted(note)``.

    It stays open until the caller's edit is queued (it closes it) or refused (``show_error``)."""

    submitted = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestSampleDialog")
        self.product = title
        self.note = ""
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("sampleNote")
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.text, 1)
        self._finish(layout, "sampleRequestError")
        self.text.textChanged.connect(self.error.hide)
        self.resize(460, 260)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Request a sample"))
        self.what.setText(
            self.tr(
                "Ask the merchant for a sample of “%1”. Once it ships you owe content within "
                "14 days (one 7-day extension). A note for the merchant (optional):"
            ).replace("%1", self.product)
        )
        self.text.setPlaceholderText(self.tr("For example: an unboxing video on my 视频号"))
        self.ok.setText(self.tr("Request (Ctrl+Enter)"))

    def submit(self) -> None:
        note = self.text.toPlainText().strip()
        if len(note) > NOTE_MAX:
            self.show_error(
                self.tr("The note is too long: at most %1 characters.").replace("%1", str(NOTE_MAX))
            )
            return
        self.note = note
        self.ok.setEnabled(False)  # until the edit is queued or refused
        self.submitted.emit(note)
