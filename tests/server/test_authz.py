"""Authorisation matrix: every endpoint × (anonymous, creator A, creator B, merchant A,
merchant B, expired token), and no row of one account in another's answers.

The endpoint list comes from the running app's routes, so a new endpoint without a row here
fails the test instead of slipping through unchecked.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from tests.server.conftest import Session, login
from workbench.server import models as m
from workbench.server.embedded import EmbeddedServer
from workbench.server.security import token_hash
from workbench.server.seed.seeder import DEMO_LOGINS
from workbench.server.types import utcnow

IDENTITIES = ("anonymous", "expired", "creator_a", "creator_b", "merchant_a", "merchant_b")
PUBLIC = {"/healthz", "/openapi.json", "/docs", "/redoc"}
AUTH_ENDPOINTS = {"/v1/auth/login", "/v1/auth/refresh", "/v1/auth/logout"}
TEST_ONLY = {"/v1/_faults"}

OK = 200
# Expected status per identity for endpoints that are not simply "200 for every account".
CREATOR_ONLY = {"creator_a": OK, "creator_b": OK, "merchant_a": 403, "merchant_b": 403}
MERCHANT_ONLY = {"creator_a": 403, "creator_b": 403, "merchant_a": OK, "merchant_b": OK}
EVERYONE = {"creator_a": OK, "creator_b": OK, "merchant_a": OK, "merchant_b": OK}


@pytest.fixture(scope="module")
def expired(http: httpx.Client, server: EmbeddedServer) -> Session:
    session = login(http, DEMO_LOGINS["creator"])
    with server.db.write() as db:
        db.execute(
            update(m.AuthToken)
            .where(m.AuthToken.token_hash == token_hash(session.access_token))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    return session


@pytest.fixture(scope="module")
def owned_ids(sessions: dict[str, Session]) -> dict[str, str]:
    """One id of each detail endpoint's entity that belongs to creator A / merchant A."""
    a, ma = sessions["creator_a"], sessions["merchant_a"]
    first = lambda s, path: s.get(path, params={"limit": 1}).json()["items"][0]["id"]  # noqa: E731
    apps = [
        x
        for x in a.get("/v1/applications", params={"limit": 500}).json()["items"]
        if x["merchant_id"] == ma.id
    ]
    samples = [
        x
        for x in a.get("/v1/samples", params={"limit": 500}).json()["items"]
        if x["merchant_id"] == ma.id
    ]
    orders = [
        x
        for x in a.get("/v1/orders", params={"limit": 500}).json()["items"]
        if x["merchant_id"] == ma.id
    ]
    targeted = [
        p
        for p in a.get("/v1/plans", params={"limit": 500}).json()["items"]
        if p["plan_type"] != "general"
        and p["merchant_id"] == ma.id
        and any(c["creator_id"] == a.id for c in p["creators"])
    ]
    assert apps and samples and orders and targeted, (
        "the seed must give creator A work with merchant A"
    )
    return {
        "product": first(a, "/v1/products"),
        "application": apps[0]["id"],
        "sample": samples[0]["id"],
        "order": orders[0]["id"],
        "plan": targeted[0]["id"],
        "snapshot": "category",
    }


def _expected(path: str, identity: str) -> int | None:
    """The status an identity must get from GET ``path`` (None: checked elsewhere)."""
    if path in PUBLIC:
        return OK
    if identity == "anonymous":
        return 401
    if identity == "expired":
        return 401
    if path in (
        "/v1/channels",
        "/v1/listings",
        "/v1/favourites",
        "/v1/deposit",
        "/v1/deposit/entries",
        "/v1/settlements",
        "/v1/settlement-lines",
    ):
        return CREATOR_ONLY[identity]
    if path in ("/v1/accounts/creators", "/v1/creators"):
        return MERCHANT_ONLY[identity]
    if "{" in path:
        return None
    return EVERYONE[identity]


DETAIL = {
    "/v1/products/{product_id}": ("product", EVERYONE),
    "/v1/products/{product_id}/thumbnail": ("product", EVERYONE),
    "/v1/sync/snapshot/{entity}": ("snapshot", EVERYONE),
    # The owner sides see their rows; the other creator and the other merchant get a 404,
    # exactly as for an id that does not exist: an id leaks nothing.
    "/v1/applications/{application_id}": (
        "application",
        {"creator_a": OK, "creator_b": 404, "merchant_a": OK, "merchant_b": 404},
    ),
    "/v1/samples/{sample_id}": (
        "sample",
        {"creator_a": OK, "creator_b": 404, "merchant_a": OK, "merchant_b": 404},
    ),
    "/v1/orders/{order_id}": (
        "order",
        {"creator_a": OK, "creator_b": 404, "merchant_a": OK, "merchant_b": 404},
    ),
    "/v1/plans/{plan_id}": (
        "plan",
        {"creator_a": OK, "creator_b": 404, "merchant_a": OK, "merchant_b": 404},
    ),
}

QUERY = {
    "/v1/sync/changes": {"scope": "account"},
    "/v1/daily-sales": {"start": "2026-01-01", "end": "2026-01-31"},
}


