"""The commission reconciliation ledger (佣金对账): each settle-due order line of mine against
what the platform paid for it, with totals per month and a CSV export for a claim.

A line is in the ledger when its commission is settled on the platform (``commission_status``
100: it is due) or a settlement record names it, and it earns or was paid something. Expected
= (paid − refunded) × the rate the line carries (the plan terms at order time), half-up
(``core.commission``); paid = the settlement line's amount. Verdicts: matched, missing, short
paid, over paid, refunded after settlement (a refund dated after the payment, not clawed back).
Months are the orders' months (Asia/Shanghai), so a claim lists one month's orders.
"""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.commission import Verdict, classify, expected_commission_fen
from workbench.core.enums import CommissionStatus
from workbench.core.money import fen_to_yuan_text
from workbench.store.export import ExportCancelled
from workbench.store.order_figures import day_date

if TYPE_CHECKING:
    from workbench.store.cache import Cache

_QUERY = f"""
SELECT l.id, l.order_id, l.created_at, l.day, l.title, l.paid_fen, l.refund_fen,
       l.commission_ppm, l.refunded_at, s.id, s.commission_fen, s.rate_ppm, s.settled_at
FROM order_line l LEFT JOIN settlement_line s ON s.order_line_id = l.id
WHERE l.creator_id = ? AND (l.commission_status = {int(CommissionStatus.SETTLED)}
                            OR s.id IS NOT NULL)
ORDER BY l.created_at, l.id
"""


@dataclass(frozen=True, slots=True)
class LedgerRow:
    order_line_id: str
    order_id: str
    created_at: str
    month: str  # YYYY-MM of the order (Asia/Shanghai)
    title: str
    paid_fen: int
    refund_fen: int
    rate_ppm: int  # the terms at order time
    expected_fen: int
    settled_fen: int  # 0 when missing
    settled_rate_ppm: int | None
    settled_at: str | None
    refunded_at: str | None
    verdict: Verdict

    @property
    def difference_fen(self) -> int:
        return self.settled_fen - self.expected_fen


def ledger(cache: Cache, verdicts: Iterable[Verdict] | None = None) -> list[LedgerRow]:
    """Every settle-due line of the account (a creator), oldest first; only ``verdicts``."""
    wanted = set(verdicts) if verdicts is not None else None
    out = []
    for (
        line_id,
        order_id,
        created_at,
        day,
        title,
        paid,
        refund,
        rate,
        refunded_at,
        settlement_id,
        settled,
        settled_rate,
        settled_at,
    ) in cache.conn.execute(_QUERY, (cache.account_id,)):
        expected = expected_commission_fen(int(paid), int(refund), int(rate))
        if settlement_id is None and expected == 0:
            continue  # nothing due, nothing paid
        late_refund = bool(
            settled_at is not None
            and refunded_at is not None
            and _moment(refunded_at) > _moment(settled_at)
        )
        verdict = classify(
            expected,
            None if settlement_id is None else int(settled),
            refunded_after_settlement=late_refund,
        ).verdict
        if wanted is not None and verdict not in wanted:
            continue
        out.append(
            LedgerRow(
                order_line_id=str(line_id),
                order_id=str(order_id),
                created_at=str(created_at),
                month=day_date(int(day)).strftime("%Y-%m"),
                title=str(title),
                paid_fen=int(paid),
                refund_fen=int(refund),
                rate_ppm=int(rate),
                expected_fen=expected,
                settled_fen=0 if settled is None else int(settled),
                settled_rate_ppm=None if settled_rate is None else int(settled_rate),
                settled_at=settled_at,
                refunded_at=refunded_at,
                verdict=verdict,
            )
        )
    return out


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def discrepancies(cache: Cache) -> list[LedgerRow]:
    """The lines that are not matched: what a claim is about."""
    return [r for r in ledger(cache) if r.verdict is not Verdict.MATCHED]


@dataclass
class MonthTotals:
    month: str
    expected_fen: int = 0
    settled_fen: int = 0
    lines: dict[Verdict, int] = field(default_factory=dict)

    @property
    def difference_fen(self) -> int:
        return self.settled_fen - self.expected_fen


def month_totals(rows: Iterable[LedgerRow]) -> list[MonthTotals]:
    """Expected, settled and line counts per verdict, per month of order."""
    months: dict[str, MonthTotals] = {}
    for row in rows:
        held = months.setdefault(row.month, MonthTotals(row.month))
        held.expected_fen += row.expected_fen
        held.settled_fen += row.settled_fen
        held.lines[row.verdict] = held.lines.get(row.verdict, 0) + 1
    return [months[m] for m in sorted(months)]


CSV_COLUMNS = (
    "month", "order_id", "order_line_id", "created_at", "title", "paid", "refund", "rate_ppm",
    "expected", "settled", "settled_rate_ppm", "settled_at", "refunded_at", "difference",
    "verdict",
)  # fmt: skip


def export_csv(
    rows: Sequence[LedgerRow],
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    chunk: int = 2000,
) -> int:
    """Write the rows as CSV (yuan with two decimals; UTF-8 with BOM for spreadsheet apps),
    through a temporary file renamed into place; returns how many rows. ``progress(done,
    total)`` every ``chunk`` rows; ``cancel`` is looked at as often (set: the temporary file
    goes, ``path`` is left as it was, :class:`~workbench.store.export.ExportCancelled`)."""
    temporary = path.with_name(path.name + ".part")
    try:
        _write_ledger(rows, temporary, progress, cancel, chunk)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    os.replace(temporary, path)
    return len(rows)


def _write_ledger(
    rows: Sequence[LedgerRow],
    temporary: Path,
    progress: Callable[[int, int], None] | None,
    cancel: threading.Event | None,
    chunk: int,
) -> None:
    with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(CSV_COLUMNS)
        for count, r in enumerate(rows):
            if count % chunk == 0:
                if cancel is not None and cancel.is_set():
                    raise ExportCancelled
                if progress is not None:
                    progress(count, len(rows))
            out.writerow(
                (
                    r.month,
                    r.order_id,
                    r.order_line_id,
                    r.created_at,
                    r.title,
                    fen_to_yuan_text(r.paid_fen),
                    fen_to_yuan_text(r.refund_fen),
                    r.rate_ppm,
                    fen_to_yuan_text(r.expected_fen),
                    fen_to_yuan_text(r.settled_fen),
                    "" if r.settled_rate_ppm is None else r.settled_rate_ppm,
                    r.settled_at or "",
                    r.refunded_at or "",
                    fen_to_yuan_text(r.difference_fen),
                    r.verdict.value,
                )
            )
