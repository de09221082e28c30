"""The Samples page's words: a sample's state, the content countdown ("3 days left", "overdue
by 2 days"), why an action is not offered, and a refused edit in a sentence."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject

from workbench.store.samples import MySample, SampleView
from workbench.ui.conflicts import reason_text
from workbench.ui.merchant.texts import moment

t = QCoreApplication.translate
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)


def state_name(state: str) -> str:
    names: dict[str, str] = {
        SampleView.ALL: t("SampleTexts", "All"),
        SampleView.NEEDS_ACTION: t("SampleTexts", "Needs action"),
        SampleView.REQUESTED: t("SampleTexts", "Requested"),
        SampleView.APPROVED: t("SampleTexts", "Approved"),
        SampleView.SHIPPED: t("SampleTexts", "Shipped"),
        SampleView.OVERDUE: t("SampleTexts", "Overdue"),
        SampleView.FULFILLED: t("SampleTexts", "Delivered"),
        SampleView.REJECTED: t("SampleTexts", "Rejected"),
        SampleView.CANCELLED: t("SampleTexts", "Cancelled"),
    }  # a StrEnum member is its plain value as a key
    return names.get(state, state)


class Countdown(QObject):
    """The content column's words (``self.tr``: their plurals are numerus entries)."""

    def text(self, sample: MySample, now: datetime) -> tuple[str, bool]:
        """The text at ``now``, and whether it is late (shown in the error colour).

        Whole days while a day or more is left ("3 days left": 3 to 4 days), hours in the last
        day, minutes in the last hour; late by whole days, or by hours in its first day."""
        if sample.status == "fulfilled":
            return self.tr("Delivered"), False
        if not sample.owing or not sample.content_due_at:
            return "—", False
        left = moment(sample.content_due_at) - now
        days, hours = abs(left) // DAY, abs(left) // HOUR
        if left >= DAY:
            return self.tr("%n day(s) left", "", days), False
        if left >= HOUR:
            return self.tr("%n hour(s) left", "", hours), False
        if left > timedelta(0):
            minutes = max(1, left // MINUTE)
            return self.tr("%n minute(s) left", "", minutes), False
        if -left >= DAY:
            return self.tr("%n day(s) late", "", days), True
        hours = max(1, hours)
        return self.tr("%n hour(s) late", "", hours), True


def cancel_blocked(sample: MySample) -> str:
    """Why a request cannot be cancelled any more (the action's tooltip)."""
    if sample.status in ("shipped", "overdue", "fulfilled"):
        return t("SampleTexts", "It has shipped: a shipped sample cannot be cancelled.")
    if sample.status == "rejected":
        return t("SampleTexts", "The merchant rejected it: there is nothing to cancel.")
    return t("SampleTexts", "It is already cancelled.")


def fulfil_blocked(sample: MySample) -> str:
    if sample.status == "fulfilled":
        return t("SampleTexts", "The content link is already handed in.")
    return t("SampleTexts", "Content is owed once the sample has shipped.")


def extend_blocked(sample: MySample) -> str:
    if sample.extended:
        return t("SampleTexts", "The one extension (7 days) is already used.")
    if sample.server_status == "overdue":
        return t(
            "SampleTexts", "The merchant has marked the content overdue: hand in the link instead."
        )
    return t("SampleTexts", "An extension is for content that is due (a shipped sample).")


def refused_text(code: str | None, detail: str = "") -> str:
    """A sample edit the app or the server refused, in a sentence."""
    texts = {
        "invalid_transition": t("SampleTexts", "Not possible in the sample's current state."),
        "already_decided": t("SampleTexts", "The merchant has already decided on it."),
        "product_not_promotable": t(
            "SampleTexts", "The product is not on sale now (delisted or sale forbidden)."
        ),
        "invalid_payload": t("SampleTexts", "The server could not accept these values."),
    }
    return texts.get(code or "") or reason_text(code, detail)
