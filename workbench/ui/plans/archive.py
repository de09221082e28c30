"""Keeps the open creator's terms archive up to date (``store/terms_archive.py``).

When a sync or an edit changes plans or applications (and when an account opens) the archive
beside the account's cache takes in what is new (an empty sync reads nothing): terms I applied under, was approved under or was notified of. It runs on the
reader's background lane (it reads the cache and writes only the archive's own file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from workbench.core.enums import Role
from workbench.store.terms_archive import TermsArchive, capture

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController


WATCHED = ("plan", "application")  # what the archive keeps terms of


def keep(cache: Cache) -> int:
    """Append what is new to the archive beside ``cache``; returns how many records."""
    with TermsArchive.for_cache(cache.path) as archive:
        return capture(archive, cache)


class ArchiveKeeper(QObject):
    """Runs :func:`keep` for a creator when plans or applications changed."""

    def __init__(self, controller: SyncController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.creator = False
        self.kept = 0  # records added since the app started (for tests and the log)
        controller.sessionChanged.connect(self._session)
        controller.changed.connect(self._changed)
        self._session(controller.session)

    def _session(self, session: AccountSession | None) -> None:
        self.creator = session is not None and session.account.role is Role.CREATOR
        self.run()

    def _changed(self, changed: Changed) -> None:
        if changed.touches(WATCHED):
            self.run()

    def run(self) -> None:
        if self.creator:
            self.controller.reader.background(keep, self._done)

    def _done(self, added: Any) -> None:
        self.kept += int(added)
