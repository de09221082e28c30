"""Light and dark colours: the Fusion style with a palette we control.

Native styles draw differently on every platform and some ignore a dark palette, so the
workbench always uses Fusion and sets its palette itself. "system" follows the operating
system's colour scheme (``QStyleHints.colorScheme``, Qt 6.5+) and keeps following it while the
app runs; where the platform does not say, it is light.

Widgets that need a colour of their own (an inline error text, a chart line) take it from the
palette or from :func:`error_color`, never a fixed hex value, so both themes stay readable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")

_THEME_PROPERTY = "workbench_theme"
_FOLLOWING_PROPERTY = "workbench_follows_color_scheme"


def system_is_dark() -> bool:
    """Whether the operating system asks for dark colours (False when it does not say)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def resolve_theme(theme: str) -> str:
    """ "light" or "dark" for a setting value; "system" asks the operating system."""
    if theme == "system":
        return "dark" if system_is_dark() else "light"
    return "dark" if theme == "dark" else "light"


def light_palette() -> QPalette:
    """Fusion's own light palette, with a deeper blue so selected text keeps its contrast."""
    palette = QStyleFactory.create("Fusion").standardPalette()
    _set_accent(palette, QColor("#1f6fb2"))
    return palette


def dark_palette() -> QPalette:
    """A dark palette with enough contrast for long reading (text about 12:1 on the window)."""
    palette = QPalette()
    window = QColor("#2b2d30")
    base = QColor("#1e1f22")
    text = QColor("#e6e6e6")
    disabled = QColor("#7d8087")
    highlight = QColor("#2f65ca")
    colors = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26282b"),
        QPalette.ColorRole.ToolTipBase: QColor("#3c3f41"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8c8f96"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#3c3f41"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b68"),
        QPalette.ColorRole.Light: QColor("#4e5157"),
        QPalette.ColorRole.Midlight: QColor("#43454a"),
        QPalette.ColorRole.Mid: QColor("#393b40"),
        QPalette.ColorRole.Dark: QColor("#1b1c1f"),
        QPalette.ColorRole.Shadow: QColor("#0f1012"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#6ea8fe"),
        QPalette.ColorRole.LinkVisited: QColor("#b197fc"),
    }
    for role, color in colors.items():
        palette.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    _set_accent(palette, highlight)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#44474d"))
    return palette


def _set_accent(palette: QPalette, color: QColor) -> None:
    # Highlight colours selections; Accent (Qt 6.6+) colours checked boxes and focus frames.
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, color)
        if hasattr(QPalette.ColorRole, "Accent"):
            palette.setColor(group, QPalette.ColorRole.Accent, color)


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(palette: QPalette) -> QColor:
    """A red that reads well on ``palette``'s window colour."""
    return QColor("#ff7b72") if is_dark(palette) else QColor("#c62828")


def apply_theme(app: QApplication, theme: str) -> None:
    """Use Fusion with the light or dark palette for ``theme`` ("system", "light" or "dark")."""
    app.setProperty(_THEME_PROPERTY, theme)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if resolve_theme(theme) == "dark" else light_palette())
    hints = QGuiApplication.styleHints()
    if not app.property(_FOLLOWING_PROPERTY) and hasattr(hints, "colorSchemeChanged"):
        app.setProperty(_FOLLOWING_PROPERTY, True)
        hints.colorSchemeChanged.connect(lambda _scheme: _follow_system(app))


def _follow_system(app: QApplication) -> None:
    if app.property(_THEME_PROPERTY) == "system":
        apply_theme(app, "system")
