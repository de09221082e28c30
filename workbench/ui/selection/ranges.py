"""The range filters (price, commission rate, commission per sale, monthly sales): parse and show.

A range is typed the way people write it (``12.5``, ``¥1,299``, ``20%``); a bad value is
answered inline in the editor with what is wrong, and nothing is applied until both ends parse
and the minimum is not above the maximum.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
    QWidgetAction,
)

from workbench.core.money import fen_to_yuan_text, ppm_to_percent_text, yuan_to_fen
from workbench.ui.theme import error_color
from workbench.ui.widgets import number

MAX_FEN = 10**12  # ¥10,000,000,000: beyond any product
MAX_COUNT = 10**12


t = QCoreApplication.translate


def parse_yuan(text: str) -> int:
    try:
        fen = yuan_to_fen(text)
    except ValueError:
        raise ValueError(t("RangeFilter", "Enter an amount in yuan, like 12.50.")) from None
    if fen > MAX_FEN:
        raise ValueError(t("RangeFilter", "That amount is too large."))
    return fen


def parse_percent(text: str) -> int:
    cleaned = text.strip().removesuffix("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(
            t("RangeFilter", "Enter a percentage between 0 and 100, like 20 or 12.5.")
        ) from None
    if not value.is_finite() or value < 0 or value > 100:
        raise ValueError(t("RangeFilter", "Enter a percentage between 0 and 100, like 20 or 12.5."))
    ppm = value * 10_000
    if ppm != ppm.to_integral_value():
        raise ValueError(t("RangeFilter", "Use at most four decimals for a percentage."))
    return int(ppm)


def parse_count(text: str) -> int:
    group = QLocale().groupSeparator()
    cleaned = text.strip().replace(",", "").replace(group, "").replace(" ", "")
    if not cleaned.isdigit():
        raise ValueError(t("RangeFilter", "Enter a whole number, like 500."))
    value = int(cleaned)
    if value > MAX_COUNT:
        raise ValueError(t("RangeFilter", "That number is too large."))
    return value


def show_count(value: int) -> str:
    return number(value)


def show_yuan(fen: int) -> str:
    return "¥" + fen_to_yuan_text(fen)


@dataclass(frozen=True)
class RangeKind:
    """One range filter: its ProductFilter fields, and how values are typed and shown."""

    key: str
    fields: tuple[str, str]
    label: Callable[[], str]
    parse: Callable[[str], int]
    show: Callable[[int], str]


RANGES: tuple[RangeKind, ...] = (
    RangeKind("price", ("price_min_fen", "price_max_fen"), lambda: t("RangeFilter", "Price"),
              parse_yuan, show_yuan),
    RangeKind("rate", ("commission_min_ppm", "commission_max_ppm"), lambda: t("RangeFilter", "Commission rate"),
              parse_percent, ppm_to_percent_text),
    RangeKind("per_sale", ("commission_per_sale_min_fen", "commission_per_sale_max_fen"),
              lambda: t("RangeFilter", "Commission per sale"), parse_yuan, show_yuan),
    RangeKind("sales", ("monthly_sales_min", "monthly_sales_max"), lambda: t("RangeFilter", "Monthly sales"),
              parse_count, show_count),
)  # fmt: skip


def range_text(kind: RangeKind, low: int | None, high: int | None) -> str:
    """A chip's text: "Price: ¥10.00 – ¥50.00", "Monthly sales: ≥ 1,000"."""
    if low is not None and high is not None:
        value = f"{kind.show(low)} – {kind.show(high)}"
    elif low is not None:
        value = f"≥ {kind.show(low)}"
    else:
        value = f"≤ {kind.show(high or 0)}"
    return f"{kind.label()}: {value}"


