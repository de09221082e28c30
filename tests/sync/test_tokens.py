"""Tokens during sync: refresh on expiry, a login that ends, and no token where it must not be.

- An access token that expired (in the server's database) is refreshed exactly once, the call
  is retried with the new token, and the sync completes.
- A refresh token revoked elsewhere (another client logged the same login out) stops the sync
  with ``AuthRequired`` and keeps every pending edit; after a new login they go out once.
- ``workbench sync`` with a stored login that was revoked says "login needed" and exits 2,
  keeping the edits (the CLI runs as a real subprocess with a stand-in keychain).
- No access or refresh token ever reaches the cache file (its bytes, every table, the WAL), the
  logs (DEBUG), or the CLI's output.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.sync.conftest import CREATOR
from tests.sync.helpers import (
    FAST_RETRY,
    WORKBENCH,
    Device,
    WireTransport,
    cli_env,
    listed_products,
    mutation_records,
    no_sleep,
)
from workbench.client.api import ApiClient
from workbench.client.errors import AuthRequired
from workbench.client.tokens import MemoryTokenStore
from workbench.client.urls import server_id
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.embedded import EmbeddedServer
from workbench.server.security import token_hash
from workbench.server.seed.seeder import DEMO_PASSWORD
from workbench.server.types import utcnow
from workbench.store.cache import Cache
from workbench.store.paths import cache_path

TOKENISH = re.compile(r"[A-Za-z0-9_\-]{40,}")  # secrets.token_urlsafe(32) is 43 characters


class RecordingTokens(MemoryTokenStore):
    """A memory token store that remembers every refresh token it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.history: list[str] = []

    def set(self, key: str, token: str) -> None:
        self.history.append(token)
        super().set(key, token)


def _expire(server: EmbeddedServer, access_token: str) -> None:
    with server.db.write() as s:
        s.execute(
            update(m.AuthToken)
            .where(m.AuthToken.token_hash == token_hash(access_token))
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )


def _log_out_elsewhere(server: EmbeddedServer, refresh_token: str) -> None:
    """Another client holding the same login logs out: the server revokes the whole login."""
    tokens = MemoryTokenStore()
    tokens.set("other", refresh_token)
    with ApiClient(server.url, tokens=tokens, token_key="other", sleep=no_sleep) as other:
        other.logout()


def _known_token_hashes(server: EmbeddedServer) -> set[str]:
    with server.db.read() as s:
        return set(s.scalars(select(m.AuthToken.token_hash)))


def _assert_no_token(text: str, secrets: set[str], known_hashes: set[str], where: str) -> None:
    for secret in secrets:
        assert secret not in text, f"a token is in {where}"
    for candidate in TOKENISH.findall(text):
        assert token_hash(candidate) not in known_hashes, f"a token is in {where}"


def test_expired_access_token_is_refreshed_once_and_the_call_retried(
    server: EmbeddedServer, tmp_path: Path, creator_id: str
) -> None:
    wire = WireTransport()
    tokens = RecordingTokens()
    api = ApiClient(
        server.url, tokens=tokens, token_key="k", retry=FAST_RETRY, sleep=no_sleep, transport=wire
    )
    api.login(CREATOR, DEMO_PASSWORD)
    dev = Device("a", tmp_path / "a.sqlite3", creator_id, api)
    try:
        dev.sync()
        dev.edit("favourite.add", listed_products(server.db, 1, skip=300)[0])
        expired = api._access
        assert expired is not None
        _expire(server, expired)
        wire.calls.clear()

        summary = dev.sync()

        assert summary.applied == 1 and dev.cache.pending_count() == 0
        refreshes = [c for c in wire.calls if c[1] == "/v1/auth/refresh"]
        assert len(refreshes) == 1, wire.calls
        first, refresh, retried = wire.calls[:3]
        assert first[:3] == ("POST", "/v1/sync/mutations", "401") and first[3] == expired
        assert refresh[:3] == ("POST", "/v1/auth/refresh", "200")
        assert retried[:3] == ("POST", "/v1/sync/mutations", "200")
        assert retried[3] not in (None, expired)
        # Every later call of the sync used the new token, and the refresh token rotated.
        assert {c[3] for c in wire.calls[2:]} == {retried[3]}
        assert len(tokens.history) == 2 and tokens.get("k") == tokens.history[-1]
    finally:
        dev.close()


