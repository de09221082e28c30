"""Two real ``workbench`` processes on one X display (run under ``xvfb-run`` by the test).

    xvfb-run -a python -m tests.shell.instance_driver HOME OUT_JSON

Starts the app (``HOME`` holds a seeded demo), waits until it listens for later starts, then
starts ``workbench`` again with the same data folder and records what happened in ``OUT_JSON``:
the second start's exit code, output and time, and the first one's log after the hand-over.
The first app is then closed (SIGTERM) and the log read once more.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

LISTENING = "single instance: listening on"
IN_FRONT = "second start: window in front"


def _wait_for(log: Path, text: str, first: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if log.is_file() and text in log.read_text(encoding="utf-8", errors="replace"):
            return True
        if first.poll() is not None:
            return False
        time.sleep(0.2)
    return False


def main(home: Path, out: Path) -> int:
    env = {**os.environ, "WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "xcb",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}  # fmt: skip
    log = home / "logs" / "workbench.log"
    command = [sys.executable, "-m", "workbench", "--products", "800"]
    first_out = (home / "first.out").open("wb")
    first = subprocess.Popen(command, env=env, stdout=first_out, stderr=subprocess.STDOUT)
    result: dict[str, object] = {"listening": _wait_for(log, LISTENING, first, 120)}
    started = time.monotonic()
    second = subprocess.run(
        [*command, "--verbose"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    result |= {
        "second_exit": second.returncode,
        "second_output": second.stdout + second.stderr,
        "second_seconds": round(time.monotonic() - started, 2),
        "in_front": _wait_for(log, IN_FRONT, first, 30),
        "first_running": first.poll() is None,
    }
    first.terminate()
    first.wait(timeout=30)
    first_out.close()
    result["log"] = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
