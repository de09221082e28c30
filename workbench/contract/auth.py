"""Login, token refresh and logout."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from workbench.contract.base import OutModel, SafeStr, WireModel
from workbench.core.enums import CreatorIdentity, Role

Login = Annotated[SafeStr, StringConstraints(min_length=1, max_length=64, strip_whitespace=True)]
Password = Annotated[SafeStr, StringConstraints(min_length=1, max_length=256)]
Token = Annotated[SafeStr, StringConstraints(min_length=16, max_length=256)]


class LoginRequest(WireModel):
    """Account name and password, exchanged for tokens."""

    login: Login
    password: Password
    device_name: Annotated[SafeStr, StringConstraints(max_length=100)] = ""


class RefreshRequest(WireModel):
    """A refresh token, exchanged for a new pair (the old refresh token stops working)."""

    refresh_token: Token


class LogoutRequest(WireModel):
    """Revokes the refresh token and every access token issued with it."""

    refresh_token: Token


class AccountOut(OutModel):
    """The account a token belongs to."""

    id: str
    login: str
    display_name: str
    role: Role
    identity: CreatorIdentity | None = None
    finder_id: str | None = None
    talent_appid: str | None = None
    version: int


class TokenPair(OutModel):
    """Tokens: a short-lived bearer access token and a long-lived refresh token."""

    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int
    account: AccountOut