def _routes(server: EmbeddedServer) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, from its OpenAPI document plus the docs pages."""
    found = [
        (method.upper(), path)
        for path, ops in server.app.openapi()["paths"].items()
        for method in ops
    ]
    return found + [("GET", path) for path in sorted(PUBLIC)]


def _client_for(identity: str, sessions: dict[str, Session], expired: Session) -> dict[str, str]:
    if identity == "anonymous":
        return {}
    token = expired.access_token if identity == "expired" else sessions[identity].access_token
    return {"Authorization": f"Bearer {token}"}


def test_every_endpoint_for_every_identity(
    server: EmbeddedServer,
    http: httpx.Client,
    sessions: dict[str, Session],
    expired: Session,
    owned_ids: dict[str, str],
) -> None:
    checked = 0
    for method, path in _routes(server):
        if path in AUTH_ENDPOINTS or path in TEST_ONLY:
            continue
        for identity in IDENTITIES:
            headers = _client_for(identity, sessions, expired)
            if method == "POST":  # the mutation endpoint: a harmless empty-payload batch
                assert path == "/v1/sync/mutations", f"unexpected write endpoint {path}"
                body = {
                    "device_id": f"matrix-{identity.replace('_', '-')}-device",
                    "mutations": [
                        {
                            "seq": 1,
                            "id": "00000000-0000-7000-8000-000000000001",
                            "type": "favourite.remove",
                            "entity_id": owned_ids["product"],
                            "payload": {},
                        }
                    ],
                }
                response = http.post(path, json=body, headers=headers)
                want = {"anonymous": 401, "expired": 401}.get(identity, OK)
            elif path in DETAIL:
                entity, table = DETAIL[path]
                url = re.sub(r"\{[a-z_]+\}", owned_ids[entity], path)
                want = table.get(identity, 401)
                response = http.get(url, headers=headers)
            else:
                want_or_none = _expected(path, identity)
                assert want_or_none is not None, f"no matrix row for {method} {path}"
                want = want_or_none
                response = http.get(path, params=QUERY.get(path), headers=headers)
            assert response.status_code == want, (
                f"{identity} {method} {path}: {response.text[:300]}"
            )
            if response.status_code >= 400:
                assert response.headers["content-type"].startswith("application/problem+json")
                code = response.json()["code"]
                if identity == "expired":
                    assert code == "token_expired"
                elif identity == "anonymous":
                    assert code == "unauthenticated"
            checked += 1
    assert checked >= 100


LISTS = [
    "/v1/channels",
    "/v1/listings",
    "/v1/favourites",
    "/v1/saved-filters",
    "/v1/applications",
    "/v1/samples",
    "/v1/orders",
    "/v1/plans",
    "/v1/deposit/entries",
    "/v1/settlements",
    "/v1/settlement-lines",
]


def _owner_fields(item: dict[str, Any]) -> set[str]:
    return {str(item[k]) for k in ("creator_id", "merchant_id", "owner_id") if item.get(k)}


@pytest.mark.parametrize("who", ["creator_a", "creator_b", "merchant_a", "merchant_b"])
def test_lists_show_only_own_rows(who: str, sessions: dict[str, Session]) -> None:
    me = sessions[who]
    seen = 0
    for path in LISTS:
        response = me.get(path, params={"limit": 500})
        if response.status_code == 403:
            continue
        for item in response.json()["items"]:
            seen += 1
            if path == "/v1/plans" and me.account["role"] == "creator":
                named = {c["creator_id"] for c in item["creators"]}
                assert item["plan_type"] == "general" or me.id in named, item
                # a creator sees only their own rate on a targeted plan, never a rival's terms
                continue
            assert me.id in _owner_fields(item), f"{who} sees a foreign row in {path}: {item}"
    assert seen > 0


@pytest.mark.parametrize("who", ["creator_a", "creator_b", "merchant_a", "merchant_b"])
def test_feed_shows_only_own_rows(who: str, sessions: dict[str, Session]) -> None:
    me = sessions[who]
    changes = me.feed("account")
    assert changes, "the seeded account has history"
    for change in changes:
        data = change["data"]
        if data is None:
            continue
        if change["entity"] == "plan":
            named = {c["creator_id"] for c in data["creators"]}
            assert data["merchant_id"] == me.id or data["plan_type"] == "general" or me.id in named
        elif change["entity"] == "account":
            assert data["id"] == me.id
        elif change["entity"] == "creator":  # a profile, only to a merchant (test_creator_profiles)
            assert me.account["role"] == "merchant", f"{who} gets another creator's profile"
            assert set(data) == {"id", "display_name", "identity", "version"}, data
        else:
            assert me.id in _owner_fields(data), (
                f"{who} feed leaks {change['entity']} {change['id']}"
            )


def test_targeted_plan_rates_of_others_stay_hidden(sessions: dict[str, Session]) -> None:
    """A creator reading a targeted plan must not learn what rate other named creators got."""
    a = sessions["creator_a"]
    for plan in a.get("/v1/plans", params={"limit": 500}).json()["items"]:
        if plan["plan_type"] != "general":
            assert {c["creator_id"] for c in plan["creators"]} <= {a.id}, plan


def _merchant_rows(merchant: Session) -> dict[str, dict[str, Any]]:
    """One plan, one pending application and one requested sample of ``merchant``."""
    plans = merchant.get("/v1/plans", params={"limit": 500}).json()["items"]
    apps = merchant.get("/v1/applications", params={"limit": 500}).json()["items"]
    samples = merchant.get("/v1/samples", params={"limit": 500}).json()["items"]
    return {
        "plan": next(p for p in plans if p["status"] == 1 and p["plan_type"] == "general"),
        "application": next(a for a in apps if a["status"] == "pending"),
        "sample": next(s for s in samples if s["status"] == "requested"),
        "approved_sample": next(s for s in samples if s["status"] == "approved"),
    }


def test_a_creator_cannot_review_ship_or_edit_plans(
    server: EmbeddedServer, sessions: dict[str, Session]
) -> None:
    from tests.server.helpers import row_counts, unplanned_product

    creator, merchant = sessions["creator_a"], sessions["merchant_a"]
    rows = _merchant_rows(merchant)
    before = row_counts(server)
    product = unplanned_product(merchant)["id"]
    attempts = [
        ("application.review", rows["application"]["id"], {"decision": "approve"}),
        ("sample.review", rows["sample"]["id"], {"decision": "approve", "cost_fen": 100}),
        ("sample.ship", rows["approved_sample"]["id"], {"tracking_no": "SF1234567890"}),
        ("plan.update", rows["plan"]["id"], {"rate_ppm": 10_000}),
        ("plan.end", rows["plan"]["id"], {}),
        (
            "plan.create",
            rows["plan"]["id"],
            {
                "plan_ids": [rows["plan"]["id"]],
                "product_ids": [product],
                "plan_type": "general",
                "rate_ppm": 10_000,
                "begin_at": "2026-01-01T00:00:00Z",
                "end_at": "2027-01-01T00:00:00Z",
            },
        ),
    ]
    for type_, entity_id, payload in attempts:
        result = creator.mutate(type_, entity_id, payload)
        assert (result["status"], result["code"]) == ("rejected", "wrong_role"), (type_, result)
    assert row_counts(server) == before


def test_merchant_b_cannot_touch_merchant_demos_workflow(
    server: EmbeddedServer, sessions: dict[str, Session]
) -> None:
    from tests.server.helpers import row_counts

    a, b = sessions["merchant_a"], sessions["merchant_b"]
    rows = _merchant_rows(a)
    before = row_counts(server)
    attempts = [
        ("plan.update", rows["plan"]["id"], {"rate_ppm": 10_000}),
        ("plan.update", rows["plan"]["id"], {"end_at": "2030-01-01T00:00:00Z"}),
        ("plan.end", rows["plan"]["id"], {}),
        ("application.review", rows["application"]["id"], {"decision": "approve"}),
        ("application.review", rows["application"]["id"], {"decision": "reject", "reason": "x"}),
        ("sample.review", rows["sample"]["id"], {"decision": "approve", "cost_fen": 100}),
        ("sample.ship", rows["approved_sample"]["id"], {"tracking_no": "SF1234567890"}),
    ]
    for type_, entity_id, payload in attempts:
        result = b.mutate(type_, entity_id, payload)
        # Someone else's row answers exactly like a missing one.
        assert (result["status"], result["code"]) == ("rejected", "unknown_entity"), (type_, result)
    assert row_counts(server) == before
    for path in (
        f"/v1/plans/{rows['plan']['id']}",
        f"/v1/applications/{rows['application']['id']}",
        f"/v1/samples/{rows['sample']['id']}",
    ):
        assert b.get(path).status_code == 404, path
    # Nothing of merchant A's workflow in merchant B's feed or lists, not even general plans.
    for change in b.feed("account"):
        if change["entity"] in ("plan", "application", "sample") and change["data"]:
            assert change["data"]["merchant_id"] == b.id, change
    for path in ("/v1/plans", "/v1/applications", "/v1/samples"):
        for item in b.get(path, params={"limit": 500}).json()["items"]:
            assert item["merchant_id"] == b.id, (path, item)
    # And what B could not do left A's rows as they were.
    again = _merchant_rows(a)
    assert again["application"]["id"] == rows["application"]["id"]
    assert again["plan"]["version"] == rows["plan"]["version"]


@pytest.mark.parametrize("who", ["creator_a", "creator_b", "merchant_a", "merchant_b"])
def test_account_snapshots_hold_only_own_rows(who: str, sessions: dict[str, Session]) -> None:
    """The order and settlement snapshots: only the caller's orders (and a creator's pay)."""
    me = sessions[who]
    seen = 0
    for entity, owners in (("order_line", (9, 10)), ("settlement_line", (3, 4))):
        response = me.get(f"/v1/sync/snapshot/{entity}", params={"limit": 50_000})
        assert response.status_code == OK
        for line in response.text.splitlines():
            row = json.loads(line)
            assert me.id in {row[i] for i in owners}, (who, entity, row)
            seen += 1
    assert seen > 0
