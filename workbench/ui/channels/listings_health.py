"""The listings table's Health column: the listing health check (``store/health.py``) of the rows
of a window, in words (``reasons.py``), filled on the reading lane as each window is read
(the listings model passes :func:`check` to ``store.listings.window``). A listing with no problem says OK; one with several shows the
most serious (the Needs attention panel lists them all)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from workbench.store import health
from workbench.ui.channels.reasons import describe

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.listings import Listing


def check(cache: Cache, rows: list[Listing]) -> dict[str, str]:
    """Listing id → the Health cell's text (runs on the reading lane)."""
    found = health.listing_health(cache, [r.id for r in rows])
    ok = QCoreApplication.translate("ListingHealth", "OK")
    return {
        listing_id: describe(state.worst) if state.worst is not None else ok
        for listing_id, state in found.items()
    }