class RangeEditor(QWidget):
    """Minimum and maximum boxes with an inline error; ``applied(low, high)`` when both parse."""

    applied = Signal(object, object)

    def __init__(self, kind: RangeKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"range-{kind.key}")
        self.low = QLineEdit()
        self.low.setObjectName("low")
        self.high = QLineEdit()
        self.high.setObjectName("high")
        self.error = QLabel()
        self.error.setObjectName("rangeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.error.hide()
        self.apply_button = QPushButton()
        self.clear_button = QPushButton()
        self.low_label, self.high_label = QLabel(), QLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 10, 10, 10)
        grid.addWidget(self.low_label, 0, 0)
        grid.addWidget(self.low, 0, 1)
        grid.addWidget(self.high_label, 1, 0)
        grid.addWidget(self.high, 1, 1)
        grid.addWidget(self.error, 2, 0, 1, 2)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self.apply_button, 3, 1)
        for box in (self.low, self.high):
            box.returnPressed.connect(self.apply)
            box.textEdited.connect(lambda _text: self.error.hide())
        self.apply_button.clicked.connect(self.apply)
        self.clear_button.clicked.connect(self.clear)
        self.setMinimumWidth(260)
        self.retranslate()

    def retranslate(self) -> None:
        self.low_label.setText(t("RangeFilter", "From"))
        self.high_label.setText(t("RangeFilter", "To"))
        self.low.setPlaceholderText(t("RangeFilter", "no minimum"))
        self.high.setPlaceholderText(t("RangeFilter", "no maximum"))
        self.apply_button.setText(t("RangeFilter", "Apply"))
        self.clear_button.setText(t("RangeFilter", "Clear"))

    def focusNextPrevChild(self, next: bool) -> bool:
        # In a menu, Tab would go to the menu (the next typing lost, Enter then clearing the
        # filter): keep it among the editor's own boxes and buttons.
        chain = [self.low, self.high, self.clear_button, self.apply_button]
        focused = next_focus = self.focusWidget()
        if focused in chain:
            step = 1 if next else -1
            next_focus = chain[(chain.index(focused) + step) % len(chain)]
        else:
            next_focus = self.low
        next_focus.setFocus(
            Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        )
        return True

    def set_values(self, low: int | None, high: int | None) -> None:
        self.low.setText("" if low is None else self.kind.show(low))
        self.high.setText("" if high is None else self.kind.show(high))
        self.error.hide()

    def values(self) -> tuple[int | None, int | None]:
        """The typed range; ValueError with a message for the person if it is not one."""
        low = self._value(self.low, t("RangeFilter", "Minimum"))
        high = self._value(self.high, t("RangeFilter", "Maximum"))
        if low is not None and high is not None and low > high:
            raise ValueError(t("RangeFilter", "The minimum is above the maximum."))
        return low, high

    def _value(self, box: QLineEdit, which: str) -> int | None:
        text = box.text().strip()
        if not text:
            return None
        try:
            return self.kind.parse(text)
        except ValueError as exc:
            raise ValueError(f"{which}: {exc}") from None

    def apply(self) -> None:
        try:
            low, high = self.values()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self._fit()
            return
        self.error.hide()
        self.applied.emit(low, high)

    def _fit(self) -> None:
        """Grow to show the whole error (two lines in narrow languages), and the menu with it."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        width = max(self.width(), self.minimumWidth())
        self.resize(width, max(self.heightForWidth(width), self.sizeHint().height()))
        menu = self.parentWidget()
        holder = next((a for a in menu.actions() if isinstance(a, QWidgetAction)
                       and a.defaultWidget() is self), None) if isinstance(menu, QMenu) else None  # fmt: skip
        if isinstance(menu, QMenu) and holder is not None and menu.isVisible():
            # A QMenu measures a widget action once, when it is added: add it again.
            focused = self.focusWidget()
            menu.removeAction(holder)
            menu.addAction(holder)
            self.show()
            menu.adjustSize()
            if focused is not None:
                focused.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.low.clear()
        self.high.clear()
        self.error.hide()
        self.applied.emit(None, None)
