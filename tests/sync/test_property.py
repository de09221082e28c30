"""A Hypothesis state machine: two devices of one account against the real server.

Each example gets a fresh creator account (two channels, written into the server database) and
two fresh cache files. The rules make offline edits on either device (listings created on real,
duplicate and nonexistent products, patched, deleted; favourites; saved filters), sync a device
with the server's faults on or off (503s and answers cut off after the server committed), crash
a device in the middle of a sync at a named fault point and reopen its cache, crash a local edit
before its commit, and toggle the faults. After every step the local atomicity invariant is
checked; at the end the faults stop, both devices sync until nothing moves, and everything must
agree (see ``helpers.divergences``): no edit lost or applied twice, every conflict and rejection
recorded, both devices showing exactly the server's rows.

``test_property_catches`` plants four classic sync bugs one at a time (monkeypatched for that
test only) and requires the same state machine to fail with one of its invariants.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from tests.sync.helpers import (
    BOGUS_PRODUCT,
    Crash,
    Device,
    Diverged,
    crash_at,
    device_rows,
    divergences,
    listed_products,
    make_api,
    mutation_records,
    new_creator,
    set_faults,
    sync_until_quiet,
)
from workbench.client.backoff import Retry
from workbench.client.errors import NetworkError
from workbench.contract.sync import MutationResult, MutationStatus, Scope
from workbench.core.enums import Role
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server import mutations
from workbench.server.auth import Caller
from workbench.server.embedded import EmbeddedServer
from workbench.server.handlers.base import Ctx
from workbench.server.types import utcnow
from workbench.store import outbox, records, steps
from workbench.store.cache import Cache, Changed

# Three minutes of examples in all (on a loaded 2-core machine): it starts first in a parallel run.
pytestmark = pytest.mark.slow(seconds=190)

CRASH_POINTS = (
    "batch:before-commit",
    "results:before-commit",
    "pull:before-cursor",
    "pull:before-commit",
)


def patch_for(d: int, field: str, n: int) -> dict[str, Any]:
    """A listing patch whose value differs between the devices (same field: a conflict)."""
    if field == "custom_title":
        return {"custom_title": f"{'甲乙'[d]}设备标题{n}"}
    if field == "position":
        return {"position": 10 * d + n}
    return {"pinned": (d + n) % 2 == 0, "hidden": n == 2}


FAULTS_ON = {"error_rate": 0.3, "drop_rate": 0.3}
RETRY = Retry(max_attempts=3, base=0.01, cap=0.05)
STATS: Counter[str] = Counter()
"""What the runs exercised (printed, and checked so that the property cannot pass vacuously)."""

# About 0.9 s an example (each device's first sync loads the 500-product catalogue). No
# shrinking: a failure prints its whole program; drop ``phases`` locally to shrink it.
SETTINGS = settings(
    database=None,
    deadline=None,
    derandomize=True,
    max_examples=20,
    stateful_step_count=50,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    report_multiple_bugs=False,
)
# A planted bug shows in a third to two thirds of the examples (measured); the first failing
# example ends the run, so the higher cap costs nothing while the bug is caught.
CATCH_SETTINGS = settings(SETTINGS, max_examples=40)


def reseed_faults(server: EmbeddedServer, seed: int) -> None:
    """Restart the server's fault dice, so that an example replays with the same faults."""
    with httpx.Client(base_url=server.url) as http:
        assert http.put("/v1/_faults", json={"seed": seed}).status_code == 200


