"""The create-plans dialog: up to 20 products, one type, rate, period and creators, every
platform rule checked here, offline, before anything is queued (``merchant_pages.check_draft``:
the same ``core.plan_rules`` the server runs), each broken rule said beside its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
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

from workbench.core.enums import PlanType
from workbench.core.errors import DomainError
from workbench.core.plan_rules import MAX_PRODUCTS_PER_CALL
from workbench.store import merchant_pages as mp
from workbench.ui.merchant.texts import creator_label, plan_type_name, rule_text
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating, combo_box

if TYPE_CHECKING:
    from workbench.ui.sync_controller import SyncController

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # a creator's name, where the cache knows it
CAUSE = "my_plans"


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def dialog_buttons(
    submit: Callable[[], None], cancel: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and our own accept button (a standard OK button's text is reset by Qt on a
    language change, after the dialog set its own)."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = QPushButton()
    ok.setObjectName("accept")
    ok.setDefault(True)
    box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    box.accepted.connect(submit)
    box.rejected.connect(cancel)
    return box, ok


def name_creators(box: QListWidget) -> None:
    """The creators' names in the interface's language (again after a switch)."""
    for row in range(box.count()):
        item = box.item(row)
        item.setText(creator_label(str(item.data(ID_ROLE)), item.data(NAME_ROLE)))


def to_datetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


def checkable_list(name: str) -> QListWidget:
    box = QListWidget()
    box.setObjectName(name)
    box.setMinimumHeight(120)
    return box


class CreatePlansDialog(Retranslating, QDialog):
    """New plans on up to 20 of my products (see the module docstring)."""

    def __init__(
        self, controller: SyncController, merchant_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("createPlansDialog")
        self.controller = controller
        self.merchant_id = merchant_id
        self.titles: dict[str, str] = {}
        self.problems: list[mp.RuleProblem] = []
        self.checked_once = False
        self.sending = False
        self.created: list[str] = []
        self._build()
        self.retranslate()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.check)
        self.find_products()
        self.controller.reader.background(mp.known_creators, self._creators_read)

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("productSearch")
        self.search.textChanged.connect(lambda _t: self.find_products())
        self.products = checkable_list("productList")
        self.products.itemChanged.connect(lambda _i: self._changed())
        self.product_count = QLabel()
        self.products_error = error_label("productsError")
        self.plan_type = combo_box()
        self.plan_type.setObjectName("planType")
        self.plan_type.currentIndexChanged.connect(lambda _i: self._changed())
        self.type_note = QLabel()
        self.type_note.setWordWrap(True)
        self.rate = QDoubleSpinBox()
        self.rate.setObjectName("planRate")
        self.rate.setRange(0, 100)
        self.rate.setDecimals(1)
        self.rate.setSuffix(" %")
        self.rate.setValue(20)
        self.rate.valueChanged.connect(lambda _v: self._changed())
        self.rate_error = error_label("rateError")
        now = QDateTime.currentDateTime()
        self.begin = QDateTimeEdit(now)
        self.begin.setObjectName("planBegin")
        self.end = QDateTimeEdit(now.addDays(30))
        self.end.setObjectName("planEnd")
        for edit in (self.begin, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.dateTimeChanged.connect(lambda _d: self._changed())
        self.window_error = error_label("windowError")
        self.creators = checkable_list("creatorList")
        self.creators.itemChanged.connect(lambda _i: self._changed())
        self.creator_id = QLineEdit()
        self.creator_id.setObjectName("creatorId")
        self.creator_id.returnPressed.connect(self.add_creator)
        self.add_creator_button = QPushButton()
        self.add_creator_button.clicked.connect(self.add_creator)
        self.creators_error = error_label("creatorsError")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("createNote")
        self.buttons, self.ok = dialog_buttons(self.submit, self.reject)

        left = QVBoxLayout()
        self.products_label = QLabel()
        left.addWidget(self.products_label)
        left.addWidget(self.search)
        left.addWidget(self.products, 1)
        left.addWidget(self.product_count)
        left.addWidget(self.products_error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.type_label, self.rate_label = QLabel(), QLabel()
        self.begin_label, self.end_label = QLabel(), QLabel()
        form.addRow(self.type_label, self.plan_type)
        form.addRow("", self.type_note)
        form.addRow(self.rate_label, self.rate)
        form.addRow("", self.rate_error)
        form.addRow(self.begin_label, self.begin)
        form.addRow(self.end_label, self.end)
        form.addRow("", self.window_error)
        right = QVBoxLayout()
        right.addLayout(form)
        self.creators_label = QLabel()
        right.addWidget(self.creators_label)
        right.addWidget(self.creators, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.creator_id, 1)
        add_row.addWidget(self.add_creator_button)
        right.addLayout(add_row)
        right.addWidget(self.creators_error)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.submit)
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(self.search.setFocus)
        self.resize(860, 560)
        self._restyle()

    def _restyle(self) -> None:
        color = error_color(self.palette()).name()
        for label in (self.products_error, self.rate_error, self.window_error, self.creators_error):
            label.setStyleSheet(f"color: {color};")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New promotion plans"))
        self.products_label.setText(
            self.tr("Products (at most %1 at once)").replace("%1", str(MAX_PRODUCTS_PER_CALL))
        )
        self.search.setPlaceholderText(self.tr("Find a product of your shops (Ctrl+F)"))
        self.type_label.setText(self.tr("Type"))
        self.rate_label.setText(self.tr("Rate"))
        self.begin_label.setText(self.tr("Begins"))
        self.end_label.setText(self.tr("Ends"))
        self.creators_label.setText(
            self.tr("Creators (targeted and exclusive plans name them; at most 30)")
        )
        self.creator_id.setPlaceholderText(self.tr("A creator's account id"))
        self.add_creator_button.setText(self.tr("Add"))
        name_creators(self.creators)
        self.note.setText(
            self.tr(
                "Every platform rule is checked here before anything is sent, even offline: "
                "one live general plan per product, a targeted plan needs a live general one, an "
                "exclusive plan stands alone, whole percent 0–90 %."
            )
        )
        self.ok.setText(self.tr("Create (Ctrl+Enter)"))
        current = self.plan_type.currentData()
        self.plan_type.blockSignals(True)
        self.plan_type.clear()
        for kind in PlanType:
            self.plan_type.addItem(plan_type_name(kind), kind.value)
        index = self.plan_type.findData(current)
        self.plan_type.setCurrentIndex(max(0, index))
        self.plan_type.blockSignals(False)
        self._type_note()
        self._count()
        self.show_problems(self.problems)

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._restyle()

    # --- reading -------------------------------------------------------------------------------
    def find_products(self) -> None:
        text, merchant = self.search.text().strip(), self.merchant_id
        self.controller.reader.interactive(
            lambda cache: mp.my_products(cache, merchant, text), self._products_read
        )

    def _products_read(self, rows: list[tuple[str, str]]) -> None:
        chosen = set(self.product_ids())
        self.products.blockSignals(True)
        self.products.clear()
        for product_id in chosen:  # chosen ones stay listed, first
            self._product_item(product_id, self.titles.get(product_id, product_id), True)
        for product_id, title in rows:
            self.titles[product_id] = title
            if product_id not in chosen:
                self._product_item(product_id, title, False)
        self.products.blockSignals(False)
        self._count()

    def _product_item(self, product_id: str, title: str, checked: bool) -> None:
        item = QListWidgetItem(title)
        item.setData(ID_ROLE, product_id)
        item.setToolTip(product_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.products.addItem(item)

    def _creators_read(self, known: list[tuple[str, str | None]]) -> None:
        for creator_id, name in known:
            self._creator_item(creator_id, False, name)

    def _creator_item(self, creator_id: str, checked: bool, name: str | None = None) -> None:
        for row in range(self.creators.count()):
            item = self.creators.item(row)
            if item.data(ID_ROLE) == creator_id:
                item.setCheckState(Qt.CheckState.Checked if checked else item.checkState())
                return
        item = QListWidgetItem(creator_label(creator_id, name))
        item.setData(ID_ROLE, creator_id)
        item.setData(NAME_ROLE, name)
        item.setToolTip(creator_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.creators.addItem(item)

    def add_creator(self) -> None:
        creator_id = self.creator_id.text().strip()
        if creator_id:
            self._creator_item(creator_id, True)
            self.creator_id.clear()

    # --- the draft and its rules ---------------------------------------------------------------
    @staticmethod
    def _checked(box: QListWidget) -> list[str]:
        return [
            str(box.item(r).data(ID_ROLE))
            for r in range(box.count())
            if box.item(r).checkState() == Qt.CheckState.Checked
        ]

    def product_ids(self) -> list[str]:
        return self._checked(self.products)

    def set_products(self, product_ids: list[str], titles: dict[str, str] | None = None) -> None:
        """Check these products (tests and the page's "new plan on this product")."""
        self.titles.update(titles or {})
        self.products.blockSignals(True)
        for product_id in product_ids:
            found = False
            for row in range(self.products.count()):
                item = self.products.item(row)
                if item.data(ID_ROLE) == product_id:
                    item.setCheckState(Qt.CheckState.Checked)
                    found = True
            if not found:
                self._product_item(product_id, self.titles.get(product_id, product_id), True)
        self.products.blockSignals(False)
        self._changed()

    def draft(self) -> mp.Draft:
        return mp.Draft(
            plan_type=PlanType(str(self.plan_type.currentData())),
            rate_ppm=round(self.rate.value() * 10_000),
            begin_at=to_datetime(self.begin.dateTime()),
            end_at=to_datetime(self.end.dateTime()),
            product_ids=tuple(self.product_ids()),
            creator_ids=tuple(self._checked(self.creators)),
        )

    def _changed(self) -> None:
        self._type_note()
        self._count()
        if self.checked_once:
            self._timer.start()

    def _type_note(self) -> None:
        kind = self.plan_type.currentData()
        notes = {
            PlanType.GENERAL.value: self.tr("Open to every creator; one live per product."),
            PlanType.TARGETED.value: self.tr(
                "Named creators only; the product needs a live general plan."
            ),
            PlanType.EXCLUSIVE.value: self.tr(
                "Named creators only; no other live plan on the product."
            ),
        }
        self.type_note.setText(notes.get(str(kind), ""))

    def _count(self) -> None:
        n = len(self.product_ids())
        self.product_count.setText(
            self.tr("%1 of at most %2 chosen")
            .replace("%1", str(n))
            .replace("%2", str(MAX_PRODUCTS_PER_CALL))
        )

    def check(self, then: Any = None) -> None:
        """Check the draft against the rules (background lane); show what breaks."""
        draft = self.draft()
        self.checked_once = True

        def done(problems: list[mp.RuleProblem]) -> None:
            self.show_problems(problems)
            if then is not None:
                then(problems)

        self.controller.reader.background(lambda cache: mp.check_draft(cache, draft), done)

    def show_problems(self, problems: list[mp.RuleProblem]) -> None:
        self.problems = problems
        spots = {
            "products": self.products_error,
            "creators": self.creators_error,
            "rate": self.rate_error,
            "window": self.window_error,
        }
        texts: dict[str, list[str]] = {name: [] for name in spots}
        for problem in problems:
            text = rule_text(problem.code.value, problem.detail)
            if problem.product_id is not None:
                title = self.titles.get(problem.product_id, problem.product_id)
                text = f"“{title}”: {text}"
            if text not in texts[problem.field]:
                texts[problem.field].append(text)
        for name, label in spots.items():
            label.setText("\n".join(texts[name]))
            label.setVisible(bool(texts[name]))

    def submit(self) -> None:
        """Check, then queue the plans when nothing breaks a rule (nothing is queued else)."""
        if self.sending:
            return
        draft = self.draft()

        def checked(problems: list[mp.RuleProblem]) -> None:
            if problems:
                return
            self.sending = True
            self.controller.edit_with(
                lambda cache: mp.create_plans(cache, draft),
                self._created,
                self._refused,
                cause=CAUSE,
            )

        self.check(checked)

    def _created(self, plan_ids: list[str]) -> None:
        self.sending = False
        self.created = plan_ids
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.sending = False
        if isinstance(exc, DomainError):
            field = mp.FIELD_OF.get(exc.code, "products")
            self.show_problems([mp.RuleProblem(field, exc.code, str(exc))])
        else:
            self.products_error.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
            self.products_error.show()
