"""A plan's commission history on one line (佣金历史): every rate this computer has seen for the
selected plan, oldest first, a cut under notice with the date it takes effect.

It reads ``store/plans.commission_history`` (the ``commission_history`` rows the sync keeps for
every plan rate it sees: raises, cuts under notice and cuts in force alike) on the reader's
interactive lane when the Plans page's selection changes, and again after a change of plans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from workbench.store import plans as store
from workbench.ui.plans.alerts import when
from workbench.ui.selection.columns import percent
from workbench.ui.widgets import Retranslating

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.ui.sync_controller import SyncController


class RateHistoryLine(Retranslating, QLabel):
    """ "Rate history: 48 % (seen …) → 47 % from … (announced …)" for one plan."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planRateHistory")
        self.setWordWrap(True)
        self.controller = controller
        self.plan_id: str | None = None
        self.history: list[store.RateSeen] = []
        controller.changed.connect(self._changed)
        self.retranslate()

    def show_plan(self, plan_id: str | None) -> None:
        if plan_id == self.plan_id:
            return
        self.plan_id, self.history = plan_id, []
        self.retranslate()
        self._read()

    def _changed(self, changed: Changed) -> None:
        if self.plan_id is not None and self.plan_id in changed.ids("plan"):
            self._read()

    def _read(self) -> None:
        wanted = self.plan_id
        if wanted is None:
            return

        def read(cache: Cache) -> list[store.RateSeen]:
            return store.commission_history(cache, wanted)

        def done(found: Any) -> None:
            if isValid(self) and self.plan_id == wanted:
                self.history = list(found)
                self.retranslate()

        self.controller.reader.interactive(read, done)

    def retranslate(self) -> None:
        if self.plan_id is None:
            self.setText(self.tr("Select a plan to see its commission history."))
            return
        steps = []
        for seen in self.history:
            if seen.effective_at is None:
                steps.append(
                    self.tr("%1 (seen %2)")
                    .replace("%1", percent(seen.rate_ppm))
                    .replace("%2", when(seen.seen_at))
                )
            else:
                steps.append(
                    self.tr("%1 from %2 (announced %3)")
                    .replace("%1", percent(seen.rate_ppm))
                    .replace("%2", when(seen.effective_at))
                    .replace("%3", when(seen.seen_at))
                )
        self.setText(self.tr("Commission history: %1").replace("%1", " → ".join(steps) or "—"))
