"""The product table's lazy model on a real seeded cache: Qt's model checks, windows, sorting.

``qtmodeltester`` (pytest-qt's port of Qt's QAbstractItemModelTester) checks the model's
contract while rows arrive from the reading lanes; the other tests check what the rows are.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.store.catalogue import load_snapshot, seeded_server
from workbench.store import products
from workbench.store.cache import Cache
from workbench.store.products import ProductFilter, Sort
from workbench.ui.reader import Reader
from workbench.ui.selection.columns import KEYS
from workbench.ui.selection.model import PAGE, SPANS_ROLE, ProductTableModel

PRODUCTS = 1_500
WAIT = 20_000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    server = seeded_server(tmp_path_factory.mktemp("server") / "server.sqlite3", PRODUCTS)
    path = tmp_path_factory.mktemp("cache") / "cache.sqlite3"
    with Cache.open(path) as cache:
        assert load_snapshot(cache, server) == PRODUCTS
    return path


@pytest.fixture
def cache_path(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cache.sqlite3"
    shutil.copy(template, path)
    return path


@pytest.fixture
def model(cache_path: Path) -> Iterator[ProductTableModel]:
    reader = Reader()
    reader.set_account(cache_path)
    yield ProductTableModel(reader)
    reader.shutdown()


def _settle(qtbot: QtBot, model: ProductTableModel) -> None:
    qtbot.waitUntil(lambda: model.total is not None and not model.loading, timeout=WAIT)
    if model.total:
        qtbot.waitUntil(lambda: model.row_data(0) is not None, timeout=WAIT)


def _expected(cache_path: Path, f: ProductFilter, n: int) -> list[str]:
    with Cache.open(cache_path) as cache:
        return products.ids(cache, f, 0, n)


def test_model_passes_qt_model_checks_while_rows_arrive(
    qtbot: QtBot, qtmodeltester: ModelTester, model: ProductTableModel
) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_filter(ProductFilter(keyword="茶"))
    _settle(qtbot, model)
    model.set_filter(ProductFilter(sort=Sort.PRICE, descending=False))
    _settle(qtbot, model)
    assert model.rowCount() == PRODUCTS
    qtmodeltester.check(model, force_py=True)


def test_rows_are_the_filters_result_in_order_and_read_lazily(
    qtbot: QtBot, model: ProductTableModel, cache_path: Path
) -> None:
    f = ProductFilter(sort=Sort.COMMISSION_PER_SALE, descending=True)
    model.set_filter(f)
    _settle(qtbot, model)
    assert model.rowCount() == PRODUCTS
    expected = _expected(cache_path, f, PRODUCTS)
    assert [model.product_id(r) for r in range(PAGE)] == expected[:PAGE]
    far = PRODUCTS - 3
    assert model.row_data(far) is None  # not read yet: asking for it reads its window
    assert model.index(far, KEYS.index("title")).data() == "Loading…"
    qtbot.waitUntil(lambda: model.row_data(far) is not None, timeout=WAIT)
    assert model.product_id(far) == expected[far]
    per_sale = [model.row_data(r)["commission_per_sale_fen"] for r in range(PAGE)]  # type: ignore[index]
    assert per_sale == sorted(per_sale, reverse=True)


def test_one_character_keyword_is_found_and_highlighted(
    qtbot: QtBot, model: ProductTableModel
) -> None:
    model.set_filter(ProductFilter(keyword="茶"))
    _settle(qtbot, model)
    assert model.total and model.total < PRODUCTS
    title = KEYS.index("title")
    in_title = [r for r in range(min(model.rowCount(), 50)) if "茶" in model.row_data(r)["title"]]  # type: ignore[index]
    assert in_title  # title matches rank first
    for r in in_title:
        shown = model.index(r, title).data()
        spans = model.index(r, title).data(SPANS_ROLE)
        assert spans and all(shown[s:e] == "茶" for s, e in spans)
        assert sum(e - s for s, e in spans) == shown.count("茶")  # every occurrence, nothing else


def test_sorting_by_a_column_and_ignoring_text_columns(
    qtbot: QtBot, model: ProductTableModel
) -> None:
    model.set_filter(ProductFilter())
    _settle(qtbot, model)
    generation = model.generation
    model.sort(KEYS.index("title"), Qt.SortOrder.AscendingOrder)  # not sortable: nothing happens
    assert model.generation == generation
    model.sort(KEYS.index("price"), Qt.SortOrder.AscendingOrder)
    _settle(qtbot, model)
    prices = [model.row_data(r)["price_fen"] for r in range(50)]  # type: ignore[index]
    assert prices == sorted(prices)
    assert model.sort_column() == (KEYS.index("price"), Qt.SortOrder.AscendingOrder)


def test_empty_result_and_a_stale_answer_is_dropped(
    qtbot: QtBot, model: ProductTableModel, cache_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first filter's count is held on its lane until the second filter is set, so its
    # answer (0) certainly arrives after it is stale: it must never reach the view.
    entered, release = threading.Event(), threading.Event()
    real_count = products.count

    def held_count(cache: Cache, f: ProductFilter) -> int:
        if not entered.is_set():
            entered.set()
            assert release.wait(WAIT / 1000)
        return real_count(cache, f)

    monkeypatch.setattr(products, "count", held_count)
    counts: list[int] = []
    model.countChanged.connect(counts.append)
    model.set_filter(ProductFilter(keyword="不存在的商品名字" * 3))
    qtbot.waitUntil(entered.is_set, timeout=WAIT)
    snacks = ProductFilter(keyword="零食")
    model.set_filter(snacks)  # replaces the first while its count is being read
    release.set()
    _settle(qtbot, model)
    with Cache.open(cache_path) as cache:
        want = real_count(cache, snacks)
    assert want > 0 and counts == [want] and model.rowCount() == want
    assert [model.row_data(r)["id"] for r in range(min(want, PAGE))] == _expected(  # type: ignore[index]
        cache_path, snacks, PAGE
    )
    model.set_filter(ProductFilter(keyword='"%_* AND NEAR 😀'))
    qtbot.waitUntil(lambda: model.total is not None, timeout=WAIT)
    assert model.rowCount() == model.total == 0
    assert not model.index(0, 0, QModelIndex()).isValid()


def test_highlight_spans_count_utf16_units_after_an_emoji() -> None:
    from workbench.ui.selection.delegate import _units, _utf16

    title = "🔥龙井茶"
    assert _utf16(title, [(1, 3)]) == [(2, 4)]  # the emoji is two UTF-16 units
    assert _utf16("龙井茶", [(0, 2)]) == [(0, 2)]
    assert _units(title) == 5
