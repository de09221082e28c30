"""Fixtures of the sync tests: one small seeded server per module, devices, fault switches.

The server is the real one (uvicorn on 127.0.0.1, SQLite file) with fault injection available
but off; ``faults`` turns it on for one test and always off again. ``device`` logs a client in
and opens a fresh cache file for "a device" of an account (closed at the end of the test).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import running_server, seed
from tests.sync.helpers import FAST_RETRY, Device, account_id_of, make_api, set_faults
from workbench.client.backoff import Retry
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS

CREATOR = DEMO_LOGINS["creator"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A small seeded server (500 products) with fault injection available but off."""
    url = f"sqlite:///{tmp_path_factory.mktemp('server') / 'server.sqlite3'}"
    with running_server(seed(url, products=500, orders_per_day=1)) as srv:
        yield srv


@pytest.fixture
def faults(server: EmbeddedServer) -> Iterator[Callable[..., None]]:
    """``faults(error_rate=…, drop_rate=…, latency_ms=…)``; everything off after the test."""
    yield lambda **values: set_faults(server.url, **values)
    set_faults(server.url)


@pytest.fixture
def device(server: EmbeddedServer, tmp_path: Path) -> Iterator[Callable[..., Device]]:
    """``device(name, login=…, transport=…, retry=…)``: a logged-in client and a new cache."""
    made: list[Device] = []

    def make(
        name: str,
        login: str = CREATOR,
        transport: httpx.BaseTransport | None = None,
        retry: Retry = FAST_RETRY,
    ) -> Device:
        api = make_api(server.url, login, transport=transport, retry=retry)
        assert api.account is not None
        made.append(Device(name, tmp_path / f"{name}.sqlite3", api.account.id, api))
        return made[-1]

    yield make
    for dev in made:
        dev.close()


@pytest.fixture(scope="module")
def creator_id(server: EmbeddedServer) -> str:
    return account_id_of(server.db, CREATOR)
