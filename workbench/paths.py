"""Where the workbench keeps its files: ``WORKBENCH_HOME`` if set, else the OS's user dirs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ShopWorkbench"
_chosen: Path | None = None


def choose_data_dir(path: Path | None) -> None:
    """Use ``path`` as the data directory from now on (the "data directory" setting, at start).

    ``WORKBENCH_HOME`` still wins: tests and scripts pin everything with it.
    """
    global _chosen
    _chosen = path


def data_dir() -> Path:
    """The data directory (created if missing)."""
    override = os.environ.get("WORKBENCH_HOME")
    if override:
        path = Path(override)
    elif _chosen is not None:
        path = _chosen
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """The settings directory: ``$WORKBENCH_HOME/config`` if set, else the OS's user config dir.

    Not created here: only saving settings writes to it.
    """
    override = os.environ.get("WORKBENCH_HOME")
    if override:
        return Path(override) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def embedded_server_database() -> str:
    """The SQLite URL of the embedded demo server's own database."""
    return f"sqlite:///{data_dir() / 'embedded-server.sqlite3'}"
