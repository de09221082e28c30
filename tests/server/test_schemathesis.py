"""schemathesis against the real server: every check, both roles, both databases.

The CLI runs against a seeded server on 127.0.0.1 with a fixed seed and a bounded number of
examples per operation (the same run each time, within the CI budget). Its requests carry the
demo creator's and the demo merchant's tokens in turn (``schemathesis_auth.py``), so one run
covers both roles. It must find no 5xx, no answer outside the schema, no schema-valid request
refused and no invalid one accepted. Settings: ``schemathesis.toml``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import seed
from workbench.server.config import ServerSettings
from workbench.server.embedded import EmbeddedServer
from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SEED = 20261205
EXAMPLES = 5  # per operation in the fuzzing phase; raise locally to search harder


@pytest.fixture(scope="module")
def plain_server(empty_database_url: str) -> Iterator[EmbeddedServer]:
    """A seeded server as deployed: no fault injection, so its schema is the production one."""
    url = seed(empty_database_url, products=500, orders_per_day=1)
    settings = ServerSettings(
        database_url=url, rate_limit_per_second=100_000, rate_limit_burst=100_000
    )
    with EmbeddedServer(settings) as srv:
        yield srv


def _token(server: EmbeddedServer, role: str) -> str:
    login = httpx.post(
        f"{server.url}/v1/auth/login",
        json={"login": DEMO_LOGINS[role], "password": DEMO_PASSWORD},
    )
    assert login.status_code == 200, login.text
    return str(login.json()["access_token"])


@pytest.mark.slow(seconds=28)
def test_schemathesis_finds_nothing(plain_server: EmbeddedServer, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "SCHEMATHESIS_HOOKS": "tests.server.schemathesis_auth",
        "WORKBENCH_ST_TOKENS": ",".join(_token(plain_server, r) for r in ("creator", "merchant")),
    }
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        f"{plain_server.url}/openapi.json",
        "--checks=all",
        f"--seed={SEED}",
        f"--max-examples={EXAMPLES}",
        "--generation-database=none",
        "--continue-on-failure",
        "--workers=1",  # CPython 3.11.7's ast.parse is not thread-safe (a SystemError)
        "--no-color",
    ]
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=280, cwd=tmp_path, env=env, check=False
    )
    report = run.stdout[-20_000:] + run.stderr[-5_000:]
    assert run.returncode == 0, report
    assert " passed" in run.stdout and "failed" not in run.stdout, report
