"""Background work for the UI: a serial database lane and a parallel network lane.

Anki's ``QueryOp`` in small: ``lanes.db.run(fn, done=…, failed=…)`` runs ``fn`` on the lane's
thread and calls ``done(result)`` or ``failed(exc)`` back on the GUI thread through a queued
signal. The database lane has one thread, so cache writes never race; the network lane has a
few. No SQL and no HTTP ever run on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:
    from workbench.store.cache import Cache

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Carries a job's outcome from the worker thread to the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:
            self.relay.failed.emit(exc)
            return
        self.relay.succeeded.emit(result)


class Lane(QObject):
    """A named pool of worker threads."""

    def __init__(self, name: str, threads: int, on_unhandled: Failed | None = None) -> None:
        super().__init__()
        self.name = name
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)
        self.on_unhandled = on_unhandled
        self._relays: set[_Relay] = set()

    def run(
        self, fn: Callable[[], Any], *, done: Done | None = None, failed: Failed | None = None
    ) -> None:
        """Run ``fn`` on this lane; ``done``/``failed`` are called on the GUI thread."""
        relay = _Relay()  # lives in the GUI thread, so its slots run there
        self._relays.add(relay)

        def finish(result: Any) -> None:
            self._relays.discard(relay)
            if done is not None:
                done(result)

        def fail(exc: BaseException) -> None:
            self._relays.discard(relay)
            if failed is not None:
                failed(exc)
            elif self.on_unhandled is not None:
                self.on_unhandled(exc)
            else:
                log.error("unhandled error on the %s lane", self.name, exc_info=exc)

        relay.succeeded.connect(finish)
        relay.failed.connect(fail)
        self.pool.start(_Job(fn, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the lane is idle (shutdown and tests only)."""
        return bool(self.pool.waitForDone(msecs))

    @property
    def busy(self) -> bool:
        return bool(self._relays)


class Lanes:
    """The two lanes of the app."""

    def __init__(self, on_unhandled: Failed | None = None) -> None:
        self.db = Lane("database", 1, on_unhandled)
        self.net = Lane("network", 4, on_unhandled)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.db.wait(msecs) and self.net.wait(msecs)


class CacheSlot:
    """A lane's own connection to the open account's cache: opened on first use by a job on that
    lane, reopened when the path changes, closed by a job too — never touched on the GUI thread
    (opening checks the schema and writes; SQLite connections are one thread's at a time)."""

    def __init__(self) -> None:
        self.cache: Cache | None = None

    def get(self, path: Path) -> Cache:
        from workbench.store.cache import Cache  # the store stack loads off the start path

        if self.cache is not None and self.cache.path != path:
            self.close()
        if self.cache is None:
            self.cache = Cache.open(path)
        return self.cache

    def close(self) -> None:
        cache, self.cache = self.cache, None
        if cache is not None:
            cache.close()
