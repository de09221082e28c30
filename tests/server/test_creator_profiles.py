"""Creators' public profiles in merchants' feeds: only for the creators a merchant deals with.

A merchant sees a creator's name and identity once the creator applied to one of its plans,
asked for a sample of its products, is named on one of its plans or sold its products (the
seed, and the mutations that start a relation), and again when the profile changes. Never a
login, platform id or token; never to another creator; never to a merchant that has no
dealings with the creator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.server.conftest import Session, login
from tests.server.helpers import items, own_products, plan_payload, unplanned_product
from workbench.core.ids import uuid7
from workbench.server.seed.seeder import EXTRA_CREATORS, NEWCOMERS

PUBLIC_FIELDS = {"id", "display_name", "identity", "version"}


def _dealt_with(merchant: Session) -> set[str]:
    """The creators in the merchant's own rows: applications, samples, orders, named on plans."""
    found: set[str] = set()
    for path in ("/v1/applications", "/v1/samples", "/v1/orders"):
        found |= {str(row["creator_id"]) for row in items(merchant, path) if row["creator_id"]}
    for plan in items(merchant, "/v1/plans"):
        found |= {str(c["creator_id"]) for c in plan["creators"]}
    return found


def _profiles(changes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c["data"] for c in changes if c["entity"] == "creator"}


def _public(session: Session) -> dict[str, Any]:
    return {key: session.account[key] for key in PUBLIC_FIELDS}


def test_merchant_demo_feed_names_every_creator_it_deals_with(
    sessions: dict[str, Session],
) -> None:
    merchant = sessions["merchant_a"]
    profiles = _profiles(merchant.feed("account"))
    assert set(profiles) == _dealt_with(merchant)
    assert len(profiles) > 10  # the demo creators and the extra ones in its review queues
    for who in ("creator_a", "creator_b"):
        assert profiles[sessions[who].id] == _public(sessions[who])
    for profile in profiles.values():
        assert set(profile) == PUBLIC_FIELDS, profile  # no login, platform id or token
        assert profile["display_name"], profile
    rest = {row["id"]: row for row in items(merchant, "/v1/creators")}
    assert rest == profiles


def test_the_creator_directory_shows_public_profiles_only(sessions: dict[str, Session]) -> None:
    """Any merchant may look up creators to name on a plan, but only as the feed shows them:
    no login, 视频号 id or 小店 appid (the directory listed whole accounts before)."""
    merchant = sessions["merchant_b"]
    directory = merchant.get("/v1/accounts/creators")
    assert directory.status_code == 200, directory.text
    rows = directory.json()
    assert len(rows) > 20
    for row in rows:
        assert set(row) == PUBLIC_FIELDS, row
    mine = {row["id"]: row for row in rows}
    for who in ("creator_a", "creator_b"):
        assert mine[sessions[who].id] == _public(sessions[who])


def test_merchant_b_sees_none_of_merchant_demos_other_creators(
    sessions: dict[str, Session],
) -> None:
    merchant_demo, merchant_b = sessions["merchant_a"], sessions["merchant_b"]
    mine = _dealt_with(merchant_b)
    profiles = _profiles(merchant_b.feed("account"))
    assert set(profiles) == mine
    only_demos = set(_profiles(merchant_demo.feed("account"))) - mine
    assert only_demos, "the seed gives merchant_demo creators merchant_b never dealt with"
    assert not only_demos & set(profiles)
    assert {row["id"] for row in items(merchant_b, "/v1/creators")} == mine


@pytest.mark.parametrize("who", ["creator_a", "creator_b"])
def test_a_creator_gets_no_creator_profiles(sessions: dict[str, Session], who: str) -> None:
    creator = sessions[who]
    assert not _profiles(creator.feed("account"))
    response = creator.get("/v1/creators")
    assert response.status_code == 403
    assert response.json()["code"] == "wrong_role"


def _strangers(http: httpx.Client, merchant: Session, count: int) -> list[Session]:
    """Extra demo creators the merchant has no dealings with yet."""
    known = _dealt_with(merchant)
    found = []
    for n in range(3, EXTRA_CREATORS + NEWCOMERS + 3):
        session = login(http, f"creator_{n:03d}")
        if session.id not in known:
            found.append(session)
            if len(found) == count:
                return found
    raise AssertionError("the seed relates every extra creator to the merchant")


def test_a_first_sample_request_sends_the_profile_once(
    http: httpx.Client, sessions: dict[str, Session]
) -> None:
    merchant, other = sessions["merchant_b"], sessions["merchant_a"]
    merchant.feed("account")
    other.feed("account")
    cursor, others_cursor = merchant.last_cursor, other.last_cursor
    (stranger,) = _strangers(http, merchant, 1)
    products = own_products(merchant)
    for product in products[:2]:  # two requests: one relation, one profile
        result = stranger.mutate("sample.create", uuid7(), {"product_id": product["id"]})
        assert result["status"] == "applied", result
    news = merchant.feed("account", cursor)
    assert [c["id"] for c in news if c["entity"] == "creator"] == [stranger.id]
    assert _profiles(news)[stranger.id] == _public(stranger)
    assert stranger.id in {row["id"] for row in items(merchant, "/v1/creators")}
    assert not _profiles(other.feed("account", others_cursor))  # nothing new for the other


def test_naming_a_creator_on_a_plan_sends_the_profile(
    http: httpx.Client, sessions: dict[str, Session]
) -> None:
    merchant = sessions["merchant_b"]
    merchant.feed("account")
    cursor = merchant.last_cursor
    (stranger,) = _strangers(http, merchant, 1)
    product = unplanned_product(merchant)["id"]
    payload = plan_payload([product], "exclusive", creator_ids=[stranger.id])
    result = merchant.mutate("plan.create", payload["plan_ids"][0], payload)
    assert result["status"] == "applied", result
    assert _profiles(merchant.feed("account", cursor)) == {stranger.id: _public(stranger)}


def test_a_rejected_request_starts_no_relation(
    http: httpx.Client, sessions: dict[str, Session], fresh_session: Callable[[str], Session]
) -> None:
    merchant = sessions["merchant_b"]
    merchant.feed("account")
    cursor = merchant.last_cursor
    (stranger,) = _strangers(http, merchant, 1)
    result = stranger.mutate("sample.create", uuid7(), {"product_id": "no-such-product"})
    assert result["status"] == "rejected", result
    assert not _profiles(merchant.feed("account", cursor))


def test_an_upgrade_reaches_every_related_merchant(sessions: dict[str, Session]) -> None:
    """The 视频号带货者 becomes a 微信小店带货者: the merchants they deal with see it."""
    creator = sessions["creator_b"]
    assert creator.account["identity"] == "finder"
    cursors = {}
    for who in ("merchant_a", "merchant_b"):
        sessions[who].feed("account")
        cursors[who] = sessions[who].last_cursor
    result = creator.mutate("account.upgrade", creator.id, {})
    assert result["status"] == "applied", result
    for who in ("merchant_a", "merchant_b"):
        merchant = sessions[who]
        news = _profiles(merchant.feed("account", cursors[who]))
        if creator.id in _dealt_with(merchant):
            assert news == {
                creator.id: {
                    **_public(creator),
                    "identity": "talent",
                    "version": creator.account["version"] + 1,
                }
            }
        else:
            assert not news
    assert not _profiles(creator.feed("account"))
