"""Check the Inno Setup script against the bundle the spec builds, without Windows or ISCC.

    python packaging/windows/check_installer.py [--dist dist/ShopWorkbench]

Inno Setup runs only on the Windows runner, at the end of the release; a renamed folder, a
missing file or a hand-written version in ``installer.iss`` would only show there. This reads
the script and checks, on any OS:

* ``DistDir`` is the folder the spec's COLLECT makes (``dist/<APP_NAME>``), and ``AppExe`` is
  the GUI executable the spec makes on Windows (``<APP_NAME>.exe``);
* every file the script names inside the installed folder (``{app}\\…``) is in the bundle at
  ``--dist`` (the executables only where the bundle is a Windows one), and the folder it clears
  on upgrade (``{app}\\_internal``) is the bundle's contents folder;
* ``SetupIconFile`` is where packaging/make_icons.py writes the ``.ico`` by default, and the
  Chinese messages file is where the release workflow puts it;
* the version is not written in the script: it comes from ``/DAppVersion`` (the workflow passes
  the package metadata's version) or from the executable's version resource (the spec writes
  the same version there).

Exit 0 when all hold, else 1 with one line per problem.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path, PureWindowsPath

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ISS = HERE / "installer.iss"
SPEC = ROOT / "packaging" / "workbench.spec"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
MAKE_ICONS = ROOT / "packaging" / "make_icons.py"


def defines(text: str) -> dict[str, str]:
    """``#define Name "value"`` (string literals only; expressions keep their text)."""
    found = {}
    for name, value in re.findall(r"^\s*#define\s+(\w+)\s+(.+?)\s*$", text, re.M):
        literal = re.fullmatch(r'"([^"]*)"', value)
        found[name] = literal.group(1) if literal else value
    return found


def expand(value: str, names: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: names.get(m.group(1), m.group(0)), value)


def source_relative(expression: str) -> Path:
    """A path written relative to the script (``{#SourcePath}..\\..\\x`` or ``…+ "..\\x"``)."""
    match = re.search(r'(?:\{#SourcePath\}|SourcePath\)\s*\+\s*")([^"]+)', expression)
    if not match:
        raise ValueError(f"not relative to the script: {expression}")
    return (HERE / Path(*PureWindowsPath(match.group(1)).parts)).resolve()


def check(dist: Path) -> list[str]:
    problems: list[str] = []
    iss = ISS.read_text(encoding="utf-8")
    spec = SPEC.read_text(encoding="utf-8")
    names = defines(iss)
    app_name = re.search(r'^APP_NAME = "([^"]+)"', spec, re.M)
    if not app_name:
        return ["workbench.spec: no APP_NAME"]
    app = app_name.group(1)

    dist_dir = source_relative(names.get("DistDir", ""))
    if dist_dir != (ROOT / "dist" / app).resolve():
        problems.append(f"DistDir is {dist_dir}, the spec builds dist/{app}")
    if names.get("AppExe") != f"{app}.exe" or "executable(APP_NAME, console=" not in spec:
        problems.append(f"AppExe {names.get('AppExe')!r} is not the spec's Windows GUI {app}.exe")

    if not dist.is_dir():
        return [*problems, f"no bundle at {dist}"]
    windows_bundle = any(dist.glob("*.exe"))
    for line in re.findall(r"\{app\}\\([^\"\s;]+)", iss):
        rel = expand(line, names)
        if rel.endswith(".exe") and not windows_bundle:
            continue  # a Linux/macOS build has no .exe; the names were checked above
        if "{" in rel:
            problems.append(f"unresolved name in {{app}}\\{line}")
        elif not (dist / Path(*PureWindowsPath(rel).parts)).exists():
            problems.append(f"{{app}}\\{rel} is not in the bundle {dist}")

    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.M)
    make_icons = MAKE_ICONS.read_text(encoding="utf-8")
    if not icon:
        problems.append("no SetupIconFile")
    elif source_relative(icon.group(1)) != (ROOT / "build" / "icons" / "workbench.ico").resolve():
        problems.append(f"SetupIconFile {icon.group(1)} is not build/icons/workbench.ico")
    elif 'ROOT / "build" / "icons"' not in make_icons or '"workbench.ico"' not in make_icons:
        problems.append("packaging/make_icons.py no longer writes build/icons/workbench.ico")

    workflow = WORKFLOW.read_text(encoding="utf-8")
    if "packaging\\windows\\ChineseSimplified.isl" not in workflow:
        problems.append("the workflow does not put ChineseSimplified.isl where the script looks")
    if re.search(r'#define\s+AppVersion\s+"', iss):
        problems.append("installer.iss writes a version: it must come from /DAppVersion")
    if "/DAppVersion=$env:VERSION" not in workflow or "workbench.__version__" not in workflow:
        problems.append("the workflow does not pass the package version as /DAppVersion")
    if "GetStringFileInfo" not in iss or 'vi.StringStruct("ProductVersion", VERSION)' not in spec:
        problems.append("the fallback version is not the executable's (spec) ProductVersion")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "ShopWorkbench")
    args = parser.parse_args()
    problems = check(args.dist)
    for problem in problems:
        print(f"installer.iss: {problem}", file=sys.stderr)
    if not problems:
        print(f"installer.iss: paths and version agree with the bundle at {args.dist}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
