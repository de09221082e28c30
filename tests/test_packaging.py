"""The frozen build: PyInstaller makes the one-folder app from packaging/workbench.spec, and it runs.

Windows and macOS runners are not available to our own checks, so this builds the Linux bundle
(the same spec the release workflow uses on Windows and macOS) and runs it without a person:
``serve --once`` starts the embedded server from the bundle (Alembic migrations read from disk,
the seed vocabulary, uvicorn's dynamically imported parts), and ``--smoke-test`` runs the whole
app: window, sync against the embedded server, exit 0. A missing data file or hidden import shows
up here, not on a user's machine. Slow (one PyInstaller build, about half a minute).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "workbench.spec"
MIGRATIONS = ROOT / "workbench" / "server" / "migrations"
BUILD_TIMEOUT = 400
RUN_TIMEOUT = 240


@dataclass(frozen=True)
class Frozen:
    """A built bundle: its folder, the executable to run, and what the build took."""

    folder: Path
    executable: Path
    build_seconds: float


def _require_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail(
            "PyInstaller is not installed, so the frozen app cannot be built and checked: "
            "install the test extra (`.venv/bin/pip install -e '.[test]'`) or "
            "`.venv/bin/pip install 'pyinstaller>=6'`",
            pytrace=False,
        )


def _executable(dist: Path) -> Path:
    if sys.platform == "darwin":
        return dist / "ShopWorkbench.app" / "Contents" / "MacOS" / "ShopWorkbench"
    if sys.platform == "win32":  # the console twin of ShopWorkbench.exe: it has a stdout
        return dist / "ShopWorkbench" / "workbench.exe"
    return dist / "ShopWorkbench" / "workbench"


def _bundle_folder(dist: Path) -> Path:
    return dist / "ShopWorkbench.app" if sys.platform == "darwin" else dist / "ShopWorkbench"


def _size(folder: Path) -> str:
    if shutil.which("du"):
        out = subprocess.run(["du", "-sh", str(folder)], capture_output=True, text=True)
        if out.returncode == 0:
            return out.stdout.split()[0]
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return f"{total / 2**20:.0f}M"


def _report(config: pytest.Config, text: str) -> None:
    """Measurements go to the terminal even while output is captured (they are the point)."""
    capture = config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\n[packaging] {text}", file=sys.stderr, flush=True)


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="module")
def frozen(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[Frozen]:
    _require_pyinstaller()
    base = tmp_path_factory.mktemp("pyinstaller")
    dist, work = base / "dist", base / "work"
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_CONSOLE"}
    started = time.monotonic()
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )  # fmt: skip
    seconds = time.monotonic() - started
    if build.returncode != 0:
        pytest.fail(
            f"PyInstaller failed ({build.returncode}):\n{_tail(build.stdout + build.stderr)}",
            pytrace=False,
        )
    executable = _executable(dist)
    assert executable.is_file(), f"no executable at {executable}"
    folder = _bundle_folder(dist)
    _report(pytestconfig, f"build: {seconds:.1f} s, bundle {folder.name}: {_size(folder)}")
    yield Frozen(folder=folder, executable=executable, build_seconds=seconds)


def _run_frozen(
    frozen: Frozen, args: list[str], home: Path
) -> tuple[subprocess.CompletedProcess[str], float]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        WORKBENCH_HOME=str(home),
        # Nothing is written into this machine's keychain: the app refuses the null backend and
        # keeps the demo's refresh token in memory, as it does where no keychain exists.
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    started = time.monotonic()
    try:
        done = subprocess.run(
            [str(frozen.executable), *args],
            env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
            timeout=RUN_TIMEOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raw = exc.stdout or b""
        out = raw.decode(errors="replace") if isinstance(raw, bytes) else raw
        pytest.fail(f"`{' '.join(args)}` did not finish in {RUN_TIMEOUT} s:\n{_tail(out)}")
    return done, time.monotonic() - started


def _explain(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n--- stdout\n{_tail(done.stdout)}\n--- stderr\n{_tail(done.stderr)}"


def test_pyinstaller_is_installed() -> None:
    _require_pyinstaller()


def test_bundle_carries_the_files_read_at_run_time(frozen: Frozen) -> None:
    catalogues = list(frozen.folder.rglob("catalogue.txt"))
    assert catalogues, "workbench/server/seed/catalogue.txt is not in the bundle"
    assert catalogues[0].read_bytes() == (ROOT / "workbench/server/seed/catalogue.txt").read_bytes()

    found = [p for p in frozen.folder.rglob("migrations") if (p / "env.py").is_file()]
    assert found, "the Alembic migrations folder is not in the bundle"
    bundled = found[0]
    wanted = {
        p.relative_to(MIGRATIONS).as_posix()
        for pattern in ("*.py", "*.mako")
        for p in MIGRATIONS.rglob(pattern)
        if "__pycache__" not in p.parts
    }
    have = {p.relative_to(bundled).as_posix() for p in bundled.rglob("*") if p.is_file()}
    assert wanted <= have, f"missing from the bundled migrations: {sorted(wanted - have)}"
    assert any(name.startswith("versions/") for name in have)

    # Qt's own strings in Chinese (standard buttons, dialogs); the spec trims the other languages.
    assert list(frozen.folder.rglob("qtbase_zh_CN.qm")), "Qt's qtbase_zh_CN.qm is not bundled"
    translations = ROOT / "workbench" / "ui" / "translations"
    for qm in translations.glob("*.qm") if translations.is_dir() else []:
        assert list(frozen.folder.rglob(qm.name)), f"{qm.name} is not in the bundle"


def test_bundle_leaves_out_what_the_desktop_app_does_not_use(frozen: Frozen) -> None:
    names = {p.name for p in frozen.folder.rglob("*")}
    for unwanted in ("psycopg", "psycopg_binary", "tkinter", "_pytest", "keyrings"):
        assert unwanted not in names, f"{unwanted} was bundled (see excludes in the spec)"


def test_frozen_serve_once_starts_the_embedded_server(
    frozen: Frozen, tmp_path: Path, pytestconfig: pytest.Config
) -> None:
    done, seconds = _run_frozen(frozen, ["--products", "500", "serve", "--once"], tmp_path)
    _report(pytestconfig, f"serve --once (first run, seeds 500 products): {seconds:.1f} s")
    assert done.returncode == 0, _explain(done)
    assert "embedded server: http://127.0.0.1:" in done.stdout, _explain(done)
    assert (tmp_path / "embedded-server.sqlite3").is_file()


def test_frozen_smoke_test(frozen: Frozen, tmp_path: Path, pytestconfig: pytest.Config) -> None:
    done, seconds = _run_frozen(frozen, ["--smoke-test"], tmp_path)
    _report(pytestconfig, f"--smoke-test: {seconds:.1f} s")
    assert done.returncode == 0, _explain(done)
    assert "smoke test ok" in done.stdout, _explain(done)
    # Nothing is written into the installed app (Program Files is read-only; on macOS a changed
    # .app no longer matches its signature): e.g. no __pycache__ beside the Alembic scripts.
    written = list(frozen.folder.rglob("__pycache__"))
    assert not written, f"the app wrote into its own bundle: {written}"
