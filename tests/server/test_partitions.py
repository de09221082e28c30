"""Partitioned writers on PostgreSQL: batches of different accounts run side by side, and the
change log's lock is held from the log's INSERT to the commit (so seq follows commit order).

Observed, not timed: a third connection tries the lock while a writer is held at a point.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from tests.pg import private_database
from workbench.contract.sync import MutationBatch, MutationStatus
from workbench.core.enums import Role
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.auth import Caller
from workbench.server.changes import pending_entries
from workbench.server.db import CHANGE_LOG_LOCK, Database
from workbench.server.due import WORKFLOW
from workbench.server.migrate import upgrade
from workbench.server.mutations import partitions, process_batch
from workbench.server.types import utcnow

WAIT = 30  # seconds before a test gives up on a thread that should have got somewhere


@pytest.fixture(scope="module")
def pg() -> Iterator[tuple[Database, str]]:
    with private_database() as url:
        db = Database(url)
        upgrade(db.engine)
        yield db, url.replace("postgresql+psycopg://", "postgresql://")
        db.dispose()


def _feed_lock_free(libpq: str) -> bool:
    with psycopg.connect(libpq) as conn:
        row = conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (CHANGE_LOG_LOCK,)).fetchone()
        return bool(row and row[0])


def _entry(n: int) -> dict[str, Any]:
    return {
        "audience": "acct:test",
        "entity": "saved_filter",
        "entity_id": f"e{n}",
        "version": 1,
        "op": "delete",
        "data": None,
        "created_at": utcnow(),
    }


def test_other_partitions_run_meanwhile_and_the_log_lock_spans_insert_to_commit(
    pg: tuple[Database, str],
) -> None:
    db, libpq = pg
    inside, at_commit, go_on, other_done = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def first() -> None:
        with db.write(partitions=["acct:a"]) as session:
            seen["free while working"] = _feed_lock_free(libpq)
            inside.set()
            pending_entries(session).append(_entry(1))

            def held(_s: Any) -> None:
                at_commit.set()
                go_on.wait(WAIT)

            event.listen(session, "before_commit", held)

    def second() -> None:
        with db.write(partitions=["acct:b"]) as session:
            pending_entries(session).append(_entry(2))
        other_done.set()

    one = threading.Thread(target=first)
    one.start()
    assert at_commit.wait(WAIT)  # the first writer has INSERTed its entry and not committed
    seen["free at commit"] = _feed_lock_free(libpq)
    two = threading.Thread(target=second)
    two.start()
    go_on.set()
    one.join(WAIT)
    two.join(WAIT)
    assert other_done.is_set()
    assert seen == {"free while working": True, "free at commit": False}


def test_two_partitions_are_inside_their_units_of_work_at_once(pg: tuple[Database, str]) -> None:
    db, _libpq = pg
    a_in, b_in = threading.Event(), threading.Event()

    def writer(name: str, mine: threading.Event, other: threading.Event) -> None:
        with db.write(partitions=[name]):
            mine.set()
            assert other.wait(WAIT), f"{name} ran alone"

    threads = [
        threading.Thread(target=writer, args=("acct:a", a_in, b_in)),
        threading.Thread(target=writer, args=("acct:b", b_in, a_in)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
    assert a_in.is_set() and b_in.is_set()


def _batch(*types: str) -> MutationBatch:
    return MutationBatch.model_validate(
        {
            "device_id": "0190a5a3-c308-7cd7-bc0d-a8edf48b87f5",
            "mutations": [
                {"seq": i + 1, "id": uuid7(), "type": t, "entity_id": "x", "payload": {}}
                for i, t in enumerate(types)
            ],
        }
    )


def test_cross_account_types_share_the_workflow_partition() -> None:
    me = Caller(id="c1", role=Role.CREATOR, login="c")
    assert partitions(me, _batch("listing.create", "saved_filter.put")) == ["acct:c1"]
    assert partitions(me, _batch("listing.create", "application.create")) == ["acct:c1", WORKFLOW]
    assert partitions(me, _batch("account.upgrade")) == ["acct:c1", WORKFLOW]
    assert partitions(me, _batch("no.such_type")) == ["acct:c1", WORKFLOW]


def test_a_push_takes_the_log_lock_once_with_its_device_update_and_holds_it_to_commit(
    pg: tuple[Database, str],
) -> None:
    """A batch's change-log lock rides on its device's UPDATE (one round trip fewer): it is
    taken once, after the handlers and before the log's INSERT, and held to the commit."""
    db, libpq = pg
    with db.write(feed=False) as session:
        session.add(
            m.Account(
                id="lock-c", login="lock-c", display_name="c", role="creator",
                identity="finder", password_hash="x",
            )
        )  # fmt: skip
    me = Caller(id="lock-c", role=Role.CREATOR, login="lock-c")
    statements: list[str] = []
    seen: dict[str, bool] = {}

    def watch(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        statements.append(sql)

    def at_commit(_session: Any) -> None:
        seen["free at commit"] = _feed_lock_free(libpq)

    event.listen(db.engine, "before_cursor_execute", watch)
    event.listen(Session, "before_commit", at_commit)
    try:
        batch = MutationBatch.model_validate(
            {
                "device_id": uuid7(),
                "mutations": [
                    {"seq": n + 1, "id": uuid7(), "type": "saved_filter.put",
                     "entity_id": uuid7(), "payload": {"name": f"f{n}", "query": {}}}
                    for n in range(3)
                ],
            }
        )  # fmt: skip
        answer = process_batch(db, me, batch)
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
        event.remove(Session, "before_commit", at_commit)
    assert [r.status for r in answer.results] == [MutationStatus.APPLIED] * 3
    assert seen == {"free at commit": False}
    feed_locks = [n for n, sql in enumerate(statements) if "pg_advisory_xact_lock(" in sql
                  and "UPDATE device" not in sql and ", " not in sql.split("lock(")[1][:40]]  # fmt: skip
    locking = [n for n, sql in enumerate(statements) if "UPDATE device" in sql]
    log_insert = [n for n, sql in enumerate(statements) if "INSERT INTO change_log" in sql]
    assert (
        feed_locks == [] and len(locking) == 1 and "pg_advisory_xact_lock" in statements[locking[0]]
    )
    assert len(log_insert) == 1 and locking[0] < log_insert[0]
    assert _feed_lock_free(libpq)
