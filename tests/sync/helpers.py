"""Shared pieces of the sync tests: devices, edits, crash hooks, and the convergence check.

A :class:`Device` is one install of the app: a real SQLite cache file, a real ``ApiClient``
talking HTTP to the test server, and the list of every edit it committed (its mutation ids), so
that a test can prove afterwards that each edit landed exactly once and none was dropped.

:func:`divergences` states the invariants of a quiescent system (research/sync.md §3.2) and
returns what is wrong as text: outboxes empty; every committed edit processed by the server
exactly once; every conflict or rejection the server answered recorded on the device that made
the edit (and none invented); visible rows of every device equal to the server's rows; and
every new version of the account's own rows made by exactly one recorded mutation (a resent
mutation applied a second time leaves a version no stored result accounts for).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from workbench.client.api import ApiClient
from workbench.client.backoff import Retry
from workbench.client.tokens import MemoryTokenStore
from workbench.core.enums import ChannelKind, CreatorIdentity, Role
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.changes import record_upsert
from workbench.server.db import Database
from workbench.server.security import hash_password
from workbench.server.seed.seeder import DEMO_PASSWORD
from workbench.server.serialize import to_wire
from workbench.store.cache import Cache
from workbench.sync.engine import SyncEngine
from workbench.sync.progress import SyncSummary

BOGUS_PRODUCT = "9999999999999"
"""A product id the server does not know: a listing or favourite on it is rejected."""

ENTITIES = ("channel", "listing", "favourite", "saved_filter")
"""The creator's own rows compared between devices and server."""

FAULTS_OFF = {"error_rate": 0.0, "drop_rate": 0.0, "latency_ms": 0}

FAST_RETRY = Retry(max_attempts=6, base=0.01, cap=0.05, max_retry_after=0.05)


def no_sleep(_seconds: float) -> None:
    """Retries wait for nothing: the test is about outcomes, not timing."""


class Crash(Exception):
    """A simulated kill at a named fault point (the open transaction rolls back)."""


class Diverged(AssertionError):
    """A sync invariant does not hold (what the property test must find for a planted bug)."""


def crash_at(point: str, nth: int = 1) -> Callable[[str], None]:
    """A ``Cache.fault`` hook that "kills" the process at the ``nth`` hit of ``point``."""
    hits = 0

    def hook(name: str) -> None:
        nonlocal hits
        if name == point:
            hits += 1
            if hits == nth:
                raise Crash(f"{point} #{nth}")

    return hook


def set_faults(url: str, **values: float) -> None:
    """Set the server's fault injection (see workbench.server.faults)."""
    response = httpx.put(f"{url}/v1/_faults", json={**FAULTS_OFF, **values}, timeout=10)
    assert response.status_code == 200, response.text


def make_api(
    url: str,
    login: str,
    *,
    transport: httpx.BaseTransport | None = None,
    retry: Retry = FAST_RETRY,
) -> ApiClient:
    """A logged-in client whose retries do not sleep."""
    api = ApiClient(
        url,
        tokens=MemoryTokenStore(),
        token_key=f"test/{login}",
        retry=retry,
        sleep=no_sleep,
        transport=transport,
    )
    try:
        api.login(login, DEMO_PASSWORD)
    except BaseException:
        api.close()
        raise
    return api


