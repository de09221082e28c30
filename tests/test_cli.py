"""The installed commands, run as real processes: ``workbench-server`` and ``workbench``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from workbench.server.embedded import free_port
from workbench.server.seed.seeder import DEMO_LOGINS, DEMO_PASSWORD

BIN = Path(sys.executable).parent


def _wait_healthy(url: str, proc: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)  # polling a separate process's port: there is no signal to wait on
    raise AssertionError("server did not come up")


@pytest.mark.slow(seconds=50)  # with the rest of the module
def test_seed_then_serve(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    seeded = subprocess.run(
        [BIN / "workbench-server", "seed", "--database", url, "--products", "500", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr
    assert "seeded 500 products" in seeded.stdout
    again = subprocess.run(
        [BIN / "workbench-server", "seed", "--database", url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 1 and "already seeded" in again.stderr

    port = free_port()
    proc = subprocess.Popen(
        [BIN / "workbench-server", "serve", "--database", url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, proc)
        login = httpx.post(
            f"{base}/v1/auth/login",
            json={"login": DEMO_LOGINS["creator"], "password": DEMO_PASSWORD},
        )
        assert login.status_code == 200
        token = login.json()["access_token"]
        products = httpx.get(
            f"{base}/v1/products", headers={"Authorization": f"Bearer {token}"}
        ).json()
        assert len(products["items"]) == 100
        openapi = httpx.get(f"{base}/openapi.json").json()
        assert "/v1/sync/mutations" in openapi["paths"]
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=20)
    # uvicorn shuts down gracefully, then re-raises the signal it caught (exit status -15).
    assert proc.returncode in (0, -signal.SIGTERM)
    assert "Finished server process" in output


@pytest.mark.parametrize("command", ["serve", "seed", "compact"])
def test_server_help(command: str) -> None:
    out = subprocess.run(
        [BIN / "workbench-server", command, "--help"], capture_output=True, text=True, check=True
    )
    assert "--database" in out.stdout


def test_workbench_starts_the_embedded_default(tmp_path: Path) -> None:
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path / "home")}
    first = subprocess.run(
        [BIN / "workbench", "--products", "500", "serve", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    assert (
        "First run: seeding" in first.stdout
        and "embedded server: http://127.0.0.1:" in first.stdout
    )
    assert (tmp_path / "home" / "embedded-server.sqlite3").is_file()
    second = subprocess.run(
        [BIN / "workbench", "serve", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert second.returncode == 0 and "First run" not in second.stdout
