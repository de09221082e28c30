"""The third-party component list: read from the installed distributions, with licence texts."""

from __future__ import annotations

from importlib.metadata import distribution

from workbench.licences import QT_REPLACEMENT, components, notice_text

LGPL_TITLE = "GNU LESSER GENERAL PUBLIC LICENSE"


def test_list_holds_pyside6_and_qt_under_the_lgpl_with_its_text() -> None:
    found = {c.name.lower(): c for c in components()}
    pyside = found.get("pyside6-essentials") or found.get("pyside6_essentials")
    assert pyside is not None, sorted(found)
    assert pyside.version == distribution("PySide6_Essentials").version
    assert "LGPL-3.0-only" in pyside.licence
    assert any(LGPL_TITLE in t.text for t in pyside.texts)
    qt = found["qt"]
    assert qt.version == pyside.version and qt.licence == "LGPL-3.0-only"
    assert any(LGPL_TITLE in t.text for t in qt.texts)
    # The LGPL is a set of permissions on top of the GPL: its text goes with it.
    assert any("GNU GENERAL PUBLIC LICENSE" in t.text and "Version 3" in t.text for t in qt.texts)


def test_list_follows_requirements_through_installed_distributions() -> None:
    names = {c.name.lower().replace("_", "-") for c in components()}
    # httpx -> httpcore -> h11: two steps from our own requirements, named nowhere in our code.
    assert {"httpx", "httpcore", "h11", "shiboken6", "sqlalchemy"} <= names
    assert "shop-workbench" not in names  # not a third party
    assert "pytest" not in names  # an extra's requirement (test), not the app's


def test_every_component_has_a_licence_and_its_text() -> None:
    for component in components():
        assert component.licence, component.name
        assert component.texts, f"{component.name}: no licence text found"
        assert all(t.text.strip() for t in component.texts), component.name


def test_notice_file_says_how_to_replace_qt_and_carries_the_texts() -> None:
    text = notice_text()
    assert QT_REPLACEMENT in text
    assert text.count(LGPL_TITLE) >= 2  # PySide6 and Qt (at least)
    assert "pyqtgraph" in text
