"""Start the desktop app: settings, language, theme, logging, lanes, window, first account.

``run_app()`` is what ``workbench`` runs. ``--smoke-test`` runs the same start-up without a
person: it opens the embedded demo (a small one), syncs, builds the main window, and exits 0 —
or non-zero with the reason — which is how the frozen build is checked.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

import workbench
from workbench.client.errors import AuthRequired
from workbench.core.demo import DEMO_LOGINS
from workbench.paths import choose_data_dir, data_dir
from workbench.settings import Settings
from workbench.ui import startup_probe
from workbench.ui.about_dialog import AboutDialog
from workbench.ui.accounts import EMBEDDED, AccountManager, AccountRef
from workbench.ui.cache_notices import problem_text
from workbench.ui.errors import (
    install_excepthook,
    report,
    setup_logging,
    stop_logging,
    uninstall_excepthook,
)
from workbench.ui.i18n import Translations
from workbench.ui.icons import app_icon
from workbench.ui.login_dialog import LoginDialog
from workbench.ui.main_window import MainWindow
from workbench.ui.ops import Lanes
from workbench.ui.single_instance import SingleInstance, instance_name
from workbench.ui.sync_controller import SyncController
from workbench.ui.theme import apply_theme

if TYPE_CHECKING:
    from workbench.sync.session import AccountSession

log = logging.getLogger(__name__)

SMOKE_PRODUCTS = 500
SMOKE_TIMEOUT_MS = 180_000


class Workbench:
    """The running app's parts, wired together (no global app object: this is passed in)."""

    def __init__(self, app: QApplication, *, demo_products: int = 20_000) -> None:
        self.app = app
        self.settings = Settings.load()
        self.translations = Translations(app)
        self.translations.apply(self.settings.get("language"))
        apply_theme(app, self.settings.get("theme"))
        self.lanes = Lanes(on_unhandled=report)
        self.controller = SyncController(self.lanes)
        self.accounts = AccountManager(self.settings, self.lanes, demo_products=demo_products)
        self.window = MainWindow(self.settings, self.controller, self.accounts)
        self.login_dialog: LoginDialog | None = None
        self._wire()

    def _wire(self) -> None:
        w, a, c = self.window, self.accounts, self.controller
        a.opened.connect(self._opened)
        a.failed.connect(self._open_failed)
        c.loginRequired.connect(lambda _reason: self.ask_login(a.current))
        w.accountRequested.connect(self.open_account)
        w.demo_switch.triggered.connect(
            lambda: self.open_account(AccountRef(EMBEDDED, w.demo_switch_target()))
        )
        w.add_account.triggered.connect(lambda: self.ask_login(None))
        w.logout.triggered.connect(self.log_out)
        w.about_action.triggered.connect(self.show_about)
        page = w.settings_page
        page.languageChanged.connect(self.translations.apply)
        page.themeChanged.connect(lambda theme: apply_theme(self.app, theme))
        page.syncIntervalChanged.connect(c.set_interval)
        page.serverChanged.connect(self._server_changed)

    def start(self, server: str | None = None) -> None:
        """Show the window and open the first account (``server``: log in there instead)."""
        self.window.show()
        if server:
            self.accounts.only_server = server
            self.window.refresh_accounts()
            self.ask_login(AccountRef(server, ""))
        else:
            self.open_account(self.accounts.startup_account())

    def _server_changed(self, server: str) -> None:
        # A new server in the settings: log in there now (empty: back to the demo).
        if server:
            self.ask_login(AccountRef(server, ""))
        else:
            self.open_account(AccountRef(EMBEDDED, DEMO_LOGINS["creator"]))

    def open_account(self, ref: AccountRef) -> None:
        if not ref.login:
            self.ask_login(ref)
            return
        self.accounts.open(ref)

    def _opened(self, session: AccountSession) -> None:
        old = self.controller.detach()
        if old is not None and old is not session:
            self.lanes.net.run(old.close)
        self.controller.attach(session, self.settings.get("sync_interval_minutes"))
        self.window.refresh_accounts()

    def _open_failed(self, ref: AccountRef, exc: BaseException) -> None:
        if self.login_dialog is not None and self.login_dialog.isVisible():
            return  # the dialog shows it inline
        if problem_text(exc) is not None:  # a full disk, or a damaged cache not set aside
            self.window.show_cache_notice(exc)
        elif isinstance(exc, AuthRequired) and not ref.embedded:
            # Opened without a password (start-up, an account chosen in the box) and the
            # keychain has no usable login: nothing was typed, so nothing is "wrong" yet.
            self.ask_login(ref, sign_in=True)
        elif isinstance(exc, AuthRequired) or not ref.embedded:
            self.ask_login(ref, error=exc)
        else:
            report(exc)

    def ask_login(
        self, ref: AccountRef | None, error: BaseException | None = None, *, sign_in: bool = False
    ) -> None:
        server = "" if ref is None or ref.embedded else ref.server
        dialog = LoginDialog(
            self.accounts, self.window, server=server, login=ref.login if ref else ""
        )
        self.login_dialog = dialog
        if sign_in and ref is not None:
            dialog.ask_to_sign_in(
                ref.server, ref.login, demo_on_cancel=self.controller.session is None
            )
        if error is not None:
            dialog.show_error(dialog.explain(error))
        dialog.rejected.connect(self._login_cancelled)
        dialog.open()

    def _login_cancelled(self) -> None:
        # Never left with no account and nothing to do: the demo is always there.
        if self.controller.session is None:
            self.open_account(AccountRef(EMBEDDED, DEMO_LOGINS["creator"]))

    def second_start(self, arguments: list[str]) -> None:
        """A second ``workbench`` handed over its command line: come to the front, act on it."""
        w = self.window
        if w.isMinimized():
            w.showNormal()
        w.show()
        w.raise_()
        w.activateWindow()
        server = _server_argument(arguments)
        if server:
            self.ask_login(AccountRef(server, ""))
        log.info("second start: window in front (visible %s, minimised %s)",
                 w.isVisible(), w.isMinimized())  # fmt: skip

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.window, self.lanes.net)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def log_out(self) -> None:
        session = self.controller.detach()
        if session is not None:
            self.accounts.logout(session)
            self.lanes.net.run(session.close)
        self.window.refresh_accounts()
        self.ask_login(self.accounts.current)

    def shutdown(self) -> None:
        self.window.shutdown_pages()
        self.controller.shutdown()
        self.lanes.wait()
        self.accounts.shutdown()
        self.settings.save()


