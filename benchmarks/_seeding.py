"""The benchmarks' seeded server database: made once with ``workbench-server seed``, or reused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
