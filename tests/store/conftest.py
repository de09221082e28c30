"""Fixtures of the store tests: a cache holding the seeded demo catalogue (3,000 products).

The catalogue is loaded once per session into a template file through the snapshot path;
``cache`` hands each test its own copy (feed changes, listings), ``shared`` one read-only cache.
``plan`` runs a test under each way ``product_plans`` can read a window.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store.catalogue import load_snapshot, seeded_server
from tests.store.reference import Catalogue
from workbench.store import product_plans
from workbench.store.cache import Cache

PRODUCTS = 3_000


@pytest.fixture(scope="session")
def server_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_server(tmp_path_factory.mktemp("server") / "server.sqlite3", PRODUCTS)


@pytest.fixture(scope="session")
def template(server_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("catalogue") / "cache.sqlite3"
    with Cache.open(path) as cache:
        assert load_snapshot(cache, server_db) == PRODUCTS
    return path


@pytest.fixture
def cache(template: Path, tmp_path: Path) -> Iterator[Cache]:
    """A cache of its own for one test."""
    path = tmp_path / "cache.sqlite3"
    shutil.copy(template, path)
    with Cache.open(path) as opened:
        yield opened


@pytest.fixture(scope="session")
def shared(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    """One cache for the tests that only read."""
    path = tmp_path_factory.mktemp("shared") / "cache.sqlite3"
    shutil.copy(template, path)
    with Cache.open(path) as opened:
        yield opened


@pytest.fixture(scope="session")
def reference(shared: Cache) -> Catalogue:
    return Catalogue.read(shared.conn)


PLANS = ("chosen", "sort", "list", "split", "udf", "walk", "no-budget")


@pytest.fixture(params=PLANS)
def plan(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each way of reading a window: the cost model's choice, each plan forced, and walks
    that run out of time at once (so every fallback runs)."""
    name = str(request.param)
    if name in ("sort", "list", "split", "udf", "walk"):
        monkeypatch.setattr(product_plans, "FORCE", name)
    if name == "no-budget":
        monkeypatch.setattr(product_plans, "FORCE", "walk")
        monkeypatch.setattr(product_plans, "_budget_for", lambda *_: 0.0)
        monkeypatch.setattr(product_plans, "WALK_BUDGET_S", 0.0)
        monkeypatch.setattr(product_plans, "PLAIN_WALK_BUDGET_S", 0.0)
    return name
