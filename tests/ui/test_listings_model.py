"""The listings table's lazy model on a real cache: Qt's model checks while windows arrive and
a move is shown, rows read lazily in the order shown, and where a dragged row lands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from workbench.contract.sync import Change, Scope
from workbench.core.ids import uuid7
from workbench.store import listing_edits, listings, steps
from workbench.store.cache import Cache
from workbench.ui.channels import reorder
from workbench.ui.channels.listings_model import COLUMNS, PAGE, ListingsModel
from workbench.ui.reader import Reader

SIZE = 450
WAIT = 20_000


@pytest.fixture
def channel(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "cache.sqlite3"
    channel_id = uuid7()
    data = {"id": channel_id, "kind": "live", "name": "直播间", "version": 1}
    changes = [Change(entity="channel", id=channel_id, version=1, op="upsert", data=data)]
    for i in range(SIZE):
        row = {"id": uuid7(), "channel_id": channel_id, "product_id": f"p{i}",
               "position": (i + 1) * 8, "pinned": False, "version": 1}  # fmt: skip
        changes.append(Change(entity="listing", id=row["id"], version=1, op="upsert", data=row))
    with Cache.open(path, account_id="creator-me") as cache:
        steps.apply_changes(cache, Scope.ACCOUNT, changes, "c1")
        with cache.write():  # one pinned listing: shown first
            listing_edits.patch(cache, [str(changes[300].id)], {"pinned": True})
    return path, channel_id


@pytest.fixture
def model(channel: tuple[Path, str]) -> Iterator[ListingsModel]:
    reader = Reader()
    reader.set_account(channel[0])
    yield ListingsModel(reader)
    reader.shutdown()


def _drain(qtbot: QtBot, model: ListingsModel) -> None:
    """Wait until every read asked of the interactive lane so far has landed: the lane is one
    thread, in order, and answers in order, so a window the model asked for before this has
    arrived (and would be held) when this answers."""
    answered: list[object] = []
    model.reader.interactive(lambda _cache: None, answered.append)
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)


def test_model_checks_lazy_windows_and_a_shown_move(
    qtbot: QtBot, qtmodeltester: ModelTester, model: ListingsModel, channel: tuple[Path, str]
) -> None:
    path, channel_id = channel
    # Lazy first, with nothing else asking for rows: Qt's model tester asks every row's data
    # (QAbstractItemModel.match in its basic checks, on every signal), which reads every
    # window; so it is attached only after this check, which is then deterministic.
    model.set_channel(channel_id)
    qtbot.waitUntil(lambda: model.total == SIZE and model.row_data(0) is not None, timeout=WAIT)
    _drain(qtbot, model)  # a window read eagerly would be held by now
    assert model.row_data(PAGE) is None  # the second window is not read until painted
    assert model.index(PAGE, COLUMNS.index("title")).data() == "Loading…"
    qtbot.waitUntil(lambda: model.row_data(PAGE) is not None, timeout=WAIT)

    # Qt's model checks while the windows arrive again (from a reset).
    qtmodeltester.check(model, force_py=True)
    model.set_channel(channel_id)
    qtbot.waitUntil(lambda: model.total == SIZE and model.row_data(0) is not None, timeout=WAIT)
    model.index(PAGE, 1).data()  # as a paint of that row would
    qtbot.waitUntil(lambda: model.row_data(PAGE) is not None, timeout=WAIT)
    with Cache.open(path) as cache:
        expected = listings.ids(cache, channel_id)
    shown = [model.row_data(r) for r in range(2 * PAGE)]
    assert [r.id for r in shown if r is not None] == expected[: 2 * PAGE]
    first = model.row_data(0)
    assert first is not None and first.pinned  # pinned first
    assert model.index(0, COLUMNS.index("pinned")).data() == "Pinned"
    # The Health column holds the health check's verdict (these products are in no catalogue).
    assert model.index(0, COLUMNS.index("health")).data() == "Gone from the catalogue"

    # Row 3 dropped before row 7: between the positions of rows 6 and 7, shown at once.
    land = reorder.landing(model, 3, 7)
    assert land is not None and land.dest == 6 and land.position is not None
    assert land.low is not None and land.high is not None and land.low < land.position < land.high
    moved = model.row_data(3)
    assert moved is not None
    model.show_move(3, 7, land.position)
    assert model.row_data(6) == replace(moved, position=land.position, pending=True)
    # An unpinned listing dropped above the pinned one: the store decides (its group's top).
    above = reorder.landing(model, 5, 0)
    assert above is not None and above.position is None
    assert not model.dropMimeData(
        model.mimeData([model.index(2, 1)]), Qt.DropAction.CopyAction, 0, 0, QModelIndex()
    )
    qtmodeltester.check(model, force_py=True)
