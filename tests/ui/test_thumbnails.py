"""ThumbnailLoader: placeholder first, the picture after ``loaded``, disk cache offline,
failures remembered, de-duplication, LIFO order with a capped queue, account switches.

The network tests use a real embedded server and ApiClient; the scheduling tests use a fake
fetch that can be held on a worker thread, so the order of loads is deterministic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPixmap
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.servers import running_server, seed
from workbench.client.api import ApiClient
from workbench.client.image_cache import ImageCache
from workbench.client.tokens import MemoryTokenStore
from workbench.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server.embedded import EmbeddedServer
from workbench.server.thumbnails import render
from workbench.ui.ops import Lanes
from workbench.ui.theme import dark_palette, light_palette
from workbench.ui.thumbnails import ThumbnailLoader, cache_key

WAIT_MS = 15_000
CAP = 10 * 1024 * 1024


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("thumb-server") / "server.sqlite3"
    return seed(f"sqlite:///{path}", products=500, orders_per_day=0.2)


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[EmbeddedServer]:
    with running_server(database_url) as srv:
        yield srv


def _login(url: str) -> ApiClient:
    api = ApiClient(url, tokens=MemoryTokenStore(), token_key="thumbs", sleep=lambda _s: None)
    api.login(DEMO_LOGINS["creator"], DEMO_PASSWORD, "pytest")
    return api


@pytest.fixture
def api(server: EmbeddedServer) -> Iterator[ApiClient]:
    client = _login(server.url)
    yield client
    client.close()


@pytest.fixture
def product_ids(api: ApiClient) -> list[str]:
    return [str(p["id"]) for p in api.get_json("/v1/products", {"limit": 10})["items"]]


@pytest.fixture
def lanes(qtbot: QtBot) -> Iterator[Lanes]:
    made = Lanes()
    yield made
    assert made.wait(WAIT_MS)
    qtbot.waitUntil(lambda: not made.net.busy, timeout=WAIT_MS)  # deliver the last answers


class Counting:
    """A fetch that counts its calls (in order) and passes them on."""

    def __init__(self, fetch: Callable[[str, int], bytes]) -> None:
        self.fetch = fetch
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, product_id: str, size: int) -> bytes:
        with self._lock:
            self.calls.append(product_id)
        return self.fetch(product_id, size)


class Held:
    """A fake server: draws with the server's renderer, holding the first call until released."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls: list[str] = []

    def __call__(self, product_id: str, size: int) -> bytes:
        self.calls.append(product_id)
        if len(self.calls) == 1:
            assert self.release.wait(WAIT_MS)
        return render(product_id, 1, size)


@pytest.fixture
def held() -> Iterator[Held]:
    fake = Held()
    yield fake
    fake.release.set()  # never leave a worker blocked, whatever the test did


def _colours(pixmap: QPixmap) -> set[int]:
    image = pixmap.toImage()
    step = max(image.width() // 16, 1)
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def _idle(qtbot: QtBot, loader: ThumbnailLoader, lanes: Lanes) -> None:
    qtbot.waitUntil(lambda: loader.pending == 0 and not lanes.net.busy, timeout=WAIT_MS)


# -- against the real server ------------------------------------------------------------------------


def test_placeholder_first_then_the_picture(
    qtbot: QtBot, lanes: Lanes, api: ApiClient, product_ids: list[str], tmp_path: Path
) -> None:
    cache = ImageCache(tmp_path / "img", CAP)
    loader = ThumbnailLoader(lanes, api.thumbnail, cache)
    pid = product_ids[0]
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS) as blocker:
        first = loader.pixmap(pid)
        assert loader.is_placeholder(first)
        assert (first.width(), first.height()) == (64, 64)
    assert blocker.args == [pid]
    picture = loader.pixmap(pid)
    assert not loader.is_placeholder(picture)
    assert (picture.width(), picture.height()) == (64, 64)
    assert len(_colours(picture)) > 4
    assert cache_key(pid, 64) in cache
    assert loader.pixmap(pid).cacheKey() == picture.cacheKey()  # from memory now


def test_detail_size_is_a_separate_picture(
    qtbot: QtBot, lanes: Lanes, api: ApiClient, product_ids: list[str]
) -> None:
    loader = ThumbnailLoader(lanes, api.thumbnail, None)
    pid = product_ids[1]
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
        assert loader.is_placeholder(loader.detail_pixmap(pid))
    big = loader.detail_pixmap(pid)
    assert (big.width(), big.height()) == (256, 256) and not loader.is_placeholder(big)
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
        assert loader.is_placeholder(loader.pixmap(pid))
    assert loader.pixmap(pid).width() == 64


