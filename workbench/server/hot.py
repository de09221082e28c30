"""The two requests every client sends every few seconds, past FastAPI's routing.

An idle pull (``GET /v1/sync/changes``) and a push (``POST /v1/sync/mutations``) are most of a
busy server's requests. Through FastAPI each pays the route match over every route, dependency
solving, parameter models and the exception middleware's wrappers, which together cost more
CPU than the pull's own work. This ASGI middleware answers them directly when the request is
plainly well formed: known query parameters, each once, in canonical form; a bearer token; a
JSON body that the very model FastAPI uses accepts. Anything else (a missing token, an unknown
or repeated parameter, percent-encoding, a body that fails validation, another method) goes to
the app unchanged, the body replayed, so every error answer stays FastAPI's own. The work and
its errors are the routes' own too (``routes.sync.changes_json``, ``mutations_json``; a domain
error becomes the same problem as through the app's handler), run in the same thread pool.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from anyio import to_thread
from pydantic import ValidationError

from workbench.contract.sync import MAX_CHANGES_PER_PAGE, MutationBatch, Scope
from workbench.core.errors import DomainError
from workbench.server.auth import parse_bearer
from workbench.server.deps import Bearer, ServerState
from workbench.server.problems import domain_problem
from workbench.server.routes.sync import changes_json, mutations_json

CHANGES = "/v1/sync/changes"
MUTATIONS = "/v1/sync/mutations"
_SCOPES = {scope.value: scope for scope in Scope}
# A cursor as this server writes them (unpadded base64url); anything else takes the long way.
_CURSOR_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_CURSOR_MAX = 200  # the route's ``max_length``
_JSON_HEADERS = [(b"content-type", b"application/json")]


class HotPaths:
    """ASGI middleware: the feed and mutation batches answered without FastAPI's routing."""

    def __init__(self, app: Any, wb: ServerState) -> None:
        self.app = app
        self.wb = wb

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path, method = scope["path"], scope["method"]
            if path == CHANGES and method == "GET":
                work = self._changes(scope)
                if work is not None:
                    await _answer(work, send)
                    return
            elif path == MUTATIONS and method == "POST":
                await self._mutations(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _changes(self, scope: dict[str, Any]) -> Callable[[], bytes] | None:
        """The pull's work, or None when FastAPI should judge the request."""
        params = _query(scope["query_string"])
        token = _token(scope)
        if params is None or token is None:
            return None
        feed_scope = _SCOPES.get(params.pop(b"scope", b"").decode())
        cursor = params.pop(b"cursor", None)
        limit = params.pop(b"limit", b"1000")
        if (
            feed_scope is None
            or params
            or (cursor is not None and not (len(cursor) <= _CURSOR_MAX and _is_cursor(cursor)))
            or not (limit.isdigit() and 1 <= int(limit) <= MAX_CHANGES_PER_PAGE)
        ):
            return None
        auth = Bearer(token=token, wb=self.wb)
        text = cursor.decode() if cursor else None  # an empty cursor is none, as in the route
        return lambda: changes_json(auth, feed_scope, text, int(limit))

    async def _mutations(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client left: let the app see it
                await self.app(scope, _replay(chunks, message, receive), send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        token = _token(scope)
        batch = _batch(scope, b"".join(chunks)) if token is not None else None
        if token is None or batch is None:
            await self.app(scope, _replay(chunks, None, receive), send)
            return
        auth = Bearer(token=token, wb=self.wb)
        await _answer(lambda: mutations_json(auth, batch), send)


async def _answer(work: Callable[[], bytes], send: Any) -> None:
    try:
        body = await to_thread.run_sync(work)
    except DomainError as exc:
        response = domain_problem(exc)
        await send(
            {"type": "http.response.start", "status": response.status_code,
             "headers": response.raw_headers}
        )  # fmt: skip
        await send({"type": "http.response.body", "body": response.body})
        return
    await send(
        {"type": "http.response.start", "status": 200,
         "headers": [*_JSON_HEADERS, (b"content-length", str(len(body)).encode())]}
    )  # fmt: skip
    await send({"type": "http.response.body", "body": body})


def _query(raw: bytes) -> dict[bytes, bytes] | None:
    """Plain ``name=value`` pairs, each name once; None for anything that needs decoding."""
    found: dict[bytes, bytes] = {}
    if not raw:
        return found
    if b"%" in raw or b"+" in raw:
        return None
    for pair in raw.split(b"&"):
        name, equals, value = pair.partition(b"=")
        if not equals or name in found:
            return None
        found[name] = value
    return found


def _is_cursor(value: bytes) -> bool:
    return all(c in _CURSOR_CHARS for c in value)


def _token(scope: dict[str, Any]) -> str | None:
    """The bearer token, or None (no header, or not a usable one: the app says why)."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            try:
                return parse_bearer(value.decode("latin-1"))
            except DomainError:
                return None
    return None


def _batch(scope: dict[str, Any], body: bytes) -> MutationBatch | None:
    """The batch as the route's body model reads it, or None for anything it would refuse."""
    content_type = b""
    for name, value in scope["headers"]:
        if name == b"content-type":
            content_type = value
    if content_type != b"application/json":
        return None
    try:
        return MutationBatch.model_validate(orjson.loads(body))
    except (orjson.JSONDecodeError, ValidationError):
        return None


def _replay(chunks: list[bytes], last: dict[str, Any] | None, receive: Any) -> Any:
    """A ``receive`` that hands the app the body already read (and ``last``, the message that
    ended it early), then whatever ``receive`` brings after it."""
    pending: list[dict[str, Any]] = [
        {"type": "http.request", "body": b"".join(chunks), "more_body": last is not None}
    ]
    if last is not None:
        pending.append(last)

    async def replayed() -> Any:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
