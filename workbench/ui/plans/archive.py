"""Keeps the open creator's terms archive up to date (``store/terms_archive.py``).

After every sync (and when an account opens) the archive beside the account's cache takes in
what is new: terms I applied under, was approved under or was notified of. It runs on the
reader's background lane (it reads the cache and writes only the archive's own file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from workbench.core.enums import Role
from workbench.store.terms_archive import TermsArchive, capture

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController


def keep(cache: Cache) -> int:
    """Append what is new to the archive beside ``cache``; returns how many records."""
    with TermsArchive.for_cache(cache.path) as archive:
        return capture(archive, cache)


class ArchiveKeeper(QObject):
    """Runs :func:`keep` for a creator after each sync."""

    def __init__(self, controller: SyncController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.creator = False
        self.kept = 0  # records added since the app started (for tests and the log)
        controller.sessionChanged.connect(self._session)
        controller.synced.connect(lambda _summary: self.run())
        self._session(controller.session)

    def _session(self, session: AccountSession | None) -> None:
        self.creator = session is not None and session.account.role is Role.CREATOR
        self.run()

    def run(self) -> None:
        if self.creator:
            self.controller.reader.background(keep, self._done)

    def _done(self, added: Any) -> None:
        self.kept += int(added)
