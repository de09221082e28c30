"""Every account's whole feed after seeding shows exactly what the REST reads show that account.

The seeder writes the change log in bulk; it must not show anyone more (or less) than the REST
reads do. A named creator's copy of a targeted plan carries only their own rate (the demo seed
used to hand every named creator the whole list of rivals and their rates).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.server.conftest import Session
from tests.server.helpers import items

# entity in the feed -> its REST list, and the roles that may read it
_LISTS = {
    "channel": ("/v1/channels", {"creator"}),
    "listing": ("/v1/listings", {"creator"}),
    "favourite": ("/v1/favourites", {"creator"}),
    "saved_filter": ("/v1/saved-filters", {"creator", "merchant"}),
    "plan": ("/v1/plans", {"creator", "merchant"}),
    "application": ("/v1/applications", {"creator", "merchant"}),
    "sample": ("/v1/samples", {"creator", "merchant"}),
    "order": ("/v1/orders", {"creator", "merchant"}),
    "settlement": ("/v1/settlements", {"creator"}),
    "settlement_line": ("/v1/settlement-lines", {"creator"}),
    "creator": ("/v1/creators", {"merchant"}),
}


def _feed_state(session: Session) -> dict[str, dict[str, dict[str, Any]]]:
    """The account scope read from the start, folded to its current rows per entity."""
    state: dict[str, dict[str, dict[str, Any]]] = {}
    for change in session.feed("account"):
        rows = state.setdefault(change["entity"], {})
        if change["op"] == "delete":
            rows.pop(change["id"], None)
        else:
            rows[change["id"]] = change["data"]
    return state


def _rest_state(session: Session) -> dict[str, dict[str, dict[str, Any]]]:
    role = session.account["role"]
    state: dict[str, dict[str, dict[str, Any]]] = {"account": {session.id: session.account}}
    for entity, (path, roles) in _LISTS.items():
        if role in roles:
            key = "product_id" if entity == "favourite" else "id"
            state[entity] = {str(row[key]): row for row in items(session, path)}
    if role == "creator":
        deposit = session.get("/v1/deposit")
        if deposit.status_code == 200:
            state["deposit"] = {deposit.json()["id"]: deposit.json()}
    return {entity: rows for entity, rows in state.items() if rows}


@pytest.mark.parametrize("who", ["creator_a", "creator_b", "merchant_a", "merchant_b"])
def test_seeded_feed_equals_rest_reads(sessions: dict[str, Session], who: str) -> None:
    session = sessions[who]
    feed, rest = _feed_state(session), _rest_state(session)
    assert set(feed) == set(rest)
    for entity, rows in rest.items():
        assert set(feed[entity]) == set(rows), entity
        for row_id, row in rows.items():
            assert feed[entity][row_id] == row, (entity, row_id)
    assert sum(len(rows) for rows in rest.values()) > 10


def test_named_creator_sees_only_own_terms_in_feed(sessions: dict[str, Session]) -> None:
    for who in ("creator_a", "creator_b"):
        session = sessions[who]
        plans = [c["data"] for c in session.feed("account") if c["entity"] == "plan"]
        targeted = [p for p in plans if p["creators"]]
        assert targeted, who  # the demo names both creators on targeted plans
        for plan in targeted:
            assert {c["creator_id"] for c in plan["creators"]} == {session.id}, plan["id"]
