"""The frozen build: PyInstaller makes the one-folder app from packaging/workbench.spec, and it runs.

Windows and macOS runners are not available to our own checks, so this builds the Linux bundle
(the same spec the release workflow uses on Windows and macOS) and runs it without a person:
``serve --once`` starts the embedded server from the bundle (Alembic migrations read from disk,
the seed vocabulary, uvicorn's dynamically imported parts), and ``--smoke-test`` runs the whole
app: window, sync against the embedded server, exit 0. A missing data file or hidden import shows
up here, not on a user's machine. The same build is packed into the ``.deb``
(packaging/linux_package.py), unpacked into an empty root and checked there, and the Inno Setup
script is checked against its layout. On Linux the ``--smoke-test`` runs once, from the .deb
installed into the empty root (its ``/usr/bin/workbench`` → ``/opt/shop-workbench``: the build
folder's own files, copied), which proves the build folder and the package at once; elsewhere
from the build folder. Slow (one PyInstaller build, about half a minute of two cores).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.measured import report

# The slowest module (build, .deb, the frozen app's runs): it starts first in a parallel run.
pytestmark = [pytest.mark.slow(seconds=240), pytest.mark.timeout(1500)]

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "workbench.spec"
MIGRATIONS = ROOT / "workbench" / "server" / "migrations"
BUILD_TIMEOUT = 900  # about 40 s on two idle cores; a loaded machine takes many times that
RUN_TIMEOUT = 240


@dataclass(frozen=True)
class Frozen:
    """A built bundle: its folder, the executable to run, and what the build took."""

    folder: Path
    executable: Path
    build_seconds: float
    work: Path  # PyInstaller's work folder: the table of what went into the archive
    size: str = ""


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


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Frozen]:
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
    yield Frozen(folder, executable, build_seconds=seconds, work=work, size=_size(folder))


@dataclass(frozen=True)
class Installed:
    """The .deb of the build, unpacked into an empty root (as ``dpkg -i`` would place it)."""

    deb: Path
    root: Path
    app: Frozen  # /opt/shop-workbench, run through the /usr/bin/workbench launcher


@pytest.fixture(scope="module")
def installed(frozen: Frozen, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    import runpy

    base = tmp_path_factory.mktemp("deb")
    build_deb = runpy.run_path(str(ROOT / "packaging" / "linux_package.py"))["build"]
    deb = build_deb(frozen.folder, base / "out")
    root = base / "root"
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    launcher = root / "usr" / "bin" / "workbench"
    return Installed(deb, root, Frozen(root / "opt" / "shop-workbench", launcher, 0.0, frozen.work))


@dataclass(frozen=True)
class SmokeTest:
    """One ``--smoke-test`` run of the frozen app: where it ran from, its output, its time."""

    app: Frozen
    done: subprocess.CompletedProcess[str]
    seconds: float


@pytest.fixture(scope="module")
def smoke_test(
    frozen: Frozen, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SmokeTest:
    """The smoke test, once: on Linux from the installed .deb, elsewhere from the build folder."""
    app = request.getfixturevalue("installed").app if sys.platform == "linux" else frozen
    done, seconds = _run_frozen(app, ["--smoke-test"], tmp_path_factory.mktemp("smoke-home"))
    return SmokeTest(app, done, seconds)


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


def test_bundle_carries_the_files_read_at_run_time(
    frozen: Frozen, request: pytest.FixtureRequest
) -> None:
    report(
        request.node,
        f"[packaging] build: {frozen.build_seconds:.1f} s, bundle {frozen.folder.name}: {frozen.size}",
    )
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
    frozen: Frozen, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    done, seconds = _run_frozen(frozen, ["--products", "500", "serve", "--once"], tmp_path)
    report(
        request.node, f"[packaging] serve --once (first run, seeds 500 products): {seconds:.1f} s"
    )
    assert done.returncode == 0, _explain(done)
    assert "embedded server: http://127.0.0.1:" in done.stdout, _explain(done)
    assert (tmp_path / "embedded-server.sqlite3").is_file()


def test_frozen_smoke_test(smoke_test: SmokeTest, request: pytest.FixtureRequest) -> None:
    done, app = smoke_test.done, smoke_test.app
    report(
        request.node, f"[packaging] --smoke-test of {app.executable}: {smoke_test.seconds:.1f} s"
    )
    assert done.returncode == 0, _explain(done)
    assert "smoke test ok" in done.stdout, _explain(done)
    # Nothing is written into the installed app (Program Files and /opt are read-only; on macOS
    # a changed .app no longer matches its signature): e.g. no __pycache__ beside the Alembic
    # scripts.
    written = list(app.folder.rglob("__pycache__"))
    assert not written, f"the app wrote into its own bundle: {written}"


# --- what the bundle holds ---------------------------------------------------------------------

SECRET_PATTERNS = (
    # A key itself (header and a base64 body), not the header as a string constant in a parser
    # (Qt's network library carries one).
    re.compile(rb"-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----\s*[A-Za-z0-9+/=\r\n]{64}"),
    re.compile(rb"\bgh[pousr]_[A-Za-z0-9]{36}\b"),  # GitHub tokens
    re.compile(rb"\bAKIA[0-9A-Z]{16}\b"),  # AWS access keys
    re.compile(rb"refresh_token\s*[=:]\s*[\"']?[A-Za-z0-9._-]{20,}"),
)
SECRET_NAMES = {".env", ".netrc", ".pypirc", "id_rsa", "id_ed25519", "keyring_pass.cfg",
                "crypted_pass.cfg", "settings.json", "workbench.log"}  # fmt: skip


def test_bundle_carries_resources_metadata_and_the_licences(frozen: Frozen) -> None:
    internal = frozen.folder / "_internal"
    assert (internal / "resources" / "icons" / "workbench.svg").is_file()
    assert (internal / "resources" / "licenses" / "LGPL-3.0-only.txt").is_file()
    for name in ("selection", "settings", "about"):
        assert (internal / "resources" / "icons" / "ui" / f"{name}.svg").is_file(), name
    # An editable install built in a fresh clone leaves shop_workbench.egg-info in the source
    # tree, which PyInstaller may find first: either is the package's metadata.
    ours = [*internal.glob("shop_workbench-*.dist-info"), *internal.glob("shop_workbench.egg-info")]
    assert ours, "no metadata: no version when frozen"
    assert list(internal.glob("[Pp][Yy][Ss]ide6_[Ee]ssentials-*.dist-info"))
    notice = (frozen.folder / "THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    assert "PySide6" in notice and "Qt " in notice
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notice
    assert "replace them with your own build" in notice
    assert "psycopg" not in notice.lower()  # left out of the bundle, so not listed


def test_bundle_holds_no_tests_no_venv_leftovers_and_no_secrets(frozen: Frozen) -> None:
    files = [p for p in frozen.folder.rglob("*") if p.is_file()]
    for path in files:
        rel = path.relative_to(frozen.folder).as_posix()
        assert path.name not in SECRET_NAMES, f"{rel} does not belong in a bundle"
        assert not path.name.startswith(("test_", "conftest")), f"test file bundled: {rel}"
        assert path.name not in ("pyvenv.cfg", "RECORD.pip", ".gitignore"), rel
        assert ".venv" not in rel and ".pytest_cache" not in rel and ".git/" not in rel, rel
        if path.stat().st_size < 5_000_000:
            data = path.read_bytes()
            for pattern in SECRET_PATTERNS:
                assert not pattern.search(data), (
                    f"{rel} holds something like a secret ({pattern.pattern!r})"
                )
    # The Python modules live in the archive, not as files: its table lists them.
    tocs = list(frozen.work.rglob("PYZ-*.toc"))
    assert tocs, f"no PYZ table in {frozen.work}"
    modules = tocs[0].read_text(encoding="utf-8")
    for unwanted in ("'tests.", "'pytest", "'_pytest", "'pytestqt", "'hypothesis", "'mypy"):
        assert unwanted not in modules, f"{unwanted.strip(chr(39))} modules went into the archive"


def test_frozen_version_is_the_package_metadata(frozen: Frozen, tmp_path: Path) -> None:
    done, _seconds = _run_frozen(frozen, ["--version"], tmp_path)
    assert done.returncode == 0, _explain(done)
    assert done.stdout.strip() == f"Shop Workbench {version('shop-workbench')}"


def test_inno_setup_script_matches_the_bundle(frozen: Frozen) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "windows" / "check_installer.py"),
         "--dist", str(frozen.folder)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the .deb is the Linux package")
def test_deb_installs_into_an_empty_root_and_passes_the_smoke_test(
    installed: Installed, smoke_test: SmokeTest, request: pytest.FixtureRequest
) -> None:
    deb, root = installed.deb, installed.root
    report(request.node, f"[packaging] .deb: {deb.name}, {deb.stat().st_size / 2**20:.0f} MB")
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version"],
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert f"Version: {version('shop-workbench')}" in fields
    launcher = root / "usr" / "bin" / "workbench"
    assert launcher.is_symlink() and launcher.resolve() == root / "opt/shop-workbench/workbench"
    for validate in (["desktop-file-validate"], ["appstreamcli", "validate", "--no-net"]):
        entry = {"desktop-file-validate": "usr/share/applications/com.shopworkbench.app.desktop",
                 "appstreamcli": "usr/share/metainfo/com.shopworkbench.app.metainfo.xml"}[validate[0]]  # fmt: skip
        checked = subprocess.run([*validate, str(root / entry)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (root / "usr/share/icons/hicolor/256x256/apps/com.shopworkbench.app.png").is_file()
    assert "GNU LESSER" in (root / "usr/share/doc/shop-workbench/copyright").read_text("utf-8")

    # The smoke test ran (once, see ``smoke_test``) through this launcher, on these files.
    done = smoke_test.done
    assert smoke_test.app.executable == launcher
    assert done.returncode == 0, _explain(done)
    assert "smoke test ok" in done.stdout, _explain(done)
    assert not list(installed.app.folder.rglob("__pycache__")), "the app wrote into /opt"
