"""Changes reach the views: a sync that found nothing re-reads nothing; an edit re-reads its rows.

The real app on the real embedded server. Reads are counted where every page makes them, the
shared reader (a spy that passes each job through).
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from workbench.store.cache import Cache
from workbench.ui.app import Workbench
from workbench.ui.selection.page import SelectionPage

WAIT = 20_000


def _loaded_page(qtbot: QtBot, app: Workbench) -> SelectionPage:
    page = app.window.ensure_selection_page()
    qtbot.waitUntil(lambda: page.model.total == 800 and not page.model.loading, timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.row_data(0) is not None, timeout=WAIT)
    app.controller.reader.interactive_lane.wait()
    app.controller.reader.background_lane.wait()
    qtbot.wait(50)  # answers already queued to the GUI thread are delivered
    return page


def _count_reads(app: Workbench, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    reader = app.controller.reader
    real = reader._run

    def counted(lane: Any, fn: Any, done: Any, failed: Any) -> None:
        reads.append(lane.name)
        real(lane, fn, done, failed)

    monkeypatch.setattr(reader, "_run", counted)
    return reads


def test_an_empty_timer_sync_reads_nothing_again(
    qtbot: QtBot, started: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    _loaded_page(qtbot, started)
    reads = _count_reads(started, monkeypatch)
    with (
        qtbot.assertNotEmitted(started.controller.changed),
        qtbot.waitSignal(started.controller.synced, timeout=SYNC_TIMEOUT_MS) as synced,
    ):
        started.controller._timer.timeout.emit()  # what the sync timer does
    assert not synced.args[0].changed
    assert reads == []


def test_an_edit_rereads_the_rows_it_changed(
    qtbot: QtBot, started: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _loaded_page(qtbot, started)
    first = page.model.row_data(0)
    assert first is not None and not first.get("favourite")
    reads = _count_reads(started, monkeypatch)
    with qtbot.waitSignal(started.controller.changed, timeout=WAIT) as edit:
        page.set_favourite(first["id"], True)
    assert edit.args[0].ids("favourite") == {first["id"]} and edit.args[0].cause == "edit"
    qtbot.waitUntil(lambda: (page.model.row_data(0) or {}).get("favourite") is True, timeout=WAIT)
    assert reads  # the held rows were read again


def test_an_edit_has_the_wal_copied_into_the_cache_off_the_gui_thread(
    qtbot: QtBot, started: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit of an edit copies no WAL (``store.cache.WAL_AUTOCHECKPOINT``); the controller
    has it copied afterwards on the reader's background lane."""
    page = _loaded_page(qtbot, started)
    first = page.model.row_data(0)
    assert first is not None
    threads: list[bool] = []
    real = Cache.checkpoint

    def spied(cache: Cache) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        real(cache)

    monkeypatch.setattr(Cache, "checkpoint", spied)
    with qtbot.waitSignal(started.controller.changed, timeout=WAIT):
        page.set_favourite(first["id"], not first.get("favourite"))
    qtbot.waitUntil(lambda: bool(threads) and not started.controller._checkpointing, timeout=WAIT)
    assert threads and not any(threads)  # (a sync after the push may copy once more)
