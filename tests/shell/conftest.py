"""The whole app in tests: the real Workbench on a real embedded server, one per test.

Seeding the demo takes seconds, so one small seeded server database is made per session and
copied into each test's private data directory, where the app finds it as "already seeded".
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workbench.paths import embedded_server_database
from workbench.server.db import Database
from workbench.server.seed.seeder import seed_database
from workbench.ui.accounts import EMBEDDED, AccountRef
from workbench.ui.app import Workbench

ROOT = Path(__file__).resolve().parents[2]
SYNC_TIMEOUT_MS = 60_000


def open_account(qtbot: QtBot, app: Workbench, login: str) -> None:
    """Switch the app to the embedded server's ``login`` (if it is not open) and wait for the
    first sync."""
    if app.controller.session is None or app.controller.session.account.login != login:
        with qtbot.waitSignal(app.controller.synced, timeout=SYNC_TIMEOUT_MS):
            app.open_account(AccountRef(EMBEDDED, login))


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "embedded-server.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        seed_database(
            db, products=800, seed=5, now=datetime(2026, 11, 30, tzinfo=UTC), orders_per_day=2
        )
    finally:
        db.dispose()
    return path


@pytest.fixture(scope="session")
def qm_dir(compiled_translations: Path) -> Path:
    """The .qm files built once per run (``compiled_translations`` in tests/conftest.py)."""
    return compiled_translations


@pytest.fixture
def bench(qtbot: QtBot, qapp: QApplication, seeded_template: Path, qm_dir: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Workbench]:  # fmt: skip
    """A started app on a copy of the seeded demo; shut down (server included) afterwards."""
    target = Path(embedded_server_database().removeprefix("sqlite:///"))
    shutil.copyfile(seeded_template, target)
    app = Workbench(qapp, demo_products=800)
    app.translations.directory = qm_dir
    qtbot.addWidget(app.window)
    yield app
    app.window.close()
    app.shutdown()
    app.translations.clear()


@pytest.fixture
def started(qtbot: QtBot, bench: Workbench) -> Workbench:
    """The app after start-up: demo creator opened and the first sync done."""
    with qtbot.waitSignal(bench.controller.synced, timeout=SYNC_TIMEOUT_MS):
        bench.start()
    return bench
