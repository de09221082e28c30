"""One account on one server, opened for work: its API client, its cache, its sync engine.

Shared by the command line and (later) the desktop shell, so both log in, pick the cache file and
keep the refresh token the same way. The refresh token lives only in the OS keychain; where
there is none, the session keeps it in memory and says so, and the next start asks again.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from workbench.client.api import ApiClient
from workbench.client.backoff import Retry
from workbench.client.errors import AuthRequired, NoKeychain
from workbench.client.tokens import KeyringTokenStore, MemoryTokenStore, TokenStore
from workbench.client.urls import server_id
from workbench.contract.auth import AccountOut
from workbench.store.cache import Cache
from workbench.store.paths import cache_path
from workbench.store.recovery import Recovery, closed_cleanly, open_account_cache
from workbench.sync.engine import SyncEngine
from workbench.sync.progress import ProgressSink

log = logging.getLogger(__name__)

EMBEDDED = "embedded"


@dataclass
class AccountSession:
    """An open account: close it when done."""

    api: ApiClient
    cache: Cache
    account: AccountOut
    server_key: str
    keychain: bool
    recovery: Recovery | None = field(default=None)  # the cache was damaged and rebuilt
    damage_seen: bool = False  # set on damage met at work: the next open checks the whole file

    def engine(
        self, *, progress: ProgressSink | None = None, cancel: threading.Event | None = None
    ) -> SyncEngine:
        return SyncEngine(self.cache, self.api, progress=progress, cancel=cancel)

    def close(self) -> None:
        self.api.close()
        self.cache.close()
        if not self.damage_seen:
            closed_cleanly(self.cache.path)

    def __enter__(self) -> AccountSession:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def token_store() -> tuple[TokenStore, bool]:
    """The keychain if the OS has one, else memory (and False: tell the user)."""
    store = KeyringTokenStore()
    try:
        store.get("probe")
    except NoKeychain as exc:
        log.info("%s", exc)
        return MemoryTokenStore(), False
    return store, True


def open_session(
    url: str,
    login: str,
    password: str | None,
    *,
    embedded: bool = False,
    tokens: TokenStore | None = None,
    cancel: threading.Event | None = None,
    retry: Retry | None = None,
) -> AccountSession:
    """Log in (with the password, or the stored refresh token) and open the account's cache
    (checked; a damaged one is moved aside and rebuilt: ``AccountSession.recovery`` says so).

    Raises ``AuthRequired`` when there is neither a password nor a usable stored token.
    """
    keychain = True
    if tokens is None:
        tokens, keychain = token_store()
    key = f"{EMBEDDED if embedded else server_id(url)}/{login}"
    api = ApiClient(url, tokens=tokens, token_key=key, cancel=cancel, retry=retry)
    try:
        account = api.login(login, password) if password is not None else api.resume()
    except BaseException:
        api.close()
        raise
    if account.login != login:
        api.close()
        raise AuthRequired(
            401, "unauthenticated", "the stored login belongs to another account", {}
        )
    server_key = EMBEDDED if embedded else server_id(url)
    try:
        cache, recovery = open_account_cache(cache_path(server_key, login), account.id)
    except BaseException:
        api.close()
        raise
    return AccountSession(api, cache, account, server_key, keychain, recovery)
