"""Filters, sorts and paging of the selection center against a brute-force evaluation.

Every filter alone, then random combinations (hypothesis), each under every plan the query can
take; sort orders; windows that page through the result (read with LIMIT, and from the whole
ordered result) against one big page; rows as the table shows them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store.reference import Catalogue
from workbench.core.enums import GuaranteeFlag
from workbench.core.money import commission_fen
from workbench.store import product_plans, products
from workbench.store.cache import Cache
from workbench.store.products import ProductFilter, Sort

SEVEN_DAY, FREIGHT = GuaranteeFlag.SEVEN_DAY_RETURN, GuaranteeFlag.FREIGHT_INSURANCE


def _check(cache: Cache, reference: Catalogue, f: ProductFilter) -> list[str]:
    expected = [r["id"] for r in reference.select(f)]
    assert products.count(cache, f) == len(expected)
    assert products.ids(cache, f, 0, 10_000) == expected
    assert [r["id"] for r in products.first_page(cache, f)] == expected[:50]
    return expected


ONE_EACH = {
    "category level 1 (茶)": ProductFilter(category_id=2),
    "category level 2": ProductFilter(category_id=201),
    "category level 3": ProductFilter(category_id=20101),
    "unknown category": ProductFilter(category_id=999_999),
    "price range": ProductFilter(price_min_fen=5_000, price_max_fen=30_000),
    "price from": ProductFilter(price_min_fen=100_000),
    "commission range": ProductFilter(commission_min_ppm=200_000, commission_max_ppm=300_000),
    "commission per sale": ProductFilter(
        commission_per_sale_min_fen=1_000, commission_per_sale_max_fen=5_000
    ),
    "monthly sales": ProductFilter(monthly_sales_min=100, monthly_sales_max=5_000),
    "guarantees": ProductFilter(guarantee_flags=int(SEVEN_DAY | FREIGHT)),
    "promotable now": ProductFilter(promotable_now=True),
    "empty range": ProductFilter(price_min_fen=10, price_max_fen=5),
    "huge bounds": ProductFilter(price_min_fen=-(10**30), price_max_fen=10**30),
}


@pytest.mark.parametrize("name", ONE_EACH)
def test_each_filter_alone(shared: Cache, reference: Catalogue, plan: str, name: str) -> None:
    expected = _check(shared, reference, ONE_EACH[name])
    assert bool(expected) == (name not in ("empty range", "unknown category"))


def test_commission_per_sale_bounds_are_the_rounded_figure(
    shared: Cache, reference: Catalogue, plan: str
) -> None:
    """Half-up to the 分, as shown: a bound equal to a product's figure keeps that product."""
    for row in reference.rows[:5]:
        fen = commission_fen(row["price_fen"], row["commission_ppm"])
        exact = ProductFilter(commission_per_sale_min_fen=fen, commission_per_sale_max_fen=fen)
        assert row["id"] in _check(shared, reference, exact)
        above = ProductFilter(
            commission_per_sale_min_fen=fen + 1, commission_per_sale_max_fen=fen + 1
        )
        assert row["id"] not in _check(shared, reference, above)


@pytest.mark.parametrize("sort", list(Sort))
@pytest.mark.parametrize("descending", [True, False])
def test_sort_orders(
    shared: Cache, reference: Catalogue, plan: str, sort: Sort, descending: bool
) -> None:
    _check(shared, reference, ProductFilter(sort=sort, descending=descending))
    _check(shared, reference, ProductFilter(category_id=2, sort=sort, descending=descending))


