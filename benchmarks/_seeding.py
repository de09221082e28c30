"""The benchmarks' seeded server database (made once with ``workbench-server seed``, or reused),
and a served one: a free loopback port, waiting for ``/healthz``."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def seeded_server(path: Path, products: int, *, quiet: bool = False) -> Path:
    """``path`` holding the demo with ``products`` products (seeded now if the file is new)."""
    if not path.exists():
        print(f"seeding {products:,} products into {path} …", flush=True)
        subprocess.run(
            [BIN / "workbench-server", "seed", "--database", f"sqlite:///{path}",
             "--products", str(products)],
            check=True, capture_output=quiet,
        )  # fmt: skip
    return path


def measured_size(path: Path, wanted: int, *, table: str = "product", what: str = "") -> int:
    """The rows of ``table`` in the SQLite file ``path``, read back; exit if not ``wanted``.

    A benchmark reports the size it really measured, never the one it was asked for: a reused
    or wrongly seeded file would otherwise give figures for another size under this one's name.
    """
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    print(f"measured size: {rows:,} {table} rows in {what or path}", flush=True)
    if rows != wanted:
        raise SystemExit(
            f"refusing to report: {path} holds {rows:,} {table} rows, not the {wanted:,} asked "
            "for (pass the size it holds, or a new file)"
        )
    return rows


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (for ``workbench-server serve``)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, seconds: float = 60) -> None:
    """Return once ``url``'s ``/healthz`` answers 200; exit the benchmark if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
