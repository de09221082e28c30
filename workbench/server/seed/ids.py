"""Deterministic ids and timestamps for demo rows.

Real rows get random UUIDv7 ids (``core.ids.uuid7``); demo rows must come out the same for the
same seed, so here the UUIDv7 layout is filled from the row's own timestamp plus bits of the
seeder's ``random.Random``. Seeded timestamps are whole seconds, which keeps their wire spelling
(pydantic's ``...T03:04:05Z``) and their SQLite spelling simple and fixed.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from workbench.core.ids import uuid7_from


def uuid7_at(at: datetime, rng: random.Random) -> str:
    """A UUIDv7 (RFC 9562 layout) whose time part is ``at`` and random part comes from ``rng``."""
    ms = int(at.timestamp()) * 1000 + at.microsecond // 1000
    bits = rng.getrandbits(74)
    return uuid7_from(ms, bits >> 62, bits)


def whole_seconds(at: datetime) -> datetime:
    """``at`` in UTC without its microseconds."""
    return at.astimezone(UTC).replace(microsecond=0)


def start_of_day(at: datetime) -> datetime:
    """Midnight UTC of ``at``'s day."""
    return at.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def wire_time(at: datetime) -> str:
    """How ``model_dump(mode="json")`` spells a UTC datetime."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def sqlite_time(at: datetime) -> str:
    """How SQLAlchemy stores a UTC datetime in SQLite (the string compares in time order)."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def random_between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A whole-second time in ``[start, end)``."""
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=int(rng.random() * max(span, 1)))


class SqliteTimeTable:
    """Whole-second epoch times to SQLite strings quickly, for the million-row product insert.

    ``time.strftime`` costs about a microsecond a row here; three table look-ups cost half that.
    """

    def __init__(self, first_day: datetime, days: int) -> None:
        first = start_of_day(first_day)
        self.first_epoch = int(first.timestamp())
        self.days = [(first + timedelta(days=d)).strftime("%Y-%m-%d ") for d in range(days)]
        self.hours_minutes = [f"{h:02d}:{m:02d}:" for h in range(24) for m in range(60)]
        self.seconds = [f"{s:02d}.000000" for s in range(60)]

    def text(self, epoch: int) -> str:
        day, rest = divmod(epoch - self.first_epoch, 86_400)
        minute, second = divmod(rest, 60)
        return self.days[day] + self.hours_minutes[minute] + self.seconds[second]
