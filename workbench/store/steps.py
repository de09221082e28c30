"""The sync engine's write steps, each one transaction: the only place their boundaries are.

Push: :func:`pending_batch` (sequence numbers given on first send, committed before sending)
and :func:`apply_results` (the server's answers: confirmed rows, conflicts, outbox rows gone).
Pull: :func:`apply_changes` applies a page of the feed and stores its cursor in the SAME
transaction, so a crash replays at most one page; :func:`begin_reset` / :func:`finish_reset`
re-read a scope whose cursor the server forgot and sweep what it no longer sends. Catalogue:
the snapshot is staged page by page, swapped in (:func:`finish_snapshot`), then indexed in
short committed steps (:func:`index_step`). Orders: the account's order and settlement lines
are loaded from their snapshot at a first sync or a re-read (:func:`begin_order_snapshot` …
:func:`finish_order_snapshot`), the feed's ``order`` entries after that. Each write returns what it changed
(:class:`~workbench.store.changed.Changed`); the engine adds them up for the views.

The logic lives in ``records``, ``outbox`` and ``catalog``; ``Cache`` is the connection, its
transactions and meta. Named points (``cache.hit``) let the crash tests "kill" a step inside
its transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.contract.sync import Change, Mutation, MutationResult, Scope
from workbench.store import catalog, cut_alerts, orders, outbox, records, search
from workbench.store.changed import Changed

if TYPE_CHECKING:
    from workbench.store.cache import Cache


# --- push ----------------------------------------------------------------------------------------
def pending_batch(cache: Cache, limit: int = 200, after: int = 0) -> list[Mutation]:
    """The next edits to send, in order (sequence numbers assigned on first send); ``after``:
    only those after that seq (the batch before is in flight, its answer not yet applied)."""
    with cache.write():
        batch = outbox.next_batch(cache, limit, after)
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
        cut_alerts.capture(cache, changed)  # a cut notice reaches me with its plan row
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


# --- the account's order snapshot ----------------------------------------------------------------
ORDERS_STATE = "orders"  # its sync_state row: snapshot_cursor / snapshot_after "<entity>:<key>"
ORDER_SNAPSHOTS = ("order_line", "settlement_line")


def order_snapshot_due(cache: Cache) -> bool:
    """A first sync, a re-read, an unfinished load or a migrated cache loads the snapshot."""
    if records.state(cache, Scope.ACCOUNT).get("cursor") is None:
        return True
    return _orders_state(cache) is not None or cache.meta("orders_snapshot_needed") is not None


def _orders_state(cache: Cache) -> tuple[str, str, str | None, int] | None:
    row = cache.conn.execute(
        "SELECT snapshot_cursor, snapshot_after, snapshot_total FROM sync_state WHERE scope = ?",
        (ORDERS_STATE,),
    ).fetchone()
    if row is None or row[0] is None:
        return None
    entity, _sep, after = str(row[1]).partition(":")
    return str(row[0]), entity, after or None, int(row[2] or 0)


def order_snapshot_progress(cache: Cache) -> tuple[str, str, str | None, int] | None:
    """(cursor, entity being loaded, its last key, total lines) of an unfinished load."""
    return _orders_state(cache)


def begin_order_snapshot(cache: Cache, cursor: str, total: int) -> None:
    """Start loading the order snapshot into emptied order tables (the server has them all;
    the feed after the snapshot's cursor brings what changed since)."""
    with cache.write():
        orders.clear(cache.conn)
        cache.conn.execute(
            "INSERT OR REPLACE INTO sync_state (scope, snapshot_cursor, snapshot_after, "
            "snapshot_total) VALUES (?, ?, ?, ?)",
            (ORDERS_STATE, cursor, f"{ORDER_SNAPSHOTS[0]}:", total),
        )


def load_order_page(
    cache: Cache, entity: str, rows: list[list[Any]], next_after: str | None
) -> None:
    """A page of the order (or settlement) snapshot and the position after it, together."""
    with cache.write():
        if entity == "order_line":
            orders.load_lines(cache, rows)
        else:
            orders.load_settlements(cache, rows)
        if next_after is None:
            at = ORDER_SNAPSHOTS.index(entity) + 1
            position = f"{ORDER_SNAPSHOTS[at]}:" if at < len(ORDER_SNAPSHOTS) else "done:"
        else:
            position = f"{entity}:{next_after}"
        cache.conn.execute(
            "UPDATE sync_state SET snapshot_after = ? WHERE scope = ?", (position, ORDERS_STATE)
        )
        cache.hit("orders:before-commit")


def finish_order_snapshot(cache: Cache) -> Changed:
    """The account feed goes on from the snapshot's cursor (when it had none: a first sync or
    a re-read); the load's state goes and the indexes left out of the load are built, in one
    transaction."""
    with cache.write():
        state = _orders_state(cache)
        if state is not None and records.state(cache, Scope.ACCOUNT).get("cursor") is None:
            records.save_cursor(cache, Scope.ACCOUNT, state[0])
        cache.conn.execute("DELETE FROM sync_state WHERE scope = ?", (ORDERS_STATE,))
        cache.conn.execute("DELETE FROM meta WHERE key = 'orders_snapshot_needed'")
        orders.build_indexes(cache.conn)
    cache.conn.execute("PRAGMA analysis_limit = 1000")
    cache.conn.execute("ANALYZE order_line")
    return Changed(reloaded={"order", "settlement_line"})
