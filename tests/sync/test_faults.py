"""Sync through a hostile network: 503s, answers cut off after the server committed, latency,
and every request of one device duplicated on the wire.

Two devices of one creator make offline edits of every kind (listings created, patched and
deleted, favourites, saved filters, edits the server must reject, edits that conflict across
the devices) and sync while the real server injects faults; retries may run out, and the test
keeps going. Then the faults stop, both devices sync until nothing moves, and the server's
records prove that every edit landed exactly once, every rejection and conflict was recorded on
the device that made it, and both devices show exactly the server's rows.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from tests.sync.helpers import (
    Device,
    Editor,
    WireTransport,
    creations_not_once,
    divergences,
    duplicate_listings,
    listed_products,
    log_seq,
    mutation_records,
    sync_until_quiet,
)
from workbench.client.backoff import Retry
from workbench.client.errors import NetworkError
from workbench.core.ids import uuid7
from workbench.server.embedded import EmbeddedServer


def test_every_edit_lands_once_through_faults_and_duplicates(
    server: EmbeddedServer,
    device: Callable[..., Device],
    faults: Callable[..., None],
    creator_id: str,
) -> None:
    wire_a, wire_b = WireTransport(duplicate=True), WireTransport(duplicate=False)
    # Three attempts per request: under these faults about one sync in two runs out of retries.
    few = Retry(max_attempts=3, base=0.01, cap=0.05)
    a, b = device("a", transport=wire_a, retry=few), device("b", transport=wire_b, retry=few)
    for dev in (a, b):
        dev.sync()
    start = log_seq(server.db)
    editor = Editor(random.Random(20261130), listed_products(server.db, 12, skip=100))

    # Edits that must meet on the server: one field changed on both devices (one of them gets
    # a conflict), a listing patched on one device and deleted on the other, one product listed
    # on the same channel from both devices (one of them is rejected as listing_exists).
    shared = a.cache.rows("listing")[0]
    a.edit("listing.patch", shared["id"], {"custom_title": "设备A的标题"})
    b.edit("listing.patch", shared["id"], {"custom_title": "设备B的标题"})
    doomed = a.cache.rows("listing")[1]
    a.edit("listing.delete", doomed["id"])
    b.edit("listing.patch", doomed["id"], {"position": 7})
    channel = a.cache.rows("channel")[0]["id"]
    for dev in (a, b):
        twin = uuid7()
        dev.edit("listing.create", twin, {"channel_id": channel, "product_id": editor.products[0]})
        editor.created.append(twin)
        editor.edits(dev, 12)

    faults(error_rate=0.3, drop_rate=0.3, latency_ms=20)
    gave_up = 0
    for round_no in range(8):
        for dev in (a, b):
            if round_no < 3:
                editor.edits(dev, 4)
            try:
                dev.sync()
            except NetworkError:
                gave_up += 1  # retries ran out: the edits wait for the next sync
    faults()  # everything off

    assert sync_until_quiet([a, b]), "the devices did not settle after the faults stopped"
    problems = divergences(server.db, creator_id, [a, b], after_seq=start)
    assert not problems, "\n".join(problems)
    assert duplicate_listings(server.db, creator_id) == []
    statuses: Counter[str] = Counter()
    for dev in (a, b):
        for results in mutation_records(server.db, dev.device_id).values():
            statuses[f"{results[0]['status']}:{results[0].get('code')}"] += 1
    # Created exactly once (never twice by a resent or duplicated request), or never.
    assert creations_not_once(server.db, editor.created) == []

    # The faults really happened, and the interesting outcomes were really exercised.
    seen = wire_a.seen + wire_b.seen
    assert seen["503"] >= 5 and seen["dropped"] >= 5, seen
    assert wire_a.sent["/v1/sync/mutations"] >= 6, wire_a.sent
    assert statuses["rejected:listing_exists"] >= 1, statuses
    assert statuses["rejected:unknown_entity"] >= 1, statuses
    assert statuses["conflict:version_conflict"] >= 1, statuses
    assert sum(n for key, n in statuses.items() if key.startswith("applied")) >= 40, statuses
    assert gave_up >= 1, "no sync ran out of retries: the faults were too mild to test that"
    print(f"outcomes {dict(statuses)}; wire {dict(seen)}; syncs given up: {gave_up}")