class WireTransport(httpx.HTTPTransport):
    """The real HTTP transport, recording what crossed the wire; optionally sending it twice.

    ``calls`` lists (method, path, status or "dropped", bearer token sent) per exchange. With
    ``duplicate`` every request goes out twice, one after the other, and the client gets the
    second answer: a real duplicate delivery the server has to absorb.
    """

    def __init__(self, *, duplicate: bool = False) -> None:
        super().__init__()
        self.duplicate = duplicate
        self.calls: list[tuple[str, str, str, str | None]] = []

    @property
    def sent(self) -> Counter[str]:
        return Counter(path for _method, path, _status, _token in self.calls)

    @property
    def seen(self) -> Counter[str]:
        return Counter(status for _method, _path, status, _token in self.calls)

    def _exchange(self, request: httpx.Request) -> httpx.Response:
        auth = request.headers.get("authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None
        try:
            response = super().handle_request(request)
            try:
                response.read()  # a body cut off mid-way raises here
            finally:
                response.close()
        except httpx.TransportError:
            self.calls.append((request.method, request.url.path, "dropped", token))
            raise
        self.calls.append((request.method, request.url.path, str(response.status_code), token))
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.duplicate:
            # If the copy's answer is lost, the second request still goes out.
            with contextlib.suppress(httpx.TransportError):
                self._exchange(request)
        return self._exchange(request)


REPO = Path(__file__).resolve().parents[2]
WORKBENCH = Path(sys.executable).parent / "workbench"
"""The installed ``workbench`` command of this virtualenv."""


def cli_env(keychain: Path | None = None, password: str | None = None) -> dict[str, str]:
    """Environment for a ``workbench`` subprocess (WORKBENCH_HOME comes from the test's own).

    With ``keychain``, the stand-in keychain of ``tests.sync.fake_keychain`` keeps the refresh
    token in that file; without, keyring gets a failing backend (memory only, never the real
    keychain of the machine running the tests).
    """
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_PASSWORD"}
    env["PYTHONPATH"] = str(REPO)
    if keychain is not None:
        env["PYTHON_KEYRING_BACKEND"] = "tests.sync.fake_keychain.FileKeychain"
        env["WORKBENCH_TEST_KEYCHAIN"] = str(keychain)
    else:
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    if password is not None:
        env["WORKBENCH_PASSWORD"] = password
    return env


def enqueue(
    cache: Cache,
    mutation_type: str,
    entity_id: str,
    payload: dict[str, Any] | None = None,
    base_version: int | None = None,
) -> str:
    """``cache.enqueue`` that returns the new edit's mutation id."""
    cache.enqueue(mutation_type, entity_id, payload, base_version)
    row = cache.conn.execute("SELECT mutation_id FROM outbox ORDER BY local_id DESC LIMIT 1")
    return str(row.fetchone()[0])


@dataclass
class Device:
    """One install of the app for one account: cache file, API client, committed edits."""

    name: str
    path: Path
    account_id: str
    api: ApiClient | None  # None: the cache of a CLI subprocess, edited from the test
    cache: Cache = field(init=False)
    edits: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cache = Cache.open(self.path, account_id=self.account_id)

    @property
    def device_id(self) -> str:
        return self.cache.device_id

    def edit(
        self,
        mutation_type: str,
        entity_id: str,
        payload: dict[str, Any] | None = None,
        base_version: int | None = None,
    ) -> str:
        mutation_id = enqueue(self.cache, mutation_type, entity_id, payload, base_version)
        self.edits.append(mutation_id)
        return mutation_id

    def sync(self) -> SyncSummary:
        assert self.api is not None
        return SyncEngine(self.cache, self.api).run()

    def restart(self) -> None:
        """Close and reopen the cache, as a new process would after a kill."""
        self.cache.close()
        self.cache = Cache.open(self.path, account_id=self.account_id)

    def close(self) -> None:
        self.cache.close()
        if self.api is not None:
            self.api.close()


class Editor:
    """Makes random but valid-looking offline edits on a device, remembering creations."""

    def __init__(self, rng: random.Random, products: list[str]) -> None:
        self.rng = rng
        self.products = products
        self.created: list[str] = []

    def edits(self, dev: Device, count: int) -> None:
        kinds: list[Callable[[Device], None]] = [
            self.create_listing,
            self.create_listing,
            self.patch_listing,
            self.patch_listing,
            self.delete_listing,
            self.favourite,
            self.favourite,
            self.saved_filter,
            self.rejected,
        ]
        for _ in range(count):
            self.rng.choice(kinds)(dev)

    def create_listing(self, dev: Device) -> None:
        channel = self.rng.choice(dev.cache.rows("channel"))["id"]
        listing_id = uuid7()
        product = self.rng.choice(self.products)
        dev.edit("listing.create", listing_id, {"channel_id": channel, "product_id": product})
        self.created.append(listing_id)

    def patch_listing(self, dev: Device) -> None:
        rows = dev.cache.rows("listing")
        if not rows:
            return
        row = self.rng.choice(rows)
        payload = self.rng.choice(
            [
                {"custom_title": self.rng.choice(["限时特惠", "主播推荐", "新品首发"])},
                {"position": self.rng.randrange(0, 5)},
                {"pinned": self.rng.random() < 0.5, "hidden": self.rng.random() < 0.2},
            ]
        )
        dev.edit("listing.patch", row["id"], payload)

    def delete_listing(self, dev: Device) -> None:
        rows = dev.cache.rows("listing")
        if rows:
            dev.edit("listing.delete", self.rng.choice(rows)["id"])

    def favourite(self, dev: Device) -> None:
        rows = dev.cache.rows("favourite")
        if rows and self.rng.random() < 0.4:
            dev.edit("favourite.remove", self.rng.choice(rows)["id"])
        else:
            dev.edit("favourite.add", self.rng.choice(self.products))

    def saved_filter(self, dev: Device) -> None:
        rows = dev.cache.rows("saved_filter")
        name = self.rng.choice(["高佣美妆", "低价爆款", "食品日用"])
        query = {"commission_min_ppm": self.rng.choice([100_000, 200_000])}
        roll = self.rng.random()
        if rows and roll < 0.3:
            dev.edit(
                "saved_filter.put", self.rng.choice(rows)["id"], {"name": name, "query": query}
            )
        elif rows and roll < 0.45:
            dev.edit("saved_filter.delete", self.rng.choice(rows)["id"])
        else:
            dev.edit("saved_filter.put", uuid7(), {"name": name, "query": query})

    def rejected(self, dev: Device) -> None:
        if self.rng.random() < 0.5:
            channel = self.rng.choice(dev.cache.rows("channel"))["id"]
            dev.edit(
                "listing.create", uuid7(), {"channel_id": channel, "product_id": BOGUS_PRODUCT}
            )
        else:
            dev.edit("favourite.add", BOGUS_PRODUCT)


def sync_until_quiet(devices: Iterable[Device], max_rounds: int = 6) -> bool:
    """Sync every device in turn until a whole round pushes and pulls nothing."""
    devices = list(devices)
    for _ in range(max_rounds):
        quiet = True
        for device in devices:
            summary = device.sync()
            if (
                summary.pushed
                or summary.snapshot_rows
                or any(summary.pulled.values())
                or device.cache.pending_count()
            ):
                quiet = False
        if quiet:
            return True
    return False


# --- server side -----------------------------------------------------------------------------
def account_id_of(db: Database, login: str) -> str:
    with db.read() as s:
        found = s.scalar(select(m.Account.id).where(m.Account.login == login))
    assert found is not None, login
    return str(found)


def listed_products(db: Database, count: int, *, skip: int = 0) -> list[str]:
    """``count`` ids of products a creator may list, in a stable order."""
    with db.read() as s:
        ids = s.scalars(
            select(m.Product.id)
            .where(m.Product.status == "listed")
            .order_by(m.Product.id)
            .offset(skip)
            .limit(count)
        ).all()
    assert len(ids) == count
    return [str(i) for i in ids]


_fast_hash: list[str] = []


def new_creator(db: Database, channels: int = 2) -> tuple[str, str, list[str]]:
    """A fresh creator account with ``channels`` channels: (login, account id, channel ids).

    Written straight into the server database (with its change-log entries, as the seeder
    does), with a cheap password hash so that logging in costs no scrypt time.
    """
    if not _fast_hash:
        _fast_hash.append(hash_password(DEMO_PASSWORD, n=2**4))
    account_id = uuid7()
    login = f"sync_{account_id[-12:]}"
    channel_ids: list[str] = []
    with db.write() as s:
        account = m.Account(
            id=account_id,
            login=login,
            display_name="同步测试",
            role=Role.CREATOR.value,
            identity=CreatorIdentity.TALENT.value,
            password_hash=_fast_hash[0],
            version=1,
        )
        s.add(account)
        record_upsert(s, account)
        kinds = [ChannelKind.SHOWCASE, ChannelKind.LIVE, ChannelKind.SHORT_VIDEO]
        for n in range(channels):
            channel = m.Channel(
                id=uuid7(),
                creator_id=account_id,
                kind=kinds[n % len(kinds)].value,
                name=f"测试渠道{n + 1}",
                version=1,
            )
            s.add(channel)
            record_upsert(s, channel)
            channel_ids.append(channel.id)
    return login, account_id, channel_ids


def server_rows(db: Database, account_id: str) -> dict[str, dict[str, dict[str, Any]]]:
    """The creator's live rows on the server, as the wire (and the cache) shows them."""
    with db.read() as s:
        queries = {
            "channel": select(m.Channel).where(
                m.Channel.creator_id == account_id, m.Channel.deleted.is_(False)
            ),
            "listing": select(m.Listing).where(
                m.Listing.creator_id == account_id, m.Listing.deleted.is_(False)
            ),
            "favourite": select(m.Favourite).where(
                m.Favourite.creator_id == account_id, m.Favourite.deleted.is_(False)
            ),
            "saved_filter": select(m.SavedFilter).where(
                m.SavedFilter.owner_id == account_id, m.SavedFilter.deleted.is_(False)
            ),
        }
        found: dict[str, dict[str, dict[str, Any]]] = {}
        for entity, query in queries.items():
            rows = [to_wire(r) for r in s.scalars(query)]
            # Through JSON, as the feed carries them.
            found[entity] = {str(r["id"]): json.loads(json.dumps(r)) for r in rows}
    return found


def device_rows(cache: Cache) -> dict[str, dict[str, dict[str, Any]]]:
    """What the user of ``cache`` sees of the same entities."""
    return {entity: {str(r["id"]): r for r in cache.rows(entity)} for entity in ENTITIES}


def mutation_records(db: Database, device_id: str) -> dict[str, list[dict[str, Any]]]:
    """The server's stored results of one device's mutations, by mutation id."""
    with db.read() as s:
        rows = s.execute(
            select(m.MutationRecord.mutation_id, m.MutationRecord.result).where(
                m.MutationRecord.device_id == device_id
            )
        ).all()
    found: dict[str, list[dict[str, Any]]] = {}
    for mutation_id, result in rows:
        found.setdefault(str(mutation_id), []).append(dict(result))
    return found


def duplicate_listings(db: Database, account_id: str) -> list[tuple[str, str, int]]:
    """(channel, product, count) where one product is listed more than once on a channel."""
    with db.read() as s:
        rows = s.execute(
            select(m.Listing.channel_id, m.Listing.product_id, func.count())
            .where(m.Listing.creator_id == account_id, m.Listing.deleted.is_(False))
            .group_by(m.Listing.channel_id, m.Listing.product_id)
            .having(func.count() > 1)
        ).all()
    return [(str(c), str(p), int(n)) for c, p, n in rows]


def creations_not_once(db: Database, listing_ids: Iterable[str]) -> list[str]:
    """Listings (created by these ids) whose creation was logged other than exactly once.

    A listing the server has (live or deleted) was created once; one it never had, never.
    """
    with db.read() as s:
        have = set(s.scalars(select(m.Listing.id).where(m.Listing.id.in_(list(listing_ids)))))
    return [
        f"listing {i} created {n} time(s)"
        for i in listing_ids
        if (n := creations_logged(db, "listing", i)) != (1 if i in have else 0)
    ]


def creations_logged(db: Database, entity: str, entity_id: str) -> int:
    """How many times the row's first version went to the change log (2+: created twice)."""
    with db.read() as s:
        return int(
            s.scalar(
                select(func.count()).where(
                    m.ChangeLog.entity == entity,
                    m.ChangeLog.entity_id == entity_id,
                    m.ChangeLog.version == 1,
                    m.ChangeLog.op == "upsert",
                )
            )
            or 0
        )


# --- the invariants ----------------------------------------------------------------------------
def _row_diff(name: str, entity: str, mine: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    found = []
    only_mine = sorted(set(mine) - set(theirs))
    only_theirs = sorted(set(theirs) - set(mine))
    differ = sorted(i for i in set(mine) & set(theirs) if mine[i] != theirs[i])
    if only_mine:
        found.append(f"{name}: {entity} rows the server does not have: {only_mine[:3]}")
    if only_theirs:
        found.append(f"{name}: {entity} rows missing on the device: {only_theirs[:3]}")
    for row_id in differ[:3]:
        found.append(f"{name}: {entity} {row_id} differs: {mine[row_id]} != {theirs[row_id]}")
    return found


def log_seq(db: Database) -> int:
    """The newest change-log seq (to check only what happens after it)."""
    with db.read() as s:
        return int(s.scalar(select(func.coalesce(func.max(m.ChangeLog.seq), 0))) or 0)


OWN_ROWS = ("listing", "favourite", "saved_filter")


def unexplained_changes(
    db: Database, account_id: str, device_ids: Iterable[str], after_seq: int
) -> list[str]:
    """Changes of the account's own rows that no single recorded mutation result accounts for.

    Every new version of a listing, favourite or saved filter is made by exactly one mutation,
    whose stored result carries that version. A version logged twice, or one that no stored
    result claims, means a mutation took effect twice (a resend applied again).
    """
    claimed: set[tuple[str, str, int]] = set()
    for device_id in device_ids:
        for results in mutation_records(db, device_id).values():
            for result in results:
                for change in result.get("changes") or []:
                    claimed.add((change["entity"], change["id"], int(change["version"])))
    with db.read() as s:
        logged = s.execute(
            select(m.ChangeLog.entity, m.ChangeLog.entity_id, m.ChangeLog.version).where(
                m.ChangeLog.audience == f"acct:{account_id}",
                m.ChangeLog.entity.in_(OWN_ROWS),
                m.ChangeLog.seq > after_seq,
            )
        ).all()
    counts = Counter((str(e), str(i), int(v)) for e, i, v in logged)
    found = [f"{key} was logged {n} times" for key, n in counts.items() if n > 1]
    found += [f"{key} was made by no recorded mutation" for key in counts if key not in claimed]
    return found[:5]


def divergences(
    db: Database,
    account_id: str,
    devices: Iterable[Device],
    *,
    after_seq: int | None = None,
    others: Iterable[str] = (),
) -> list[str]:
    """Every broken invariant of a quiescent system (empty: all good).

    With ``after_seq``, also every change of the account's own rows logged after it must be
    explained by one recorded mutation of ``devices`` or of the devices ``others`` (ids).
    """
    devices = list(devices)
    found: list[str] = []
    if after_seq is not None:
        ids = [d.device_id for d in devices] + list(others)
        found += unexplained_changes(db, account_id, ids, after_seq)
    server = server_rows(db, account_id)
    for device in devices:
        cache, name = device.cache, device.name
        if cache.integrity_check() != "ok":
            found.append(f"{name}: integrity_check: {cache.integrity_check()}")
        pending = cache.pending_count()
        if pending:
            found.append(f"{name}: {pending} edit(s) still in the outbox")
        stale = cache.conn.execute(
            "SELECT count(*) FROM record r LEFT JOIN record_synced s "
            "ON s.entity = r.entity AND s.id = r.id "
            "WHERE r.pending = 0 AND (s.data IS NULL OR s.data != r.data)"
        ).fetchone()[0]
        if stale:
            found.append(
                f"{name}: {stale} visible row(s) without pending edits differ from confirmed"
            )
        mine = device_rows(cache)
        for entity in ENTITIES:
            found += _row_diff(name, entity, mine[entity], server[entity])
        records = mutation_records(db, device.device_id)
        conflicts = {str(c["mutation_id"]): c for c in cache.conflicts(open_only=False)}
        for mutation_id in device.edits:
            landed = records.get(mutation_id, [])
            if len(landed) != 1:
                found.append(f"{name}: edit {mutation_id} processed {len(landed)} time(s)")
                continue
            status = landed[0]["status"]
            conflict = conflicts.get(mutation_id)
            if status == "applied" and conflict is not None:
                found.append(
                    f"{name}: edit {mutation_id} was applied but the device recorded a "
                    f"{conflict['kind']} ({conflict['code']})"
                )
            elif status != "applied" and conflict is None:
                found.append(
                    f"{name}: the server answered {status} ({landed[0].get('code')}) to edit "
                    f"{mutation_id}, but the device has no conflict for it (dropped silently)"
                )
            elif conflict is not None and conflict["kind"] != status:
                found.append(f"{name}: edit {mutation_id}: {status} recorded as {conflict['kind']}")
        unknown = sorted(set(records) - set(device.edits))
        if unknown:
            found.append(
                f"{name}: the server processed mutations never committed here: {unknown[:3]}"
            )
        invented = sorted(set(conflicts) - set(device.edits))
        if invented:
            found.append(f"{name}: conflicts for edits never made: {invented[:3]}")
    return found


def confirmed(cache: Cache, entity: str, row_id: str) -> dict[str, Any] | None:
    """What the server confirmed of a row (``record_synced``), without pending edits."""
    row = cache.conn.execute(
        "SELECT data FROM record_synced WHERE entity = ? AND id = ?", (entity, row_id)
    ).fetchone()
    return None if row is None or row[0] is None else dict(json.loads(row[0]))


def corrupt_page(path: Path, table: str) -> None:
    """Write garbage over the b-tree page header of ``table``'s root page."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()[0]
    conn.close()
    assert root > 1
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xab" * 64)
    with sqlite3.connect(path) as conn:  # a real fault: SQLite's own check fails on it
        try:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            verdict = str(exc)
        assert verdict != "ok"
    conn.close()
