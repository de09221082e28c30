"""The layers of ARCHITECTURE.md, pinned: a wrong import arrow fails here.

Reads every module's imports with ``ast`` (including imports inside functions), so lazy imports
cannot sneak past.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "workbench"
LAYERS = ("core", "contract", "client", "store", "sync", "ui", "server")

ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "contract": {"core"},
    "client": {"core", "contract"},
    "store": {"core", "contract"},
    "sync": {"core", "contract", "client", "store"},
    "ui": {"core", "contract", "client", "store", "sync", "server"},
    "server": {"core", "contract"},
}
QT_PACKAGES = ("PySide6", "pyqtgraph", "shiboken6")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        layer = parts[0] if len(parts) > 1 else "(top)"
        out.append((layer, path))
    return out


def test_every_layer_exists() -> None:
    for layer in LAYERS:
        assert (ROOT / layer / "__init__.py").is_file(), layer


@pytest.mark.parametrize(
    ("layer", "path"), _modules(), ids=lambda v: str(v).split("workbench/")[-1]
)
def test_imports_point_down(layer: str, path: Path) -> None:
    for name in _imports(path):
        if name.startswith(QT_PACKAGES):
            assert layer == "ui", f"{path}: Qt ({name}) outside workbench/ui"
        if name.startswith("workbench."):
            target = name.split(".")[1]
            if layer in ALLOWED and target in LAYERS and target != layer:
                assert target in ALLOWED[layer], f"{path}: {layer} must not import {target}"


def test_checker_catches_a_wrong_arrow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from workbench.store import cache\n    import PySide6\n")
    assert _imports(bad) == ["workbench.store", "PySide6"]
