"""Schema migrations (Alembic), applied when the server starts.

A database stamped by a newer server version is refused with a clear message instead of being
touched. On PostgreSQL the upgrade holds an advisory lock, so workers starting together migrate
once.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 724_102


class SchemaTooNew(RuntimeError):
    """The database was written by a newer server than this one."""


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema this code knows."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    known = {rev.revision for rev in script.walk_revisions()}
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_heads()
        unknown = [rev for rev in current if rev not in known]
        if unknown:
            raise SchemaTooNew(
                f"the database has schema {unknown[0]}, newer than this server knows; "
                "upgrade the server instead of opening it with an older one"
            )
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def head() -> str:
    """The newest revision this code knows."""
    rev = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert rev is not None
    return rev
