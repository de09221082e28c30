"""One version everywhere: the installed package's metadata (pyproject.toml's ``version``).

``workbench --version``, the client's ``User-Agent`` and the server's ``/healthz`` must all show
it; the About dialog's test checks the dialog, tests/packaging/test_installer_script.py the
installer.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import httpx

import workbench
from tests.servers import running_server
from workbench.client.api import USER_AGENT

ROOT = Path(__file__).resolve().parent.parent


def test_version_is_the_installed_package_metadata() -> None:
    assert workbench.__version__ == version(workbench.DISTRIBUTION)
    # The metadata is built from pyproject.toml: a stale install would show an old number.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == workbench.DISTRIBUTION
    assert project["version"] == workbench.__version__


def test_version_flag_prints_the_package_metadata() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "--version"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Shop Workbench {version('shop-workbench')}"


def test_client_user_agent_and_server_healthz_carry_the_version(tmp_path: Path) -> None:
    assert f"ShopWorkbench/{version('shop-workbench')}" == USER_AGENT
    with running_server(f"sqlite:///{tmp_path / 'server.sqlite3'}") as server:
        answer = httpx.get(f"{server.url}/healthz", timeout=10)
    assert answer.status_code == 200
    assert answer.json()["version"] == version("shop-workbench")
