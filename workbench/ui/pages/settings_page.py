"""The Settings page (设置): language, theme, sync interval, data folder and server.

It edits the shared :class:`~workbench.settings.Settings` object and tells the app what changed
through signals; it never reaches into the app itself. Language and theme take effect (and are
saved) as soon as they are picked, so the user sees the result at once. The other fields are
saved together when the user presses Apply, after the server address is checked: plain http only
to this computer, shown inline under the field, and nothing is saved while it is wrong. The data
folder takes effect after a restart, and the page says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench import paths
from workbench.client.errors import InsecureServer
from workbench.client.urls import check_server_url
from workbench.settings import Settings, spec
from workbench.ui.theme import error_color
from workbench.ui.widgets import PAGE_MARGINS, combo_box, page_title

log = logging.getLogger(__name__)

Text = Callable[[], str]
"""A text computed on demand, so it can be shown again in a new language."""

# Language names are written in their own language: a user who cannot read the current
# interface must still find theirs.
_LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}


class SettingsPage(QWidget):
    """Edits the settings; emits a signal for each change the app must act on."""

    languageChanged = Signal(str)
    themeChanged = Signal(str)
    syncIntervalChanged = Signal(int)
    serverChanged = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("page-settings")
        self.directory_dialog: QFileDialog | None = None
        self._server_error: Text | None = None
        self._data_error: Text | None = None
        self._status: Text | None = None
        self._status_is_error = False

        self.title = page_title()

        self.language_label = QLabel()
        self.language_box = combo_box()
        for value in ("system", "zh_CN", "en"):
            self.language_box.addItem(_LANGUAGE_NAMES.get(value, ""), value)
        self.theme_label = QLabel()
        self.theme_box = combo_box()
        for value in ("system", "light", "dark"):
            self.theme_box.addItem("", value)

        interval = spec("sync_interval_minutes")
        self.interval_label = QLabel()
        self.interval_box = QSpinBox()
        self.interval_box.setRange(interval.minimum or 1, interval.maximum or 240)

        self.data_dir_label = QLabel()
        self.data_dir_edit = QLineEdit()
        self.data_dir_edit.setClearButtonEnabled(True)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("chooseDataDirectory")
        self.restart_note = self._hint()
        self.data_dir_error = self._error_label("dataDirectoryError")

        self.server_label = QLabel()
        self.server_edit = QLineEdit()
        self.server_edit.setClearButtonEnabled(True)
        self.server_hint = self._hint()
        self.server_error = self._error_label("serverError")

        self.apply_button = QPushButton()
        self.apply_button.setObjectName("applySettings")
        self.apply_button.setDefault(True)
        self.revert_button = QPushButton()
        self.status = QLabel()
        self.status.setObjectName("settingsStatus")

        self._build_layout()
        self.load()
        self._connect()
        self.retranslate()

    # -- layout ----------------------------------------------------------------------------

    def _hint(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted in both themes
        return label

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.language_label, self.language_box)
        form.addRow(self.theme_label, self.theme_box)
        form.addRow(self.interval_label, self.interval_box)

        data_row = QHBoxLayout()
        data_row.addWidget(self.data_dir_edit, 1)
        data_row.addWidget(self.choose_button)
        data_box = QVBoxLayout()
        data_box.setSpacing(2)
        data_box.addLayout(data_row)
        data_box.addWidget(self.restart_note)
        data_box.addWidget(self.data_dir_error)
        form.addRow(self.data_dir_label, data_box)

        server_box = QVBoxLayout()
        server_box.setSpacing(2)
        server_box.addWidget(self.server_edit)
        server_box.addWidget(self.server_hint)
        server_box.addWidget(self.server_error)
        form.addRow(self.server_label, server_box)
        self.language_label.setBuddy(self.language_box)
        self.theme_label.setBuddy(self.theme_box)
        self.interval_label.setBuddy(self.interval_box)
        self.data_dir_label.setBuddy(self.data_dir_edit)
        self.server_label.setBuddy(self.server_edit)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.apply_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.title)
        layout.addSpacing(16)
        layout.addLayout(form)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.language_box.currentIndexChanged.connect(self._language_picked)
        self.theme_box.currentIndexChanged.connect(self._theme_picked)
        self.interval_box.valueChanged.connect(self._edited)
        self.data_dir_edit.textChanged.connect(self._data_dir_edited)
        self.server_edit.textChanged.connect(self._server_edited)
        self.choose_button.clicked.connect(self.choose_data_directory)
        self.apply_button.clicked.connect(self.apply)
        self.revert_button.clicked.connect(self.load)

    # -- values ----------------------------------------------------------------------------

    def load(self) -> None:
        """Show what the settings hold now (also "Revert": drops unsaved edits)."""
        widgets = (
            self.language_box,
            self.theme_box,
            self.interval_box,
            self.data_dir_edit,
            self.server_edit,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            _select(self.language_box, self.settings.get("language"))
            _select(self.theme_box, self.settings.get("theme"))
            self.interval_box.setValue(self.settings.get("sync_interval_minutes"))
            self.data_dir_edit.setText(self.settings.get("data_directory"))
            self.server_edit.setText(self.settings.get("server_url"))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._server_error = self._data_error = self._status = None
        self._refresh()

    def has_pending_changes(self) -> bool:
        """Whether a field that waits for Apply differs from the saved settings."""
        return bool(
            self.interval_box.value() != self.settings.get("sync_interval_minutes")
            or self.data_dir_edit.text().strip() != self.settings.get("data_directory")
            or self.server_edit.text().strip() != self.settings.get("server_url")
        )

    def apply(self) -> bool:
        """Check and save the sync interval, data folder and server; False (nothing saved) if wrong."""
        server = self._checked_server()
        data_directory = self._checked_data_directory()
        self._refresh()
        if server is None or data_directory is None:
            return False
        changed = {
            "sync_interval_minutes": self.interval_box.value(),
            "data_directory": data_directory,
            "server_url": server,
        }
        changed = {k: v for k, v in changed.items() if v != self.settings.get(k)}
        for name, value in changed.items():
            self.settings.set(name, value)
        if not self._save():
            return False
        self.load()  # shows the normalised values
        if changed:
            self._set_status(lambda: self.tr("Settings saved."))
        if "sync_interval_minutes" in changed:
            self.syncIntervalChanged.emit(changed["sync_interval_minutes"])
        if "server_url" in changed:
            self.serverChanged.emit(changed["server_url"])
        return True

    def _checked_server(self) -> str | None:
        text = self.server_edit.text().strip()
        self._server_error = None
        if not text:
            return ""
        try:
            return check_server_url(text)
        except InsecureServer:
            self._server_error = lambda: self.tr(
                "Plain http:// is only allowed to this computer (localhost or 127.0.0.1)."
                " Use an https:// address for other servers."
            )
        except ValueError:
            self._server_error = lambda: self.tr(
                "This is not a server address. Enter an address such as https://shop.example.com."
            )
        return None

    def _checked_data_directory(self) -> str | None:
        text = self.data_dir_edit.text().strip()
        self._data_error = None
        if not text:
            return ""
        path = Path(text).expanduser()
        if not path.is_absolute():
            self._data_error = lambda: self.tr("Enter the full path of a folder.")
            return None
        if path.exists() and not path.is_dir():
            self._data_error = lambda: self.tr("This is a file, not a folder.")
            return None
        return str(path)

    def _save(self) -> bool:
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("cannot save the settings to %s: %s", self.settings.path, exc)
            reason = str(exc)
            self._set_status(
                lambda: self.tr("The settings could not be saved: %1").replace("%1", reason),
                error=True,
            )
            return False
        return True

    # -- reactions -------------------------------------------------------------------------

    def _language_picked(self) -> None:
        language = str(self.language_box.currentData())
        self.settings.set("language", language)
        if self._save():
            self._set_status(None)
        self.languageChanged.emit(language)

    def _theme_picked(self) -> None:
        theme = str(self.theme_box.currentData())
        self.settings.set("theme", theme)
        if self._save():
            self._set_status(None)
        self.themeChanged.emit(theme)

    def _edited(self) -> None:
        self._status = None
        self._refresh()

    def _server_edited(self) -> None:
        self._server_error = None
        self._edited()

    def _data_dir_edited(self) -> None:
        self._data_error = None
        self._edited()

    def choose_data_directory(self) -> None:
        """Open a folder picker (with ``open()``, so the app and tests keep running)."""
        start = self.data_dir_edit.text().strip() or str(paths.data_dir())
        dialog = QFileDialog(self, self.tr("Choose the data folder"), start)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.data_dir_edit.setText)
        dialog.finished.connect(self._directory_dialog_closed)
        self.directory_dialog = dialog
        dialog.open()

    def _directory_dialog_closed(self) -> None:
        self.directory_dialog = None

    def _set_status(self, text: Text | None, *, error: bool = False) -> None:
        self._status = text
        self._status_is_error = error
        self._refresh()

    # -- texts -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._refresh()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text again (at start and on QEvent.LanguageChange)."""
        self.title.setText(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language"))
        self.language_box.setItemText(0, self.tr("Same as the system"))
        self.theme_label.setText(self.tr("&Theme"))
        self.theme_box.setItemText(0, self.tr("Same as the system"))
        self.theme_box.setItemText(1, self.tr("Light"))
        self.theme_box.setItemText(2, self.tr("Dark"))
        self.interval_label.setText(self.tr("Sync &every"))
        self.interval_box.setSuffix(self.tr(" min"))
        self.interval_box.setToolTip(
            self.tr("How often the workbench syncs with the server while it is online.")
        )
        self.data_dir_label.setText(self.tr("&Data folder"))
        self.data_dir_edit.setPlaceholderText(
            self.tr("Default: %1").replace("%1", str(paths.data_dir()))
        )
        self.choose_button.setText(self.tr("Choose…"))
        self.restart_note.setText(
            self.tr("Local caches and logs are kept here. Takes effect after a restart.")
        )
        self.server_label.setText(self.tr("&Server"))
        self.server_edit.setPlaceholderText(self.tr("Built-in demo server"))
        self.server_hint.setText(
            self.tr("Leave empty to use the built-in demo server with sample data.")
        )
        self.apply_button.setText(self.tr("&Apply"))
        self.revert_button.setText(self.tr("&Revert"))
        self._refresh()

    def _refresh(self) -> None:
        """Error and status texts and the buttons' state, in the current language and palette."""
        red = error_color(self.palette()).name()
        for label, text in (
            (self.server_error, self._server_error),
            (self.data_dir_error, self._data_error),
        ):
            label.setStyleSheet(f"color: {red};")
            label.setText(text() if text is not None else "")
            label.setVisible(text is not None)
        self.status.setStyleSheet(f"color: {red};" if self._status_is_error else "")
        self.status.setText(self._status() if self._status is not None else "")
        pending = self.has_pending_changes()
        self.apply_button.setEnabled(pending)
        self.revert_button.setEnabled(pending)


def _select(box: QComboBox, value: str) -> None:
    index = box.findData(value)
    box.setCurrentIndex(max(index, 0))
