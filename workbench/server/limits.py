"""Per-account rate limiting (token bucket) and the request body size limit.

The rate limit is kept per server process: with N workers an account may get up to N times the
rate. That is a deliberate trade (no database write per request); the limit protects the server
from a runaway client, it is not a billing meter.
"""

from __future__ import annotations

import json
import math
import threading
import time
from typing import Any

from workbench.contract import PROBLEM_MEDIA_TYPE
from workbench.core.errors import DomainError, ErrorCode

Scope = dict[str, Any]


class RateLimiter:
    """Token buckets keyed by account id (or client address before login)."""

    def __init__(self, per_second: float, burst: int) -> None:
        self.per_second = per_second
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Take one token for ``key``, or raise ``rate_limited`` with the wait in seconds."""
        if self.per_second <= 0:
            return
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.per_second)
            if tokens < 1.0:
                self._buckets[key] = (tokens, now)
                wait = math.ceil((1.0 - tokens) / self.per_second)
                raise DomainError(
                    ErrorCode.RATE_LIMITED, "too many requests: slow down", retry_after=wait
                )
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > 100_000:
                self._buckets.clear()  # bounded memory; a reset only forgives


class ThreadLimit:
    """ASGI middleware: at most ``threads`` requests of this process in the thread pool at once.

    FastAPI runs each (sync) endpoint in anyio's pool, 40 threads by default. Under a crowd that
    is 40 requests per process holding a connection and building answers at once: past the
    cores, more threads only add GIL hand-offs, and each keeps its peak memory. Requests beyond
    the limit wait in the event loop instead. Set on the first request (it needs the loop).
    """

    def __init__(self, app: Any, threads: int) -> None:
        self.app = app
        self.threads = threads
        self._set = False

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if not self._set:
            from anyio import to_thread

            to_thread.current_default_thread_limiter().total_tokens = self.threads
            self._set = True
        await self.app(scope, receive, send)


class BodyLimit:
    """ASGI middleware: a 413 problem for bodies over ``max_bytes``, declared or streamed."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _send_413(send, self.max_bytes)
            return
        seen = 0
        too_big = False

        async def counted_receive() -> Any:
            # Past the limit, end the body early; the app's answer is then replaced below.
            nonlocal seen, too_big
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    too_big = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded_send(message: Any) -> None:
            if not too_big:
                await send(message)

        await self.app(scope, counted_receive, guarded_send)
        if too_big:
            await _send_413(send, self.max_bytes)


async def _send_413(send: Any, limit: int) -> None:
    body = json.dumps(
        {
            "type": f"https://workbench.invalid/problems/{ErrorCode.PAYLOAD_TOO_LARGE.value}",
            "title": "Payload too large",
            "status": 413,
            "code": ErrorCode.PAYLOAD_TOO_LARGE.value,
            "detail": f"the body is larger than {limit} bytes",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
