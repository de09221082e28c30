"""Login, refresh rotation, logout, expired tokens."""

from __future__ import annotations

import httpx

from tests.server.conftest import login
from workbench.server.seed.seeder import DEMO_LOGINS


def test_login_answers_tokens_and_the_account(http: httpx.Client) -> None:
    session = login(http, DEMO_LOGINS["merchant"])
    assert session.account["role"] == "merchant"
    assert len(session.access_token) >= 32 and session.access_token != session.refresh_token
    assert session.get("/v1/me").json()["login"] == DEMO_LOGINS["merchant"]


def test_wrong_password_and_unknown_login_look_the_same(http: httpx.Client) -> None:
    wrong = http.post("/v1/auth/login", json={"login": DEMO_LOGINS["creator"], "password": "nope"})
    unknown = http.post("/v1/auth/login", json={"login": "nobody", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["code"] == unknown.json()["code"] == "invalid_credentials"
    assert wrong.json()["detail"] == unknown.json()["detail"]


def test_refresh_rotates_and_a_spent_token_ends_the_login(http: httpx.Client) -> None:
    session = login(http, DEMO_LOGINS["creator"])
    first = http.post("/v1/auth/refresh", json={"refresh_token": session.refresh_token})
    assert first.status_code == 200
    pair = first.json()
    # the old access token ended with the refresh
    old = http.get("/v1/me", headers={"Authorization": f"Bearer {session.access_token}"})
    assert old.status_code == 401
    new_headers = {"Authorization": f"Bearer {pair['access_token']}"}
    assert http.get("/v1/me", headers=new_headers).status_code == 200
    # Using the spent refresh token again (a stolen copy?) revokes the whole login.
    replay = http.post("/v1/auth/refresh", json={"refresh_token": session.refresh_token})
    assert replay.status_code == 401 and replay.json()["code"] == "invalid_refresh_token"
    assert http.get("/v1/me", headers=new_headers).status_code == 401
    assert (
        http.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]}).status_code
        == 401
    )


def test_logout_revokes_at_once(http: httpx.Client) -> None:
    session = login(http, DEMO_LOGINS["creator"])
    assert (
        http.post("/v1/auth/logout", json={"refresh_token": session.refresh_token}).status_code
        == 204
    )
    response = session.get("/v1/me")
    assert response.status_code == 401 and response.json()["code"] == "unauthenticated"
    again = http.post("/v1/auth/refresh", json={"refresh_token": session.refresh_token})
    assert again.status_code == 401
    # logging out twice is not an error
    assert (
        http.post("/v1/auth/logout", json={"refresh_token": session.refresh_token}).status_code
        == 204
    )


def test_tokens_are_not_stored_in_clear(http: httpx.Client, server) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from workbench.server import models as m

    session = login(http, DEMO_LOGINS["creator"])
    with server.db.read() as db:
        stored = set(db.scalars(select(m.AuthToken.token_hash)))
        hashes = set(db.scalars(select(m.Account.password_hash)))
    assert session.access_token not in stored and session.refresh_token not in stored
    assert all(h.startswith("scrypt$") for h in hashes)
