"""Money in 分 (fen) and rates in ppm, as integers, with conversions at the edges.

Floats never hold money: a price is an ``int`` of 分, a commission or service rate an ``int`` of
parts per million (300000 = 30 %). Commission is rounded half-up to the 分.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

PPM = 1_000_000
MAX_PLAN_RATE_PERCENT = 90


def commission_fen(paid_fen: int, rate_ppm: int) -> int:
    """Commission on a paid amount: ``paid × rate``, rounded half-up to the 分.

    Pure integer arithmetic: ``(a·r + PPM/2) // PPM`` is half-up for non-negative values.
    """
    if paid_fen < 0 or rate_ppm < 0:
        raise ValueError("amount and rate must not be negative")
    return (paid_fen * rate_ppm + PPM // 2) // PPM


def commission_sql(amount: str, rate: str) -> str:
    """:func:`commission_fen` as an SQLite expression of the columns (or expressions)
    ``amount`` (分) and ``rate`` (ppm): integer division, so the same half-up rounding."""
    return f"(({amount}) * ({rate}) + {PPM // 2}) / {PPM}"


def percent_to_ppm(percent: int) -> int:
    """The platform's whole-percent plan ``ratio`` (0–90) to ppm."""
    return int(percent) * 10_000


def ppm_to_percent(ppm: int) -> Decimal:
    """A rate in ppm as a Decimal percent, for display."""
    return Decimal(ppm) / Decimal(10_000)


def yuan_to_fen(text: str) -> int:
    """Parse a yuan amount typed by a person ("12.5", "¥1,299.00") into 分.

    Raises ValueError for anything that is not a non-negative amount with at most two decimals.
    """
    cleaned = text.strip().replace(",", "").replace("¥", "").replace("￥", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {text!r}") from exc
    if not value.is_finite() or value < 0:
        raise ValueError(f"not a non-negative amount: {text!r}")
    try:
        exact = value == value.quantize(Decimal("0.01"))
    except InvalidOperation as exc:  # too large to hold in 分
        raise ValueError(f"amount out of range: {text!r}") from exc
    if not exact:
        raise ValueError(f"more than two decimals: {text!r}")
    return int(value * 100)


def fen_to_yuan_text(fen: int) -> str:
    """分 as a yuan string with two decimals ("12.50"); exact, no float."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def ppm_to_percent_text(ppm: int) -> str:
    """A rate as a percent string without trailing zeros ("30%", "12.5%")."""
    value = ppm_to_percent(ppm).normalize()
    text = format(value, "f")
    return f"{text}%"
