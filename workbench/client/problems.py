"""Turn an error answer (``application/problem+json``) into the exception the caller branches on.

The server's problem bodies carry a stable ``code``; a proxy in between may answer with HTML or
nothing, which still becomes an :class:`ApiError` with a code derived from the status.
"""

from __future__ import annotations

from typing import Any

import httpx

from workbench.client.backoff import parse_retry_after
from workbench.client.errors import AccountLocked, ApiError, AuthRequired, CursorExpired
from workbench.core.errors import ErrorCode

_CODE_OF_STATUS = {
    400: "bad_request",
    401: ErrorCode.UNAUTHENTICATED.value,
    403: ErrorCode.FORBIDDEN.value,
    404: ErrorCode.NOT_FOUND.value,
    405: ErrorCode.METHOD_NOT_ALLOWED.value,
    413: ErrorCode.PAYLOAD_TOO_LARGE.value,
    422: ErrorCode.VALIDATION_FAILED.value,
    429: ErrorCode.RATE_LIMITED.value,
}
_LOGIN_AGAIN = frozenset(
    {
        ErrorCode.UNAUTHENTICATED.value,
        ErrorCode.TOKEN_EXPIRED.value,
        ErrorCode.INVALID_REFRESH_TOKEN.value,
    }
)
_MAX_DETAIL = 500


def problem_of(response: httpx.Response) -> dict[str, Any]:
    """The problem body of ``response``, or ``{}`` when it has none that can be read."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def error_for(response: httpx.Response) -> ApiError:
    """The exception for an error answer: AuthRequired, AccountLocked, CursorExpired or a plain
    ApiError."""
    problem = problem_of(response)
    status = response.status_code
    code = problem.get("code")
    if not isinstance(code, str) or not code:
        code = _CODE_OF_STATUS.get(status, "server_error" if status >= 500 else "http_error")
    detail = problem.get("detail")
    if not isinstance(detail, str) or not detail:
        title = problem.get("title")
        detail = title if isinstance(title, str) else response.reason_phrase
    detail = detail[:_MAX_DETAIL]
    if code == ErrorCode.CURSOR_EXPIRED.value:
        return CursorExpired(status, code, detail, problem)
    if code == ErrorCode.ACCOUNT_LOCKED.value:
        wait = parse_retry_after(response.headers.get("retry-after"))
        return AccountLocked(status, code, detail, problem, retry_after=wait)
    if status == 401 and code in _LOGIN_AGAIN:
        return AuthRequired(status, code, detail, problem)
    return ApiError(status, code, detail, problem)


def bad_response(status: int, what: str) -> ApiError:
    """The server answered 2xx with something that does not match the contract."""
    return ApiError(status, "bad_response", f"the server's answer is not a valid {what}")
