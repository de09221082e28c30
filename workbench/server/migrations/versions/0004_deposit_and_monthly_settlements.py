"""a creator's deposit (保证金) with its ledger, and monthly settlements (结算)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

- ``deposit``: one per creator, its balance and the amount required now.
- ``deposit_entry``: the ledger (pay-in, top-up, deduction, refund), signed amounts in 分.
- ``settlement``: one row per creator and month: orders, GMV, commission earned and settled.

History the 视频号带货者 → 微信小店带货者 upgrade carries over whole. (The per-order-line
settlement rows of issue 11 are another table, ``settlement_line``.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import workbench.server.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = workbench.server.types.UTCDateTime(timezone=True)
    op.create_table(
        "deposit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("creator_id", sa.String(length=36), nullable=False),
        sa.Column("balance_fen", sa.BigInteger(), nullable=False),
        sa.Column("required_fen", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", utc, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["creator_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("creator_id"),
    )
    op.create_table(
        "deposit_entry",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("creator_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("balance_after_fen", sa.BigInteger(), nullable=False),
        sa.Column("at", utc, nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["creator_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("deposit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_deposit_entry_creator_at", ["creator_id", "at"], unique=False)
    op.create_table(
        "settlement",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("creator_id", sa.String(length=36), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("gmv_fen", sa.BigInteger(), nullable=False),
        sa.Column("earned_fen", sa.BigInteger(), nullable=False),
        sa.Column("settled_fen", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paid_at", utc, nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["creator_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("settlement", schema=None) as batch_op:
        batch_op.create_index("uq_settlement_creator_month", ["creator_id", "month"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("settlement", schema=None) as batch_op:
        batch_op.drop_index("uq_settlement_creator_month")
    op.drop_table("settlement")
    with op.batch_alter_table("deposit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_deposit_entry_creator_at")
    op.drop_table("deposit_entry")
    op.drop_table("deposit")
