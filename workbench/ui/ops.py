"""Background work for the UI: a serial database lane and a parallel network lane.

Anki's ``QueryOp`` in small: ``lanes.db.run(fn, done=…, failed=…)`` runs ``fn`` on the lane's
thread and calls ``done(result)`` or ``failed(exc)`` back on the GUI thread through a queued
signal. The database lane has one thread, so cache writes never race; the network lane has a
few. No SQL and no HTTP ever run on the GUI thread.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

if TYPE_CHECKING:
    from workbench.store.cache import Cache

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Tells the GUI thread that a job of its lane has ended: carries only the job's number."""

    ended = Signal(int)


class _Pending:
    """A job and its callbacks, held by the lane (GUI thread) from start to end, and its outcome
    once the worker has it: so every Python object the job touches is freed on the GUI thread."""

    __slots__ = ("done", "failed", "fn", "ok", "value")

    def __init__(self, fn: Callable[[], Any], done: Done | None, failed: Failed | None) -> None:
        self.fn = fn
        self.done = done
        self.failed = failed
        self.ok = False
        self.value: Any = None


def _work(pending: dict[int, _Pending], relay: _Relay, job: int) -> None:
    """A worker thread's part: run the job, leave its outcome in its entry, drop every reference
    to it, then signal. The entry (the job's closure, its callbacks, the result or the exception
    with its traceback) must not be freed here: a closure that holds the last reference to a Qt
    wrapper would destroy that wrapper on this thread, and PySide then takes Qt's connection
    lock and waits for the GIL, which the GUI thread may hold while it waits for that lock (a
    deadlock seen in CI: a progress dialog closed on the GUI thread as its job was freed)."""
    entry = pending[job]
    try:
        entry.value = entry.fn()
        entry.ok = True
    except BaseException as exc:
        entry.value = exc
    del entry
    relay.ended.emit(job)


class Lane(QObject):
    """A named pool of worker threads."""

    def __init__(self, name: str, threads: int, on_unhandled: Failed | None = None) -> None:
        super().__init__()
        self.name = name
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)
        self.on_unhandled = on_unhandled
        self._pending: dict[int, _Pending] = {}
        self._numbers = itertools.count()
        self._relay = _Relay()  # lives in the GUI thread, so its slot runs there
        self._relay.ended.connect(self._ended, Qt.ConnectionType.QueuedConnection)

    def run(
        self, fn: Callable[[], Any], *, done: Done | None = None, failed: Failed | None = None
    ) -> None:
        """Run ``fn`` on this lane; ``done``/``failed`` are called on the GUI thread."""
        job = next(self._numbers)
        self._pending[job] = _Pending(fn, done, failed)
        self.pool.start(functools.partial(_work, self._pending, self._relay, job))

    def _ended(self, job: int) -> None:
        entry = self._pending.pop(job)
        if entry.ok:
            if entry.done is not None:
                entry.done(entry.value)
        elif entry.failed is not None:
            entry.failed(entry.value)
        elif self.on_unhandled is not None:
            self.on_unhandled(entry.value)
        else:
            log.error("unhandled error on the %s lane", self.name, exc_info=entry.value)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the lane is idle (shutdown and tests only)."""
        return bool(self.pool.waitForDone(msecs))

    @property
    def busy(self) -> bool:
        return bool(self._pending)


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
