"""The sync engine's write steps, each one transaction: the only place their boundaries are.

Push: :func:`pending_batch` (sequence numbers given on first send, committed before sending)
and :func:`apply_results` (the server's answers: confirmed rows, conflicts, outbox rows gone).
Pull: :func:`apply_changes` applies a page of the feed and stores its cursor in the SAME
transaction, so a crash replays at most one page; :func:`begin_reset` / :func:`finish_reset`
re-read a scope whose cursor the server forgot and sweep what it no longer sends. Catalogue:
the snapshot is staged page by page, swapped in (:func:`finish_snapshot`), then indexed in
short committed steps (:func:`index_step`). Each write returns what it changed
(:class:`~workbench.store.changed.Changed`); the engine adds them up for the views.

The logic lives in ``records``, ``outbox`` and ``catalog``; ``Cache`` is the connection, its
transactions and meta. Named points (``cache.hit``) let the crash tests "kill" a step inside
its transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.contract.sync import Change, Mutation, MutationResult, Scope
from workbench.store import catalog, outbox, records, search
from workbench.store.changed import Changed

if TYPE_CHECKING:
    from workbench.store.cache import Cache


# --- push ----------------------------------------------------------------------------------------
def pending_batch(cache: Cache, limit: int = 200) -> list[Mutation]:
    """The next edits to send, in order (sequence numbers assigned on first send)."""
    with cache.write():
        batch = outbox.next_batch(cache, limit)
        cache.hit("batch:before-commit")
        return batch


def apply_results(cache: Cache, results: list[MutationResult]) -> Changed:
    """Commit the server's answers: confirmed rows, conflicts, outbox rows gone."""
    with cache.write():
        changed = outbox.apply_results(cache, results)
        cache.hit("results:before-commit")
        return changed


# --- pull ----------------------------------------------------------------------------------------
def apply_changes(cache: Cache, scope: Scope, changes: list[Change], cursor: str) -> Changed:
    """Apply a page of the feed and store its cursor, in one transaction."""
    with cache.write():
        changed = records.apply_changes(cache, changes)
        cache.hit("pull:before-cursor")
        records.save_cursor(cache, scope, cursor)
        cache.hit("pull:before-commit")
        return changed


def cursor(cache: Cache, scope: Scope) -> str | None:
    return records.state(cache, scope).get("cursor")


def begin_reset(cache: Cache, scope: Scope) -> None:
    """The server forgot our cursor: re-read the scope, then sweep what it no longer has."""
    with cache.write():
        records.begin_reset(cache, scope)


def finish_reset(cache: Cache, scope: Scope) -> Changed:
    with cache.write():
        return records.finish_reset(cache, scope)


def resetting(cache: Cache, scope: Scope) -> bool:
    return bool(records.state(cache, scope).get("resetting"))


def mark_synced(cache: Cache, scope: Scope, at: str) -> None:
    with cache.write():
        records.mark_ok(cache, scope, at)


# --- catalogue snapshot --------------------------------------------------------------------------
def snapshot_progress(cache: Cache) -> tuple[str | None, str | None, int | None]:
    """(snapshot cursor, last loaded id, total) of an unfinished snapshot load."""
    st = records.state(cache, Scope.CATALOG)
    return st.get("snapshot_cursor"), st.get("snapshot_after"), st.get("snapshot_total")


def begin_snapshot(cache: Cache, cursor: str, total: int) -> None:
    with cache.write():
        catalog.begin_snapshot(cache, cursor, total)


def load_snapshot_page(cache: Cache, rows: list[list[Any]], last_id: str) -> None:
    with cache.write():
        catalog.load_page(cache, rows, last_id)


def finish_snapshot(cache: Cache, categories: list[list[Any]], shops: list[list[Any]]) -> Changed:
    """Swap the staged catalogue in (its own transactions); the keyword index is built after,
    by :func:`index_step`."""
    return catalog.finish_snapshot(cache, categories, shops)


def index_step(cache: Cache, rows: int = search.CHUNK) -> bool:
    """One short step of the indexing after a snapshot (keyword index first, then the B-tree
    indexes left out before the swap); True when all is built."""
    return catalog.index_step(cache, rows)


def index_progress(cache: Cache) -> tuple[int, int] | None:
    """(done, total) in products of an unfinished indexing; None when all is built."""
    return catalog.index_progress(cache)
