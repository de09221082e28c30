"""The embedded default: the reference server in this process, with the demo dataset.

On first run the demo is seeded into the data directory's own server database; later runs reuse
it. The app and the command line both start it here, and both then use it over real HTTP.
This is the one module of the app that imports the server (``tests/test_layering.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from workbench.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from workbench.paths import embedded_server_database
from workbench.server import models as m
from workbench.server.config import ServerSettings
from workbench.server.db import Database
from workbench.server.embedded import EmbeddedServer
from workbench.server.migrate import upgrade
from workbench.server.seed.seeder import seed_database

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "EmbeddedServer", "start_embedded"]


def start_embedded(
    *, products: int = 20_000, port: int | None = None, say: Callable[[str], None] = lambda _t: None
) -> EmbeddedServer:
    """Seed (first run only) and start the embedded server; the caller stops it."""
    url = embedded_server_database()
    db = Database(url)
    try:
        upgrade(db.engine)
        with db.read() as session:
            seeded = bool(session.scalar(select(func.count()).select_from(m.Account)))
        if not seeded:
            say(f"First run: seeding the demo dataset ({products:,} products) …")
            summary = seed_database(db, products=products)
            say(f"  done in {summary.seconds:.1f} s")
    finally:
        db.dispose()
    return EmbeddedServer(ServerSettings(database_url=url), port=port).start()
