"""Batch review: many ``application.review`` / ``sample.*`` moves in one batch, each buffered
as an UPDATE of the batch (no savepoint, no flush per mutation), answered exactly as one by one:
a second decision on the same row in the batch is ``already_decided``, a rejected move leaves
nothing behind, and each applied move reaches the database and the feed once."""

from __future__ import annotations

from typing import Any

from tests.server.conftest import Session
from workbench.core.ids import uuid7
from workbench.server.bulk import COPY_FROM


def _batch(
    session: Session, mutations: list[tuple[str, str, dict[str, Any]]]
) -> list[dict[str, Any]]:
    body = {
        "device_id": session.device_id,
        "mutations": [
            {
                "seq": session.next_seq + n,
                "id": uuid7(),
                "type": type_,
                "entity_id": entity_id,
                "payload": payload,
                "base_version": None,
            }
            for n, (type_, entity_id, payload) in enumerate(mutations)
        ],
    }
    response = session.post("/v1/sync/mutations", json=body)
    assert response.status_code == 200, response.text
    session.next_seq += len(mutations)
    return list(response.json()["results"])


def test_a_review_batch_answers_as_one_by_one(
    sessions: dict[str, Session], fresh_session: Any
) -> None:
    merchant, other = fresh_session("merchant_a"), sessions["merchant_b"]
    merchant.feed()
    cursor = merchant.last_cursor  # type: ignore[attr-defined]
    apps = [
        a
        for a in merchant.get("/v1/applications", params={"limit": 500}).json()["items"]
        if a["status"] == "pending"
    ]
    samples = merchant.get("/v1/samples", params={"limit": 500}).json()["items"]
    approved = next(s for s in samples if s["status"] == "approved")
    foreign = other.get("/v1/applications", params={"limit": 500}).json()["items"][0]
    first, second, third = apps[0]["id"], apps[1]["id"], apps[2]["id"]
    results = _batch(
        merchant,
        [
            ("application.review", first, {"decision": "approve"}),
            ("application.review", first, {"decision": "reject", "reason": "改主意"}),
            ("application.review", second, {"decision": "reject"}),
            ("application.review", second, {"decision": "reject", "reason": "粉丝画像不匹配"}),
            ("application.review", foreign["id"], {"decision": "approve"}),
            ("sample.ship", approved["id"], {"tracking_no": "SF1234567890"}),
            ("application.review", third, {"decision": "approve"}),
        ],
    )
    assert [(r["status"], r["code"]) for r in results] == [
        ("applied", None),
        ("rejected", "already_decided"),
        ("rejected", "reason_required"),
        ("applied", None),
        ("rejected", "unknown_entity"),
        ("applied", None),
        ("applied", None),
    ]
    read = lambda path: merchant.get(path).json()  # noqa: E731
    one, two, three = (read(f"/v1/applications/{x}") for x in (first, second, third))
    assert (one["status"], one["version"], one["reason"]) == (
        "approved",
        apps[0]["version"] + 1,
        None,
    )
    assert (two["status"], two["reason"]) == ("rejected", "粉丝画像不匹配")
    assert two["decided_at"] is not None and three["status"] == "approved"
    shipped = read(f"/v1/samples/{approved['id']}")
    assert (shipped["status"], shipped["tracking_no"]) == ("shipped", "SF1234567890")
    assert shipped["content_due_at"] is not None
    assert read(f"/v1/applications/{foreign['id']}")["code"] == "not_found"
    logged = [c for c in merchant.feed(cursor=cursor) if c["entity"] in ("application", "sample")]
    assert sorted((c["id"], c["data"]["status"]) for c in logged) == sorted(
        [
            (first, "approved"),
            (second, "rejected"),
            (third, "approved"),
            (approved["id"], "shipped"),
        ]
    )


def test_a_big_review_batch_reaches_the_feed_once_in_order_and_replays(
    sessions: dict[str, Session], fresh_session: Any
) -> None:
    """Past ``bulk.COPY_FROM`` rows the change log and the stored results are appended by COPY
    on PostgreSQL: the same entries, in mutation order, for both audiences (each decision
    reaches the merchant's and the creator's feed once), the rejected second decisions stored
    too, and a retry of the batch replays every stored result and logs nothing."""
    merchant = fresh_session("merchant_a")
    merchant.feed()
    cursor = merchant.last_cursor  # type: ignore[attr-defined]
    creator = sessions["creator_a"]
    creator.feed()
    creator_cursor = creator.last_cursor  # type: ignore[attr-defined]
    apps = [
        a
        for a in merchant.get("/v1/applications", params={"limit": 500}).json()["items"]
        if a["status"] == "pending"
    ]
    # Two feed entries per decision (merchant, creator); one stored result per mutation.
    assert 2 * len(apps) >= COPY_FROM, "the demo holds too few pending applications for a COPY"
    decisions = [{"decision": "approve"} if n % 3 else {"decision": "reject", "reason": "满"}
                 for n in range(len(apps))]  # fmt: skip
    moves = [(a["id"], d) for a, d in zip(apps, decisions, strict=True)]
    moves += [(a["id"], {"decision": "approve"}) for a in apps]  # decided already: rejected
    mutations = [
        {
            "seq": merchant.next_seq + n,
            "id": uuid7(),
            "type": "application.review",
            "entity_id": app_id,
            "payload": payload,
            "base_version": None,
        }
        for n, (app_id, payload) in enumerate(moves)
    ]
    body = {"device_id": merchant.device_id, "mutations": mutations}
    first = merchant.post("/v1/sync/mutations", json=body)
    assert first.status_code == 200, first.text
    results = first.json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [("applied", None)] * len(apps) + [
        ("rejected", "already_decided")
    ] * len(apps)
    logged = [c for c in merchant.feed(cursor=cursor) if c["entity"] == "application"]
    assert [(c["id"], c["data"]["status"], c["version"]) for c in logged] == [
        (a["id"], "approved" if n % 3 else "rejected", a["version"] + 1) for n, a in enumerate(apps)
    ]
    assert [c["data"] for c in logged] == [r["row"] for r in results[: len(apps)]]
    theirs = [a["id"] for a in apps if a["creator_id"] == creator.id]
    seen = [c["id"] for c in creator.feed(cursor=creator_cursor) if c["entity"] == "application"]
    assert seen == theirs
    again = merchant.post("/v1/sync/mutations", json=body)
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    assert merchant.feed(cursor=merchant.last_cursor) == []  # type: ignore[attr-defined]
