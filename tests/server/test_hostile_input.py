"""Input a database cannot store or a server cannot compute with: a 4xx problem, never a 500.

Each case here was a 500 (with a traceback in the log) on PostgreSQL, SQLite or both: a NUL in
any string, an integer past the column's range, a cursor or snapshot key past 64 bits, dates in
year 1 or 9999, a NUL in a mutation id (which failed the batch on every retry). The answer must
be a problem with a stable code, nothing logged as an unhandled error, and the next good
request must work.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.server.conftest import Session
from tests.server.helpers import row_counts
from tests.server.test_bad_input import _mutation
from workbench.core.ids import uuid7
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD


@pytest.fixture(autouse=True)
def _no_unhandled_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """The server runs in this process: an unhandled error would be logged here."""
    with caplog.at_level(logging.ERROR, logger="workbench"):
        yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [r.getMessage() for r in errors]


def _problem(response: httpx.Response, code: str, status: int | None = None) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code, response.text
    if status is not None:
        assert response.status_code == status


def _cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


NUL_LOGINS: list[dict[str, Any]] = [
    {"login": "creator\x00demo", "password": DEMO_PASSWORD},
    {"login": DEMO_LOGINS["creator"], "password": "pass\x00word"},
    {"login": DEMO_LOGINS["creator"], "password": DEMO_PASSWORD, "device_name": "\x00"},
]


@pytest.mark.parametrize("body", NUL_LOGINS, ids=["login", "password", "device"])
def test_nul_in_login_is_refused(http: httpx.Client, body: dict[str, Any]) -> None:
    _problem(http.post("/v1/auth/login", json=body), "validation_failed", 422)


def test_lone_surrogate_in_login_is_refused(http: httpx.Client) -> None:
    raw = b'{"login": "creator\\ud800", "password": "x"}'
    response = http.post(
        "/v1/auth/login", content=raw, headers={"content-type": "application/json"}
    )
    _problem(response, "validation_failed", 422)


def test_nul_in_tokens_is_refused(http: httpx.Client) -> None:
    for path in ("/v1/auth/refresh", "/v1/auth/logout"):
        _problem(http.post(path, json={"refresh_token": "a" * 20 + "\x00"}), "validation_failed")


BAD_READS: list[tuple[str, dict[str, Any], str]] = [
    ("/v1/products", {"after": "10\x00"}, "validation_failed"),
    ("/v1/products", {"shop_id": "s\x00"}, "validation_failed"),
    ("/v1/products", {"category_id": 99999999999}, "validation_failed"),
    ("/v1/products", {"category_id": 10**30}, "validation_failed"),
    ("/v1/listings", {"channel_id": "c\x00"}, "validation_failed"),
    ("/v1/plans", {"product_id": "p\x00"}, "validation_failed"),
    ("/v1/orders", {"after": "\x00"}, "validation_failed"),
    ("/v1/products/a%00b", {}, "validation_failed"),
    ("/v1/plans/a%00b", {}, "validation_failed"),
    ("/v1/orders/a%00b", {}, "validation_failed"),
    ("/v1/samples/a%00b", {}, "validation_failed"),
    ("/v1/applications/a%00b", {}, "validation_failed"),
    ("/v1/products/a%00b/thumbnail", {}, "validation_failed"),
    (
        "/v1/sync/changes",
        {"scope": "account", "cursor": _cursor("wb1:account:" + "9" * 30)},
        "bad_cursor",
    ),
    (
        "/v1/sync/changes",
        {"scope": "catalog", "cursor": _cursor(f"wb1:catalog:{2**63}")},
        "bad_cursor",
    ),
    ("/v1/sync/snapshot/category", {"after": "9" * 30}, "bad_cursor"),
    ("/v1/sync/snapshot/category", {"after": "tea"}, "bad_cursor"),
    ("/v1/sync/snapshot/product", {"after": "1\x00"}, "validation_failed"),
    ("/v1/daily-sales", {"start": "0001-01-01", "end": "0001-01-02"}, "validation_failed"),
    ("/v1/daily-sales", {"start": "9999-12-30", "end": "9999-12-31"}, "validation_failed"),
    ("/v1/orders", {"since": "0001-01-01T00:00:00+01:00"}, "validation_failed"),
    ("/v1/orders", {"until": "9999-12-31T23:59:59-01:00"}, "validation_failed"),
]


@pytest.mark.parametrize(("path", "params", "code"), BAD_READS, ids=lambda v: str(v)[:50])
def test_bad_reads_are_problems(
    sessions: dict[str, Session], path: str, params: dict[str, Any], code: str
) -> None:
    for role in ("creator_a", "merchant_a"):
        _problem(sessions[role].get(path, params=params), code)


STRICT_TIMES: list[tuple[str, dict[str, Any]]] = [
    ("/v1/daily-sales", {"start": "1700000000", "end": "2026-01-01"}),
    ("/v1/daily-sales", {"start": "2026-01-01T00:00:00", "end": "2026-01-02"}),
    ("/v1/daily-sales", {"start": "2026-1-1", "end": "2026-01-02"}),
    ("/v1/daily-sales", {"start": "20260101", "end": "2026-01-02"}),
    ("/v1/orders", {"since": "0"}),
    ("/v1/orders", {"until": "2026-01-01"}),
    ("/v1/orders", {"until": "2026-01-01T00:00:00"}),
]


@pytest.mark.parametrize(("path", "params"), STRICT_TIMES, ids=lambda v: str(v)[:50])
def test_dates_and_times_have_one_spelling(
    sessions: dict[str, Session], path: str, params: dict[str, Any]
) -> None:
    _problem(sessions["merchant_a"].get(path, params=params), "validation_failed", 422)


def test_daily_sales_accepts_what_its_schema_allows(sessions: dict[str, Session]) -> None:
    """The far ends of the documented range compute; an empty range is simply empty."""
    merchant = sessions["merchant_a"]
    for start, end in [("1970-01-01", "1970-01-02"), ("2999-12-30", "2999-12-31")]:
        response = merchant.get("/v1/daily-sales", params={"start": start, "end": end})
        assert (response.status_code, response.json()) == (200, [])
    inverted = merchant.get("/v1/daily-sales", params={"start": "2026-02-01", "end": "2026-01-01"})
    assert (inverted.status_code, inverted.json()) == (200, [])
    year = merchant.get("/v1/daily-sales", params={"start": "2025-01-01", "end": "2026-12-31"})
    assert year.status_code == 200 and year.json(), "the seeded year of sales is found"


def test_nul_in_a_mutation_does_not_block_the_queue(
    server: EmbeddedServer, fresh_session: Any
) -> None:
    creator: Session = fresh_session("creator_a")
    before = row_counts(server)
    bad_id = "0" * 35 + "\x00"
    for mutation in (_mutation(id=bad_id), _mutation(id=uuid7()[:35] + "\x00")):
        body = {"device_id": creator.device_id, "mutations": [mutation]}
        _problem(creator.post("/v1/sync/mutations", json=body), "validation_failed", 422)
    assert row_counts(server) == before
    # The same device goes on: nothing was half-written by the refused batches, and a bad
    # mutation inside a good batch is that mutation rejected.
    for mutation_type in ("favourite.add", "listing.patch", "saved_filter.delete"):
        nul = creator.mutate(mutation_type, "1000\x00", {})
        assert (nul["status"], nul["code"]) == ("rejected", "invalid_payload")
    saved = creator.mutate("saved_filter.put", uuid7(), {"name": "x\x00", "query": {}})
    assert (saved["status"], saved["code"]) == ("rejected", "invalid_payload")
    saved = creator.mutate("saved_filter.put", uuid7(), {"name": "x", "query": {"q": "茶\x00"}})
    assert (saved["status"], saved["code"]) == ("rejected", "invalid_payload")
    channel = creator.mutate("channel.create", uuid7(), {"kind": "live", "name": "a\x00"})
    assert (channel["status"], channel["code"]) == ("rejected", "invalid_payload")
    assert row_counts(server) == before
    ok = creator.mutate("saved_filter.put", uuid7(), {"name": "tea", "query": {"q": "茶"}})
    assert ok["status"] == "applied", ok


def test_far_times_in_payloads_are_rejected_not_crashed(fresh_session: Any) -> None:
    merchant: Session = fresh_session("merchant_a")
    plan = merchant.mutate(
        "plan.create",
        uuid7(),
        {
            "plan_ids": [uuid7()],
            "product_ids": ["1000000000001"],
            "plan_type": "general",
            "rate_ppm": 100_000,
            "begin_at": "0001-01-01T00:00:00+01:00",
            "end_at": "9999-12-31T23:59:59-01:00",
        },
    )
    assert (plan["status"], plan["code"]) == ("rejected", "invalid_payload")
    huge = merchant.mutate("plan.update", uuid7(), {"rate_ppm": 10**40})
    assert (huge["status"], huge["code"]) == ("rejected", "invalid_payload")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("TRACE", "/v1/me", "GET"),
        ("POST", "/v1/products", "GET"),
        ("GET", "/v1/auth/login", "POST"),
        ("DELETE", "/v1/sync/mutations", "POST"),
    ],
)
def test_wrong_method_names_the_allowed_ones(
    http: httpx.Client, method: str, path: str, allowed: str
) -> None:
    response = http.request(method, path)
    _problem(response, "method_not_allowed", 405)
    assert response.headers["allow"] == allowed


def test_token_answers_are_never_cached(http: httpx.Client) -> None:
    login = http.post(
        "/v1/auth/login", json={"login": DEMO_LOGINS["merchant"], "password": DEMO_PASSWORD}
    )
    assert login.status_code == 200
    refresh = http.post("/v1/auth/refresh", json={"refresh_token": login.json()["refresh_token"]})
    assert refresh.status_code == 200
    for response in (login, refresh):
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["pragma"] == "no-cache"


@pytest.mark.parametrize(
    "mutation",
    [_mutation(seq=True), _mutation(seq="1"), _mutation(base_version=False)],
    ids=["seq-true", "seq-text", "base-version-false"],
)
def test_numbers_in_a_body_are_json_numbers(
    sessions: dict[str, Session], mutation: dict[str, Any]
) -> None:
    body = {"device_id": "dev-numbers-1", "mutations": [mutation]}
    _problem(sessions["creator_a"].post("/v1/sync/mutations", json=body), "validation_failed", 422)
