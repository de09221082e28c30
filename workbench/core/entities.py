"""Entities of the business as plain, immutable dataclasses.

These are what the layers above hand each other (a cache row, a server row, a wire record all
convert to them). Money is in 分 and rates in ppm; times are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from workbench.core.enums import (
    AccountType,
    ApplicationStatus,
    ChannelKind,
    CommissionStatus,
    CreatorIdentity,
    GuaranteeFlag,
    OrderScene,
    OrderStatus,
    PlanStatus,
    PlanType,
    ProductStatus,
    Role,
    SampleStatus,
)
from workbench.core.money import commission_fen


@dataclass(frozen=True, slots=True)
class Account:
    """A login: a creator (legacy 视频号带货者 or upgraded 微信小店带货者) or a merchant."""

    id: str
    login: str
    display_name: str
    role: Role
    identity: CreatorIdentity | None = None  # creators only
    finder_id: str | None = None
    talent_appid: str | None = None


@dataclass(frozen=True, slots=True)
class Category:
    """A node of the three-level product category tree."""

    id: int
    name: str
    level: int
    parent_id: int | None


@dataclass(frozen=True, slots=True)
class Shop:
    """A merchant's shop; ``score_x10`` is the shop score ×10 (48 = 4.8)."""

    id: str
    merchant_id: str
    name: str
    score_x10: int


@dataclass(frozen=True, slots=True)
class Product:
    """A product of the selection center (选品中心)."""

    id: str
    shop_id: str
    title: str
    category_ids: tuple[int, int, int]
    price_fen: int
    monthly_sales: int
    stock: int
    commission_ppm: int
    service_fee_ppm: int
    guarantees: GuaranteeFlag
    status: ProductStatus
    version: int = 0

    @property
    def commission_per_sale_fen(self) -> int:
        """What a creator earns on one sale at the list price."""
        return commission_fen(self.price_fen, self.commission_ppm)

    @property
    def promotable(self) -> bool:
        """Listed and in stock."""
        return self.status is ProductStatus.LISTED and self.stock > 0


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel account a creator sells through (带货渠道)."""

    id: str
    creator_id: str
    kind: ChannelKind
    name: str


@dataclass(frozen=True, slots=True)
class Listing:
    """A product placed on one of a creator's channels."""

    id: str
    channel_id: str
    product_id: str
    position: int = 0
    pinned: bool = False
    hidden: bool = False
    custom_title: str | None = None
    selling_points: str | None = None
    start_at: datetime | None = None
    end_at: datetime | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class Favourite:
    """A product a creator bookmarked (收藏)."""

    creator_id: str
    product_id: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PromotionPlan:
    """A merchant's promotion plan on one product."""

    id: str
    merchant_id: str
    product_id: str
    plan_type: PlanType
    rate_ppm: int
    begin_at: datetime
    end_at: datetime
    status: PlanStatus
    creator_ids: tuple[str, ...] = ()
    version: int = 0


@dataclass(frozen=True, slots=True)
class Application:
    """A creator's application to a plan, and the merchant's decision."""

    id: str
    plan_id: str
    creator_id: str
    status: ApplicationStatus
    message: str = ""
    reason: str | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class SampleRequest:
    """A creator's request for a product sample."""

    id: str
    product_id: str
    creator_id: str
    status: SampleStatus
    content_due_at: datetime | None = None
    version: int = 0


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One product in an order, with where it was sold and what it earned."""

    id: str
    product_id: str
    quantity: int
    paid_fen: int
    refund_fen: int
    commission_ppm: int
    channel_kind: ChannelKind | None
    account_type: AccountType
    scene: OrderScene

    @property
    def commission_fen(self) -> int:
        """Commission on the paid amount (before refunds), rounded half-up."""
        return commission_fen(self.paid_fen, self.commission_ppm)


@dataclass(frozen=True, slots=True)
class Order:
    """An order of a shop, attributed to a creator when one sold it."""

    id: str
    shop_id: str
    creator_id: str | None
    status: OrderStatus
    commission_status: CommissionStatus
    created_at: datetime
    is_present: bool = False
    present_order_id: str | None = None
    is_b2c_free_present: bool = False
    lines: tuple[OrderLine, ...] = field(default_factory=tuple)

    @property
    def paid_fen(self) -> int:
        """What the buyer paid."""
        return sum(line.paid_fen for line in self.lines)

    @property
    def gmv_fen(self) -> int:
        """Paid minus refunded; cancelled-before-payment orders count nothing."""
        if self.status in (OrderStatus.UNPAID, OrderStatus.CANCELLED):
            return 0
        return sum(line.paid_fen - line.refund_fen for line in self.lines)


@dataclass(frozen=True, slots=True)
class DailySales:
    """One day's sales of an account on one channel (the platform's T+1 ``ds`` tables)."""

    ds: date
    channel_kind: ChannelKind | None
    orders: int
    gmv_fen: int
    refund_fen: int
    commission_fen: int
