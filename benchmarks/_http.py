"""A minimal HTTP/1.1 keep-alive client on asyncio streams, for the load benchmark.

httpx spends about as much CPU per request as the server does, and the load generator shares
the machine with the server it measures: at 500 clients it would take most of a core. This one
connection per simulated device (as a real device has) writes the request in one buffer and
reads ``Content-Length`` or chunked answers; orjson for the bodies. Loopback only.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import orjson

IDLE_REUSE = 4.0  # seconds: an older idle connection is replaced (the server drops it at 5 s)


@dataclass
class Answer:
    status_code: int
    content: bytes

    def json(self) -> Any:
        return orjson.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode(errors="replace")


class HttpError(Exception):
    """The connection failed or the answer was not HTTP."""


class Connection:
    """One keep-alive connection to ``host:port``; requests on it run one at a time."""

    def __init__(self, host: str, port: int, timeout: float = 60) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._last = 0.0
        self._lock = asyncio.Lock()

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        if params:
            path = f"{path}?{urlencode(params)}"
        body = b"" if json is None else orjson.dumps(json)
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines.extend(f"{k}: {v}" for k, v in (headers or {}).items())
        if json is not None:
            lines.append("Content-Type: application/json")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode()
        async with self._lock:
            try:
                return await asyncio.wait_for(self._exchange(head + body), self.timeout)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                await self.close()
                raise HttpError(repr(exc)) from exc

    async def _exchange(self, request: bytes) -> Answer:
        if self._writer is None or time.monotonic() - self._last > IDLE_REUSE:
            await self.close()
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None and self._writer is not None
        self._writer.write(request)
        await self._writer.drain()
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        fields = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                fields[name.strip().lower()] = value.strip()
        if "content-length" in fields:
            content = await self._reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16):
                parts.append(await self._reader.readexactly(size))
                await self._reader.readexactly(2)
            await self._reader.readuntil(b"\r\n")
            content = b"".join(parts)
        else:
            content = await self._reader.read()
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            await self.close()
        self._last = time.monotonic()
        return Answer(status, content)

    async def close(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
