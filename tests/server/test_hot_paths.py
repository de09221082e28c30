"""The feed and mutation batches past FastAPI's routing (``server.hot``): the same answers.

Each request is sent twice, once plainly (the short way answers it) and once in a form only the
app reads (a percent-encoded letter, a content type with a charset): both answers must be the
same, errors included. A counter on the short way's work tells which way answered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.server.conftest import Session
from workbench.contract import PROBLEM_MEDIA_TYPE
from workbench.core.ids import uuid7
from workbench.server import hot


@pytest.fixture
def short_way(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the short way's answers, in order."""
    taken: list[str] = []

    def counted(name: str, work: Callable[..., bytes]) -> Callable[..., bytes]:
        def run(*args: Any) -> bytes:
            taken.append(name)
            return work(*args)

        return run

    monkeypatch.setattr(hot, "changes_json", counted("changes", hot.changes_json))
    monkeypatch.setattr(hot, "mutations_json", counted("mutations", hot.mutations_json))
    yield taken


def _pull(s: Session, query: str, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token or s.access_token}"}
    return s.client.get(f"/v1/sync/changes?{query}", headers=headers)


def _same(a: httpx.Response, b: httpx.Response) -> None:
    assert (a.status_code, a.headers["content-type"], a.content) == (
        b.status_code, b.headers["content-type"], b.content,
    )  # fmt: skip


def test_a_pull_answers_alike_both_ways(
    fresh_session: Callable[[str], Session], short_way: list[str]
) -> None:
    creator = fresh_session("creator_a")
    first = _pull(creator, "scope=account&limit=3")
    cursor = first.json()["cursor"]
    assert first.status_code == 200 and short_way == ["changes"]
    # ``%61`` is "a": the app decodes it, the short way leaves such a query to the app.
    _same(first, _pull(creator, "scope=%61ccount&limit=3"))
    plain = _pull(creator, f"scope=account&cursor={cursor}")
    _same(plain, _pull(creator, f"scope=account&cursor={cursor}&limit=1%30%30%30"))
    assert short_way == ["changes", "changes"]


@pytest.mark.parametrize(
    ("query", "odd", "status", "code"),
    [
        ("scope=catalog&cursor=abc", "scope=catalog&cursor=%61bc", 400, "bad_cursor"),
        ("scope=account&limit=0", "scope=%61ccount&limit=0", 422, "validation_failed"),
        ("scope=everything", "scope=everythin%67", 422, "validation_failed"),
    ],
)
def test_a_bad_pull_gets_the_same_problem(
    sessions: dict[str, Session], query: str, odd: str, status: int, code: str
) -> None:
    creator = sessions["creator_a"]
    answer = _pull(creator, query)
    assert answer.status_code == status and answer.json()["code"] == code
    assert answer.headers["content-type"] == PROBLEM_MEDIA_TYPE
    _same(answer, _pull(creator, odd))


def test_a_pull_with_a_bad_token_is_refused_alike(
    sessions: dict[str, Session], short_way: list[str]
) -> None:
    creator = sessions["creator_a"]
    answer = _pull(creator, "scope=account", token="not-a-token")
    assert short_way == ["changes"]  # the token is checked on the short way's connection
    assert answer.status_code == 401 and answer.json()["code"] == "unauthenticated"
    assert answer.headers["www-authenticate"] == "Bearer"
    _same(answer, _pull(creator, "scope=%61ccount", token="not-a-token"))
    missing = creator.client.get("/v1/sync/changes?scope=account")
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"


def _push(s: Session, body: bytes, content_type: str = "application/json") -> httpx.Response:
    headers = {"Authorization": f"Bearer {s.access_token}", "Content-Type": content_type}
    return s.client.post("/v1/sync/mutations", content=body, headers=headers)


def test_a_batch_answers_alike_both_ways(
    fresh_session: Callable[[str], Session], short_way: list[str]
) -> None:
    creator = fresh_session("creator_a")
    batch = {
        "device_id": creator.device_id,
        "mutations": [
            {"seq": n, "id": uuid7(), "type": "saved_filter.put", "entity_id": uuid7(),
             "payload": {"name": f"热 {n}", "query": {}}}
            for n in (1, 2)
        ],
    }  # fmt: skip
    body = httpx.Request("POST", "/", json=batch).content
    applied = _push(creator, body)
    assert applied.status_code == 200 and short_way == ["mutations"]
    assert [r["status"] for r in applied.json()["results"]] == ["applied", "applied"]
    # The same batch again, as only the app reads it: the stored answers, replayed.
    _same(applied, _push(creator, body, "application/json; charset=utf-8"))
    assert short_way == ["mutations"]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b'{"device_id": "x", "mutations": [', 400, "malformed_json"),
        (b'{"mutations": []}', 422, "validation_failed"),
        (b"[]", 422, "validation_failed"),
    ],
)
def test_a_bad_batch_is_left_to_the_app(
    sessions: dict[str, Session], short_way: list[str], body: bytes, status: int, code: str
) -> None:
    answer = _push(sessions["creator_a"], body)
    assert answer.status_code == status and answer.json()["code"] == code
    assert answer.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert short_way == []


def test_a_batch_with_a_bad_token_is_refused(sessions: dict[str, Session]) -> None:
    creator = sessions["creator_a"]
    mutation = {"seq": 1, "id": uuid7(), "type": "saved_filter.put", "entity_id": uuid7(),
                "payload": {"name": "x", "query": {}}}  # fmt: skip
    body = httpx.Request("POST", "/", json={"device_id": uuid7(), "mutations": [mutation]}).content
    answer = creator.client.post(
        "/v1/sync/mutations", content=body,
        headers={"Authorization": "Bearer nope", "Content-Type": "application/json"},
    )  # fmt: skip
    assert answer.status_code == 401 and answer.json()["code"] == "unauthenticated"
    assert answer.headers["www-authenticate"] == "Bearer"
