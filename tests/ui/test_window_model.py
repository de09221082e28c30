"""The window model of the merchant's and the creator's workflow pages (``ui/window_model.py``)
on a real cache and reader: a short first window is the count (no count query), a full one
asks for the count on the background lane, a refresh re-reads in place and says so, and Qt's
model checks hold while windows arrive."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbench.store.cache import Cache
from workbench.ui.reader import Reader
from workbench.ui.window_model import WINDOW, WindowModel, select_ids

WAIT = 20_000


@dataclass(frozen=True)
class Row:
    id: str
    n: int


class Source:
    """Rows ``0 … size`` as the store would give them, counting the count queries."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.counts = 0

    def count(self, _cache: Any) -> int:
        self.counts += 1
        return self.size

    def window(self, _cache: Any, offset: int, limit: int) -> list[Row]:
        return [Row(f"r{n}", n) for n in range(offset, min(self.size, offset + limit))]


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[Reader]:
    path = tmp_path / "cache.sqlite3"
    Cache.open(path, account_id="me").close()
    lanes = Reader()
    lanes.set_account(path)
    yield lanes
    lanes.shutdown()


def _model(reader: Reader) -> WindowModel:
    model = WindowModel(lambda: reader, lambda row: [row.id, str(row.n)])
    model.set_headers(["id", "n"])
    return model


def test_a_short_first_window_is_the_count(qtbot: QtBot, reader: Reader) -> None:
    model, source = _model(reader), Source(37)
    with qtbot.waitSignal(model.loaded, timeout=WAIT):
        model.reload(source.count, source.window)
    assert (model.count, model.counted, model.ready, source.counts) == (37, True, True, 0)
    assert [r.n for r in model.loaded_rows()] == list(range(37))


def test_a_full_window_asks_for_the_count_and_rows_come_as_painted(
    qtbot: QtBot, qtmodeltester: ModelTester, reader: Reader
) -> None:
    model, source = _model(reader), Source(WINDOW * 3 + 5)
    with qtbot.waitSignal(model.countChanged, timeout=WAIT):
        model.reload(source.count, source.window)
    assert (model.count, source.counts) == (WINDOW * 3 + 5, 1)
    qtmodeltester.check(model)
    last = model.count - 1
    assert model.peek(last) is None
    model.data(model.index(last, 1))  # painted: its window is asked for
    qtbot.waitUntil(lambda: model.peek(last) is not None, timeout=WAIT)
    assert model.data(model.index(last, 1)) == str(last)
    assert model.row_of(f"r{last}") == last


def test_a_refresh_before_the_first_window_still_makes_the_model_ready(
    qtbot: QtBot, reader: Reader
) -> None:
    """A sync's change arriving while the first window is read (an account just opened) asks
    for it again: the model must still say it is loaded (it stayed 'not ready' for ever)."""
    model, source = _model(reader), Source(WINDOW * 2)
    with qtbot.waitSignal(model.loaded, timeout=WAIT):
        model.reload(source.count, source.window)
        model.refresh()
    qtbot.waitUntil(lambda: model.counted, timeout=WAIT)
    assert model.ready and model.count == WINDOW * 2


def test_a_refresh_reads_in_place_and_keeps_the_selection(qtbot: QtBot, reader: Reader) -> None:
    from PySide6.QtWidgets import QTableView

    model, source = _model(reader), Source(50)
    with qtbot.waitSignal(model.loaded, timeout=WAIT):
        model.reload(source.count, source.window)
    view = QTableView()
    view.setModel(model)
    select_ids(view, model, {"r3", "r7"})
    source.size = 40
    with qtbot.waitSignal(model.refreshed, timeout=WAIT):
        model.refresh()
    assert model.count == 40 and source.counts == 0
    select_ids(view, model, {"r3", "r7"})
    assert sorted(i.row() for i in view.selectionModel().selectedRows()) == [3, 7]
    model.clear()
    assert model.count == 0 and not model.loaded_rows()
