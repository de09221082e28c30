"""The keyword index built in steps after the snapshot swap: queries answer the same while it
is partial, a crash mid-build resumes and indexes every product exactly once, and feed changes
that arrive meanwhile leave it exact.

A cache is loaded through the snapshot path and stopped at the swap (the index empty, build
position 0), then built a few steps of 700 rowids (the 3,000 test products take five). Answers
are compared with the fully built ``shared`` cache and with the brute force of ``reference.py``;
"exactly once" is FTS5's own integrity check against the index's content (the ``product`` view),
which fails on a document missing or indexed twice, plus a count of the documents it holds.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.store.catalogue import INDEX_STEP, load_snapshot
from tests.store.reference import Catalogue
from tests.sync.helpers import Crash, crash_at
from workbench.contract.sync import Change, Scope
from workbench.store import product_plans, products, search, steps
from workbench.store.cache import Cache
from workbench.store.product_plans import index_name
from workbench.store.products import ProductFilter, Sort
from workbench.store.schema import PRODUCT_INDEXES, SWAP_INDEXES

KEYWORDS = ["茶", "零食", "iPhone 壳", "面膜", "山野", "旗舰店", "炒货", "店"]
"""One character, two, a word and a character, shop-name words (山野; 旗舰店 is in shop names
only), a category's name (no title says 炒货), and a very broad one."""

FILTERS = [
    *[ProductFilter(keyword=k) for k in KEYWORDS],
    ProductFilter(keyword="茶", category_id=2),
    ProductFilter(keyword="茶", category_id=201, price_min_fen=5_000),
    ProductFilter(keyword="零食", sort=Sort.COMMISSION_PER_SALE, descending=False),
    ProductFilter(keyword="店", sort=Sort.PRICE, promotable_now=True),
    ProductFilter(keyword="面膜", sort=Sort.STOCK),  # a sort without an index of its own
    ProductFilter(keyword="茶", hide_on_my_channels=True, guarantee_flags=1, monthly_sales_min=50),
    ProductFilter(keyword="零食", commission_per_sale_min_fen=100, sort=Sort.LISTED_AT),
]


@pytest.fixture(scope="session")
def unbuilt(server_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache right after the snapshot swap: catalogue in place, keyword index empty."""
    path = tmp_path_factory.mktemp("unbuilt") / "cache.sqlite3"
    with Cache.open(path) as cache:
        load_snapshot(cache, server_db, indexed=False)
        assert not search.search_ready(cache)
        assert steps.index_progress(cache) == (0, 3_000)
    return path


@pytest.fixture
def fresh(unbuilt: Path, tmp_path: Path) -> Iterator[Cache]:
    """A copy of ``unbuilt`` for one test."""
    path = tmp_path / "cache.sqlite3"
    shutil.copy(unbuilt, path)
    with Cache.open(path) as opened:
        yield opened


def _steps(cache: Cache, n: int) -> None:
    for _ in range(n):
        assert not steps.index_step(cache, INDEX_STEP)


def _segments(cache: Cache) -> int:
    """The keyword index's segments (FTS5 numbers a segment's pages from segment id << 37)."""
    sql = f"SELECT count(DISTINCT (id >> 37) & 65535) FROM {search.SEARCH_TABLE}_data WHERE id > 10"
    return int(cache.conn.execute(sql).fetchone()[0])


def _finish(cache: Cache) -> int:
    count = 1
    while not steps.index_step(cache, INDEX_STEP):
        count += 1
    return count


Answers = tuple[int, list[str], list[str], list[str]]


def _answers(cache: Cache, f: ProductFilter) -> Answers:
    """count, first page, a window read with LIMIT, and the whole result (materialized)."""
    return (
        products.count(cache, f),
        [r["id"] for r in products.first_page(cache, f)],
        products.ids(cache, f, 10, 60),
        products.ids(cache, f, 0, 10_000),
    )


def _expected(reference: Catalogue, f: ProductFilter) -> Answers:
    ids = [r["id"] for r in reference.select(f)]
    return len(ids), ids[:50], ids[10:70], ids


def _exactly_once(cache: Cache) -> None:
    """The index holds each product's document once, as the product is now; nothing else."""
    table = search.SEARCH_TABLE
    # rank 1: compared with the content (the product view), not only internally consistent.
    cache.conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
    level1 = [r[0] for r in cache.conn.execute("SELECT DISTINCT category1_id FROM product")]
    every = " OR ".join(search.category_phrase(c) for c in level1)
    assert search.fts_count(cache.conn, every) == products.count(cache, ProductFilter())