def machine_for(server: EmbeddedServer, products: list[str], home: Path) -> type:
    """The state machine class, bound to one server (its fixtures are module-scoped)."""
    names = itertools.count()
    pool = [*products, BOGUS_PRODUCT]  # the bogus one is rejected (unknown_entity)

    class TwoDevices(RuleBasedStateMachine):
        devices: list[Device]

        @initialize(fault_seed=st.integers(0, 2**16))
        def start(self, fault_seed: int) -> None:
            set_faults(server.url)
            reseed_faults(server, fault_seed)
            login, self.account_id, self.channels = new_creator(server.db)
            self.devices = []
            for name in ("a", "b"):
                api = make_api(server.url, login, retry=RETRY)
                path = home / f"{next(names)}-{name}.sqlite3"
                self.devices.append(Device(name, path, self.account_id, api))

        # --- offline edits ----------------------------------------------------------------------
        @rule(d=st.integers(0, 1), channel=st.integers(0, 1), product=st.sampled_from(pool))
        def create_listing(self, d: int, channel: int, product: str) -> None:
            payload = {"channel_id": self.channels[channel], "product_id": product}
            self.devices[d].edit("listing.create", uuid7(), payload)

        @rule(
            d=st.integers(0, 1),
            pick=st.integers(0, 7),
            field=st.sampled_from(["custom_title", "position", "pinned"]),
            n=st.integers(0, 2),
        )
        def patch_listing(self, d: int, pick: int, field: str, n: int) -> None:
            rows = self.devices[d].cache.rows("listing")
            if rows:
                row_id = rows[pick % len(rows)]["id"]
                self.devices[d].edit("listing.patch", row_id, patch_for(d, field, n))

        @rule(d=st.integers(0, 1), pick=st.integers(0, 7))
        def delete_listing(self, d: int, pick: int) -> None:
            rows = self.devices[d].cache.rows("listing")
            if rows:
                self.devices[d].edit("listing.delete", rows[pick % len(rows)]["id"])

        @rule(d=st.integers(0, 1), product=st.sampled_from(pool), add=st.booleans())
        def favourite(self, d: int, product: str, add: bool) -> None:
            self.devices[d].edit("favourite.add" if add else "favourite.remove", product)

        @rule(
            d=st.integers(0, 1),
            pick=st.integers(0, 3),
            name=st.sampled_from(["高佣", "低价", "美妆"]),
            delete=st.booleans(),
        )
        def saved_filter(self, d: int, pick: int, name: str, delete: bool) -> None:
            rows = self.devices[d].cache.rows("saved_filter")
            if pick == 0 or not rows:
                self.devices[d].edit("saved_filter.put", uuid7(), {"name": name, "query": {}})
                return
            row_id = rows[pick % len(rows)]["id"]
            if delete:
                self.devices[d].edit("saved_filter.delete", row_id)
            else:
                query = {"keyword": name}
                self.devices[d].edit("saved_filter.put", row_id, {"name": name, "query": query})

        @rule(d=st.integers(0, 1), favourite=st.booleans(), channel=st.integers(0, 1))
        def doomed_edit(self, d: int, favourite: bool, channel: int) -> None:
            """An edit the server will reject: a listing or favourite of a nonexistent product."""
            if favourite:
                self.devices[d].edit("favourite.add", BOGUS_PRODUCT)
            else:
                payload = {"channel_id": self.channels[channel], "product_id": BOGUS_PRODUCT}
                self.devices[d].edit("listing.create", uuid7(), payload)

        @rule(d=st.integers(0, 1), product=st.sampled_from(pool))
        def crash_mid_edit(self, d: int, product: str) -> None:
            """A kill inside a local edit's transaction leaves no trace of it."""
            dev = self.devices[d]
            before = (dev.cache.pending_count(), device_rows(dev.cache))
            dev.cache.fault = crash_at("enqueue:before-commit")
            try:
                dev.edit("favourite.remove", product)
            except Crash:
                pass  # the edit never committed, so the device did not record it
            else:
                raise Diverged("the edit ran past its enqueue:before-commit fault point")
            finally:
                dev.cache.fault = None
            dev.restart()
            after = (dev.cache.pending_count(), device_rows(dev.cache))
            if after != before:
                raise Diverged(f"{dev.name}: a crashed edit left a trace: {before} -> {after}")

        # --- syncing ----------------------------------------------------------------------------
        @rule(d=st.integers(0, 1))
        def sync(self, d: int) -> None:
            try:
                self.devices[d].sync()
            except NetworkError:
                STATS["sync gave up"] += 1  # retries ran out: the next sync carries on

        @rule(d=st.integers(0, 1), before_cursor=st.booleans(), catalog=st.booleans())
        def crash_in_pull(self, d: int, before_cursor: bool, catalog: bool) -> None:
            """The other device syncs its edits; this one is killed applying the next page
            of the account scope (or of the catalogue) it downloads."""
            self.sync(1 - d)
            point = "pull:before-cursor" if before_cursor else "pull:before-commit"
            self.crashing_sync(d, point, 2 if catalog else 1)

        @rule(d=st.integers(0, 1))
        def crash_before_results(self, d: int) -> None:
            """Killed after the server applied a batch, before its results were committed."""
            self.crashing_sync(d, "results:before-commit")

        @rule(d=st.integers(0, 1))
        def crash_before_batch(self, d: int) -> None:
            """Killed after numbering a batch, before that was committed."""
            self.crashing_sync(d, "batch:before-commit")

        def crashing_sync(self, d: int, point: str, nth: int = 1) -> None:
            """A sync killed at ``point``; the app restarts and syncs again."""
            dev = self.devices[d]
            dev.cache.fault = crash_at(point, nth)
            try:
                dev.sync()
            except Crash:
                STATS[f"crash {point}"] += 1
            except NetworkError:
                STATS["sync gave up"] += 1
            finally:
                dev.cache.fault = None
            dev.restart()
            self.sync(d)

        @rule()
        def faults_on(self) -> None:
            set_faults(server.url, **FAULTS_ON)

        @rule()
        def faults_off(self) -> None:
            set_faults(server.url)

        # --- invariants -------------------------------------------------------------------------
        @invariant()
        def local_atomicity(self) -> None:
            """Every outbox row shows somewhere; a row is marked pending exactly when it is."""
            for dev in getattr(self, "devices", []):
                orphans = dev.cache.conn.execute(
                    "SELECT count(*) FROM outbox o WHERE NOT EXISTS "
                    "(SELECT 1 FROM outbox_touch t WHERE t.local_id = o.local_id)"
                ).fetchone()[0]
                wrong = dev.cache.conn.execute(
                    "SELECT count(*) FROM record r WHERE r.pending != EXISTS (SELECT 1 FROM "
                    "outbox_touch t WHERE t.entity = r.entity AND t.entity_id = r.id)"
                ).fetchone()[0]
                if orphans or wrong:
                    raise Diverged(
                        f"{dev.name}: {orphans} outbox row(s) without rows, "
                        f"{wrong} visible row(s) with a wrong pending flag"
                    )

        def teardown(self) -> None:
            try:
                if sys.exc_info()[1] is None and hasattr(self, "devices"):
                    self.settle_and_check()
            finally:
                set_faults(server.url)
                for dev in getattr(self, "devices", []):
                    dev.close()

        def settle_and_check(self) -> None:
            set_faults(server.url)
            problems = []
            if not sync_until_quiet(self.devices):
                problems.append("the devices did not settle after the faults stopped")
            problems += divergences(server.db, self.account_id, self.devices, after_seq=0)
            STATS["examples"] += 1
            for dev in self.devices:
                for results in mutation_records(server.db, dev.device_id).values():
                    STATS[f"{results[0]['status']} {results[0].get('code') or ''}".strip()] += 1
            if problems:
                raise Diverged("\n".join(problems))

    return TwoDevices


