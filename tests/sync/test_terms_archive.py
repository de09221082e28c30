"""The terms archive (issue 10 item 5) on a real server and real caches: what I applied under,
was approved under and was notified of is archived once, survives the cache being rebuilt, and
a hand-edited, removed or reordered record is found by ``verify``."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sync.helpers import Device, account_id_of
from workbench.core.enums import PlanType
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS
from workbench.store import applications, plan_edits
from workbench.store import plans as store_plans
from workbench.store.export import ExportCancelled
from workbench.store.recovery import open_account_cache
from workbench.store.terms_archive import FILE_NAME, TermsArchive, capture

MERCHANT = DEMO_LOGINS["merchant"]


def _applied_and_approved(
    server: EmbeddedServer, device: Callable[..., Device]
) -> tuple[Device, str]:
    merchant_id = account_id_of(server.db, MERCHANT)
    creator = device("creator")
    creator.sync()
    applied_to = {a.plan_id for a in applications.window(creator.cache, limit=10_000)}
    plan = next(
        p
        for p in store_plans.my_plans(
            creator.cache, store_plans.PlanFilter(plan_type=PlanType.GENERAL), limit=500
        )
        if p.merchant_id == merchant_id
        and p.id not in applied_to
        and p.state == "running"
        and p.pending_rate_ppm is None
    )
    app_id = plan_edits.apply(creator.cache, plan.id, plan.rate_ppm, "想合作")
    creator.sync()
    merchant = device("merchant", login=MERCHANT)
    merchant.sync()
    assert plan_edits.review_applications(merchant.cache, [app_id], approve=True) == 1
    merchant.sync()
    creator.sync()
    return creator, plan.id


def test_archived_once_and_kept_through_a_cache_rebuild(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    creator, plan_id = _applied_and_approved(server, device)
    with TermsArchive.for_cache(creator.path) as archive:
        assert archive.path == creator.path.with_name(FILE_NAME)
        added = capture(archive, creator.cache)
        kinds = [(r["kind"], r["plan_id"]) for _seq, r in archive.records()]
        assert ("applied", plan_id) in kinds and ("approved", plan_id) in kinds
        assert added == len(kinds) and capture(archive, creator.cache) == 0  # once each
        assert archive.verify().intact
        before = list(archive.records())
    # The cache is damaged and rebuilt from the server: the archive beside it is untouched.
    creator.cache.close()
    creator.path.write_bytes(b"not a database" * 100)
    creator.cache, recovery = open_account_cache(creator.path, creator.account_id)
    assert recovery is not None
    creator.sync()
    with TermsArchive.for_cache(creator.path) as archive:
        assert list(archive.records()) == before
        assert capture(archive, creator.cache) == 0
        verdict = archive.verify()
        assert verdict.intact and verdict.records == len(before)
        out = creator.path.with_name("plan.csv")
        rows = archive.export_csv(out, plan_id=plan_id)
        with out.open(encoding="utf-8-sig") as text:
            table = list(csv.DictReader(text))
        assert rows == len(table) == 2 and {r["kind"] for r in table} == {"applied", "approved"}
        assert all(r["product_title"] and r["plan_id"] == plan_id for r in table)
        # Cancel (the export dialog's): nothing written, the earlier file as it was, no .part.
        stopped = threading.Event()
        stopped.set()
        before_cancel = out.read_bytes()
        with pytest.raises(ExportCancelled):
            archive.export_csv(out, plan_id=plan_id, cancel=stopped)
        assert out.read_bytes() == before_cancel
        assert not [f for f in out.parent.iterdir() if f.name.endswith(".part")]


def test_a_hand_edited_record_is_found(
    server: EmbeddedServer, device: Callable[..., Device]
) -> None:
    creator, _plan_id = _applied_and_approved(server, device)
    with TermsArchive.for_cache(creator.path) as archive:
        capture(archive, creator.cache)
        records = list(archive.records())
        assert len(records) >= 3
        # Append-only through SQL as the app opens it.
        try:
            archive.conn.execute("UPDATE terms SET record = '{}' WHERE seq = 1")
            raise AssertionError("an UPDATE went through")
        except sqlite3.DatabaseError as exc:
            assert "append-only" in str(exc)
    seq, record = records[1]
    path = creator.path.with_name(FILE_NAME)
    forged = {**record, "rate_ppm": (record["rate_ppm"] or 0) + 100_000}
    _tamper(path, "UPDATE terms SET record = ? WHERE seq = ?", (_canonical(forged), seq))
    with TermsArchive(path) as archive:
        verdict = archive.verify()
        assert (verdict.intact, verdict.first_broken, verdict.reason) == (False, seq, "hash")
    _tamper(path, "UPDATE terms SET record = ? WHERE seq = ?", (_canonical(record), seq))
    with TermsArchive(path) as archive:
        assert archive.verify().intact  # the original restored: intact again
    _tamper(path, "DELETE FROM terms WHERE seq = ?", (seq,))
    with TermsArchive(path) as archive:
        verdict = archive.verify()
        assert (verdict.intact, verdict.first_broken, verdict.reason) == (
            False,
            records[2][0],
            "chain",
        )


def _canonical(record: dict[str, object]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _tamper(path: Path, sql: str, params: tuple[object, ...]) -> None:
    """What someone with the file and a SQLite shell could do."""
    with sqlite3.connect(path) as raw:
        raw.execute("DROP TRIGGER IF EXISTS terms_no_update")
        raw.execute("DROP TRIGGER IF EXISTS terms_no_delete")
        raw.execute(sql, params)
    raw.close()
