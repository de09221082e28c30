"""How long to wait before trying again: exponential backoff with full jitter, and Retry-After.

Full jitter (a uniform wait between zero and the exponential bound) spreads the retries of many
clients after an outage, so they do not hammer a recovering server in lockstep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def full_jitter(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """A wait in ``[0, min(cap, base * 2**attempt)]``; ``attempt`` counts from 0."""
    bound = min(cap, base * 2 ** max(0, min(attempt, 62)))
    return rng.uniform(0.0, bound)


@dataclass(frozen=True)
class Retry:
    """The retry policy: attempts in all (the first included), backoff base and cap in seconds.

    ``max_retry_after`` caps how long a server's ``Retry-After`` may make the client wait.
    """

    max_attempts: int = 6
    base: float = 0.5
    cap: float = 30.0
    max_retry_after: float = 300.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base < 0 or self.cap < 0 or self.max_retry_after < 0:
            raise ValueError("waits cannot be negative")

    def delay(self, attempt: int, rng: random.Random) -> float:
        """The jittered wait after failed attempt number ``attempt`` (counting from 0)."""
        return full_jitter(attempt, self.base, self.cap, rng)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), or None."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
