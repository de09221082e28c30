"""FastAPI dependencies: the server's state and the authenticated caller.

Each sync dependency costs a hop to the thread pool and back, so ``state`` and ``bearer`` are
``async`` (they do no I/O). The hot sync endpoints (the feed, mutation batches) take a
``Bearer`` and check it on the connection or transaction they use anyway: one pool checkout per
request, not two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Executable, Row
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from workbench.server.auth import Caller, bearer_token, caller_and_row, caller_for_token
from workbench.server.config import ServerSettings
from workbench.server.db import Database
from workbench.server.limits import RateLimiter
from workbench.server.login import PasswordCheck


@dataclass
class ServerState:
    """Everything a request handler needs, hung on ``app.state.wb`` (no module globals)."""

    settings: ServerSettings
    db: Database
    limiter: RateLimiter
    image_limiter: RateLimiter  # thumbnails: many small reads while scrolling, a bucket apart
    passwords: PasswordCheck


async def state(request: Request) -> ServerState:
    return request.app.state.wb  # type: ignore[no-any-return]


def _state(request: Request) -> ServerState:
    return request.app.state.wb  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Bearer:
    """A request's bearer token, not yet checked: ``caller`` checks it (and the rate limit) on
    the endpoint's own connection or session."""

    token: str
    wb: ServerState

    def caller(self, conn: Connection | Session) -> Caller:
        caller = caller_for_token(conn, self.token)
        self.wb.limiter.check(caller.id)
        return caller

    def caller_and_row(
        self, conn: Connection | Session, statement: Executable
    ) -> tuple[Caller, Row[Any]]:
        """``caller`` with columns of the endpoint's own in the same round trip
        (``statement``: ``auth.TOKEN.add_columns(…)``)."""
        caller, row = caller_and_row(conn, self.token, statement)
        self.wb.limiter.check(caller.id)
        return caller, row


async def bearer(request: Request) -> Bearer:
    """A request without a bearer token is refused here, before its parameters are read."""
    return Bearer(token=bearer_token(request), wb=_state(request))


def current_caller(request: Request) -> Caller:
    """The caller of an authenticated endpoint; rate-limited per account."""
    wb = _state(request)
    token = bearer_token(request)
    with wb.db.connect() as conn:
        caller = caller_for_token(conn, token)
    wb.limiter.check(caller.id)
    return caller


def image_caller(request: Request) -> Caller:
    """The caller of an image endpoint: its own, larger bucket, so a fast scroll through the
    table neither runs out of thumbnails nor takes the tokens that sync needs."""
    wb = _state(request)
    token = bearer_token(request)
    with wb.db.connect() as conn:
        caller = caller_for_token(conn, token)
    wb.image_limiter.check(caller.id)
    return caller


StateDep = Annotated[ServerState, Depends(state)]
CallerDep = Annotated[Caller, Depends(current_caller)]
ImageCallerDep = Annotated[Caller, Depends(image_caller)]
BearerDep = Annotated[Bearer, Depends(bearer)]
