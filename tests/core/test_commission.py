"""Expected commission per order line and the settlement verdicts, against ``Decimal``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.commission import Verdict, classify, expected_commission_fen

fen = st.integers(min_value=0, max_value=10**12)
rates = st.integers(min_value=0, max_value=900_000)


def _decimal_expected(paid: int, refund: int, rate: int) -> int:
    base = max(Decimal(paid) - Decimal(refund), Decimal(0))
    exact = base * Decimal(rate) / Decimal(1_000_000)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@given(fen, fen, rates)
def test_expected_commission_equals_decimal_half_up(paid: int, refund: int, rate: int) -> None:
    assert expected_commission_fen(paid, refund, rate) == _decimal_expected(paid, refund, rate)


def test_half_up_at_the_half_fen() -> None:
    assert expected_commission_fen(5, 0, 100_000) == 1  # 0.5 分 up
    assert expected_commission_fen(15, 10, 100_000) == 1  # on paid − refund
    assert expected_commission_fen(4, 0, 100_000) == 0
    assert expected_commission_fen(100, 200, 300_000) == 0  # refund above paid earns nothing


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError):
        expected_commission_fen(-1, 0, 1)


@given(st.integers(0, 10**9), st.one_of(st.none(), st.integers(0, 10**9)), st.booleans())
def test_verdicts(expected: int, settled: int | None, late_refund: bool) -> None:
    found = classify(expected, settled, refunded_after_settlement=late_refund)
    if settled is None:
        assert found.verdict is Verdict.MISSING and found.difference_fen == -expected
    elif settled == expected:
        assert found.verdict is Verdict.MATCHED
    elif settled < expected:
        assert found.verdict is Verdict.SHORT_PAID
    else:
        assert found.verdict is (Verdict.REFUNDED_AFTER if late_refund else Verdict.OVER_PAID)
    if settled is not None:
        assert found.difference_fen == settled - expected
