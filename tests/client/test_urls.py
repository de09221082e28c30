"""Server addresses: https anywhere, plain http only to this machine; ids for cache folders."""

from __future__ import annotations

import pytest

from workbench.client.api import ApiClient
from workbench.client.errors import InsecureServer
from workbench.client.tokens import MemoryTokenStore
from workbench.client.urls import check_server_url, server_id


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8765/", "http://127.0.0.1:8765"),
        ("http://127.0.0.2:80", "http://127.0.0.2:80"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://[::1]:8000/", "http://[::1]:8000"),
        ("https://Shop.Example.com/", "https://shop.example.com"),
        ("HTTPS://shop.example.com/api/", "https://shop.example.com/api"),
        ("  https://shop.example.com  ", "https://shop.example.com"),
    ],
)
def test_accepted_urls_are_normalised(url: str, expected: str) -> None:
    assert check_server_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://shop.example.com",
        "http://192.168.1.10:8000",
        "http://10.0.0.1",
        "http://[2001:db8::1]:80",
        "http://localhost.example.com",
        "http://0.0.0.0:8000",
    ],
)
def test_plain_http_elsewhere_is_insecure(url: str) -> None:
    with pytest.raises(InsecureServer):
        check_server_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://shop.example.com",
        "shop.example.com",
        "https://",
        "https://user:pw@shop.example.com",
        "https://shop.example.com:port",
        "https://shop.example.com/?q=1",
    ],
)
def test_malformed_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        check_server_url(url)


def test_the_client_refuses_an_insecure_server() -> None:
    with pytest.raises(InsecureServer):
        ApiClient("http://shop.example.com", tokens=MemoryTokenStore(), token_key="k")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8765", "127.0.0.1_8765"),
        ("http://127.0.0.1:8765/", "127.0.0.1_8765"),
        ("https://shop.example.com", "shop.example.com"),
        ("https://SHOP.example.com/", "shop.example.com"),
        ("https://shop.example.com:8443/api/v2", "shop.example.com_8443_api_v2"),
        ("http://[::1]:8000", "1_8000"),
    ],
)
def test_server_ids_are_stable_and_filesystem_safe(url: str, expected: str) -> None:
    assert server_id(url) == expected
