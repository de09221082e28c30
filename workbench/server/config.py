"""Server settings: one dataclass, filled from the command line (or by the embedding app).

``clock`` is the server's one source of "now" for business rules (a plan's notice period, a
sample's content due date): tests pass a :class:`ManualClock` and advance it, instead of
patching ``datetime``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from workbench.server.types import utcnow

CUT_NOTICE_ENV = "WORKBENCH_CUT_NOTICE_DAYS"
DEFAULT_CUT_NOTICE_DAYS = 7
MAX_CUT_NOTICE_DAYS = 365

Clock = Callable[[], datetime]


def cut_notice_days_from_env() -> int:
    """``WORKBENCH_CUT_NOTICE_DAYS`` (0-365), else 7: how long a commission cut waits."""
    raw = os.environ.get(CUT_NOTICE_ENV, "").strip()
    if not raw:
        return DEFAULT_CUT_NOTICE_DAYS
    try:
        days = int(raw)
    except ValueError:
        raise ValueError(f"{CUT_NOTICE_ENV} must be a whole number of days, got {raw!r}") from None
    if not 0 <= days <= MAX_CUT_NOTICE_DAYS:
        raise ValueError(f"{CUT_NOTICE_ENV} must be 0-{MAX_CUT_NOTICE_DAYS}, got {days}")
    return days


class ManualClock:
    """A clock that stands still until told to move (tests): ``clock.advance(days=8)``."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a clock tells aware UTC times")
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self._now += timedelta(**delta)
            return self._now


@dataclass(frozen=True)
class FaultSettings:
    """Fault injection, for tests only: off unless the server is started with it enabled."""

    enabled: bool = False
    error_rate: float = 0.0  # share of answers replaced by a 503
    drop_rate: float = 0.0  # share of answers cut off mid-body (after the handler ran)
    latency_ms: int = 0  # added before every answer
    seed: int | None = None


@dataclass(frozen=True)
class ServerSettings:
    database_url: str = "sqlite:///workbench-server.sqlite3"
    access_ttl_seconds: int = 900
    refresh_ttl_seconds: int = 30 * 24 * 3600
    rate_limit_per_second: float = 50.0  # per account, sustained
    rate_limit_burst: int = 200
    max_body_bytes: int = 2 * 1024 * 1024
    threads: int = 12  # requests per process running at once (limits.ThreadLimit)
    login_lockout_after: int = 5  # failed logins in a row before a login name is locked
    login_lockout_seconds: int = 30  # the first lock; doubles with each further failure
    login_lockout_max_seconds: int = 900
    # Peers whose X-Forwarded-For is believed (addresses or networks); none by default, so a
    # client cannot pick its own rate-limit bucket by sending the header.
    trusted_proxies: tuple[str, ...] = ()
    retention_days: int = 90  # tombstones kept this long; older cursors get the reset answer
    # A merchant's cut of a plan's rate takes effect this many days later when a creator lists
    # the product or applied to the plan (raises are immediate): ``handlers/plans.py``.
    cut_notice_days: int = field(default_factory=cut_notice_days_from_env)
    clock: Clock = utcnow  # "now" for business rules; a ManualClock in tests
    faults: FaultSettings = field(default_factory=FaultSettings)
