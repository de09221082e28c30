"""Read endpoints for every entity, each filtered to what the caller may see.

Lists are keyset-paged by id (``after`` + ``limit``), so paging a million rows costs the same on
the last page as on the first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import Select, and_, select

from workbench.contract import entities as wire
from workbench.contract.base import CategoryId, Day, Moment
from workbench.core.enums import OrderStatus, Role
from workbench.core.errors import DomainError, ErrorCode
from workbench.server import due
from workbench.server import models as m
from workbench.server.auth import Caller
from workbench.server.deps import CallerDep, StateDep
from workbench.server.params import After, IdFilter, IdPath, Limit
from workbench.server.problems import PROBLEM_RESPONSES
from workbench.server.serialize import plan_for_creator, to_wire
from workbench.server.visibility import party_filter, plans_query, related_creators_query

router = APIRouter(prefix="/v1", tags=["read"], responses=PROBLEM_RESPONSES)

CHINA_UTC_OFFSET = timedelta(hours=8)


View = Callable[[dict[str, Any]], dict[str, Any]]


def _same(data: dict[str, Any]) -> dict[str, Any]:
    return data


def _page(
    wb: StateDep,
    query: Select[Any],
    id_column: Any,
    after: str | None,
    limit: int,
    view: View = _same,
) -> dict[str, Any]:
    if after is not None:
        query = query.where(id_column > after)
    with wb.db.read() as session:
        rows = session.scalars(query.order_by(id_column).limit(limit + 1)).all()
        items = [view(to_wire(r)) for r in rows[:limit]]
    next_after = None
    if len(rows) > limit:
        next_after = str(items[-1]["id"])
    return {"items": items, "next_after": next_after}


def _one(wb: StateDep, query: Select[Any], what: str, view: View = _same) -> dict[str, Any]:
    with wb.db.read() as session:
        row = session.scalars(query).first()
        if row is None:
            raise DomainError(ErrorCode.NOT_FOUND, f"no such {what}")
        return view(to_wire(row))


def _plan_view(caller: Caller) -> View:
    if caller.role is Role.MERCHANT:
        return _same
    return lambda data: plan_for_creator(data, caller.id)


@router.get("/categories", response_model=list[wire.CategoryOut])
def categories(_caller: CallerDep, wb: StateDep) -> list[dict[str, Any]]:
    with wb.db.read() as session:
        return [to_wire(c) for c in session.scalars(select(m.Category).order_by(m.Category.id))]


@router.get("/shops", response_model=wire.Page[wire.ShopOut])
def shops(
    _caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    return _page(wb, select(m.Shop), m.Shop.id, after, limit)


@router.get("/products", response_model=wire.Page[wire.ProductOut])
def products(
    _caller: CallerDep,
    wb: StateDep,
    after: After = None,
    limit: Limit = 100,
    category_id: Annotated[CategoryId | None, Query()] = None,
    shop_id: IdFilter = None,
) -> dict[str, Any]:
    query = select(m.Product)
    if category_id is not None:
        query = query.where(
            (m.Product.category1_id == category_id)
            | (m.Product.category2_id == category_id)
            | (m.Product.category3_id == category_id)
        )
    if shop_id is not None:
        query = query.where(m.Product.shop_id == shop_id)
    return _page(wb, query, m.Product.id, after, limit)


@router.get("/products/{product_id}", response_model=wire.ProductOut)
def product(product_id: IdPath, _caller: CallerDep, wb: StateDep) -> dict[str, Any]:
    return _one(wb, select(m.Product).where(m.Product.id == product_id), "product")


def _creator_only(caller: CallerDep) -> None:
    if caller.role is not Role.CREATOR:
        raise DomainError(
            ErrorCode.WRONG_ROLE,
            "only creators have channels, listings, favourites and settlement lines",
        )


@router.get("/channels", response_model=wire.Page[wire.ChannelOut])
def channels(
    caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    _creator_only(caller)
    query = select(m.Channel).where(m.Channel.creator_id == caller.id, m.Channel.deleted.is_(False))
    return _page(wb, query, m.Channel.id, after, limit)


@router.get("/listings", response_model=wire.Page[wire.ListingOut])
def listings(
    caller: CallerDep,
    wb: StateDep,
    after: After = None,
    limit: Limit = 100,
    channel_id: IdFilter = None,
) -> dict[str, Any]:
    _creator_only(caller)
    query = select(m.Listing).where(m.Listing.creator_id == caller.id, m.Listing.deleted.is_(False))
    if channel_id:
        query = query.where(m.Listing.channel_id == channel_id)
    return _page(wb, query, m.Listing.id, after, limit)


@router.get("/favourites", response_model=wire.Page[wire.FavouriteOut])
def favourites(
    caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    _creator_only(caller)
    query = select(m.Favourite).where(
        m.Favourite.creator_id == caller.id, m.Favourite.deleted.is_(False)
    )
    return _page(wb, query, m.Favourite.product_id, after, limit)


@router.get("/saved-filters", response_model=wire.Page[wire.SavedFilterOut])
def saved_filters(
    caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    query = select(m.SavedFilter).where(
        m.SavedFilter.owner_id == caller.id, m.SavedFilter.deleted.is_(False)
    )
    return _page(wb, query, m.SavedFilter.id, after, limit)


@router.get("/plans", response_model=wire.Page[wire.PlanOut])
def plans(
    caller: CallerDep,
    wb: StateDep,
    after: After = None,
    limit: Limit = 100,
    product_id: IdFilter = None,
) -> dict[str, Any]:
    due.catch_up(wb.db, wb.settings.clock())  # cuts whose notice ran out
    query = plans_query(caller)
    if product_id:
        query = query.where(m.Plan.product_id == product_id)
    return _page(wb, query, m.Plan.id, after, limit, _plan_view(caller))


@router.get("/plans/{plan_id}", response_model=wire.PlanOut)
def plan(plan_id: IdPath, caller: CallerDep, wb: StateDep) -> dict[str, Any]:
    due.catch_up(wb.db, wb.settings.clock())
    return _one(wb, plans_query(caller).where(m.Plan.id == plan_id), "plan", _plan_view(caller))


@router.get("/applications", response_model=wire.Page[wire.ApplicationOut])
def applications(
    caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    query = select(m.Application).where(party_filter(m.Application, caller))
    return _page(wb, query, m.Application.id, after, limit)


@router.get("/applications/{application_id}", response_model=wire.ApplicationOut)
def application(application_id: IdPath, caller: CallerDep, wb: StateDep) -> dict[str, Any]:
    query = select(m.Application).where(
        m.Application.id == application_id, party_filter(m.Application, caller)
    )
    return _one(wb, query, "application")


@router.get("/samples", response_model=wire.Page[wire.SampleOut])
def samples(
    caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    query = select(m.Sample).where(party_filter(m.Sample, caller))
    return _page(wb, query, m.Sample.id, after, limit)


@router.get("/samples/{sample_id}", response_model=wire.SampleOut)
def sample(sample_id: IdPath, caller: CallerDep, wb: StateDep) -> dict[str, Any]:
    query = select(m.Sample).where(m.Sample.id == sample_id, party_filter(m.Sample, caller))
    return _one(wb, query, "sample")


@router.get("/orders", response_model=wire.Page[wire.OrderOut])
def orders(
    caller: CallerDep,
    wb: StateDep,
    after: After = None,
    limit: Limit = 100,
    since: Annotated[Moment | None, Query()] = None,
    until: Annotated[Moment | None, Query()] = None,
) -> dict[str, Any]:
    query = select(m.Order).where(party_filter(m.Order, caller))
    if since is not None:
        query = query.where(m.Order.created_at >= since)
    if until is not None:
        query = query.where(m.Order.created_at < until)
    return _page(wb, query, m.Order.id, after, limit)


@router.get("/orders/{order_id}", response_model=wire.OrderOut)
def order(order_id: IdPath, caller: CallerDep, wb: StateDep) -> dict[str, Any]:
    query = select(m.Order).where(m.Order.id == order_id, party_filter(m.Order, caller))
    return _one(wb, query, "order")


@router.get("/settlement-lines", response_model=wire.Page[wire.SettlementLineOut])
def settlement_lines(
    caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    """What the platform paid me per order line (creators: their commission)."""
    _creator_only(caller)
    query = select(m.SettlementLine).where(m.SettlementLine.creator_id == caller.id)
    return _page(wb, query, m.SettlementLine.id, after, limit)


@router.get("/daily-sales", response_model=list[wire.DailySalesOut])
def daily_sales(
    caller: CallerDep,
    wb: StateDep,
    start: Annotated[Day, Query()],
    end: Annotated[Day, Query()],
    group_by: Literal["channel", "creator", "none"] = "channel",
) -> list[dict[str, Any]]:
    """Sales per day (Asia/Shanghai days, like the platform's ``ds``), grouped as asked.

    The days from ``start`` to ``end``, both included (none when ``end`` is before ``start``).
    """
    if end < start:
        return []
    begin_at = datetime.combine(start, time(), tzinfo=UTC) - CHINA_UTC_OFFSET
    end_at = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC) - CHINA_UTC_OFFSET
    counted = m.Order.status.notin_([OrderStatus.UNPAID, OrderStatus.CANCELLED])
    key = {
        "channel": m.OrderLine.channel_kind,
        "creator": m.Order.creator_id,
        "none": None,
    }[group_by]
    with wb.db.read() as session:
        rows = session.execute(
            select(
                m.Order.created_at,
                key if key is not None else m.Order.id,
                m.OrderLine.paid_fen,
                m.OrderLine.refund_fen,
                m.OrderLine.commission_fen,
                m.Order.id,
            )
            .join(m.OrderLine, m.OrderLine.order_id == m.Order.id)
            .where(
                party_filter(m.Order, caller),
                counted,
                and_(m.Order.created_at >= begin_at, m.Order.created_at < end_at),
            )
        ).all()
    buckets: dict[tuple[date, str | None], dict[str, Any]] = {}
    for created_at, group, paid, refund, commission, order_id in rows:
        ds = (created_at + CHINA_UTC_OFFSET).date()
        bucket = buckets.setdefault(
            (ds, group if key is not None else None),
            {"orders": set(), "gmv_fen": 0, "refund_fen": 0, "commission_fen": 0},
        )
        bucket["orders"].add(order_id)
        bucket["gmv_fen"] += paid - refund
        bucket["refund_fen"] += refund
        bucket["commission_fen"] += commission
    return [
        {"ds": ds, "key": group, **{**b, "orders": len(b["orders"])}}
        for (ds, group), b in sorted(buckets.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    ]


@router.get("/creators", response_model=wire.Page[wire.CreatorOut])
def related_creators(
    caller: CallerDep, wb: StateDep, after: After = None, limit: Limit = 100
) -> dict[str, Any]:
    """The public profiles of the creators I deal with (merchants: ``visibility``), by id."""
    if caller.role is not Role.MERCHANT:
        raise DomainError(
            ErrorCode.WRONG_ROLE, "only merchants look up the creators they deal with"
        )
    return _page(wb, related_creators_query(caller), m.MerchantCreator.creator_id, after, limit)


@router.get("/accounts/creators", response_model=list[wire.CreatorOut])
def creators(caller: CallerDep, wb: StateDep) -> list[dict[str, Any]]:
    """The creator directory a merchant names creators from on a targeted or exclusive plan:
    public profiles only (name, identity), as in the feed: never a login or a platform id."""
    if caller.role is not Role.MERCHANT:
        raise DomainError(ErrorCode.WRONG_ROLE, "only merchants look up creators")
    with wb.db.read() as session:
        rows = session.scalars(
            select(m.Account).where(m.Account.role == Role.CREATOR.value).order_by(m.Account.id)
        )
        return [
            {"id": a.id, "display_name": a.display_name, "identity": a.identity,
             "version": a.version}
            for a in rows
        ]  # fmt: skip
