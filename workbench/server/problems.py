"""Every error answer is ``application/problem+json`` with a stable ``code``.

Domain errors map to HTTP statuses here, in one table; request validation, unknown routes and
unexpected exceptions are turned into problems too, so a client never has to parse HTML or a
bare string.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from workbench.contract import PROBLEM_MEDIA_TYPE
from workbench.contract.errors import Problem
from workbench.core.errors import DomainError, ErrorCode

log = logging.getLogger(__name__)

_RESERVED = frozenset({"type", "title", "status", "code", "detail", "headers"})

STATUS_OF: dict[ErrorCode, int] = {
    ErrorCode.VALIDATION_FAILED: 422,
    ErrorCode.MALFORMED_JSON: 400,
    ErrorCode.PAYLOAD_TOO_LARGE: 413,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.INTERNAL_ERROR: 500,
    ErrorCode.INJECTED_FAULT: 503,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.TOKEN_EXPIRED: 401,
    ErrorCode.INVALID_CREDENTIALS: 401,
    ErrorCode.ACCOUNT_LOCKED: 403,  # not 429: a client must not wait it out silently
    ErrorCode.INVALID_REFRESH_TOKEN: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.WRONG_ROLE: 403,
    ErrorCode.BAD_CURSOR: 400,
    ErrorCode.CURSOR_EXPIRED: 410,
    ErrorCode.UNKNOWN_ENTITY: 404,
}

_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    410: "Gone",
    413: "Payload too large",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "model": Problem,
        "description": "a problem (RFC 9457) with a stable `code`",
        "content": {PROBLEM_MEDIA_TYPE: {}},
    },
    "5XX": {
        "model": Problem,
        "description": "server failure or injected fault",
        "content": {PROBLEM_MEDIA_TYPE: {}},
    },
}
"""Documents the error answers of every route in the OpenAPI schema."""


def problem(
    code: ErrorCode,
    detail: str = "",
    *,
    status: int | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem answer for ``code``."""
    status = status or STATUS_OF.get(code, 400)
    body = {
        "type": f"https://workbench.invalid/problems/{code.value}",
        "title": _TITLES.get(status, "Error"),
        "status": status,
        "code": code.value,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def domain_problem(exc: DomainError) -> JSONResponse:
    """The answer to a domain error (also sent by ``server.hot``, which bypasses the handlers)."""
    headers: dict[str, str] = {}
    if STATUS_OF.get(exc.code) == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if "retry_after" in exc.context:
        headers["Retry-After"] = str(exc.context["retry_after"])
    extra: dict[str, Any] = {
        k: v for k, v in exc.context.items() if isinstance(v, str | int) and k not in _RESERVED
    }
    return problem(exc.code, exc.detail, headers=headers or None, **extra)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into a problem."""

    @app.exception_handler(DomainError)
    async def _domain(_request: Request, exc: DomainError) -> JSONResponse:
        return domain_problem(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "loc": [str(p) for p in e.get("loc", ())],
                "msg": e.get("msg", ""),
                "type": e.get("type"),
            }
            for e in exc.errors()
        ]
        if any(e["type"] == "json_invalid" for e in errors):
            return problem(ErrorCode.MALFORMED_JSON, "the body is not valid JSON", errors=errors)
        return problem(
            ErrorCode.VALIDATION_FAILED, "the request does not match the schema", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: ErrorCode.NOT_FOUND, 405: ErrorCode.METHOD_NOT_ALLOWED}.get(
            exc.status_code, ErrorCode.VALIDATION_FAILED
        )
        # Starlette names the allowed methods of a 405 in ``Allow`` (RFC 9110): keep it.
        headers = dict(exc.headers) if exc.headers else None
        return problem(code, str(exc.detail), status=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return problem(ErrorCode.INTERNAL_ERROR, "the server failed; it has been logged")
