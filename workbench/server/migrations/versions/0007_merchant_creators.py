"""merchant_creator: the creators a merchant deals with, whose profiles its feed carries

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

- ``merchant_creator`` (merchant, creator, since): a creator applied to one of the merchant's
  plans, asked for a sample of its products, is named on one of its plans, or sold its products
  (``server/creator_links.py``). Existing databases are filled from those rows, earliest first.
- Each relation's creator profile (``CreatorOut``: id, display name, identity, version) is
  appended to the merchant's change feed, so caches already synced learn the names on their
  next pull, as a new relation would send them.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import workbench.server.types
from workbench.server.types import utcnow

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_RELATIONS = """
INSERT INTO merchant_creator (merchant_id, creator_id, since)
SELECT merchant_id, creator_id, min(at) FROM (
    SELECT merchant_id, creator_id, created_at AS at FROM application
    UNION ALL SELECT merchant_id, creator_id, created_at FROM sample
    UNION ALL SELECT merchant_id, creator_id, created_at FROM order_ WHERE creator_id IS NOT NULL
    UNION ALL SELECT p.merchant_id, pc.creator_id, p.created_at
        FROM plan_creator pc JOIN plan p ON p.id = pc.plan_id
) AS dealt GROUP BY merchant_id, creator_id
"""
_PROFILES = """
SELECT mc.merchant_id, a.id, a.display_name, a.identity, a.version
FROM merchant_creator mc JOIN account a ON a.id = mc.creator_id
ORDER BY mc.merchant_id, a.id
"""


def upgrade() -> None:
    op.create_table(
        "merchant_creator",
        sa.Column("merchant_id", sa.String(length=36), nullable=False),
        sa.Column("creator_id", sa.String(length=36), nullable=False),
        sa.Column("since", workbench.server.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["creator_id"], ["account.id"]),
        sa.ForeignKeyConstraint(["merchant_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("merchant_id", "creator_id"),
    )
    with op.batch_alter_table("merchant_creator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_merchant_creator_creator_id"), ["creator_id"], unique=False
        )
    _backfill()


def _backfill() -> None:
    op.execute(_RELATIONS)
    log = sa.table(
        "change_log",
        sa.column("audience", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("version", sa.BigInteger),
        sa.column("op", sa.String),
        sa.column("data", sa.JSON),
        sa.column("created_at", workbench.server.types.UTCDateTime(timezone=True)),
    )
    now = utcnow()
    entries: list[dict[str, Any]] = [
        {
            "audience": f"acct:{merchant_id}",
            "entity": "creator",
            "entity_id": creator_id,
            "version": version,
            "op": "upsert",
            "data": {
                "id": creator_id,
                "display_name": name,
                "identity": identity,
                "version": version,
            },
            "created_at": now,
        }
        for merchant_id, creator_id, name, identity, version in op.get_bind().execute(
            sa.text(_PROFILES)
        )
    ]
    if entries:
        op.bulk_insert(log, entries)


def downgrade() -> None:
    op.execute("DELETE FROM change_log WHERE entity = 'creator'")
    with op.batch_alter_table("merchant_creator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_merchant_creator_creator_id"))
    op.drop_table("merchant_creator")
