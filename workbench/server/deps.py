"""FastAPI dependencies: the server's state and the authenticated caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from workbench.server.auth import Caller, caller_from_request
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


def state(request: Request) -> ServerState:
    return request.app.state.wb  # type: ignore[no-any-return]


def current_caller(request: Request) -> Caller:
    """The caller of an authenticated endpoint; rate-limited per account."""
    wb = state(request)
    with wb.db.read() as session:
        caller = caller_from_request(request, session)
    wb.limiter.check(caller.id)
    return caller


def image_caller(request: Request) -> Caller:
    """The caller of an image endpoint: its own, larger bucket, so a fast scroll through the
    table neither runs out of thumbnails nor takes the tokens that sync needs."""
    wb = state(request)
    with wb.db.read() as session:
        caller = caller_from_request(request, session)
    wb.image_limiter.check(caller.id)
    return caller


StateDep = Annotated[ServerState, Depends(state)]
CallerDep = Annotated[Caller, Depends(current_caller)]
ImageCallerDep = Annotated[Caller, Depends(image_caller)]
