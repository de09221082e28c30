"""Logging in: the hash runs outside every lock, unknown logins cost the same, lockout, proxies.

Each test starts its own server on the module's seeded database (``server`` is requested for
the seeding), with the settings the test needs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import update

from workbench.server import login as login_module
from workbench.server import models as m
from workbench.server.config import ServerSettings
from workbench.server.db import CHANGE_LOG_LOCK
from workbench.server.embedded import EmbeddedServer
from workbench.server.login import Lockout, PasswordCheck
from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD
from workbench.server.types import utcnow

CREATOR = DEMO_LOGINS["creator"]


@contextmanager
def feed_lock(database_url: str) -> Iterator[Callable[[], bool]]:
    """Another connection that can try the change log's write lock: ``try_lock()`` says whether
    it got it (and lets it go again), without waiting."""
    if database_url.startswith("sqlite"):
        path = database_url.removeprefix("sqlite:///")
        conn = sqlite3.connect(path, timeout=0, check_same_thread=False)
        conn.isolation_level = None

        def try_sqlite() -> bool:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                return False
            conn.execute("ROLLBACK")
            return True

        try:
            yield try_sqlite
        finally:
            conn.close()
        return
    with psycopg.connect(_libpq(database_url), autocommit=True) as pg:

        def try_pg() -> bool:
            with pg.transaction():
                row = pg.execute("SELECT pg_try_advisory_xact_lock(%s)", (CHANGE_LOG_LOCK,))
                got = row.fetchone()
            return bool(got and got[0])

        yield try_pg


def _libpq(database_url: str) -> str:
    return database_url.replace("postgresql+psycopg://", "postgresql://")


class WatchedCheck(PasswordCheck):
    """Tries the feed's write lock from outside while each password hash runs."""

    def __init__(self, try_lock: Callable[[], bool]) -> None:
        super().__init__()
        self.try_lock = try_lock
        self.lock_free_while_hashing: list[bool] = []

    def verify(self, password: str, stored: str | None) -> bool:
        self.lock_free_while_hashing.append(self.try_lock())
        return super().verify(password, stored)


def _settings(database_url: str, **kw: Any) -> ServerSettings:
    base: dict[str, Any] = {"rate_limit_per_second": 10_000, "rate_limit_burst": 10_000}
    return ServerSettings(database_url=database_url, **{**base, **kw})


def _login(http: httpx.Client, name: str, password: str, **kw: Any) -> httpx.Response:
    return http.post("/v1/auth/login", json={"login": name, "password": password}, **kw)


def test_no_lock_is_held_while_the_password_hashes(
    server: EmbeddedServer, database_url: str
) -> None:
    with feed_lock(database_url) as try_lock:
        check = WatchedCheck(try_lock)
        with (
            EmbeddedServer(_settings(database_url), passwords=check) as srv,
            httpx.Client(base_url=srv.url, timeout=30) as http,
        ):
            assert _login(http, CREATOR, DEMO_PASSWORD).status_code == 200
            assert _login(http, CREATOR, "wrong").status_code == 401
            assert _login(http, "nobody_at_all", "wrong").status_code == 401
    assert check.lock_free_while_hashing == [True, True, True]


@contextmanager
def feed_lock_held(database_url: str) -> Iterator[None]:
    """Another connection holds the change log's write lock, as a long push would."""
    if database_url.startswith("sqlite"):
        conn = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0)
        conn.isolation_level = None
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        return
    with psycopg.connect(_libpq(database_url)) as holder:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (CHANGE_LOG_LOCK,))
        yield
        holder.rollback()


def test_login_and_reads_answer_while_a_writer_holds_the_feed_lock(
    server: EmbeddedServer, database_url: str, backend: str
) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        token = _login(http, CREATOR, DEMO_PASSWORD).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        with feed_lock_held(database_url):
            if backend == "postgres":  # SQLite's one write lock also guards the token rows
                assert _login(http, CREATOR, DEMO_PASSWORD).status_code == 200
            assert http.get("/v1/me", headers=headers).status_code == 200
            feed = http.get("/v1/sync/changes", params={"scope": "account"}, headers=headers)
            assert feed.status_code == 200
            products = http.get("/v1/products", params={"limit": 1}, headers=headers).json()
            thumb = http.get(
                f"/v1/products/{products['items'][0]['id']}/thumbnail", headers=headers
            )
            assert thumb.status_code == 200


