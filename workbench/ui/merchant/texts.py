"""The merchant pages' words: plan types and states, queue states, and one translated sentence
per plan-rule code (what the create dialog shows beside the field that breaks the rule)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from workbench.core.enums import PlanStatus, PlanType
from workbench.core.plan_rules import MAX_CREATORS_PER_CALL, MAX_PRODUCTS_PER_CALL, MAX_RATE_PPM
from workbench.ui.conflicts import reason_text

t = QCoreApplication.translate


def kind_names() -> dict[str, str]:
    """Short names of the channel kinds, for the queues' narrow columns."""
    return {
        "showcase": t("MerchantTexts", "Showcase"),
        "live": t("MerchantTexts", "Live"),
        "short_video": t("MerchantTexts", "Short video"),
        "official_account": t("MerchantTexts", "Official account"),
        "service_account": t("MerchantTexts", "Service account"),
        "mini_program": t("MerchantTexts", "Mini program"),
        "community": t("MerchantTexts", "Community"),
    }


def plan_type_name(plan_type: PlanType) -> str:
    return {
        PlanType.GENERAL: t("MerchantTexts", "General (普通)"),
        PlanType.TARGETED: t("MerchantTexts", "Targeted (定向)"),
        PlanType.EXCLUSIVE: t("MerchantTexts", "Exclusive (专属)"),
    }[plan_type]


def plan_state(status: PlanStatus, end_at: str, now: datetime | None = None) -> str:
    if status in (PlanStatus.DELISTED, PlanStatus.DELETED):
        return t("MerchantTexts", "Ended")
    if moment(end_at) <= (now or datetime.now(UTC)):
        return t("MerchantTexts", "Expired")
    if status is PlanStatus.PENDING_EFFECT:
        return t("MerchantTexts", "Starts later")
    if status is PlanStatus.BELOW_ADMISSION:
        return t("MerchantTexts", "Below admission")
    return t("MerchantTexts", "Running")


def queue_state(state: str) -> str:
    return {
        "pending": t("MerchantTexts", "To review"),
        "requested": t("MerchantTexts", "To review"),
        "approved": t("MerchantTexts", "Approved"),
        "rejected": t("MerchantTexts", "Rejected"),
        "withdrawn": t("MerchantTexts", "Withdrawn"),
        "cancelled": t("MerchantTexts", "Cancelled"),
        "shipped": t("MerchantTexts", "Shipped"),
        "overdue": t("MerchantTexts", "Content overdue"),
        "fulfilled": t("MerchantTexts", "Delivered"),
        "all": t("MerchantTexts", "All"),
    }.get(state, state)


def rule_text(code: str, detail: str = "") -> str:
    """A plan rule the app checked (the server answers the same code for the same payload)."""
    rules = {
        "rate_out_of_range": t(
            "MerchantTexts", "The rate must be a whole percent from 0 to %1 %."
        ).replace("%1", str(MAX_RATE_PPM // 10_000)),
        "plan_window_invalid": t("MerchantTexts", "The plan must end after it begins."),
        "too_many_products": t(
            "MerchantTexts", "At most %1 products at once: unselect some."
        ).replace("%1", str(MAX_PRODUCTS_PER_CALL)),
        "too_many_creators": t("MerchantTexts", "At most %1 creators at once.").replace(
            "%1", str(MAX_CREATORS_PER_CALL)
        ),
        "creators_required": t(
            "MerchantTexts", "A targeted or exclusive plan names at least one creator."
        ),
        "creators_not_allowed": t(
            "MerchantTexts", "A general plan is open to every creator: name no creators."
        ),
        "general_plan_required": t(
            "MerchantTexts", "A targeted plan needs a live general plan on the product."
        ),
        "exclusive_conflict": t(
            "MerchantTexts",
            "An exclusive plan stands alone: the product has another live plan, or an "
            "exclusive one.",
        ),
        "duplicate_general_plan": t(
            "MerchantTexts", "The product already has a live general plan (one per product)."
        ),
        "invalid_payload": t("MerchantTexts", "Choose at least one product, each once."),
        "reason_required": t("MerchantTexts", "Say why: a rejection needs a reason."),
        "plan_not_active": t("MerchantTexts", "The plan has ended."),
    }
    return rules.get(code) or reason_text(code, detail)


def moment(text: str) -> datetime:
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


def day(text: str | datetime | None) -> str:
    """A date in the interface's language (local time)."""
    if not text:
        return "—"
    when = text if isinstance(text, datetime) else moment(text)
    return when.astimezone().strftime("%Y-%m-%d")


def creator_label(creator_id: str, name: str | None = None) -> str:
    """A creator as a merchant sees them: the name of their profile (the feed sends it for
    every creator the merchant deals with), a short, stable form of the id until it arrives."""
    if name:
        return name
    return t("MerchantTexts", "Creator …%1").replace("%1", creator_id[-6:])
