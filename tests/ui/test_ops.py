"""The UI's lanes: outcomes come back on the GUI thread, and a job's objects die there too."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from workbench.ui.ops import Lanes

WAIT_MS = 30_000


@pytest.fixture
def lanes() -> Iterator[Lanes]:
    made = Lanes()
    yield made
    assert made.wait()


class _Marker:
    """Records on which thread it was freed."""

    def __init__(self, freed: list[bool]) -> None:
        self.freed = freed

    def __del__(self) -> None:
        self.freed.append(threading.current_thread() is threading.main_thread())


def test_a_jobs_objects_are_freed_on_the_gui_thread(qtbot: QtBot, lanes: Lanes) -> None:
    """A job's closure, result and exception die on the GUI thread, never on a worker: a closure
    holding the last reference to a Qt wrapper would destroy it on the worker, which deadlocked
    against the GUI thread in CI (PySide takes Qt's connection lock, then waits for the GIL)."""
    freed: list[bool] = []
    outcomes: list[str] = []

    def boom(marker: _Marker) -> None:
        raise ValueError(str(id(marker)))

    for n in range(40):
        marker = _Marker(freed)
        if n % 2:
            lanes.net.run(lambda m=marker: m, done=lambda _r: outcomes.append("done"))  # type: ignore[misc]
        else:
            lanes.net.run(lambda m=marker: boom(m), failed=lambda _e: outcomes.append("failed"))  # type: ignore[misc]
        del marker
    qtbot.waitUntil(lambda: len(freed) == 40, timeout=WAIT_MS)
    assert outcomes.count("done") == outcomes.count("failed") == 20
    assert all(freed), f"{freed.count(False)} of 40 jobs' objects were freed on a worker thread"
    assert not lanes.net.busy


def test_outcomes_arrive_on_the_gui_thread_in_the_serial_lanes_order(
    qtbot: QtBot, lanes: Lanes
) -> None:
    seen: list[tuple[int, bool]] = []

    def done(value: Any) -> None:
        seen.append((value, threading.current_thread() is threading.main_thread()))

    for n in range(10):
        lanes.db.run(lambda n=n: n, done=done)  # type: ignore[misc]
    qtbot.waitUntil(lambda: len(seen) == 10, timeout=WAIT_MS)
    assert seen == [(n, True) for n in range(10)]


def test_an_unhandled_failure_goes_to_the_lanes_handler(qtbot: QtBot) -> None:
    caught: list[BaseException] = []
    lanes = Lanes(on_unhandled=caught.append)

    def fail() -> None:
        raise RuntimeError("disk on fire")

    lanes.db.run(fail)
    qtbot.waitUntil(lambda: bool(caught), timeout=WAIT_MS)
    assert isinstance(caught[0], RuntimeError) and str(caught[0]) == "disk on fire"
    assert lanes.wait()
