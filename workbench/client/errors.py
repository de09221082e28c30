"""What can go wrong when talking to the server, as exceptions the sync engine and the UI branch on.

The classes say what the caller should do: ``ApiError`` (the server refused; show its ``code``),
``AuthRequired`` (log in again), ``AccountLocked`` (too many failed logins: wait), ``CursorExpired`` (download the scope again), ``NetworkError``
(try later), ``Cancelled`` (the user stopped it). No message ever carries a token.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """The server answered with an error: a problem (RFC 9457) with a stable ``code``."""

    def __init__(
        self, status: int, code: str, detail: str = "", problem: dict[str, Any] | None = None
    ) -> None:
        super().__init__(status, code, detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.problem: dict[str, Any] = problem if problem is not None else {}

    def __str__(self) -> str:
        text = f"{self.status} {self.code}"
        return f"{text}: {self.detail}" if self.detail else text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.status}, {self.code!r}, {self.detail!r})"


class AuthRequired(ApiError):
    """The user must log in again: the refresh token is missing, revoked or no longer valid."""


class AccountLocked(ApiError):
    """Too many failed logins: the server refuses this login name for ``retry_after`` seconds."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str = "",
        problem: dict[str, Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(status, code, detail, problem)
        self.retry_after = retry_after


class CursorExpired(ApiError):
    """The feed cursor is older than the server keeps deletions: re-download that scope."""


class NetworkError(Exception):
    """The server could not be reached, or kept failing (5xx) after every retry.

    ``status`` is the last HTTP status when the server answered with a 5xx, else ``None`` (the
    last transport error is the ``__cause__``). Worth trying again later, hence ``retryable``.
    """

    retryable = True

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Cancelled(Exception):
    """The caller's cancel event was set; the call stopped between attempts or while waiting."""


class InsecureServer(ValueError):
    """Plain http to a host other than this machine: tokens would cross the network in clear."""


class NoKeychain(RuntimeError):
    """The operating system offers no keychain to keep the refresh token in."""

    def __init__(self, reason: str = "") -> None:
        message = (
            "no keychain is available on this system, so the login cannot be remembered: "
            "the app will ask you to log in at each start (it never stores the token in a file)"
        )
        super().__init__(f"{message} ({reason})" if reason else message)
