"""Fault injection for tests: 503 answers, added latency, answers cut off mid-body.

Only installed when the server is started with faults enabled (``serve --faults``, or the test
fixtures); a production server has no such middleware and no control endpoint. Dropped answers
are cut *after* the handler ran, which is the nasty case: the effect is committed but the client
never hears of it, and must retry safely.
"""

from __future__ import annotations

import asyncio
import json
import random
from dataclasses import replace
from typing import Any

from workbench.contract import PROBLEM_MEDIA_TYPE
from workbench.core.errors import ErrorCode
from workbench.server.config import FaultSettings

CONTROL_PATH = "/v1/_faults"
_EXEMPT = ("/healthz", CONTROL_PATH)


class FaultInjector:
    """ASGI middleware applying the current :class:`FaultSettings` to every request."""

    def __init__(self, app: Any, settings: FaultSettings) -> None:
        self.app = app
        self.settings = settings
        self._random = random.Random(settings.seed)

    def reseed(self, seed: int) -> None:
        """Start the fault dice over, so a test run replays the same faults."""
        self._random.seed(seed)

    def update(self, **changes: Any) -> FaultSettings:
        self.settings = replace(self.settings, **changes)
        return self.settings

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith(_EXEMPT):
            await self.app(scope, receive, send)
            return
        s = self.settings
        if s.latency_ms:
            await asyncio.sleep(s.latency_ms / 1000)
        if s.error_rate and self._random.random() < s.error_rate:
            await _send_503(send)
            return
        if s.drop_rate and self._random.random() < s.drop_rate:
            await self.app(scope, receive, _cut_after_start(send))
            return
        await self.app(scope, receive, send)


class _Cut(Exception):
    """Raised into the server to abort the connection mid-answer."""


def _cut_after_start(send: Any) -> Any:
    started = False

    async def cutting_send(message: dict[str, Any]) -> None:
        nonlocal started
        if message["type"] == "http.response.start":
            # Promise a longer body than will ever come, then drop the connection.
            headers = [(k, v) for k, v in message.get("headers", []) if k != b"content-length"]
            headers.append((b"content-length", b"1048576"))
            await send({**message, "headers": headers})
            started = True
            return
        if message["type"] == "http.response.body" and started:
            body = message.get("body", b"")
            await send(
                {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
            )
            raise _Cut("fault injection: connection dropped mid-response")
        await send(message)

    return cutting_send


async def _send_503(send: Any) -> None:
    body = json.dumps(
        {
            "type": f"https://workbench.invalid/problems/{ErrorCode.INJECTED_FAULT.value}",
            "title": "Service unavailable",
            "status": 503,
            "code": ErrorCode.INJECTED_FAULT.value,
            "detail": "fault injection",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