def test_an_unknown_login_hashes_as_much_as_a_known_one(
    server: EmbeddedServer, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[str] = []
    real = login_module.verify_password

    def watched(password: str, stored: str) -> bool:
        hashed.append(stored)
        return real(password, stored)

    monkeypatch.setattr(login_module, "verify_password", watched)
    with (
        EmbeddedServer(_settings(database_url)) as srv,
        httpx.Client(base_url=srv.url, timeout=30) as http,
    ):
        assert _login(http, CREATOR, "wrong").status_code == 401
        assert _login(http, "no_such_login_anywhere", "wrong").status_code == 401
    known, unknown = hashed
    # the same scheme and cost (scrypt$n$r$p$...), another salt and digest
    assert known.split("$")[:4] == unknown.split("$")[:4]
    assert known != unknown


@pytest.mark.parametrize("name", [DEMO_LOGINS["merchant_b"], "never_existed_xyz"])
def test_repeated_failures_lock_the_login_with_a_stable_code(
    server: EmbeddedServer, database_url: str, name: str
) -> None:
    settings = _settings(database_url, login_lockout_after=3, login_lockout_seconds=60)
    with feed_lock(database_url) as try_lock:
        check = WatchedCheck(try_lock)
        with (
            EmbeddedServer(settings, passwords=check) as srv,
            httpx.Client(base_url=srv.url, timeout=30) as http,
        ):
            first = [_login(http, name, "guess").status_code for _ in range(2)]
            third = _login(http, name, "guess")
            hashes = len(check.lock_free_while_hashing)
            right = _login(http, name, DEMO_PASSWORD)  # even the right password, while locked
            assert len(check.lock_free_while_hashing) == hashes  # refused without hashing
            # The lock is the name's, not the address's: another login still works.
            assert _login(http, CREATOR, DEMO_PASSWORD).status_code == 200
    assert first == [401, 401]
    for answer in (third, right):
        assert answer.status_code == 403
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["code"] == "account_locked"
        assert 55 <= int(answer.headers["retry-after"]) <= 60
    _unlock(server, name)


def test_the_lock_doubles_with_each_further_failure_and_a_success_clears_it(
    server: EmbeddedServer, database_url: str
) -> None:
    name = DEMO_LOGINS["merchant"]
    settings = _settings(database_url, login_lockout_after=2, login_lockout_seconds=60)
    with (
        EmbeddedServer(settings) as srv,
        httpx.Client(base_url=srv.url, timeout=30) as http,
    ):
        assert _login(http, name, "guess").status_code == 401
        assert int(_login(http, name, "guess").headers["retry-after"]) == 60
        _expire_lock(server, name)
        assert int(_login(http, name, "guess").headers["retry-after"]) == 120
        _expire_lock(server, name)
        assert _login(http, name, DEMO_PASSWORD).status_code == 200
        assert _login(http, name, "guess").status_code == 401  # counting starts again
    _unlock(server, name)


def test_lockout_policy_backs_off_to_a_cap() -> None:
    policy = Lockout(after=5, first_seconds=30, max_seconds=900)
    assert [policy.seconds_for(n) for n in (1, 4, 5, 6, 7, 9, 10, 60)] == [
        0,
        0,
        30,
        60,
        120,
        480,
        900,
        900,
    ]
    assert Lockout(after=0, first_seconds=30, max_seconds=900).seconds_for(100) == 0


def _expire_lock(server: EmbeddedServer, name: str) -> None:
    """As if the lock's time had passed (the count of failures stays)."""
    with server.db.write(feed=False) as session:
        session.execute(
            update(m.LoginFailure)
            .where(m.LoginFailure.login == name)
            .values(locked_until=utcnow() - timedelta(seconds=1))
        )


def _unlock(server: EmbeddedServer, name: str) -> None:
    with server.db.write(feed=False) as session:
        login_module.clear_failures(session, name)


def _rotating_logins(http: httpx.Client, count: int) -> list[int]:
    """Unknown logins (a bucket each) from a client that claims a new address every time."""
    return [
        _login(http, f"guess_{i}", "x", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
        for i in range(count)
    ]


def test_x_forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy(
    server: EmbeddedServer, database_url: str
) -> None:
    tight = {"rate_limit_per_second": 0.01, "rate_limit_burst": 3}
    with (
        EmbeddedServer(_settings(database_url, **tight)) as srv,
        httpx.Client(base_url=srv.url, timeout=30) as http,
    ):
        direct = _rotating_logins(http, 5)
    with (
        EmbeddedServer(_settings(database_url, trusted_proxies=("127.0.0.1",), **tight)) as srv,
        httpx.Client(base_url=srv.url, timeout=30) as http,
    ):
        proxied = _rotating_logins(http, 5)
    assert direct == [401, 401, 401, 429, 429]  # one address, one bucket
    assert proxied == [401] * 5  # the proxy's word is taken: five addresses
