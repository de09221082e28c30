"""Widget-test helpers: translations compiled fresh from i18n/, and the language reset after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from workbench.ui.i18n import Translations

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def translations(qapp: QApplication, compiled_translations: Path) -> Iterator[Translations]:
    """A Translations loading the fresh .qm files; English again after the test."""
    locale = QLocale()
    translations = Translations(qapp, directory=compiled_translations)
    yield translations
    translations.clear()
    QLocale.setDefault(locale)
