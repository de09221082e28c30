"""Server settings: one dataclass, filled from the command line (or by the embedding app)."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    faults: FaultSettings = field(default_factory=FaultSettings)
