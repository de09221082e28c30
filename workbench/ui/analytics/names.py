"""Translated names of what the 数据 page shows: measures, channel kinds, scenes, dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from workbench.core.enums import CommissionStatus, OrderScene, OrderStatus
from workbench.store.analytics import Breakdown, Grain, Preset

t = QCoreApplication.translate  # t("AnalyticsNames", "Context", "Text"): the alias lupdate knows


def measures() -> dict[str, str]:
    return {
        "gmv_fen": t("AnalyticsNames", "GMV"),
        "orders": t("AnalyticsNames", "Orders"),
        "units": t("AnalyticsNames", "Units"),
        "refund_fen": t("AnalyticsNames", "Refunds"),
        "commission_fen": t("AnalyticsNames", "Est. commission"),
        "settled_fen": t("AnalyticsNames", "Settled commission"),
    }


MONEY = frozenset({"gmv_fen", "refund_fen", "commission_fen", "settled_fen", "paid_fen"})


def presets() -> dict[Preset, str]:
    return {
        Preset.LAST_7: t("AnalyticsNames", "Last 7 days"),
        Preset.LAST_30: t("AnalyticsNames", "Last 30 days"),
        Preset.LAST_90: t("AnalyticsNames", "Last 90 days"),
        Preset.THIS_MONTH: t("AnalyticsNames", "This month"),
        Preset.LAST_MONTH: t("AnalyticsNames", "Last month"),
        Preset.THIS_YEAR: t("AnalyticsNames", "This year"),
        Preset.ALL: t("AnalyticsNames", "All time"),
    }


def grains() -> dict[Grain, str]:
    return {
        Grain.DAY: t("AnalyticsNames", "By day"),
        Grain.WEEK: t("AnalyticsNames", "By week"),
        Grain.MONTH: t("AnalyticsNames", "By month"),
    }


def channel_kind(kind: str) -> str:
    """The app's name of a channel kind (as the channel picker says it)."""
    from workbench.ui.selection.channel_picker import kind_names

    return kind_names().get(kind or "", t("AnalyticsNames", "No channel"))


def scene(code: Any) -> str:
    names = {
        OrderScene.OTHER: t("AnalyticsNames", "Other"),
        OrderScene.LIVE: t("AnalyticsNames", "Live"),
        OrderScene.SHORT_VIDEO: t("AnalyticsNames", "Short video"),
        OrderScene.PRODUCT_SHARE: t("AnalyticsNames", "Product share"),
        OrderScene.SHOWCASE: t("AnalyticsNames", "Showcase"),
        OrderScene.ARTICLE: t("AnalyticsNames", "Article"),
    }
    try:
        return names[OrderScene(int(code))]
    except (ValueError, TypeError):
        return str(code)


def status(code: int) -> str:
    found: str = {
        OrderStatus.UNPAID: t("AnalyticsNames", "Unpaid"),
        OrderStatus.PAID: t("AnalyticsNames", "Paid"),
        OrderStatus.PARTLY_SHIPPED: t("AnalyticsNames", "Partly shipped"),
        OrderStatus.SHIPPED: t("AnalyticsNames", "Shipped"),
        OrderStatus.COMPLETED: t("AnalyticsNames", "Completed"),
        OrderStatus.CANCELLED_AFTER_SALE: t("AnalyticsNames", "Cancelled after sale"),
        OrderStatus.CANCELLED: t("AnalyticsNames", "Cancelled"),
    }.get(code, str(code))  # type: ignore[call-overload]
    return found


def commission_status(code: int) -> str:
    found: str = {
        CommissionStatus.UNSETTLED: t("AnalyticsNames", "Unsettled"),
        CommissionStatus.SETTLED: t("AnalyticsNames", "Settled"),
        CommissionStatus.CANCELLED: t("AnalyticsNames", "Cancelled"),
    }.get(code, str(code))  # type: ignore[call-overload]
    return found


def key_name(by: Breakdown, key: Any, names: dict[Any, str]) -> str:
    if by is Breakdown.CHANNEL_KIND:
        return channel_kind(str(key or ""))
    if by is Breakdown.SCENE:
        return scene(key)
    if by is Breakdown.GIFT:
        return t("AnalyticsNames", "Gift orders") if key else t("AnalyticsNames", "Other orders")
    if key in (None, "", 0):
        return {
            Breakdown.PLAN: t("AnalyticsNames", "No plan"),
            Breakdown.CATEGORY: t("AnalyticsNames", "No category"),
            Breakdown.CREATOR: t("AnalyticsNames", "No creator (own sales)"),
        }.get(by, t("AnalyticsNames", "None"))
    if by is Breakdown.CREATOR and key not in names:  # orders do not name creators
        return t("AnalyticsNames", "Creator …%1").replace("%1", str(key)[-6:])
    return names.get(key, str(key))


def bucket_label(day: date, grain: Grain) -> str:
    chinese = QLocale().language() == QLocale.Language.Chinese
    qdate = QDate(day.year, day.month, day.day)
    if grain is Grain.MONTH:
        return f"{day.year}年{day.month}月" if chinese else QLocale().toString(qdate, "MMM yyyy")
    if chinese:
        return f"{day.month}月{day.day}日"
    return QLocale().toString(qdate, "MMM d")


def day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def number(value: float, decimals: int = 0) -> str:
    return QLocale().toString(float(value), "f", decimals)
