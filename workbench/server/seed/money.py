"""The demo creators' money history: a deposit (保证金) with its ledger, and monthly settlements.

creator_demo and creator_legacy each paid a deposit when they started selling; the ledger has
what happened since (a deduction for a violation, the top-up after it, a higher requirement).
The balance is the ledger's sum. Settlements (结算) are one row per creator and month
(Asia/Shanghai months, as the platform's statements), tallied from the seeded orders as they
are made: orders, GMV (paid − refunded), commission earned (not cancelled) and settled so far.
A month is ``open`` while it runs, ``pending`` until its payout on the 15th of the next month,
then ``paid``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from workbench.core.enums import CommissionStatus, DepositEntryKind, OrderStatus, SettlementStatus
from workbench.server.seed.ids import uuid7_at

CHINA = timedelta(hours=8)
PAYOUT_DAY = 15  # of the month after: the platform pays a month's commission then
_NOT_COUNTED = (OrderStatus.UNPAID, OrderStatus.CANCELLED)

# (kind, 分, days after the account was made, note) per demo login key.
_LEDGERS: dict[str, tuple[tuple[DepositEntryKind, int, int, str], ...]] = {
    "creator": (
        (DepositEntryKind.PAY_IN, 100_000, 2, "开通带货功能，缴纳带货保证金"),
        (DepositEntryKind.DEDUCTION, -20_000, 131, "违规扣除：推广内容夸大商品功效"),
        (DepositEntryKind.TOP_UP, 20_000, 134, "扣除后补缴至保证金标准"),
        (DepositEntryKind.TOP_UP, 100_000, 300, "新增食品饮料类目，保证金标准上调至 2,000 元"),
        (DepositEntryKind.REFUND, -50_000, 470, "店铺保证金调整，多缴部分退还"),
    ),
    "creator_legacy": (
        (DepositEntryKind.PAY_IN, 50_000, 1, "开通视频号橱窗带货，缴纳带货保证金"),
        (DepositEntryKind.DEDUCTION, -5_000, 210, "违规扣除：直播间引导站外交易"),
        (DepositEntryKind.TOP_UP, 5_000, 216, "扣除后补缴至保证金标准"),
    ),
}


def deposit_rows(
    rng: random.Random, creator_id: str, login_key: str, opened_at: datetime
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A demo creator's deposit row and its ledger, oldest first."""
    entries: list[dict[str, Any]] = []
    balance = 0
    for kind, amount, days, note in _LEDGERS[login_key]:
        at = (opened_at + timedelta(days=days, seconds=rng.randrange(9 * 3600, 20 * 3600))).replace(
            microsecond=0
        )
        balance += amount
        entries.append(
            {
                "id": uuid7_at(at, rng),
                "creator_id": creator_id,
                "kind": kind.value,
                "amount_fen": amount,
                "balance_after_fen": balance,
                "at": at,
                "note": note,
            }
        )
    deposit = {
        "id": uuid7_at(entries[0]["at"], rng),
        "creator_id": creator_id,
        "balance_fen": balance,
        "required_fen": balance,  # topped up to the requirement
        "updated_at": entries[-1]["at"],
        "version": 1,
    }
    return deposit, entries


def month_of(at: datetime) -> str:
    """``YYYY-MM`` of ``at`` in Asia/Shanghai."""
    return (at.astimezone(UTC) + CHINA).strftime("%Y-%m")


@dataclass
class Tally:
    """Orders, GMV, commission earned and settled, per (creator, month), as orders are made."""

    creators: frozenset[str]
    months: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def add(self, order: dict[str, Any], lines: list[dict[str, Any]]) -> None:
        creator = order["creator_id"]
        if creator not in self.creators or order["status"] in _NOT_COUNTED:
            return
        figures = self.months.setdefault((creator, month_of(order["created_at"])), [0, 0, 0, 0])
        commission = sum(line["commission_fen"] for line in lines)
        figures[0] += 1
        figures[1] += sum(line["paid_fen"] - line["refund_fen"] for line in lines)
        if order["commission_status"] != CommissionStatus.CANCELLED:
            figures[2] += commission
        if order["commission_status"] == CommissionStatus.SETTLED:
            figures[3] += commission


def payout_at(month: str) -> datetime:
    """10:00 Asia/Shanghai on the payout day of the month after ``month``."""
    year, number = (int(part) for part in month.split("-"))
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return datetime(year, number, PAYOUT_DAY, 10, tzinfo=UTC) - CHINA


def settlement_rows(rng: random.Random, tally: Tally, now: datetime) -> list[dict[str, Any]]:
    """One settlement row per (creator, month) the tally saw, in month order."""
    current = month_of(now)
    rows = []
    for (creator, month), (orders, gmv, earned, settled) in sorted(
        tally.months.items(), key=lambda kv: (kv[0][1], kv[0][0])
    ):
        paid_at = payout_at(month)
        if month == current:
            status, paid_at_or_none = SettlementStatus.OPEN, None
        elif paid_at > now:
            status, paid_at_or_none = SettlementStatus.PENDING, None
        else:
            status, paid_at_or_none = SettlementStatus.PAID, paid_at
        year, number = (int(part) for part in month.split("-"))
        rows.append(
            {
                "id": uuid7_at(datetime(year, number, 1, tzinfo=UTC) - CHINA, rng),
                "creator_id": creator,
                "month": month,
                "orders": orders,
                "gmv_fen": gmv,
                "earned_fen": earned,
                "settled_fen": settled,
                "status": status.value,
                "paid_at": paid_at_or_none,
                "version": 1,
            }
        )
    return rows
