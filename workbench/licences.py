"""The third-party components the app is built from, with their licences, read from metadata.

Nothing here is typed by hand: the list is the app's own distribution's requirements, followed
recursively through the installed distributions (``importlib.metadata``), each with its version,
its licence (``License-Expression``, else ``License``, else the classifier) and the licence
texts its wheel ships. The frozen app carries the same metadata (packaging/workbench.spec copies
it), so the About dialog, ``THIRD-PARTY-LICENSES.txt`` in the installers and this module agree.

Qt itself comes inside the PySide6 wheels; it is listed as a component of its own. Wheels that
ship no licence file (PySide6, shiboken6) get the text of each SPDX licence in their expression
from ``resources/licenses/`` (the FSF's texts, verbatim).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import Distribution, PackageMetadata, PackageNotFoundError, distribution
from pathlib import Path

import workbench
from workbench.assets import resource

# Distributions whose wheel carries the Qt libraries: Qt is listed beside them, same version.
QT_CARRIERS = ("pyside6-essentials", "pyside6-addons", "pyside6")
QT_LICENCE = "LGPL-3.0-only"  # of Qt's choices (LGPL-3.0 / GPL-2.0 / GPL-3.0), the one we use

QT_REPLACEMENT = (
    "Qt and PySide6 are used under the GNU Lesser General Public License v3 (LGPL-3.0-only). "
    "They are shipped as separate, dynamically loaded libraries, so you may replace them with "
    "your own build of the same Qt/PySide6 version: on Windows the Qt6*.dll files and the "
    "PySide6 folder under the install folder's _internal\\PySide6\\, on macOS the frameworks in "
    "ShopWorkbench.app/Contents/Frameworks/PySide6/Qt/lib/, on Linux the libQt6*.so.6 files in "
    "_internal/PySide6/Qt/lib/. The source of Qt is at https://download.qt.io/official_releases/qt/ "
    "and of PySide6 at https://download.qt.io/official_releases/QtForPython/."
)

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_SPDX_ID = re.compile(r"[A-Za-z0-9.+-]+")
_TEXT_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.I)


@dataclass(frozen=True)
class LicenceText:
    """One licence file: where it came from and what it says."""

    name: str
    text: str


@dataclass(frozen=True)
class Component:
    """A third-party component: its name, version, licence and licence texts."""

    name: str
    version: str
    licence: str
    texts: tuple[LicenceText, ...]
    homepage: str = ""
    note: str = ""


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(dist: Distribution) -> list[str]:
    """Names of what ``dist`` needs without extras (markers other than extras: installed or not)."""
    names = []
    for line in dist.requires or []:
        requirement, _, marker = line.partition(";")
        if "extra" in marker:
            continue
        match = _NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def _field(meta: PackageMetadata, key: str) -> str:
    values = meta.get_all(key) or []
    return str(values[0]) if values else ""


def _licence(meta: PackageMetadata) -> tuple[str, str]:
    """(short licence, long text from the ``License`` field if it holds a whole text)."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression.strip(), ""
    field = _field(meta, "License").strip()
    classifiers = [
        c.rsplit("::", 1)[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if field and "\n" not in field and len(field) <= 80 and field.upper() != "UNKNOWN":
        return field, ""
    short = " / ".join(classifiers) or "see the licence text"
    return short, field if "\n" in field else ""


def _shipped_texts(dist: Distribution) -> list[LicenceText]:
    """The licence files in the distribution's ``.dist-info`` folder."""
    folder = getattr(dist, "_path", None)  # a PathDistribution: list its folder, not its RECORD
    if isinstance(folder, Path) and folder.is_dir():
        found: list[tuple[str, Path]] = [
            (p.relative_to(folder).as_posix(), p) for p in sorted(folder.rglob("*"))
        ]
    else:
        found = [
            (str(f).split(".dist-info/", 1)[1], Path(f.locate()))
            for f in dist.files or []
            if ".dist-info/" in str(f)
        ]
    texts = []
    for name, path in found:
        if not _TEXT_FILE.search(name.rsplit("/", 1)[-1]) or not Path(path).is_file():
            continue
        try:
            texts.append(LicenceText(name, Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return texts


def spdx_texts(expression: str) -> list[LicenceText]:
    """The texts in ``resources/licenses/`` for the SPDX ids named in ``expression``."""
    texts: list[LicenceText] = []
    for spdx_id in dict.fromkeys(_SPDX_ID.findall(expression)):
        try:
            path = resource("licenses", f"{spdx_id}.txt")
        except FileNotFoundError:
            return texts
        if path.is_file():
            texts.append(LicenceText(path.name, path.read_text(encoding="utf-8")))
    return texts


def _component(dist: Distribution) -> Component:
    meta = dist.metadata  # parsed anew on every access: once here
    licence, field_text = _licence(meta)
    texts = _shipped_texts(dist)
    if field_text:
        texts.append(LicenceText("License (metadata)", field_text))
    if not texts:
        texts = spdx_texts(licence)
    urls = meta.get_all("Project-URL") or []
    homepage = _field(meta, "Home-page") or next(
        (u.split(",", 1)[1].strip() for u in urls if "," in u), ""
    )
    name, version = _field(meta, "Name"), _field(meta, "Version")
    return Component(name, version, licence, tuple(texts), homepage)


def components(root: str = workbench.DISTRIBUTION) -> list[Component]:
    """Every installed distribution ``root`` needs (not ``root`` itself), plus Qt, by name."""
    seen: dict[str, Distribution] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        key = _key(name)
        if key in seen:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:  # an optional or platform-only need, or left out of a bundle
            continue
        seen[key] = dist
        pending.extend(_requirements(dist))
    seen.pop(_key(root), None)
    found = [_component(dist) for dist in seen.values()]
    carrier = next((seen[k] for k in QT_CARRIERS if k in seen), None)
    if carrier is not None:
        found.append(
            Component(
                "Qt",
                carrier.version,  # the PySide6 wheels carry the Qt release of the same number
                QT_LICENCE,
                tuple(spdx_texts(QT_LICENCE + " GPL-3.0-only")),
                "https://www.qt.io/",
                note=f"inside {_field(carrier.metadata, 'Name')}",
            )
        )
    return sorted(found, key=lambda c: c.name.lower())


def notice_text(found: list[Component] | None = None) -> str:
    """``THIRD-PARTY-LICENSES.txt``: the list, how to replace Qt, then every licence text."""
    found = components() if found is None else found
    lines = ["Shop Workbench: third-party components and their licences", "", QT_REPLACEMENT, ""]
    lines += [f"  {c.name} {c.version}  ({c.licence})" for c in found]
    for c in found:
        lines += ["", "=" * 78, f"{c.name} {c.version}: {c.licence}", c.homepage, "=" * 78]
        for text in c.texts:
            lines += ["", f"--- {text.name}", "", text.text.rstrip()]
    return "\n".join(lines) + "\n"
