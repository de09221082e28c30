"""The sync endpoints through the client: feed, snapshot pages, mutations, and their errors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from tests.client.conftest import SEED_PRODUCTS, MakeClient
from workbench.client.api import ApiClient
from workbench.client.errors import ApiError, CursorExpired
from workbench.client.tokens import MemoryTokenStore
from workbench.contract.sync import SNAPSHOT_COLUMNS, Mutation, MutationBatch, MutationStatus, Scope
from workbench.core.ids import uuid7
from workbench.server.changes import compact
from workbench.server.embedded import EmbeddedServer


def _feed_end(client: ApiClient, scope: Scope) -> str:
    page = client.changes(scope, None, limit=5000)
    while page.has_more:
        page = client.changes(scope, page.cursor, limit=5000)
    return page.cursor


def _one(
    client: ApiClient, device: str, seq: int, type_: str, entity_id: str, **payload: Any
) -> None:
    batch = MutationBatch(
        device_id=device,
        mutations=[Mutation(seq=seq, id=uuid7(), type=type_, entity_id=entity_id, payload=payload)],
    )
    result = client.push(batch).results[0]
    assert result.status is MutationStatus.APPLIED, result


def test_feed_pages_follow_the_cursor(creator: ApiClient) -> None:
    first = creator.changes(Scope.ACCOUNT, None, limit=5)
    assert len(first.changes) == 5 and first.has_more
    second = creator.changes(Scope.ACCOUNT, first.cursor, limit=5)
    assert {c.id for c in first.changes}.isdisjoint({c.id for c in second.changes})


def test_snapshot_pages_cover_every_product(creator: ApiClient) -> None:
    manifest = creator.snapshot_manifest("product", page_size=250)
    assert manifest.total == SEED_PRODUCTS
    assert manifest.columns == list(SNAPSHOT_COLUMNS["product"])
    rows: list[list[Any]] = []
    after: str | None = None
    pages = 0
    while True:
        page, after = creator.snapshot_page("product", after, 250)
        rows.extend(page)
        pages += 1
        if after is None:
            break
        assert after == page[-1][0]
    assert pages == 3
    assert len(rows) == SEED_PRODUCTS
    ids = [row[0] for row in rows]
    assert ids == sorted(ids) and len(set(ids)) == SEED_PRODUCTS
    assert all(len(row) == len(manifest.columns) for row in rows)
    product = creator.get_json(f"/v1/products/{ids[0]}")
    assert dict(zip(manifest.columns, rows[0], strict=True))["title"] == product["title"]


def test_old_cursor_after_compaction_is_cursor_expired(
    server: EmbeddedServer, creator: ApiClient
) -> None:
    cursor = _feed_end(creator, Scope.ACCOUNT)
    device, channel = uuid7(), uuid7()
    _one(creator, device, 1, "channel.create", channel, kind="showcase", name="临时")
    _one(creator, device, 2, "channel.delete", channel)
    # A later entry: compaction always keeps the newest one (its seq is never handed out again).
    _one(creator, device, 3, "channel.create", uuid7(), kind="showcase", name="之后")
    with server.db.write() as session:
        compact(session, retention=timedelta(0))
    with pytest.raises(CursorExpired) as caught:
        creator.changes(Scope.ACCOUNT, cursor)
    assert caught.value.status == 410
    assert caught.value.code == "cursor_expired"
    # Reading the scope from the start works: that is how the client recovers.
    assert creator.changes(Scope.ACCOUNT, None, limit=10).changes


def test_a_bad_batch_is_validation_failed(creator: ApiClient) -> None:
    mutation = Mutation(seq=1, id=uuid7(), type="channel.create", entity_id=uuid7())
    bad = MutationBatch.model_construct(device_id="short", mutations=[mutation])
    with pytest.raises(ApiError) as caught:
        creator.push(bad)
    assert caught.value.status == 422
    assert caught.value.code == "validation_failed"
    assert caught.value.problem["errors"]


def test_problems_keep_their_code(creator: ApiClient) -> None:
    with pytest.raises(ApiError) as caught:
        creator.get_json("/v1/products/no-such-product")
    assert (caught.value.status, caught.value.code) == (404, "not_found")
    with pytest.raises(ApiError) as caught:
        creator.get_json("/v1/accounts/creators")
    assert (caught.value.status, caught.value.code) == (403, "wrong_role")


def test_get_json_refuses_other_hosts(creator: ApiClient) -> None:
    for path in ("https://elsewhere.example/v1/me", "//elsewhere.example/v1/me", "v1/me"):
        with pytest.raises(ValueError):
            creator.get_json(path)


def _fake(make_client: MakeClient, handler: Any) -> ApiClient:
    tokens = MemoryTokenStore()
    tokens.set("test-account", "r" * 43)
    return make_client(
        base_url="http://127.0.0.1:1", tokens=tokens, transport=httpx.MockTransport(handler)
    )


def _pair() -> dict[str, Any]:
    account = {
        "id": "a1",
        "login": "x",
        "display_name": "X",
        "role": "creator",
        "version": 1,
    }
    return {
        "access_token": "a" * 43,
        "refresh_token": "b" * 43,
        "expires_in": 900,
        "account": account,
    }


def test_a_malformed_answer_is_bad_response(make_client: MakeClient) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/auth/refresh":
            return httpx.Response(200, json=_pair())
        if request.url.path == "/v1/me":
            return httpx.Response(200, json={"id": "a1"})  # fields missing
        return httpx.Response(200, content=b"[1, 2]\nnot json\n")

    client = _fake(make_client, handler)
    with pytest.raises(ApiError) as caught:
        client.me()
    assert caught.value.code == "bad_response"
    with pytest.raises(ApiError) as caught:
        client.snapshot_page("product", None, 10)
    assert caught.value.code == "bad_response"


def test_a_non_problem_error_still_maps(make_client: MakeClient) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v1/auth/refresh":
            return httpx.Response(200, json=_pair())
        return httpx.Response(404, text="<html>nope</html>")

    client = _fake(make_client, handler)
    with pytest.raises(ApiError) as caught:
        client.get_json("/v1/nothing")
    assert (caught.value.status, caught.value.code) == (404, "not_found")
    assert caught.value.problem == {}
    headers = seen[-1].headers
    assert headers["authorization"] == "Bearer " + "a" * 43
    assert headers["user-agent"].startswith("ShopWorkbench/")
    # Nothing compressed from this machine (the embedded server); gzip across a network.
    assert headers["accept-encoding"] == "identity"
    remote = make_client(base_url="https://shop.example", transport=httpx.MockTransport(handler))
    assert remote._http.headers["accept-encoding"] == "gzip"
