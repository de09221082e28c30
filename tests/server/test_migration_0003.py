"""Migration 0003: the login_failure table, and seeded plan entries cut to each reader's terms."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select

from workbench.server import models as m
from workbench.server.db import Database
from workbench.server.migrate import alembic_config, upgrade

AT = datetime(2026, 3, 1, tzinfo=UTC)


def _plan(creators: list[str]) -> dict[str, object]:
    return {
        "id": "plan-1",
        "merchant_id": "m1",
        "creators": [{"creator_id": c, "rate_ppm": 100_000 + i} for i, c in enumerate(creators)],
    }


def test_0003_cuts_leaked_plan_entries_and_matches_the_models(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    leaked = _plan(["c1", "c2"])
    rows = [
        ("acct:m1", leaked),  # the merchant sees every named creator
        ("acct:c1", leaked),  # the seed's leak: c1 saw c2's rate
        ("acct:c2", leaked),
        ("creators", _plan([])),  # a general plan
    ]
    with db.engine.begin() as conn:
        conn.execute(
            insert(m.ChangeLog),
            [
                {
                    "audience": audience,
                    "entity": "plan",
                    "entity_id": "plan-1",
                    "version": 1,
                    "op": "upsert",
                    "data": data,
                    "created_at": AT,
                }
                for audience, data in rows
            ],
        )
    upgrade(db.engine)
    with db.read() as session:
        seen = {
            e.audience: [c["creator_id"] for c in e.data["creators"]]
            for e in session.scalars(select(m.ChangeLog))
        }
        assert seen == {
            "acct:m1": ["c1", "c2"],
            "acct:c1": ["c1"],
            "acct:c2": ["c2"],
            "creators": [],
        }
        session.add(m.LoginFailure(login="x", failures=1, last_failed_at=AT))
        session.flush()
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), m.Base.metadata) == []
    db.dispose()
