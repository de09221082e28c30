"""Retries against the real server's fault injection: 503s, dropped answers, 429, cancel."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from tests.client.conftest import CREATOR, MakeClient, Sleeps, channel_batch
from workbench.client.api import ApiClient
from workbench.client.backoff import Retry
from workbench.client.errors import ApiError, Cancelled, NetworkError
from workbench.contract.sync import MutationStatus, Scope
from workbench.core.ids import uuid7
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD

Faults = Callable[..., None]


def test_503s_are_retried_with_jittered_backoff(
    creator: ApiClient, faults: Faults, sleeps: Sleeps
) -> None:
    policy = Retry()
    faults(error_rate=0.3)
    retried_calls = 0
    for _ in range(30):
        sleeps.clear()
        assert creator.me().login == CREATOR
        retried_calls += bool(sleeps)
        assert len(sleeps) < policy.max_attempts
        for attempt, delay in enumerate(sleeps):
            assert 0.0 <= delay <= min(policy.cap, policy.base * 2**attempt)
    assert retried_calls >= 3  # 30 % of 30 calls failed at least once


def test_a_push_whose_answers_are_all_dropped_fails_after_max_attempts(
    creator: ApiClient, faults: Faults, sleeps: Sleeps
) -> None:
    faults(drop_rate=1.0)
    with pytest.raises(NetworkError) as caught:
        creator.push(channel_batch(uuid7()))
    assert caught.value.retryable
    assert "after 6 attempts" in str(caught.value)
    assert len(sleeps) == Retry().max_attempts - 1


def test_pushes_through_dropped_answers_are_applied_exactly_once(
    make_client: MakeClient, faults: Faults, sleeps: Sleeps
) -> None:
    client = make_client(retry=Retry(max_attempts=30))
    client.login(CREATOR, DEMO_PASSWORD)
    page = client.changes(Scope.ACCOUNT, None, limit=5000)
    cursor = page.cursor
    while page.has_more:
        page = client.changes(Scope.ACCOUNT, cursor, limit=5000)
        cursor = page.cursor
    device = uuid7()
    batches = [channel_batch(device, seq) for seq in range(1, 11)]

    faults(drop_rate=0.5)
    results = [client.push(batch) for batch in batches]
    faults(drop_rate=0.0)

    assert sleeps, "no answer was dropped: the test did not test anything"
    assert [r.results[0].status for r in results] == [MutationStatus.APPLIED] * 10
    created = [b.mutations[0].entity_id for b in batches]
    channels = [c["id"] for c in client.get_json("/v1/channels", {"limit": 500})["items"]]
    assert all(channels.count(channel_id) == 1 for channel_id in created)
    feed = client.changes(Scope.ACCOUNT, cursor, limit=5000).changes
    assert sorted((c.id, c.op, c.version) for c in feed if c.entity == "channel") == sorted(
        (channel_id, "upsert", 1) for channel_id in created
    )


def test_unreachable_server_is_a_network_error(make_client: MakeClient, sleeps: Sleeps) -> None:
    client = make_client(base_url="http://127.0.0.1:9", retry=Retry(max_attempts=3))
    with pytest.raises(NetworkError) as caught:
        client.login(CREATOR, DEMO_PASSWORD)  # connect errors are retried even for login
    assert caught.value.status is None
    assert len(sleeps) == 2


def test_5xx_exhausted_is_a_network_error_with_the_status(
    creator: ApiClient, faults: Faults, sleeps: Sleeps
) -> None:
    faults(error_rate=1.0)
    with pytest.raises(NetworkError) as caught:
        creator.me()
    assert caught.value.status == 503
    assert len(sleeps) == Retry().max_attempts - 1


@pytest.fixture(scope="module")
def strict_server(server: EmbeddedServer, database_url: str) -> Iterator[EmbeddedServer]:
    """A second server on the same database that allows 1 request a second, 2 in a burst."""
    settings = ServerSettings(
        database_url=database_url, rate_limit_per_second=1, rate_limit_burst=2
    )
    with EmbeddedServer(settings) as srv:
        yield srv


def test_429_waits_at_least_retry_after(
    make_client: MakeClient, strict_server: EmbeddedServer, sleeps: Sleeps
) -> None:
    client = make_client(base_url=strict_server.url, retry=Retry(max_attempts=3))
    client.login(CREATOR, DEMO_PASSWORD)
    with pytest.raises(ApiError) as caught:
        for _ in range(5):
            client.me()
    assert caught.value.status == 429
    assert caught.value.code == "rate_limited"
    assert len(sleeps) == 2
    assert all(delay >= 1.0 for delay in sleeps)  # the server asks for "Retry-After: 1"


def test_429_then_success_once_the_wait_is_over(
    make_client: MakeClient, strict_server: EmbeddedServer
) -> None:
    waited: list[float] = []

    def sleep(seconds: float) -> None:  # really waits: the server's bucket must refill
        waited.append(seconds)
        time.sleep(seconds)

    client = make_client(base_url=strict_server.url, sleep=sleep)
    other = DEMO_LOGINS["creator_legacy"]  # a full bucket of its own
    client.login(other, DEMO_PASSWORD)
    for _ in range(3):  # a burst of 2, then the third waits for the bucket
        assert client.me().login == other
    assert waited and min(waited) >= 1.0


def test_cancel_during_backoff(make_client: MakeClient, faults: Faults) -> None:
    cancel = threading.Event()
    asked: list[float] = []

    def sleep(seconds: float) -> None:  # the user presses "stop" while the client waits
        asked.append(seconds)
        cancel.set()

    client = make_client(cancel=cancel, sleep=sleep)
    client.login(CREATOR, DEMO_PASSWORD)
    faults(error_rate=1.0)
    with pytest.raises(Cancelled):
        client.me()
    assert len(asked) == 1


def test_cancel_wakes_a_real_backoff_wait(make_client: MakeClient, faults: Faults) -> None:
    cancel = threading.Event()
    client = make_client(
        cancel=cancel, sleep=time.sleep, retry=Retry(base=60.0, cap=60.0), rng=None
    )
    client.login(CREATOR, DEMO_PASSWORD)
    faults(error_rate=1.0)
    timer = threading.Timer(0.2, cancel.set)
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(Cancelled):
            client.me()
    finally:
        timer.cancel()
    assert time.monotonic() - started < 10.0  # not the minute of backoff


def test_a_set_cancel_event_stops_before_sending(make_client: MakeClient, sleeps: Sleeps) -> None:
    cancel = threading.Event()
    cancel.set()
    client = make_client(cancel=cancel)
    with pytest.raises(Cancelled):
        client.login(CREATOR, DEMO_PASSWORD)
    assert client.account is None
