"""``ApiClient.thumbnail`` against the real server: PNG bytes, typed errors, token refresh."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.client.conftest import TOKEN_KEY, MakeClient, Sleeps, expire_access_tokens
from tests.client.test_sync_calls import _pair
from workbench.client.api import PNG_SIGNATURE, ApiClient
from workbench.client.errors import ApiError, AuthRequired, NetworkError
from workbench.client.tokens import MemoryTokenStore
from workbench.server.embedded import EmbeddedServer

PNG = PNG_SIGNATURE + b"rest of a png"


@pytest.fixture
def product_id(creator: ApiClient) -> str:
    return str(creator.get_json("/v1/products", {"limit": 1})["items"][0]["id"])


@pytest.mark.parametrize("size", [64, 128, 256])
def test_thumbnail_is_a_png(creator: ApiClient, product_id: str, size: int) -> None:
    data = creator.thumbnail(product_id, size)
    assert data.startswith(PNG_SIGNATURE)
    assert int.from_bytes(data[16:20], "big") == size  # IHDR width
    assert creator.thumbnail(product_id, size) == data


def test_unknown_product_is_not_found(creator: ApiClient) -> None:
    with pytest.raises(ApiError) as caught:
        creator.thumbnail("no-such-product")
    assert caught.value.status == 404
    assert caught.value.code == "not_found"


@pytest.mark.parametrize("product_id", ["", "../me", "a/b", "a%2Fb", "x\n", "a" * 65])
def test_odd_ids_never_reach_the_server(creator: ApiClient, product_id: str) -> None:
    with pytest.raises(ValueError, match="row id"):
        creator.thumbnail(product_id)


def test_only_the_drawn_sizes(creator: ApiClient, product_id: str) -> None:
    with pytest.raises(ValueError, match="size"):
        creator.thumbnail(product_id, 100)


def test_not_logged_in(make_client: MakeClient, product_id: str) -> None:
    with pytest.raises(AuthRequired):
        make_client().thumbnail(product_id)


def test_expired_access_token_is_refreshed(
    server: EmbeddedServer, creator: ApiClient, creator_tokens: MemoryTokenStore, product_id: str
) -> None:
    expire_access_tokens(server, creator_tokens)
    assert creator.thumbnail(product_id, 64).startswith(PNG_SIGNATURE)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("text/html", b"<html>captive portal</html>"), ("image/png", b"GIF89a"), ("image/gif", PNG)],
)
def test_an_answer_that_is_not_a_png_is_a_bad_response(
    make_client: MakeClient, content_type: str, body: bytes
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/auth/refresh":
            return httpx.Response(200, json=_pair())
        return httpx.Response(200, content=body, headers={"Content-Type": content_type})

    tokens = MemoryTokenStore()
    tokens.set(TOKEN_KEY, "r" * 43)
    client = make_client(
        base_url="http://127.0.0.1:1", tokens=tokens, transport=httpx.MockTransport(handler)
    )
    with pytest.raises(ApiError) as caught:
        client.thumbnail("p1")
    assert caught.value.code == "bad_response"


def test_a_failing_server_is_given_up_on_quickly(
    creator: ApiClient, product_id: str, faults: Callable[..., None], sleeps: Sleeps
) -> None:
    faults(error_rate=1.0)
    with pytest.raises(NetworkError):
        creator.thumbnail(product_id)
    assert len(sleeps) == 1  # one resend, not the six attempts of a sync call
