"""Partitioned writers on PostgreSQL: batches of different accounts run side by side, and commit
side by side too; the change log's lock (shared by them, exclusive for writers that run alone)
is held from the log's INSERT to the commit, and no reader passes an entry still to commit.

Observed, not timed: a third connection tries the lock while a writer is held at a point.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import orjson
import psycopg
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from tests.pg import private_database
from workbench.contract.sync import MutationBatch, MutationStatus, Scope
from workbench.core.enums import Role
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.auth import Caller, issue_pair
from workbench.server.changes import current_seq, pending_entries
from workbench.server.config import ServerSettings
from workbench.server.db import CHANGE_LOG_LOCK, PARTITION_LOCKS, Database
from workbench.server.deps import Bearer, ServerState
from workbench.server.due import WORKFLOW
from workbench.server.feed import page_json
from workbench.server.limits import RateLimiter
from workbench.server.login import PasswordCheck
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


def _entry(n: int, audience: str = "acct:test") -> dict[str, Any]:
    return {
        "audience": audience,
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


def _page(db: Database, after: int) -> list[str]:
    """The ids of the entries of ``acct:late``/``acct:early`` a reader gets after ``after``."""
    with db.connect() as conn:
        body = page_json(db, conn, Scope.ACCOUNT, ["acct:late", "acct:early"], after, 100)
    return [entry["id"] for entry in orjson.loads(body)["changes"]]


def test_writers_commit_side_by_side_and_no_reader_passes_one_still_to_commit(
    pg: tuple[Database, str],
) -> None:
    """A partitioned writer held after its log INSERT, before its commit, neither stops
    another partition's writer from committing, nor lets a reader (a page, a snapshot's
    cursor) pass its own entry to see the other's later one: the reader would never see it."""
    db, _libpq = pg
    with db.read() as session:
        start = current_seq(session)
    at_commit, go_on, done = (threading.Event() for _ in range(3))

    def first() -> None:
        with db.write(partitions=["acct:a"]) as session:
            pending_entries(session).append({**_entry(1, "acct:late"), "entity_id": "late"})

            def held(_s: Any) -> None:
                at_commit.set()
                go_on.wait(WAIT)

            event.listen(session, "before_commit", held)

    def second() -> None:
        with db.write(partitions=["acct:b"]) as session:
            pending_entries(session).append({**_entry(2, "acct:early"), "entity_id": "early"})
        done.set()

    one = threading.Thread(target=first)
    one.start()
    try:
        assert at_commit.wait(WAIT)  # "late" is in the log, uncommitted
        two = threading.Thread(target=second)
        two.start()
        assert done.wait(WAIT), "the second writer waited for the first one's commit"
        two.join(WAIT)
        with db.read() as session:
            assert session.scalar(select(func.count()).where(m.ChangeLog.entity_id == "early"))
            snapshot_from = current_seq(session, db.feed_bound(session))
        assert _page(db, start) == []  # "early" committed, but after "late" in seq
        assert snapshot_from == start
    finally:
        go_on.set()
        one.join(WAIT)
    assert _page(db, start) == ["late", "early"]
    with db.read() as session:
        assert current_seq(session, db.feed_bound(session)) > start


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


def _lock_free(libpq: str, name: str) -> bool:
    with psycopg.connect(libpq) as conn:
        row = conn.execute(
            "SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))", (PARTITION_LOCKS, name)
        ).fetchone()
        return bool(row and row[0])


def test_a_push_takes_its_locks_with_its_token_check_and_its_device_update(
    pg: tuple[Database, str],
) -> None:
    """A batch's account lock rides on its token's check, and its change-log lock, its marker
    and its log entries on its device's UPDATE: each taken once, the log's after the handlers,
    both held to the commit; a refresh token takes none. Whether the new filters exist is asked
    with the device: two SELECTs in all, five statements for a new device's batch."""
    db, libpq = pg
    settings = ServerSettings(database_url="unused")
    with db.write(feed=False) as session:
        account = m.Account(
            id="lock-c", login="lock-c", display_name="c", role="creator",
            identity="finder", password_hash="x",
        )  # fmt: skip
        session.add(account)
        session.flush()
        access, refresh = issue_pair(session, account, settings)
    state = ServerState(
        settings=settings,
        db=db,
        limiter=RateLimiter(1000, 1000),
        image_limiter=RateLimiter(1000, 1000),
        passwords=PasswordCheck(),
    )
    statements: list[str] = []
    seen: dict[str, bool] = {}

    def watch(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        statements.append(sql)

    def at_commit(_session: Any) -> None:
        seen["log free at commit"] = _feed_lock_free(libpq)
        seen["account free at commit"] = _lock_free(libpq, "acct:lock-c")

    def batch() -> MutationBatch:
        return MutationBatch.model_validate(
            {
                "device_id": "0190a5a3-c308-7cd7-bc0d-a8edf48b87f6",
                "mutations": [
                    {"seq": n + 1, "id": uuid7(), "type": "saved_filter.put",
                     "entity_id": uuid7(), "payload": {"name": f"f{n}", "query": {"text": f"q{n}"}}}
                    for n in range(3)
                ],
            }
        )  # fmt: skip

    event.listen(db.engine, "before_cursor_execute", watch)
    event.listen(Session, "before_commit", at_commit)
    try:
        with pytest.raises(DomainError) as refused:
            process_batch(db, Bearer(token=refresh, wb=state), batch())
        assert refused.value.code is ErrorCode.UNAUTHENTICATED and not seen
        statements.clear()
        sent = batch()
        answer = process_batch(db, Bearer(token=access, wb=state), sent)
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
        event.remove(Session, "before_commit", at_commit)
    assert [r.status for r in answer.results] == [MutationStatus.APPLIED] * 3
    assert seen == {"log free at commit": False, "account free at commit": False}
    locks = [n for n, sql in enumerate(statements) if "pg_advisory_xact_lock" in sql]
    token = [n for n, sql in enumerate(statements) if "FROM auth_token" in sql]
    device = [n for n, sql in enumerate(statements) if "UPDATE device" in sql]
    log_insert = [n for n, sql in enumerate(statements) if "INSERT INTO change_log" in sql]
    assert locks == token + device and len(token) == len(device) == 1
    assert log_insert == device  # one statement: the UPDATE, then the entries (their SQL)
    assert len([sql for sql in statements if sql.lstrip().startswith("SELECT")]) == 2
    assert len(statements) == 5  # and the new device's INSERT, the filters' and records' one
    assert _feed_lock_free(libpq) and _lock_free(libpq, "acct:lock-c")
    # The filters and the stored results went in one statement, and read back as sent.
    both = [sql for sql in statements if "INSERT INTO saved_filter" in sql]
    assert len(both) == 1 and "INSERT INTO mutation_record" in both[0]
    again = process_batch(db, Bearer(token=access, wb=state), sent)
    assert again == answer  # replayed from the stored results
    with db.read() as session:
        stored = session.get(m.SavedFilter, sent.mutations[2].entity_id)
        assert stored is not None and (stored.name, stored.query) == ("f2", {"text": "q2"})
