"""Bad input on every write endpoint: a 4xx problem with a code, and nothing written.

Request-level mistakes (wrong types, missing fields, oversized bodies, bad parameters) answer a
problem. Inside a well-formed mutation batch, a bad mutation is a ``rejected`` result with a
code instead, so one bad edit never blocks a device's queue; it writes nothing either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.server.conftest import Session
from tests.server.helpers import row_counts
from workbench.contract.mutations import MUTATIONS
from workbench.core.ids import uuid7
from workbench.server.embedded import EmbeddedServer

LOGIN_BODIES: list[tuple[Any, int, str]] = [
    ({}, 422, "validation_failed"),
    ({"login": "creator_demo"}, 422, "validation_failed"),
    ({"login": 5, "password": 6}, 422, "validation_failed"),
    ({"login": "x" * 65, "password": "y"}, 422, "validation_failed"),
    ({"login": "a", "password": "b", "role": "admin"}, 422, "validation_failed"),
    ([], 422, "validation_failed"),
    ("creator_demo", 422, "validation_failed"),
]


@pytest.mark.parametrize(("body", "status", "code"), LOGIN_BODIES)
def test_login_bad_bodies(http: httpx.Client, body: Any, status: int, code: str) -> None:
    response = http.post("/v1/auth/login", json=body)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "path", ["/v1/auth/login", "/v1/auth/refresh", "/v1/auth/logout", "/v1/sync/mutations"]
)
def test_malformed_json_everywhere(
    http: httpx.Client, sessions: dict[str, Session], path: str
) -> None:
    headers = {
        "content-type": "application/json",
        "Authorization": f"Bearer {sessions['creator_a'].access_token}",
    }
    response = http.post(path, content=b'{"login": ', headers=headers)
    assert (response.status_code, response.json()["code"]) == (400, "malformed_json")


@pytest.mark.parametrize(
    "body", [{}, {"refresh_token": 5}, {"refresh_token": "short"}, {"refresh_token": "x" * 300}]
)
def test_refresh_and_logout_bad_bodies(http: httpx.Client, body: Any) -> None:
    for path in ("/v1/auth/refresh", "/v1/auth/logout"):
        response = http.post(path, json=body)
        assert response.status_code == 422 and response.json()["code"] == "validation_failed"


def test_unknown_refresh_token(http: httpx.Client) -> None:
    response = http.post("/v1/auth/refresh", json={"refresh_token": "z" * 43})
    assert (response.status_code, response.json()["code"]) == (401, "invalid_refresh_token")


def _mutation(**overrides: Any) -> dict[str, Any]:
    return {
        "seq": 1,
        "id": uuid7(),
        "type": "favourite.add",
        "entity_id": "1000000000001",
        "payload": {},
        **overrides,
    }


BATCHES: list[Any] = [
    {},
    {"device_id": "dev-12345678"},
    {"device_id": "dev-12345678", "mutations": []},
    {"device_id": "short", "mutations": [_mutation()]},
    {"device_id": "dev-12345678", "mutations": [_mutation(seq=0)]},
    {"device_id": "dev-12345678", "mutations": [_mutation(seq="one")]},
    {"device_id": "dev-12345678", "mutations": [_mutation(id="not-a-uuid")]},
    {"device_id": "dev-12345678", "mutations": [_mutation(type="DROP TABLE")]},
    {"device_id": "dev-12345678", "mutations": [_mutation(entity_id="")]},
    {"device_id": "dev-12345678", "mutations": [_mutation(base_version=-1)]},
    {"device_id": "dev-12345678", "mutations": [_mutation(payload=[1, 2])]},
    {"device_id": "dev-12345678", "mutations": [_mutation(extra="field")]},
    {"device_id": "dev-12345678", "mutations": [_mutation(seq=i + 1) for i in range(501)]},
]


@pytest.mark.parametrize("body", BATCHES, ids=lambda b: str(b)[:40])
def test_bad_batches_are_refused_whole(
    server: EmbeddedServer, sessions: dict[str, Session], body: Any
) -> None:
    before = row_counts(server)
    response = sessions["creator_a"].post("/v1/sync/mutations", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "validation_failed"
    assert row_counts(server) == before


def test_oversized_bodies(
    server: EmbeddedServer, sessions: dict[str, Session], http: httpx.Client
) -> None:
    before = row_counts(server)
    big = {
        "device_id": "dev-12345678",
        "mutations": [_mutation(payload={"note": "茶" * 1_000_000})],
    }
    response = sessions["creator_a"].post("/v1/sync/mutations", json=big)
    assert (response.status_code, response.json()["code"]) == (413, "payload_too_large")

    def chunks():  # no Content-Length: the limit must hold for streamed bodies too
        for _ in range(40):
            yield b" " * 100_000

    streamed = http.post(
        "/v1/auth/login", content=chunks(), headers={"content-type": "application/json"}
    )
    assert (streamed.status_code, streamed.json()["code"]) == (413, "payload_too_large")
    assert row_counts(server) == before


# Per mutation type: payloads that must be rejected with a code, leaving nothing written.
BAD_PAYLOADS: dict[str, list[tuple[dict[str, Any], str]]] = {
    "channel.create": [
        ({"kind": "tv", "name": "x"}, "invalid_payload"),
        ({"kind": "live"}, "invalid_payload"),
        ({"kind": "live", "name": "x" * 61}, "invalid_payload"),
    ],
    "channel.rename": [
        ({"name": ""}, "invalid_payload"),
        ({"name": "x" * 61}, "invalid_payload"),
        ({}, "invalid_payload"),
        ({"name": "好名字"}, "unknown_entity"),  # no such channel (or deleted meanwhile)
    ],
    "channel.delete": [({}, "unknown_entity")],
    "listing.create": [
        ({"channel_id": 5, "product_id": "1"}, "invalid_payload"),
        (
            {"channel_id": "00000000-0000-7000-8000-000000000000", "product_id": "1000000000001"},
            "unknown_entity",
        ),
        ({"channel_id": "x", "product_id": "1", "position": -1}, "invalid_payload"),
    ],
    "listing.patch": [
        ({"position": "first"}, "invalid_payload"),
        ({"start_at": "yesterday"}, "invalid_payload"),
        ({"end_at": "2026-12-01T00:00:00"}, "invalid_payload"),  # no time zone
        ({"custom_title": "x" * 61}, "invalid_payload"),
        ({"selling_points": "x" * 501}, "invalid_payload"),
        ({"custom_title": "a"}, "unknown_entity"),
    ],
    "listing.delete": [({}, "unknown_entity")],
    "listing.move": [
        ({"channel_id": "x", "position": 8}, "invalid_payload"),
        ({"channel_id": "00000000-0000-7000-8000-000000000000", "position": -1}, "invalid_payload"),
        ({"position": 8}, "invalid_payload"),
        ({"channel_id": "00000000-0000-7000-8000-000000000000", "position": 8}, "unknown_entity"),
    ],
    "favourite.add": [({}, "unknown_entity"), ({"x": 1}, "invalid_payload")],
    "favourite.remove": [({"x": 1}, "invalid_payload")],
    "saved_filter.put": [
        ({"name": "", "query": {}}, "invalid_payload"),
        ({"name": "a", "query": "q"}, "invalid_payload"),
    ],
    "saved_filter.delete": [({}, "unknown_entity")],
    "application.create": [
        (
            {"plan_id": "00000000-0000-7000-8000-000000000000", "expected_rate_ppm": 1},
            "unknown_entity",
        ),
        ({"plan_id": "x"}, "invalid_payload"),
        (
            {"plan_id": "00000000-0000-7000-8000-000000000000", "expected_rate_ppm": -5},
            "invalid_payload",
        ),
    ],
    "application.withdraw": [({}, "unknown_entity")],
    "application.review": [
        ({"decision": "maybe"}, "invalid_payload"),
        ({"decision": "approve"}, "unknown_entity"),
    ],
    "sample.create": [({"product_id": "9999999999999"}, "unknown_entity"), ({}, "invalid_payload")],
    "sample.cancel": [({}, "unknown_entity")],
    "sample.fulfil": [
        ({"content_url": "javascript:alert(1)"}, "invalid_payload"),
        ({"content_url": "https://a.b"}, "unknown_entity"),
    ],
    "sample.extend": [({}, "unknown_entity")],
    "sample.review": [
        ({"decision": "approve", "cost_fen": -1}, "invalid_payload"),
        ({"decision": "approve", "cost_fen": 10**13}, "invalid_payload"),
    ],
    "sample.ship": [
        ({"tracking_no": "1"}, "invalid_payload"),
        ({"tracking_no": "SF1234567"}, "unknown_entity"),
    ],
    "plan.create": [
        ({"plan_type": "secret"}, "invalid_payload"),
        (
            {
                "plan_ids": [],
                "product_ids": [],
                "plan_type": "general",
                "rate_ppm": 1,
                "begin_at": "2026-01-01T00:00:00",
                "end_at": "2026-02-01T00:00:00Z",
            },
            "invalid_payload",
        ),
    ],
    "plan.update": [
        ({"rate_ppm": "high"}, "invalid_payload"),
        ({"rate_ppm": 100000}, "unknown_entity"),
    ],
    "plan.end": [({}, "unknown_entity")],
    "account.upgrade": [({"talent_appid": 5}, "invalid_payload")],
}


def test_every_mutation_type_has_bad_input_cases() -> None:
    assert set(BAD_PAYLOADS) == set(MUTATIONS)


@pytest.mark.parametrize("mutation_type", sorted(BAD_PAYLOADS))
def test_bad_mutation_payloads(
    server: EmbeddedServer, fresh_session: Callable[[str], Session], mutation_type: str
) -> None:
    role = MUTATIONS[mutation_type][1].value
    session = fresh_session("creator_a" if role == "creator" else "merchant_a")
    for payload, code in BAD_PAYLOADS[mutation_type]:
        before = row_counts(server)
        entity_id = uuid7() if mutation_type != "favourite.add" else "9999999999999"
        result = session.mutate(mutation_type, entity_id, payload)
        assert (result["status"], result["code"]) == ("rejected", code), (payload, result)
        assert result["detail"]
        assert row_counts(server) == before


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/products", {"limit": 0}),
        ("/v1/products", {"limit": 100_000}),
        ("/v1/products", {"after": "x" * 65}),
        ("/v1/products", {"category_id": "tea"}),
        ("/v1/orders", {"since": "last week"}),
        ("/v1/daily-sales", {"start": "2026-13-01", "end": "2026-01-01"}),
        ("/v1/sync/changes", {"scope": "account", "limit": -1}),
        ("/v1/sync/snapshot", {"page_size": 10}),
    ],
)
def test_bad_query_parameters(
    sessions: dict[str, Session], path: str, params: dict[str, Any]
) -> None:
    response = sessions["creator_a"].get(path, params=params)
    assert response.status_code in (400, 422), response.text
    assert response.json()["code"] in ("validation_failed", "bad_cursor")


@pytest.mark.parametrize(
    "path", ["/v1/products/nope", "/v1/orders/%27%20OR%201%3D1", "/v1/plans/" + "9" * 64]
)
def test_unknown_ids_are_404_problems(sessions: dict[str, Session], path: str) -> None:
    response = sessions["merchant_a"].get(path)
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def _first(session: Session, path: str, **match: Any) -> dict[str, Any]:
    items = session.get(path, params={"limit": 500}).json()["items"]
    return next(x for x in items if all(x.get(k) == v for k, v in match.items()))


def test_workflow_moves_refused_with_their_codes(
    server: EmbeddedServer, sessions: dict[str, Session]
) -> None:
    """Well-formed plan, application and sample mutations on real rows that break a rule:
    each is refused with its rule's code, and writes nothing."""
    from tests.server.helpers import items, own_products, plan_payload, unplanned_product

    merchant, creator = sessions["merchant_a"], sessions["creator_a"]
    plan = _first(merchant, "/v1/plans", plan_type="general", status=1)
    pending = _first(merchant, "/v1/applications", status="pending")
    approved = _first(merchant, "/v1/applications", status="approved", creator_id=creator.id)
    requested = _first(merchant, "/v1/samples", status="requested")
    mine_requested = _first(creator, "/v1/samples", status="requested")
    mine_fulfilled = _first(creator, "/v1/samples", status="fulfilled")
    product = unplanned_product(merchant)["id"]
    shops = [x["id"] for x in items(merchant, "/v1/shops") if x["merchant_id"] == merchant.id]
    off_sale = next(
        p
        for shop in shops
        for p in items(merchant, "/v1/products", shop_id=shop)
        if p["status"] != "listed"
    )
    exclusive = plan_payload([product], "exclusive")
    too_many = plan_payload([p["id"] for p in own_products(merchant)[:21]])
    cases: list[tuple[Session, str, str, dict[str, Any], str]] = [
        (merchant, "plan.update", plan["id"], {"rate_ppm": 950_000}, "rate_out_of_range"),
        (merchant, "plan.update", plan["id"], {"rate_ppm": 125_000}, "rate_out_of_range"),
        (
            merchant,
            "plan.update",
            plan["id"],
            {"end_at": "2000-01-01T00:00:00Z"},
            "plan_window_invalid",
        ),
        (
            merchant,
            "plan.update",
            plan["id"],
            {"add_creator_ids": [creator.id]},
            "creators_not_allowed",
        ),
        (merchant, "plan.create", exclusive["plan_ids"][0], exclusive, "creators_required"),
        (merchant, "plan.create", too_many["plan_ids"][0], too_many, "too_many_products"),
        (
            merchant,
            "plan.create",
            uuid7(),
            {**plan_payload([plan["product_id"]]), "plan_ids": []},
            "invalid_payload",
        ),
        (
            merchant,
            "application.review",
            pending["id"],
            {"decision": "reject", "reason": "  "},
            "reason_required",
        ),
        (
            merchant,
            "application.review",
            approved["id"],
            {"decision": "reject", "reason": "x"},
            "already_decided",
        ),
        (
            merchant,
            "sample.review",
            requested["id"],
            {"decision": "reject"},
            "reason_required",
        ),
        (
            merchant,
            "sample.ship",
            requested["id"],
            {"tracking_no": "SF1234567890"},
            "invalid_transition",
        ),
        (
            creator,
            "application.create",
            uuid7(),
            {"plan_id": plan["id"], "expected_rate_ppm": plan["rate_ppm"] + 10_000},
            "plan_changed",
        ),
        (creator, "application.withdraw", approved["id"], {}, "already_decided"),
        (sessions["creator_b"], "application.withdraw", approved["id"], {}, "unknown_entity"),
        (
            creator,
            "sample.fulfil",
            mine_requested["id"],
            {"content_url": "https://channels.weixin.qq.com/x"},
            "invalid_transition",
        ),
        (creator, "sample.extend", mine_requested["id"], {}, "invalid_transition"),
        (creator, "sample.cancel", mine_fulfilled["id"], {}, "invalid_transition"),
    ]
    cases.append(
        (
            creator,
            "sample.create",
            uuid7(),
            {"product_id": off_sale["id"]},
            "product_not_promotable",
        )
    )
    for session, type_, entity_id, payload, code in cases:
        before = row_counts(server)
        result = session.mutate(type_, entity_id, payload)
        assert (result["status"], result["code"]) == ("rejected", code), (type_, payload, result)
        assert result["detail"]
        assert row_counts(server) == before, (type_, payload)
