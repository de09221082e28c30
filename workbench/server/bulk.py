"""Appending many rows to one table at once: PostgreSQL's ``COPY``, or a Core executemany.

A big mutation batch appends hundreds of rows to the change log and as many stored results;
as one ``INSERT … VALUES`` of thousands of parameters PostgreSQL spends most of the batch's time
parsing and planning it (1,000 change-log entries: 140-220 ms wall against 30 ms by ``COPY``).
``COPY … FROM STDIN`` streams the rows instead, in order (a ``seq`` default is drawn row after
row, as the INSERT drew it), in the session's own transaction. Each value goes through its
column type's bind processing first, exactly as the executemany would send it (a JSON column's
serializer, ``UTCDateTime``'s check). Few rows, and SQLite, keep the executemany: a COPY costs a
round trip more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

COPY_FROM = 64
"""Rows from which PostgreSQL gets a ``COPY`` instead of an INSERT."""


def append_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts of the same keys) into ``table``, in order, in the session's
    transaction."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name != "postgresql" or len(rows) < COPY_FROM:
        session.execute(insert(table), rows)
        return
    keys = list(rows[0])
    processors = [table.c[key].type.bind_processor(dialect) for key in keys]
    names = ", ".join(dialect.identifier_preparer.quote(table.c[key].name) for key in keys)
    raw = conn.connection.driver_connection
    assert raw is not None
    with (
        raw.cursor() as cursor,
        cursor.copy(
            f"COPY {dialect.identifier_preparer.format_table(table)} ({names}) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(
                [
                    value if process is None else process(value)
                    for process, value in zip(processors, [row[key] for key in keys], strict=True)
                ]
            )
