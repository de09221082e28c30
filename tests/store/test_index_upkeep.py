"""The keyword index stays right: feed updates and deletes, renamed categories, a second
snapshot load, and the upgrade of a cache made by the previous version of the app."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tests.store.catalogue import load_snapshot, snapshot_rows
from tests.store.reference import Catalogue
from workbench.contract.sync import SNAPSHOT_COLUMNS, Change, Scope
from workbench.store import products, schema, search, steps
from workbench.store.cache import Cache
from workbench.store.catalog import build_indexes
from workbench.store.product_plans import sort_index
from workbench.store.products import ProductFilter, Sort
from workbench.store.schema import SCHEMA_VERSION


def _found(cache: Cache, keyword: str) -> set[str]:
    return set(products.ids(cache, ProductFilter(keyword=keyword), 0, 100_000))


def _agrees(cache: Cache, *keywords: str) -> None:
    """Searches answer as the brute force does, and the index holds exactly the catalogue."""
    cache.conn.execute(
        f"INSERT INTO {search.SEARCH_TABLE} ({search.SEARCH_TABLE}) VALUES ('integrity-check')"
    )
    reference = Catalogue.read(cache.conn)
    for keyword in keywords:
        f = ProductFilter(keyword=keyword)
        assert products.ids(cache, f, 0, 100_000) == [r["id"] for r in reference.select(f)]


def _exact(cache: Cache) -> None:
    """The index holds every product's document once (compared with its content, the view)."""
    table = search.SEARCH_TABLE
    cache.conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")


def _product_change(cache: Cache, product_id: str, **fields: Any) -> Change:
    row = cache.product(product_id)
    assert row is not None
    data = {**row, **fields, "version": row["version"] + 1}
    return Change(entity="product", id=product_id, version=data["version"], op="upsert", data=data)


def test_a_feed_update_moves_the_product_in_the_index(cache: Cache) -> None:
    (pid,) = products.ids(cache, ProductFilter(keyword="玻尿酸"), 0, 1)  # in titles only
    change = _product_change(cache, pid, title="极光 智能手表 运动款", shop_name="星河旗舰店")
    steps.apply_changes(cache, Scope.CATALOG, [change], "c2")
    assert pid not in _found(cache, "玻尿酸") and pid in _found(cache, "智能手表")
    assert pid in _found(cache, "面膜")  # still in the category 面膜
    assert _found(cache, "星河") == {pid}
    _agrees(cache, "玻尿酸", "面膜", "手表", "星河", "旗舰店", "极光")


def test_an_update_of_other_columns_keeps_the_product_findable(cache: Cache) -> None:
    (pid,) = products.ids(cache, ProductFilter(keyword="茶"), 0, 1)
    change = _product_change(cache, pid, monthly_sales=10**6, commission_ppm=123_000)
    steps.apply_changes(cache, Scope.CATALOG, [change], "c2")
    assert products.ids(cache, ProductFilter(keyword="茶"), 0, 1) == [pid]  # now the best seller
    assert [r for r, _ in cache_history(cache, pid)][-1] == 123_000


def cache_history(cache: Cache, pid: str) -> list[tuple[int, str]]:
    from workbench.store.catalog import rate_history

    return rate_history(cache, "product", pid)


def test_a_stale_update_changes_nothing(cache: Cache) -> None:
    (pid,) = products.ids(cache, ProductFilter(keyword="面膜"), 0, 1)
    stale = _product_change(cache, pid, title="过期的标题")
    stale = stale.model_copy(update={"version": 0, "data": {**(stale.data or {}), "version": 0}})
    steps.apply_changes(cache, Scope.CATALOG, [stale], "c2")
    assert pid in _found(cache, "面膜") and not _found(cache, "过期")


def test_feed_deletes_and_inserts(cache: Cache) -> None:
    gone = sorted(_found(cache, "面膜"))[:3]
    deletes = [Change(entity="product", id=p, version=99, op="delete") for p in gone]
    new = {**(cache.product(gone[0]) or {}), "id": "9999999999999", "title": "全新 哈哈镜 降噪"}
    insert = Change(entity="product", id=new["id"], version=1, op="upsert", data=new)
    missing = Change(entity="product", id="no-such-product", version=1, op="delete")
    steps.apply_changes(cache, Scope.CATALOG, [*deletes, insert, missing], "c2")
    assert not set(gone) & _found(cache, "面膜")
    assert _found(cache, "哈哈镜") == {"9999999999999"}
    _agrees(cache, "面膜", "哈哈", "降噪", "雪颜")


