"""Backoff waits: full jitter within its bound, the policy's checks, Retry-After parsing."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from workbench.client.backoff import Retry, full_jitter, parse_retry_after


def test_full_jitter_stays_within_the_exponential_bound() -> None:
    rng = random.Random(1)
    for attempt in range(12):
        bound = min(30.0, 0.5 * 2**attempt)
        waits = [full_jitter(attempt, 0.5, 30.0, rng) for _ in range(200)]
        assert all(0.0 <= w <= bound for w in waits)
        # Spread over the whole range, not bunched at the bound (that would be no jitter).
        assert min(waits) < bound * 0.1 and max(waits) > bound * 0.9


def test_full_jitter_is_reproducible_with_a_seeded_rng() -> None:
    first = [full_jitter(a, 0.5, 30.0, random.Random(7)) for a in range(5)]
    again = [full_jitter(a, 0.5, 30.0, random.Random(7)) for a in range(5)]
    assert first == again


def test_huge_attempt_numbers_stay_at_the_cap() -> None:
    assert full_jitter(10_000, 0.5, 30.0, random.Random(1)) <= 30.0


def test_retry_defaults_and_checks() -> None:
    policy = Retry()
    assert (policy.max_attempts, policy.base, policy.cap) == (6, 0.5, 30.0)
    assert 0.0 <= policy.delay(3, random.Random(1)) <= 4.0
    with pytest.raises(ValueError):
        Retry(max_attempts=0)
    with pytest.raises(ValueError):
        Retry(base=-1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        ("-4", 0.0),
        ("", None),
        (None, None),
        ("soon", None),
        ("Wed, 21 Oct 2026 07:28:10 GMT", 10.0),
        ("Wed, 21 Oct 2026 07:27:00 GMT", 0.0),
    ],
)
def test_retry_after(value: str | None, expected: float | None) -> None:
    now = datetime(2026, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(value, now) == expected
