"""Enumerations of the business, with the platform's own codes where the platform has them.

Values that cross the wire are the platform's numbers (order status 10/20/…), or lower-case
names for concepts that are ours (application and sample states). DOMAIN.md is the source.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag, StrEnum


class Role(StrEnum):
    """Who an account acts as."""

    CREATOR = "creator"  # 带货者 / 达人
    MERCHANT = "merchant"  # 商家


class CreatorIdentity(StrEnum):
    """The two creator identities of the 2025 upgrade."""

    FINDER = "finder"  # 视频号带货者 (legacy; finder_id / openfinderid)
    TALENT = "talent"  # 微信小店带货者 (upgraded; talent_appid / opentalentid)


class ChannelKind(StrEnum):
    """Where a creator sells (带货渠道)."""

    SHOWCASE = "showcase"  # 视频号橱窗
    LIVE = "live"  # 视频号直播
    SHORT_VIDEO = "short_video"  # 视频号短视频
    OFFICIAL_ACCOUNT = "official_account"  # 公众号 (订阅号)
    SERVICE_ACCOUNT = "service_account"  # 服务号
    MINI_PROGRAM = "mini_program"  # 小程序
    COMMUNITY = "community"  # 社群

    @property
    def needs_talent_identity(self) -> bool:
        """Legacy 视频号带货者 may only sell on the 视频号 channels."""
        return self not in _FINDER_CHANNELS


_FINDER_CHANNELS = frozenset({ChannelKind.SHOWCASE, ChannelKind.LIVE, ChannelKind.SHORT_VIDEO})


class GuaranteeFlag(IntFlag):
    """Guarantee flags as a bit set; bit n is the platform's enum value n."""

    NONE = 0
    SEVEN_DAY_RETURN = 1 << 0  # 7天无理由
    FREIGHT_INSURANCE = 1 << 1  # 运费险
    FANGXIN_MAI = 1 << 3  # 放心买
    DAMAGE_REFUND = 1 << 4  # 损坏包退
    FAKE_PAYS_THREE = 1 << 5  # 假一赔三
    PAY_AFTER_USE = 1 << 6  # 先用后付
    FREE_SHIPPING = 1 << 7  # 包邮


ALL_GUARANTEES = (
    GuaranteeFlag.SEVEN_DAY_RETURN
    | GuaranteeFlag.FREIGHT_INSURANCE
    | GuaranteeFlag.FANGXIN_MAI
    | GuaranteeFlag.DAMAGE_REFUND
    | GuaranteeFlag.FAKE_PAYS_THREE
    | GuaranteeFlag.PAY_AFTER_USE
    | GuaranteeFlag.FREE_SHIPPING
)


class ProductStatus(StrEnum):
    """Whether a product can be sold."""

    LISTED = "listed"
    DELISTED = "delisted"
    SALE_FORBIDDEN = "sale_forbidden"  # 被禁止售卖


class PlanType(StrEnum):
    """Promotion plan types (推广计划)."""

    GENERAL = "general"  # 普通推广
    TARGETED = "targeted"  # 定向推广
    EXCLUSIVE = "exclusive"  # 专属推广


class PlanStatus(IntEnum):
    """Plan status, the platform's codes."""

    LISTED = 1
    DELISTED = 2
    DELETED = 4
    BELOW_ADMISSION = 5
    PENDING_EFFECT = 10


class CooperationStatus(IntEnum):
    """Promoter cooperation status, the platform's codes (used for creators named on a plan)."""

    INIT = 0
    INVITING = 1
    ACCEPTED = 2
    REJECTED = 3
    INVITATION_CANCELLED = 4
    COOPERATION_CANCELLED = 5


class ApplicationStatus(StrEnum):
    """A creator's application to a plan (ours: the platform has no API for it)."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class SampleStatus(StrEnum):
    """A sample request's life (ours)."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    SHIPPED = "shipped"
    FULFILLED = "fulfilled"
    OVERDUE = "overdue"


class OrderStatus(IntEnum):
    """Order status, the platform's codes."""

    UNPAID = 10
    PAID = 20
    PARTLY_SHIPPED = 21
    SHIPPED = 30
    COMPLETED = 100
    CANCELLED_AFTER_SALE = 200
    CANCELLED = 250


class CommissionStatus(IntEnum):
    """Commission settlement status, the platform's codes."""

    UNSETTLED = 20
    SETTLED = 100
    CANCELLED = 200


class DepositEntryKind(StrEnum):
    """A line of a creator's deposit (保证金) ledger."""

    PAY_IN = "pay_in"  # 缴纳: the first payment
    TOP_UP = "top_up"  # 补缴: paid again after a deduction or a higher requirement
    DEDUCTION = "deduction"  # 扣除: taken for a violation
    REFUND = "refund"  # 退还: returned (a lower requirement, or leaving)


class SettlementStatus(StrEnum):
    """A month of a creator's commission statement (结算)."""

    OPEN = "open"  # the month is running: orders still come in
    PENDING = "pending"  # closed, waiting for the payout
    PAID = "paid"  # paid out (``paid_at``)


class AccountType(IntEnum):
    """The account type an order line was sold through."""

    FINDER = 1  # 视频号
    OFFICIAL_ACCOUNT = 2  # 公众号
    MINI_PROGRAM = 3  # 小程序


class OrderScene(IntEnum):
    """The scene an order line was sold in."""

    OTHER = 1
    LIVE = 2
    SHORT_VIDEO = 3
    PRODUCT_SHARE = 4
    SHOWCASE = 5
    ARTICLE = 6  # 公众号文章
