"""Test-wide settings: Qt off screen, a private WORKBENCH_HOME, and Python warnings as errors."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test touches the real user data directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    yield home


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