@pytest.fixture(scope="module")
def complete(shared: Cache, reference: Catalogue) -> dict[ProductFilter, Answers]:
    """The answers of the fully built cache (``shared``), which the brute force agrees with."""
    found = {f: _answers(shared, f) for f in FILTERS}
    for f, answers in found.items():
        assert answers == _expected(reference, f), f
    return found


@pytest.mark.parametrize("built", [0, 1, 3], ids=["empty", "1 step", "3 steps"])
def test_a_partial_index_answers_as_the_complete_one(
    fresh: Cache, shared: Cache, complete: dict[ProductFilter, Answers], plan: str, built: int
) -> None:
    _steps(fresh, built)
    assert steps.index_progress(fresh) == (built * INDEX_STEP, 3_000)
    assert not products.search_ready(fresh) and products.search_ready(shared)
    for f in FILTERS:
        assert _answers(fresh, f) == complete[f], f


@pytest.mark.parametrize("keyword", ["", " ", '"茶', "茶 AND 零食", "NOT 茶", "%茶%", "🍵茶", "2"])
def test_odd_inputs_on_a_partial_index(fresh: Cache, reference: Catalogue, keyword: str) -> None:
    _steps(fresh, 2)
    f = ProductFilter(keyword=keyword)
    assert _answers(fresh, f) == _expected(reference, f)


def test_a_step_committed_during_a_query_neither_drops_nor_doubles_rows(
    fresh: Cache, reference: Catalogue, plan: str
) -> None:
    """A query reads the build position once; the builder (another connection) may commit a
    step before the query's statements run: both sides keep to the position read."""
    builder = Cache.open(fresh.path)
    try:
        for f in (FILTERS[0], FILTERS[1], FILTERS[8], FILTERS[10]):
            expected = [r["id"] for r in reference.select(f)]
            q = products._prepare(fresh, f)
            steps.index_step(builder, INDEX_STEP)  # the index now holds more than q was told
            assert q.indexed_upto is not None
            assert search.indexed_upto(fresh.conn) == q.indexed_upto + INDEX_STEP
            assert product_plans.count_keyword(fresh.conn, q) == len(expected), f
            assert products._ids_of(fresh, products._window(fresh, q, 0, 50)) == expected[:50]
            whole = products._ids_of(fresh, products._window(fresh, q, 0, 10_000))
            assert whole == expected, f
    finally:
        builder.close()


def test_the_build_completes_and_holds_every_product_once(fresh: Cache, shared: Cache) -> None:
    deferred = [column for name, column in PRODUCT_INDEXES if name not in SWAP_INDEXES]
    assert len(deferred) == 3
    assert all(index_name(fresh.conn, column) is None for column in deferred)
    _steps(fresh, 5)  # the keyword index: 3,000 rowids in steps of 700
    assert search.search_ready(fresh) and fresh.meta(search.BUILT_UPTO) is None
    assert search.search_progress(fresh) == steps.index_progress(fresh) == (3_000, 3_000)
    _exactly_once(fresh)
    assert _segments(fresh) == 5  # one a step
    # Then one step for each B-tree index left out before the swap, then the merge of the
    # keyword index's segments: one step merges them all here, the next finds none left.
    assert _finish(fresh) == 3 + 2
    assert _segments(fresh) == 1 and not search.merge_pending(fresh.conn)
    assert all(index_name(fresh.conn, column) for column in deferred)
    assert steps.index_progress(fresh) is None
    assert steps.index_step(fresh, INDEX_STEP)  # nothing left: a no-op
    _exactly_once(fresh)
    for f in FILTERS:
        assert _answers(fresh, f) == _answers(shared, f)


def test_a_crash_mid_build_resumes_where_it_was(fresh: Cache, reference: Catalogue) -> None:
    fresh.fault = crash_at("index:before-commit", 3)
    with pytest.raises(Crash):
        _finish(fresh)
    path = fresh.path
    fresh.close()

    with Cache.open(path) as cache:  # a new process opens what the killed one left
        assert steps.index_progress(cache) == (2 * INDEX_STEP, 3_000)  # the third step rolled back
        assert cache.integrity_check() == "ok"
        for f in FILTERS[:4]:
            assert _answers(cache, f) == _expected(reference, f)
        assert (
            _finish(cache) == 3 + 3 + 2
        )  # from 1,400: three steps, not five; the B-trees; the merge
        _exactly_once(cache)
        for f in FILTERS:
            assert _answers(cache, f) == _expected(reference, f)


def _change(cache: Cache, rowid: int, **fields: Any) -> Change:
    row = cache.conn.execute("SELECT id FROM product WHERE rowid = ?", (rowid,)).fetchone()
    data = cache.product(str(row[0]))
    assert data is not None
    data = {**data, **fields, "version": data["version"] + 1}
    return Change(entity="product", id=data["id"], version=data["version"], op="upsert", data=data)