def test_a_renamed_category_is_found_by_its_new_name(cache: Cache) -> None:
    before = _found(cache, "炒货")
    rename = Change(
        entity="category",
        id="10101",
        version=2,
        op="upsert",
        data={"id": 10101, "name": "坚果干货", "level": 3, "parent_id": 101},
    )
    steps.apply_changes(cache, Scope.CATALOG, [rename], "c2")
    assert before and not _found(cache, "炒货") and before <= _found(cache, "干货")
    _agrees(cache, "干货", "坚果")


def test_a_second_snapshot_replaces_the_index(cache: Cache, server_db: Path) -> None:
    load_snapshot(cache, server_db)
    _agrees(cache, "茶", "零食", "旗舰店")
    products_, categories, shops = snapshot_rows(server_db)
    title = SNAPSHOT_COLUMNS["product"].index("title")
    kept = [[*p[:title], "唯一的 测试标题", *p[title + 1 :]] for p in products_[:10]]
    steps.begin_snapshot(cache, "c3", len(kept))
    steps.load_snapshot_page(cache, kept, str(kept[-1][0]))
    steps.finish_snapshot(cache, categories, shops)
    for _ in range(2):  # the swap leaves the index empty; then it is built
        assert products.count(cache, ProductFilter(keyword="测试标题")) == 10
        assert products.count(cache, ProductFilter(keyword="玻尿酸")) == 0  # the first load's
        assert products.count(cache, ProductFilter()) == 10
        _agrees(cache, "茶", "测试", "旗舰店")
        build_indexes(cache)
    _exact(cache)


def test_an_interrupted_index_build_is_redone(cache: Cache, server_db: Path) -> None:
    products_, categories, shops = snapshot_rows(server_db)
    steps.begin_snapshot(cache, "c4", len(products_))
    steps.load_snapshot_page(cache, products_, str(products_[-1][0]))
    with cache.write():  # what a crash of an older version, which built it there, leaves
        search.build(cache.conn, "product_search_staging", "product_staging")
    steps.finish_snapshot(cache, categories, shops)
    build_indexes(cache)
    _agrees(cache, "茶", "面膜")
    _exact(cache)
    assert "product_search_staging" not in _tables(cache.conn)


def test_the_previous_schema_upgrades_and_fills_the_index(tmp_path: Path, server_db: Path) -> None:
    """A v2 cache (the app before the selection center) holding a catalogue opens and searches;
    the keyword index is filled in steps after the upgrade, answering the same meanwhile."""
    path = tmp_path / "old.sqlite3"
    products_, categories, shops = snapshot_rows(server_db)
    old = Cache.open(path, schema=2)  # before the keyword index (v3)
    marks = ", ".join("?" * len(products_[0]))
    with old.write():  # as the old finish_snapshot left it
        old.conn.executemany(f"INSERT INTO product VALUES ({marks})", products_)
        old.conn.executemany("INSERT INTO category VALUES (?, ?, ?, ?)", categories)
        old.conn.executemany("INSERT INTO shop VALUES (?, ?, ?, ?)", shops)
    assert "product_search" not in _tables(old.conn)
    old.close()

    with Cache.open(path) as cache:
        assert cache.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"product_search"} <= _tables(cache.conn)
        assert not search.search_ready(cache)  # v5: remade, to be filled in steps
        indexes = {r[0] for r in cache.conn.execute("SELECT name FROM sqlite_master")}
        assert {"product_filter", "product_listed_at", "record_listing_product"} <= indexes
        assert products.count(cache, ProductFilter(keyword="茶")) > 300
        _agrees(cache, "茶", "零食", "面膜", "iPhone 壳", "旗舰店", "炒货")
        build_indexes(cache)
        assert search.search_ready(cache)
        _agrees(cache, "茶", "零食", "hone 壳", "旗舰店", "炒货")
        _exact(cache)
        assert cache.integrity_check() == "ok"


