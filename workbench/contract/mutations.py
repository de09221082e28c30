"""Payloads of every mutation type, and which role may send it.

A mutation is an intent (a command), not a row: the server checks its preconditions and answers
applied / conflict / rejected. The payload models here are used by the server to validate and by
the client to build the outbox row, so both agree on the shape.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from workbench.contract.base import (
    JSON_NUMBER,
    EntityId,
    Fen,
    JsonObject,
    LooseInt,
    Moment,
    Ppm,
    SafeStr,
    ShortText,
    Uuid,
    WireModel,
)
from workbench.core.enums import ChannelKind, PlanType, Role

Decision = Literal["approve", "reject"]
Url = Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://[^\s\x00]+$")]


ChannelName = Annotated[
    SafeStr, StringConstraints(min_length=1, max_length=60, strip_whitespace=True)
]


class ChannelCreate(WireModel):
    kind: ChannelKind
    name: ChannelName


class ChannelRename(WireModel):
    name: ChannelName


class Empty(WireModel):
    """No payload."""


class ListingFields(WireModel):
    """The fields of a listing a creator edits; all optional in a patch."""

    position: Annotated[int, Field(ge=0, le=100_000), JSON_NUMBER] | None = None
    pinned: bool | None = None
    hidden: bool | None = None
    custom_title: Annotated[SafeStr, StringConstraints(max_length=60)] | None = None
    selling_points: Annotated[SafeStr, StringConstraints(max_length=500)] | None = None
    start_at: Moment | None = None
    end_at: Moment | None = None


class ListingCreate(ListingFields):
    channel_id: Uuid
    product_id: EntityId


class ListingMove(WireModel):
    """A listing to another channel and its place there, in one step: the server moves it whole
    or refuses it whole (the channel gone, not allowed, or the product already live there)."""

    channel_id: Uuid
    position: Annotated[int, Field(ge=0, le=100_000), JSON_NUMBER]


class FavouriteChange(WireModel):
    """Favourites are a set: add and remove are idempotent; a concurrent add beats a remove."""


class SavedFilterPut(WireModel):
    name: Annotated[SafeStr, StringConstraints(min_length=1, max_length=60, strip_whitespace=True)]
    query: JsonObject


class ApplicationCreate(WireModel):
    plan_id: Uuid
    message: Annotated[SafeStr, StringConstraints(max_length=500)] = ""
    expected_rate_ppm: Ppm


class Review(WireModel):
    decision: Decision
    reason: Annotated[SafeStr, StringConstraints(max_length=500)] = ""


class SampleCreate(WireModel):
    product_id: EntityId
    note: Annotated[SafeStr, StringConstraints(max_length=500)] = ""


class SampleReview(Review):
    cost_fen: Fen = 0


class SampleShip(WireModel):
    tracking_no: Annotated[SafeStr, StringConstraints(min_length=4, max_length=40)]


class SampleFulfil(WireModel):
    content_url: Url


class PlanCreate(WireModel):
    """Plans on up to 20 products at once; ``plan_ids[i]`` is the plan for ``product_ids[i]``.

    The lists are only bounded loosely here: the platform's limits (20 products, 30 creators)
    are business rules, checked by ``core.plan_rules`` so they answer with their own codes.
    """

    plan_ids: Annotated[list[Uuid], Field(min_length=1, max_length=500)]
    product_ids: Annotated[list[EntityId], Field(min_length=1, max_length=500)]
    plan_type: PlanType
    rate_ppm: LooseInt
    begin_at: Moment
    end_at: Moment
    creator_ids: Annotated[list[EntityId], Field(max_length=500)] = Field(default_factory=list)


class PlanUpdate(WireModel):
    rate_ppm: LooseInt | None = None
    end_at: Moment | None = None
    add_creator_ids: Annotated[list[EntityId], Field(max_length=500)] = Field(default_factory=list)
    remove_creator_ids: Annotated[list[EntityId], Field(max_length=500)] = Field(
        default_factory=list
    )


class AccountUpgrade(WireModel):
    """A legacy 视频号带货者 becomes a 微信小店带货者; history carries over whole."""

    talent_appid: ShortText | None = None


MUTATIONS: dict[str, tuple[type[WireModel], Role]] = {
    "channel.create": (ChannelCreate, Role.CREATOR),
    "channel.rename": (ChannelRename, Role.CREATOR),
    "channel.delete": (Empty, Role.CREATOR),
    "listing.create": (ListingCreate, Role.CREATOR),
    "listing.patch": (ListingFields, Role.CREATOR),
    "listing.delete": (Empty, Role.CREATOR),
    "listing.move": (ListingMove, Role.CREATOR),
    "favourite.add": (FavouriteChange, Role.CREATOR),
    "favourite.remove": (FavouriteChange, Role.CREATOR),
    "saved_filter.put": (SavedFilterPut, Role.CREATOR),
    "saved_filter.delete": (Empty, Role.CREATOR),
    "application.create": (ApplicationCreate, Role.CREATOR),
    "application.withdraw": (Empty, Role.CREATOR),
    "application.review": (Review, Role.MERCHANT),
    "sample.create": (SampleCreate, Role.CREATOR),
    "sample.cancel": (Empty, Role.CREATOR),
    "sample.fulfil": (SampleFulfil, Role.CREATOR),
    "sample.extend": (Empty, Role.CREATOR),
    "sample.review": (SampleReview, Role.MERCHANT),
    "sample.ship": (SampleShip, Role.MERCHANT),
    "plan.create": (PlanCreate, Role.MERCHANT),
    "plan.update": (PlanUpdate, Role.MERCHANT),
    "plan.end": (Empty, Role.MERCHANT),
    "account.upgrade": (AccountUpgrade, Role.CREATOR),
}
"""Every mutation type: its payload model and the role allowed to send it.

``entity_id`` of the mutation names the row it acts on (the new id for a create; the product id
for favourites; the first plan id for ``plan.create``; the account id for ``account.upgrade``).
"""

__all__ = ["MUTATIONS", "datetime"]
