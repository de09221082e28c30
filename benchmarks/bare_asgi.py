"""The floor of a request on this machine: a bare ASGI app on the server's uvicorn settings.

    .venv/bin/python benchmarks/bare_asgi.py PORT

``benchmarks/request_cpu.py`` starts it beside the real server and reports its CPU per request
as the reference: uvicorn parsing the request and writing a constant JSON answer, no framework,
no database. Same settings as ``workbench-server serve`` (one process, the installed HTTP parser
and event loop, no access log, no proxy headers).
"""

from __future__ import annotations

import sys
from typing import Any

import uvicorn

BODY = b'{"status":"ok"}'
HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


if __name__ == "__main__":
    uvicorn.run(
        app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning",
        proxy_headers=False, access_log=False,
    )  # fmt: skip
