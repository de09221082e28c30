"""Model rows as plain dicts, written to their table in batches.

The seed builds each row as a ``dict`` keyed by column name (Python values: aware datetimes,
dicts for JSON), because the same dict also feeds the change-log entry. This module turns those
dicts into the driver's tuples, column by column, and hands them to the bulk writer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON

from workbench.server import models as m
from workbench.server.seed.bulk import BulkWriter
from workbench.server.types import UTCDateTime

_BATCH = 5_000


class TableWriter:
    """Buffers rows for one table and writes them ``_BATCH`` at a time."""

    def __init__(
        self,
        writer: BulkWriter,
        model: type[m.Base],
        *,
        exclude: Sequence[str] = (),
        parent: TableWriter | None = None,
    ) -> None:
        """``parent``: the table this one's foreign key points to, flushed first."""
        table = model.__table__
        self.name = str(model.__tablename__)
        self.columns = [c.key for c in table.columns if c.key not in exclude]
        self._convert: list[Callable[[Any], Any] | None] = []
        for key in self.columns:
            kind = table.columns[key].type
            if isinstance(kind, UTCDateTime):
                self._convert.append(writer.time)
            elif isinstance(kind, JSON):
                self._convert.append(writer.json)
            else:
                self._convert.append(None)
        self._writer = writer
        self._parent = parent
        self._pending: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, row: dict[str, Any]) -> None:
        """Queue a row given as ``{column: python value}`` (every column must be present)."""
        values = tuple(
            row[key] if convert is None else convert(row[key])
            for key, convert in zip(self.columns, self._convert, strict=True)
        )
        self.add_values(values)

    def add_values(self, values: tuple[Any, ...]) -> None:
        """Queue a row already in the driver's spelling, in ``self.columns`` order."""
        self._pending.append(values)
        if len(self._pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if self._parent is not None:
            self._parent.flush()
        if self._pending:
            self.count += self._writer.insert(self.name, self.columns, self._pending)
            self._pending = []
