"""Light and dark palettes: Fusion, distinct window colours, readable text in both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from workbench.ui import theme
from workbench.ui.theme import apply_theme, error_color, resolve_theme


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_theme(qapp, "light")


def test_light_and_dark_differ_and_both_read_well(app: QApplication) -> None:
    apply_theme(app, "light")
    assert app.style().name().lower() == "fusion"
    light = app.palette()
    apply_theme(app, "dark")
    dark = app.palette()
    window = QPalette.ColorRole.Window
    assert light.color(window) != dark.color(window)
    assert dark.color(window).lightness() < 80 < 180 < light.color(window).lightness()
    for palette in (light, dark):
        for back, front in (
            (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText),
            (QPalette.ColorRole.Base, QPalette.ColorRole.Text),
            (QPalette.ColorRole.Button, QPalette.ColorRole.ButtonText),
            (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText),
        ):
            assert _contrast(palette.color(back), palette.color(front)) >= 4.5, (back, front)
        assert _contrast(palette.color(window), error_color(palette)) >= 4.5


def test_system_follows_the_colour_scheme(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    assert resolve_theme("system") == "dark"
    apply_theme(app, "system")
    assert theme.is_dark(app.palette())
    monkeypatch.setattr(theme, "system_is_dark", lambda: False)
    assert resolve_theme("system") == "light"
    apply_theme(app, "system")
    assert not theme.is_dark(app.palette())


def test_an_explicit_theme_ignores_the_system(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    apply_theme(app, "light")
    assert not theme.is_dark(app.palette())
    theme._follow_system(app)  # the system switching scheme changes nothing
    assert not theme.is_dark(app.palette())
