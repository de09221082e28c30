"""Migration 0007 on an existing database: the merchant-creator relations and the creators'
profiles in merchants' feeds come out as the seeder makes them (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from workbench.server import models as m
from workbench.server.db import Database
from workbench.server.migrate import alembic_config, upgrade
from workbench.server.seed.seeder import seed_database

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _relations(db: Database) -> set[tuple[str, str, datetime]]:
    with db.read() as session:
        return {
            (r.merchant_id, r.creator_id, r.since)
            for r in session.scalars(select(m.MerchantCreator))
        }


def _profiles(db: Database) -> dict[tuple[str, str], dict[str, Any]]:
    """Each audience's newest profile of each creator, from the change log."""
    with db.read() as session:
        entries = session.scalars(
            select(m.ChangeLog).where(m.ChangeLog.entity == "creator").order_by(m.ChangeLog.seq)
        )
        return {(e.audience, e.entity_id): e.data or {} for e in entries}


def test_0007_backfills_relations_and_feed_entries(empty_database_url: str) -> None:
    db = Database(empty_database_url)
    try:
        seed_database(db, products=500, seed=3, now=NOW, orders_per_day=1)
        seeded, profiles = _relations(db), _profiles(db)
        assert len(seeded) > 20 and len(profiles) == len(seeded)
        config = alembic_config()
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0006")
        assert "merchant_creator" not in inspect(db.engine).get_table_names()
        assert _profiles(db) == {}
        upgrade(db.engine)
        assert _relations(db) == seeded
        assert _profiles(db) == profiles
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), m.Base.metadata) == []
    finally:
        db.dispose()
