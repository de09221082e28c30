"""The change feed, its cursors and the reset answer, and the catalogue snapshot."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from datetime import timedelta

import httpx
import orjson
from sqlalchemy import select

from tests.server.conftest import Session
from tests.server.helpers import items, listed_product, new_channel
from workbench.contract.sync import SNAPSHOT_COLUMNS, ChangesPage, Scope
from workbench.core.ids import uuid7
from workbench.server.changes import compact, encode_cursor, horizon
from workbench.server.embedded import EmbeddedServer
from workbench.server.models import ChangeLog


def _page(session: Session, **params: object) -> httpx.Response:
    return session.get("/v1/sync/changes", params=params)


def test_small_pages_read_the_same_as_one_big_page(sessions: dict[str, Session]) -> None:
    creator = sessions["creator_a"]
    whole = creator.feed("account", limit=5000)
    paged = creator.feed("account", limit=37)
    assert paged == whole
    assert len(whole) > 37


def test_an_empty_page_keeps_the_cursor(sessions: dict[str, Session]) -> None:
    creator = sessions["creator_b"]
    creator.feed("account")
    end = creator.last_cursor  # type: ignore[attr-defined]
    body = _page(creator, scope="account", cursor=end).json()
    assert body == {"changes": [], "cursor": end, "has_more": False}


def test_new_changes_arrive_after_the_cursor(fresh_session: Callable[[str], Session]) -> None:
    creator = fresh_session("creator_a")
    creator.feed("account")
    start = creator.last_cursor  # type: ignore[attr-defined]
    channel = new_channel(creator, name="新渠道")
    fresh = creator.feed("account", start)
    assert [(c["entity"], c["id"], c["op"]) for c in fresh] == [("channel", channel, "upsert")]
    assert fresh[0]["data"]["name"] == "新渠道"


def test_bad_cursors_are_a_problem(sessions: dict[str, Session]) -> None:
    creator = sessions["creator_a"]
    creator.feed("catalog")
    catalog_cursor = creator.last_cursor  # type: ignore[attr-defined]
    for cursor in [
        "garbage",
        "d2IxOmFjY291bnQ6LTE",
        "x" * 150,
        catalog_cursor,
        "💥",
        "' OR 1=1 --",
    ]:
        response = _page(creator, scope="account", cursor=cursor)
        assert response.status_code == 400, cursor
        assert response.json()["code"] == "bad_cursor"
    assert _page(creator, scope="nope").json()["code"] == "validation_failed"


def test_an_expired_cursor_gets_the_reset_answer_and_a_full_read_still_works(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    creator.feed("account")
    old = creator.last_cursor  # type: ignore[attr-defined]
    channel = new_channel(creator, name="要删除的渠道")
    assert creator.mutate("channel.delete", channel)["status"] == "applied"
    new_channel(creator, name="之后的渠道")  # compaction always keeps the newest entry
    with server.db.write() as db:
        compact(db, retention=timedelta(0))
    response = _page(creator, scope="account", cursor=old)
    assert response.status_code == 410
    assert response.json()["code"] == "cursor_expired"
    # Re-downloading the scope from the start gives the current state: the channel is gone.
    state = {}
    for change in creator.feed("account"):
        state[(change["entity"], change["id"])] = change["op"]
    assert ("channel", channel) not in state
    live_channels = {c["id"] for c in items(creator, "/v1/channels")}
    fed_channels = {i for (e, i), op in state.items() if e == "channel" and op == "upsert"}
    assert fed_channels == live_channels


def test_compaction_keeps_the_latest_state(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    listing_id = uuid7()
    creator.mutate(
        "listing.create",
        listing_id,
        {"channel_id": channel, "product_id": listed_product(creator, 3)["id"]},
    )
    for title in ["一", "二", "三"]:
        creator.mutate("listing.patch", listing_id, {"custom_title": title})
    with server.db.write() as db:
        compact(db, retention=timedelta(days=90))
    entries = [c for c in creator.feed("account") if c["id"] == listing_id]
    assert len(entries) == 1
    assert entries[0]["data"]["custom_title"] == "三"


def test_snapshot_pages_cover_the_catalogue_once(
    sessions: dict[str, Session], server: EmbeddedServer
) -> None:
    creator = sessions["creator_a"]
    manifest = creator.get(
        "/v1/sync/snapshot", params={"entity": "product", "page_size": 400}
    ).json()
    assert manifest["columns"] == list(SNAPSHOT_COLUMNS["product"])
    ids: list[str] = []
    url = manifest["first_page"]
    after = None
    first_rows: list[list[object]] = []
    while True:
        params = {"limit": 400, **({"after": after} if after else {})}
        response = creator.client.get(
            url.split("?")[0],
            params=params,
            headers={"Authorization": f"Bearer {creator.access_token}"},
        )
        assert response.status_code == 200
        assert response.headers["content-encoding"] == "gzip"
        rows = [orjson.loads(line) for line in response.content.splitlines()]
        first_rows = first_rows or rows
        assert all(len(r) == len(manifest["columns"]) for r in rows)
        ids.extend(r[0] for r in rows)
        after = response.headers.get("x-next-after")
        if not after:
            break
    assert len(ids) == manifest["total"] == len(set(ids))
    assert ids == sorted(ids)
    # A snapshot row says what REST says of the same product.
    row = dict(zip(manifest["columns"], first_rows[0], strict=True))
    rest = creator.get(f"/v1/products/{row['id']}").json()
    assert {k: rest[k] for k in row} == row


def test_snapshot_is_gzip_on_the_wire(sessions: dict[str, Session], server: EmbeddedServer) -> None:
    creator = sessions["creator_a"]
    with (
        httpx.Client(base_url=server.url) as raw,
        raw.stream(
            "GET",
            "/v1/sync/snapshot/category",
            headers={"Authorization": f"Bearer {creator.access_token}"},
        ) as response,
    ):
        wire = b"".join(response.iter_raw())
    lines = gzip.decompress(wire).splitlines()
    categories = creator.get("/v1/categories").json()
    assert [json.loads(line)[0] for line in lines] == [c["id"] for c in categories]
    # A client that accepts only identity (the app's, on loopback) gets the same lines plain.
    with (
        httpx.Client(base_url=server.url) as raw,
        raw.stream(
            "GET",
            "/v1/sync/snapshot/category",
            headers={
                "Authorization": f"Bearer {creator.access_token}",
                "Accept-Encoding": "identity",
            },
        ) as response,
    ):
        assert "content-encoding" not in response.headers
        assert b"".join(response.iter_raw()).splitlines() == lines


def test_unknown_snapshot_entity(sessions: dict[str, Session]) -> None:
    response = sessions["creator_a"].get("/v1/sync/snapshot/listing")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_page_is_the_log_rows_as_a_changes_page(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    """The feed's answer is written by hand around each entry's stored JSON (``server.feed``):
    it must read as a ``ChangesPage`` whose entries are the reader's change-log rows in seq
    order, ``data`` as stored (quotes, backslashes and Chinese intact), a tombstone's ``null``,
    and end at the last row's seq."""
    creator = fresh_session("creator_a")
    kept = new_channel(creator, name='茶 "引号" \\ 渠道')
    gone = new_channel(creator, name="要删的")
    assert creator.mutate("channel.delete", gone)["status"] == "applied"
    response = _page(creator, scope="account", limit=5000)
    assert response.headers["content-type"] == "application/json"
    page = ChangesPage.model_validate_json(response.content)
    audiences = [f"acct:{creator.account['id']}", "creators"]
    with server.db.read() as db:
        rows = db.execute(
            select(ChangeLog.seq, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.version,
                   ChangeLog.op, ChangeLog.data)
            .where(ChangeLog.audience.in_(audiences))
            .order_by(ChangeLog.seq)
        ).all()  # fmt: skip
        known = horizon(db)  # other tests here compact the log
    assert not page.has_more and len(rows) < 5000
    assert [c.model_dump(mode="json") for c in page.changes] == [
        {"entity": e, "id": i, "version": v, "op": op, "data": data}
        for _seq, e, i, v, op, data in rows
    ]
    assert page.cursor == encode_cursor(Scope.ACCOUNT, rows[-1][0], known)
    by_id = {c.id: c for c in page.changes}
    assert by_id[kept].data is not None and by_id[kept].data["name"] == '茶 "引号" \\ 渠道'
    assert by_id[gone].op == "delete" and by_id[gone].data is None
    assert orjson.loads(response.content) == page.model_dump(mode="json")


def test_json_text_takes_what_orjson_refuses() -> None:
    """JSON columns and the cache's row text are written by orjson, with ``json`` behind it
    for an integer past 64 bits; Chinese stays itself."""
    from workbench.server.db import _json_dumps
    from workbench.store.records import dumps, loads

    value = {"n": 2**70, "name": "茶"}
    for text in (_json_dumps(value), dumps(value)):
        assert "茶" in text and json.loads(text) == value
    assert loads(dumps(value)) == value
    assert loads('{"x": NaN}')["x"] != 0  # old rows written by json.dumps
