"""A real seeded server for the client tests (SQLite, uvicorn on 127.0.0.1), and client helpers.

One server per test module; fault injection is available and off until a test turns it on with
``faults``. Clients get a :class:`Sleeps` recorder instead of ``time.sleep``, so retries never
wait and their delays can be checked.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update

from tests.servers import running_server, seed
from workbench.client.api import ApiClient
from workbench.client.tokens import MemoryTokenStore, TokenStore
from workbench.contract.sync import Mutation, MutationBatch
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.embedded import EmbeddedServer
from workbench.server.security import token_hash
from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server.types import utcnow

SEED_PRODUCTS = 600
TOKEN_KEY = "test-account"
CREATOR = DEMO_LOGINS["creator"]


class Sleeps(list[float]):
    """A ``sleep`` that records the delays asked for and returns at once."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("client-server") / "server.sqlite3"
    return seed(f"sqlite:///{path}", products=SEED_PRODUCTS, orders_per_day=2)


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[EmbeddedServer]:
    """The seeded server, with fault injection available (off until a test turns it on)."""
    with running_server(database_url) as srv:
        yield srv


@pytest.fixture
def faults(server: EmbeddedServer) -> Iterator[Callable[..., None]]:
    """Set fault injection for one test (``error_rate``, ``drop_rate``, ``latency_ms``)."""
    with httpx.Client(base_url=server.url, timeout=10) as control:

        def set_faults(**values: Any) -> None:
            assert control.put("/v1/_faults", json=values).status_code == 200

        yield set_faults
        reset = {"error_rate": 0, "drop_rate": 0, "latency_ms": 0}
        assert control.put("/v1/_faults", json=reset).status_code == 200


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


MakeClient = Callable[..., ApiClient]


@pytest.fixture
def make_client(server: EmbeddedServer, sleeps: Sleeps) -> Iterator[MakeClient]:
    """Build ApiClients on the server (closed after the test); keyword arguments override."""
    made: list[ApiClient] = []

    def make(**overrides: Any) -> ApiClient:
        options: dict[str, Any] = {
            "tokens": MemoryTokenStore(),
            "token_key": TOKEN_KEY,
            "sleep": sleeps,
            "rng": random.Random(42),
        }
        options.update(overrides)
        base_url = options.pop("base_url", server.url)
        client = ApiClient(base_url, **options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def creator_tokens() -> MemoryTokenStore:
    """The token store of ``creator``."""
    return MemoryTokenStore()


@pytest.fixture
def creator(make_client: MakeClient, creator_tokens: MemoryTokenStore) -> ApiClient:
    """A client logged in as the demo creator, its refresh token in ``creator_tokens``."""
    client = make_client(tokens=creator_tokens)
    client.login(CREATOR, DEMO_PASSWORD, "pytest")
    return client


def family_of(server: EmbeddedServer, refresh_token: str) -> str:
    """The login (token family) a refresh token belongs to."""
    with server.db.read() as db:
        row = db.get(m.AuthToken, token_hash(refresh_token))
        assert row is not None
        return str(row.family)


def expire_access_tokens(server: EmbeddedServer, tokens: TokenStore) -> None:
    """Make the access tokens of the stored login expire now (the refresh token stays valid)."""
    stored = tokens.get(TOKEN_KEY)
    assert stored is not None
    family = family_of(server, stored)
    with server.db.write() as db:
        db.execute(
            update(m.AuthToken)
            .where(m.AuthToken.family == family, m.AuthToken.kind == "access")
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )


def revoke_login(server: EmbeddedServer, tokens: TokenStore) -> None:
    """Revoke every token of the stored login, as a logout elsewhere would."""
    stored = tokens.get(TOKEN_KEY)
    assert stored is not None
    family = family_of(server, stored)
    with server.db.write() as db:
        db.execute(update(m.AuthToken).where(m.AuthToken.family == family).values(revoked=True))


def refresh_tokens_issued(server: EmbeddedServer, family: str) -> int:
    """How many refresh tokens a login has had: 1 + the number of refreshes."""
    with server.db.read() as db:
        rows = db.scalars(
            select(m.AuthToken.token_hash).where(
                m.AuthToken.family == family, m.AuthToken.kind == "refresh"
            )
        ).all()
        return len(rows)


def channel_batch(device_id: str, seq: int = 1, name: str = "客户端测试") -> MutationBatch:
    """A batch creating one new showcase channel."""
    return MutationBatch(
        device_id=device_id,
        mutations=[
            Mutation(
                seq=seq,
                id=uuid7(),
                type="channel.create",
                entity_id=uuid7(),
                payload={"kind": "showcase", "name": name},
            )
        ],
    )
