"""Test-wide settings: Qt off screen, a private WORKBENCH_HOME, and Python warnings as errors.

Also how a parallel run (``scripts/test`` runs pytest-xdist, one module per worker) is ordered:
the modules with a ``slow(seconds=…)`` marker run first, longest first, so that the long ones
start at once on separate workers instead of one of them ending the run alone. Measurements a
test wants in the log (``tests.measured.report``) are printed in the summary, also from
the workers.
"""

from __future__ import annotations

import functools
import os
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx._transports.default as httpx_transports
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test touches the real user data directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    yield home


@pytest.fixture(scope="session", autouse=True)
def _one_default_tls_context() -> Iterator[None]:
    """Every httpx client of the test process shares one default TLS context.

    httpx builds a new one for each client, reading certifi's whole CA bundle: 25-60 ms of CPU,
    and the suite makes thousands of clients (a fresh ``ApiClient`` per device, a client per
    fault switch in the sync state machine), all talking plain HTTP to 127.0.0.1. A client that
    asks for its own ``verify``, ``cert`` or no ``trust_env`` still gets a context of its own.
    """
    original = httpx_transports.create_ssl_context
    shared = functools.cache(original)

    def create(verify: Any = True, cert: Any = None, trust_env: bool = True) -> ssl.SSLContext:
        if verify is True and cert is None and trust_env:
            return shared()
        return original(verify=verify, cert=cert, trust_env=trust_env)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx_transports, "create_ssl_context", create)
        yield


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def compiled_translations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .qm files built from the committed .ts files (whether or not scripts/setup ran)."""
    out = tmp_path_factory.mktemp("qm")
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-translations"), str(out)],
        check=True,
        capture_output=True,
    )
    return out


def _slow_seconds(item: pytest.Item) -> float:
    marker = item.get_closest_marker("slow")
    return float(marker.kwargs.get("seconds", 1)) if marker else 0.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules with the longest ``slow(seconds=…)`` first; the rest keep their order.

    Every worker collects the same order, and ``--dist loadfile`` hands modules out in it.
    """
    cost: dict[str, float] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        cost[module] = max(cost.get(module, 0.0), _slow_seconds(item))
    items.sort(key=lambda item: -cost[item.nodeid.split("::", 1)[0]])  # stable


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = [
        str(value)
        for reports in terminalreporter.stats.values()
        for rep in reports
        if getattr(rep, "when", None) == "call"
        for name, value in getattr(rep, "user_properties", ())
        if name == "report"
    ]
    if lines:
        terminalreporter.section("measured")
        for line in lines:
            terminalreporter.write_line(line)