def _delete(cache: Cache, rowid: int) -> Change:
    (pid,) = cache.conn.execute("SELECT id FROM product WHERE rowid = ?", (rowid,)).fetchone()
    return Change(entity="product", id=str(pid), version=10**6, op="delete")


def _new(cache: Cache, n: int, title: str) -> Change:
    data = {**(cache.product(cache.conn.execute("SELECT id FROM product").fetchone()[0]) or {})}
    data.update(id=f"88888888{n:05d}", title=title, version=1)
    return Change(entity="product", id=data["id"], version=1, op="upsert", data=data)


@pytest.mark.parametrize("plan", ["chosen", "list", "sort"], indirect=True)
def test_feed_changes_during_a_partial_build_keep_it_exact(
    fresh: Cache, plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _steps(fresh, 2)  # rowids up to 1,400 are indexed
    changes = [
        _change(fresh, 10, title="极光 智能手表 运动款", shop_name="星河旗舰店"),  # indexed
        _change(fresh, 1_400, title="边界上的 哈哈镜 茶"),  # the last indexed rowid
        _change(fresh, 1_401, title="边界之上 哈哈镜 零食"),  # the first not indexed
        _change(fresh, 2_500, title="还没索引的 哈哈镜"),
        _change(fresh, 20, monthly_sales=10**6),  # no text changed
        _delete(fresh, 30),
        _delete(fresh, 2_600),
        _new(fresh, 1, "全新 哈哈镜 礼盒"),  # rowid 3,001: above the position
        Change(
            entity="category",
            id="10101",
            version=2,
            op="upsert",
            data={"id": 10101, "name": "坚果干货", "level": 3, "parent_id": 101},
        ),
    ]
    steps.apply_changes(fresh, Scope.CATALOG, changes, "c2")
    keywords = ["哈哈镜", "智能手表", "星河", "茶", "零食", "干货", "炒货", "旗舰店"]

    def agrees() -> None:
        reference = Catalogue.read(fresh.conn)
        for keyword in keywords:
            f = ProductFilter(keyword=keyword)
            assert _answers(fresh, f) == _expected(reference, f), keyword

    agrees()
    assert products.count(fresh, ProductFilter(keyword="哈哈镜")) == 4
    _steps(fresh, 1)
    # More while the build runs: a product it just passed, and one more new one.
    steps.apply_changes(
        fresh,
        Scope.CATALOG,
        [_change(fresh, 2_000, title="刚索引过的 哈哈镜"), _new(fresh, 2, "又一个 哈哈镜")],
        "c3",
    )
    agrees()
    assert not steps.index_step(fresh, INDEX_STEP)  # up to 2,800
    assert not search.search_ready(fresh)
    steps.index_step(fresh, INDEX_STEP)  # past 3,002, the highest rowid: complete
    assert search.search_ready(fresh)
    _exactly_once(fresh)
    agrees()
    # Complete: a new product is indexed at once, an update moves its document.
    steps.apply_changes(
        fresh,
        Scope.CATALOG,
        [_new(fresh, 3, "第三个 哈哈镜"), _change(fresh, 3_001, title="换了")],
        "c4",
    )
    _exactly_once(fresh)
    agrees()
    assert products.count(fresh, ProductFilter(keyword="哈哈镜")) == 6


def test_a_new_snapshot_restarts_a_partial_build(fresh: Cache, server_db: Path) -> None:
    _steps(fresh, 2)
    load_snapshot(fresh, server_db, indexed=False)
    assert steps.index_progress(fresh) == (0, 3_000)
    _finish(fresh)
    _exactly_once(fresh)


def test_a_cache_without_a_build_position_is_complete(shared: Cache) -> None:
    """Caches made before the build in steps (schema 3, index filled whole) have no position."""
    assert shared.meta(search.BUILT_UPTO) is None
    assert search.search_ready(shared) and steps.index_progress(shared) is None
    _exactly_once(shared)


def test_the_writer_is_free_between_steps(fresh: Cache) -> None:
    """An edit on another connection never waits for the whole build: only for a step."""
    other = Cache.open(fresh.path)
    try:
        other.conn.execute("PRAGMA busy_timeout = 0")
        while not steps.index_step(fresh, INDEX_STEP):
            other.enqueue("favourite.add", "1234567890123")  # would raise "database is locked"
        assert other.pending_count() == 5 + 3 + 2 - 1  # between 10 steps (keyword, B-tree, merge)
    finally:
        other.close()
