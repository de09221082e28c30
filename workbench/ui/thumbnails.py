"""Product pictures for the views: memory, then disk, then the server, never on the GUI thread.

``ThumbnailLoader.pixmap(id)`` answers at once: the decoded picture from a memory LRU, or a
neutral placeholder while the picture loads on the network lane (disk cache first, else HTTP,
then stored on disk). The PNG is decoded to a ``QImage`` on the worker (QImage is safe off the
GUI thread, QPixmap is not); the GUI thread turns it into a ``QPixmap`` and emits
``loaded(id)``, so a view repaints just that row.

Loads are de-duplicated, at most ``max_jobs`` run at once, and waiting ids form a LIFO stack
capped at ``max_waiting``: the rows painted last (the ones on screen now) load first, and rows
that scrolled away long ago are dropped. A failed load (offline, unknown product) is remembered
for ``failure_ttl`` seconds so painting does not ask again every frame; the placeholder stays
until then, or until ``retry_failed()`` (called when a sync has reached the server again).
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPainterPath, QPalette, QPixmap

from workbench.client.image_cache import ImageCache
from workbench.ui.ops import Lanes
from workbench.ui.theme import is_dark

log = logging.getLogger(__name__)

Fetch = Callable[[str, int], bytes]
"""``fetch(product_id, size)``: the PNG bytes (``ApiClient.thumbnail`` fits)."""

Key = tuple[str, int]

MAX_JOBS = 3  # the network lane has 4 threads: leave one for everything else
MAX_WAITING = 200
FAILURE_TTL = 60.0
DETAIL_SIZE = 256


def _units(key: tuple[str, int]) -> int:
    return max(1, (key[1] // 64) ** 2)


def cache_key(product_id: str, size: int) -> str:
    """The disk cache key of a product's picture at ``size``."""
    return f"thumbnail/{size}/{product_id}"


def decode(data: bytes) -> QImage | None:
    """The image in ``data`` (PNG), or None when it is not one. Safe on any thread."""
    image = QImage()
    if not image.loadFromData(data, "PNG"):
        return None
    return image


def load_image(product_id: str, size: int, fetch: Fetch | None, cache: ImageCache | None) -> QImage:
    """The decoded picture: from ``cache``, else from ``fetch`` (then cached). Worker thread.

    Raises whatever ``fetch`` raises, LookupError when there is nowhere to get it from, and
    ValueError when the server's bytes are not an image.
    """
    key = cache_key(product_id, size)
    if cache is not None and (data := cache.get(key)) is not None:
        if (image := decode(data)) is not None:
            return image
        cache.discard(key)
    if fetch is None:
        raise LookupError("the picture is not cached and there is no server to ask")
    data = fetch(product_id, size)
    image = decode(data)
    if image is None:
        raise ValueError("the server's thumbnail is not an image")
    if cache is not None:
        try:
            cache.put(key, data)
        except (OSError, ValueError) as exc:  # a full disk costs the cache, not the picture
            log.warning("thumbnail not cached: %s", exc)
    return image


