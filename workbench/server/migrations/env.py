"""Alembic environment: runs on the connection the server hands over (never a URL of its own)."""

from __future__ import annotations

from alembic import context

from workbench.server.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a stray `alembic` CLI call
    raise RuntimeError("run migrations through workbench.server.migrate.upgrade")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
