"""``/v1/auth``: login, refresh, logout; ``/v1/me``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from workbench.contract.auth import (
    AccountOut,
    LoginRequest,
    LogoutRequest,
    RefreshRequest,
    TokenPair,
)
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import auth
from workbench.server import models as m
from workbench.server.deps import CallerDep, StateDep
from workbench.server.login import Lockout, authenticate, clear_failures
from workbench.server.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1", tags=["auth"], responses=PROBLEM_RESPONSES)


def _no_store(response: Response) -> None:
    """Token answers are never cached, by the client or on the way (RFC 6749 §5.1)."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"


NO_STORE = [Depends(_no_store)]


def _pair(wb: StateDep, account: m.Account, access: str, refresh: str) -> TokenPair:
    return TokenPair(
        access_token=access,
        refresh_token=refresh,
        expires_in=wb.settings.access_ttl_seconds,
        account=AccountOut.model_validate(account),
    )


@router.post("/auth/login", response_model=TokenPair, dependencies=NO_STORE)
def login(body: LoginRequest, request: Request, wb: StateDep) -> TokenPair:
    # Before the password check, so guessing is rate-limited per login name and address (the
    # peer's, or a trusted proxy's X-Forwarded-For: see ``app.create_app``).
    client = request.client.host if request.client else "?"
    wb.limiter.check(f"login:{body.login}")
    wb.limiter.check(f"ip:{client}")
    account = authenticate(wb.db, wb.passwords, Lockout.of(wb.settings), body.login, body.password)
    with wb.db.write(feed=False) as session:  # tokens only: never the change log's lock
        clear_failures(session, account.login)
        access, refresh = auth.issue_pair(session, account, wb.settings)
    return _pair(wb, account, access, refresh)


@router.post("/auth/refresh", response_model=TokenPair, dependencies=NO_STORE)
def refresh(body: RefreshRequest, wb: StateDep) -> TokenPair:
    with wb.db.write(feed=False) as session:
        spent = auth.use_refresh_token(session, body.refresh_token)
        if spent is not None:
            account, family = spent
            access, new_refresh = auth.issue_pair(session, account, wb.settings, family=family)
            return _pair(wb, account, access, new_refresh)
    raise DomainError(
        ErrorCode.INVALID_REFRESH_TOKEN, "the refresh token is not valid: log in again"
    )


@router.post("/auth/logout", status_code=204)
def logout(body: LogoutRequest, wb: StateDep) -> Response:
    with wb.db.write(feed=False) as session:
        auth.logout(session, body.refresh_token)
    return Response(status_code=204)


@router.get("/me", response_model=AccountOut)
def me(caller: CallerDep, wb: StateDep) -> AccountOut:
    with wb.db.read() as session:
        return AccountOut.model_validate(session.get(m.Account, caller.id))
