"""Per-account rate limit (429 + Retry-After), on a second server with a tight limit.

``server`` is requested only so the shared database is seeded with the demo logins.
"""

from __future__ import annotations

import httpx

from tests.server.conftest import login
from workbench.server.app import IMAGE_RATE_FACTOR
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS


def test_rate_limit_is_per_account(server: EmbeddedServer, database_url: str) -> None:
    settings = ServerSettings(
        database_url=database_url, rate_limit_per_second=1, rate_limit_burst=5
    )
    with EmbeddedServer(settings) as srv, httpx.Client(base_url=srv.url) as http:
        a = login(http, DEMO_LOGINS["creator"])
        b = login(http, DEMO_LOGINS["merchant"])
        statuses = [a.get("/v1/me").status_code for _ in range(8)]
        assert statuses[:5] == [200] * 5
        assert 429 in statuses[5:]
        limited = a.get("/v1/me")
        assert limited.status_code == 429
        assert limited.json()["code"] == "rate_limited"
        assert int(limited.headers["retry-after"]) >= 1
        # another account is not slowed by the first one's burst
        assert b.get("/v1/me").status_code == 200


def test_login_attempts_are_limited_too(server: EmbeddedServer, database_url: str) -> None:
    settings = ServerSettings(
        database_url=database_url, rate_limit_per_second=0.5, rate_limit_burst=3
    )
    with EmbeddedServer(settings) as srv, httpx.Client(base_url=srv.url) as http:
        answers = [
            http.post(
                "/v1/auth/login", json={"login": DEMO_LOGINS["creator"], "password": "guess"}
            ).status_code
            for _ in range(5)
        ]
        assert answers[:3] == [401, 401, 401]
        assert answers[3:] == [429, 429]


def test_thumbnails_have_a_bucket_of_their_own(server: EmbeddedServer, database_url: str) -> None:
    settings = ServerSettings(
        database_url=database_url, rate_limit_per_second=0.5, rate_limit_burst=2
    )
    with EmbeddedServer(settings) as srv, httpx.Client(base_url=srv.url) as http:
        a = login(http, DEMO_LOGINS["creator"])
        product = a.get("/v1/products", params={"limit": 1}).json()["items"][0]["id"]
        images = [
            a.get(f"/v1/products/{product}/thumbnail", params={"size": 64}).status_code
            for _ in range(2 * IMAGE_RATE_FACTOR + 4)
        ]
        assert images[: 2 * IMAGE_RATE_FACTOR - 1] == [200] * (2 * IMAGE_RATE_FACTOR - 1)
        assert 429 in images[2 * IMAGE_RATE_FACTOR :]  # a bucket, not unlimited
        assert a.get("/v1/me").status_code == 200  # scrolling did not take the API's tokens
