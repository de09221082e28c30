"""A creator's deposit and settlements over REST, and the upgrade 视频号带货者 → 微信小店带货者.

On SQLite and PostgreSQL (the ``server`` fixture runs both): the deposit's balance is its
ledger's sum, settlements tally the creator's own orders, only the creator reads them, bad
parameters are problems. The upgrade keeps every history row: the count, the integer sums and
the rows themselves of every table other than the account's own are equal before and after;
the account keeps its id; a merchant sees the same orders, applications and samples of that
creator, the identity being the only change; a second upgrade is answered applied and writes
nothing; a 公众号 channel is refused before the upgrade and accepted after.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

import httpx
from sqlalchemy import BigInteger, Integer, func, select

from tests.server.conftest import Session, login
from tests.server.helpers import items
from workbench.core.enums import OrderStatus
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.db import Database
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.money import month_of
from workbench.server.seed.seeder import DEMO_LOGINS

# Not history: the account itself changes; tokens, devices, records and the log are bookkeeping.
_NOT_HISTORY = {
    "account",
    "auth_token",
    "change_log",
    "device",
    "mutation_record",
    "login_failure",
    "server_meta",
}


def _fingerprint(url: str) -> dict[str, tuple[int, dict[str, int], str]]:
    """Per history table: row count, the sum of each integer column, a digest of every row."""
    db = Database(url)
    found = {}
    try:
        with db.engine.connect() as conn:
            for table in m.Base.metadata.sorted_tables:
                if table.name in _NOT_HISTORY:
                    continue
                numbers = [c for c in table.columns if isinstance(c.type, Integer | BigInteger)]
                sums = conn.execute(
                    select(func.count(), *[func.coalesce(func.sum(c), 0) for c in numbers])
                ).one()
                rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
                digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
                found[table.name] = (
                    int(sums[0]),
                    {c.name: int(s) for c, s in zip(numbers, sums[1:], strict=True)},
                    digest,
                )
    finally:
        db.dispose()
    return found


def _log_size(url: str) -> int:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(m.ChangeLog)).scalar_one())
    finally:
        db.dispose()


def _merchants_of(url: str, creator_id: str) -> int:
    """How many merchants deal with the creator: each gets the changed profile once."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            query = select(func.count()).where(m.MerchantCreator.creator_id == creator_id)
            return int(conn.execute(query).scalar_one())
    finally:
        db.dispose()


def test_deposit_balance_is_its_ledger_and_settlements_tally_my_orders(
    sessions: dict[str, Session],
) -> None:
    for key in ("creator_a", "creator_b"):
        me = sessions[key]
        deposit = me.get("/v1/deposit").json()
        entries = items(me, "/v1/deposit/entries")
        assert deposit["creator_id"] == me.id and len(entries) >= 3
        assert deposit["balance_fen"] == sum(e["amount_fen"] for e in entries)
        assert [e["balance_after_fen"] for e in entries][-1] == deposit["balance_fen"]
        assert {e["kind"] for e in entries} >= {"pay_in", "deduction", "top_up"}
        settlements = items(me, "/v1/settlements")
        months = [s["month"] for s in settlements]
        assert months == sorted(months) and len(months) >= 6
        counted = Counter(
            month_of(_moment(o["created_at"]))
            for o in items(me, "/v1/orders")
            if o["status"] not in (OrderStatus.UNPAID, OrderStatus.CANCELLED)
        )
        assert {s["month"]: s["orders"] for s in settlements} == dict(counted)
        for s in settlements:
            assert 0 <= s["settled_fen"] <= s["earned_fen"] <= s["gmv_fen"]
            assert (s["paid_at"] is not None) == (s["status"] == "paid")
        assert settlements[-1]["status"] == "open"
        window = me.get("/v1/settlements", params={"since": months[1], "until": months[2]})
        assert [s["month"] for s in window.json()["items"]] == months[1:3]


