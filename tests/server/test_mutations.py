"""``POST /v1/sync/mutations``: order, exactly-once replay, field merge, workflow rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from tests.server.conftest import Session
from tests.server.helpers import (
    items,
    listed_product,
    new_channel,
    own_products,
    plan_payload,
    row_counts,
    unplanned_product,
)
from workbench.core.ids import uuid7
from workbench.server.embedded import EmbeddedServer


def _batch(session: Session, mutations: list[dict]) -> dict:
    response = session.post(
        "/v1/sync/mutations", json={"device_id": session.device_id, "mutations": mutations}
    )
    assert response.status_code == 200, response.text
    return response.json()


def _listing_mutation(seq: int, channel_id: str, product_id: str) -> dict:
    listing_id = uuid7()
    return {
        "seq": seq,
        "id": uuid7(),
        "type": "listing.create",
        "entity_id": listing_id,
        "payload": {"channel_id": channel_id, "product_id": product_id, "custom_title": "好物推荐"},
    }


def test_replayed_batch_changes_nothing_and_answers_the_same(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    batch = [
        _listing_mutation(creator.next_seq + i, channel, listed_product(creator, i)["id"])
        for i in range(3)
    ]
    first = _batch(creator, batch)
    assert [r["status"] for r in first["results"]] == ["applied"] * 3
    before = row_counts(server)
    again = _batch(creator, batch)
    assert again == first
    assert row_counts(server) == before
    listings = {x["id"] for x in items(creator, "/v1/listings")}
    assert {m["entity_id"] for m in batch} <= listings


def test_a_sequence_gap_stops_the_batch_without_effect(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    before = row_counts(server)
    skipped = _listing_mutation(creator.next_seq + 1, channel, listed_product(creator)["id"])
    body = _batch(creator, [skipped])
    assert body["results"][0]["status"] == "rejected"
    assert body["results"][0]["code"] == "sequence_gap"
    assert body["last_seq"] == creator.next_seq - 1
    assert row_counts(server) == before


def test_a_reused_seq_with_another_id_is_refused(fresh_session: Callable[[str], Session]) -> None:
    creator = fresh_session("creator_a")
    new_channel(creator)
    reuse = {
        "seq": creator.next_seq - 1,
        "id": uuid7(),
        "type": "favourite.add",
        "entity_id": listed_product(creator)["id"],
        "payload": {},
    }
    assert _batch(creator, [reuse])["results"][0]["code"] == "mutation_id_reused"


def test_rejected_mutation_leaves_no_trace_but_the_queue_moves_on(
    server: EmbeddedServer, fresh_session: Callable[[str], Session]
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    before = row_counts(server)
    bad = _listing_mutation(
        creator.next_seq, "00000000-0000-7000-8000-000000000000", listed_product(creator)["id"]
    )
    good = _listing_mutation(creator.next_seq + 1, channel, listed_product(creator, 5)["id"])
    results = _batch(creator, [bad, good])["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert results[0]["code"] == "unknown_entity"
    after = row_counts(server)
    assert after["listing"] == before["listing"] + 1


def test_listing_fields_merge_and_same_field_conflicts(
    fresh_session: Callable[[str], Session],
) -> None:
    phone, laptop = fresh_session("creator_a"), fresh_session("creator_a")
    channel = new_channel(phone)
    listing_id = uuid7()
    created = phone.mutate(
        "listing.create",
        listing_id,
        {"channel_id": channel, "product_id": listed_product(phone, 7)["id"]},
    )
    base = created["row"]["version"]
    # Disjoint fields from two devices, both from the same base: both apply.
    assert (
        phone.mutate("listing.patch", listing_id, {"custom_title": "手机改的标题"}, base)["status"]
        == "applied"
    )
    merged = laptop.mutate("listing.patch", listing_id, {"position": 3}, base)
    assert merged["status"] == "applied"
    assert merged["row"]["custom_title"] == "手机改的标题" and merged["row"]["position"] == 3
    # The same field from a stale base: the server's value stays, the rest still applies.
    clash = laptop.mutate(
        "listing.patch", listing_id, {"custom_title": "电脑改的标题", "pinned": True}, base
    )
    assert clash["status"] == "conflict"
    assert clash["conflicts"] == ["custom_title"]
    assert clash["row"]["custom_title"] == "手机改的标题"
    assert clash["row"]["pinned"] is True
    # A delete that has not seen the latest version asks the person instead of deleting.
    stale_delete = laptop.mutate("listing.delete", listing_id, {}, base)
    assert stale_delete["status"] == "conflict"
    latest = clash["row"]["version"]
    assert phone.mutate("listing.delete", listing_id, {}, latest)["status"] == "applied"


def test_same_product_twice_on_a_channel_is_refused(
    fresh_session: Callable[[str], Session],
) -> None:
    creator = fresh_session("creator_a")
    channel = new_channel(creator)
    product = listed_product(creator, 9)["id"]
    first = creator.mutate(
        "listing.create", uuid7(), {"channel_id": channel, "product_id": product}
    )
    second = creator.mutate(
        "listing.create", uuid7(), {"channel_id": channel, "product_id": product}
    )
    assert first["status"] == "applied"
    assert (second["status"], second["code"]) == ("rejected", "listing_exists")


def test_a_rename_on_a_version_renamed_elsewhere_conflicts(
    fresh_session: Callable[[str], Session],
) -> None:
    """Two devices rename the same channel from version 1: the second one's is a conflict
    carrying the server's row; renamed again on the server's version, it applies."""
    a, b = fresh_session("creator_a"), fresh_session("creator_a")
    channel = new_channel(a)
    seen = a.get("/v1/channels", params={"limit": 500}).json()["items"]
    base = next(c["version"] for c in seen if c["id"] == channel)
    first = a.mutate("channel.rename", channel, {"name": "甲设备的名字"}, base_version=base)
    assert first["status"] == "applied"
    second = b.mutate("channel.rename", channel, {"name": "乙设备的名字"}, base_version=base)
    assert (second["status"], second["code"], second["conflicts"]) == (
        "conflict",
        "version_conflict",
        ["name"],
    )
    assert second["row"]["name"] == "甲设备的名字"
    again = b.mutate(
        "channel.rename", channel, {"name": "乙设备的名字"}, base_version=second["row"]["version"]
    )
    assert again["status"] == "applied" and again["row"]["name"] == "乙设备的名字"
    # Without a base version the last rename wins, as before.
    assert a.mutate("channel.rename", channel, {"name": "最后"})["status"] == "applied"


def test_legacy_creator_cannot_open_non_finder_channels(
    fresh_session: Callable[[str], Session],
) -> None:
    legacy = fresh_session("creator_b")
    result = legacy.mutate(
        "channel.create", uuid7(), {"kind": "official_account", "name": "公众号"}
    )
    assert (result["status"], result["code"]) == ("rejected", "channel_not_allowed")


def test_favourites_are_an_add_wins_set(fresh_session: Callable[[str], Session]) -> None:
    a, b = fresh_session("creator_a"), fresh_session("creator_a")
    product = listed_product(a, 11)["id"]
    added = a.mutate("favourite.add", product)
    assert a.mutate("favourite.add", product)["row"]["version"] == added["row"]["version"]
    base = added["row"]["version"]
    assert b.mutate("favourite.remove", product, base_version=base)["status"] == "applied"
    readded = a.mutate("favourite.add", product)
    # A remove from a device that had not seen the re-add loses to it.
    b.mutate("favourite.remove", product, base_version=base)
    assert product in {f["product_id"] for f in items(a, "/v1/favourites")}
    assert readded["row"]["version"] > base


def test_wrong_role_is_rejected(
    sessions: dict[str, Session], fresh_session: Callable[[str], Session]
) -> None:
    merchant = fresh_session("merchant_a")
    result = merchant.mutate("favourite.add", listed_product(merchant)["id"])
    assert (result["status"], result["code"]) == ("rejected", "wrong_role")
    creator = fresh_session("creator_a")
    result = creator.mutate("plan.end", uuid7())
    assert (result["status"], result["code"]) == ("rejected", "wrong_role")


def test_plan_rules_are_enforced_by_the_server(
    server: EmbeddedServer, sessions: dict[str, Session], fresh_session: Callable[[str], Session]
) -> None:
    merchant = fresh_session("merchant_a")
    creator_id = sessions["creator_a"].id
    product = unplanned_product(merchant)["id"]
    before = row_counts(server)
    cases = [
        (plan_payload([product], "targeted", creator_ids=[creator_id]), "general_plan_required"),
        (plan_payload([product], rate_ppm=950_000), "rate_out_of_range"),
        (plan_payload([product], rate_ppm=155_000), "rate_out_of_range"),
        (plan_payload([product], days=-1), "plan_window_invalid"),
        (plan_payload([product], creator_ids=[creator_id]), "creators_not_allowed"),
        (plan_payload([product], "exclusive"), "creators_required"),
        (plan_payload([str(i) for i in range(21)]), "too_many_products"),
        (
            plan_payload([product], "targeted", creator_ids=[str(i) for i in range(31)]),
            "too_many_creators",
        ),
        (plan_payload([own_products(sessions["merchant_b"])[0]["id"]]), "not_your_product"),
    ]
    for payload, code in cases:
        result = merchant.mutate("plan.create", payload["plan_ids"][0], payload)
        assert (result["status"], result["code"]) == ("rejected", code), (code, result)
    assert row_counts(server) == before

    general = plan_payload([product], rate_ppm=250_000)
    assert merchant.mutate("plan.create", general["plan_ids"][0], general)["status"] == "applied"
    exclusive = plan_payload([product], "exclusive", creator_ids=[creator_id])
    assert (
        merchant.mutate("plan.create", exclusive["plan_ids"][0], exclusive)["code"]
        == "exclusive_conflict"
    )
    targeted = plan_payload([product], "targeted", rate_ppm=300_000, creator_ids=[creator_id])
    assert merchant.mutate("plan.create", targeted["plan_ids"][0], targeted)["status"] == "applied"
    again = plan_payload([product], rate_ppm=100_000)
    assert (
        merchant.mutate("plan.create", again["plan_ids"][0], again)["code"]
        == "duplicate_general_plan"
    )


def test_a_general_plan_sets_the_catalogue_rate(
    sessions: dict[str, Session], fresh_session: Callable[[str], Session]
) -> None:
    merchant, creator = fresh_session("merchant_a"), sessions["creator_a"]
    start = creator.get(
        "/v1/sync/changes", params={"scope": "catalog", "limit": 1, "cursor": _tail(creator)}
    ).json()["cursor"]
    product = unplanned_product(merchant)["id"]
    payload = plan_payload([product], rate_ppm=330_000)
    assert merchant.mutate("plan.create", payload["plan_ids"][0], payload)["status"] == "applied"
    changed = [
        c for c in creator.feed("catalog", start) if c["entity"] == "product" and c["id"] == product
    ]
    assert changed and changed[-1]["data"]["commission_ppm"] == 330_000
    plan_id = payload["plan_ids"][0]
    assert merchant.mutate("plan.update", plan_id, {"rate_ppm": 300_000})["status"] == "applied"
    later = [c for c in creator.feed("catalog", start) if c["id"] == product]
    assert later[-1]["data"]["commission_ppm"] == 300_000


def _tail(session: Session) -> str | None:
    session.feed("catalog")
    return session.last_cursor  # type: ignore[attr-defined,no-any-return]


def test_application_flow_and_terms_evidence(
    sessions: dict[str, Session], fresh_session: Callable[[str], Session]
) -> None:
    merchant, creator = fresh_session("merchant_a"), fresh_session("creator_a")
    payload = plan_payload([unplanned_product(merchant)["id"]], rate_ppm=200_000)
    merchant.mutate("plan.create", payload["plan_ids"][0], payload)
    plan_id = payload["plan_ids"][0]
    stale = creator.mutate(
        "application.create", uuid7(), {"plan_id": plan_id, "expected_rate_ppm": 150_000}
    )
    assert (stale["status"], stale["code"]) == ("rejected", "plan_changed")
    app_id = uuid7()
    applied = creator.mutate(
        "application.create",
        app_id,
        {"plan_id": plan_id, "expected_rate_ppm": 200_000, "message": "粉丝 5 万"},
    )
    assert applied["status"] == "applied" and applied["row"]["plan_rate_ppm"] == 200_000
    twice = creator.mutate(
        "application.create", uuid7(), {"plan_id": plan_id, "expected_rate_ppm": 200_000}
    )
    assert twice["code"] == "duplicate_application"
    no_reason = merchant.mutate("application.review", app_id, {"decision": "reject"})
    assert no_reason["code"] == "reason_required"
    assert (
        merchant.mutate("application.review", app_id, {"decision": "approve"})["status"]
        == "applied"
    )
    second = merchant.mutate(
        "application.review", app_id, {"decision": "reject", "reason": "改主意了"}
    )
    assert second["code"] == "already_decided"
    other_merchant = fresh_session("merchant_b")
    assert (
        other_merchant.mutate("application.review", app_id, {"decision": "reject", "reason": "x"})[
            "code"
        ]
        == "unknown_entity"
    )


def test_application_timeline_times_in_row_and_feed(
    fresh_session: Callable[[str], Session],
) -> None:
    """An application's row carries each step's time (applied, decided, withdrawn), in the
    mutation's answer, the creator's feed and the read API: the creator's timeline is built
    from these (on both databases: ``backend`` is parametrised)."""
    merchant, creator = fresh_session("merchant_a"), fresh_session("creator_a")
    payload = plan_payload([unplanned_product(merchant)["id"]], rate_ppm=200_000)
    merchant.mutate("plan.create", payload["plan_ids"][0], payload)
    plan_id = payload["plan_ids"][0]
    creator.feed("account")
    start = creator.last_cursor  # type: ignore[attr-defined]
    withdrawn_id = uuid7()
    applied = creator.mutate(
        "application.create", withdrawn_id, {"plan_id": plan_id, "expected_rate_ppm": 200_000}
    )
    assert applied["row"]["withdrawn_at"] is None and applied["row"]["decided_at"] is None
    gone = creator.mutate("application.withdraw", withdrawn_id, {})
    assert gone["status"] == "applied"
    assert gone["row"]["status"] == "withdrawn" and gone["row"]["decided_at"] is None
    withdrawn_at = datetime.fromisoformat(gone["row"]["withdrawn_at"])
    assert withdrawn_at >= datetime.fromisoformat(applied["row"]["created_at"])
    rejected_id = uuid7()
    creator.mutate(
        "application.create", rejected_id, {"plan_id": plan_id, "expected_rate_ppm": 200_000}
    )
    decided = merchant.mutate(
        "application.review", rejected_id, {"decision": "reject", "reason": "粉丝画像不符"}
    )
    assert decided["row"]["decided_at"] and decided["row"]["withdrawn_at"] is None
    rows = {
        c["id"]: c["data"] for c in creator.feed("account", start) if c["entity"] == "application"
    }
    assert datetime.fromisoformat(rows[withdrawn_id]["withdrawn_at"]) == withdrawn_at
    assert rows[rejected_id]["reason"] == "粉丝画像不符" and rows[rejected_id]["decided_at"]
    read = creator.get(f"/v1/applications/{withdrawn_id}")
    assert read.status_code == 200, read.text
    assert datetime.fromisoformat(read.json()["withdrawn_at"]) == withdrawn_at


def test_sample_flow(fresh_session: Callable[[str], Session]) -> None:
    merchant, creator = fresh_session("merchant_a"), fresh_session("creator_a")
    product = own_products(merchant)[0]["id"]
    sample_id = uuid7()
    assert (
        creator.mutate("sample.create", sample_id, {"product_id": product, "note": "想做测评"})[
            "status"
        ]
        == "applied"
    )
    assert creator.mutate("sample.extend", sample_id)["code"] == "invalid_transition"
    assert (
        merchant.mutate("sample.ship", sample_id, {"tracking_no": "SF123456789"})["code"]
        == "invalid_transition"
    )
    assert (
        merchant.mutate("sample.review", sample_id, {"decision": "approve", "cost_fen": 3500})[
            "status"
        ]
        == "applied"
    )
    shipped = merchant.mutate("sample.ship", sample_id, {"tracking_no": "SF123456789"})
    assert shipped["row"]["content_due_at"] is not None
    extended = creator.mutate("sample.extend", sample_id)
    assert extended["row"]["extended"] is True
    assert creator.mutate("sample.extend", sample_id)["code"] == "invalid_transition"
    done = creator.mutate(
        "sample.fulfil", sample_id, {"content_url": "https://channels.weixin.qq.com/v/abc"}
    )
    assert done["row"]["status"] == "fulfilled"


def test_account_upgrade_is_idempotent_and_keeps_history(http, server: EmbeddedServer) -> None:  # type: ignore[no-untyped-def]
    from tests.server.conftest import login

    legacy = login(http, "creator_legacy")
    me = legacy.get("/v1/me").json()
    assert me["identity"] == "finder"  # the seed's 视频号带货者, not yet upgraded
    orders_before = len(items(legacy, "/v1/orders"))
    legacy.feed()
    cursor = legacy.last_cursor
    first = legacy.mutate("account.upgrade", legacy.id)
    second = legacy.mutate("account.upgrade", legacy.id)
    assert first["row"]["identity"] == "talent" and first["row"]["talent_appid"]
    assert second["row"] == first["row"]
    assert len(items(legacy, "/v1/orders")) == orders_before
    # The upgrade reached the account's feed once, as one new version; the repeat wrote nothing.
    accounts = [c for c in legacy.feed(cursor=cursor) if c["entity"] == "account"]
    assert [(c["id"], c["version"]) for c in accounts] == [(legacy.id, me["version"] + 1)]
    assert accounts[0]["data"] == first["row"]
