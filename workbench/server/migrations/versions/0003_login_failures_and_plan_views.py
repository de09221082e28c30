"""login failures; named creators' plan entries cut to their own terms

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

- ``login_failure``: failed logins in a row per login name and the lock they earned
  (``workbench.server.login``).
- The demo seeder used to log every targeted plan to each named creator with every named
  creator's terms. This rewrites those entries in place to the view ``changes.log_entries``
  gives (only the reader's own terms), so a database seeded before stops leaking them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import workbench.server.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failure",
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column(
            "last_failed_at", workbench.server.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("locked_until", workbench.server.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("login"),
    )
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.create_index(
            "ix_login_failure_last_failed_at", ["last_failed_at"], unique=False
        )
    _cut_plan_views()


def _cut_plan_views() -> None:
    log = sa.table(
        "change_log",
        sa.column("seq", sa.BigInteger()),
        sa.column("audience", sa.String()),
        sa.column("entity", sa.String()),
        sa.column("data", sa.JSON()),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(log.c.seq, log.c.audience, log.c.data).where(
            log.c.entity == "plan", log.c.audience.like("acct:%"), log.c.data.is_not(None)
        )
    )
    fixed = []
    for seq, audience, data in rows:
        reader = audience.removeprefix("acct:")
        creators = data.get("creators") or []
        if reader == data.get("merchant_id"):
            continue
        own = [c for c in creators if c.get("creator_id") == reader]
        if own != creators:
            fixed.append({"key": seq, "data": {**data, "creators": own}})
    if fixed:
        conn.execute(
            log.update().where(log.c.seq == sa.bindparam("key")).values(data=sa.bindparam("data")),
            fixed,
        )


def downgrade() -> None:
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failure_last_failed_at")
    op.drop_table("login_failure")
