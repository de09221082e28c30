"""packaging/windows/check_installer.py: the Inno Setup script against a bundle's layout.

The real bundle is checked in tests/test_packaging.py (slow); here a bundle-shaped folder shows
the check passes on the layout the spec makes and names what is missing otherwise.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "packaging" / "windows" / "check_installer.py"


def _check(dist: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK), "--dist", str(dist)],
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip


def _bundle(tmp_path: Path, *, notices: bool = True, windows: bool = False) -> Path:
    dist = tmp_path / "ShopWorkbench"
    (dist / "_internal").mkdir(parents=True)
    if notices:
        (dist / "THIRD-PARTY-LICENSES.txt").write_text("…", encoding="utf-8")
    if windows:
        (dist / "ShopWorkbench.exe").write_bytes(b"MZ")
    return dist


def test_the_spec_s_layout_passes(tmp_path: Path) -> None:
    done = _check(_bundle(tmp_path))
    assert done.returncode == 0, done.stderr


def test_a_missing_file_the_installer_names_is_reported(tmp_path: Path) -> None:
    done = _check(_bundle(tmp_path, notices=False))
    assert done.returncode == 1
    assert "THIRD-PARTY-LICENSES.txt is not in the bundle" in done.stderr


def test_a_windows_bundle_must_hold_the_executable_the_installer_starts(tmp_path: Path) -> None:
    dist = _bundle(tmp_path, windows=True)
    assert _check(dist).returncode == 0
    (dist / "ShopWorkbench.exe").rename(dist / "Workbench.exe")
    (dist / "workbench.exe").write_bytes(b"MZ")  # still a Windows bundle, wrong GUI name
    done = _check(dist)
    assert done.returncode == 1 and "ShopWorkbench.exe is not in the bundle" in done.stderr
