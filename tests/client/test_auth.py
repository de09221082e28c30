"""Login, resume, logout and the transparent token refresh, against the real server."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from tests.client.conftest import (
    CREATOR,
    TOKEN_KEY,
    MakeClient,
    Sleeps,
    expire_access_tokens,
    family_of,
    refresh_tokens_issued,
    revoke_login,
)
from workbench.client.api import ApiClient
from workbench.client.errors import AccountLocked, ApiError, AuthRequired, NetworkError
from workbench.client.tokens import MemoryTokenStore
from workbench.core.enums import Role
from workbench.server.embedded import EmbeddedServer
from workbench.server.login import clear_failures
from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD


def test_login_me_resume_logout(make_client: MakeClient) -> None:
    tokens = MemoryTokenStore()
    client = make_client(tokens=tokens)
    account = client.login(CREATOR, DEMO_PASSWORD, "pytest")
    assert account.login == CREATOR and account.role is Role.CREATOR
    assert client.account == account
    first = tokens.get(TOKEN_KEY)
    assert first is not None
    assert client.me().id == account.id

    # A new start of the app: only the stored refresh token is left.
    again = make_client(tokens=tokens)
    assert again.account is None
    assert again.resume().id == account.id
    rotated = tokens.get(TOKEN_KEY)
    assert rotated is not None and rotated != first
    assert again.me().login == CREATOR

    again.logout()
    assert tokens.get(TOKEN_KEY) is None
    assert again.account is None
    with pytest.raises(AuthRequired):
        again.resume()
    # The server ended the login too: the first client's access token no longer works, and
    # it has no refresh token left to recover with.
    with pytest.raises(AuthRequired):
        client.me()


def test_merchant_login(make_client: MakeClient) -> None:
    client = make_client()
    assert client.login(DEMO_LOGINS["merchant"], DEMO_PASSWORD).role is Role.MERCHANT


def test_wrong_password_stores_nothing(make_client: MakeClient) -> None:
    tokens = MemoryTokenStore()
    client = make_client(tokens=tokens)
    with pytest.raises(ApiError) as caught:
        client.login(CREATOR, "not the password")
    assert type(caught.value) is ApiError
    assert caught.value.status == 401
    assert caught.value.code == "invalid_credentials"
    assert caught.value.problem["code"] == "invalid_credentials"
    assert "401 invalid_credentials" in str(caught.value)
    assert tokens.get(TOKEN_KEY) is None
    assert client.account is None and not client.logged_in


def test_resume_without_a_stored_token(make_client: MakeClient) -> None:
    client = make_client()
    with pytest.raises(AuthRequired) as caught:
        client.resume()
    assert caught.value.code == "unauthenticated"
    with pytest.raises(AuthRequired):
        client.me()


def test_an_expired_access_token_is_refreshed_once(
    server: EmbeddedServer, creator: ApiClient, creator_tokens: MemoryTokenStore
) -> None:
    tokens = creator_tokens
    before = tokens.get(TOKEN_KEY)
    assert before is not None
    family = family_of(server, before)
    expire_access_tokens(server, tokens)

    assert creator.me().login == CREATOR
    after = tokens.get(TOKEN_KEY)
    assert after is not None and after != before
    assert refresh_tokens_issued(server, family) == 2
    # The new access token works without another refresh.
    creator.me()
    assert refresh_tokens_issued(server, family) == 2


def test_concurrent_calls_share_one_refresh(
    server: EmbeddedServer, creator: ApiClient, creator_tokens: MemoryTokenStore
) -> None:
    stored = creator_tokens.get(TOKEN_KEY)
    assert stored is not None
    family = family_of(server, stored)
    expire_access_tokens(server, creator_tokens)
    start = threading.Barrier(6)
    failures: list[BaseException] = []

    def call() -> None:
        start.wait()
        try:
            creator.me()
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=call) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    # Refresh tokens are single-use: a second refresh with the spent token would have failed.
    assert refresh_tokens_issued(server, family) == 2


def test_a_revoked_login_requires_a_new_one(
    server: EmbeddedServer, creator: ApiClient, creator_tokens: MemoryTokenStore
) -> None:
    tokens = creator_tokens
    revoke_login(server, tokens)
    with pytest.raises(AuthRequired) as caught:
        creator.me()
    assert caught.value.code == "invalid_refresh_token"
    assert tokens.get(TOKEN_KEY) is None
    assert creator.account is None


def test_logout_from_another_client_ends_this_one(make_client: MakeClient) -> None:
    tokens = MemoryTokenStore()
    client = make_client(tokens=tokens)
    client.login(CREATOR, DEMO_PASSWORD)
    other_tokens = MemoryTokenStore()
    stored = tokens.get(TOKEN_KEY)
    assert stored is not None
    other_tokens.set(TOKEN_KEY, stored)
    make_client(tokens=other_tokens).logout()

    with pytest.raises(AuthRequired):
        client.me()
    assert tokens.get(TOKEN_KEY) is None


def test_logout_offline_still_forgets_the_login(make_client: MakeClient) -> None:
    tokens = MemoryTokenStore()
    tokens.set(TOKEN_KEY, "r" * 43)
    # Nothing listens on port 9 of loopback: every attempt is refused at once.
    client = make_client(tokens=tokens, base_url="http://127.0.0.1:9")
    client.logout()
    assert tokens.get(TOKEN_KEY) is None


def test_a_lost_refresh_answer_is_not_resent(
    server: EmbeddedServer,
    creator: ApiClient,
    creator_tokens: MemoryTokenStore,
    faults: Callable[..., None],
    sleeps: Sleeps,
) -> None:
    stored = creator_tokens.get(TOKEN_KEY)
    assert stored is not None
    family = family_of(server, stored)
    again = ApiClient(server.url, tokens=creator_tokens, token_key=TOKEN_KEY, sleep=sleeps)
    try:
        faults(drop_rate=1.0)
        with pytest.raises(NetworkError):
            again.resume()
        # The server rotated the token once; the client did not try again with the spent one.
        assert refresh_tokens_issued(server, family) == 2
        assert sleeps == []
    finally:
        again.close()
    faults(drop_rate=0.0)
    # The spent token is worth nothing now: the user logs in again.
    with pytest.raises(AuthRequired):
        creator.resume()
    assert creator_tokens.get(TOKEN_KEY) is None


def test_a_locked_login_is_an_account_locked_error_with_its_wait(
    make_client: MakeClient, server: EmbeddedServer
) -> None:
    client = make_client()
    name = DEMO_LOGINS["merchant_b"]
    try:
        for _ in range(server.settings.login_lockout_after - 1):
            with pytest.raises(ApiError) as wrong:
                client.login(name, "not the password")
            assert type(wrong.value) is ApiError
        with pytest.raises(AccountLocked) as caught:
            client.login(name, DEMO_PASSWORD + "x")
        assert caught.value.code == "account_locked" and caught.value.status == 403
        assert caught.value.retry_after == server.settings.login_lockout_seconds
        with pytest.raises(AccountLocked):  # the right password waits too
            client.login(name, DEMO_PASSWORD)
        assert not client.logged_in
    finally:
        with server.db.write(feed=False) as session:
            clear_failures(session, name)
