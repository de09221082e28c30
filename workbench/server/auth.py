"""Who is calling: tokens (issue, refresh, logout) and the bearer-token dependency.

Checking a password is ``login.authenticate``.

Access tokens are short-lived and checked against the database on each call (so logout takes
effect at once, on every worker). A refresh token is single-use: refreshing rotates it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import Executable, Row, bindparam, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from workbench.core.enums import Role
from workbench.core.errors import DomainError, ErrorCode
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.config import ServerSettings
from workbench.server.security import new_token, token_hash
from workbench.server.types import utcnow


@dataclass(frozen=True)
class Caller:
    """The authenticated account of a request."""

    id: str
    role: Role
    login: str

    def require(self, role: Role) -> None:
        if self.role is not role:
            raise DomainError(ErrorCode.WRONG_ROLE, f"only a {role.value} may do this")


def issue_pair(
    session: Session, account: m.Account, settings: ServerSettings, family: str | None = None
) -> tuple[str, str]:
    """A new access token and refresh token for ``account``."""
    now = utcnow()
    family = family or uuid7()
    access, refresh = new_token(), new_token()
    session.add_all(
        [
            m.AuthToken(
                token_hash=token_hash(access),
                account_id=account.id,
                kind="access",
                family=family,
                expires_at=now + timedelta(seconds=settings.access_ttl_seconds),
            ),
            m.AuthToken(
                token_hash=token_hash(refresh),
                account_id=account.id,
                kind="refresh",
                family=family,
                expires_at=now + timedelta(seconds=settings.refresh_ttl_seconds),
            ),
        ]
    )
    return access, refresh


def use_refresh_token(session: Session, refresh_token: str) -> tuple[m.Account, str] | None:
    """Spend a refresh token: (its account, its family), or None if it is not valid.

    Returns instead of raising so that the revocation below commits: a spent token used again
    means someone may hold a copy, and the whole login ends.
    """
    row = session.get(m.AuthToken, token_hash(refresh_token), with_for_update=True)
    if row is None or row.kind != "refresh" or row.revoked or row.expires_at <= utcnow():
        if row is not None and row.kind == "refresh" and row.revoked:
            revoke_family(session, row.family)
        return None
    row.revoked = True
    # The family's access tokens end with it; the new pair starts fresh.
    session.execute(
        update(m.AuthToken)
        .where(m.AuthToken.family == row.family, m.AuthToken.kind == "access")
        .values(revoked=True)
    )
    account = session.get(m.Account, row.account_id)
    assert account is not None
    return account, row.family


def revoke_family(session: Session, family: str) -> None:
    session.execute(update(m.AuthToken).where(m.AuthToken.family == family).values(revoked=True))


def logout(session: Session, refresh_token: str) -> None:
    """Revoke the refresh token's login (idempotent: an unknown token is not an error)."""
    row = session.get(m.AuthToken, token_hash(refresh_token))
    if row is not None:
        revoke_family(session, row.family)


def bearer_token(request: Request) -> str:
    """The bearer token of ``request`` (no database yet); 401 when there is none."""
    return parse_bearer(request.headers.get("authorization", ""))


def parse_bearer(header: str) -> str:
    """The token of an ``Authorization`` header's value; 401 when it holds none."""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise DomainError(ErrorCode.UNAUTHENTICATED, "a bearer token is required")
    return token.strip()


# One round trip for the token and its account (an outer join: a token whose account is gone
# still answers precisely); built once, so a request only binds the hash. A caller may add
# columns of its own to the same round trip (``TOKEN.add_columns``, built once too).
TOKEN = (
    select(
        m.AuthToken.kind,
        m.AuthToken.revoked,
        m.AuthToken.expires_at,
        m.Account.id,
        m.Account.role,
        m.Account.login,
    )
    .outerjoin(m.Account, m.Account.id == m.AuthToken.account_id)
    .where(m.AuthToken.token_hash == bindparam("token_hash"))
)


def caller_for_token(conn: Connection | Session, token: str) -> Caller:
    """The account an access token stands for; 401 with a precise code when it is not valid."""
    return caller_and_row(conn, token, TOKEN)[0]


def caller_and_row(
    conn: Connection | Session, token: str, statement: Executable
) -> tuple[Caller, Row[Any]]:
    """``caller_for_token`` with ``statement`` (``TOKEN`` plus columns of the caller's own):
    the caller and the whole row."""
    found = conn.execute(statement, {"token_hash": token_hash(token)}).first()
    if found is None:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "the token is not valid")
    kind, revoked, expires_at, account_id, role, login = found[:6]
    if kind != "access" or revoked:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "the token is not valid")
    if expires_at <= utcnow():
        raise DomainError(ErrorCode.TOKEN_EXPIRED, "the access token has expired: refresh it")
    if account_id is None:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "the account no longer exists")
    return Caller(id=account_id, role=Role(role), login=login), found
