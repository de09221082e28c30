"""The translation sources in i18n/: current with the code, complete in Chinese, and compilable.

English is the source language, so ``workbench_en.ts`` may leave ordinary messages unfinished
(the source text is shown); only its plural messages must be filled, because "%n error(s)"
needs real English singular and plural forms. ``workbench_zh_CN.ts`` must translate everything.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
TS_FILES = ("workbench_zh_CN.ts", "workbench_en.ts")
FIX = "run scripts/update-translations and commit i18n/*.ts"

# Qt's %1 / %n / %Ln (the count in the locale's digits), Python's {name}, printf's %s / %d.
_PLACEHOLDER = re.compile(r"%(?:\d+|L?n|L\d+)|\{[A-Za-z_][A-Za-z0-9_]*\}|%[sd]")
_COUNTS = ("%n", "%Ln")
_ACCELERATOR = re.compile(r"&(?!&)\S")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    kind: str  # the translation's type attribute: "", "unfinished", "obsolete", "vanished"
    forms: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def label(self) -> str:
        return f"{self.context}: {self.source!r}"


def _messages(path: Path) -> list[Message]:
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{path.name}: {name} message without <translation>"
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            out.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    comment=message.findtext("comment", ""),
                    numerus=numerus,
                    kind=translation.get("type", ""),
                    forms=forms,
                )
            )
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copies of the committed .ts files, updated from the code as it is now."""
    out = tmp_path_factory.mktemp("i18n")
    for name in TS_FILES:
        shutil.copy(I18N / name, out / name)
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "update-translations"), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return out


def _stale(committed: list[Message], current: list[Message]) -> list[str]:
    live = {m.key for m in current if m.kind not in ("obsolete", "vanished")}
    kept = {m.key for m in committed if m.kind not in ("obsolete", "vanished")}
    problems = [f"  missing: {c}: {s!r}" for c, s, _ in sorted(live - kept)]
    problems += [f"  obsolete: {m.label}" for m in committed if m.key not in live]
    return problems


def _untranslated(messages: list[Message]) -> list[str]:
    return [
        m.label
        for m in messages
        if m.kind or not m.forms or any(not form.strip() for form in m.forms)
    ]


def _placeholder_problems(messages: list[Message]) -> list[str]:
    bad = []
    for m in messages:
        wanted = Counter(_PLACEHOLDER.findall(m.source))
        has_accelerator = bool(_ACCELERATOR.search(m.source))
        forms = [f for f in m.forms if f.strip()]
        for form in forms:
            got = Counter(_PLACEHOLDER.findall(form))
            if m.numerus:
                # A singular form may spell the number out ("An error"): %n is checked below.
                wanted_here = wanted - Counter({c: wanted[c] for c in _COUNTS})
                got -= Counter({c: got[c] for c in _COUNTS})
            else:
                wanted_here = wanted
            if got != wanted_here:
                bad.append(
                    f"{m.label} -> {form!r}: placeholders {dict(got)} != {dict(wanted_here)}"
                )
            if has_accelerator and not _ACCELERATOR.search(form):
                bad.append(f"{m.label} -> {form!r}: the & shortcut is missing")
        count = next((c for c in _COUNTS if c in _PLACEHOLDER.findall(m.source)), None)
        if m.numerus and forms and count and count not in _PLACEHOLDER.findall(forms[-1]):
            bad.append(f"{m.label}: the last plural form must show %n")
    return bad


@pytest.mark.parametrize("name", TS_FILES)
def test_ts_files_are_current_with_the_code(fresh: Path, name: str) -> None:
    current = _messages(fresh / name)
    assert current, "lupdate found no strings at all: is the source list empty?"
    problems = _stale(_messages(I18N / name), current)
    assert not problems, f"i18n/{name} is stale ({FIX}):\n" + "\n".join(problems)


def test_chinese_translates_every_message() -> None:
    bad = _untranslated(_messages(I18N / "workbench_zh_CN.ts"))
    assert not bad, "untranslated in i18n/workbench_zh_CN.ts:\n  " + "\n  ".join(bad)


def test_english_fills_every_plural_form() -> None:
    bad = _untranslated([m for m in _messages(I18N / "workbench_en.ts") if m.numerus])
    bad += [m.label for m in _messages(I18N / "workbench_en.ts") if m.numerus and len(m.forms) != 2]
    assert not bad, "plural messages need both English forms in i18n/workbench_en.ts:\n  " + (
        "\n  ".join(bad)
    )


@pytest.mark.parametrize("name", TS_FILES)
def test_translations_keep_placeholders_and_accelerators(name: str) -> None:
    bad = _placeholder_problems(_messages(I18N / name))
    assert not bad, f"i18n/{name}:\n  " + "\n  ".join(bad)


def test_lrelease_compiles_both(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-translations"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr
    for name in TS_FILES:
        qm = tmp_path / name.replace(".ts", ".qm")
        assert qm.is_file() and qm.stat().st_size > 0, qm


def test_the_checks_catch_broken_files(tmp_path: Path) -> None:
    """Each check above can fail: a hand-made file with one of each mistake is flagged."""
    path = tmp_path / "workbench_zh_CN.ts"
    path.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context><name>Page</name>
  <message><source>Open %1</source><translation>打开</translation></message>
  <message><source>&amp;Save</source><translation>保存</translation></message>
  <message><source>Later</source><translation type="unfinished"></translation></message>
  <message numerus="yes"><source>%n item(s)</source>
    <translation><numerusform>项</numerusform></translation></message>
  <message><source>Gone</source><translation type="vanished">没了</translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    broken = _messages(path)
    assert _untranslated(broken) == ["Page: 'Later'", "Page: 'Gone'"]
    problems = _placeholder_problems(broken)
    assert any("Open %1" in p and "placeholders" in p for p in problems)
    assert any("&Save" in p and "shortcut" in p for p in problems)
    assert any("%n item(s)" in p and "last plural form" in p for p in problems)
    code = [m for m in broken if m.source != "Later"] + [
        Message("Page", "New text", "", False, "unfinished", ("",))
    ]
    stale = _stale(broken, code)
    assert any("missing: Page: 'New text'" in p for p in stale)
    assert any("obsolete: Page: 'Later'" in p for p in stale)
    assert any("obsolete: Page: 'Gone'" in p for p in stale)