def _moment(text: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_only_the_creator_reads_them_and_bad_parameters_are_problems(
    sessions: dict[str, Session],
) -> None:
    merchant = sessions["merchant_a"]
    for path in ("/v1/deposit", "/v1/deposit/entries", "/v1/settlements"):
        refused = merchant.get(path)
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert refused.json()["code"] == "wrong_role"
    creator = sessions["creator_a"]
    other = sessions["creator_b"].id
    assert all(e["creator_id"] == creator.id for e in items(creator, "/v1/deposit/entries"))
    assert other not in {s["creator_id"] for s in items(creator, "/v1/settlements")}
    for params in (
        {"since": "2026-13"},
        {"until": "26-01"},
        {"since": "2026-1"},
        {"limit": 0},
        {"limit": 501},
        {"since": "2026-05", "until": "2026-04"},
    ):
        bad = creator.get("/v1/settlements", params=params)
        assert bad.status_code in (400, 422), (params, bad.text)
        assert bad.headers["content-type"].startswith("application/problem+json")
        assert bad.json()["code"] == "validation_failed", params


def _merchant_view(merchant: Session, creator_id: str) -> dict[str, Any]:
    creators = merchant.get("/v1/accounts/creators").json()
    return {
        "creator": next(c for c in creators if c["id"] == creator_id),
        **{
            path: [r for r in items(merchant, path) if r["creator_id"] == creator_id]
            for path in ("/v1/orders", "/v1/applications", "/v1/samples")
        },
    }


def test_the_upgrade_keeps_every_history_row_and_a_second_one_changes_nothing(
    server: EmbeddedServer, http: httpx.Client, database_url: str
) -> None:
    legacy = login(http, DEMO_LOGINS["creator_legacy"])
    merchant = login(http, DEMO_LOGINS["merchant"])
    assert legacy.account["identity"] == "finder"
    refused = legacy.mutate(
        "channel.create", uuid7(), {"kind": "official_account", "name": "山野茶人说"}
    )
    assert (refused["status"], refused["code"]) == ("rejected", "channel_not_allowed")

    history = _fingerprint(database_url)
    assert history["deposit_entry"][0] >= 3 and history["settlement"][0] >= 12
    assert history["order_"][0] > 0 and history["listing"][0] > 0
    merchant_before = _merchant_view(merchant, legacy.id)
    assert merchant_before["/v1/orders"], "the merchant sold through this creator"
    mine_before = {p: items(legacy, p) for p in ("/v1/orders", "/v1/settlements", "/v1/listings")}
    deposit_before = legacy.get("/v1/deposit").json()
    log_before = _log_size(database_url)

    first = legacy.mutate("account.upgrade", legacy.id)
    assert first["status"] == "applied"
    assert first["row"]["id"] == legacy.id and first["row"]["identity"] == "talent"
    assert _fingerprint(database_url) == history  # counts, sums and rows: all equal
    # the account's new version, once, and its profile once for each merchant it deals with
    grown = 1 + _merchants_of(database_url, legacy.id)
    assert grown > 2 and _log_size(database_url) == log_before + grown

    second = legacy.mutate("account.upgrade", legacy.id)
    assert second["status"] == "applied" and second["row"] == first["row"]
    assert _log_size(database_url) == log_before + grown  # nothing more
    assert _fingerprint(database_url) == history

    merchant_after = _merchant_view(merchant, legacy.id)
    changed = {
        k
        for k in merchant_before["creator"]
        if merchant_before["creator"][k] != merchant_after["creator"][k]
    }
    assert changed <= {"identity", "talent_appid", "version"} and "identity" in changed
    for path in ("/v1/orders", "/v1/applications", "/v1/samples"):
        assert merchant_after[path] == merchant_before[path], path
    assert {p: items(legacy, p) for p in mine_before} == mine_before
    assert legacy.get("/v1/deposit").json() == deposit_before  # no second deposit

    accepted = legacy.mutate(
        "channel.create", uuid7(), {"kind": "official_account", "name": "山野茶人说"}
    )
    assert accepted["status"] == "applied" and accepted["row"]["kind"] == "official_account"
