"""The sync engine: push the outbox, pull each scope, load the catalogue. Plain Python, no Qt.

One ``run()`` is a full sync: push first (so a reset can never lose an edit), then the account
scope (its orders from their snapshot at a first sync or a re-read), then the catalogue (a snapshot on first load, the feed afterwards), then push again if
edits arrived meanwhile. Every page is applied with its cursor in one transaction. Progress goes
to a callback; a cancel event stops the work between pages (and inside the client's waits).

A snapshot load ends when the rows are swapped in: the catalogue is usable from then on. Its
keyword index is built right after, then the B-tree indexes left out before the swap, as the
``indexing`` phase (:data:`INDEXING`: short steps, each committed with its position, progress
done/total in products); a sync that finds it unfinished (a killed or cancelled app) resumes it
before pulling the catalogue's feed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

import orjson

from workbench.client.errors import Cancelled, CursorExpired
from workbench.contract.sync import (
    ChangesPage,
    Mutation,
    MutationBatch,
    MutationResult,
    MutationResults,
    MutationStatus,
    Scope,
    SnapshotManifest,
)
from workbench.core.errors import ErrorCode
from workbench.store import search, steps
from workbench.store.cache import Cache
from workbench.store.optimistic import now_iso
from workbench.sync.progress import INDEXING, Progress, ProgressSink, SyncSummary

log = logging.getLogger(__name__)
LEAVE_WAIT_S = 0.05  # at most this long an answer waits for the next batch to leave


class Api(Protocol):
    """What the engine needs of ``client.api.ApiClient``."""

    def changes(self, scope: Scope, cursor: str | None, limit: int = ...) -> ChangesPage: ...
    def snapshot_manifest(self, entity: str = ..., page_size: int = ...) -> SnapshotManifest: ...
    def snapshot_page(
        self, entity: str, after: str | None, limit: int
    ) -> tuple[list[list], str | None]: ...  # type: ignore[type-arg]
    def push_raw(self, batch: MutationBatch, *, sent: Callable[[], None] | None = ...) -> bytes: ...
    def results(self, body: bytes) -> MutationResults: ...


class SyncEngine:
    """Runs syncs of one cache against one server."""

    def __init__(
        self,
        cache: Cache,
        api: Api,
        *,
        progress: ProgressSink | None = None,
        cancel: threading.Event | None = None,
        page_size: int = 2000,
        snapshot_page_size: int = 20_000,
        push_batch: int = 200,
        index_step: int = search.CHUNK,
        order_page_size: int = 10_000,
    ) -> None:
        self.cache = cache
        self.api = api
        self.progress = progress or (lambda _p: None)
        self.cancel = cancel or threading.Event()
        self.page_size = page_size
        self.snapshot_page_size = snapshot_page_size
        self.push_batch = push_batch
        self.index_step = index_step
        self.order_page_size = order_page_size  # orders a page (their lines come whole)

    def run(self) -> SyncSummary:
        """One full sync. Raises the client's errors (network, auth) for the caller to show."""
        started = time.perf_counter()
        summary = SyncSummary()
        self.push(summary)
        self.pull(Scope.ACCOUNT, summary)
        self.load_catalog(summary)
        if self.cache.pending_count():
            self.push(summary)
        summary.seconds = time.perf_counter() - started
        return summary

    def _check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled("sync cancelled")

    # --- push --------------------------------------------------------------------------------
    def push(self, summary: SyncSummary) -> None:
        """Send the outbox in batches, in seq order; commit each answer as it comes.

        Pipelined two deep: while one batch is at the server, the next one (taken, numbered and
        committed beforehand) already waits on the sender, so it leaves the moment the answer
        before it is in; the answers are applied on this thread meanwhile. Sent in order all the
        same, one request at a time: the sender sends a batch only once the one before it has
        its answer, and none after an answer the server stopped short in (a gap) or a failure.
        An outbox row still goes only when its answer commits: a crash meanwhile resends, the
        server replays.
        """
        total = self.cache.pending_count()
        done = 0
        self._check()
        first = steps.pending_batch(self.cache, self.push_batch)
        if not first:
            return
        halt = threading.Event()  # set by the sender: send nothing more in this push
        # Per batch queued: its size, its answer, and "it has left" (or will never leave).
        flight: deque[tuple[int, Future[bytes | None], threading.Event]] = deque()
        taken = first[-1].seq  # the last seq taken so far

        def queue(batch: list[Mutation]) -> None:
            nonlocal taken
            out = threading.Event()
            flight.append((len(batch), sender.submit(self._send, batch, halt, out), out))
            taken = batch[-1].seq

        with ThreadPoolExecutor(1, thread_name_prefix="push") as sender:
            try:
                self.progress(Progress("push", done, total))
                queue(first)
                while flight:
                    if len(flight) < 2 and not (halt.is_set() or self.cancel.is_set()):
                        # The next batch waits on the sender behind the one at the server.
                        ahead = steps.pending_batch(self.cache, self.push_batch, taken)
                        if ahead:
                            queue(ahead)
                    sent, in_flight, _out = flight.popleft()
                    body = in_flight.result()
                    if body is None:  # not sent: cancelled, or the batch before stopped short
                        self._check()
                        continue
                    if flight:
                        # Let the next batch leave first: reading this answer and applying it
                        # hold the GIL in stretches that would delay it, the server idle. Not
                        # for long: a sender retrying a server gone away must not hold back an
                        # answer already in.
                        flight[0][2].wait(LEAVE_WAIT_S)
                    self._check()
                    answer = self.api.results(body)
                    counted = _processed(answer)
                    summary.changed.merge(steps.apply_results(self.cache, answer.results))
                    for result in counted:
                        if result.status is MutationStatus.APPLIED:
                            summary.applied += 1
                        elif result.status is MutationStatus.CONFLICT:
                            summary.conflicts += 1
                        else:
                            summary.rejected += 1
                    summary.pushed += len(counted)
                    done += len(counted)
                    if len(counted) < sent:
                        # The server stopped early (a gap it could not fill): do not spin on it.
                        log.warning(
                            "server processed %d of %d mutations; will retry later",
                            len(counted),
                            sent,
                        )
                        return
                    self.progress(Progress("push", done, total))
            finally:
                halt.set()  # (an error or a cancel here) the batch still queued stays home

    def _send(
        self, batch: list[Mutation], halt: threading.Event, out: threading.Event
    ) -> bytes | None:
        """Send ``batch`` unless the push is halted or cancelled (None); halt it after a
        failure or an answer the server stopped short in, so nothing queued behind leaves. ``out`` is set
        once the request has left (at the latest when this returns). The answer's body is
        returned unvalidated: the engine's thread reads it while the next batch is away."""
        try:
            if halt.is_set() or self.cancel.is_set():
                return None
            try:
                batch_of = MutationBatch(device_id=self.cache.device_id, mutations=batch)
                body = self.api.push_raw(batch_of, sent=out.set)
            except BaseException:
                halt.set()
                raise
            if _processed_count(body) < len(batch):
                halt.set()
            return body
        finally:
            out.set()

    # --- pull --------------------------------------------------------------------------------
    def pull(self, scope: Scope, summary: SyncSummary) -> None:
        phase = f"pull:{scope.value}"
        done = 0
        while True:
            self._check()
            if scope is Scope.ACCOUNT and steps.order_snapshot_due(self.cache):
                self._order_snapshot(summary)  # sets the cursor when there was none
            cursor = steps.cursor(self.cache, scope)
            try:
                page = self.api.changes(scope, cursor, self.page_size)
            except CursorExpired:
                if scope is Scope.CATALOG:
                    log.warning("catalogue cursor expired: reloading the snapshot")
                    summary.resets.append(scope.value)
                    self._snapshot(summary)  # sets the cursor anew when it swaps the table in
                    continue
                log.warning("%s cursor expired: re-reading the scope", scope.value)
                self.push(summary)  # never re-read a scope with edits still queued
                steps.begin_reset(self.cache, scope)
                summary.resets.append(scope.value)
                continue
            if page.changes or page.cursor != cursor:
                changes = list(page.changes)
                summary.changed.merge(steps.apply_changes(self.cache, scope, changes, page.cursor))
            done += len(page.changes)
            self.progress(Progress(phase, done, None))
            if not page.has_more:
                break
        if steps.resetting(self.cache, scope):
            summary.changed.merge(steps.finish_reset(self.cache, scope))
        summary.pulled[scope.value] = summary.pulled.get(scope.value, 0) + done
        steps.mark_synced(self.cache, scope, now_iso())

    def _order_snapshot(self, summary: SyncSummary) -> None:
        """The account's order lines, then its settlement lines, from their snapshot (phase
        ``orders``, done/total in order lines); resumes where an interrupted load stopped."""
        state = steps.order_snapshot_progress(self.cache)
        if state is None:
            manifest = self.api.snapshot_manifest("order_line", self.order_page_size)
            steps.begin_order_snapshot(self.cache, manifest.cursor, manifest.total)
            state = steps.order_snapshot_progress(self.cache)
            assert state is not None
        _cursor, entity, after, total = state
        loaded = self.cache.conn.execute("SELECT count(*) FROM order_line").fetchone()[0]
        # The next page is fetched while this one is written: the server's work and the
        # network overlap the cache's (one request at a time on the client still).
        with ThreadPoolExecutor(1, thread_name_prefix="order-snapshot") as fetcher:
            ahead = fetcher.submit(self.api.snapshot_page, entity, after, self.order_page_size)
            while entity in steps.ORDER_SNAPSHOTS:
                self._check()
                self.progress(Progress("orders", min(loaded, total), total))
                rows, next_after = ahead.result()
                following = _following(entity, next_after)
                if following is not None:
                    ahead = fetcher.submit(
                        self.api.snapshot_page, following[0], following[1], self.order_page_size
                    )
                steps.load_order_page(self.cache, entity, rows, next_after)
                if entity == "order_line":
                    loaded += len(rows)
                entity, after = following if following is not None else ("", None)
        summary.changed.merge(steps.finish_order_snapshot(self.cache))
        summary.order_rows += loaded
        self.progress(Progress("orders", total, total))

    # --- catalogue -----------------------------------------------------------------------------
    def load_catalog(self, summary: SyncSummary) -> None:
        snapshot_cursor, _after, _total = steps.snapshot_progress(self.cache)
        if steps.cursor(self.cache, Scope.CATALOG) is None or snapshot_cursor is not None:
            self._snapshot(summary)  # ends with the keyword index
        else:
            self.build_index(summary)  # a build a killed or cancelled sync left unfinished
        self.pull(Scope.CATALOG, summary)

    def build_index(self, summary: SyncSummary) -> None:
        """Fill the keyword index, then build the B-tree indexes left out before the swap, in
        short steps (phase ``indexing``, done/total in products); nothing when all is built.

        Each step commits with its position, so a cancel (checked between steps) or a kill
        leaves it resumable; the cache's writer is free between steps for edits and pulls.
        """
        at = steps.index_progress(self.cache)
        if at is None:
            return
        start, (done, total) = at[0], at
        while True:
            self._check()
            self.progress(Progress(INDEXING, done, total))
            complete = steps.index_step(self.cache, self.index_step)
            before, (done, total) = done, search.search_progress(self.cache)
            summary.indexed += max(done - before, 0)
            if complete:
                break
        self.progress(Progress(INDEXING, done, total))
        log.info("keyword index complete: %d products (%d this sync)", total, done - start)

    def _snapshot(self, summary: SyncSummary) -> None:
        snapshot_cursor, after, total = steps.snapshot_progress(self.cache)
        if snapshot_cursor is None:
            manifest = self.api.snapshot_manifest("product", self.snapshot_page_size)
            steps.begin_snapshot(self.cache, manifest.cursor, manifest.total)
            after, total = None, manifest.total
        loaded = self.cache.conn.execute("SELECT count(*) FROM product_staging").fetchone()[0]
        while True:
            self._check()
            self.progress(Progress("snapshot", loaded, total))
            rows, next_after = self.api.snapshot_page("product", after, self.snapshot_page_size)
            if rows:
                for start in range(0, len(rows), 10_000):
                    chunk = rows[start : start + 10_000]
                    steps.load_snapshot_page(self.cache, chunk, str(chunk[-1][0]))
                loaded += len(rows)
                after = str(rows[-1][0])
            if next_after is None:
                break
        self.progress(Progress("snapshot", loaded, total))
        categories, _ = self.api.snapshot_page("category", None, 50_000)
        shops = self._all("shop")
        swapped = steps.finish_snapshot(self.cache, categories, shops)  # usable from here
        summary.changed.merge(swapped)
        summary.snapshot_rows += loaded
        self.build_index(summary)

    def _all(self, entity: str) -> list[list]:  # type: ignore[type-arg]
        rows: list[list] = []  # type: ignore[type-arg]
        after = None
        while True:
            page, after = self.api.snapshot_page(entity, after, 50_000)
            rows.extend(page)
            if after is None:
                return rows


def _processed(answer: MutationResults) -> list[MutationResult]:
    """The results of mutations the server processed (not those after a gap it stopped at)."""
    return [r for r in answer.results if r.code is None or r.code.value != _SEQUENCE_GAP]


def _processed_count(body: bytes) -> int:
    """``len(_processed(...))`` of a push's answer body, by a quick look (no validation; an
    answer it cannot read counts as none processed: nothing more is sent, and the engine's
    validation says what is wrong with it)."""
    try:
        results = orjson.loads(body)["results"]
        return sum(
            1 for r in results if not (isinstance(r, dict) and r.get("code") == _SEQUENCE_GAP)
        )
    except (ValueError, TypeError, KeyError):
        return 0


_SEQUENCE_GAP = ErrorCode.SEQUENCE_GAP.value


def _following(entity: str, next_after: str | None) -> tuple[str, str | None] | None:
    """The order snapshot's page after one of ``entity`` ending at ``next_after``."""
    if next_after is not None:
        return entity, next_after
    at = steps.ORDER_SNAPSHOTS.index(entity) + 1
    return (steps.ORDER_SNAPSHOTS[at], None) if at < len(steps.ORDER_SNAPSHOTS) else None