def draw_placeholder(size: int, palette: QPalette) -> QPixmap:
    """A quiet rounded tile with a faint picture sign (sun over hills), in ``palette``'s tones."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    window = palette.color(QPalette.ColorRole.Window)
    if is_dark(palette):
        tile, mark = window.lighter(118), window.lighter(150)
    else:
        tile, mark = window.darker(104), window.darker(115)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(tile)
    radius = size * 0.12
    painter.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)
    painter.setBrush(mark)
    painter.drawEllipse(QPointF(size * 0.64, size * 0.36), size * 0.075, size * 0.075)
    hills = QPainterPath()
    points = [(0.22, 0.70), (0.42, 0.44), (0.56, 0.60), (0.64, 0.52), (0.78, 0.70)]
    hills.moveTo(size * points[0][0], size * points[0][1])
    for x, y in points[1:]:
        hills.lineTo(size * x, size * y)
    hills.closeSubpath()
    painter.drawPath(hills)
    painter.end()
    return pixmap


class ThumbnailLoader(QObject):
    """Pictures by product id for the views; call from the GUI thread only."""

    loaded = Signal(str)
    """A product's picture is ready: ``pixmap(id)`` (or ``detail_pixmap``) now returns it."""

    def __init__(
        self,
        lanes: Lanes,
        fetch: Fetch | None,
        cache: ImageCache | None,
        size: int = 64,
        memory_items: int = 600,
        *,
        max_jobs: int = MAX_JOBS,
        max_waiting: int = MAX_WAITING,
        failure_ttl: float = FAILURE_TTL,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.size = size
        self.memory_items = memory_items
        self._units = 0  # the memory's weight (see _finished)
        self._lanes = lanes
        self._fetch = fetch
        self._cache = cache
        self._max_jobs = max(1, max_jobs)
        self._max_waiting = max(1, max_waiting)
        self._failure_ttl = failure_ttl
        self._clock = clock
        self._generation = 0  # bumped by set_source: answers of an older source are dropped
        self._memory: OrderedDict[Key, QPixmap] = OrderedDict()
        self._waiting: OrderedDict[Key, None] = OrderedDict()  # newest last
        self._in_flight: set[Key] = set()
        self._failures: dict[Key, float] = {}
        self._placeholders: dict[int, QPixmap] = {}
        self._placeholder_palette: int | None = None

    # -- public ----------------------------------------------------------------------------------

    def pixmap(self, product_id: str) -> QPixmap:
        """The product's picture at the loader's size, or the placeholder while it loads."""
        return self._pixmap(product_id, self.size)

    def detail_pixmap(self, product_id: str, size: int = DETAIL_SIZE) -> QPixmap:
        """The same at a larger size (the detail panel); ``loaded`` fires for it too."""
        return self._pixmap(product_id, size)

    def placeholder(self, size: int | None = None) -> QPixmap:
        """The placeholder at ``size`` (default: the loader's), drawn once per palette."""
        size = self.size if size is None else size
        key = QGuiApplication.palette().cacheKey()
        if key != self._placeholder_palette:
            self._placeholders.clear()
            self._placeholder_palette = key
        found = self._placeholders.get(size)
        if found is None:
            found = draw_placeholder(size, QGuiApplication.palette())
            self._placeholders[size] = found
        return found

    def is_placeholder(self, pixmap: QPixmap) -> bool:
        """Whether ``pixmap`` is one of the placeholders (the picture is not there yet)."""
        return any(p.cacheKey() == pixmap.cacheKey() for p in self._placeholders.values())

    def set_source(self, fetch: Fetch | None, cache: ImageCache | None) -> None:
        """Use another server or account: pictures in memory, waits and failures are dropped."""
        self._fetch = fetch
        self._cache = cache
        self._generation += 1
        self._memory.clear()
        self._units = 0
        self._waiting.clear()
        self._in_flight.clear()
        self._failures.clear()

    def retry_failed(self) -> None:
        """The server is back: pictures that failed (offline) may be asked for again now."""
        self._failures.clear()

    def cancel_pending(self) -> None:
        """Forget the waiting loads (the view changed); running ones finish and are kept."""
        self._waiting.clear()

    @property
    def pending(self) -> int:
        """Loads waiting or running."""
        return len(self._waiting) + len(self._in_flight)

    # -- internals -------------------------------------------------------------------------------

    def _pixmap(self, product_id: str, size: int) -> QPixmap:
        key = (product_id, size)
        found = self._memory.get(key)
        if found is not None:
            self._memory.move_to_end(key)
            return found
        self._ask(key)
        return self.placeholder(size)

    def _ask(self, key: Key) -> None:
        if self._fetch is None and self._cache is None:
            return
        if key in self._in_flight or self._failed_recently(key):
            return
        if key in self._waiting:
            self._waiting.move_to_end(key)
        else:
            self._waiting[key] = None
            while len(self._waiting) > self._max_waiting:
                self._waiting.popitem(last=False)  # the oldest wait: that row scrolled away
        self._pump()

    def _failed_recently(self, key: Key) -> bool:
        failed_at = self._failures.get(key)
        if failed_at is None:
            return False
        if self._clock() - failed_at < self._failure_ttl:
            return True
        del self._failures[key]
        return False

    def _pump(self) -> None:
        while self._waiting and len(self._in_flight) < self._max_jobs:
            key, _ = self._waiting.popitem(last=True)  # LIFO: the row painted last
            self._start(key)

    def _start(self, key: Key) -> None:
        self._in_flight.add(key)
        generation = self._generation
        self._lanes.net.run(
            partial(load_image, key[0], key[1], self._fetch, self._cache),
            done=partial(self._finished, generation, key),
            failed=partial(self._failed, generation, key),
        )

    def _finished(self, generation: int, key: Key, image: QImage) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(key)
        old = self._memory.get(key)
        if old is not None:
            self._units -= _units(key)
        self._memory[key] = QPixmap.fromImage(image)
        self._memory.move_to_end(key)
        self._units += _units(key)
        # Counted in row-size images: a 256-pixel detail image weighs as 16 of the 64-pixel
        # ones, so browsing details cannot hold 600 large images (~150 MB).
        while self._units > self.memory_items and len(self._memory) > 1:
            dropped, _pixmap = self._memory.popitem(last=False)
            self._units -= _units(dropped)
        self.loaded.emit(key[0])
        self._pump()

    def _failed(self, generation: int, key: Key, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(key)
        log.debug("thumbnail of %s (%d px) not loaded: %s", key[0], key[1], exc)
        if getattr(exc, "status", None) in (429, 503):
            # Busy, not missing: painting asks again soon (not kept as a failure for a minute).
            self._pump()
            return
        self._failures[key] = self._clock()
        if len(self._failures) > 10 * self._max_waiting:
            self._forget_old_failures()
        self._pump()

    def _forget_old_failures(self) -> None:
        now = self._clock()
        self._failures = {k: t for k, t in self._failures.items() if now - t < self._failure_ttl}
