"""an application's withdrawal time

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

- ``application.withdrawn_at``: when the creator withdrew it, the last step of the application's
  timeline on the creator's Plans page (``decided_at`` stays the merchant's decision). Rows
  withdrawn before this revision keep NULL: the timeline shows the step without a time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import workbench.server.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "withdrawn_at", workbench.server.types.UTCDateTime(timezone=True), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_at")
