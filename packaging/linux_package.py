"""Make the Linux package: a ``.deb`` of the one-folder bundle, with menu entry, icons, AppStream.

    python packaging/linux_package.py [BUNDLE] [OUT_DIR]
        (defaults: dist/ShopWorkbench, dist)  ->  OUT_DIR/shop-workbench_<version>_<arch>.deb

Layout installed (FHS, for a self-contained app):

    /opt/shop-workbench/                 the PyInstaller bundle (workbench, _internal/, licences)
    /usr/bin/workbench                   -> ../../opt/shop-workbench/workbench
    /usr/share/applications/com.shopworkbench.app.desktop
    /usr/share/metainfo/com.shopworkbench.app.metainfo.xml   (<releases> added: this version)
    /usr/share/icons/hicolor/<n>x<n>/apps/com.shopworkbench.app.png   (packaging/make_icons.py)
    /usr/share/icons/hicolor/scalable/apps/com.shopworkbench.app.svg
    /usr/share/doc/shop-workbench/copyright   (THIRD-PARTY-LICENSES.txt of the bundle)

The version is the package metadata's (``workbench.__version__``), as everywhere else.
Built with ``dpkg-deb --root-owner-group``; tests/test_packaging.py unpacks it into an empty root
(``dpkg -x``) and runs the installed app's ``--smoke-test`` there.
"""

from __future__ import annotations

import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import workbench  # noqa: E402

APP_ID = "com.shopworkbench.app"
PACKAGE = "shop-workbench"
INSTALL_DIR = Path("opt") / PACKAGE
# What the bundled Qt (xcb platform plugin) needs from the system; the rest is in the bundle.
DEPENDS = (
    "libc6, libglib2.0-0, libfontconfig1, libfreetype6, libdbus-1-3, libxkbcommon0, "
    "libxkbcommon-x11-0, libegl1, libgl1, libx11-xcb1, libxcb-cursor0 | libxcb1, "
    "libxcb-icccm4, libxcb-keysyms1, libxcb-shape0"
)
ARCHITECTURES = {"x86_64": "amd64", "aarch64": "arm64"}


def _metainfo(version: str) -> str:
    text = (ROOT / "resources" / "linux" / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    today = datetime.date.today().isoformat()
    releases = f'  <releases>\n    <release version="{version}" date="{today}"/>\n  </releases>\n'
    return text.replace("</component>", releases + "</component>")


def _control(version: str, arch: str, size_kib: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Shop Workbench <release@shopworkbench.invalid>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {DEPENDS}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: Shop Workbench (小店工作台)\n"
        " A desktop workbench for WeChat Shop creators and merchants: choose products,\n"
        " promote them on your channels, follow samples and sales, offline too.\n"
    )


def build(bundle: Path, out: Path) -> Path:
    """The .deb of ``bundle`` in ``out``; returns its path."""
    version = workbench.__version__
    arch = ARCHITECTURES.get(platform.machine(), platform.machine())
    if not (bundle / "workbench").is_file():
        raise SystemExit(f"linux_package: no bundle at {bundle} (run packaging/build.sh first)")
    with tempfile.TemporaryDirectory(prefix="deb-") as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
        usr_bin = root / "usr" / "bin"
        usr_bin.mkdir(parents=True)
        os.symlink(Path("..", "..", INSTALL_DIR, "workbench"), usr_bin / "workbench")
        share = root / "usr" / "share"
        (share / "applications").mkdir(parents=True)
        shutil.copy(ROOT / "resources" / "linux" / f"{APP_ID}.desktop", share / "applications")
        (share / "metainfo").mkdir()
        (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(
            _metainfo(version), encoding="utf-8"
        )
        icons = Path(tmp) / "icons"
        subprocess.run([sys.executable, str(ROOT / "packaging" / "make_icons.py"), str(icons)],
                       check=True)  # fmt: skip
        shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
        scalable = share / "icons" / "hicolor" / "scalable" / "apps"
        scalable.mkdir(parents=True)
        shutil.copy(ROOT / "resources" / "icons" / "workbench.svg", scalable / f"{APP_ID}.svg")
        doc = share / "doc" / PACKAGE
        doc.mkdir(parents=True)
        shutil.copy(bundle / "THIRD-PARTY-LICENSES.txt", doc / "copyright")
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(
            _control(version, arch, size // 1024), encoding="utf-8"
        )
        out.mkdir(parents=True, exist_ok=True)
        deb = out / f"{PACKAGE}_{version}_{arch}.deb"
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", str(root), str(deb)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return deb


if __name__ == "__main__":
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "ShopWorkbench"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "dist"
    deb = build(bundle, out)
    print(f"{deb} ({deb.stat().st_size / 2**20:.0f} MB)")
