"""The selection center's CSV export: the "Export CSV ▾" menu, Ctrl+E, the file dialog.

"Selected rows…" writes the selection, "All results…" the filter's whole result, in table
order; ``exporting.CsvExporter`` does the work off the GUI thread with a cancellable progress
dialog and says how it ended in the page's action message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton

from workbench.ui.selection.exporting import CsvExporter

if TYPE_CHECKING:
    from workbench.ui.selection.page import SelectionPage


class ExportWiring(QObject):
    """The export button and its menu, and the exporter they start."""

    def __init__(self, page: SelectionPage) -> None:
        super().__init__(page)
        self.page = page
        self.exporter = CsvExporter(page.reader, page)
        self.exporter.finished.connect(page.show_message)
        self.button = QToolButton()
        self.button.setObjectName("export")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.selected = self.menu.addAction("")
        self.all = self.menu.addAction("")
        self.button.setMenu(self.menu)
        self.selected.triggered.connect(lambda: self.export(selected_only=True))
        self.all.triggered.connect(lambda: self.export(selected_only=False))
        QShortcut(QKeySequence("Ctrl+E"), page).activated.connect(
            lambda: self.export(selected_only=True)
        )

    def retranslate(self) -> None:
        self.button.setToolTip(
            self.tr("Export the selected rows (Ctrl+E) or all results to a CSV file")
        )
        self.button.setText(self.tr("Export CSV") + " ▾")
        self.selected.setText(self.tr("Selected rows…"))
        self.all.setText(self.tr("All results…"))

    def export(self, *, selected_only: bool) -> None:
        page = self.page
        if page.session is None:
            return
        if selected_only and page.selected_count() == 0:
            page.show_message(
                lambda: self.tr("Select the rows to export first, or export all results.")
            )
            return
        path, _ = QFileDialog.getSaveFileName(page, self.tr("Export to CSV"), str(Path.home() / "products.csv"),
                                              self.tr("CSV files (*.csv)"))  # fmt: skip
        if path:
            self.export_to(Path(path), selected_only=selected_only)

    def export_to(self, path: Path, *, selected_only: bool) -> None:
        """Write the selected rows, or the whole filtered result (``exporting.py``)."""
        page = self.page
        total = page.model.total or 0
        ranges = page.selected_ranges() if selected_only else [(0, total)]
        whole = ranges == [(0, total)]  # everything selected: the filter's result, in order
        self.exporter.start(path, page.model.filter, ranges, whole)
