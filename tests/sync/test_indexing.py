"""The sync engine's ``indexing`` phase: the keyword index built after the snapshot swap.

A new device's first sync swaps the catalogue in, then reports the phase with done/total while
it builds the index in short steps (100 rowids here, five steps over the 500 test products);
the catalogue answers queries from the first report on, and another connection can take the
cache's write lock at once between steps. A sync cancelled or killed mid-build leaves the index
partial; the next sync resumes it where it was, and every product ends up indexed exactly once.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

import pytest

from tests.store.reference import Catalogue
from tests.sync.helpers import Crash, Device, crash_at
from workbench.client.errors import Cancelled
from workbench.store import products, search, steps
from workbench.store.cache import Cache
from workbench.store.products import ProductFilter
from workbench.sync.engine import SyncEngine
from workbench.sync.progress import INDEXING, Progress

PRODUCTS = 500
STEP = 100
KEYWORDS = ["茶", "零食", "iPhone 壳", "旗舰店", "炒货"]


def _indexed_exactly_once(cache: Cache) -> None:
    """FTS5 compares the index with its content (each product's document): none missing, none
    twice; and keyword searches answer as the brute force does."""
    table = search.SEARCH_TABLE
    cache.conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
    assert search.search_ready(cache)
    reference = Catalogue.read(cache.conn)
    for keyword in KEYWORDS:
        f = ProductFilter(keyword=keyword)
        assert products.ids(cache, f, 0, 10_000) == [r["id"] for r in reference.select(f)]


def _free_writer(cache: Cache) -> None:
    """Another connection (the edits' lane) gets the write lock without waiting."""
    other = sqlite3.connect(cache.path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_the_first_sync_builds_the_index_after_the_swap(device: Callable[..., Device]) -> None:
    dev = device("a")
    seen: list[Progress] = []
    usable: list[int] = []

    def progress(p: Progress) -> None:
        seen.append(p)
        if p.phase == INDEXING:
            usable.append(products.count(dev.cache, ProductFilter()))
            _free_writer(dev.cache)

    assert dev.api is not None
    summary = SyncEngine(dev.cache, dev.api, progress=progress, index_step=STEP).run()

    phases = [p.phase for p in seen]
    indexing = [p for p in seen if p.phase == INDEXING]
    assert phases.index(INDEXING) > max(i for i, ph in enumerate(phases) if ph == "snapshot")
    assert phases.index("pull:catalog") > max(i for i, ph in enumerate(phases) if ph == INDEXING)
    assert [(p.done, p.total) for p in indexing] == [
        *((n, PRODUCTS) for n in range(0, PRODUCTS, STEP)),  # before each keyword index step
        *[(PRODUCTS, PRODUCTS)] * 3,  # before each B-tree index left out before the swap
        *[(PRODUCTS, PRODUCTS)] * 2,  # before each merge step of the keyword index
        (PRODUCTS, PRODUCTS),  # the end
    ]
    assert usable and set(usable) == {PRODUCTS}  # browsable from the first report on
    assert summary.indexed == PRODUCTS and "keyword index 500 products" in summary.line()
    _indexed_exactly_once(dev.cache)

    again: list[Progress] = []
    summary = SyncEngine(dev.cache, dev.api, progress=again.append).run()
    assert INDEXING not in {p.phase for p in again} and summary.indexed == 0


def test_a_cancelled_build_resumes_at_the_next_sync(device: Callable[..., Device]) -> None:
    dev = device("a")
    assert dev.api is not None
    cancel = threading.Event()

    def stop_midway(p: Progress) -> None:
        if p.phase == INDEXING and p.done >= 2 * STEP:
            cancel.set()  # the step under way ends, then the sync stops (at 300)

    with pytest.raises(Cancelled):
        SyncEngine(dev.cache, dev.api, progress=stop_midway, cancel=cancel, index_step=STEP).run()
    assert steps.index_progress(dev.cache) == (3 * STEP, PRODUCTS)
    assert products.count(dev.cache, ProductFilter(keyword="茶")) == len(
        Catalogue.read(dev.cache.conn).select(ProductFilter(keyword="茶"))
    )  # right while partial

    dev.restart()
    seen: list[Progress] = []
    summary = SyncEngine(dev.cache, dev.api, progress=seen.append, index_step=STEP).run()
    indexing = [p.done for p in seen if p.phase == INDEXING]
    assert indexing[0] == 3 * STEP and indexing[-1] == PRODUCTS  # resumed, not restarted
    assert summary.indexed == PRODUCTS - 3 * STEP and summary.snapshot_rows == 0
    _indexed_exactly_once(dev.cache)


def test_a_sync_killed_mid_step_resumes(device: Callable[..., Device]) -> None:
    dev = device("a")
    dev.cache.fault = crash_at("index:before-commit", 1)  # the first step, of all 500 rowids
    with pytest.raises(Crash):
        dev.sync()
    dev.restart()  # a new process: the swap was committed, the step rolled back
    assert dev.cache.integrity_check() == "ok"
    assert steps.index_progress(dev.cache) == (0, PRODUCTS)
    assert products.count(dev.cache, ProductFilter()) == PRODUCTS

    assert dev.api is not None
    dev.cache.fault = crash_at("index:before-commit", 3)
    with pytest.raises(Crash):
        SyncEngine(dev.cache, dev.api, index_step=STEP).run()
    dev.restart()
    assert steps.index_progress(dev.cache) == (2 * STEP, PRODUCTS)
    assert dev.sync().indexed == PRODUCTS - 2 * STEP
    _indexed_exactly_once(dev.cache)
