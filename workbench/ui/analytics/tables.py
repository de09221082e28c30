"""The table beside each chart: sortable (numbers sort as numbers), CSV export of what it
shows in its shown order (UTF-8 with BOM, temporary file renamed into place), written on the
reader's background lane (``exports.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from workbench.ui.analytics.exports import write_csv
from workbench.ui.file_export import FileExport

if TYPE_CHECKING:
    from workbench.ui.reader import Reader

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class _Item(QTableWidgetItem):
    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if isinstance(mine, int | float) and isinstance(theirs, int | float):
            return mine < theirs
        return super().__lt__(other)


class FigureTable(QTableWidget):
    """Rows of cells: each cell ``(text, sort value)``; a row may carry a key (drill-down)."""

    def __init__(self, reader: Reader | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exporter = FileExport(reader, self)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setSortingEnabled(True)
        self.horizontalHeader().setResizeContentsPrecision(60)  # widths from the first rows

    def fill(
        self,
        headers: list[str],
        rows: list[list[tuple[str, Any]]],
        keys: list[Any] | None = None,
    ) -> None:
        self.setSortingEnabled(False)
        self.clear()
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, (text, value) in enumerate(row):
                item = _Item(text)
                item.setData(SORT_ROLE, value)
                if keys is not None:
                    item.setData(KEY_ROLE, keys[r])
                if isinstance(value, int | float) and c > 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(r, c, item)
        self.setSortingEnabled(True)
        self.resizeColumnsToContents()

    def cell_texts(self) -> list[list[str]]:
        """What the table shows, in its current order (headers first)."""
        header = self.horizontalHeader()
        columns = [header.logicalIndex(v) for v in range(self.columnCount())]
        out = [[_text(self.horizontalHeaderItem(c)) for c in columns]]
        for r in range(self.rowCount()):
            out.append([_text(self.item(r, c)) for c in columns])
        return out

    def export_to(self, path: Path) -> bool:
        """Write what the table shows now to ``path`` off the GUI thread (``exporter`` says
        how it ended); False when no account is open or an export is running."""
        rows = self.cell_texts()
        return self.exporter.start(
            self.tr("Exporting the table…"),
            lambda _cache, progress, cancel: write_csv(rows, path, progress, cancel),
            lambda n: self.tr("Exported %Ln row(s) to %1.", "", n).replace("%1", path.name),
        )

    def ask_export(self, name: str = "table.csv") -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), name, self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_to(Path(path))


def _text(item: QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()
