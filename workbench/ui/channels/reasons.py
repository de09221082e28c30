"""A listing health problem in words (translated), for the "Needs attention" view and dialogs."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from workbench.store.health import Problem, Reason
from workbench.ui.selection.columns import percent

t = QCoreApplication.translate


def day(iso: str | None) -> str:
    """An ISO 8601 UTC time as a date in the user's zone and language ("" if unreadable)."""
    if not iso:
        return ""
    try:
        at = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return ""
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()
    return QLocale().toString(
        QDate(local.year, local.month, local.day), QLocale.FormatType.ShortFormat
    )


def short(reason: Reason) -> str:
    """The reason's name, as a filter or a column shows it."""
    return {
        Reason.GONE: t("ListingHealth", "Gone from the catalogue"),
        Reason.SALE_FORBIDDEN: t("ListingHealth", "Sale forbidden (被禁止售卖)"),
        Reason.DELISTED: t("ListingHealth", "Delisted by the merchant"),
        Reason.OUT_OF_STOCK: t("ListingHealth", "Out of stock"),
        Reason.NO_LIVE_PLAN: t("ListingHealth", "No live plan: earns nothing"),
        Reason.PLAN_DROPPED: t("ListingHealth", "Targeted plan no longer names you"),
        Reason.COMMISSION_CUT: t("ListingHealth", "Commission cut"),
        Reason.PLAN_ENDING: t("ListingHealth", "Plan ends soon"),
    }[reason]


def describe(problem: Problem) -> str:
    """The problem with its detail: the date, the rates before and after."""
    reason = problem.reason
    if reason is Reason.PLAN_ENDING and problem.at:
        return t("ListingHealth", "Plan ends %1").replace("%1", day(problem.at))
    if reason is Reason.COMMISSION_CUT and problem.before_ppm is not None:
        text = t("ListingHealth", "Commission cut %1 → %2 since %3")
        return (
            text.replace("%1", percent(problem.before_ppm))
            .replace("%2", percent(problem.after_ppm or 0))
            .replace("%3", day(problem.at))
        )
    if reason is Reason.PLAN_DROPPED and problem.at:
        return t("ListingHealth", "Targeted plan no longer names you (since %1)").replace(
            "%1", day(problem.at)
        )
    return short(reason)


def describe_all(problems: tuple[Problem, ...]) -> str:
    """Every problem, one a line (a tooltip)."""
    return "\n".join(describe(p) for p in problems)