def test_second_loader_reads_the_disk_cache_with_the_server_stopped(
    qtbot: QtBot, lanes: Lanes, database_url: str, tmp_path: Path
) -> None:
    directory = tmp_path / "img"
    with running_server(database_url) as own:
        api = _login(own.url)
        ids = [str(p["id"]) for p in api.get_json("/v1/products", {"limit": 3})["items"]]
        first = ThumbnailLoader(lanes, api.thumbnail, ImageCache(directory, CAP))
        for pid in ids[:2]:
            with qtbot.waitSignal(first.loaded, timeout=WAIT_MS):
                first.pixmap(pid)
        online = first.pixmap(ids[0]).toImage()
    # The server is gone: a new loader over the same directory still has the two pictures.
    fetch = Counting(api.thumbnail)
    second = ThumbnailLoader(lanes, fetch, ImageCache(directory, CAP))
    for pid in ids[:2]:
        with qtbot.waitSignal(second.loaded, timeout=WAIT_MS):
            assert second.is_placeholder(second.pixmap(pid))
        assert not second.is_placeholder(second.pixmap(pid))
    assert second.pixmap(ids[0]).toImage() == online
    assert fetch.calls == []
    # The third was never fetched: offline it stays a placeholder.
    second.pixmap(ids[2])
    _idle(qtbot, second, lanes)
    assert fetch.calls == [ids[2]]
    assert second.is_placeholder(second.pixmap(ids[2]))
    api.close()


def test_a_failure_keeps_the_placeholder_and_is_not_asked_again_at_once(
    qtbot: QtBot, lanes: Lanes, api: ApiClient
) -> None:
    now = [1000.0]
    fetch = Counting(api.thumbnail)
    loader = ThumbnailLoader(lanes, fetch, None, clock=lambda: now[0], failure_ttl=60)
    emitted: list[str] = []
    loader.loaded.connect(emitted.append)
    loader.pixmap("no-such-product")
    _idle(qtbot, loader, lanes)
    for _ in range(50):  # fifty repaints
        assert loader.is_placeholder(loader.pixmap("no-such-product"))
    QApplication.processEvents()
    assert loader.pending == 0
    assert fetch.calls == ["no-such-product"]
    now[0] += 61  # a minute later it may be asked again
    loader.pixmap("no-such-product")
    _idle(qtbot, loader, lanes)
    assert fetch.calls == ["no-such-product"] * 2
    assert emitted == []


def test_one_load_per_picture_however_often_it_is_painted(
    qtbot: QtBot, lanes: Lanes, api: ApiClient, product_ids: list[str]
) -> None:
    fetch = Counting(api.thumbnail)
    loader = ThumbnailLoader(lanes, fetch, None)
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
        for _ in range(10):
            loader.pixmap(product_ids[2])
    _idle(qtbot, loader, lanes)
    loader.pixmap(product_ids[2])
    assert fetch.calls == [product_ids[2]]


# -- scheduling, with a fake server ------------------------------------------------------------------


def test_waiting_loads_go_newest_first_and_the_oldest_waits_are_dropped(
    qtbot: QtBot, lanes: Lanes, held: Held
) -> None:
    loader = ThumbnailLoader(lanes, held, None, max_jobs=1, max_waiting=3)
    for pid in ("a", "b", "c", "d", "e"):
        loader.pixmap(pid)  # "a" runs (held); b..e wait, b is dropped (cap 3)
    loader.pixmap("c")  # painted again: c is now the newest wait
    assert loader.pending == 4
    held.release.set()
    _idle(qtbot, loader, lanes)
    assert held.calls == ["a", "c", "e", "d"]


def test_at_most_max_jobs_at_once(qtbot: QtBot, lanes: Lanes) -> None:
    running = 0
    most = 0
    lock = threading.Lock()
    gate = threading.Barrier(2, timeout=WAIT_MS / 1000)

    def fetch(product_id: str, size: int) -> bytes:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        if product_id in ("p0", "p1"):
            gate.wait()  # the first two really overlap
        with lock:
            running -= 1
        return render(product_id, 2, size)

    loader = ThumbnailLoader(lanes, fetch, None, max_jobs=2)
    for i in range(12):
        loader.pixmap(f"p{i}")
    _idle(qtbot, loader, lanes)
    assert most == 2
    assert all(not loader.is_placeholder(loader.pixmap(f"p{i}")) for i in range(12))