filters = st.builds(
    ProductFilter,
    keyword=st.sampled_from(["", "", "茶", "零食", "面膜", "山野", "旗舰店", "炒货", "iPhone 壳"]),
    category_id=st.sampled_from([None, None, 2, 201, 20101, 1, 101, 10101]),
    price_min_fen=st.one_of(st.none(), st.integers(0, 50_000)),
    price_max_fen=st.one_of(st.none(), st.integers(1_000, 200_000)),
    commission_min_ppm=st.one_of(st.none(), st.integers(0, 300_000)),
    commission_max_ppm=st.one_of(st.none(), st.integers(100_000, 500_000)),
    commission_per_sale_min_fen=st.one_of(st.none(), st.integers(0, 3_000)),
    commission_per_sale_max_fen=st.one_of(st.none(), st.integers(100, 20_000)),
    monthly_sales_min=st.one_of(st.none(), st.integers(0, 200)),
    monthly_sales_max=st.one_of(st.none(), st.integers(10, 10_000)),
    guarantee_flags=st.sampled_from([0, 0, int(SEVEN_DAY), int(SEVEN_DAY | FREIGHT), 1 << 5]),
    promotable_now=st.booleans(),
    hide_on_my_channels=st.booleans(),
    favourites_only=st.booleans(),
    sort=st.one_of(st.none(), st.sampled_from(list(Sort))),
    descending=st.booleans(),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(f=filters)
def test_random_combinations(
    shared: Cache, reference: Catalogue, plan: str, f: ProductFilter
) -> None:
    _check(shared, reference, f)


@pytest.mark.parametrize(
    "f",
    [
        ProductFilter(),
        ProductFilter(keyword="茶"),
        ProductFilter(keyword="零食"),  # three tiers
        ProductFilter(keyword="茶", sort=Sort.PRICE, descending=False),
        ProductFilter(promotable_now=True, sort=Sort.COMMISSION_PER_SALE),
    ],
    ids=["all", "tea", "snacks in tiers", "tea by price", "promotable by per-sale"],
)
@pytest.mark.parametrize("window", [2_000, 70], ids=["limit", "whole result"])
def test_pages_join_into_the_one_big_page(
    shared: Cache, monkeypatch: pytest.MonkeyPatch, f: ProductFilter, window: int
) -> None:
    monkeypatch.setattr(products, "DIRECT_WINDOW", window)  # 70: most pages from the result
    whole = products.ids(shared, f, 0, 100_000)
    assert len(whole) == products.count(shared, f) and len(set(whole)) == len(whole)
    for size in (200, 37):
        paged: list[str] = []
        while page := products.ids(shared, f, len(paged), size):
            paged += page
        assert paged == whole
    assert products.ids(shared, f, len(whole), 50) == []
    assert products.ids(shared, f, 10, 0) == [] and products.ids(shared, f, -5, 3) == whole[:3]


def test_the_whole_result_is_made_again_after_a_write(
    cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(products, "DIRECT_WINDOW", 10)
    f = ProductFilter(hide_on_my_channels=True)
    before = products.ids(cache, f, 0, 100_000)
    _list_products(cache, before[:3])
    after = products.ids(cache, f, 0, 100_000)
    assert after == before[3:]


def _list_products(cache: Cache, product_ids: list[str]) -> None:
    with cache.write():
        for n, pid in enumerate(product_ids):
            data = {"id": f"listing-{n}", "channel_id": "c1", "product_id": pid, "version": 1}
            cache.conn.execute(
                "INSERT INTO record (entity, id, data, version) VALUES ('listing', ?, ?, 1)",
                (f"listing-{n}", json.dumps(data)),
            )


def test_hide_products_on_my_channels(cache: Cache, plan: str) -> None:
    tea = ProductFilter(keyword="茶")
    listed = products.ids(cache, tea, 0, 5)
    _list_products(cache, listed)
    reference = Catalogue.read(cache.conn)
    assert reference.listed == set(listed)
    hidden = ProductFilter(keyword="茶", hide_on_my_channels=True)
    found = _check(cache, reference, hidden)
    assert not set(found) & set(listed) and len(found) == products.count(cache, tea) - 5
    _check(cache, reference, ProductFilter(hide_on_my_channels=True, sort=Sort.PRICE))


def test_favourites_only(cache: Cache, plan: str) -> None:
    picked = products.ids(cache, ProductFilter(sort=Sort.PRICE), 0, 400)[::50]
    for pid in picked[:-1]:
        cache.enqueue("favourite.add", pid, {})
    cache.enqueue("favourite.add", picked[-1], {})
    cache.enqueue("favourite.remove", picked[-1], {})  # added and taken back: not a favourite
    reference = Catalogue.read(cache.conn)
    assert reference.favourites == set(picked[:-1])
    found = _check(cache, reference, ProductFilter(favourites_only=True))
    assert set(found) == set(picked[:-1])
    _check(cache, reference, ProductFilter(favourites_only=True, keyword="茶", sort=Sort.PRICE))
    _check(cache, reference, ProductFilter(favourites_only=True, hide_on_my_channels=True))


def test_rows_carry_what_the_table_shows(shared: Cache, reference: Catalogue) -> None:
    wanted = [r["id"] for r in reference.rows[:20]] + ["no-such-product"]
    rows = products.rows_by_ids(shared, wanted)
    assert set(rows) == set(wanted[:20])
    for original in reference.rows[:20]:
        row: dict[str, Any] = rows[original["id"]]
        assert {k: row[k] for k in original if k != "_rowid"} == {
            k: v for k, v in original.items() if k != "_rowid"
        }
        assert row["commission_per_sale_fen"] == commission_fen(
            original["price_fen"], original["commission_ppm"]
        )
        assert row["category_name"] == reference.category_names[original["category3_id"]]
    assert products.rows_by_ids(shared, []) == {}


def test_plans_avoid_full_scans_of_the_catalogue(shared: Cache) -> None:
    for f in (
        ProductFilter(category_id=2, price_min_fen=5_000, sort=Sort.COMMISSION_RATE),
        ProductFilter(keyword="茶"),
        ProductFilter(commission_per_sale_min_fen=1_000, sort=Sort.COMMISSION_PER_SALE),
    ):
        plans = products.explain(shared, f)
        assert plans and not any(p.startswith("SCAN p") and "INDEX" not in p for p in plans)


@pytest.mark.parametrize(
    "f",
    [
        ProductFilter(keyword="茶", category_id=201, price_min_fen=1_000, price_max_fen=50_000),
        ProductFilter(keyword="零食", category_id=1, sort=Sort.COMMISSION_PER_SALE),
        ProductFilter(keyword="茶 山野", category_id=2, sort=Sort.PRICE, descending=False),
    ],
    ids=["tea in a level-2 category by price range", "snacks in food by per-sale", "two words"],
)
def test_a_category_can_drive_a_keyword_query(
    shared: Cache, reference: Catalogue, monkeypatch: pytest.MonkeyPatch, f: ProductFilter
) -> None:
    """The category's range of the covering filter index, tested against the keyword's
    matches, gives the same rows as every other plan, reading no product row."""
    monkeypatch.setattr(product_plans, "FORCE", "drive")
    expected = _check(shared, reference, f)
    assert expected  # the catalogue has such products: the plan is not vacuously right
    plans = products.explain(shared, f)
    assert any("COVERING INDEX product_filter" in p for p in plans), plans
