"""The typed review states (``review_state``) stay equal to the application and sample rows:
through syncs (new rows, a new version, a tombstone, a reset's sweep), pending reviews and their
discard, and the schema step that fills them for rows already cached. The merchant's queue
counts by state read them (an index range, no row's JSON) and equal counts done by hand.

The expected states are read from each row's JSON in Python, independently of the SQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from workbench.contract.sync import Change, Scope
from workbench.core.ids import uuid7
from workbench.store import merchant_pages as mp
from workbench.store import plan_edits, records, review_states, schema, steps, tables
from workbench.store.cache import Cache

ME = "merchant-1"
NOW = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def _application(app_id: str, status: str, version: int = 1) -> Change:
    data = {"id": app_id, "plan_id": "plan-1", "product_id": "p1", "creator_id": "c1",
            "merchant_id": ME, "status": status, "message": "", "reason": None,
            "plan_rate_ppm": 200_000, "created_at": _iso(NOW - timedelta(hours=len(app_id))),
            "decided_at": None, "version": version}  # fmt: skip
    return Change(entity="application", id=app_id, version=version, op="upsert", data=data)


def _sample(sample_id: str, status: str, due: datetime | None = None) -> Change:
    data = {"id": sample_id, "product_id": "p1", "creator_id": "c1", "merchant_id": ME,
            "status": status, "note": "", "reason": None, "cost_fen": 0, "tracking_no": None,
            "shipped_at": None, "content_due_at": _iso(due) if due else None,
            "content_url": None, "extended": False, "created_at": _iso(NOW), "version": 1}  # fmt: skip
    return Change(entity="sample", id=sample_id, version=1, op="upsert", data=data)


def _sync(cache: Cache, *changes: Change) -> None:
    steps.apply_changes(cache, Scope.ACCOUNT, list(changes), uuid7())


def _states(cache: Cache) -> list[tuple[Any, ...]]:
    return sorted(cache.conn.execute("SELECT entity, id, status, due_j FROM review_state"))


def _expected(cache: Cache) -> list[tuple[Any, ...]]:
    out = []
    for entity in review_states.ENTITIES:
        for row in cache.rows(entity):
            due = row.get("content_due_at")
            julian = None
            if due:  # days since noon UTC of 24 November 4714 BC (SQLite's julianday)
                moment = datetime.fromisoformat(due.replace("Z", "+00:00"))
                julian = (moment - datetime(2000, 1, 1, 12, tzinfo=UTC)) / timedelta(days=1)
                julian += 2_451_545.0
            out.append((entity, row["id"], row["status"], julian))
    return sorted(out)


def _by_hand(cache: Cache, entity: str, state: str) -> int:
    def late(row: dict[str, Any]) -> bool:
        due = row.get("content_due_at")
        return bool(due) and datetime.fromisoformat(due.replace("Z", "+00:00")) < NOW

    return sum(
        1
        for row in cache.rows(entity)
        if state == "all"
        or row["status"] == state
        or (state == "overdue" and row["status"] == "shipped" and late(row))
    )


def _counts_match(cache: Cache) -> None:
    for entity, states in mp.QUEUE_STATES.items():
        for state in states:
            found = mp.queue_count(cache, mp.QueueFilter(entity, state), now=NOW)
            assert found == _by_hand(cache, entity, state), (entity, state)
    assert mp.pending_counts(cache) == {
        "application": _by_hand(cache, "application", "pending"),
        "sample": _by_hand(cache, "sample", "requested") + _by_hand(cache, "sample", "approved"),
    }


def test_states_follow_the_rows_and_the_counts_equal_counts_by_hand(tmp_path: Path) -> None:
    with Cache.open(tmp_path / "cache.sqlite3", account_id=ME) as cache:
        _sync(
            cache,
            *(_application(f"a{n}", s) for n, s in enumerate(["pending"] * 4 + ["approved"] * 3)),
            _application("a-rej", "rejected"),
            _application("a-gone", "withdrawn"),
            _sample("s1", "requested"),
            _sample("s2", "approved"),
            _sample("s3", "shipped", due=NOW - timedelta(hours=1)),  # late: counts as overdue
            _sample("s4", "shipped", due=NOW + timedelta(days=3)),
            _sample("s5", "overdue", due=NOW - timedelta(days=2)),
            _sample("s6", "fulfilled", due=NOW - timedelta(days=9)),
        )
        assert len(_states(cache)) == 15 and _states(cache) == _expected(cache)
        _counts_match(cache)
        assert mp.queue_count(cache, mp.QueueFilter("sample", "overdue"), now=NOW) == 2

        _sync(cache, _application("a0", "approved", version=2),
              Change(entity="application", id="a-gone", version=2, op="delete"))  # fmt: skip
        assert _states(cache) == _expected(cache) and len(_states(cache)) == 14
        _counts_match(cache)

        assert plan_edits.review_applications(cache, ["a1", "a2"], True) == 2  # pending edits
        assert _states(cache) == _expected(cache)
        assert mp.queue_count(cache, mp.QueueFilter("application", "pending"), now=NOW) == 1
        _counts_match(cache)
        last = int(cache.conn.execute("SELECT max(local_id) FROM outbox").fetchone()[0])
        cache.discard(last)  # a2 waits again
        assert _states(cache) == _expected(cache)
        assert mp.queue_count(cache, mp.QueueFilter("application", "pending"), now=NOW) == 2

        with cache.write():  # a reset that sees only a0 and s1 again sweeps the others
            records.begin_reset(cache, Scope.ACCOUNT)
        _sync(cache, _application("a0", "approved", version=2), _sample("s1", "requested"))
        with cache.write():
            records.finish_reset(cache, Scope.ACCOUNT)
        assert _states(cache) == _expected(cache)
        assert [s[1] for s in _states(cache)] == ["a0", "s1"]  # a1's review has no row left
        _counts_match(cache)


def test_a_count_by_state_is_a_range_of_the_typed_index(tmp_path: Path) -> None:
    with Cache.open(tmp_path / "cache.sqlite3", account_id=ME) as cache:
        statements: list[str] = []
        cache.conn.set_trace_callback(statements.append)
        try:
            mp.queue_count(cache, mp.QueueFilter("application", "pending"), now=NOW)
        finally:
            cache.conn.set_trace_callback(None)
        plan = [str(r[3]) for r in cache.conn.execute(f"EXPLAIN QUERY PLAN {statements[-1]}")]
        assert plan == ["SEARCH r USING COVERING INDEX review_state_status (entity=? AND status=?)"]


def test_the_schema_step_fills_the_states_of_rows_already_cached(tmp_path: Path) -> None:
    step = schema.MIGRATIONS.index(schema._REVIEW_STATES)
    path = tmp_path / "old.sqlite3"
    with Cache.open(path, account_id=ME, schema=step) as old:  # the schema just before it
        _sync(old, _application("a1", "pending"), _sample("s1", "shipped", due=NOW))
        assert not tables.exists(old.conn, review_states.TABLE)
    with Cache.open(path, account_id=ME) as cache:
        assert len(_states(cache)) == 2 and _states(cache) == _expected(cache)
        _counts_match(cache)
