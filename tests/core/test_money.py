"""Money in 分 and rates in ppm: exact, half-up, never float."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.money import (
    commission_fen,
    fen_to_yuan_text,
    percent_to_ppm,
    ppm_to_percent_text,
    yuan_to_fen,
)


@pytest.mark.parametrize(
    ("paid", "rate", "expected"),
    [
        (1000, 300_000, 300),  # 10.00 × 30 % = 3.00
        (5, 100_000, 1),  # 0.5 分 rounds half up
        (4, 100_000, 0),  # 0.4 分 rounds down
        (15, 100_000, 2),  # 1.5 分 → 2
        (999, 0, 0),
        (0, 900_000, 0),
        (12345, 123_456, 1524),  # 1524.06… → 1524
    ],
)
def test_commission_rounds_half_up(paid: int, rate: int, expected: int) -> None:
    assert commission_fen(paid, rate) == expected


@given(st.integers(0, 10**10), st.integers(0, 1_000_000))
def test_commission_matches_decimal_half_up(paid: int, rate: int) -> None:
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(paid) * Decimal(rate) / Decimal(1_000_000)
    assert commission_fen(paid, rate) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_negative_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        commission_fen(-1, 10)


@pytest.mark.parametrize(
    ("text", "fen"),
    [("12.5", 1250), ("¥1,299.00", 129900), ("0", 0), ("0.01", 1), ("￥8", 800)],
)
def test_yuan_parsing(text: str, fen: int) -> None:
    assert yuan_to_fen(text) == fen


@pytest.mark.parametrize("text", ["", "abc", "-1", "1.001", "NaN", "inf", "1e400"])
def test_bad_amounts_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        yuan_to_fen(text)


def test_formatting() -> None:
    assert fen_to_yuan_text(129900) == "1299.00"
    assert fen_to_yuan_text(-5) == "-0.05"
    assert percent_to_ppm(30) == 300_000
    assert ppm_to_percent_text(300_000) == "30%"
    assert ppm_to_percent_text(125_000) == "12.5%"
