"""Editing one plan: its rate (a cut says the date it is expected to apply: the server's notice
period) and its named creators. Each dialog checks what the app can know offline and says a
broken rule beside its field; the page queues the edit through the outbox."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import DomainError, ErrorCode
from workbench.core.plan_rules import MAX_CREATORS_PER_CALL, check_rate
from workbench.store import merchant_pages as mp
from workbench.store.plan_reviews import MerchantPlanRow
from workbench.ui.merchant.plan_dialogs import (
    ID_ROLE,
    NAME_ROLE,
    dialog_buttons,
    error_label,
    name_creators,
)
from workbench.ui.merchant.texts import creator_label, day, rule_text
from workbench.ui.selection.columns import percent
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating


class RateDialog(Retranslating, QDialog):
    """A plan's new rate; ``rate_ppm`` once accepted."""

    def __init__(self, plan: MerchantPlanRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rateDialog")
        self.plan = plan
        self.rate_ppm = plan.rate_ppm
        self.rate = QDoubleSpinBox()
        self.rate.setObjectName("newRate")
        self.rate.setRange(0, 100)
        self.rate.setDecimals(1)
        self.rate.setSuffix(" %")
        self.rate.setValue(plan.rate_ppm / 10_000)
        self.rate.valueChanged.connect(lambda _v: self._explain())
        self.current = QLabel()
        self.effect = QLabel()
        self.effect.setObjectName("cutNotice")
        self.effect.setWordWrap(True)
        self.error = error_label("rateError")
        self.error.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.buttons, self.ok = dialog_buttons(self.submit, self.reject)
        form = QFormLayout()
        self.current_label, self.new_label = QLabel(), QLabel()
        form.addRow(self.current_label, self.current)
        form.addRow(self.new_label, self.rate)
        form.addRow("", self.error)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.effect)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change the rate"))
        self.ok.setText(self.tr("Save (Ctrl+Enter)"))
        self.current_label.setText(self.tr("Rate now"))
        self.new_label.setText(self.tr("New rate"))
        text = percent(self.plan.rate_ppm)
        if self.plan.pending_rate_ppm is not None:
            text += "  " + self.tr("(falls to %1 on %2)").replace(
                "%1", percent(self.plan.pending_rate_ppm)
            ).replace("%2", day(self.plan.pending_at))
        self.current.setText(text)
        self._explain()

    def new_rate(self) -> int:
        return round(self.rate.value() * 10_000)

    def _explain(self) -> None:
        new = self.new_rate()
        if new < self.plan.rate_ppm:
            text = (
                self.tr(
                    "A cut: when a creator lists this product or has applied to the plan, it is "
                    "expected to apply on %1, after the server's notice period (%2 days by default, "
                    "a server rule); creators are told at once. Otherwise it applies at once."
                )
                .replace("%1", day(mp.cut_date()))
                .replace("%2", str(mp.CUT_NOTICE_DAYS))
            )
        elif new > self.plan.rate_ppm:
            text = self.tr("A raise applies at once and drops a pending cut.")
        else:
            text = ""
        self.effect.setText(text)

    def submit(self) -> None:
        try:
            check_rate(self.new_rate())
        except DomainError as err:
            self.error.setText(rule_text(err.code.value, str(err)))
            self.error.show()
            return
        self.rate_ppm = self.new_rate()
        self.accept()


class CreatorsDialog(Retranslating, QDialog):
    """The creators a targeted or exclusive plan names: tick, untick, add by id."""

    def __init__(
        self,
        named: list[str],
        known: list[tuple[str, str | None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("creatorsDialog")
        self.named = list(named)
        self.add: list[str] = []
        self.remove: list[str] = []
        self.list = QListWidget()
        self.list.setObjectName("planCreators")
        names = dict(known)
        for creator_id in dict.fromkeys([*named, *names]):
            self._item(creator_id, creator_id in named, names.get(creator_id))
        self.creator_id = QLineEdit()
        self.creator_id.returnPressed.connect(self._add_typed)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add_typed)
        self.error = error_label("creatorsError")
        self.error.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.buttons, self.ok = dialog_buttons(self.submit, self.reject)
        row = QHBoxLayout()
        row.addWidget(self.creator_id, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)
        self.resize(420, 420)
        self.retranslate()

    def _item(self, creator_id: str, checked: bool, name: str | None = None) -> None:
        item = QListWidgetItem(creator_label(creator_id, name))
        item.setData(ID_ROLE, creator_id)
        item.setData(NAME_ROLE, name)
        item.setToolTip(creator_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def _add_typed(self) -> None:
        creator_id = self.creator_id.text().strip()
        if creator_id:
            self._item(creator_id, True)
            self.creator_id.clear()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Creators of the plan"))
        self.ok.setText(self.tr("Save (Ctrl+Enter)"))
        self.creator_id.setPlaceholderText(self.tr("A creator's account id"))
        self.add_button.setText(self.tr("Add"))
        name_creators(self.list)

    def chosen(self) -> list[str]:
        return [
            str(self.list.item(r).data(ID_ROLE))
            for r in range(self.list.count())
            if self.list.item(r).checkState() == Qt.CheckState.Checked
        ]

    def submit(self) -> None:
        chosen = self.chosen()
        self.add = [c for c in chosen if c not in self.named]
        self.remove = [c for c in self.named if c not in chosen]
        code = None
        if not chosen:
            code = ErrorCode.CREATORS_REQUIRED
        elif len(self.add) + len(self.remove) > MAX_CREATORS_PER_CALL:
            code = ErrorCode.TOO_MANY_CREATORS
        if code is not None:
            self.error.setText(rule_text(code.value))
            self.error.show()
            return
        self.accept()
