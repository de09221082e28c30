"""Commission reconciliation arithmetic: what an order line should earn, and how a settlement
compares. Integers only (分, ppm), half-up, no I/O.

Expected commission of an order line = (paid − refunded) × the rate in force at order time,
rounded half-up to the 分 (``money.commission_fen``). A settlement record says what was paid
for the line (its base, rate and amount, and when); :func:`classify` names the difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workbench.core.money import commission_fen


class Verdict(StrEnum):
    """How a settled (or settle-due) order line compares with what it should have earned."""

    MATCHED = "matched"
    MISSING = "missing"  # due, but no settlement record
    SHORT_PAID = "short_paid"
    OVER_PAID = "over_paid"
    REFUNDED_AFTER = "refunded_after_settlement"  # a refund after payment, not clawed back


def expected_commission_fen(paid_fen: int, refund_fen: int, rate_ppm: int) -> int:
    """(paid − refund) × rate, half-up to the 分; a refund above the paid amount earns 0."""
    if paid_fen < 0 or refund_fen < 0:
        raise ValueError("amounts must not be negative")
    return commission_fen(max(paid_fen - refund_fen, 0), rate_ppm)


@dataclass(frozen=True, slots=True)
class Comparison:
    verdict: Verdict
    expected_fen: int
    settled_fen: int

    @property
    def difference_fen(self) -> int:
        """Settled − expected: negative when the creator is owed money."""
        return self.settled_fen - self.expected_fen


def classify(
    expected_fen: int,
    settled_fen: int | None,
    *,
    refunded_after_settlement: bool = False,
) -> Comparison:
    """Compare a line's expected commission with its settlement (``None``: no record).

    An over-payment explained by a refund after the settlement is ``REFUNDED_AFTER`` (the
    platform owes a claw-back, not the creator a claim); other differences are short or over
    paid.
    """
    if settled_fen is None:
        return Comparison(Verdict.MISSING, expected_fen, 0)
    if settled_fen == expected_fen:
        verdict = Verdict.MATCHED
    elif settled_fen < expected_fen:
        verdict = Verdict.SHORT_PAID
    elif refunded_after_settlement:
        verdict = Verdict.REFUNDED_AFTER
    else:
        verdict = Verdict.OVER_PAID
    return Comparison(verdict, expected_fen, settled_fen)
