"""The layers of ARCHITECTURE.md, pinned: a wrong import arrow fails here.

Reads every module's imports with ``ast`` (including imports inside functions and under
``TYPE_CHECKING``), so lazy imports cannot sneak past. Every module is checked: the packages
(``core`` … ``server``) and the top-level modules, each of which is a layer of its own.

The app reaches the reference server through one module only, the embedded start-up
:data:`EMBEDDED_STARTUP` (``workbench/demo.py``): no ``ui``, ``sync``, ``store`` or ``client``
module, nor the command line, imports ``workbench.server`` itself.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "workbench"
PACKAGES = ("core", "contract", "client", "store", "sync", "ui", "server")
TOP_LEVEL = ("__init__", "__main__", "cli", "demo", "paths", "settings", "assets", "licences")
EMBEDDED_STARTUP = "demo"
"""The embedded start-up (``workbench/demo.py``): seeds and starts the server in-process."""

DESKTOP = {
    "core",
    "contract",
    "client",
    "store",
    "sync",
    "ui",
    "paths",
    "settings",
    "assets",
    "licences",
}
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "contract": {"core"},
    "paths": set(),
    "settings": {"paths"},
    "assets": set(),  # where resources/ is at run time
    "licences": {"assets"},  # third-party components from the installed metadata
    "client": {"core", "contract"},
    "store": {"core", "contract", "paths"},
    "sync": {"core", "contract", "client", "store"},
    "ui": DESKTOP - {"ui"} | {EMBEDDED_STARTUP},
    EMBEDDED_STARTUP: {"core", "paths", "server"},
    "cli": DESKTOP | {EMBEDDED_STARTUP},
    "__main__": {"cli"},
    "__init__": set(),
    "server": {"core", "contract"},
}
QT_PACKAGES = ("PySide6", "pyqtgraph", "shiboken6")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import (write workbench.… in full)")
        elif isinstance(node, ast.ImportFrom) and node.module == "workbench":
            found.extend(f"workbench.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
    return found


def _layer(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else path.stem


def _modules() -> list[tuple[str, Path]]:
    return [(_layer(path), path) for path in sorted(ROOT.rglob("*.py"))]


def test_every_layer_exists_and_has_rules() -> None:
    for layer in PACKAGES:
        assert (ROOT / layer / "__init__.py").is_file(), layer
    for name in TOP_LEVEL:
        assert (ROOT / f"{name}.py").is_file(), name
    assert set(ALLOWED) == set(PACKAGES) | set(TOP_LEVEL)
    assert {layer for layer, _path in _modules()} == set(ALLOWED)


@pytest.mark.parametrize(
    ("layer", "path"), _modules(), ids=lambda v: str(v).split("workbench/")[-1]
)
def test_imports_point_down(layer: str, path: Path) -> None:
    for name in _imports(path):
        if name.startswith(QT_PACKAGES):
            assert layer == "ui", f"{path}: Qt ({name}) outside workbench/ui"
        if name == "workbench" or name.startswith("workbench."):
            target = name.split(".")[1] if "." in name else "__init__"
            # ``import workbench`` (its version) is fine anywhere: ``__init__`` imports nothing.
            if target not in (layer, "__init__"):
                assert target in ALLOWED[layer], f"{path}: {layer} must not import {target}"


def test_only_the_embedded_startup_imports_the_server() -> None:
    outside = [
        f"{path.relative_to(ROOT)} imports {name}"
        for layer, path in _modules()
        if layer not in ("server", EMBEDDED_STARTUP)
        for name in _imports(path)
        if name.startswith("workbench.server")
    ]
    assert not outside, outside


def test_checker_catches_a_wrong_arrow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from workbench.server.embedded import EmbeddedServer\n"
        "def f():\n    from workbench.store import cache\n    import PySide6\n"
        "from workbench import settings\n"
    )
    assert sorted(_imports(bad)) == [
        "PySide6",
        "typing",
        "workbench.server.embedded",
        "workbench.settings",
        "workbench.store",
    ]
    relative = tmp_path / "relative.py"
    relative.write_text("from .store import cache\n")
    with pytest.raises(AssertionError, match="relative import"):
        _imports(relative)


def test_mypy_is_strict_for_every_module() -> None:
    """``mypy`` (CI runs it bare) checks all of ``workbench/`` strictly; no override relaxes it."""
    config = tomllib.loads((ROOT.parent / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert mypy["strict"] is True and mypy["files"] == ["workbench"]
    assert not [o for o in mypy.get("overrides", []) if set(o) - {"module", "strict"}]
    assert all(o.get("strict", True) for o in mypy.get("overrides", []))
