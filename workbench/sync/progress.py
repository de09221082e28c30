"""Progress and outcome of a sync, as plain data the UI (or the CLI) can show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.store.changed import Changed

INDEXING = "indexing"
"""The phase that builds the keyword index after a snapshot: done/total in products (the
catalogue is usable meanwhile; keyword search is slower until it ends)."""


@dataclass(frozen=True)
class Progress:
    """One step of a sync: ``phase`` is push / orders / pull:account / snapshot / indexing /
    pull:catalog."""

    phase: str
    done: int
    total: int | None = None


ProgressSink = Callable[[Progress], None]


@dataclass
class SyncSummary:
    """What one full sync did."""

    pushed: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: dict[str, int] = field(default_factory=dict)
    snapshot_rows: int = 0
    order_rows: int = 0  # order lines loaded from the account's order snapshot
    indexed: int = 0  # products added to the keyword index
    resets: list[str] = field(default_factory=list)
    seconds: float = 0.0
    changed: Changed = field(default_factory=Changed)  # every visible row the sync changed

    def line(self) -> str:
        pulled = ", ".join(f"{scope} {n}" for scope, n in self.pulled.items()) or "nothing"
        text = (
            f"pushed {self.pushed} edit(s) ({self.applied} applied, {self.conflicts} conflict(s), "
            f"{self.rejected} rejected); pulled {pulled}"
        )
        if self.snapshot_rows:
            text += f"; catalogue snapshot {self.snapshot_rows:,} products"
        if self.indexed:
            text += f"; keyword index {self.indexed:,} products"
        if self.resets:
            text += f"; re-downloaded {', '.join(self.resets)}"
        return text + f" in {self.seconds:.1f} s"
