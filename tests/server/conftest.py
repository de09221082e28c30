"""Real servers for the API tests: uvicorn on 127.0.0.1 over SQLite and over PostgreSQL.

``backend`` is parametrised, so every test that uses ``server`` (or ``api``) runs on both.
Each module's server gets a database of its own holding a small demo (the same seeder as the
product): seeded once per run and backend into a template (``seeded_templates``), then copied
per module (a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on PostgreSQL), so modules
still never see each other's writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.pg import private_database
from workbench.core.ids import uuid7
from workbench.server.config import FaultSettings, ServerSettings
from workbench.server.db import Database
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD, seed_database

SEED_NOW = datetime(2026, 11, 30, tzinfo=UTC)
SEED_PRODUCTS = 1500


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _seed(url: str) -> None:
    db = Database(url)
    try:
        seed_database(db, products=SEED_PRODUCTS, seed=7, now=SEED_NOW, orders_per_day=3)
    finally:
        db.dispose()


class SeededTemplates:
    """The seeded demo of each backend, made on first use: a SQLite file, a PostgreSQL database."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.urls: dict[str, str] = {}
        self._databases = ExitStack()

    def template(self, backend: str) -> str:
        if backend not in self.urls:
            if backend == "sqlite":
                url = f"sqlite:///{self.folder / 'seeded.sqlite3'}"
            else:
                url = self._databases.enter_context(private_database("wbtemplate"))
            _seed(url)
            self.urls[backend] = url
        return self.urls[backend]

    def close(self) -> None:
        self._databases.close()


@pytest.fixture(scope="session")
def seeded_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeededTemplates]:
    templates = SeededTemplates(tmp_path_factory.mktemp("seeded"))
    yield templates
    templates.close()


@pytest.fixture(scope="module")
def empty_database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty database of the module's own (for a module that seeds its own data)."""
    if backend == "sqlite":
        path: Path = tmp_path_factory.mktemp("server") / "server.sqlite3"
        yield f"sqlite:///{path}"
    else:
        with private_database() as url:
            yield url


@pytest.fixture(scope="module")
def database_url(
    backend: str, seeded_templates: SeededTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The module's own database, holding the seeded demo: the one ``server`` serves."""
    template = seeded_templates.template(backend)
    if backend == "sqlite":
        path: Path = tmp_path_factory.mktemp("server") / "server.sqlite3"
        shutil.copyfile(template.removeprefix("sqlite:///"), path)
        yield f"sqlite:///{path}"
    else:
        with private_database(template=template) as url:
            yield url


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[EmbeddedServer]:
    """A seeded server with fault injection available (off until a test turns it on)."""
    settings = ServerSettings(
        database_url=database_url,
        rate_limit_per_second=10_000,
        rate_limit_burst=10_000,
        faults=FaultSettings(enabled=True, seed=1),
    )
    with EmbeddedServer(settings) as srv:
        yield srv


@dataclass
class Session:
    """An HTTP client logged in as one demo account."""

    client: httpx.Client
    account: dict[str, Any]
    access_token: str
    refresh_token: str
    device_id: str = field(default_factory=uuid7)
    next_seq: int = 1

    @property
    def id(self) -> str:
        return str(self.account["id"])

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(path, headers=self._auth(), **kw)

    def post(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.post(path, headers=self._auth(), **kw)

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}

    def mutate(
        self,
        type_: str,
        entity_id: str,
        payload: dict[str, Any] | None = None,
        base_version: int | None = None,
    ) -> dict[str, Any]:
        """Send one mutation as the next in this device's sequence; return its result."""
        mutation = {
            "seq": self.next_seq,
            "id": uuid7(),
            "type": type_,
            "entity_id": entity_id,
            "payload": payload or {},
            "base_version": base_version,
        }
        response = self.post(
            "/v1/sync/mutations", json={"device_id": self.device_id, "mutations": [mutation]}
        )
        assert response.status_code == 200, response.text
        self.next_seq += 1
        result: dict[str, Any] = response.json()["results"][0]
        return result

    def feed(
        self, scope: str = "account", cursor: str | None = None, limit: int = 5000
    ) -> list[dict[str, Any]]:
        """Every change of a scope from ``cursor`` to the end."""
        changes: list[dict[str, Any]] = []
        while True:
            params: dict[str, Any] = {"scope": scope, "limit": limit}
            if cursor:
                params["cursor"] = cursor
            page = self.get("/v1/sync/changes", params=params)
            assert page.status_code == 200, page.text
            body = page.json()
            changes.extend(body["changes"])
            cursor = body["cursor"]
            if not body["has_more"]:
                self.last_cursor = cursor
                return changes


def login(client: httpx.Client, login_name: str, password: str = DEMO_PASSWORD) -> Session:
    response = client.post("/v1/auth/login", json={"login": login_name, "password": password})
    assert response.status_code == 200, response.text
    body = response.json()
    return Session(client, body["account"], body["access_token"], body["refresh_token"])


@pytest.fixture(scope="module")
def http(server: EmbeddedServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def sessions(http: httpx.Client) -> dict[str, Session]:
    """Logged-in sessions for creator A, creator B, merchant A, merchant B."""
    return {
        "creator_a": login(http, DEMO_LOGINS["creator"]),
        "creator_b": login(http, DEMO_LOGINS["creator_legacy"]),
        "merchant_a": login(http, DEMO_LOGINS["merchant"]),
        "merchant_b": login(http, DEMO_LOGINS["merchant_b"]),
    }


@pytest.fixture
def fresh_session(http: httpx.Client) -> Callable[[str], Session]:
    """A new login (its own device) for a role key of ``sessions``."""
    keys = {
        "creator_a": "creator",
        "creator_b": "creator_legacy",
        "merchant_a": "merchant",
        "merchant_b": "merchant_b",
    }
    return lambda key: login(http, DEMO_LOGINS[keys[key]])


@pytest.fixture
def faults(http: httpx.Client) -> Iterator[Callable[..., None]]:
    """Turn fault injection on for one test; always off again afterwards."""

    def set_faults(**values: Any) -> None:
        assert http.put("/v1/_faults", json=values).status_code == 200

    yield set_faults
    http.put("/v1/_faults", json={"error_rate": 0, "drop_rate": 0, "latency_ms": 0})
