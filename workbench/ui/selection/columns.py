"""The product table's columns: their ids, translated headers, sort keys and cell texts.

One table of facts instead of ``if column == 7`` scattered over the model and the delegate.
Money is shown from 分 and rates from ppm with the same exact helpers the rest of the app uses
(``core.money``), so a figure in the table is the amount in the detail panel and the CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QHeaderView

from workbench.core.enums import GuaranteeFlag, PlanType, ProductStatus
from workbench.core.money import ppm_to_percent_text
from workbench.store.products import Sort
from workbench.ui.widgets import number

t = QCoreApplication.translate


def yuan(fen: int) -> str:
    """分 as the interface shows money: ¥, the language's thousands and two decimals
    ("¥17,779.90", "-¥2.40"), like the 数据 page's figures; exact, no float. Files written for
    other programs keep ``fen_to_yuan_text`` ("17779.90")."""
    fen = int(fen)
    locale = QLocale()
    whole, cents = divmod(abs(fen), 100)
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{locale.toString(whole)}{locale.decimalPoint()}{cents:02d}"


def percent(ppm: int) -> str:
    return ppm_to_percent_text(int(ppm))


def guarantee_names() -> dict[GuaranteeFlag, str]:
    """The platform's guarantee names, in the order the platform lists them."""
    return {
        GuaranteeFlag.SEVEN_DAY_RETURN: t("ProductColumns", "7-day returns"),
        GuaranteeFlag.FREIGHT_INSURANCE: t("ProductColumns", "Return shipping insurance"),
        GuaranteeFlag.FANGXIN_MAI: t("ProductColumns", "Worry-free purchase"),
        GuaranteeFlag.DAMAGE_REFUND: t("ProductColumns", "Damage refund"),
        GuaranteeFlag.FAKE_PAYS_THREE: t("ProductColumns", "Fake pays 3x"),
        GuaranteeFlag.PAY_AFTER_USE: t("ProductColumns", "Pay after use"),
        GuaranteeFlag.FREE_SHIPPING: t("ProductColumns", "Free shipping"),
    }


def guarantees_text(flags: int) -> str:
    names = [name for flag, name in guarantee_names().items() if int(flags) & flag.value]
    return t("ProductColumns", ", ").join(names) if names else "—"


def status_text(status: str) -> str:
    return {
        ProductStatus.LISTED.value: t("ProductColumns", "On sale"),
        ProductStatus.DELISTED.value: t("ProductColumns", "Delisted"),
        ProductStatus.SALE_FORBIDDEN.value: t("ProductColumns", "Sale forbidden"),
    }.get(status, status)


def plan_type_text(plan_type: str | None) -> str:
    return {
        PlanType.GENERAL.value: t("ProductColumns", "General"),
        PlanType.TARGETED.value: t("ProductColumns", "Targeted"),
        PlanType.EXCLUSIVE.value: t("ProductColumns", "Exclusive"),
    }.get(plan_type or "", "—")


def placement_text(placement: str | None) -> str:
    if placement == "pending":
        return t("ProductColumns", "Pending sync")
    if placement == "listed":
        return t("ProductColumns", "Added")
    return ""


@dataclass(frozen=True)
class Column:
    """One column of the product table."""

    key: str
    header: Callable[[], str]
    text: Callable[[dict[str, Any]], str]
    sort: Sort | None = None  # sortable in SQL by this key
    numeric: bool = False  # right-aligned
    width: int = 100


def _number(value: int) -> str:
    return number(value)


COLUMNS: tuple[Column, ...] = (
    Column("image", lambda: t("ProductColumns", "Image"), lambda r: "", width=56),
    Column("title", lambda: t("ProductColumns", "Title"), lambda r: str(r["title"]), width=220),
    Column("shop", lambda: t("ProductColumns", "Shop"), lambda r: str(r["shop_name"]), width=130),
    Column("category", lambda: t("ProductColumns", "Category"), lambda r: str(r.get("category_name") or "—"),
           width=110),
    Column("price", lambda: t("ProductColumns", "Price"), lambda r: yuan(r["price_fen"]), Sort.PRICE, True, 80),
    Column("rate", lambda: t("ProductColumns", "Commission rate"), lambda r: percent(r["commission_ppm"]),
           Sort.COMMISSION_RATE, True, 110),
    Column("per_sale", lambda: t("ProductColumns", "Commission per sale"),
           lambda r: yuan(r["commission_per_sale_fen"]), Sort.COMMISSION_PER_SALE, True, 130),
    Column("sales", lambda: t("ProductColumns", "Monthly sales"), lambda r: _number(r["monthly_sales"]),
           Sort.MONTHLY_SALES, True, 100),
    Column("stock", lambda: t("ProductColumns", "Stock"), lambda r: _number(r["stock"]), Sort.STOCK, True, 80),
    Column("guarantees", lambda: t("ProductColumns", "Guarantees"), lambda r: guarantees_text(r["guarantee_flags"]),
           width=200),
    Column("plan", lambda: t("ProductColumns", "Plan type"), lambda r: plan_type_text(r.get("plan_type")),
           width=90),
    Column("status", lambda: t("ProductColumns", "Status"), lambda r: status_text(r["status"]), width=90),
    Column("placement", lambda: t("ProductColumns", "On my channels"), lambda r: placement_text(r.get("placement")),
           width=120),
)  # fmt: skip

KEYS = tuple(c.key for c in COLUMNS)
IMAGE, TITLE = KEYS.index("image"), KEYS.index("title")

DEFAULT_ORDER = ("image", "title", "price", "rate", "per_sale", "sales", "shop", "category",
                 "stock", "guarantees", "plan", "status", "placement")  # fmt: skip
"""The columns as a new user first sees them: at the default 1200×780 window the figures one
chooses by (price, commission rate, per sale, monthly sales) are on screen, the title elided
(its tooltip has it whole), the rest a scroll away."""


def lay_out(header: QHeaderView) -> None:
    """The default widths and order (a saved header state replaces them)."""
    for i, column in enumerate(COLUMNS):
        header.resizeSection(i, column.width)
    for visual, key in enumerate(DEFAULT_ORDER):
        header.moveSection(header.visualIndex(KEYS.index(key)), visual)


def column_for_sort(sort: Sort) -> int | None:
    for i, column in enumerate(COLUMNS):
        if column.sort is sort:
            return i
    return None


def alignment(column: Column) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter
