"""Keywords are substrings: a crafted catalogue searched as a brute-force scan searches it.

Titles, shop and category names here are made to trip a word-splitting search: spaces and
punctuation inside words (宠物零 食品, 零·食), Latin inside words (iPhone15, NintendoSwitch),
mixed scripts (T恤, Tea 恤), emoji, full-width letters, case folds that change length (ß → ss),
compatibility characters (㎏ → kg) and text that looks like the index's own encoding. Every
answer is compared with ``reference.py`` (folded title, shop or category name contains each
word), with the keyword index complete and half built, and after feed updates.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.store.reference import Catalogue
from workbench.contract.sync import SNAPSHOT_COLUMNS, Change, Scope
from workbench.store import products, steps
from workbench.store.cache import Cache
from workbench.store.catalog import build_indexes
from workbench.store.highlight import highlight
from workbench.store.products import ProductFilter, Sort

# (id, name, level, parent)
CATEGORIES = [
    [1, "食品", 1, None],
    [11, "休闲 小吃", 2, 1],
    [111, "坚果·炒货", 3, 11],
    [2, "服饰", 1, None],
    [21, "T恤衫", 2, 2],
    [211, "纯棉T-Shirt", 3, 21],
    [3, "数码 3C", 1, None],
    [31, "手机配件", 2, 3],
    [311, "iPhone壳/膜", 3, 31],
]
SHOPS = ["小吃铺", "Switch 专卖", "好食光旗舰店", "§山 §野", "ＡＢＣ Store", "T-Shirt 工厂"]
TITLES = [
    "宠物零 食品 鸡肉干",
    "零·食 大礼包",
    "网红零食 大礼包 30包",
    "纸尿 裤 L码",
    "纸尿裤 XL 超薄",
    "Tea 恤 纯棉",
    "T恤 男款 纯棉",
    "t恤女 宽松",
    "iPhone15 手机壳 透明",
    "iPhone 15 Pro 钢化膜",
    "ｉＰｈｏｎｅ１５ 全角 手机壳",
    "NintendoSwitch 游戏机",
    "Nintendo Switch 手柄",
    "MagSafe 充电宝 10000mAh",
    "茶🍵叶 礼盒",
    "🍵茶 明前龙井",
    "明前 龙井 250g",
    "C++ 编程 入门",
    "100% 纯棉 毛巾",
    "3.5mm 耳机",
    "Straße 运动鞋",
    "STRASSE 跑鞋",
    "5㎏ 大米",
    "5kg 东北大米",
    "家庭 👨\u200d👩\u200d👧 套餐",
    "𠀀字 生僻",
    '"茶" 引号 标题',
    "u25 型号 %",
    "p20 AND OR NOT NEAR(茶)",
    "Cafe\u0301 咖啡",
    "Café 拿铁",
    "§山 茶铺 同名",
    "2 件 套",
    "a_b * c-d",
    "aaa 三连",
]
COLUMNS = SNAPSHOT_COLUMNS["product"]
LEAVES = [(111, 11, 1), (211, 21, 2), (311, 31, 3)]


def product_row(n: int, title: str) -> list[object]:
    c3, c2, c1 = LEAVES[n % 3]
    values = {
        "id": f"p{n:04d}",
        "shop_id": f"s{n % len(SHOPS)}",
        "shop_name": SHOPS[n % len(SHOPS)],
        "title": title,
        "category1_id": c1,
        "category2_id": c2,
        "category3_id": c3,
        "price_fen": 1_000 + n,
        "monthly_sales": (n * 37) % 101,
        "stock": 10,
        "commission_ppm": 100_000,
        "service_fee_ppm": 10_000,
        "guarantee_flags": 0,
        "status": "listed",
        "listed_at": "2026-01-01T00:00:00Z",
        "version": 1,
    }
    return [values[c] for c in COLUMNS]


def load(path: Path, *, indexed_rows: int | None = None) -> Cache:
    """A cache holding the crafted catalogue; ``indexed_rows``: stop the keyword index there."""
    cache = Cache.open(path)
    rows = [product_row(n, t) for n, t in enumerate(TITLES)]
    steps.begin_snapshot(cache, "crafted", len(rows))
    steps.load_snapshot_page(cache, rows, str(rows[-1][0]))
    shops = [[f"s{i}", "m1", name, 45] for i, name in enumerate(SHOPS)]
    steps.finish_snapshot(cache, CATEGORIES, shops)
    if indexed_rows is None:
        build_indexes(cache)
    else:
        steps.index_step(cache, indexed_rows)
    return cache


@pytest.fixture(scope="module", params=["complete", "half built"])
def crafted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cache]:
    half = None if request.param == "complete" else len(TITLES) // 2
    with load(tmp_path_factory.mktemp("crafted") / "cache.sqlite3", indexed_rows=half) as cache:
        yield cache


def _titles(cache: Cache, keyword: str) -> list[str]:
    by_id = products.rows_by_ids(cache, products.ids(cache, ProductFilter(keyword=keyword)))
    return [by_id[i]["title"] for i in products.ids(cache, ProductFilter(keyword=keyword))]


def _agrees(cache: Cache, keyword: str, sort: Sort | None = None) -> list[str]:
    f = ProductFilter(keyword=keyword, sort=sort)
    expected = [r["id"] for r in Catalogue.read(cache.conn).select(f)]
    assert products.ids(cache, f, 0, 1_000) == expected
    assert products.count(cache, f) == len(expected)
    assert [r["id"] for r in products.first_page(cache, f, 7)] == expected[:7]
    return expected


@pytest.mark.parametrize(
    ("keyword", "found", "missed"),
    [
        ("零食", ["网红零食 大礼包 30包"], ["宠物零 食品 鸡肉干", "零·食 大礼包"]),
        ("纸尿裤", ["纸尿裤 XL 超薄"], ["纸尿 裤 L码"]),
        ("T恤", ["T恤 男款 纯棉", "t恤女 宽松"], ["Tea 恤 纯棉"]),
        ("phone", ["iPhone15 手机壳 透明", "ｉＰｈｏｎｅ１５ 全角 手机壳"], []),
        ("switch", ["NintendoSwitch 游戏机", "Nintendo Switch 手柄"], []),
        (
            "phone15",
            ["iPhone15 手机壳 透明", "ｉＰｈｏｎｅ１５ 全角 手机壳"],
            ["iPhone 15 Pro 钢化膜"],
        ),
        ("茶🍵", ["茶🍵叶 礼盒"], ["🍵茶 明前龙井"]),
        ("明前龙井", ["🍵茶 明前龙井"], ["明前 龙井 250g"]),
        ("C++", ["C++ 编程 入门"], []),
        ("0%", ["100% 纯棉 毛巾"], []),
        ("%", ["u25 型号 %", "100% 纯棉 毛巾"], []),
        ("u25", ["u25 型号 %"], ["100% 纯棉 毛巾"]),
        ("p20", ["p20 AND OR NOT NEAR(茶)"], []),
        ("3.5", ["3.5mm 耳机"], []),
        ("strasse", ["Straße 运动鞋", "STRASSE 跑鞋"], []),
        ("5kg", ["5㎏ 大米", "5kg 东北大米"], []),
        ('"茶"', ['"茶" 引号 标题'], []),
        ("near(茶)", ["p20 AND OR NOT NEAR(茶)"], []),
        ("👨\u200d👩", ["家庭 👨\u200d👩\u200d👧 套餐"], []),
        ("𠀀", ["𠀀字 生僻"], []),
        ("café", ["Cafe\u0301 咖啡", "Café 拿铁"], []),
        ("a_b", ["a_b * c-d"], []),
        ("b*", [], ["a_b * c-d"]),
        ("aa", ["aaa 三连"], []),
    ],
)
def test_a_keyword_finds_exactly_the_titles_that_contain_it(
    crafted: Cache, keyword: str, found: list[str], missed: list[str]
) -> None:
    titles = _titles(crafted, keyword)
    assert set(found) <= set(titles) and not set(missed) & set(titles)
    _agrees(crafted, keyword)


def test_shop_and_category_names_match_as_substrings(crafted: Cache) -> None:
    in_shop = [n for n in range(len(TITLES)) if SHOPS[n % len(SHOPS)] == "Switch 专卖"]
    assert len(_agrees(crafted, "witch")) == 2 + len(in_shop)  # 2 titles, a shop's products
    shop_only = _agrees(crafted, "§野")  # the shop "§山 §野": no title has it
    assert shop_only and all(i in _agrees(crafted, "§山") for i in shop_only)
    assert len(_agrees(crafted, "·炒")) == len(TITLES[::3])  # leaf 坚果·炒货
    assert _agrees(crafted, "零食") != _agrees(crafted, "零 食")
    _agrees(crafted, "棉t-s")  # leaf 纯棉T-Shirt, shop T-Shirt 工厂
    _agrees(crafted, "3c 茶")


@pytest.mark.parametrize("sort", [None, Sort.PRICE, Sort.MONTHLY_SALES])
def test_several_words_must_all_match_ranked_by_where(crafted: Cache, sort: Sort | None) -> None:
    for keyword in ("食 大礼包", "纯棉 T", "iphone 壳", "茶 §山", "ｐｈｏｎｅ　１５", "零食 零食"):
        _agrees(crafted, keyword, sort)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


FIELDS = TITLES + SHOPS + [str(c[1]) for c in CATEGORIES]
ALPHABET = "".join(sorted(set("".join(FIELDS)))) + string.ascii_letters + "ＡＢｚ ·"


@st.composite
def keywords(draw: st.DrawFn) -> str:
    """Pieces of the catalogue's own text (cut anywhere, case and width changed), or noise."""
    words = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            field = draw(st.sampled_from(FIELDS))
            start = draw(st.integers(0, len(field) - 1))
            word = field[start : draw(st.integers(start + 1, min(len(field), start + 6)))]
            word = draw(st.sampled_from([word, word.upper(), word.swapcase(), _full_width(word)]))
        else:
            word = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=4))
        words.append(word)
    return draw(st.sampled_from([" ", "　", "  "])).join(words)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(keyword=keywords())
