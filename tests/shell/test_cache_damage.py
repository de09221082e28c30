"""The app and a damaged cache or a full disk: a message in the window, nothing lost.

- The creator's cache is damaged while another account is open (garbage in a b-tree page; one
  edit pending in it). Opening the creator again sets the file aside, rebuilds it from the
  server, recovers the edit, pushes it once, and the window says so (translated, not modal).
- A full disk under an edit (the editor connection's page limit: SQLite's own SQLITE_FULL)
  refuses the edit whole and the window says "disk full", translated.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.shell.conftest import SYNC_TIMEOUT_MS
from tests.sync.helpers import corrupt_page, enqueue
from tests.sync.test_damage import _applied_once
from workbench.core.ids import uuid7
from workbench.demo import DEMO_LOGINS
from workbench.store.cache import Cache
from workbench.store.damage import DiskFull
from workbench.ui.app import Workbench


def test_a_damaged_cache_is_rebuilt_and_the_window_says_what_was_recovered(
    qtbot: QtBot, started: Workbench
) -> None:
    window, controller = started.window, started.controller
    session = controller.session
    assert session is not None
    path = session.cache.path
    with qtbot.waitSignal(controller.synced, timeout=SYNC_TIMEOUT_MS):
        window.demo_switch.trigger()  # the creator's cache is closed (cleanly)
    qtbot.waitUntil(lambda: not path.with_name(path.name + ".open").exists())
    with Cache.open(path) as cache:
        product = cache.conn.execute(
            "SELECT id FROM product WHERE status = 'listed' ORDER BY id DESC LIMIT 1"
        ).fetchone()[0]
        mutation_id = enqueue(cache, "favourite.add", product)
    corrupt_page(path, "product")
    window.settings_page.languageChanged.emit("zh_CN")
    assert not window.notice.isVisible()

    labels = [window.account_box.itemText(i) for i in range(window.account_box.count())]
    index = next(i for i, t in enumerate(labels) if DEMO_LOGINS["creator"] in t)
    with qtbot.waitSignal(controller.synced, timeout=SYNC_TIMEOUT_MS):
        window.account_box.activated.emit(index)

    assert window.notice.isVisible()
    text = window.notice_text.text()
    assert "已从中恢复 1 条待同步的修改" in text and "cache.sqlite3.damaged-" in text, text
    assert list(path.parent.glob("cache.sqlite3.damaged-*"))
    assert controller.last_status["pending"] == 0
    server = started.accounts.embedded
    assert server is not None
    assert _applied_once(server.db, [mutation_id]) == {mutation_id: 1}
    window.notice_close.click()
    assert window.notice.isHidden()


def test_an_edit_on_a_full_disk_is_refused_and_the_window_says_disk_full(
    qtbot: QtBot, started: Workbench
) -> None:
    window, controller = started.window, started.controller
    session = controller.session
    assert session is not None
    window.settings_page.languageChanged.emit("zh_CN")
    path = session.cache.path

    def fill() -> None:  # on the database lane, on the editor's own connection
        conn = controller._editor.get(path).conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

    with qtbot.waitSignal(controller.statusChanged, timeout=SYNC_TIMEOUT_MS):
        controller.lanes.db.run(fill, done=lambda _: controller.refresh_status())
    before = controller.last_status["pending"]
    problems: list[object] = []
    controller.cacheProblem.connect(problems.append)

    big = {"name": "满盘", "query": {"keyword": "笔记本" * 20_000}}
    with qtbot.waitSignal(controller.cacheProblem, timeout=SYNC_TIMEOUT_MS):
        controller.edit("saved_filter.put", uuid7(), big)

    assert isinstance(problems[0], DiskFull)
    assert window.notice.isVisible()
    assert "磁盘已满" in window.notice_text.text(), window.notice_text.text()
    with qtbot.waitSignal(controller.statusChanged, timeout=SYNC_TIMEOUT_MS):
        controller.refresh_status()
    assert controller.last_status["pending"] == before  # refused whole
