"""Seeded reference servers for tests: the one recipe every suite's fixtures use.

A small deterministic demo (``seed_database`` with a fixed ``now``) and a real uvicorn server on
127.0.0.1 with fault injection available but off, and a rate limit no test reaches by accident.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from workbench.server.config import FaultSettings, ServerSettings
from workbench.server.db import Database
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import seed_database

SEED_NOW = datetime(2026, 11, 30, tzinfo=UTC)


def seed(url: str, *, products: int, orders_per_day: float) -> str:
    """Seed the empty database at ``url`` with the demo; returns ``url``."""
    db = Database(url)
    try:
        seed_database(db, products=products, seed=7, now=SEED_NOW, orders_per_day=orders_per_day)
    finally:
        db.dispose()
    return url


@contextmanager
def running_server(url: str) -> Iterator[EmbeddedServer]:
    """A running server on ``url`` with faults available (off until a test sets them)."""
    settings = ServerSettings(
        database_url=url,
        faults=FaultSettings(enabled=True, seed=1),
        rate_limit_per_second=100_000,
        rate_limit_burst=100_000,
    )
    with EmbeddedServer(settings) as srv:
        yield srv