def test_any_keyword_answers_as_a_substring_scan(crafted: Cache, keyword: str) -> None:
    _agrees(crafted, keyword)


# --- titles of any text, through feed updates --------------------------------------------------

TEXT = st.text(
    alphabet=st.sampled_from(ALPHABET + "🍵ß㎏ﬁＴ\u0301\u00a8\u3000-_%\"'()*"),
    min_size=0,
    max_size=12,
)


@pytest.fixture(scope="module")
def fed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cache]:
    with load(tmp_path_factory.mktemp("fed") / "cache.sqlite3") as cache:
        yield cache


_version = [1]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(titles=st.lists(TEXT, min_size=1, max_size=4), data=st.data())
def test_titles_changed_by_the_feed_are_found_by_any_piece(
    fed: Cache, titles: list[str], data: st.DataObject
) -> None:
    _version[0] += 1
    changes = []
    for n, title in enumerate(titles):
        row = dict(zip(COLUMNS, product_row(n, title), strict=True))
        row["version"] = _version[0]
        changes.append(
            Change(entity="product", id=row["id"], version=_version[0], op="upsert", data=row)
        )
    steps.apply_changes(fed, Scope.CATALOG, changes, f"c{_version[0]}")
    title = data.draw(st.sampled_from(titles))
    if title:
        start = data.draw(st.integers(0, len(title) - 1))
        _agrees(fed, title[start : data.draw(st.integers(start + 1, len(title)))])
    _agrees(fed, data.draw(TEXT))


# --- the bold spans -----------------------------------------------------------------------------


def test_spans_mark_every_occurrence_in_the_characters_shown() -> None:
    title = "ｉＰｈｏｎｅ１５ iphone 手机壳"
    assert [title[a:b] for a, b in highlight(title, "PHONE")] == ["Ｐｈｏｎｅ", "phone"]
    assert highlight("宠物零 食品", "零食") == []
    assert [t[a:b] for t in ["Straße"] for a, b in highlight(t, "SS")] == ["ß"]
    assert [t[a:b] for t in ["5㎏ 大米"] for a, b in highlight(t, "kg")] == ["㎏"]
    title = "Cafe\u0301 咖啡"  # é as e + a combining accent: folded to one character
    assert [title[a:b] for a, b in highlight(title, "é")] == ["e\u0301"]
    assert highlight("aaaa", "aa") == [(0, 4)]  # overlapping occurrences, merged
    assert highlight("茶🍵叶", "🍵") == [(1, 2)]
