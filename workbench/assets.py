"""Where the files of the top-level ``resources/`` folder are at run time.

One rule for every way the app runs: the folder sits beside the ``workbench`` package. In a
source checkout that is the repository's ``resources/``; in the PyInstaller bundle the spec
copies it to ``_internal/resources/`` beside ``_internal/workbench/``; a wheel maps it into the
package as ``workbench/resources`` (pyproject.toml), which is looked at first.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The ``resources/`` folder (raises ``FileNotFoundError`` if this install has none)."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "icons").is_dir():
            return candidate
    raise FileNotFoundError(f"no resources/ folder beside {_PACKAGE}")


def resource(*parts: str) -> Path:
    """A file in ``resources/``, e.g. ``resource("icons", "workbench.svg")``."""
    return resources_dir().joinpath(*parts)
