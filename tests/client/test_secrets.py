"""No token ever shows up in a repr, an exception or a log line, even at DEBUG."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
import pytest

from tests.client.conftest import CREATOR, TOKEN_KEY, MakeClient, expire_access_tokens
from workbench.client.errors import ApiError, AuthRequired, NetworkError
from workbench.client.tokens import MemoryTokenStore
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_PASSWORD


class SpyTransport(httpx.HTTPTransport):
    """The real transport, noting every token that crosses it (to search for them later)."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: set[str] = set()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        if scheme == "Bearer":
            self.tokens.add(value)
        if request.url.path.startswith("/v1/auth/") and request.content:
            sent = json.loads(request.content).get("refresh_token")
            if sent:
                self.tokens.add(sent)
        response = super().handle_request(request)
        if request.url.path.startswith("/v1/auth/") and response.status_code == 200:
            response.read()
            body = json.loads(response.content)
            self.tokens.update({body["access_token"], body["refresh_token"]})
        return response


def test_tokens_stay_secret(
    server: EmbeddedServer,
    make_client: MakeClient,
    faults: Callable[..., None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    spy = SpyTransport()
    tokens = MemoryTokenStore()
    client = make_client(tokens=tokens, transport=spy)
    texts: list[str] = []

    def failing(call: Callable[[], object]) -> None:
        with pytest.raises((ApiError, NetworkError)) as caught:
            call()
        error: BaseException | None = caught.value
        while error is not None:
            texts.extend([str(error), repr(error)])
            error = error.__cause__ or error.__context__

    failing(lambda: client.login(CREATOR, "wrong password"))
    client.login(CREATOR, DEMO_PASSWORD, "pytest")
    texts.append(repr(client))
    expire_access_tokens(server, tokens)
    client.me()  # refreshes
    texts.append(repr(client))
    faults(error_rate=0.5)
    for _ in range(5):
        client.me()  # retries, logged at DEBUG
    faults(error_rate=0.0, drop_rate=1.0)
    failing(client.resume)  # the refresh answer is lost
    faults(drop_rate=0.0)
    failing(client.resume)  # the spent refresh token: log in again
    assert tokens.get(TOKEN_KEY) is None

    assert len(spy.tokens) >= 4  # two pairs: the login, and the refresh
    assert caplog.records, "nothing was logged: the log check proves nothing"
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    for token in spy.tokens:
        assert token not in logged
        for text in texts:
            assert token not in text


def test_auth_required_carries_no_token(make_client: MakeClient) -> None:
    tokens = MemoryTokenStore()
    secret = "s" * 43
    tokens.set(TOKEN_KEY, secret)
    client = make_client(tokens=tokens)
    with pytest.raises(AuthRequired) as caught:
        client.resume()
    assert secret not in str(caught.value) and secret not in repr(caught.value)
    assert secret not in str(caught.value.problem)