def test_cancel_pending_drops_the_waits(qtbot: QtBot, lanes: Lanes, held: Held) -> None:
    loader = ThumbnailLoader(lanes, held, None, max_jobs=1)
    for pid in ("a", "b", "c"):
        loader.pixmap(pid)
    loader.cancel_pending()
    held.release.set()
    _idle(qtbot, loader, lanes)
    assert held.calls == ["a"]
    assert not loader.is_placeholder(loader.pixmap("a"))  # the running one is kept


def test_set_source_drops_memory_and_answers_of_the_old_source(
    qtbot: QtBot, lanes: Lanes, held: Held, tmp_path: Path
) -> None:
    loader = ThumbnailLoader(lanes, held, None, max_jobs=1)
    emitted: list[str] = []
    loader.loaded.connect(emitted.append)
    loader.pixmap("a")  # held on the worker
    other = Counting(lambda pid, size: render(pid, 5, size))
    cache = ImageCache(tmp_path / "other", CAP)
    loader.set_source(other, cache)
    held.release.set()
    qtbot.waitUntil(lambda: not lanes.net.busy, timeout=WAIT_MS)
    assert emitted == []  # the old account's answer is dropped
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
        assert loader.is_placeholder(loader.pixmap("a"))
    assert other.calls == ["a"] and cache_key("a", 64) in cache
    loader.set_source(None, None)
    assert loader.is_placeholder(loader.pixmap("a"))
    assert loader.pending == 0  # nowhere to load from: nothing scheduled


def test_memory_keeps_the_most_recent_pictures(qtbot: QtBot, lanes: Lanes) -> None:
    fetch = Counting(lambda pid, size: render(pid, 3, size))
    loader = ThumbnailLoader(lanes, fetch, None, memory_items=2)
    for pid in ("a", "b", "c"):
        with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
            loader.pixmap(pid)
    assert not loader.is_placeholder(loader.pixmap("c"))
    assert not loader.is_placeholder(loader.pixmap("b"))
    assert loader.is_placeholder(loader.pixmap("a"))  # evicted: asked again
    _idle(qtbot, loader, lanes)
    assert fetch.calls == ["a", "b", "c", "a"]


def test_a_broken_disk_entry_is_fetched_again(qtbot: QtBot, lanes: Lanes, tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, CAP)
    good = render("a", 4, 64)
    cache.put(cache_key("a", 64), good[:40] + bytes(len(good) - 52) + good[-12:])  # framed, bad
    fetch = Counting(lambda pid, size: render(pid, 4, size))
    loader = ThumbnailLoader(lanes, fetch, cache)
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
        loader.pixmap("a")
    assert fetch.calls == ["a"]
    assert cache.get(cache_key("a", 64)) == good


def test_placeholder_follows_the_theme(qtbot: QtBot, lanes: Lanes, qapp: QApplication) -> None:
    loader = ThumbnailLoader(lanes, None, None, size=48)
    before = QGuiApplication.palette()
    try:
        qapp.setPalette(light_palette())
        light = QColor(loader.placeholder().toImage().pixel(6, 40))
        qapp.setPalette(dark_palette())
        dark = QColor(loader.placeholder().toImage().pixel(6, 40))
    finally:
        qapp.setPalette(before)
    assert light.lightness() > 180 > 80 > dark.lightness()
    assert loader.placeholder(96).width() == 96


def test_memory_weighs_large_pictures_as_many_small_ones(qtbot: QtBot, lanes: Lanes) -> None:
    fetch = Counting(lambda pid, size: render(pid, 3, size))
    loader = ThumbnailLoader(lanes, fetch, None, memory_items=20)
    for pid in ("a", "b", "c"):
        with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
            loader.pixmap(pid)  # 3 units
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
        loader.detail_pixmap("d")  # 256 px: 16 units, 19 in all
    assert not loader.is_placeholder(loader.pixmap("a"))
    with qtbot.waitSignal(loader.loaded, timeout=WAIT_MS):
        loader.detail_pixmap("e")  # 35 units: the oldest go until 20 or less remain
    assert loader.is_placeholder(loader.pixmap("b")) or loader.is_placeholder(loader.pixmap("c"))
    assert not loader.is_placeholder(loader.detail_pixmap("e"))
