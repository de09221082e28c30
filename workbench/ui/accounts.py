"""Which accounts the app knows, and opening one: the embedded demo, or a real server.

Opening an account logs in (password, or the refresh token in the keychain) and opens its own
cache, all on the network lane; the window hears ``opened`` on the GUI thread. The embedded
server is started here on first need and stopped at shutdown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from workbench.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.settings import Settings
from workbench.ui.ops import Lanes

if TYPE_CHECKING:
    from workbench.demo import EmbeddedServer
    from workbench.sync.session import AccountSession

EMBEDDED = "embedded"  # as workbench.sync.session names the demo server's caches

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccountRef:
    """An account the app remembers: a server ("" is the embedded demo) and a login."""

    server: str
    login: str

    @property
    def key(self) -> str:
        return f"{self.server}|{self.login}"

    @property
    def embedded(self) -> bool:
        return self.server in ("", EMBEDDED)

    @classmethod
    def from_key(cls, key: str) -> AccountRef | None:
        server, sep, login = key.partition("|")
        return cls(server, login) if sep and login else None


class AccountManager(QObject):
    """Opens accounts off the GUI thread and remembers them in the settings."""

    opened = Signal(object)  # AccountSession
    failed = Signal(object, object)  # AccountRef, exception
    status = Signal(str)  # what it is doing, for the window

    def __init__(self, settings: Settings, lanes: Lanes, *, demo_products: int = 20_000) -> None:
        super().__init__()
        self.settings = settings
        self.lanes = lanes
        self.demo_products = demo_products
        self.embedded: EmbeddedServer | None = None
        self.current: AccountRef | None = None
        # Started with ``--server URL``: only that server's accounts are listed (and the demo
        # while it is the open one, after the sign-in there was cancelled).
        self.only_server: str | None = None

    def known(self) -> list[AccountRef]:
        refs = [AccountRef(a["server"], a["login"]) for a in self.settings.get("accounts")]
        if self.only_server is not None:
            wanted = self.only_server.rstrip("/")
            cur = self.current
            refs = [
                r
                for r in refs
                if (not r.embedded and r.server.rstrip("/") == wanted)
                or (cur is not None and cur.embedded and r.embedded and r.login == cur.login)
            ]
        return refs

    def remember(self, ref: AccountRef) -> None:
        accounts = [
            a
            for a in self.settings.get("accounts")
            if (a["server"], a["login"]) != (ref.server, ref.login)
        ]
        accounts.append({"server": ref.server, "login": ref.login})
        self.settings.set("accounts", accounts)
        self.settings.set("active_account", ref.key)
        self.settings.save()

    def startup_account(self) -> AccountRef:
        """The account to open at start: the last active one, else the demo creator."""
        ref = AccountRef.from_key(self.settings.get("active_account"))
        if ref is not None:
            return ref
        server = self.settings.get("server_url")
        return AccountRef(server, DEMO_LOGINS["creator"]) if not server else AccountRef(server, "")

    def open(self, ref: AccountRef, password: str | None = None) -> None:
        """Open ``ref``; demo accounts need no password, others use it or the keychain."""
        if ref.embedded and password is None:
            password = DEMO_PASSWORD
        self.status.emit("opening")
        products = self.demo_products

        def job() -> AccountSession:
            # Imported here, off the GUI thread: the server and client stacks take most of a
            # second to import, and the window should be up before that.
            from workbench.client.backoff import Retry
            from workbench.sync.session import open_session

            # Know soon that a server is down (the offline probe takes over from there).
            retry = Retry(max_attempts=3, base=0.3, cap=2.0, max_retry_after=10.0)
            if ref.embedded:
                server = self._ensure_embedded(products)
                return open_session(server.url, ref.login, password, embedded=True, retry=retry)
            return open_session(ref.server, ref.login, password, retry=retry)

        def done(session: AccountSession) -> None:
            self.current = AccountRef(EMBEDDED if ref.embedded else ref.server, ref.login)
            self.remember(self.current)
            self.opened.emit(session)

        self.lanes.net.run(job, done=done, failed=lambda exc: self.failed.emit(ref, exc))

    def _ensure_embedded(self, products: int) -> EmbeddedServer:
        # Runs on the network lane: seeding takes seconds on the first run.
        if self.embedded is None:
            from workbench.demo import start_embedded

            self.status.emit("seeding")
            self.embedded = start_embedded(products=products)
        return self.embedded

    def logout(self, session: AccountSession) -> None:
        """Revoke the login on the server and drop the token from the keychain."""
        self.lanes.net.run(session.api.logout)

    def shutdown(self) -> None:
        if self.embedded is not None:
            self.embedded.stop()
            self.embedded = None
