"""The selection center as a new user sees it at the default window (issue 12): the columns that
matter visible at 1200×780, a detail pane that collapses and sizes its plans to their rows, the
compare dialog dark in dark mode, numbers in the interface's locale, a CSV in one language.
"""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QLocale, QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.shell.test_selection import WAIT, _loaded, _page
from workbench.store.products import ProductFilter
from workbench.ui.app import Workbench
from workbench.ui.selection.columns import KEYS
from workbench.ui.theme import apply_theme


def test_the_columns_that_matter_are_visible_at_the_default_window(
    qtbot: QtBot, started: Workbench
) -> None:
    window, page = started.window, _page(started)
    window.resize(1200, 780)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    header, width = page.table.horizontalHeader(), page.table.viewport().width()
    for key in ("title", "price", "rate", "per_sale", "sales"):
        logical = KEYS.index(key)
        right = header.sectionViewportPosition(logical) + header.sectionSize(logical)
        assert header.sectionViewportPosition(logical) >= 0 and right <= width, (key, right, width)
    title = page.model.index(0, KEYS.index("title"))
    assert title.data(3) == page.model.row_data(0)["title"]  # type: ignore[index]  # the tooltip
    # the detail pane: closed until asked for, then open, then collapsed again
    assert page.splitter.sizes()[2] == 0
    page.table.setCurrentIndex(page.model.index(0, 1))
    page.open_details()
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=WAIT)
    assert page.splitter.sizes()[2] > 200
    page.detail.hide_button.click()
    assert page.splitter.sizes()[2] == 0


def test_the_plans_table_is_as_tall_as_its_rows(qtbot: QtBot, started: Workbench) -> None:
    window, page = started.window, _page(started)
    window.resize(1200, 780)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    cache = page.session.cache  # type: ignore[union-attr]
    covered = [r["product_id"] for r in cache.rows("plan") if r.get("product_id")]
    assert covered
    page.open_details()
    page.details.load(covered[0])
    qtbot.waitUntil(
        lambda: page.detail.detail is not None and page.detail.detail.row["id"] == covered[0],
        timeout=WAIT,
    )
    plans = page.detail.plans
    assert plans.rowCount() >= 1
    QApplication.processEvents()
    assert not plans.verticalScrollBar().isVisible()
    assert not plans.horizontalScrollBar().isVisible()
    rows = sum(plans.rowHeight(r) for r in range(plans.rowCount()))
    assert plans.viewport().height() >= rows


def test_the_compare_dialog_is_dark_in_dark_mode(
    qtbot: QtBot, started: Workbench, qapp: QApplication
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    _loaded(page, qtbot)
    try:
        apply_theme(qapp, "dark")
        page.select_rows([0, 1])
        page.compare()
        qtbot.waitUntil(lambda: getattr(page.comparing, "dialog", None) is not None, timeout=WAIT)
        dialog = page.comparing.dialog
        dialog.show()
        qtbot.waitExposed(dialog)
        image = dialog.grab().toImage()
        header = dialog.table.verticalHeader()
        for section in range(header.count()):
            # the right edge of each row header: its background, not its text
            at = header.mapTo(
                dialog, QPoint(header.width() - 3, header.sectionViewportPosition(section) + 3)
            )
            ratio = image.devicePixelRatio()
            colour = image.pixelColor(int(at.x() * ratio), int(at.y() * ratio))
            assert colour.lightnessF() < 0.45, (section, colour.name())
    finally:
        apply_theme(qapp, "light")


def test_numbers_follow_the_locale_and_the_csv_is_in_one_language(
    qtbot: QtBot, started: Workbench, tmp_path: Path
) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(page.tree.counts), timeout=WAIT)
    started.window.settings_page.languageChanged.emit("zh_CN")
    # the counts say they are of the whole catalogue (not of the filter)
    qtbot.waitUntil(lambda: "全部商品" in page.tree.headerItem().text(0), timeout=WAIT)
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    QLocale.setDefault(german)  # a locale whose thousands separator differs from Python's ","
    try:
        page.tree.set_counts({cid: 1542 for cid in page.tree.counts})
        page.model.total = 20_000
        page._show_count()
        assert "20.000" in page.count_label.text()
        assert any("1.542" in item.text(0) for item in page.tree.items.values())
        assert "1,542" not in " ".join(item.text(0) for item in page.tree.items.values())
    finally:
        QLocale.setDefault(QLocale("zh_CN"))
    page.model.refresh()
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    target = tmp_path / "zh.csv"
    page.export_to(target, selected_only=False)
    qtbot.waitUntil(lambda: "zh.csv" in page.message.text(), timeout=WAIT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "商品 ID" or "商品" in rows[0][0]  # headers in Chinese
    guarantees = {cell for row in rows[1:] for cell in row[9].split("、") if cell}
    assert guarantees and all(not any(c.isascii() and c.isalpha() for c in g) for g in guarantees)
    started.window.settings_page.languageChanged.emit("en")
    target = tmp_path / "en.csv"
    page.export_to(target, selected_only=False)
    # the file's name: the Chinese export's line, retranslated, also says "Exported"
    qtbot.waitUntil(lambda: "en.csv" in page.message.text(), timeout=WAIT)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Product ID"
    words = " ".join(row[9] for row in rows[1:])
    assert "运费险" not in words and "包邮" not in words  # no Chinese guarantee names in English
    assert "Free shipping" in words or "7-day returns" in words


def test_category_counts_are_of_the_current_result(qtbot: QtBot, started: Workbench) -> None:
    page = _page(started)
    qtbot.waitUntil(lambda: page.model.total == 800, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(page.tree.counts) and bool(page.tree.items), timeout=WAIT)
    tops = [cid for cid, item in page.tree.items.items() if item.parent() is None]
    # No filter: the whole catalogue. Counts asked while the first sync was still bringing
    # products may land first (each count of the model asks the tree again): wait for the last.
    qtbot.waitUntil(lambda: sum(page.tree.counts.get(c, 0) for c in tops) == 800, timeout=WAIT)
    assert page.tree.headerItem().text(0) == "Counts: all products"
    page.apply_filter(ProductFilter(keyword="茶"))
    qtbot.waitUntil(lambda: page.tree.counted == page.model.filter, timeout=WAIT)
    total = page.model.total
    assert total is not None and 0 < total < 800
    assert sum(page.tree.counts[c] for c in tops) == total  # each product in one top category
    assert page.tree.headerItem().text(0) == "Counts: this result"
    # choosing a category keeps the others' counts (what choosing each would show)
    first = max(tops, key=lambda c: page.tree.counts[c])
    before = dict(page.tree.counts)
    page.apply_filter(ProductFilter(keyword="茶", category_id=first))
    qtbot.waitUntil(lambda: page.tree.counted == page.model.filter, timeout=WAIT)
    assert page.model.total == before[first]
    assert page.tree.counts == before
