"""``workbench-server``: serve the API, seed demo data, compact the change log.

workbench-server serve --database URL --host H --port P [--workers N] [--trusted-proxy IP] [--faults]
    [--access-log]
workbench-server seed  --database URL [--products N] [--seed S]
workbench-server compact --database URL [--retention-days D]
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from datetime import timedelta

DEFAULT_DATABASE = "sqlite:///workbench-server.sqlite3"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workbench-server", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the API")
    serve.add_argument(
        "--database",
        default=DEFAULT_DATABASE,
        help="SQLAlchemy URL (sqlite:///… or postgresql+psycopg://…)",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    serve.add_argument("--access-ttl", type=int, default=900, help="access token lifetime, seconds")
    serve.add_argument("--rate", type=float, default=50.0, help="requests per second per account")
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="IP",
        type=_proxy,
        help="a proxy (address or network) whose X-Forwarded-For is believed; repeatable; "
        "default none: the client address is always the connection's",
    )
    serve.add_argument("--faults", action="store_true", help="enable fault injection (tests only)")
    serve.add_argument(
        "--access-log",
        action="store_true",
        help="log every request (off by default: at hundreds of requests a second the log "
        "lines cost more CPU than an idle pull)",
    )

    seed = sub.add_parser("seed", help="fill an empty database with the demo dataset")
    seed.add_argument("--database", default=DEFAULT_DATABASE)
    seed.add_argument("--products", type=int, default=20_000, help="catalogue size (≥ 500)")
    seed.add_argument("--seed", type=int, default=42)
    seed.add_argument(
        "--plans", type=int, default=0, help="extra (ended) plans of merchant_demo, for benchmarks"
    )
    seed.add_argument(
        "--applications",
        type=int,
        default=None,
        help="applications of other creators to merchant_demo (default 36, all pending)",
    )
    seed.add_argument(
        "--samples", type=int, default=None, help="sample requests to merchant_demo (default 24)"
    )

    compact = sub.add_parser(
        "compact", help="drop superseded change-log entries and old tombstones"
    )
    compact.add_argument("--database", default=DEFAULT_DATABASE)
    compact.add_argument("--retention-days", type=int, default=90)

    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "serve":
        return _serve(args)
    if args.command == "seed":
        return _seed(args)
    return _compact(args)


def _proxy(value: str) -> str:
    """An address or network (``10.0.0.0/8``) for ``--trusted-proxy``."""
    import ipaddress

    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an IP address or network: {value!r}") from exc
    return value


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from workbench.server.db import Database
    from workbench.server.migrate import upgrade

    upgrade(Database(args.database).engine)  # once, before workers start
    os.environ["WORKBENCH_SERVER_DATABASE"] = args.database
    os.environ["WORKBENCH_SERVER_ACCESS_TTL"] = str(args.access_ttl)
    os.environ["WORKBENCH_SERVER_RATE"] = str(args.rate)
    os.environ["WORKBENCH_SERVER_FAULTS"] = "1" if args.faults else ""
    os.environ["WORKBENCH_SERVER_TRUSTED_PROXIES"] = ",".join(args.trusted_proxy)
    # glibc gives each thread that allocates its own arena (up to 8 per core) and keeps their
    # peaks: with a 40-thread pool per worker that is hundreds of MB per worker after a burst
    # of large feed pages. Two arenas cost no measurable speed here. Read by each worker at start.
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    print(
        f"Shop Workbench server on http://{args.host}:{args.port} ({args.database.split('://')[0]})",
        flush=True,
    )
    uvicorn.run(
        "workbench.server.cli:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
        proxy_headers=False,  # the app believes X-Forwarded-For only from --trusted-proxy
        access_log=args.access_log,
        # uvicorn's defaults: httptools and uvloop when installed (the ``server`` extra), else
        # h11 and asyncio.
    )
    return 0


def app_from_env():  # type: ignore[no-untyped-def]
    """The app factory uvicorn workers call (settings come through the environment)."""
    from workbench.server.app import create_app
    from workbench.server.config import FaultSettings, ServerSettings

    settings = ServerSettings(
        database_url=os.environ.get("WORKBENCH_SERVER_DATABASE", DEFAULT_DATABASE),
        access_ttl_seconds=int(os.environ.get("WORKBENCH_SERVER_ACCESS_TTL", "900")),
        rate_limit_per_second=float(os.environ.get("WORKBENCH_SERVER_RATE", "50")),
        faults=FaultSettings(enabled=bool(os.environ.get("WORKBENCH_SERVER_FAULTS"))),
        trusted_proxies=tuple(
            p for p in os.environ.get("WORKBENCH_SERVER_TRUSTED_PROXIES", "").split(",") if p
        ),
    )
    app = create_app(settings)
    # Everything made so far (modules, the app, the ORM's mappers and the contract's models:
    # most of a worker's objects) lives as long as the process: out of the collector's sight,
    # so that a full collection no longer walks them all while every request of the worker
    # waits (200-400 ms each under load, the push's and the pull's p99).
    gc.collect()
    gc.freeze()
    return app


def _seed(args: argparse.Namespace) -> int:
    from workbench.server.db import Database
    from workbench.server.seed.seeder import ReviewSizes, seed_database
    from workbench.server.seed.workflow import REVIEW_APPLICATIONS, REVIEW_SAMPLES

    db = Database(args.database)
    try:
        sizes = ReviewSizes(
            applications=REVIEW_APPLICATIONS if args.applications is None else args.applications,
            samples=REVIEW_SAMPLES if args.samples is None else args.samples,
            plans=args.plans,
        )
        if min(sizes.applications, sizes.samples, sizes.plans) < 0:
            raise ValueError("sizes must not be negative")
        summary = seed_database(db, products=args.products, seed=args.seed, sizes=sizes)
    except (RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(
        f"seeded {summary.products:,} products, {summary.orders:,} orders, "
        f"{summary.plans:,} plans, {summary.applications:,} applications "
        f"in {summary.seconds:.1f} s "
        f"({summary.products / max(summary.seconds, 1e-9):,.0f} products/s)"
    )
    return 0


def _compact(args: argparse.Namespace) -> int:
    from workbench.server.changes import compact
    from workbench.server.db import Database

    db = Database(args.database)
    with db.write() as session:
        gone = compact(session, timedelta(days=args.retention_days))
    db.dispose()
    print(f"compacted: {gone} change-log entries dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
