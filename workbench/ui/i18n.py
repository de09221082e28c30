"""The interface language: Qt translators for the app's strings and for Qt's own.

Source strings are English and go through ``self.tr`` (``QCoreApplication.translate`` outside
QObject subclasses). ``i18n/workbench_<lang>.ts`` holds the translations; ``scripts/build-
translations`` compiles them to ``workbench/ui/translations/workbench_<lang>.qm``, which ships
with the app. Qt's own strings (standard buttons such as "Close", file dialogs, context menus)
come from ``qtbase_<lang>.qm`` in Qt's translations folder.

:meth:`Translations.apply` switches language while the app runs: installing or removing a
translator makes Qt send ``QEvent.LanguageChange`` to every widget, and each widget sets its
texts again in ``retranslate()`` (see docs/contributing-ui.md). A missing ``.qm`` file is not
an error: the interface stays in English and a warning is logged.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("system", "zh_CN", "en")
"""What the ``language`` setting may say; "system" follows the operating system."""

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
"""Where the compiled ``workbench_<lang>.qm`` files live (built by scripts/build-translations)."""


def system_language(locale: QLocale | None = None) -> str:
    """``"zh_CN"`` when the system's locale (or ``locale``) is any Chinese, else ``"en"``.

    Traditional Chinese systems (zh_TW, zh_HK) get Simplified Chinese too: closer than English.
    """
    locale = locale if locale is not None else QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def resolve_language(language: str) -> str:
    """The language to show for a setting value: "system" becomes zh_CN or en."""
    if language == "system":
        return system_language()
    if language not in LANGUAGES:
        log.warning("unknown language %r; using English", language)
        return "en"
    return language


def qt_translations_dir() -> Path:
    """Qt's own translations folder (inside the PySide6 package, or the frozen app)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


class Translations:
    """Owns the app's translators and swaps them when the language changes."""

    def __init__(
        self,
        app: QCoreApplication,
        directory: Path = TRANSLATIONS_DIR,
        qt_directory: Path | None = None,
    ) -> None:
        self.app = app
        self.directory = directory
        self.qt_directory = qt_directory if qt_directory is not None else qt_translations_dir()
        self.language = "en"
        """The language shown now (after fallbacks): "zh_CN" or "en"."""
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> str:
        """Show the interface in ``language`` ("system", "zh_CN" or "en"); returns what is shown.

        Falls back to English (with a logged warning) when the app's ``.qm`` file is missing.
        """
        wanted = resolve_language(language)
        self.clear()
        app_translator = self._load(f"workbench_{wanted}", self.directory)
        if app_translator is None:
            # For English that only loses the plural forms ("1 error" / "2 errors").
            log.warning(
                "no translation file workbench_%s.qm in %s (run scripts/build-translations);"
                " showing English",
                wanted,
                self.directory,
            )
            shown = "en"
        else:
            shown = wanted
            self._install(app_translator)
        if shown != "en":
            qt_translator = self._load(f"qtbase_{shown}", self.qt_directory)
            if qt_translator is None:
                log.warning("Qt's own qtbase_%s.qm is missing in %s", shown, self.qt_directory)
            else:
                self._install(qt_translator)
        # Numbers and dates follow the interface language, or the system's own locale.
        QLocale.setDefault(
            QLocale.system() if language == "system" and shown == wanted else QLocale(shown)
        )
        self.language = shown
        return shown

    def clear(self) -> None:
        """Remove every translator this object installed (the interface falls back to English)."""
        while self._installed:
            self.app.removeTranslator(self._installed.pop())
        self.language = "en"

    def _load(self, name: str, directory: Path) -> QTranslator | None:
        translator = QTranslator(self.app)
        if translator.load(name, str(directory)):
            return translator
        translator.deleteLater()
        return None

    def _install(self, translator: QTranslator) -> None:
        self.app.installTranslator(translator)
        self._installed.append(translator)
