"""The one reader of the open account's cache that every page uses, off the GUI thread.

Two lanes, each one thread with its own read connection: ``interactive`` (table windows, rows,
a detail: what the user waits for) and ``background`` (totals, the category tree, checks and
exports: slower work that must never stand in front of a page). The sync engine and the edit
lane write through their own connections; WAL lets these read beside them. The sync controller
owns the reader and points it at the account it opens, so no page opens connections of its own.

A job is ``fn(cache) -> result``; ``done(result)`` is called on the GUI thread unless the
account changed meanwhile (its result would describe the other account's cache).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject
from shiboken6 import isValid

from workbench.ui.ops import CacheSlot, Done, Failed, Lane

if TYPE_CHECKING:
    from workbench.store.cache import Cache

log = logging.getLogger(__name__)
T = TypeVar("T")


class Stale(Exception):
    """The account changed before the job ran."""


class Reader(QObject):
    """Runs read jobs against the open account's cache (see the module docstring)."""

    def __init__(self, on_unhandled: Failed | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interactive_lane = Lane("reads (interactive)", 1, on_unhandled)
        self.background_lane = Lane("reads (background)", 1, on_unhandled)
        self._slots = {self.interactive_lane: CacheSlot(), self.background_lane: CacheSlot()}
        self.path: Path | None = None
        self.account_id: str | None = None
        self.epoch = 0  # bumped on every account change

    def set_account(self, path: Path | None, account_id: str | None = None) -> None:
        """Read ``path`` from now on (None: no account open)."""
        if path == self.path:
            return
        self.path, self.account_id = path, account_id
        self.epoch += 1
        for lane, slot in self._slots.items():
            lane.run(slot.close)

    def interactive(
        self, fn: Callable[[Cache], Any], done: Done, failed: Failed | None = None
    ) -> None:
        """Read what the user waits for (rows on screen, a detail)."""
        self._run(self.interactive_lane, fn, done, failed)

    def background(
        self, fn: Callable[[Cache], Any], done: Done, failed: Failed | None = None
    ) -> None:
        """Read what may come later (counts, trees, checks, exports)."""
        self._run(self.background_lane, fn, done, failed)

    def _run(
        self, lane: Lane, fn: Callable[[Cache], Any], done: Done, failed: Failed | None
    ) -> None:
        path, epoch, slot = self.path, self.epoch, self._slots[lane]
        if path is None:
            return

        def job() -> Any:
            if epoch != self.epoch:
                raise Stale
            return fn(slot.get(path))

        def finish(result: Any) -> None:
            if epoch == self.epoch and isValid(self):  # the page may be gone meanwhile
                done(result)

        def fail(exc: BaseException) -> None:
            if isinstance(exc, Stale) or epoch != self.epoch or not isValid(self):
                return
            if failed is not None:
                failed(exc)
            elif lane.on_unhandled is not None:
                lane.on_unhandled(exc)
            else:
                log.error("cache read failed", exc_info=exc)

        lane.run(job, done=finish, failed=fail)

    def shutdown(self) -> None:
        """Close the connections (blocks until the lanes are idle)."""
        self.set_account(None)
        for lane in self._slots:
            lane.wait()
