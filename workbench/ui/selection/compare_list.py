"""The selection center's comparison: the "Compare" button, the products set aside for it.

"Compare" opens ``CompareDialog`` on the 2-4 selected rows, else on the products added one by
one with "Add to compare" in the details (the button counts them); those are forgotten once
their comparison closes, and when the account changes. Rows are read on the reader's lane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QPushButton

from workbench.store import product_detail
from workbench.ui.selection.compare_dialog import MAX_COMPARE, CompareDialog

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.selection.page import SelectionPage


class CompareList(QObject):
    """The products to compare and the button that compares them."""

    def __init__(self, page: SelectionPage) -> None:
        super().__init__(page)
        self.page = page
        self.ids: list[str] = []
        self.dialog: CompareDialog  # the last comparison opened (none until then)
        self.button = QPushButton()
        self.button.setObjectName("compare")
        self.button.clicked.connect(self.compare)

    def retranslate(self) -> None:
        n = len(self.ids)
        self.button.setText(
            self.tr("Compare (%1)").replace("%1", str(n)) if n else self.tr("Compare")
        )

    def clear(self) -> None:
        self.ids = []
        self.retranslate()

    def add(self, product_id: str) -> None:
        page = self.page
        if product_id in self.ids:
            page.show_message(lambda: self.tr("That product is already in the comparison."))
            return
        if len(self.ids) >= MAX_COMPARE:
            page.show_message(
                lambda: self.tr(
                    "Compare at most %1 products: open the comparison or start again."
                ).replace("%1", str(MAX_COMPARE))
            )
            return
        self.ids.append(product_id)
        self.retranslate()

    def compare(self) -> None:
        """Compare the selected rows (2-4), else the products added with "Add to compare"."""
        page = self.page
        selected = page.selected_count()
        if 2 <= selected <= MAX_COMPARE:
            page.reader.interactive(page.batch.selected_ids_job(), self._open)
        elif len(self.ids) >= 2:
            self._open(list(self.ids))
        else:
            page.show_message(
                lambda: self.tr(
                    'Select 2 to %1 rows, or add products with "Add to compare" in the details.'
                ).replace("%1", str(MAX_COMPARE))
            )

    def _open(self, ids: list[str]) -> None:
        def job(cache: Cache) -> tuple[list[dict[str, Any]], set[str]]:
            rows = product_detail.compare(cache, ids[:MAX_COMPARE])
            return rows, product_detail.differing_fields(rows)

        def done(result: tuple[list[dict[str, Any]], set[str]]) -> None:
            dialog = CompareDialog(*result, parent=self.page)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog = dialog
            dialog.finished.connect(lambda _r: self._closed(ids))
            dialog.open()

        self.page.reader.interactive(job, done)

    def _closed(self, ids: list[str]) -> None:
        if ids == self.ids:
            self.clear()
