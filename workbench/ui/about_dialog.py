"""Help > About: the app's name, icon and version, and the third-party components with licences.

The component list comes from :mod:`workbench.licences` (installed distributions' metadata),
read on the network lane, since walking the metadata takes a noticeable fraction of a second.
Selecting a component shows its licence texts. The dialog is shown with ``open()``.
"""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QSize, Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import workbench
from workbench.licences import Component, components
from workbench.ui.icons import app_icon
from workbench.ui.ops import Lane


class AboutDialog(QDialog):
    """Name, version, the Qt licence note, and the component table with licence texts."""

    def __init__(self, parent: QWidget | None, lane: Lane) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.resize(760, 560)
        self.components: list[Component] = []
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        self.title = QLabel()
        self.title.setObjectName("aboutTitle")
        self.title.setStyleSheet("#aboutTitle { font-size: 18px; font-weight: 600; }")
        self.version = QLabel()
        self.version.setObjectName("aboutVersion")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.version)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(heading, 1)

        self.qt_note = QLabel()
        self.qt_note.setObjectName("qtLicenceNote")
        self.qt_note.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("componentTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_texts(row))
        self.texts = QPlainTextEdit()
        self.texts.setObjectName("licenceTexts")
        self.texts.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.texts)
        split.setSizes([260, 160])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.qt_note)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.retranslate()
        lane.run(components, done=self.show_components, failed=self._failed)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Shop Workbench"))
        self.title.setText(self.tr("Shop Workbench"))
        self.version.setText(
            self.tr("Version %1 · Qt %2 · PySide6 %3 · Python %4")
            .replace("%1", workbench.__version__)
            .replace("%2", qVersion())
            .replace("%3", pyside_version)
            .replace("%4", platform.python_version())
        )
        self.qt_note.setText(
            self.tr(
                "Shop Workbench uses Qt and PySide6 under the GNU LGPL v3. They are separate libraries that you may replace with your own build of the same version: the Qt and PySide6 files in the install folder's _internal/PySide6 (on macOS, in the app's Contents/Frameworks/PySide6). The licence texts are below and in THIRD-PARTY-LICENSES.txt in the install folder."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        if not self.components:
            self.texts.setPlainText(self.tr("Reading the installed components…"))

    def show_components(self, found: list[Component]) -> None:
        self.components = found
        self.table.setRowCount(len(found))
        for row, component in enumerate(found):
            name = component.name + (f" ({component.note})" if component.note else "")
            for column, text in enumerate((name, component.version, component.licence)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if found:
            self.table.selectRow(0)
            self._show_texts(0)

    def _show_texts(self, row: int) -> None:
        if not 0 <= row < len(self.components):
            return
        component = self.components[row]
        parts = [f"{component.name} {component.version}: {component.licence}", component.homepage]
        for text in component.texts:
            parts += ["", f"--- {text.name}", "", text.text.strip()]
        self.texts.setPlainText("\n".join(parts))

    def _failed(self, exc: BaseException) -> None:
        self.texts.setPlainText(
            self.tr("The component list could not be read: %1").replace("%1", str(exc))
        )
