"""The typed plan terms (``plan_term``) stay equal to the visible plan rows: through syncs
(new plans, a new version, a tombstone, a reset's sweep), pending edits and their discard, the
schema step that fills them for plans already cached, and a cache that gets its owner late.

The expected terms are read from each plan's JSON in Python, independently of the SQL that
writes them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from workbench.contract.sync import Change, Scope
from workbench.core.ids import uuid7
from workbench.store import catalog, plan_terms, records, schema, steps, tables
from workbench.store.cache import Cache
from workbench.store.health_cuts import from_julian

ME = "creator-me"


def _plan(plan_id: str, pid: str, *, plan_type: str = "general", rate: int = 200_000,
          status: int = 1, creators: list[dict[str, Any]] | None = None,
          version: int = 1) -> Change:  # fmt: skip
    data = {"id": plan_id, "merchant_id": "m1", "product_id": pid, "plan_type": plan_type,
            "rate_ppm": rate, "begin_at": "2026-01-01T00:00:00Z",
            "end_at": f"2027-0{version}-15T08:30:00Z", "status": status,
            "creators": creators or [], "created_at": "2026-01-01T00:00:00Z",
            "version": version}  # fmt: skip
    return Change(entity="plan", id=plan_id, version=version, op="upsert", data=data)


def _expected(cache: Cache, me: str = ME) -> list[tuple[Any, ...]]:
    out = []
    for row in cache.rows("plan"):
        mine = None
        if row["plan_type"] != "general":
            mine = next((c for c in row["creators"] if c.get("creator_id") == me), None)
        stands = mine is not None and mine.get("status", 2) not in (3, 4, 5)
        my = mine["rate_ppm"] if stands and mine else None
        out.append((row["product_id"], row["id"], row["plan_type"], row["status"],
                    row["begin_at"], row["end_at"], row["rate_ppm"], my,
                    1 if mine is not None and not stands else None,
                    int(row["plan_type"] == "general" or my is not None),
                    min(2, len(catalog.rate_history(cache, "plan", row["id"])))))  # fmt: skip
    return sorted(out)


def _terms(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return sorted(
        (*row[:4], from_julian(row[4]), from_julian(row[5]), *row[6:])
        for row in conn.execute(
            "SELECT product_id, id, plan_type, status, begin_j, end_j, rate_ppm, my_rate_ppm, "
            "my_cancelled, earns, rates_seen FROM plan_term"
        )
    )


def _sync(cache: Cache, *changes: Change) -> None:
    steps.apply_changes(cache, Scope.ACCOUNT, list(changes), uuid7())


def test_terms_follow_the_plan_rows_through_syncs_and_edits(tmp_path: Path) -> None:
    with Cache.open(tmp_path / "cache.sqlite3", account_id=ME) as cache:
        me, other = {"creator_id": ME, "rate_ppm": 300_000}, {"creator_id": "x", "rate_ppm": 1}
        _sync(
            cache,
            _plan("g1", "p1"),
            _plan("t1", "p1", plan_type="targeted", creators=[other, me]),
            _plan("t2", "p2", plan_type="exclusive", creators=[{**me, "status": 5}]),
            _plan("t3", "p3", plan_type="targeted", creators=[other]),
            _plan("g2", "p2", creators=[me]),  # general: my entry does not count
        )
        assert len(_terms(cache.conn)) == 5 and _terms(cache.conn) == _expected(cache)
        assert ("p1", "t1") in [t[:2] for t in _terms(cache.conn) if t[7] == 300_000]
        assert {t[1]: t[8:10] for t in _terms(cache.conn)}["t2"] == (1, 0)  # cancelled: not mine

        _sync(cache, _plan("g1", "p9", rate=100_000, version=2),  # moved to another product
              Change(entity="plan", id="t3", version=2, op="delete"))  # fmt: skip
        assert _terms(cache.conn) == _expected(cache) and len(_expected(cache)) == 4
        assert {t[1]: t[10] for t in _terms(cache.conn)}["g1"] == 2  # its rate changed

        cache.enqueue("plan.update", "g2", {"rate_ppm": 400_000, "end_at": "2028-01-01T00:00:00Z"})
        cache.enqueue("plan.end", "t1", {})
        assert _terms(cache.conn) == _expected(cache)
        assert {t[1]: (t[3], t[5]) for t in _terms(cache.conn)}["g2"][1] == "2028-01-01T00:00:00Z"
        cache.discard(_last(cache))  # the plan.end: t1 runs again
        assert _terms(cache.conn) == _expected(cache)
        assert {t[1]: t[3] for t in _terms(cache.conn)}["t1"] == 1

        with cache.write():  # a reset that sees only g1 again sweeps the others
            records.begin_reset(cache, Scope.ACCOUNT)
        _sync(cache, _plan("g1", "p9", rate=100_000, version=2))
        with cache.write():
            records.finish_reset(cache, Scope.ACCOUNT)
        assert _terms(cache.conn) == _expected(cache)
        assert [t[1] for t in _terms(cache.conn)] == ["g1"]  # g2's pending edit has no row left


def _last(cache: Cache) -> int:
    return int(cache.conn.execute("SELECT max(local_id) FROM outbox").fetchone()[0])


def test_the_schema_step_fills_the_terms_of_plans_already_cached(tmp_path: Path) -> None:
    step = schema.MIGRATIONS.index(schema._PLAN_TERMS)
    path = tmp_path / "old.sqlite3"
    with Cache.open(path, account_id=ME, schema=step) as old:  # the schema just before it
        _sync(old, _plan("g1", "p1"), _plan("t1", "p1", plan_type="targeted",
                                            creators=[{"creator_id": ME, "rate_ppm": 5}]))  # fmt: skip
        assert not tables.exists(old.conn, plan_terms.TABLE)
    with Cache.open(path, account_id=ME) as cache:
        assert len(_terms(cache.conn)) == 2 and _terms(cache.conn) == _expected(cache)


def test_a_cache_that_gets_its_owner_late_has_my_terms(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with Cache.open(path) as anonymous:
        _sync(anonymous, _plan("t1", "p1", plan_type="targeted",
                               creators=[{"creator_id": ME, "rate_ppm": 7, "status": 1}]))  # fmt: skip
        assert _terms(anonymous.conn)[0][7:10] == (None, None, 0)
    with Cache.open(path, account_id=ME) as cache:
        assert _terms(cache.conn)[0][7:10] == (7, None, 1)
        assert _terms(cache.conn) == _expected(cache)
