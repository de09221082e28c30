"""Where the workbench keeps its files: ``WORKBENCH_HOME`` if set, else the OS's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ShopWorkbench"


def data_dir() -> Path:
    """The data directory (created if missing)."""
    override = os.environ.get("WORKBENCH_HOME")
    path = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def embedded_server_database() -> str:
    """The SQLite URL of the embedded demo server's own database."""
    return f"sqlite:///{data_dir() / 'embedded-server.sqlite3'}"
