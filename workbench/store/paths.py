"""Where an account's cache lives: ``<data dir>/accounts/<server id>/<login>/cache.sqlite3``."""

from __future__ import annotations

import re
from pathlib import Path

from workbench.paths import data_dir

_UNSAFE = re.compile(r"[^A-Za-z0-9_.@-]")


def account_dir(server_id: str, login: str) -> Path:
    """The folder of one account on one server (created if missing)."""
    path = data_dir() / "accounts" / _safe(server_id) / _safe(login)
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_path(server_id: str, login: str) -> Path:
    return account_dir(server_id, login) / "cache.sqlite3"


def _safe(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name).strip("._")
    if not cleaned:
        raise ValueError(f"not a usable name: {name!r}")
    return cleaned[:80]