def test_a_v4_cache_remakes_its_keyword_index_for_substrings(
    tmp_path: Path, server_db: Path
) -> None:
    """The index of v4 split words (零食 found 零·食); v5 remakes it, resumably: a build cut
    short by closing the app goes on where it was at the next open."""
    path = tmp_path / "v4.sqlite3"
    with Cache.open(path, schema=4) as old:
        load_snapshot(old, server_db)
        with old.write():
            old.conn.execute("UPDATE product SET title = '零·食 大礼包' WHERE rowid = 1")
    with Cache.open(path) as cache:
        assert search.indexed_upto(cache.conn) == 0
        steps.index_step(cache, 1_000)
        assert search.indexed_upto(cache.conn) == 1_000
        assert cache.product(_first_id(cache)) is not None
        _agrees(cache, "零食", "零·食", "茶")
    with Cache.open(path) as cache:
        assert search.indexed_upto(cache.conn) == 1_000  # not redone by opening
        build_indexes(cache)
        assert search.search_ready(cache)
        assert _first_id(cache) in _found(cache, "零·食")
        assert _first_id(cache) not in _found(cache, "零食") or "零食" in _category_names(cache)
        _agrees(cache, "零食", "零·食", "茶", "iPhone 壳")
        _exact(cache)


def _first_id(cache: Cache) -> str:
    return str(cache.conn.execute("SELECT id FROM product WHERE rowid = 1").fetchone()[0])


def _category_names(cache: Cache) -> str:
    row = cache.conn.execute(
        "SELECT group_concat(c.name) FROM product p JOIN category c ON c.id IN "
        "(p.category1_id, p.category2_id, p.category3_id) WHERE p.rowid = 1"
    ).fetchone()
    return str(row[0]) + str(
        cache.conn.execute("SELECT shop_name FROM product WHERE rowid = 1").fetchone()[0]
    )


def test_the_index_reads_back_what_it_holds(cache: Cache) -> None:
    """The index's content view gives each product's document, as feed changes compute it."""
    rows = cache.conn.execute(
        f"SELECT rowid, {', '.join(search.COLUMNS)} FROM {search.SEARCH_TABLE} LIMIT 50"
    ).fetchall()
    assert len(rows) == 50
    for rowid, *doc in rows:
        product = cache.conn.execute(
            "SELECT title, shop_name, category1_id, category2_id, category3_id FROM product "
            "WHERE rowid = ?",
            (rowid,),
        ).fetchone()
        assert tuple(doc) == search.doc_values(*product)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


_SORT_KEYS = ("price_fen * commission_ppm",)


def test_an_older_cache_gets_the_category_in_its_sort_indexes_in_the_background(
    tmp_path: Path, server_db: Path
) -> None:
    """The schema step that puts the leaf category into the per-sale index drops the old one
    at once (opening stays quick) and leaves the new one to the indexing phase: a sync builds
    it in a step, as after a snapshot load. Sorts answer the same before, meanwhile and
    after."""
    before = schema.MIGRATIONS.index(schema._category_in_sort_indexes)  # the version before it
    path = tmp_path / "old.sqlite3"
    with Cache.open(path, schema=before) as old:
        load_snapshot(old, server_db)
        with old.write():  # the indexes as that version built them: the key alone
            for key in _SORT_KEYS:
                name, _ = sort_index(old.conn, key)
                old.conn.execute(f"DROP INDEX {name}")
                old.conn.execute(f"CREATE INDEX {name} ON product ({key})")
        assert not any(sort_index(old.conn, key)[1] for key in _SORT_KEYS)
    reference = Catalogue.read(sqlite3.connect(path))
    filters = [
        ProductFilter(keyword="零食", sort=Sort.COMMISSION_PER_SALE),
        ProductFilter(keyword="茶", sort=Sort.COMMISSION_PER_SALE, descending=False),
        ProductFilter(commission_per_sale_min_fen=500, sort=Sort.COMMISSION_PER_SALE),
    ]
    expected = [[r["id"] for r in reference.select(f)] for f in filters]
    with Cache.open(path) as cache:
        assert all(sort_index(cache.conn, key) == (None, False) for key in _SORT_KEYS)
        assert steps.index_progress(cache) is not None  # the next sync's indexing phase
        assert search.merge_pending(cache.conn)  # and the keyword index's segments merged
        assert [products.ids(cache, f, 0, 100) for f in filters] == [e[:100] for e in expected]
        build_indexes(cache)
        assert steps.index_progress(cache) is None and not search.merge_pending(cache.conn)
        assert all(sort_index(cache.conn, key)[1] for key in _SORT_KEYS)
        assert [products.ids(cache, f, 0, 100) for f in filters] == [e[:100] for e in expected]
        assert [products.count(cache, f) for f in filters] == [len(e) for e in expected]


def test_a_new_cache_has_the_category_in_its_sort_indexes_at_once(tmp_path: Path) -> None:
    with Cache.open(tmp_path / "new.sqlite3") as cache:
        assert all(sort_index(cache.conn, key)[1] for key in _SORT_KEYS)
        assert steps.index_progress(cache) is None
