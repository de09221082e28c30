"""The server's tables (SQLAlchemy 2 declarative), portable between SQLite and PostgreSQL.

Every row a client syncs has a server-assigned ``version``; every change to one is also written
to ``change_log`` (one entry per audience that may see it) in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from workbench.server.types import UTCDateTime, utcnow

# SQLite only makes INTEGER PRIMARY KEY an auto-increment alias; BIGINT stays BIGINT elsewhere.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class Account(Base):
    __tablename__ = "account"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    identity: Mapped[str | None] = mapped_column(String(16))
    finder_id: Mapped[str | None] = mapped_column(String(64))
    talent_appid: Mapped[str | None] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class AuthToken(Base):
    """Access and refresh tokens, stored only as SHA-256 hashes."""

    __tablename__ = "auth_token"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(8))  # access | refresh
    family: Mapped[str] = mapped_column(String(36), index=True)  # one login's tokens
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Category(Base):
    __tablename__ = "category"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(40))
    level: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))


class Shop(Base):
    __tablename__ = "shop"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    score_x10: Mapped[int] = mapped_column(Integer)


class Product(Base):
    __tablename__ = "product"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shop_id: Mapped[str] = mapped_column(ForeignKey("shop.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    category1_id: Mapped[int] = mapped_column(Integer)
    category2_id: Mapped[int] = mapped_column(Integer)
    category3_id: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(BigInteger)
    monthly_sales: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer)
    commission_ppm: Mapped[int] = mapped_column(Integer)
    service_fee_ppm: Mapped[int] = mapped_column(Integer)
    guarantee_flags: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    listed_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(BigInteger, default=1)

    shop: Mapped[Shop] = relationship(lazy="joined")


class Channel(Base):
    __tablename__ = "channel"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(60))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class Listing(Base):
    __tablename__ = "listing"
    __table_args__ = (
        Index("ix_listing_channel_product", "channel_id", "product_id"),
        # Who lists a product (a plan's commission cut waits if anyone does: handlers/plans.py).
        Index("ix_listing_product", "product_id"),
        # At most one live listing per (channel, product): the database's own ``listing_exists``.
        Index(
            "uq_listing_live_channel_product",
            "channel_id",
            "product_id",
            unique=True,
            sqlite_where=text("NOT deleted"),
            postgresql_where=text("NOT deleted"),
        ),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    channel_id: Mapped[str] = mapped_column(ForeignKey("channel.id"))
    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    custom_title: Mapped[str | None] = mapped_column(String(60))
    selling_points: Mapped[str | None] = mapped_column(String(500))
    start_at: Mapped[datetime | None]
    end_at: Mapped[datetime | None]
    field_versions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class Favourite(Base):
    __tablename__ = "favourite"
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class SavedFilter(Base):
    __tablename__ = "saved_filter"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    query: Mapped[dict[str, Any]] = mapped_column(default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class Plan(Base):
    __tablename__ = "plan"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"), index=True)
    plan_type: Mapped[str] = mapped_column(String(16))
    rate_ppm: Mapped[int] = mapped_column(Integer)
    begin_at: Mapped[datetime]
    end_at: Mapped[datetime]
    status: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(BigInteger, default=1)
    # A commission cut under notice: ``pending_rate_ppm`` replaces ``rate_ppm`` (and every named
    # creator's rate) at ``pending_at`` (``server/due.py``); both NULL when none is pending.
    pending_rate_ppm: Mapped[int | None] = mapped_column(Integer, default=None)
    pending_at: Mapped[datetime | None] = mapped_column(default=None, index=True)

    creators: Mapped[list[PlanCreator]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="PlanCreator.creator_id"
    )


class PlanCreator(Base):
    """A creator named on a targeted or exclusive plan, with their own rate."""

    __tablename__ = "plan_creator"
    plan_id: Mapped[str] = mapped_column(
        ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True
    )
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"), primary_key=True, index=True)
    rate_ppm: Mapped[int] = mapped_column(Integer)
    status: Mapped[int] = mapped_column(Integer)


class MerchantCreator(Base):
    """A creator a merchant deals with (ours): they applied to one of its plans, asked for a
    sample of one of its products, are named on one of its plans, or sold one of its products.

    The creator's public profile (``CreatorOut``: name and identity, nothing else) reaches the
    merchant's feed as a ``creator`` entity when the relation starts and again whenever the
    profile changes (``server/creator_links.py``). A relation is kept once made: an ended plan
    or a withdrawn application still leaves the merchant its history with that creator.
    """

    __tablename__ = "merchant_creator"
    merchant_id: Mapped[str] = mapped_column(ForeignKey("account.id"), primary_key=True)
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"), primary_key=True, index=True)
    since: Mapped[datetime] = mapped_column(default=utcnow)

    creator: Mapped[Account] = relationship(foreign_keys=[creator_id], lazy="joined")

    @property
    def version(self) -> int:
        """The profile's version: its account's (a new relation sends the current profile)."""
        return self.creator.version


class Application(Base):
    __tablename__ = "application"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("plan.id"), index=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"))
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(String(500), default="")
    reason: Mapped[str | None] = mapped_column(String(500))
    plan_rate_ppm: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]  # the creator's withdrawal: the timeline's last step
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class Sample(Base):
    __tablename__ = "sample"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"))
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    merchant_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(500), default="")
    reason: Mapped[str | None] = mapped_column(String(500))
    cost_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    tracking_no: Mapped[str | None] = mapped_column(String(40))
    shipped_at: Mapped[datetime | None]
    content_due_at: Mapped[datetime | None]
    content_url: Mapped[str | None] = mapped_column(String(500))
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class Order(Base):
    __tablename__ = "order_"
    __table_args__ = (
        Index("ix_order_creator_created", "creator_id", "created_at"),
        Index("ix_order_merchant_created", "merchant_id", "created_at"),
        # The account's order snapshot pages through its orders by id (keyset).
        Index("ix_order_creator_id", "creator_id", "id"),
        Index("ix_order_merchant_id", "merchant_id", "id"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shop_id: Mapped[str] = mapped_column(ForeignKey("shop.id"))
    merchant_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    creator_id: Mapped[str | None] = mapped_column(ForeignKey("account.id"))
    status: Mapped[int] = mapped_column(Integer)
    commission_status: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    is_present: Mapped[bool] = mapped_column(Boolean, default=False)
    present_order_id: Mapped[str | None] = mapped_column(String(36))
    is_b2c_free_present: Mapped[bool] = mapped_column(Boolean, default=False)
    paid_at: Mapped[datetime | None] = mapped_column(default=None)  # None: never paid
    version: Mapped[int] = mapped_column(BigInteger, default=1)

    lines: Mapped[list[OrderLine]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="OrderLine.id"
    )


class OrderLine(Base):
    __tablename__ = "order_line"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("order_.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("product.id"))
    title: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    paid_fen: Mapped[int] = mapped_column(BigInteger)
    refund_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    commission_ppm: Mapped[int] = mapped_column(Integer)
    commission_fen: Mapped[int] = mapped_column(BigInteger)
    channel_kind: Mapped[str | None] = mapped_column(String(20))
    account_type: Mapped[int] = mapped_column(Integer)
    scene: Mapped[int] = mapped_column(Integer)
    content_id: Mapped[str | None] = mapped_column(String(64))
    # The creator's channel that sold it (its kind stays in ``channel_kind``: a channel deleted
    # since still names its kind); the level-3 category and the plan whose terms applied.
    channel_id: Mapped[str | None] = mapped_column(String(36), default=None)
    category_id: Mapped[int | None] = mapped_column(Integer, default=None)
    plan_id: Mapped[str | None] = mapped_column(String(36), default=None)
    refunded_at: Mapped[datetime | None] = mapped_column(default=None)  # the last refund


class SettlementLine(Base):
    """What the platform paid a creator for one order line, and when (结算明细).

    One row per settled order line; ``rate_ppm`` is the rate the settlement applied and
    ``base_fen`` the amount it was applied to, so a claim can show both.
    """

    __tablename__ = "settlement_line"
    __table_args__ = (Index("ix_settlement_line_creator_id", "creator_id", "id"),)
    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    order_line_id: Mapped[str] = mapped_column(String(40), index=True)
    order_id: Mapped[str] = mapped_column(String(36))
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    merchant_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    settled_at: Mapped[datetime]
    base_fen: Mapped[int] = mapped_column(BigInteger)
    rate_ppm: Mapped[int] = mapped_column(Integer)
    commission_fen: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class Deposit(Base):
    """A creator's deposit (保证金): its balance and what the platform requires now.

    The balance is the sum of the ledger (``deposit_entry``); both are history that the
    视频号带货者 → 微信小店带货者 upgrade carries over whole (no second deposit).
    """

    __tablename__ = "deposit"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"), unique=True)
    balance_fen: Mapped[int] = mapped_column(BigInteger)
    required_fen: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class DepositEntry(Base):
    """One line of a deposit's ledger: signed amount in 分 (a deduction is negative)."""

    __tablename__ = "deposit_entry"
    __table_args__ = (Index("ix_deposit_entry_creator_at", "creator_id", "at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    balance_after_fen: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(String(200), default="")


class Settlement(Base):
    """A creator's monthly commission statement (结算): one row per month (Asia/Shanghai)."""

    __tablename__ = "settlement"
    __table_args__ = (Index("uq_settlement_creator_month", "creator_id", "month", unique=True),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    creator_id: Mapped[str] = mapped_column(ForeignKey("account.id"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    orders: Mapped[int] = mapped_column(Integer)
    gmv_fen: Mapped[int] = mapped_column(BigInteger)
    earned_fen: Mapped[int] = mapped_column(BigInteger)  # commission earned in the month
    settled_fen: Mapped[int] = mapped_column(BigInteger)  # of it, settled so far
    status: Mapped[str] = mapped_column(String(16))
    paid_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(BigInteger, default=1)


class ChangeLog(Base):
    """The change feed: ``seq`` that no reader passes before it commits (``db.py``), one entry
    per audience that may see the change.

    Audiences: ``catalog`` (everyone), ``creators`` (every creator: general plans), and
    ``acct:<id>`` (one account). Entries superseded by a later one for the same entity and
    audience are compacted away, so reading from the start still yields the current state.
    """

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_audience_seq", "audience", "seq"),
        Index("ix_change_log_entity", "audience", "entity", "entity_id"),
    )
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    audience: Mapped[str] = mapped_column(String(48))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(BigInteger)
    op: Mapped[str] = mapped_column(String(8))
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Device(Base):
    """A client install of an account; ``last_seq`` is its last processed mutation."""

    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("account.id"), index=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MutationRecord(Base):
    """The stored result of each processed mutation, replayed to any retry."""

    __tablename__ = "mutation_record"
    __table_args__ = (Index("ix_mutation_record_mutation_id", "mutation_id"),)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    mutation_id: Mapped[str] = mapped_column(String(36))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LoginFailure(Base):
    """Failed logins in a row per login name (known or not), and the lock they earned."""

    __tablename__ = "login_failure"
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failed_at: Mapped[datetime] = mapped_column(index=True)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)


class ServerMeta(Base):
    """Small server-wide values: the compaction horizon of the change log, seed parameters."""

    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
