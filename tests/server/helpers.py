"""Small helpers for the server tests: find seeded rows through the API, count log entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from tests.server.conftest import Session
from workbench.core.ids import uuid7
from workbench.server import models as m
from workbench.server.embedded import EmbeddedServer


def items(session: Session, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list endpoint."""
    out: list[dict[str, Any]] = []
    after = None
    while True:
        query = {"limit": 500, **params}
        if after:
            query["after"] = after
        response = session.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        out.extend(body["items"])
        after = body["next_after"]
        if not after:
            return out


def own_products(merchant: Session) -> list[dict[str, Any]]:
    """Listed products of the merchant's shops."""
    shops = [s["id"] for s in items(merchant, "/v1/shops") if s["merchant_id"] == merchant.id]
    found = []
    for shop in shops:
        found.extend(
            p for p in items(merchant, "/v1/products", shop_id=shop) if p["status"] == "listed"
        )
    return found


def unplanned_product(merchant: Session) -> dict[str, Any]:
    """A listed product of the merchant that has no plan at all (a clean slate for plan tests)."""
    planned = {p["product_id"] for p in items(merchant, "/v1/plans")}
    for product in own_products(merchant):
        if product["id"] not in planned:
            return product
    raise AssertionError("the seed left no unplanned product")


def log_count(server: EmbeddedServer) -> int:
    with server.db.read() as db:
        return int(db.scalar(select(func.count()).select_from(m.ChangeLog)) or 0)


def row_counts(server: EmbeddedServer) -> dict[str, int]:
    """Rows per table: 'nothing written' means these did not change."""
    tables = [
        m.ChangeLog,
        m.Channel,
        m.Listing,
        m.Favourite,
        m.SavedFilter,
        m.Plan,
        m.PlanCreator,
        m.Application,
        m.Sample,
        m.Product,
        m.MerchantCreator,
    ]
    with server.db.read() as db:
        return {
            t.__tablename__: int(db.scalar(select(func.count()).select_from(t)) or 0)
            for t in tables
        }


def plan_payload(
    product_ids: list[str],
    plan_type: str = "general",
    rate_ppm: int = 200_000,
    creator_ids: list[str] | None = None,
    days: int = 30,
) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "plan_ids": [uuid7() for _ in product_ids],
        "product_ids": product_ids,
        "plan_type": plan_type,
        "rate_ppm": rate_ppm,
        "begin_at": (now - timedelta(minutes=1)).isoformat(),
        "end_at": (now + timedelta(days=days)).isoformat(),
        "creator_ids": creator_ids or [],
    }


def new_channel(creator: Session, kind: str = "showcase", name: str = "测试橱窗") -> str:
    channel_id = uuid7()
    result = creator.mutate("channel.create", channel_id, {"kind": kind, "name": name})
    assert result["status"] == "applied", result
    return channel_id


def listed_product(session: Session, skip: int = 0) -> dict[str, Any]:
    """A listed product of the catalogue (``skip`` picks another one)."""
    listed = [
        p
        for p in session.get("/v1/products", params={"limit": 200}).json()["items"]
        if p["status"] == "listed"
    ]
    return listed[skip]
