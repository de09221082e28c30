"""``workbench``: the desktop app's command line.

    workbench                    the desktop app (on the embedded demo server unless set otherwise)
    workbench --version          the version (the installed package's metadata)
    workbench --smoke-test       start, sync a small demo, build the window, exit 0 (or the reason)
    workbench serve              only the embedded demo server, until Ctrl+C (no window)
    workbench sync   [--server URL] [--account LOGIN] [--password-stdin]
    workbench status [--server URL] [--account LOGIN]

``sync`` and ``status`` stop with exit code 5 and say so when the app has the account open (its
cache is locked by the app while it runs; see ``workbench.store.file_lock``).

Without ``--server`` the commands use the embedded default and its demo creator. With one, the
password comes from ``--password-stdin`` or ``WORKBENCH_PASSWORD``, else the refresh token kept
in the OS keychain by an earlier login is used.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sqlite3
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from workbench.demo import EmbeddedServer
    from workbench.sync.progress import Progress
    from workbench.sync.session import AccountSession

EXIT_USAGE = 2  # as argparse exits on a usage error
EXIT_AUTH = 2
EXIT_NETWORK = 3
EXIT_CACHE = 4  # the cache is damaged (status) or the disk is full: see the message
EXIT_BUSY = 5  # the account's cache is open in another process (the app)


def main(argv: list[str] | None = None) -> int:
    import workbench

    parser = argparse.ArgumentParser(prog="workbench", description="Shop Workbench (小店工作台)")
    parser.add_argument(
        "--version", action="version", version=f"Shop Workbench {workbench.__version__}"
    )
    parser.add_argument(
        "--port", type=int, default=0, help="port of the embedded server (0: any free one)"
    )
    parser.add_argument(
        "--products", type=_at_least(500), default=20_000, help="demo catalogue size on first run"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    parser.add_argument(
        "--smoke-test", action="store_true", help="start, sync a small demo, build the window, exit"
    )
    parser.add_argument("--server", help="log in to this server instead of the embedded demo")
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="run only the embedded demo server (no window)")
    serve.add_argument("--once", action="store_true", help="start, print the address, and stop")
    for name, text in (("sync", "run one full sync and print a summary"),
                       ("status", "print pending edits, conflicts and last sync per scope")):  # fmt: skip
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--server", help="server URL (default: the embedded demo server)")
        cmd.add_argument("--account", help="login name (default on the demo: creator_demo)")
        cmd.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )
    args = parser.parse_args(argv)
    if args.server:
        from workbench.client.urls import check_server_url

        try:
            check_server_url(args.server)
        except ValueError as exc:  # InsecureServer too: refused before anything connects
            print(f"workbench: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command in ("sync", "status"):
        from workbench.store.file_lock import CacheInUse

        try:
            return _sync(args) if args.command == "sync" else _status(args)
        except CacheInUse as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_BUSY
    if args.command == "serve":
        return _serve_embedded(port=args.port, products=args.products, once=args.once)
    from workbench.ui.app import run_app

    return run_app(sys.argv[:1], smoke_test=args.smoke_test, server=args.server)


def _at_least(low: int):  # type: ignore[no-untyped-def]
    def parse(text: str) -> int:
        value = int(text)
        if value < low:
            raise argparse.ArgumentTypeError(f"at least {low}")
        return value

    return parse


def _serve_embedded(*, port: int, products: int, once: bool) -> int:
    from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD, start_embedded
    from workbench.paths import data_dir

    print(f"Data directory: {data_dir()}", flush=True)
    server = start_embedded(
        products=products, port=port or None, say=lambda t: print(t, flush=True)
    )
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


def _sync(args: argparse.Namespace) -> int:
    from workbench.client.errors import ApiError, AuthRequired, NetworkError
    from workbench.store.damage import CacheDamaged, DiskFull, is_damage

    try:
        with _Opened(args) as opened:
            session = opened.session
            if not session.keychain:
                print("note: no system keychain here; you will be asked to log in at each start "
                      "(the token is never written to a file)", file=sys.stderr)  # fmt: skip
            if session.recovery is not None:
                print(f"note: {session.recovery.line()}", file=sys.stderr)
            engine = session.engine(progress=_progress_printer() if args.verbose else None)
            summary = engine.run()
            print(f"{session.account.login}: {summary.line()}")
            _print_status(session.cache.status())
            return 0
    except AuthRequired as exc:
        print(
            f"login needed: {exc.detail or exc.code} (edits made offline are kept)", file=sys.stderr
        )
        return EXIT_AUTH
    except NetworkError as exc:
        print(f"offline: the server cannot be reached ({exc}); edits are kept", file=sys.stderr)
        return EXIT_NETWORK
    except ApiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (CacheDamaged, DiskFull) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CACHE
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        print(f"error: the cache is damaged ({exc}); sync again to rebuild it", file=sys.stderr)
        return EXIT_CACHE


def _status(args: argparse.Namespace) -> int:
    from workbench.client.urls import server_id
    from workbench.store.damage import CacheDamaged
    from workbench.store.paths import cache_path
    from workbench.store.recovery import open_checked
    from workbench.sync.session import EMBEDDED

    login = args.account or ("creator_demo" if not args.server else None)
    if login is None:
        print("error: --account is required with --server", file=sys.stderr)
        return 1
    path = cache_path(server_id(args.server) if args.server else EMBEDDED, login)
    if not path.exists():
        print(f"{login}: no cache yet (run `workbench sync` first)")
        return 0
    try:
        cache = open_checked(path)
    except CacheDamaged as exc:
        print(f"error: {exc}; `workbench sync` moves it aside and rebuilds it from the server, "
              "keeping the pending edits it can still read", file=sys.stderr)  # fmt: skip
        return EXIT_CACHE
    with cache:
        print(f"{login} ({path})")
        _print_status(cache.status())
    return 0


def _print_status(status: dict[str, object]) -> None:
    print(f"  pending edits: {status['pending']}")
    print(f"  open conflicts: {status['conflicts']}")
    print(f"  products cached: {status['products']:,}")
    scopes = status["scopes"]
    assert isinstance(scopes, dict)
    for scope, info in sorted(scopes.items()):
        print(f"  last sync of {scope}: {info['last_ok_at'] or 'never'}")


def _progress_printer() -> Callable[[Progress], None]:
    def show(p: Progress) -> None:
        total = f"/{p.total:,}" if p.total else ""
        print(f"  {p.phase}: {p.done:,}{total}", file=sys.stderr, flush=True)

    return show


class _Opened:
    """The session for ``sync`` (and the embedded server it needs, when there is no --server)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.server: EmbeddedServer | None = None
        self.session: AccountSession = None  # type: ignore[assignment]  # set on enter
        self.held: Path | None = None  # a cache whose lock is held from before the session

    def __enter__(self):  # type: ignore[no-untyped-def]
        from workbench.sync.session import open_session

        args = self.args
        if args.server:
            if not args.account:
                raise SystemExit("error: --account is required with --server")
            password = (
                sys.stdin.readline().rstrip("\n")
                if args.password_stdin
                else os.environ.get("WORKBENCH_PASSWORD")
            )
            self.session = open_session(args.server, args.account, password)
        else:
            # Only here: the server stack takes about a second to import.
            from workbench.demo import DEMO_LOGINS, DEMO_PASSWORD, start_embedded
            from workbench.store import file_lock
            from workbench.store.paths import cache_path
            from workbench.sync.session import EMBEDDED

            login = args.account or DEMO_LOGINS["creator"]
            # The app owns the demo (its embedded server's database too) while it runs: find out
            # before starting a second embedded server on the same files.
            self.held = cache_path(EMBEDDED, login)
            file_lock.acquire(self.held)
            server = start_embedded(
                products=args.products, say=lambda t: print(t, file=sys.stderr, flush=True)
            )
            self.server = server
            self.session = open_session(server.url, login, DEMO_PASSWORD, embedded=True)
        return self

    def __exit__(self, _type: object, exc: BaseException | None, _tb: object) -> None:
        from workbench.store.damage import is_damage

        if self.session is not None:
            self.session.damage_seen |= is_damage(exc)  # the next open checks the whole file
            self.session.close()
        if self.server is not None:
            self.server.stop()
        if self.held is not None:
            from workbench.store import file_lock

            file_lock.release(self.held)


if __name__ == "__main__":
    sys.exit(main())
