"""The review queues' dialogs: a rejection's reason, and tracking numbers for shipping samples.
Each says a missing value beside its field and closes only with what the edit needs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import DomainError
from workbench.core.workflow import check_reason
from workbench.store.merchant_pages import ReviewRow
from workbench.ui.merchant.plan_dialogs import dialog_buttons, error_label
from workbench.ui.merchant.texts import creator_label, rule_text
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating


class ReasonDialog(Retranslating, QDialog):
    """Why these are rejected (the creator reads it); ``reason`` once accepted."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.count = count
        self.reason = ""
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("rejectReason")
        self.error = error_label("reasonError")
        self.error.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.buttons, self.ok = dialog_buttons(self.submit, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)
        self.resize(440, 260)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Reject"))
        self.what.setText(
            self.tr("Reject %n request(s). The reason is sent to each creator:", "", self.count)
        )
        self.text.setPlaceholderText(self.tr("For example: the plan is full this month"))
        self.ok.setText(self.tr("Reject (Ctrl+Enter)"))

    def submit(self) -> None:
        try:
            self.reason = check_reason(self.text.toPlainText())
        except DomainError as err:
            self.error.setText(rule_text(err.code.value, str(err)))
            self.error.show()
            return
        self.accept()


class ShipDialog(Retranslating, QDialog):
    """A tracking number per approved sample; ``tracking`` (id → number) once accepted."""

    def __init__(self, rows: list[ReviewRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shipDialog")
        self.rows = rows
        self.tracking: dict[str, str] = {}
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("trackingTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().resizeSection(2, 200)
        for r, row in enumerate(rows):
            for c, text in enumerate((creator_label(row.creator_id, row.summary.name), row.title)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
            self.table.setItem(r, 2, QTableWidgetItem(row.tracking_no or ""))
        self.error = error_label("trackingError")
        self.error.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.buttons, self.ok = dialog_buttons(self.submit, self.reject)
        self.what = QLabel()
        self.what.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)
        self.resize(620, 400)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Ship samples"))
        self.what.setText(self.tr("Type the tracking number of each sample (the creator sees it):"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Creator"), self.tr("Product"), self.tr("Tracking number")]
        )
        self.ok.setText(self.tr("Ship (Ctrl+Enter)"))

    def set_number(self, row: int, number: str) -> None:
        item = self.table.item(row, 2)
        if item is not None:
            item.setText(number)

    def submit(self) -> None:
        found: dict[str, str] = {}
        for r, row in enumerate(self.rows):
            item = self.table.item(r, 2)
            number = "" if item is None else item.text().strip()
            if not number:
                self.error.setText(self.tr("Every sample needs its tracking number."))
                self.error.show()
                self.table.setCurrentCell(r, 2)
                return
            found[row.id] = number
        self.tracking = found
        self.accept()
