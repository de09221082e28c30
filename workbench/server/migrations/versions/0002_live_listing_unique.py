"""a channel carries a product at most once: unique live listings

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

The database's own guarantee behind ``listing_exists``: at most one listing that is not deleted
per (channel, product). A partial unique index (SQLite and PostgreSQL both have them), so a
deleted listing never blocks placing the product again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "uq_listing_live_channel_product",
        "listing",
        ["channel_id", "product_id"],
        unique=True,
        sqlite_where=sa.text("NOT deleted"),
        postgresql_where=sa.text("NOT deleted"),
    )


def downgrade() -> None:
    op.drop_index("uq_listing_live_channel_product", table_name="listing")
