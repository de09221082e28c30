"""Server push throughput: queued listing creations through ``process_batch``, beside a reference.

    .venv/bin/python benchmarks/push.py [--server-db PATH] [--products 20000] [--runs 3]

Without ``--server-db`` a server database is seeded in a temporary folder (``--products``); give
a copy of a large one (e.g. the 1,000,000-product database ``benchmarks/sync.py`` seeds) to
measure at that size — the script adds rows to it. Each run makes a new device and channel for
the demo creator and sends 10,000 ``listing.create`` mutations for listed products in batches of
200, as a client's outbox does, straight into ``process_batch`` (no HTTP, no client: the
server's own cost; ``benchmarks/sync.py`` prints the end-to-end figure). Printed per run and as
medians: mutations/s, and the reference measured in the same run: the same 10,000 listing rows
inserted with SQLAlchemy Core ``executemany`` in 200-row transactions (no checks, no change log,
no results), with the ratio ours ÷ reference. Target: ≥ 5,000 mutations/s end to end.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _seeding import measured_size  # noqa: E402  (the script's folder is on sys.path)

from tests.servers import seed  # noqa: E402
from workbench.contract.sync import Mutation, MutationBatch  # noqa: E402
from workbench.core.enums import Role  # noqa: E402
from workbench.core.ids import uuid7  # noqa: E402
from workbench.server import models as m  # noqa: E402
from workbench.server.auth import Caller  # noqa: E402
from workbench.server.db import Database  # noqa: E402
from workbench.server.mutations import process_batch  # noqa: E402

EDITS = 10_000
BATCH = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-db", type=Path)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = args.server_db or Path(tempfile.mkdtemp(prefix="wb-push-")) / "server.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        print(f"seeding {args.products:,} products into {path} …", flush=True)
        seed(url, products=args.products, orders_per_day=0)
    measured_size(path, args.products, what="the server database")
    db = Database(url)
    try:
        caller, products = _creator_and_products(db)
        ours: list[float] = []
        raw: list[float] = []
        for run in range(args.runs):
            ours.append(_push(db, caller, products))
            raw.append(_reference(db, caller, products))
            print(f"run {run + 1}: {ours[-1]:,.0f} mutations/s; reference {raw[-1]:,.0f} rows/s",
                  flush=True)  # fmt: skip
    finally:
        db.dispose()
    o, r = statistics.median(ours), statistics.median(raw)
    print(f"medians: {o:,.0f} mutations/s, reference {r:,.0f} rows/s, ratio {o / r:.2f}")
    return 0


def _creator_and_products(db: Database) -> tuple[Caller, list[str]]:
    with db.read() as session:
        account = session.scalar(select(m.Account).where(m.Account.login == "creator_demo"))
        assert account is not None
        caller = Caller(id=account.id, role=Role(account.role), login=account.login)
        listed = select(m.Product.id).where(m.Product.status == "listed")
        products = list(session.scalars(listed.order_by(m.Product.id.desc()).limit(EDITS)))
    assert len(products) == EDITS, "the server needs at least 10,000 listed products"
    return caller, products


def _push(db: Database, caller: Caller, products: list[str]) -> float:
    device, channel = uuid7(), uuid7()
    create = Mutation(seq=1, id=uuid7(), type="channel.create", entity_id=channel,
                      payload={"kind": "showcase", "name": "benchmark"})  # fmt: skip
    assert process_batch(db, caller, MutationBatch(device_id=device, mutations=[create]))
    edits = [_listing(n + 2, channel, pid) for n, pid in enumerate(products)]
    started = time.perf_counter()
    applied = 0
    for start in range(0, len(edits), BATCH):
        batch = MutationBatch(device_id=device, mutations=edits[start : start + BATCH])
        answer = process_batch(db, caller, batch)
        applied += sum(1 for r in answer.results if r.status.value == "applied")
    seconds = time.perf_counter() - started
    assert applied == len(edits), f"only {applied} of {len(edits)} applied"
    return len(edits) / seconds


def _listing(seq: int, channel: str, product: str) -> Mutation:
    payload = {"channel_id": channel, "product_id": product}
    return Mutation(seq=seq, id=uuid7(), type="listing.create", entity_id=uuid7(), payload=payload)


def _row(creator: str, channel: str, product: str) -> dict[str, Any]:
    """A listing row as ``listing.create`` stores it."""
    return {
        "id": uuid7(), "creator_id": creator, "channel_id": channel, "product_id": product,
        "position": 0, "pinned": False, "hidden": False, "field_versions": {}, "deleted": False,
        "version": 1,
    }  # fmt: skip


def _reference(db: Database, caller: Caller, products: list[str]) -> float:
    channel = uuid7()
    with db.write() as session:
        session.add(m.Channel(id=channel, creator_id=caller.id, kind="showcase", name="reference"))
    rows: list[dict[str, Any]] = [_row(caller.id, channel, pid) for pid in products]
    started = time.perf_counter()
    for start in range(0, len(rows), BATCH):
        with db.write() as session:
            session.execute(insert(m.Listing), rows[start : start + BATCH])
    return len(rows) / (time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main())
