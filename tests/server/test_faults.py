"""Fault injection: 503s, added latency, answers cut off after the effect committed."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from tests.server.conftest import Session
from tests.server.helpers import items, listed_product, new_channel, row_counts
from workbench.core.ids import uuid7
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer


def test_error_rate_answers_503_problems(
    sessions: dict[str, Session], faults: Callable[..., None]
) -> None:
    faults(error_rate=1.0)
    response = sessions["creator_a"].get("/v1/me")
    assert response.status_code == 503
    assert response.json()["code"] == "injected_fault"
    assert response.headers["retry-after"] == "0"


def test_partial_error_rate(sessions: dict[str, Session], faults: Callable[..., None]) -> None:
    faults(error_rate=0.3)
    statuses = [sessions["creator_a"].get("/v1/me").status_code for _ in range(200)]
    failed = statuses.count(503)
    assert set(statuses) == {200, 503}
    assert 30 <= failed <= 90  # 30 % of 200, with a generous binomial margin


def test_latency_is_added(sessions: dict[str, Session], faults: Callable[..., None]) -> None:
    faults(latency_ms=300)
    started = time.perf_counter()
    assert sessions["creator_a"].get("/v1/me").status_code == 200
    assert time.perf_counter() - started >= 0.3


def test_a_dropped_answer_after_commit_is_replayed_on_retry(
    server: EmbeddedServer, fresh_session: Callable[[str], Session], faults: Callable[..., None]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    listing_id = uuid7()
    batch = {
        "device_id": creator.device_id,
        "mutations": [
            {
                "seq": creator.next_seq,
                "id": uuid7(),
                "type": "listing.create",
                "entity_id": listing_id,
                "payload": {"channel_id": channel, "product_id": listed_product(creator, 2)["id"]},
            }
        ],
    }
    before = row_counts(server)
    faults(drop_rate=1.0)
    with pytest.raises(httpx.TransportError):
        creator.post("/v1/sync/mutations", json=batch)
    faults(drop_rate=0.0)
    # The effect committed although the client never heard of it ...
    assert row_counts(server)["listing"] == before["listing"] + 1
    # ... and the retry of the very same batch replays the stored result, changing nothing.
    retry = creator.post("/v1/sync/mutations", json=batch)
    assert retry.status_code == 200
    assert retry.json()["results"][0]["status"] == "applied"
    assert row_counts(server)["listing"] == before["listing"] + 1
    assert sum(1 for x in items(creator, "/v1/listings") if x["id"] == listing_id) == 1


def test_fault_control_does_not_exist_on_a_normal_server(database_url: str) -> None:
    with (
        EmbeddedServer(ServerSettings(database_url=database_url)) as plain,
        httpx.Client(base_url=plain.url) as http,
    ):
        response = http.put("/v1/_faults", json={"error_rate": 1})
        assert response.status_code in (404, 405)
        assert http.get("/healthz").status_code == 200
