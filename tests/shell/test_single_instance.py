"""One app per user and data folder: real processes, a real X display (Xvfb), real sockets."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from tests.shell.instance_driver import IN_FRONT
from workbench.ui.single_instance import SingleInstance, instance_name

ROOT = Path(__file__).resolve().parents[2]


def test_second_start_hands_over_and_exits_while_the_first_comes_to_the_front(
    seeded_template: Path, tmp_path: Path
) -> None:
    assert shutil.which("xvfb-run"), "xvfb-run is required (scripts/setup installs it)"
    home = tmp_path / "app"
    home.mkdir()
    shutil.copyfile(seeded_template, home / "embedded-server.sqlite3")
    out = tmp_path / "result.json"
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", sys.executable, "-m",
         "tests.shell.instance_driver", str(home), str(out)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    log = result["log"][-3000:]
    assert result["listening"], f"the first app never listened:\n{log}"
    assert result["second_exit"] == 0, result["second_output"]
    assert "already running" in result["second_output"]
    assert result["in_front"], f"the first app did not come to the front:\n{log}"
    assert "visible True, minimised False" in result["log"]
    assert "handed over ['--products', '800', '--verbose']" in result["log"]
    assert result["first_running"], "the first app stopped when the second one started"
    # The second start built no window and opened no account: one app log line per start.
    assert result["log"].count(IN_FRONT) == 1


def test_a_stale_socket_after_a_crash_is_replaced(qapp: QApplication, tmp_path: Path) -> None:
    name = instance_name(tmp_path)
    # An app that listened and then died without closing: its socket file stays behind.
    crashed = subprocess.run(
        [sys.executable, "-c",
         "import os, signal; from PySide6.QtNetwork import QLocalServer; s = QLocalServer(); "
         f"assert s.listen({name!r}); print(s.fullServerName(), flush=True); "
         "os.kill(os.getpid(), signal.SIGKILL)"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert crashed.returncode == -signal.SIGKILL
    socket_file = Path(crashed.stdout.strip())
    if sys.platform != "win32":
        assert socket_file.exists(), "the crashed listener left no socket (nothing to test)"

    first = SingleInstance(name)
    try:
        assert first.claim([]) is True, "a stale socket was taken for a running app"
        assert first.server is not None and first.server.isListening()
        probe = QLocalSocket()
        probe.connectToServer(name)
        assert probe.waitForConnected(2_000), "the new listener does not answer"
        probe.disconnectFromServer()
    finally:
        first.close()
    QLocalServer.removeServer(name)
