"""``workbench``: the desktop app's command line.

Until the desktop shell lands, ``workbench`` starts the embedded default: the reference server
on 127.0.0.1 with its own SQLite file in the data directory, seeded with the demo dataset on the
first run, and prints where it listens and how to log in.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from sqlalchemy import func, select


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workbench", description="Shop Workbench (小店工作台)")
    parser.add_argument(
        "--port", type=int, default=0, help="port of the embedded server (0: any free one)"
    )
    parser.add_argument(
        "--products", type=int, default=20_000, help="demo catalogue size on first run"
    )
    parser.add_argument(
        "--once", action="store_true", help="start, print the address, and stop (for scripts)"
    )
    args = parser.parse_args(argv)
    return run_embedded(port=args.port, products=args.products, once=args.once)


def _at_least(low: int):  # type: ignore[no-untyped-def]
    def parse(text: str) -> int:
        value = int(text)
        if value < low:
            raise argparse.ArgumentTypeError(f"at least {low}")
        return value

    return parse


def run_embedded(*, port: int, products: int, once: bool) -> int:
    from workbench.paths import data_dir, embedded_server_database
    from workbench.server import models as m
    from workbench.server.config import ServerSettings
    from workbench.server.db import Database
    from workbench.server.embedded import EmbeddedServer
    from workbench.server.migrate import upgrade
    from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD, seed_database

    url = embedded_server_database()
    db = Database(url)
    upgrade(db.engine)
    with db.read() as session:
        seeded = bool(session.scalar(select(func.count()).select_from(m.Account)))
    if not seeded:
        print(
            f"First run: seeding the demo dataset ({products:,} products) into {data_dir()} …",
            flush=True,
        )
        summary = seed_database(db, products=products)
        print(f"  done in {summary.seconds:.1f} s", flush=True)
    db.dispose()

    server = EmbeddedServer(ServerSettings(database_url=url), port=port or None).start()
    print(f"Shop Workbench embedded server: {server.url}", flush=True)
    print(
        f"  demo logins (password {DEMO_PASSWORD}): " + ", ".join(DEMO_LOGINS.values()), flush=True
    )
    print(f"  API documentation: {server.url}/docs", flush=True)
    if once:
        server.stop()
        return 0
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("Press Ctrl+C to stop.", flush=True)
    stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
