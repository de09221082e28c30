"""The login dialog: server, account, password; errors shown inline, never a second dialog.

Opened with ``open()`` (not ``exec()``), so the window stays alive and tests can drive it. The
login itself runs through the :class:`AccountManager` on the network lane.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.client.errors import (
    AccountLocked,
    ApiError,
    AuthRequired,
    InsecureServer,
    NetworkError,
)
from workbench.client.urls import check_server_url
from workbench.ui.accounts import AccountManager, AccountRef
from workbench.ui.widgets import Retranslating


class LoginDialog(Retranslating, QDialog):
    """Asks for a server and credentials; ``loggedIn`` fires with the opened session."""

    loggedIn = Signal(object)

    def __init__(self, accounts: AccountManager, parent: QWidget | None = None, *,
                 server: str = "", login: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.accounts = accounts
        self.server = QLineEdit(server)
        self.login = QLineEdit(login)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        # What the dialog is for when it opens by itself (start-up, an expired login): not an error.
        self.note = QLabel()
        self.note.setObjectName("loginNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)  # room for a full https:// address
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.server_label, self.login_label, self.password_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.server_label, self.server)
        self.form.addRow(self.login_label, self.login)
        self.form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        accounts.opened.connect(self._opened)
        accounts.failed.connect(self._failed)
        self._pending: AccountRef | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in"))
        self.server_label.setText(self.tr("Server"))
        self.server.setPlaceholderText(self.tr("empty: the built-in demo server"))
        self.login_label.setText(self.tr("Account"))
        self.password_label.setText(self.tr("Password"))

    def ask_to_sign_in(self, server: str, login: str, *, demo_on_cancel: bool) -> None:
        """Opened by the app, not the user: say why, without calling anything wrong."""
        text = (
            self.tr("Sign in to %1 as %2 to continue: this computer keeps no login for it.")
            .replace("%1", server)
            .replace("%2", login)
        )
        if demo_on_cancel:
            text += " " + self.tr("Cancel opens the demo.")
        self.note.setText(text)
        self.note.show()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def submit(self) -> None:
        server = self.server.text().strip()
        login = self.login.text().strip()
        if server:
            try:
                server = check_server_url(server)
            except InsecureServer:
                self.show_error(
                    self.tr(
                        "Plain http is only allowed for this computer (127.0.0.1). Use https:// for a remote server."
                    )
                )
                return
            except ValueError:
                self.show_error(
                    self.tr("That is not a server address. Example: https://shop.example.com")
                )
                return
        if not login:
            self.show_error(self.tr("Enter your account name."))
            return
        if not self.password.text() and server:
            self.show_error(self.tr("Enter your password."))
            return
        self.error.hide()
        self.buttons.setEnabled(False)
        self._pending = AccountRef(server, login)
        self.accounts.open(self._pending, self.password.text() or None)

    def _opened(self, session: object) -> None:
        if self._pending is None:
            return
        self._pending = None
        self.buttons.setEnabled(True)
        self.password.clear()
        self.loggedIn.emit(session)
        self.accept()

    def _failed(self, ref: AccountRef, exc: BaseException) -> None:
        if self._pending != ref:
            return
        self._pending = None
        self.buttons.setEnabled(True)
        self.show_error(self.explain(exc))

    def explain(self, exc: BaseException) -> str:
        """A translated, human message for a failed login."""
        if isinstance(exc, NetworkError):
            return self.tr("The server cannot be reached. Check the address and your connection.")
        if isinstance(exc, AccountLocked):
            minutes = max(1, math.ceil((exc.retry_after or 60) / 60))
            return self.tr(
                "Too many wrong passwords: this account is locked for %Ln minute(s). "
                "Try again later.",
                "",
                minutes,
            )
        if isinstance(exc, AuthRequired) or (
            isinstance(exc, ApiError) and exc.code == "invalid_credentials"
        ):
            return self.tr("Wrong account or password.")
        if isinstance(exc, ApiError) and exc.code == "rate_limited":
            return self.tr("Too many attempts. Wait a minute and try again.")
        if isinstance(exc, InsecureServer):
            return self.tr(
                "Plain http is only allowed for this computer (127.0.0.1). Use https:// for a remote server."
            )
        return self.tr("Login failed: %1").replace("%1", str(exc))
