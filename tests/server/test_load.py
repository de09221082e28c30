"""A short run of ``benchmarks/load.py``: writers of many accounts in two server processes on
PostgreSQL, clients tailing the feed; afterwards every applied mutation is in the feed exactly
once, no client's incremental pulls skipped a row, and each device's rows are in send order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg import SERVER_URL

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow(seconds=15)
def test_feed_stays_exact_with_writers_in_several_workers() -> None:
    database = f"wbtest_load_{os.getpid()}"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "load.py"),
            "--clients=20",
            "--seconds=10",
            "--workers=2",
            "--products=500",  # the smallest demo: the feed's exactness does not need 2,000
            f"--database={database}",
            f"--pg={SERVER_URL}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    out = done.stdout
    assert "feed check: every applied mutation once, gap-free, in send order" in out, (
        out + done.stderr[-3000:]
    )
    applied = int(out.split("mutations applied: ")[1].split()[0])
    assert applied >= 60  # 20 clients pushed about twice each
    assert done.returncode == 0, out
