"""order lines name their channel, category, plan, refund time; orders their payment time;
settlement lines

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

- ``order_line.channel_id``: the creator's channel that sold the line (``channel_kind`` stays);
  ``category_id`` (level 3) and ``plan_id`` (the plan whose terms applied) for the analytics;
  ``refunded_at`` for the reconciliation (a refund after settlement). ``order_.paid_at``.
  Existing rows are filled where the database knows: the category from the product, the
  channel as the creator's first channel of the line's kind, the payment time as the order's.
- ``settlement_line``: what was paid per order line and when.
- Keyset indexes of the account's order snapshot: ``order_ (creator_id, id)``, ``(merchant_id, id)``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import workbench.server.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settlement_line",
        sa.Column("id", sa.String(length=48), nullable=False),
        sa.Column("order_line_id", sa.String(length=40), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("creator_id", sa.String(length=36), nullable=False),
        sa.Column("merchant_id", sa.String(length=36), nullable=False),
        sa.Column("settled_at", workbench.server.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("base_fen", sa.BigInteger(), nullable=False),
        sa.Column("rate_ppm", sa.Integer(), nullable=False),
        sa.Column("commission_fen", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["creator_id"],
            ["account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["merchant_id"],
            ["account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("settlement_line", schema=None) as batch_op:
        batch_op.create_index("ix_settlement_line_creator_id", ["creator_id", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_settlement_line_order_line_id"), ["order_line_id"], unique=False
        )

    with op.batch_alter_table("order_", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("paid_at", workbench.server.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index("ix_order_creator_id", ["creator_id", "id"], unique=False)
        batch_op.create_index("ix_order_merchant_id", ["merchant_id", "id"], unique=False)

    with op.batch_alter_table("order_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("category_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("plan_id", sa.String(length=36), nullable=True))
        batch_op.add_column(
            sa.Column(
                "refunded_at", workbench.server.types.UTCDateTime(timezone=True), nullable=True
            )
        )

    _backfill()


def _backfill() -> None:
    op.execute(
        "UPDATE order_line SET category_id = "
        "(SELECT p.category3_id FROM product p WHERE p.id = order_line.product_id)"
    )
    op.execute(
        "UPDATE order_line SET channel_id = (SELECT min(c.id) FROM channel c JOIN order_ o "
        "ON o.creator_id = c.creator_id WHERE o.id = order_line.order_id "
        "AND c.kind = order_line.channel_kind) WHERE channel_kind IS NOT NULL"
    )
    op.execute("UPDATE order_ SET paid_at = created_at WHERE status <> 10")


def downgrade() -> None:
    with op.batch_alter_table("order_line", schema=None) as batch_op:
        batch_op.drop_column("refunded_at")
        batch_op.drop_column("plan_id")
        batch_op.drop_column("category_id")
        batch_op.drop_column("channel_id")

    with op.batch_alter_table("order_", schema=None) as batch_op:
        batch_op.drop_index("ix_order_merchant_id")
        batch_op.drop_index("ix_order_creator_id")
        batch_op.drop_column("paid_at")

    with op.batch_alter_table("settlement_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_settlement_line_order_line_id"))
        batch_op.drop_index("ix_settlement_line_creator_id")

    op.drop_table("settlement_line")
