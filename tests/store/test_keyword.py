"""Keyword search over the seeded catalogue: every length, every field, ranked, never breaking.

Each answer is compared with the brute-force reference (``reference.py``) over all 3,000 rows,
under every plan ``product_plans`` can choose (the ``plan`` fixture).
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from tests.store.reference import Catalogue
from workbench.store import product_plans, products, search
from workbench.store.cache import Cache
from workbench.store.highlight import highlight
from workbench.store.products import ProductFilter, Sort


def _ids(cache: Cache, f: ProductFilter) -> list[str]:
    return products.ids(cache, f, 0, 10_000)


def _expected(reference: Catalogue, f: ProductFilter) -> list[str]:
    return [r["id"] for r in reference.select(f)]


@pytest.mark.parametrize(
    ("keyword", "at_least"),
    [
        ("茶", 300),  # one character
        ("零食", 200),  # two
        ("面膜", 10),
        ("明前龙井", 3),  # four
        ("iPhone 壳", 10),  # a word and a character
        ("IPHONE 手机壳", 10),  # case, three characters
        ("ipa", 10),  # a word's beginning
        ("hone", 10),  # inside a word (iPhone)
        ("5 手机壳", 5),  # iPhone 15 手机壳
    ],
)
def test_keywords_of_every_length_find_exactly_their_products(
    shared: Cache, reference: Catalogue, plan: str, keyword: str, at_least: int
) -> None:
    f = ProductFilter(keyword=keyword)
    expected = _expected(reference, f)
    assert len(expected) >= at_least
    assert _ids(shared, f) == expected
    assert products.count(shared, f) == len(expected)
    assert [r["id"] for r in products.first_page(shared, f)] == expected[:50]


def test_a_shop_name_finds_that_shops_products(shared: Cache, reference: Catalogue) -> None:
    f = ProductFilter(keyword="旗舰店")  # in shop names only
    found = products.first_page(shared, f, 1_000)
    assert found and all("旗舰店" in r["shop_name"] for r in found)
    assert [r["id"] for r in found] == _expected(reference, f)


def test_a_category_name_finds_its_products(shared: Cache, reference: Catalogue) -> None:
    f = ProductFilter(keyword="炒货")  # the leaf 坚果炒货; no title says 炒货
    found = products.first_page(shared, f, 1_000)
    assert found and all(r["category_name"] == "坚果炒货" for r in found)
    assert all("炒货" not in r["title"] for r in found)
    assert [r["id"] for r in found] == _expected(reference, f)


def test_title_matches_rank_above_shop_and_category_matches(
    shared: Cache, reference: Catalogue, plan: str
) -> None:
    f = ProductFilter(keyword="零食")
    rows = products.first_page(shared, f, 10_000)
    tiers = [reference.tier(r, "零食") for r in rows]
    assert None not in tiers
    assert tiers == sorted(t or 0 for t in tiers) and {0, 1, 2} <= set(tiers)
    first_other = tiers.index(1)
    assert all("零食" in r["title"] for r in rows[:first_other])
    assert all("零食" not in r["title"] for r in rows[first_other:])
    for tier in (0, 1, 2):
        sales = [r["monthly_sales"] for r, t in zip(rows, tiers, strict=True) if t == tier]
        assert sales == sorted(sales, reverse=True)  # best sellers first within a tier


def test_keyword_with_a_column_sort_orders_by_that_column(
    shared: Cache, reference: Catalogue, plan: str
) -> None:
    for sort in (Sort.COMMISSION_PER_SALE, Sort.PRICE, Sort.STOCK):
        for descending in (True, False):
            f = ProductFilter(keyword="茶", sort=sort, descending=descending)
            assert _ids(shared, f) == _expected(reference, f)


_rng = random.Random(5)
NASTY = [
    '"',
    '"茶',
    "茶\"'",
    "'; DROP TABLE product; --",
    "%",
    "%茶%",
    "_",
    "茶_",
    "*",
    "茶*",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "茶 AND 零食",
    "茶 OR 零食",
    "NOT 茶",
    "NEAR(茶 零食)",
    "NEAR(茶 零食, 2)",
    "茶 NEAR/2 零食",
    "(茶",
    "茶)",
    "((()))",
    "{title}: 茶",
    "title:茶",
    "^茶",
    "茶 -零食",
    "+茶",
    "🍵",
    "🍵茶",
    "茶🍵叶",
    "👨‍👩‍👧",
    "\x00",
    "茶\x00零食",
    "\\",
    "§茶",
    "2",  # a category id is no word of a title
    "",
    " ",
    "\t\n",
    "　",  # ideographic space
    "茶" * 1_000,
    "a" * 1_000,
    "茶 " * 500,
    "AND " * 250,
    " ".join(f"w{i}" for i in range(300)),
    "".join(_rng.choice('茶零食a1 "%_*()🍵NEAR') for _ in range(1_000)),
]


@pytest.mark.parametrize("keyword", NASTY, ids=lambda k: repr(k[:20]) + f"[{len(k)}]")
def test_inputs_that_must_not_break_the_query(
    shared: Cache, reference: Catalogue, keyword: str
) -> None:
    f = ProductFilter(keyword=keyword)
    expected = _expected(reference, f)
    assert products.count(shared, f) == len(expected)
    assert [r["id"] for r in products.first_page(shared, f, 100)] == expected[:100]
    assert products.ids(shared, f, 0, 10_000) == expected
    if not keyword.strip():
        assert len(expected) == len(reference.rows)  # blank: no keyword at all
    for row in products.first_page(shared, f, 5):
        highlight(row["title"], keyword)


def test_punctuation_is_part_of_the_keyword(shared: Cache, reference: Catalogue) -> None:
    for keyword in ("%_*()", "%茶%", '"茶"', "g×6", "60g×6袋"):
        f = ProductFilter(keyword=keyword)
        assert products.ids(shared, f, 0, 10_000) == _expected(reference, f)
    assert products.count(shared, ProductFilter(keyword="%茶%")) == 0  # no title says %茶%
    assert products.count(shared, ProductFilter(keyword="g×6")) > 0  # 60g×6袋


def _spy_walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the walks tried ("udf", "list", "split"), in order, as they are tried."""
    walked: list[str] = []
    real = product_plans._walk_sql

    def spy(*args: Any, **kwargs: Any) -> tuple[str, tuple[Any, ...]]:
        walked.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(product_plans, "_walk_sql", spy)
    return walked