def _server_argument(arguments: list[str]) -> str:
    for index, argument in enumerate(arguments):
        if argument.startswith("--server="):
            return argument.split("=", 1)[1]
        if argument == "--server" and index + 1 < len(arguments):
            return arguments[index + 1]
    return ""


def run_app(
    argv: list[str] | None = None,
    *,
    smoke_test: bool = False,
    server: str | None = None,
    arguments: list[str] | None = None,
) -> int:
    """Run the app until its window closes; returns the exit code.

    If the app already runs for this user and data folder, ``arguments`` (the command line,
    default ``sys.argv[1:]``) go to it, it comes to the front, and this returns 0 at once.
    """
    chosen = Settings.load().get("data_directory")
    if chosen:
        choose_data_dir(Path(chosen))
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Shop Workbench")
    app.setOrganizationName("ShopWorkbench")
    app.setApplicationVersion(workbench.__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("com.shopworkbench.app")  # Wayland/X11: matches the .desktop entry
    log_path = setup_logging(data_dir())
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request is noise here
    instance = SingleInstance(instance_name(data_dir()))
    if not smoke_test and not instance.claim(sys.argv[1:] if arguments is None else arguments):
        print("Shop Workbench is already running: its window was brought to the front.", flush=True)
        stop_logging()
        return 0
    bench = Workbench(app, demo_products=SMOKE_PRODUCTS if smoke_test else 20_000)
    instance.argumentsReceived.connect(bench.second_start)
    install_excepthook(lambda: bench.window)
    outcome: dict[str, Any] = {"code": 0}
    if smoke_test:
        _arm_smoke_test(bench, outcome)
    if startup_probe.wanted():
        startup_probe.arm(bench)
    bench.start(server)
    code = app.exec()
    instance.close()
    bench.shutdown()
    uninstall_excepthook()
    stop_logging()
    log.info("exit %s (log: %s)", outcome["code"] or code, log_path)
    return int(outcome["code"] or code)


def _arm_smoke_test(bench: Workbench, outcome: dict[str, Any]) -> None:
    def finish(code: int, text: str) -> None:
        outcome["code"] = code
        print(text, flush=True)
        bench.window.close()
        bench.app.quit()

    def synced(summary: Any) -> None:
        status = bench.controller.last_status
        if not status.get("products"):
            finish(1, "smoke test failed: the catalogue is empty after the sync")
            return
        finish(0, f"smoke test ok: window built, {summary.line()}")

    bench.controller.synced.connect(synced)
    bench.accounts.failed.connect(lambda _ref, exc: finish(1, f"smoke test failed: {exc!r}"))
    bench.controller.stateChanged.connect(
        lambda state: (
            finish(1, "smoke test failed: the embedded server did not answer")
            if state == "offline" and bench.controller.session is not None
            else None
        )
    )
    QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: finish(2, "smoke test failed: timed out"))
