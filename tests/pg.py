"""A private PostgreSQL database per test run, on the server at 127.0.0.1:5432.

``WORKBENCH_TEST_PG`` overrides the server URL (without a database name). Each run creates its own
database with a unique name and drops it at the end, so runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text

SERVER_URL = os.environ.get("WORKBENCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")


@contextmanager
def private_database(prefix: str = "wbtest", *, template: str | None = None) -> Iterator[str]:
    """Create a fresh database and yield its URL; drop it afterwards.

    With ``template`` (the URL of another private database, which nobody may be connected to),
    the new database starts as a copy of it: PostgreSQL copies the files, far quicker than
    seeding again.
    """
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    copy = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
    admin = create_engine(f"{SERVER_URL}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    except Exception as exc:
        admin.dispose()
        raise RuntimeError(
            f"PostgreSQL at {SERVER_URL} is required for the server suite "
            "(.ci/run starts one; set WORKBENCH_TEST_PG to use another)"
        ) from exc
    try:
        yield f"{SERVER_URL}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
