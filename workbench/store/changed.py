"""What a write changed, so views refresh only that (Anki's ``OpChanges`` in small).

Every store write returns a :class:`Changed`: the ids of the visible rows it changed, per entity
(``product``, ``listing``, ``channel`` …), whether the catalogue was swapped whole, and its
``cause`` (``sync``, ``edit``, or the page that made the edit). The sync engine adds up the
changes of a whole run; the UI hands the result to every page, and a page re-reads only what it
shows of those rows. An empty ``Changed`` (a sync that found nothing new) refreshes nothing.

It is its own module so that ``cache`` and the write modules (``records``, ``outbox``,
``catalog``) can all return it without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

SYNC = "sync"
EDIT = "edit"

CATALOGUE = frozenset({"product", "category", "shop"})
"""Entities of the catalogue (the server's, never edited here)."""


@dataclass
class Changed:
    """Ids of changed rows per entity, a whole-catalogue swap flag, and who caused it."""

    rows: dict[str, set[str]] = field(default_factory=dict)
    catalog_reloaded: bool = False
    cause: str = SYNC
    reloaded: set[str] = field(default_factory=set)  # account entities loaded whole (snapshot)

    def add(self, entity: str, row_id: str) -> None:
        self.rows.setdefault(entity, set()).add(row_id)

    def merge(self, other: Changed) -> Changed:
        for entity, ids in other.rows.items():
            self.rows.setdefault(entity, set()).update(ids)
        self.catalog_reloaded |= other.catalog_reloaded
        self.reloaded |= other.reloaded
        return self

    def ids(self, entity: str) -> set[str]:
        """The changed ids of ``entity`` (empty when none changed)."""
        return self.rows.get(entity, set())

    def touches(self, entities: Iterable[str]) -> bool:
        """Whether any row of these entities changed (a catalogue swap touches all of them)."""
        wanted = set(entities)
        if self.catalog_reloaded and wanted & CATALOGUE:
            return True
        return bool(wanted & self.reloaded) or any(self.rows.get(e) for e in wanted)

    def __bool__(self) -> bool:
        return bool(self.rows) or self.catalog_reloaded or bool(self.reloaded)