# --- the planted bugs ---------------------------------------------------------------------------
def _replay_by_applying(session: Any, device_id: str, mut: Any) -> MutationResult:
    """Bug a: a resent mutation is applied again instead of getting its stored result."""
    device = session.get(m.Device, device_id)
    account = session.get(m.Account, device.account_id)
    caller = Caller(id=account.id, role=Role(account.role), login=account.login)
    return mutations._apply(Ctx(session=session, caller=caller, now=utcnow()), mut, exact=True)


def _ack_before_send(original: Callable[..., Any]) -> Callable[..., Any]:
    """Bug b: outbox rows are deleted (and committed) when the batch is taken, before sending."""

    def next_batch(cache: Cache, limit: int, after: int = 0) -> Any:
        batch = original(cache, limit, after)
        for mutation in batch:
            touched = cache.conn.execute(
                "SELECT t.entity, t.entity_id FROM outbox_touch t JOIN outbox o "
                "ON o.local_id = t.local_id WHERE o.mutation_id = ?",
                (mutation.id,),
            ).fetchall()
            cache.conn.execute("DELETE FROM outbox WHERE mutation_id = ?", (mutation.id,))
            for entity, entity_id in touched:
                records.refresh(cache, entity, entity_id)
        return batch

    return next_batch


def _cursor_first(cache: Cache, scope: Scope, changes: list[Any], cursor: str) -> Changed:
    """Bug c: the cursor is committed on its own, then the page's rows (PouchDB #1240)."""
    with cache.write():
        records.save_cursor(cache, scope, cursor)
    with cache.write():
        changed = records.apply_changes(cache, changes)
        cache.hit("pull:before-cursor")
        cache.hit("pull:before-commit")
        return changed


