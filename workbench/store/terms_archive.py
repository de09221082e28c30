"""The terms archive (条款存档, issue 10 item 5): every version of a plan's terms I applied
under, was approved under or was notified of, kept as evidence for a dispute.

It lives in its own SQLite file beside the account's cache (``terms.sqlite3``), so a cache
reset, rebuild or recovery never touches it. Records are appended, never rewritten (triggers
refuse UPDATE and DELETE), and hash-chained: each record's ``hash`` is the SHA-256 of the
previous record's hash followed by the record's canonical JSON (sorted keys, no spaces, UTF-8),
the first one chained to 64 zeros. ``verify`` walks the chain and names the first record that
does not match (an edited field, a record removed or put in between, a changed order).

``capture`` reads the cache and appends what is new (each piece of evidence once, by its key):
an application's terms when the server has confirmed it (*applied*), when it is approved
(*approved*), and a commission cut under notice on a plan I applied to or list (*notified*).
``export_csv`` writes one plan's history, or everything with one merchant.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.store.export import check_cancel, replacing

if TYPE_CHECKING:
    from workbench.store.cache import Cache

FILE_NAME = "terms.sqlite3"
GENESIS = "0" * 64
FIELDS = (
    "kind", "plan_id", "product_id", "product_title", "plan_type", "rate_ppm",
    "pending_rate_ppm", "pending_at", "begin_at", "end_at", "merchant_id", "shop_name",
    "application_id", "account_id", "seen_at", "server_version",
)  # fmt: skip
"""A record's fields (its canonical JSON holds exactly these). ``rate_ppm`` is my rate under the
terms; ``server_version`` the server's version of the plan row the terms were read from."""

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS terms (
        seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, record TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    )""",
    "CREATE TRIGGER IF NOT EXISTS terms_no_update BEFORE UPDATE ON terms "
    "BEGIN SELECT RAISE(ABORT, 'the terms archive is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS terms_no_delete BEFORE DELETE ON terms "
    "BEGIN SELECT RAISE(ABORT, 'the terms archive is append-only'); END",
)


def canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, record_json: str) -> str:
    return hashlib.sha256((prev_hash + record_json).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verdict:
    intact: bool
    records: int
    first_broken: int | None = None  # the seq of the first record that does not match
    reason: str | None = None  # hash | chain | order


class TermsArchive:
    """One account's archive file; open it beside the cache (``for_cache``) or at a path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")  # evidence: durable at each commit
        for statement in _SCHEMA:
            self.conn.execute(statement)

    @classmethod
    def for_cache(cls, cache_path: Path) -> TermsArchive:
        return cls(cache_path.with_name(FILE_NAME))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> TermsArchive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def append(self, key: str, record: dict[str, Any]) -> bool:
        """Append ``record`` unless ``key`` is archived already; returns whether it was."""
        body = canonical({name: record.get(name) for name in FIELDS})
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if self.conn.execute("SELECT 1 FROM terms WHERE key = ?", (key,)).fetchone():
                self.conn.execute("COMMIT")
                return False
            last = self.conn.execute("SELECT hash FROM terms ORDER BY seq DESC LIMIT 1").fetchone()
            prev = last[0] if last else GENESIS
            self.conn.execute(
                "INSERT INTO terms (key, record, prev_hash, hash) VALUES (?, ?, ?, ?)",
                (key, body, prev, chain_hash(prev, body)),
            )
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return True

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for seq, body in self.conn.execute("SELECT seq, record FROM terms ORDER BY seq"):
            yield int(seq), json.loads(body)

    def verify(self) -> Verdict:
        """Walk the chain: intact, or the first record that breaks it and how."""
        prev, count, last_seq = GENESIS, 0, 0
        rows = self.conn.execute("SELECT seq, record, prev_hash, hash FROM terms ORDER BY seq")
        for seq, body, prev_hash, digest in rows:
            count += 1
            if prev_hash != prev:
                return Verdict(False, count, int(seq), "chain")
            if chain_hash(prev_hash, body) != digest:
                return Verdict(False, count, int(seq), "hash")
            if seq <= last_seq:
                return Verdict(False, count, int(seq), "order")
            prev, last_seq = digest, seq
        return Verdict(True, count)

    def export_csv(
        self,
        path: Path,
        *,
        plan_id: str | None = None,
        merchant_id: str | None = None,
        cancel: threading.Event | None = None,
    ) -> int:
        """One plan's records, or every record with a merchant (or all), as CSV (UTF-8 with a
        BOM, for spreadsheet apps); written to a temporary file and renamed. Returns rows.
        ``cancel`` is looked at every 500 records (then ``ExportCancelled``, nothing written)."""
        rows = 0
        with replacing(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["seq", *FIELDS, "hash"])
            for n, (seq, body, digest) in enumerate(
                self.conn.execute("SELECT seq, record, hash FROM terms ORDER BY seq")
            ):
                if n % 500 == 0:
                    check_cancel(cancel)
                record = json.loads(body)
                if plan_id is not None and record.get("plan_id") != plan_id:
                    continue
                if merchant_id is not None and record.get("merchant_id") != merchant_id:
                    continue
                writer.writerow([seq, *(_cell(record.get(f)) for f in FIELDS), digest])
                rows += 1
        return rows


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def capture(archive: TermsArchive, cache: Cache) -> int:
    """Append the evidence in ``cache`` that the archive does not hold yet; returns how many."""
    me = cache.account_id
    plans: dict[str, dict[str, Any]] = {}
    for plan_id, data in cache.conn.execute("SELECT id, data FROM record WHERE entity = 'plan'"):
        plans[str(plan_id)] = json.loads(data)
    titles: dict[str, tuple[str, str]] = {}

    def product(product_id: str) -> tuple[str, str]:
        if product_id not in titles:
            row = cache.conn.execute(
                "SELECT title, shop_name FROM product WHERE id = ?", (product_id,)
            ).fetchone()
            titles[product_id] = (str(row[0]), str(row[1])) if row else ("", "")
        return titles[product_id]

    def terms(
        kind: str, plan: dict[str, Any], rate: int | None, app_id: str | None
    ) -> dict[str, Any]:
        title, shop = product(str(plan.get("product_id")))
        return {
            "kind": kind, "plan_id": plan.get("id"), "product_id": plan.get("product_id"),
            "product_title": title, "plan_type": plan.get("plan_type"), "rate_ppm": rate,
            "pending_rate_ppm": plan.get("pending_rate_ppm"), "pending_at": plan.get("pending_at"),
            "begin_at": plan.get("begin_at"), "end_at": plan.get("end_at"),
            "merchant_id": plan.get("merchant_id"), "shop_name": shop, "application_id": app_id,
            "account_id": me, "seen_at": _now(), "server_version": plan.get("version"),
        }  # fmt: skip

    added = 0
    applied: set[str] = set()
    apps = cache.conn.execute(
        "SELECT id, data FROM record WHERE entity = 'application' AND pending = 0 ORDER BY id"
    )
    for app_id, data in apps:
        app = json.loads(data)
        plan = plans.get(str(app.get("plan_id")))
        if plan is None or int(app.get("version") or 0) == 0:
            continue
        applied.add(str(plan["id"]))
        rate = app.get("plan_rate_ppm")
        added += archive.append(f"applied:{app_id}", terms("applied", plan, rate, str(app_id)))
        if app.get("status") == "approved":
            added += archive.append(
                f"approved:{app_id}", terms("approved", plan, rate, str(app_id))
            )
    listed = {
        str(p)
        for (p,) in cache.conn.execute(
            "SELECT json_extract(data, '$.product_id') FROM record WHERE entity = 'listing'"
        )
    }
    for plan_id, plan in plans.items():
        cut, at = plan.get("pending_rate_ppm"), plan.get("pending_at")
        if cut is None or not at:
            continue
        if plan_id not in applied and str(plan.get("product_id")) not in listed:
            continue
        key = f"notified:{plan_id}:{cut}:{at}"
        added += archive.append(key, terms("notified", plan, _my_rate(plan, me), None))
    return added


def _my_rate(plan: dict[str, Any], me: str) -> int | None:
    for named in plan.get("creators") or []:
        if named.get("creator_id") == me:
            return int(named["rate_ppm"])
    rate = plan.get("rate_ppm")
    return None if rate is None else int(rate)
