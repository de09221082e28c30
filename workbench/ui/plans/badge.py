"""The count of invitations on the navigation rail's Plans entry (a creator's).

Read on the reader's background lane after the account opens and whenever a change touches
plans or applications; the window shows it beside the page's title.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from workbench.core.enums import Role
from workbench.store import plans as store

if TYPE_CHECKING:
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

WATCHED = ("plan", "application")


class InvitationBadge(QObject):
    """Calls ``show(count)`` with the open creator's invitation count (0 for a merchant)."""

    def __init__(self, controller: SyncController, show: Callable[[int], None]) -> None:
        super().__init__(controller)
        self.controller = controller
        self.show = show
        self.creator = False
        controller.sessionChanged.connect(self._session)
        controller.changed.connect(self._changed)
        self._session(controller.session)

    def _session(self, session: AccountSession | None) -> None:
        self.creator = session is not None and session.account.role is Role.CREATOR
        self.show(0)
        self.refresh()

    def _changed(self, changed: Changed) -> None:
        if changed.touches(WATCHED):
            self.refresh()

    def refresh(self) -> None:
        if self.creator:
            self.controller.reader.background(store.invitation_count, self.show)