def _no_rollback(original: Callable[..., Any]) -> Callable[..., Any]:
    """Bug d: a rejected edit's outbox row goes, but the row it showed is not recomputed."""

    def apply_results(cache: Cache, results: list[MutationResult]) -> Changed:
        rest = []
        for result in results:
            row = cache.conn.execute(
                "SELECT local_id, type, entity, entity_id, payload FROM outbox "
                "WHERE mutation_id = ?",
                (result.id,),
            ).fetchone()
            rejected = result.status is MutationStatus.REJECTED
            if row is not None and rejected and result.code not in outbox._NOT_PROCESSED:
                local_id, kind, entity, entity_id, payload = row
                outbox._record_conflict(cache, result, kind, entity, entity_id, payload)
                cache.conn.execute("DELETE FROM outbox WHERE local_id = ?", (local_id,))
                continue  # the optimistic row stays as it was
            rest.append(result)
        return original(cache, rest)

    return apply_results


def plant(bug: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if bug == "a_no_server_dedup":
        monkeypatch.setattr(mutations, "_replay", _replay_by_applying)
    elif bug == "b_ack_before_send":
        monkeypatch.setattr(outbox, "next_batch", _ack_before_send(outbox.next_batch))
    elif bug == "c_cursor_before_data":
        monkeypatch.setattr(steps, "apply_changes", _cursor_first)
    elif bug == "d_no_rollback_of_rejected":
        monkeypatch.setattr(outbox, "apply_results", _no_rollback(outbox.apply_results))
    else:  # pragma: no cover
        raise ValueError(bug)


# --- the tests ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def machine(server: EmbeddedServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[type]:
    products = listed_products(server.db, 3, skip=200)
    yield machine_for(server, products, tmp_path_factory.mktemp("devices"))
    set_faults(server.url)


def test_two_devices_converge(machine: type) -> None:
    STATS.clear()
    started = time.perf_counter()
    run_state_machine_as_test(machine, settings=SETTINGS)
    print(f"state machine: {time.perf_counter() - started:.1f} s, {dict(STATS)}")
    # The runs met every situation the invariants are about.
    for seen in (
        "applied",
        "conflict version_conflict",
        "rejected unknown_entity",
        "rejected listing_exists",
        "sync gave up",
    ):
        assert STATS[seen] >= 1, (seen, STATS)
    for point in CRASH_POINTS:
        assert STATS[f"crash {point}"] >= 1, (point, STATS)


@pytest.mark.parametrize(
    "bug",
    ["a_no_server_dedup", "b_ack_before_send", "c_cursor_before_data", "d_no_rollback_of_rejected"],
)
def test_property_catches(bug: str, machine: type, monkeypatch: pytest.MonkeyPatch) -> None:
    plant(bug, monkeypatch)
    started = time.perf_counter()
    with pytest.raises(Diverged) as caught:
        run_state_machine_as_test(machine, settings=CATCH_SETTINGS)
    print(f"{bug}: caught in {time.perf_counter() - started:.1f} s:\n{caught.value}")
