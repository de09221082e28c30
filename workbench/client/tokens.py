"""Where the refresh token lives: the OS keychain, or memory for this session only.

The refresh token is the one long-lived secret of the app. It goes into the keychain (macOS
Keychain, Windows Credential Locker, Secret Service) via ``keyring``, and nowhere else: where no
keychain exists the app keeps it in memory and asks for login at each start. Backends that are
really files (``keyrings.alt``) or that only fail are refused, even if ``keyring`` picked them.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from workbench.client.errors import NoKeychain

SERVICE = "ShopWorkbench"
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class TokenStore(Protocol):
    """Keeps one refresh token per key (an account on a server)."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, token: str) -> None: ...

    def delete(self, key: str) -> None: ...


class MemoryTokenStore:
    """Tokens in a dict: for a session without a keychain, and for tests."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._tokens.get(key)

    def set(self, key: str, token: str) -> None:
        with self._lock:
            self._tokens[key] = token

    def delete(self, key: str) -> None:
        with self._lock:
            self._tokens.pop(key, None)

    def __repr__(self) -> str:
        return f"MemoryTokenStore({len(self._tokens)} token(s))"


def _is_refused(backend: Any) -> bool:
    return str(type(backend).__module__).startswith(_REFUSED_MODULES)


def system_keychain() -> KeyringBackend:
    """The keychain ``keyring`` would use, unless it is a file or a failing stand-in.

    Raises NoKeychain when there is none (headless Linux without Secret Service, say).
    """
    try:
        chosen = keyring.get_keyring()
    except keyring.errors.KeyringError as exc:
        raise NoKeychain(type(exc).__name__) from exc
    chain = getattr(chosen, "backends", None)  # keyring's chainer: several backends
    candidates = list(chain) if isinstance(chain, list | tuple) else [chosen]
    usable = [b for b in candidates if not _is_refused(b)]
    if not usable:
        raise NoKeychain(f"only {type(chosen).__name__} is configured")
    return usable[0]


class KeyringTokenStore:
    """Refresh tokens in the OS keychain, under the service name ``ShopWorkbench``.

    ``backend`` is for tests (a keyring backend they set up themselves); without it the system's
    keychain is used, looked up at each call so a keychain unlocked later is picked up.
    """

    def __init__(self, service: str = SERVICE, backend: KeyringBackend | None = None) -> None:
        self.service = service
        self._backend = backend

    def _keychain(self) -> KeyringBackend:
        return self._backend if self._backend is not None else system_keychain()

    def get(self, key: str) -> str | None:
        try:
            token = self._keychain().get_password(self.service, key)
        except keyring.errors.KeyringError as exc:
            raise NoKeychain(type(exc).__name__) from None
        return token if token else None

    def set(self, key: str, token: str) -> None:
        try:
            self._keychain().set_password(self.service, key, token)
        except keyring.errors.KeyringError as exc:
            # ``from None``: a backend's error could quote what it was asked to store.
            raise NoKeychain(type(exc).__name__) from None

    def delete(self, key: str) -> None:
        """Forget the token of ``key``; a key with no token is not an error."""
        keychain = self._keychain()
        try:
            if keychain.get_password(self.service, key) is None:
                return
            keychain.delete_password(self.service, key)
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError as exc:
            raise NoKeychain(type(exc).__name__) from None

    def __repr__(self) -> str:
        return f"KeyringTokenStore({self.service!r})"
