"""Run the server inside another process: uvicorn on 127.0.0.1, a free port, a background thread.

The desktop app uses this for its embedded default (demo data, first run); the tests use it to
get a real server over real HTTP. ``EmbeddedServer.stop()`` shuts uvicorn down cleanly.
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from workbench.server.app import create_app
from workbench.server.config import ServerSettings
from workbench.server.db import Database
from workbench.server.login import PasswordCheck


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class EmbeddedServer:
    """A real uvicorn server on loopback, in a daemon thread of this process."""

    def __init__(
        self,
        settings: ServerSettings,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        passwords: PasswordCheck | None = None,
    ) -> None:
        self.settings = settings
        self.host = host
        self.port = port or free_port(host)
        self.db = Database(settings.database_url)
        self.app = create_app(settings, db=self.db, passwords=passwords)
        config = uvicorn.Config(
            self.app,
            host=host,
            port=self.port,
            log_level="warning",
            lifespan="off",
            # The standard parts even where the ``server`` extra (httptools, uvloop) is
            # installed: an in-process server for the app and the tests, not for a crowd.
            loop="asyncio",
            http="h11",
            proxy_headers=False,  # X-Forwarded-For only from trusted proxies (create_app)
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="embedded-server", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> EmbeddedServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the embedded server failed to start")
            if time.monotonic() > deadline:
                raise TimeoutError("the embedded server did not start in time")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.db.dispose()

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
