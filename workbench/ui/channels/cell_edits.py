"""An edited cell of the listings table as the patch to queue, or the words that refuse it.

Custom title, selling points and the schedule's start and end are edited in place. The value
is checked here (``store.listing_edits``) before anything is queued: an empty or over-long
title, over-long selling points, or a schedule that would end at or before its start raise
:class:`~workbench.store.listing_edits.BadField`, and :func:`refusal` says why in words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from workbench.store import listing_edits
from workbench.store.listing_edits import BadField
from workbench.store.listings import Listing
from workbench.ui.channels.listings_model import to_datetime

t = QCoreApplication.translate


def patch_for(row: Listing | None, key: str, value: Any) -> dict[str, Any]:
    """The fields to patch for ``value`` typed in column ``key`` of ``row``."""
    if key == "custom_title":
        return {"custom_title": listing_edits.check_title(str(value))}
    if key == "selling_points":
        return {"selling_points": listing_edits.check_points(str(value))}
    start = listing_edits.parse_moment(row.start_at) if row is not None else None
    end = listing_edits.parse_moment(row.end_at) if row is not None else None
    at = None if value is None else to_datetime(value)
    start, end = (at, end) if key == "start" else (start, at)
    return listing_edits.check_schedule(start, end)


def refusal(bad: BadField, key: str) -> str:
    """Why the value was not taken (nothing was queued)."""
    if key == "custom_title" and bad.reason == "empty":
        return t(
            "ListingCells",
            "A custom title cannot be empty. To show the product's title again, use "
            "“Use the product's title” (Ctrl+Shift+R).",
        )
    if key == "custom_title":
        return t("ListingCells", "A custom title has at most %1 characters.").replace(
            "%1", str(listing_edits.TITLE_MAX)
        )
    if key == "selling_points":
        return t("ListingCells", "Selling points have at most %1 characters.").replace(
            "%1", str(listing_edits.POINTS_MAX)
        )
    return t("ListingCells", "A listing's schedule must end after it starts: nothing was changed.")
