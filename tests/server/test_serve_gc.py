"""A served worker's start-up objects are out of the garbage collector's way.

A full collection walks every tracked object while the worker's requests wait: with the
start-up objects (modules, the app, the ORM, the contract's models) that was 200-400 ms per
collection under load, the push's and the pull's p99 (``benchmarks/load.py``).
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from workbench.server.cli import app_from_env


def test_the_served_app_freezes_what_it_made_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_SERVER_DATABASE", f"sqlite:///{tmp_path / 'server.sqlite3'}")
    gc.unfreeze()
    try:
        app = app_from_env()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()  # this test process collects as before
    app.state.wb.db.dispose()
    assert frozen > 50_000  # the app and everything imported to build it
