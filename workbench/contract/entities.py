"""Entities as the server sends them: REST answers and the ``data`` of change-feed entries.

One model per entity, used by both paths, so a row pulled from the feed and a row read over REST
are the same shape. Money is 分, rates are ppm, times are UTC ISO 8601.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from workbench.contract.base import OutModel
from workbench.core.enums import (
    AccountType,
    ApplicationStatus,
    ChannelKind,
    CommissionStatus,
    CreatorIdentity,
    DepositEntryKind,
    OrderScene,
    OrderStatus,
    PlanStatus,
    PlanType,
    ProductStatus,
    SampleStatus,
    SettlementStatus,
)

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of a list, with the key to ask for the next one (``None`` at the end)."""

    items: list[T]
    next_after: str | None = None


class CategoryOut(OutModel):
    id: int
    name: str
    level: int
    parent_id: int | None


class ShopOut(OutModel):
    id: str
    merchant_id: str
    name: str
    score_x10: int


class ProductOut(OutModel):
    id: str
    shop_id: str
    shop_name: str
    title: str
    category1_id: int
    category2_id: int
    category3_id: int
    price_fen: int
    monthly_sales: int
    stock: int
    commission_ppm: int
    service_fee_ppm: int
    guarantee_flags: int
    status: ProductStatus
    listed_at: datetime
    version: int


class ChannelOut(OutModel):
    id: str
    creator_id: str
    kind: ChannelKind
    name: str
    version: int


class ListingOut(OutModel):
    id: str
    creator_id: str
    channel_id: str
    product_id: str
    position: int
    pinned: bool
    hidden: bool
    custom_title: str | None
    selling_points: str | None
    start_at: datetime | None
    end_at: datetime | None
    version: int


class FavouriteOut(OutModel):
    id: str  # the product id: a creator favourites a product at most once
    creator_id: str
    product_id: str
    created_at: datetime
    version: int


class SavedFilterOut(OutModel):
    id: str
    owner_id: str
    name: str
    query: dict[str, Any]
    version: int


class PlanCreatorOut(OutModel):
    creator_id: str
    rate_ppm: int
    status: int  # CooperationStatus


class PlanOut(OutModel):
    id: str
    merchant_id: str
    product_id: str
    plan_type: PlanType
    rate_ppm: int
    begin_at: datetime
    end_at: datetime
    status: PlanStatus
    creators: list[PlanCreatorOut]
    created_at: datetime
    version: int
    # A commission cut under notice: the rate falls from ``rate_ppm`` to ``pending_rate_ppm``
    # at ``pending_at`` (then the server moves it into ``rate_ppm`` and clears these).
    pending_rate_ppm: int | None = None
    pending_at: datetime | None = None


class ApplicationOut(OutModel):
    id: str
    plan_id: str
    product_id: str
    creator_id: str
    merchant_id: str
    status: ApplicationStatus
    message: str
    reason: str | None
    plan_rate_ppm: int  # the terms the creator applied under: evidence in a dispute
    created_at: datetime
    decided_at: datetime | None  # approved or rejected at
    withdrawn_at: datetime | None = None  # withdrawn by the creator at (older servers: absent)
    version: int


class SampleOut(OutModel):
    id: str
    product_id: str
    creator_id: str
    merchant_id: str
    status: SampleStatus
    note: str
    reason: str | None
    cost_fen: int
    tracking_no: str | None
    shipped_at: datetime | None
    content_due_at: datetime | None
    content_url: str | None
    extended: bool
    created_at: datetime
    version: int


class OrderLineOut(OutModel):
    id: str
    product_id: str
    title: str
    quantity: int
    paid_fen: int
    refund_fen: int
    commission_ppm: int
    commission_fen: int
    channel_kind: ChannelKind | None
    account_type: AccountType
    scene: OrderScene
    content_id: str | None
    channel_id: str | None  # the creator's channel that sold it (None: the shop's own sale)
    category_id: int | None  # level 3
    plan_id: str | None  # the plan whose terms applied
    refunded_at: datetime | None


class OrderOut(OutModel):
    id: str
    shop_id: str
    merchant_id: str
    creator_id: str | None
    status: OrderStatus
    commission_status: CommissionStatus
    created_at: datetime
    is_present: bool
    present_order_id: str | None
    is_b2c_free_present: bool
    paid_at: datetime | None
    paid_fen: int
    refund_fen: int
    commission_fen: int
    lines: list[OrderLineOut]
    version: int


class DepositOut(OutModel):
    """A creator's deposit (保证金): the balance (sum of its ledger) and what is required now."""

    id: str
    creator_id: str
    balance_fen: int
    required_fen: int
    updated_at: datetime
    version: int


class DepositEntryOut(OutModel):
    """A line of the deposit ledger; ``amount_fen`` is negative for a deduction or refund."""

    id: str
    creator_id: str
    kind: DepositEntryKind
    amount_fen: int
    balance_after_fen: int
    at: datetime
    note: str


class SettlementOut(OutModel):
    """A month (Asia/Shanghai, ``YYYY-MM``) of a creator's commission statement (结算)."""

    id: str
    creator_id: str
    month: str
    orders: int
    gmv_fen: int
    earned_fen: int
    settled_fen: int
    status: SettlementStatus
    paid_at: datetime | None
    version: int


class SettlementLineOut(OutModel):
    """What was paid for one order line: ``commission_fen`` = ``base_fen`` × ``rate_ppm``."""

    id: str
    order_line_id: str
    order_id: str
    creator_id: str
    merchant_id: str
    settled_at: datetime
    base_fen: int
    rate_ppm: int
    commission_fen: int
    version: int


class CreatorOut(OutModel):
    """A creator as a merchant who deals with them sees them: the public profile only (the
    name they sell under, 视频号带货者 or 微信小店带货者), never a login, platform id or token."""

    id: str
    display_name: str
    identity: CreatorIdentity | None
    version: int


class DailySalesOut(OutModel):
    ds: date
    key: str | None  # the channel kind or creator id the row is grouped by
    orders: int
    gmv_fen: int
    refund_fen: int
    commission_fen: int


ENTITY_MODELS: dict[str, type[OutModel]] = {
    "category": CategoryOut,
    "shop": ShopOut,
    "product": ProductOut,
    "channel": ChannelOut,
    "listing": ListingOut,
    "favourite": FavouriteOut,
    "saved_filter": SavedFilterOut,
    "plan": PlanOut,
    "application": ApplicationOut,
    "sample": SampleOut,
    "order": OrderOut,
    "settlement_line": SettlementLineOut,
    "creator": CreatorOut,
}
"""Entity names as they appear in the change feed, with the model of their ``data``."""
