"""a plan's commission cut under notice

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

- ``plan.pending_rate_ppm`` / ``plan.pending_at``: a lowered rate waits out the notice period
  (``handlers/plans.py``) and takes effect at ``pending_at`` (``server/due.py``); indexed so the
  due step finds what is due without reading every plan.
- ``ix_listing_product``: whether anyone lists a plan's product, asked by every cut.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import workbench.server.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_rate_ppm", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "pending_at", workbench.server.types.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.create_index("ix_plan_pending_at", ["pending_at"], unique=False)
    with op.batch_alter_table("listing", schema=None) as batch_op:
        batch_op.create_index("ix_listing_product", ["product_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("listing", schema=None) as batch_op:
        batch_op.drop_index("ix_listing_product")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_index("ix_plan_pending_at")
        batch_op.drop_column("pending_at")
        batch_op.drop_column("pending_rate_ppm")
