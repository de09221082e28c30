"""A stand-in OS keychain for CLI subprocesses: ``PYTHON_KEYRING_BACKEND`` points here.

Test machines (CI, this container) have no keychain, so ``workbench sync`` would keep its
refresh token in memory only and a second run could never resume a login. This backend keeps
the keychain in a JSON file named by ``WORKBENCH_TEST_KEYCHAIN`` (a test's temporary folder), so
a test can run the CLI twice, revoke the stored login between the runs, and read what was kept.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeychain(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @staticmethod
    def _path() -> Path:
        return Path(os.environ["WORKBENCH_TEST_KEYCHAIN"])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def _save(self, data: dict[str, str]) -> None:
        self._path().write_text(json.dumps(data))

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)
