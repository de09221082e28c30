"""What the window says, translated, about the cache file itself: a full disk, a damaged file.

The store raises ``DiskFull`` and ``CacheDamaged`` and reports a rebuilt cache as a
``Recovery`` (plain English, for logs and the command line); the user reads these instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from workbench.store.recovery import Recovery


t = QCoreApplication.translate  # lupdate reads t("Context", "text") as translate()


def disk_full_text() -> str:
    return t(
        "CacheNotice",
        "The disk is full: your last change was not saved (nothing was half-saved) and syncing "
        "has stopped. Free some disk space, then try again.",
    )


def recovery_text(recovery: Recovery) -> str:
    """What happened to a damaged cache file, and what was saved from it."""
    text = t(
        "CacheNotice",
        "Your local data file was damaged. It was set aside (kept as %1) and is being rebuilt "
        "from the server.",
    ).replace("%1", recovery.aside.name)
    if not recovery.readable:
        return (
            text
            + " "
            + t("CacheNotice", "Nothing could be read from it: edits not yet synced are lost.")
        )
    text += " " + t(
        "CacheNotice", "Recovered from it: %1 pending edit(s) and %2 conflict(s)."
    ).replace("%1", str(recovery.edits)).replace("%2", str(recovery.conflicts))
    if recovery.unreadable:
        text += " " + t("CacheNotice", "Up to %1 item(s) could not be read and are lost.").replace(
            "%1", str(recovery.unreadable)
        )
    return text


def problem_text(exc: BaseException) -> str | None:
    """The translated text for a full disk or a damaged cache; None for any other error."""
    from workbench.store.damage import CacheDamaged, DiskFull, is_damage

    if isinstance(exc, DiskFull):
        return disk_full_text()
    if is_damage(exc):
        reason = exc.reason if isinstance(exc, CacheDamaged) else str(exc)
        return t(
            "CacheNotice",
            "Your local data file is damaged (%1). Restart the workbench: it then sets the file "
            "aside, keeping your pending edits that can still be read, and rebuilds it from the "
            "server.",
        ).replace("%1", reason)
    return None
