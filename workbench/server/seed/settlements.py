"""What the platform paid per order line (结算明细), with a few planted discrepancies.

A creator's line is settled once its order is completed and 15 days old (``CommissionStatus
.SETTLED``): one ``settlement_line`` a line, paying ``(paid − refund) × the line's rate`` (the
plan terms at order time), half-up, a day or two after the 15 days. Lines that earn nothing (fully
refunded, rate 0) have none.

For the reconciliation to find, one creator's stream gets, at fixed places among their settled
lines, exactly one of each:

- ``missing``: a settled line with no settlement record;
- ``rate``: a settlement at a rate that differs from the plan's rate at order time (short paid);
- ``refund_after``: a refund after the settlement, not clawed back (over paid).

:attr:`SettlementMaker.planted` lists them (kind, order line id) and the seeder keeps the list in
``server_meta`` (:data:`PLANTED_KEY`), so tests compare the ledger with exactly these.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from workbench.core.commission import expected_commission_fen
from workbench.core.enums import CommissionStatus
from workbench.server.seed.orders import SETTLE_AFTER

PLANTED_KEY = "settlement_discrepancies"
RATE_CUT_PPM = 20_000  # the wrong rate: two points below the plan's
# Where the plants go among the planted creator's settled lines (0-based, in order of time).
PLANT_AT = {4: "missing", 9: "rate", 14: "refund_after"}
_MIN_BASE_FEN = 1_000  # plants only on lines worth a claim


class SettlementMaker:
    """Settlement rows of each order, as the orders are made (oldest first)."""

    def __init__(self, rng: random.Random, now: datetime, planted_creator: str | None) -> None:
        self.rng, self.now, self.planted_creator = rng, now, planted_creator
        self.planted: list[tuple[str, str]] = []
        self._seen = 0

    def lines(self, order: dict[str, Any], lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The settlement rows of one order (may change a line: a refund after settlement)."""
        creator = order["creator_id"]
        if creator is None or order["commission_status"] != CommissionStatus.SETTLED:
            return []
        settled_at = (
            order["created_at"] + SETTLE_AFTER + timedelta(hours=6 + self.rng.random() * 40)
        )
        settled_at = min(settled_at, self.now - timedelta(hours=1))
        rows = []
        for line in lines:
            base = line["paid_fen"] - line["refund_fen"]
            rate = int(line["commission_ppm"])
            paid = expected_commission_fen(line["paid_fen"], line["refund_fen"], rate)
            if paid == 0:
                continue
            plant = self._plant(creator, base)
            if plant is not None:
                self.planted.append((plant, line["id"]))
            if plant == "missing":
                continue
            if plant == "rate":
                rate = max(rate - RATE_CUT_PPM, 0)
                paid = expected_commission_fen(base, 0, rate)
            if plant == "refund_after":
                # Half the line comes back a few days after the settlement: nothing is clawed back.
                line["refund_fen"] = line["refund_fen"] + base // 2
                line["refunded_at"] = min(settled_at + timedelta(days=3), self.now)
            rows.append(
                {
                    "id": f"s{line['id']}",
                    "order_line_id": line["id"],
                    "order_id": order["id"],
                    "creator_id": creator,
                    "merchant_id": order["merchant_id"],
                    "settled_at": settled_at,
                    "base_fen": base,
                    "rate_ppm": rate,
                    "commission_fen": paid,
                    "version": 1,
                }
            )
        return rows

    def _plant(self, creator: str, base: int) -> str | None:
        if creator != self.planted_creator or base < _MIN_BASE_FEN:
            return None
        plant = PLANT_AT.get(self._seen)
        self._seen += 1
        return plant