def test_a_walk_given_up_is_not_tried_again_until_the_cache_changes(
    cache: Cache, reference: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Walks that run out of their budget at once (a real interruption of the statement).
    monkeypatch.setattr(product_plans, "_budget_for", lambda *_: 0.0)
    walked = _spy_walks(monkeypatch)
    f = ProductFilter(keyword="茶", sort=Sort.MONTHLY_SALES)
    expected = _expected(reference, f)
    assert products.ids(cache, f, 0, 50) == expected[:50]
    assert walked  # tried, and given up: the safe plan answered
    walked.clear()
    assert products.ids(cache, f, 0, 50) == expected[:50]
    assert products.ids(cache, f, 0, 200) == expected[:200]
    assert walked == []  # given up at 50 rows: not tried for as many or more
    assert products.ids(cache, f, 0, 20) == expected[:20]
    assert walked  # fewer rows: a bet of its own
    walked.clear()
    other = ProductFilter(keyword="茶", sort=Sort.MONTHLY_SALES, descending=False)
    assert products.ids(cache, other, 0, 50) == _expected(reference, other)[:50]
    assert walked  # another query bets afresh
    walked.clear()
    cache.conn.execute("UPDATE product SET stock = stock WHERE rowid = 1")  # any write
    assert products.ids(cache, f, 0, 50) == expected[:50]
    assert walked  # the cache changed: the bet is made again


def test_a_walk_whose_matches_come_far_later_than_predicted_is_given_up_early() -> None:
    budget = 0.006  # 6 ms: an eighth of it is ~170 rows tested at UDF_COST_S each

    def rare(*_row: Any) -> int:  # the row test: no row matches
        return -1

    tally = product_plans._Tally(rare, None, budget, 50)
    for _ in range(100):
        tally.tier_of("t", "s", 1, 2, 3)
    assert not tally.hopeless()  # too early to tell
    for _ in range(100):
        tally.tier_of("t", "s", 1, 2, 3)
    assert tally.hopeless()  # 200 rows, no match: 50 would take ~10,000 rows (45 ms)
    dense = product_plans._Tally(lambda *_row: 0, 0, budget, 50)
    for _ in range(1_000):
        dense.tier_of("t", "s", 1, 2, 3)
    assert not dense.hopeless() and dense.found == 1_000
    other_tier = product_plans._Tally(lambda *_row: 1, 0, budget, 50)  # matches, but tier 1
    for _ in range(200):
        other_tier.tier_of("t", "s", 1, 2, 3)
    assert other_tier.found == 0 and other_tier.hopeless()


@pytest.mark.parametrize(
    "f",
    [
        ProductFilter(keyword="零食", sort=Sort.COMMISSION_PER_SALE),
        ProductFilter(keyword="零食", sort=Sort.COMMISSION_PER_SALE, descending=False),
        ProductFilter(keyword="茶", sort=Sort.COMMISSION_PER_SALE),  # the category 茶, its tree
        ProductFilter(
            keyword="零食", category_id=1, price_min_fen=1_000, sort=Sort.COMMISSION_PER_SALE
        ),
    ],
    ids=["snacks by per-sale", "least per-sale first", "tea", "snacks in food over 10 yuan"],
)
def test_a_keyword_naming_categories_is_walked_testing_the_category_on_the_sort_index(
    shared: Cache, reference: Catalogue, monkeypatch: pytest.MonkeyPatch, f: ProductFilter
) -> None:
    """A one-word keyword that names categories, sorted by commission per sale: the walk of
    that index tests each entry's category there and lists only the matches in title or shop name
    (零食 by commission per sale at 1,000,000 products: 48,652 listed instead of 98,622). The
    cost model bets on it before listing every match; it answers as the brute force does."""
    walked = _spy_walks(monkeypatch)
    monkeypatch.setattr(product_plans, "WALK_GAIN", 1e9)  # every walk is a bet worth making
    monkeypatch.setattr(product_plans, "_budget_for", lambda *_: 0.0)  # ...and each is lost
    expected = _expected(reference, f)
    assert len(expected) > 50
    assert products.ids(shared, f, 0, 50) == expected[:50]
    assert "split" in walked and walked.index("split") < walked.index("list"), walked

    monkeypatch.undo()
    monkeypatch.setattr(product_plans, "FORCE", "split")
    assert [r["id"] for r in products.first_page(shared, f)] == expected[:50]
    assert products.ids(shared, f, 0, 1_000) == expected[:1_000]
    plans = products.explain(shared, f)
    index = product_plans.sort_index(shared.conn, "price_fen * commission_ppm")
    assert index[1], "the sort index carries the category"
    walk = [p for p in plans if p.split(" USING ")[0] in ("SCAN p", "SEARCH p") and index[0] in p]
    assert walk and "LIST SUBQUERY 1" in plans, plans  # covering when no filter reads the row


def test_a_keyword_of_several_words_lists_every_match(shared: Cache) -> None:
    """The category test on the index serves a keyword of one word only (several words would
    need a list per word): 零食 山野 walks with the list of all its matches."""
    per_sale = Sort.COMMISSION_PER_SALE
    q = products._prepare(shared, ProductFilter(keyword="零食 山野", sort=per_sale))
    assert product_plans._split(q, None) is None
    q = products._prepare(shared, ProductFilter(keyword="零食 零食", sort=per_sale))  # one word
    assert len(search.parse("零食 零食")) == 1 and product_plans._split(q, None) is not None
    q = products._prepare(shared, ProductFilter(keyword="零食", sort=per_sale))
    assert product_plans._split(q, None) is not None
    assert product_plans._split(q, 0) is None  # a relevance tier: not a column sort