def test_revoked_login_stops_sync_and_keeps_the_edits(
    server: EmbeddedServer, tmp_path: Path, creator_id: str
) -> None:
    api = ApiClient(server.url, tokens=MemoryTokenStore(), token_key="k", sleep=no_sleep)
    api.login(CREATOR, DEMO_PASSWORD)
    dev = Device("a", tmp_path / "a.sqlite3", creator_id, api)
    try:
        dev.sync()
        listing = dev.cache.rows("listing")[0]
        dev.edit("listing.patch", listing["id"], {"custom_title": "登录失效前的修改"})
        dev.edit("favourite.add", listed_products(server.db, 1, skip=301)[0])
        outbox = dev.cache.conn.execute("SELECT * FROM outbox ORDER BY local_id").fetchall()
        shown = dev.cache.rows("listing")
        refresh = api._tokens.get("k")
        assert refresh is not None
        _log_out_elsewhere(server, refresh)

        with pytest.raises(AuthRequired):
            dev.sync()

        # The edits wait, exactly as they were (only their sequence numbers may be given).
        kept = dev.cache.conn.execute("SELECT * FROM outbox ORDER BY local_id").fetchall()
        assert [r[2:] for r in kept] == [r[2:] for r in outbox]
        assert dev.cache.rows("listing") == shown
        assert mutation_records(server.db, dev.device_id) == {}
        assert api._tokens.get("k") is None and not api.logged_in  # the login is forgotten

        api.login(CREATOR, DEMO_PASSWORD)
        dev.sync()
        assert dev.cache.pending_count() == 0
        landed = mutation_records(server.db, dev.device_id)
        assert sorted(landed) == sorted(dev.edits)
        assert all(len(r) == 1 and r[0]["status"] == "applied" for r in landed.values())
    finally:
        dev.close()


def test_cli_with_a_revoked_login_says_login_needed_and_keeps_the_edits(
    server: EmbeddedServer, tmp_path: Path, creator_id: str
) -> None:
    keychain = tmp_path / "keychain.json"
    command = [str(WORKBENCH), "-v", "sync", "--server", server.url, "--account", CREATOR]
    first = subprocess.run(
        command,
        env=cli_env(keychain, password=DEMO_PASSWORD),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert first.returncode == 0, first.stderr
    stored = json.loads(keychain.read_text())
    assert len(stored) == 1  # the login went to the (stand-in) keychain
    refresh = next(iter(stored.values()))

    path = cache_path(server_id(server.url), CREATOR)
    with Cache.open(path, account_id=creator_id) as cache:
        cache.enqueue("favourite.add", listed_products(server.db, 1, skip=302)[0])
        query = {"price_max_fen": 9900}
        cache.enqueue("saved_filter.put", uuid7(), {"name": "离线筛选", "query": query})
        pending = cache.conn.execute("SELECT mutation_id FROM outbox").fetchall()
    with server.db.write() as s:  # the login is revoked on the server
        s.execute(
            update(m.AuthToken)
            .where(m.AuthToken.token_hash == token_hash(refresh))
            .values(revoked=True)
        )

    second = subprocess.run(
        command, env=cli_env(keychain), capture_output=True, text=True, timeout=60
    )

    assert second.returncode == 2, (second.stdout, second.stderr)
    assert "login needed" in second.stderr
    assert json.loads(keychain.read_text()) == {}  # the dead login is forgotten
    with Cache.open(path, account_id=creator_id) as cache:
        assert cache.conn.execute("SELECT mutation_id FROM outbox").fetchall() == pending
    hashes = _known_token_hashes(server)
    for run in (first, second):
        for name, text in (("stdout", run.stdout), ("stderr", run.stderr)):
            _assert_no_token(text, {refresh}, hashes, f"the CLI's {name}")


def test_no_token_in_the_cache_file_its_wal_or_the_logs(
    server: EmbeddedServer, tmp_path: Path, creator_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wire = WireTransport()
    tokens = RecordingTokens()
    api = ApiClient(
        server.url, tokens=tokens, token_key="k", retry=FAST_RETRY, sleep=no_sleep, transport=wire
    )
    path = tmp_path / "a.sqlite3"
    api.login(CREATOR, DEMO_PASSWORD)
    dev = Device("a", path, creator_id, api)
    try:
        dev.sync()
        products = listed_products(server.db, 2, skip=303)
        dev.edit("favourite.add", products[0])
        assert api._access is not None
        _expire(server, api._access)
        dev.sync()  # refreshes
        dev.edit("favourite.add", products[1])
        refresh = tokens.get("k")
        assert refresh is not None
        _log_out_elsewhere(server, refresh)
        with pytest.raises(AuthRequired):
            dev.sync()

        secrets = set(tokens.history) | {c[3] for c in wire.calls if c[3]}
        assert len(secrets) >= 4  # two access tokens and two refresh tokens at least
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the WAL really is checked
        for file in (path, wal, path.with_name(path.name + "-shm")):
            data = file.read_bytes()
            for secret in secrets | {DEMO_PASSWORD}:
                assert secret.encode() not in data, f"a secret is in {file.name}"
        conn = dev.cache.conn
        # Every ordinary table; virtual (FTS) tables are skipped, but their shadow tables, which
        # hold everything they store, are ordinary tables and are read here.
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        assert {"meta", "outbox", "record", "sync_state"} <= set(tables)
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                text = " ".join(str(v) for v in row)
                assert not any(secret in text for secret in secrets), f"a token is in {table}"
    finally:
        dev.close()
    data = path.read_bytes()  # after the checkpoint at close
    assert not any(secret.encode() in data for secret in secrets)

    logged = caplog.text + "\n".join(
        f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records
    )
    assert "refreshing the access token" in logged  # the DEBUG logs were really captured
    _assert_no_token(logged, secrets, _known_token_hashes(server), "the logs")
