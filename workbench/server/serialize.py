"""Rows to wire dictionaries, through the contract models so REST and the feed agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.contract import entities as wire
from workbench.contract.auth import AccountOut
from workbench.server import models as m


def _dump(model: Any) -> dict[str, Any]:
    return model.model_dump(mode="json")  # type: ignore[no-any-return]


def product(p: m.Product) -> dict[str, Any]:
    return _dump(wire.ProductOut.model_validate({**_columns(p), "shop_name": p.shop.name}))


def plan(p: m.Plan) -> dict[str, Any]:
    creators = [
        wire.PlanCreatorOut(creator_id=c.creator_id, rate_ppm=c.rate_ppm, status=c.status)
        for c in p.creators
    ]
    return _dump(wire.PlanOut.model_validate({**_columns(p), "creators": creators}))


def order(o: m.Order) -> dict[str, Any]:
    lines = [wire.OrderLineOut.model_validate(line) for line in o.lines]
    return _dump(
        wire.OrderOut.model_validate(
            {
                **_columns(o),
                "lines": lines,
                "paid_fen": sum(line.paid_fen for line in lines),
                "refund_fen": sum(line.refund_fen for line in lines),
                "commission_fen": sum(line.commission_fen for line in lines),
            }
        )
    )


def favourite(f: m.Favourite) -> dict[str, Any]:
    return _dump(wire.FavouriteOut.model_validate({**_columns(f), "id": f.product_id}))


def account(a: m.Account) -> dict[str, Any]:
    return _dump(AccountOut.model_validate(a))


def creator_profile(link: m.MerchantCreator) -> dict[str, Any]:
    """The public profile of a merchant's creator: what ``CreatorOut`` names, nothing more."""
    return _dump(wire.CreatorOut.model_validate(link.creator))


def _columns(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


_SIMPLE: dict[type[Any], type[Any]] = {
    m.Category: wire.CategoryOut,
    m.Shop: wire.ShopOut,
    m.Channel: wire.ChannelOut,
    m.Listing: wire.ListingOut,
    m.SavedFilter: wire.SavedFilterOut,
    m.Application: wire.ApplicationOut,
    m.Sample: wire.SampleOut,
    m.Deposit: wire.DepositOut,
    m.DepositEntry: wire.DepositEntryOut,
    m.Settlement: wire.SettlementOut,
    m.SettlementLine: wire.SettlementLineOut,
}

_SPECIAL: dict[type[Any], Callable[[Any], dict[str, Any]]] = {
    m.Product: product,
    m.Plan: plan,
    m.Order: order,
    m.Favourite: favourite,
    m.Account: account,
    m.MerchantCreator: creator_profile,
}


def to_wire(row: Any) -> dict[str, Any]:
    """Any syncable row as the dictionary its contract model describes."""
    special = _SPECIAL.get(type(row))
    if special is not None:
        return special(row)
    return _dump(_SIMPLE[type(row)].model_validate(row))


def plan_for_creator(data: dict[str, Any], creator_id: str) -> dict[str, Any]:
    """A plan as one named creator may see it: their own terms, not their rivals'."""
    return {**data, "creators": [c for c in data["creators"] if c["creator_id"] == creator_id]}
