"""Sync in the UI: runs the engine on the network lane and tells the window how it goes.

Single-flight (one sync at a time), on start, on a timer, on demand (F5), and when the server
answers again after being unreachable (a light ``/healthz`` probe while offline, backing off
from 2 s to 30 s). While online and idle the same probe runs every few seconds, so a server that
went away is noticed then, not at the next send (``offline_since`` says when). States:
``syncing``, ``online``, ``offline`` (server unreachable: everything cached stays usable) and
``login`` (the server wants a new login; the outbox is kept).

It also owns the shared :class:`~workbench.ui.reader.Reader` that every page reads through, and
tells the pages what changed: ``changed`` carries a :class:`~workbench.store.changed.Changed`
(rows per entity, its cause) after every sync that changed something and after every edit, so a
page re-reads only the rows it shows that changed; an empty sync emits nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.client.errors import AuthRequired, Cancelled, NetworkError
from workbench.sync.progress import Progress, SyncSummary
from workbench.ui.cache_notices import problem_text
from workbench.ui.ops import CacheSlot, Lanes
from workbench.ui.reader import Reader

if TYPE_CHECKING:
    import httpx

    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession

log = logging.getLogger(__name__)

PROBE_MS = 2_000  # offline: the first probe; each unanswered one doubles the wait…
PROBE_MAX_MS = 30_000  # …up to this
IDLE_PROBE_MS = 3_000  # online and idle: how often /healthz is asked (a few bytes)


class SyncController(QObject):
    """Owns the syncing of the open account."""

    stateChanged = Signal(str)
    progressed = Signal(str, int, int)  # phase, done, total (-1: unknown)
    statusChanged = Signal(dict)
    synced = Signal(object)  # SyncSummary
    loginRequired = Signal(str)
    sessionChanged = Signal(object)  # the open AccountSession, or None
    edited = Signal()  # a user's edit is in the outbox (rows it shows changed)
    cacheProblem = Signal(object)  # DiskFull / CacheDamaged, or the Recovery of a rebuilt cache
    rejected = Signal(list)  # conflicts a sync has just recorded (the server refused those edits)
    changed = Signal(object)  # Changed: what a sync or an edit changed (never an empty one)

    def __init__(self, lanes: Lanes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lanes = lanes
        self.session: AccountSession | None = None
        self.reader = Reader(on_unhandled=lanes.db.on_unhandled, parent=self)
        self._checkpointing = False  # a WAL checkpoint is queued on the reader's background lane
        # The database lane's own connection for user edits: opened, used and closed only by
        # jobs on that lane (never on the GUI thread); ``_edit_path`` says which cache is current.
        self._editor = CacheSlot()
        self._edit_path: Path | None = None
        self.state = "offline"
        self._running = False
        self._again = False
        self._cancel = threading.Event()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._probe = QTimer(self)
        self._probe.setInterval(PROBE_MS)
        self._probe.timeout.connect(self._probe_server)
        self._probing = False
        self._http: httpx.Client | None = None  # made on first probe (httpx loads slowly)
        self._idle = QTimer(self)
        self._idle.setInterval(IDLE_PROBE_MS)
        self._idle.timeout.connect(self._idle_probe)
        self._seen_conflict: int | None = None  # the newest conflict already told about
        self.offline_since: datetime | None = None
        self.last_status: dict[str, Any] = {}

    # --- account ---------------------------------------------------------------------------
    def attach(self, session: AccountSession, interval_minutes: int) -> None:
        """Start syncing ``session`` (the caller closes the previous one via ``detach``)."""
        self.session = session
        self._edit_path = session.cache.path
        self._seen_conflict = None
        self.reader.set_account(session.cache.path, session.account.id)
        self._checkpointing = False  # one queued for the old account is dropped with it
        self._cancel = threading.Event()
        self.set_interval(interval_minutes)
        self.sessionChanged.emit(session)
        if session.recovery is not None:
            self.cacheProblem.emit(session.recovery)
        self.sync_now()

    def detach(self) -> AccountSession | None:
        """Stop syncing; returns the session for the caller to close off the GUI thread."""
        session, self.session = self.session, None
        self._cancel.set()
        self._timer.stop()
        self._probe.stop()
        self._idle.stop()
        self._edit_path = None
        self.reader.set_account(None)
        self._checkpointing = False  # one queued for the old account is dropped with it
        self.lanes.db.run(self._editor.close)
        if session is not None:
            self.sessionChanged.emit(None)
        return session

    def set_interval(self, minutes: int) -> None:
        self._timer.start(max(1, minutes) * 60_000)

    def set_idle_probe_ms(self, msecs: int) -> None:
        """How often to ask the server whether it is there while online and idle."""
        self._idle.setInterval(msecs)

    def shutdown(self) -> None:
        session = self.detach()
        self.reader.shutdown()
        self.lanes.wait()
        if session is not None:
            session.close()
        if self._http is not None:
            self._http.close()

    # --- syncing --------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """Sync now (F5). A request during a sync runs one more sync after it."""
        session = self.session
        if session is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._set_state("syncing")
        cancel = self._cancel
        seen = self._seen_conflict

        def job() -> tuple[SyncSummary, dict[str, Any], list[dict[str, Any]]]:
            before = seen if seen is not None else _newest_conflict(session.cache)
            engine = session.engine(progress=self._on_progress, cancel=cancel)
            summary = engine.run()
            new = [c for c in session.cache.conflicts() if c["id"] > before]
            return summary, session.cache.status(), new

        self.lanes.net.run(job, done=partial(self._done, session), failed=self._failed)

    def _checkpoint(self) -> None:
        """After an edit or a sync: the WAL copied into the cache file on the reader's
        background lane (``Cache.checkpoint``), one at a time, so commits do not do it."""
        if self._checkpointing:
            return
        self._checkpointing = True

        def over(_result: Any = None) -> None:
            self._checkpointing = False

        self.reader.background(lambda cache: cache.checkpoint(), over, over)

    def _on_progress(self, p: Progress) -> None:  # worker thread: signals are queued
        self.progressed.emit(p.phase, p.done, -1 if p.total is None else p.total)

    def _done(
        self,
        session: AccountSession,
        result: tuple[SyncSummary, dict[str, Any], list[dict[str, Any]]],
    ) -> None:
        self._running = False
        summary, status, new = result
        self._probe.stop()
        if session is self.session:
            self._seen_conflict = max([c["id"] for c in new] + [self._seen_conflict or 0])
            self._set_state("online")
            self._idle.start()
        self._publish(status)
        if summary.changed:
            self._checkpoint()
            self.changed.emit(summary.changed)
        self.synced.emit(summary)
        if new and session is self.session:
            self.rejected.emit(new)
        self._maybe_again()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        if isinstance(exc, Cancelled):
            self._set_state("offline" if self.session is None else self.state)
        elif isinstance(exc, NetworkError):
            log.info("server unreachable: %s", exc)
            self._went_offline()
        elif isinstance(exc, AuthRequired):
            self._set_state("login")
            self.loginRequired.emit(exc.detail or exc.code)
        elif problem_text(exc) is not None:  # a full disk, a damaged file: said, not a crash
            log.warning("sync stopped: %s", exc)
            self._note_damage(exc)
            self._set_state("online")
            self.cacheProblem.emit(exc)
        else:
            self._set_state("offline")
            if self.lanes.net.on_unhandled is not None:
                self.lanes.net.on_unhandled(exc)
        self.refresh_status()
        self._maybe_again()

    def _maybe_again(self) -> None:
        if self._again and self.state != "login":
            self._again = False
            self.sync_now()

    def _went_offline(self) -> None:
        self._idle.stop()
        self._set_state("offline")
        self._probe.start()

    def _idle_probe(self) -> None:
        """Online and idle: is the server still there? (network lane, never the GUI thread)"""
        if self.state != "online" or self._running:
            return

        def answered(up: bool) -> None:
            if not up and self.state == "online" and not self._running:
                log.info("server unreachable (idle probe)")
                self._went_offline()

        self._probe_server(answered)

    def _probe_server(self, then: Callable[[bool], None] | None = None) -> None:
        session = self.session
        if session is None or self._probing:
            return
        self._probing = True
        url = f"{session.api.base_url}/healthz"

        def probe() -> bool:
            import httpx

            if self._http is None:
                self._http = httpx.Client(timeout=2.0)
            try:
                return self._http.get(url).status_code == 200
            except httpx.HTTPError:
                return False

        def answered(up: bool) -> None:
            self._probing = False
            if self.session is not session:
                return
            if then is not None:
                then(up)
            elif up:
                self._probe.stop()
                self._probe.setInterval(PROBE_MS)  # the next outage starts the back-off again
                self.sync_now()
            else:
                self._probe.setInterval(min(self._probe.interval() * 2, PROBE_MAX_MS))

        self.lanes.net.run(probe, done=answered)

    # --- edits and status ----------------------------------------------------------------------
    def edit(self, mutation_type: str, entity_id: str, payload: dict[str, Any]) -> None:
        """Queue a user's edit on the database lane, then push it when online."""
        self.edit_with(lambda cache: cache.enqueue(mutation_type, entity_id, payload))

    def edit_with(
        self,
        fn: Callable[[Cache], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        *,
        cause: str = "edit",
    ) -> None:
        """Run ``fn(cache)`` on the database lane in one write transaction (several edits that
        stand or fall together, reading what they depend on first), then push when online.
        ``done(result)`` is called on the GUI thread, after ``changed`` carried the rows the
        edit changed with ``cause`` (a page id lets that page tell its own edits apart)."""
        path = self._edit_path
        if path is None:
            raise RuntimeError("no account is open to edit")

        def job() -> tuple[Any, Changed, dict[str, Any]]:
            editor = self._editor.get(path)
            with editor.write(), editor.collecting(cause) as changed:
                result = fn(editor)
            return result, changed, editor.status()

        def queued(outcome: tuple[Any, Changed, dict[str, Any]]) -> None:
            result, changed, status = outcome
            self._publish(status)
            self._checkpoint()
            self.edited.emit()
            if changed:
                self.changed.emit(changed)
            if done is not None:
                done(result)
            if self.state == "online":
                self.sync_now()

        def refused(exc: BaseException) -> None:
            known = problem_text(exc) is not None
            if known:
                self._note_damage(exc)
                self.cacheProblem.emit(exc)  # the window says it; the caller may too, inline
            if failed is not None:
                failed(exc)
            elif not known and self.lanes.db.on_unhandled is not None:
                self.lanes.db.on_unhandled(exc)

        self.lanes.db.run(job, done=queued, failed=refused)

    def _note_damage(self, exc: BaseException) -> None:
        from workbench.store.damage import is_damage

        if self.session is not None and is_damage(exc):
            self.session.damage_seen = True  # reopening the account checks the whole file

    def read(self, fn: Callable[[Cache], Any], done: Callable[[Any], None]) -> None:
        """Read ``fn(cache)`` on the database lane (the open account's cache); ``done`` on the GUI
        thread. Nothing happens without an open account."""
        path = self._edit_path
        if path is not None:
            self.lanes.db.run(lambda: fn(self._editor.get(path)), done=done)

    def refresh_status(self) -> None:
        path = self._edit_path
        if path is not None:
            self.lanes.db.run(lambda: self._editor.get(path).status(), done=self._publish)

    def _publish(self, status: dict[str, Any]) -> None:
        self.last_status = status
        self.statusChanged.emit(status)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            if state == "offline" and self.session is not None:
                self.offline_since = datetime.now().astimezone()
            elif state == "online":
                self.offline_since = None
            self.state = state
            self.stateChanged.emit(state)


def _newest_conflict(cache: Cache) -> int:
    return max((int(c["id"]) for c in cache.conflicts(open_only=False)), default=0)
