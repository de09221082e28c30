"""Compare up to four products side by side; rows whose values differ are highlighted.

The rows come from ``store.product_detail.compare`` (read on the reading lane); in a row that
differs, the best value (lowest price; highest rate, commission, sales, stock, shop score; most
guarantees) is bold, so the choice reads at a glance.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.selection.columns import guarantees_text, percent, status_text, yuan
from workbench.ui.widgets import Retranslating, number

MAX_COMPARE = 4
t = QCoreApplication.translate


def _guarantee_count(flags: int) -> int:
    return bin(int(flags)).count("1")


# field → (label, text of a value, the value's "goodness" for picking the best; None: no best)
def _fields() -> list[tuple[str, str, Callable[[Any], str], Callable[[Any], float] | None]]:
    def score(value: Any) -> str:
        return "—" if value is None else f"{int(value) / 10:.1f}"

    def plan_rate(value: Any) -> str:
        return "—" if value is None else percent(value)

    return [
        ("shop_name", t("CompareDialog", "Shop"), str, None),
        (
            "shop_score_x10",
            t("CompareDialog", "Shop score"),
            score,
            lambda v: -1 if v is None else v,
        ),
        ("category_name", t("CompareDialog", "Category"), lambda v: str(v or "—"), None),
        ("price_fen", t("CompareDialog", "Price"), yuan, lambda v: -v),
        ("commission_ppm", t("CompareDialog", "Commission rate"), percent, lambda v: v),
        (
            "best_plan_rate_ppm",
            t("CompareDialog", "Best plan rate"),
            plan_rate,
            lambda v: -1 if v is None else v,
        ),
        ("commission_per_sale_fen", t("CompareDialog", "Commission per sale"), yuan, lambda v: v),
        (
            "monthly_sales",
            t("CompareDialog", "Monthly sales"),
            number,
            lambda v: v,
        ),
        ("stock", t("CompareDialog", "Stock"), number, lambda v: v),
        ("guarantee_flags", t("CompareDialog", "Guarantees"), guarantees_text, _guarantee_count),
        ("status", t("CompareDialog", "Status"), status_text, None),
    ]


class CompareDialog(Retranslating, QDialog):
    """A table: one column per product, one row per field (retranslated live)."""

    def __init__(
        self, rows: list[dict[str, Any]], differing: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.rows = rows
        self.differing = differing
        fields = _fields()
        self.table = QTableWidget(len(fields), len(rows))
        self.table.setObjectName("compareTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setHorizontalHeaderLabels([str(r["title"]) for r in rows])
        self.table.setVerticalHeaderLabels([label for _k, label, _t, _g in fields])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        tint = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        tint.setAlpha(40)
        self.highlighted: set[str] = set()
        for r, (key, _label, text, goodness) in enumerate(fields):
            values = [row.get(key) for row in rows]
            differs = key in differing
            best = None
            if differs and goodness is not None:
                top = max(goodness(v) for v in values)
                best = {i for i, v in enumerate(values) if goodness(v) == top}
            for c, value in enumerate(values):
                item = QTableWidgetItem(text(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if differs:
                    item.setBackground(tint)
                    self.highlighted.add(key)
                if best is not None and c in best:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setMinimumHeight(rows_height + self.table.horizontalHeader().height() + 4)
        self.note = note = QLabel()
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.retranslate()
        self.resize(260 + 200 * len(rows), self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare products"))
        fields = _fields()
        self.table.setVerticalHeaderLabels([label for _k, label, _t, _g in fields])
        for r, (key, _label, text, _goodness) in enumerate(fields):
            for c, row in enumerate(self.rows):
                item = self.table.item(r, c)
                if item is not None:
                    item.setText(text(row.get(key)))
        self.note.setText(self.tr("Highlighted rows differ; the best value in a row is bold."))
        self.table.resizeRowsToContents()
