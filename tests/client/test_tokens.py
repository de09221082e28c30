"""Refresh tokens: the OS keychain or memory, never a file; no keychain is said plainly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from workbench.client.errors import NoKeychain
from workbench.client.tokens import SERVICE, KeyringTokenStore, MemoryTokenStore

TOKEN = "refresh-" + "x" * 40
Failing: Any = fail.Keyring  # keyring's stand-in that raises NoKeyringError on every call


@pytest.fixture
def system_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Lets a test set the process-wide keyring; the previous one comes back afterwards."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def _plaintext(tmp_path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    return backend


def test_memory_store() -> None:
    store = MemoryTokenStore()
    assert store.get("a") is None
    store.set("a", TOKEN)
    store.set("b", "other-token-value")
    assert store.get("a") == TOKEN
    store.delete("a")
    store.delete("a")  # a missing key is fine
    assert store.get("a") is None and store.get("b") == "other-token-value"
    assert TOKEN not in repr(store)


def test_no_keychain_is_said_plainly(system_keyring: None) -> None:
    keyring.set_keyring(Failing())
    store = KeyringTokenStore()
    calls: list[Callable[[], object]] = [
        lambda: store.get("k"),
        lambda: store.set("k", TOKEN),
        lambda: store.delete("k"),
    ]
    for call in calls:
        with pytest.raises(NoKeychain) as caught:
            call()
        message = str(caught.value)
        assert "log in" in message and "never stores the token in a file" in message
        assert TOKEN not in message


def test_a_plaintext_file_keyring_is_refused(system_keyring: None, tmp_path: Path) -> None:
    backend = _plaintext(tmp_path)
    keyring.set_keyring(backend)
    store = KeyringTokenStore()
    with pytest.raises(NoKeychain):
        store.set("k", TOKEN)
    with pytest.raises(NoKeychain):
        store.get("k")
    assert not Path(backend.file_path).exists()


def test_keychain_store_round_trip(tmp_path: Path) -> None:
    backend = _plaintext(tmp_path)
    store = KeyringTokenStore(backend=backend)
    assert store.get("acct@server") is None
    store.delete("acct@server")  # deleting what is not there is a no-op
    store.set("acct@server", TOKEN)
    store.set("other@server", "second-token-value")
    assert store.get("acct@server") == TOKEN
    assert backend.get_password(SERVICE, "acct@server") == TOKEN  # under "ShopWorkbench"
    assert KeyringTokenStore(backend=backend).get("acct@server") == TOKEN
    store.delete("acct@server")
    assert store.get("acct@server") is None
    assert store.get("other@server") == "second-token-value"
    assert TOKEN not in repr(store)


class _Keychain:
    """Duck-typed stand-in for an OS keychain (not a KeyringBackend: those self-register)."""

    def __init__(self, error: Exception | None = None) -> None:
        self.saved: dict[tuple[str, str], str] = {}
        self.error = error

    def get_password(self, service: str, key: str) -> str | None:
        if self.error:
            raise self.error
        return self.saved.get((service, key))

    def set_password(self, service: str, key: str, token: str) -> None:
        if self.error:
            raise self.error
        self.saved[(service, key)] = token

    def delete_password(self, service: str, key: str) -> None:
        if self.error:
            raise self.error
        if (service, key) not in self.saved:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.saved[(service, key)]


class _Chain:
    def __init__(self, *backends: Any) -> None:
        self.backends = list(backends)


def test_a_chain_uses_its_real_keychain_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    keychain = _Keychain()
    file_backed = _plaintext(tmp_path)
    monkeypatch.setattr(keyring, "get_keyring", lambda: _Chain(file_backed, keychain))
    KeyringTokenStore().set("k", TOKEN)
    assert keychain.saved == {(SERVICE, "k"): TOKEN}
    assert not Path(file_backed.file_path).exists()

    monkeypatch.setattr(keyring, "get_keyring", lambda: _Chain(file_backed, Failing()))
    with pytest.raises(NoKeychain):
        KeyringTokenStore().get("k")


def test_a_locked_keychain_is_no_keychain(monkeypatch: pytest.MonkeyPatch) -> None:
    locked = _Keychain(keyring.errors.KeyringLocked("locked"))
    monkeypatch.setattr(keyring, "get_keyring", lambda: locked)
    with pytest.raises(NoKeychain) as caught:
        KeyringTokenStore().set("k", TOKEN)
    assert caught.value.__cause__ is None and TOKEN not in str(caught.value)
