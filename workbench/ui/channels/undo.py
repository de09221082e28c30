"""The listings' undo stack: intents of the last edits, newest last (``Ctrl+Z`` takes one).

An entry is what ``store.listing_edits`` returned for an edit (an :class:`Intent`) with the
words that name it; undoing it queues new outbox edits (``listing_edits.undo``), so an undo
works offline and after the edit was pushed. The stack belongs to one account and is emptied
when another account opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.store.listing_edits import Intent

DEPTH = 30


@dataclass(frozen=True)
class Entry:
    intent: Intent
    label: str  # what the edit was, in words ("Moved 3 listings to …")


class UndoStack:
    def __init__(self) -> None:
        self._entries: list[Entry] = []

    def push(self, intent: Intent, label: str) -> None:
        if intent.count:
            self._entries.append(Entry(intent, label))
            del self._entries[:-DEPTH]

    def pop(self) -> Entry | None:
        return self._entries.pop() if self._entries else None

    def peek(self) -> Entry | None:
        return self._entries[-1] if self._entries else None

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
