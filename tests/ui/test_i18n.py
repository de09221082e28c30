"""Language switching: the app's and Qt's translators, fallbacks, and the system language."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from workbench.ui import i18n
from workbench.ui.i18n import Translations, resolve_language, system_language


def _close_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    button = box.button(QDialogButtonBox.StandardButton.Close)
    assert button is not None
    return button.text()


@pytest.mark.parametrize(
    ("language", "territory", "expected"),
    [
        (QLocale.Language.Chinese, QLocale.Country.China, "zh_CN"),
        (QLocale.Language.Chinese, QLocale.Country.Taiwan, "zh_CN"),
        (QLocale.Language.English, QLocale.Country.UnitedStates, "en"),
        (QLocale.Language.German, QLocale.Country.Germany, "en"),
    ],
)
def test_system_language(
    language: QLocale.Language, territory: QLocale.Country, expected: str
) -> None:
    assert system_language(QLocale(language, territory)) == expected


def test_resolve_language() -> None:
    assert resolve_language("zh_CN") == "zh_CN"
    assert resolve_language("en") == "en"
    assert resolve_language("system") == system_language()
    assert resolve_language("fr") == "en"


def test_qt_ships_its_own_chinese_translation() -> None:
    assert (i18n.qt_translations_dir() / "qtbase_zh_CN.qm").is_file()


def test_switching_to_chinese_and_back(translations: Translations) -> None:
    english_close = _close_text()
    assert translations.apply("zh_CN") == "zh_CN"
    assert translations.language == "zh_CN"
    assert QCoreApplication.translate("SettingsPage", "Settings") == "设置"
    assert _close_text() == "关闭"  # Qt's own strings, from qtbase_zh_CN.qm
    assert QLocale().language() == QLocale.Language.Chinese

    assert translations.apply("en") == "en"
    assert QCoreApplication.translate("SettingsPage", "Settings") == "Settings"
    assert _close_text() == english_close


def test_english_plural_forms(translations: Translations) -> None:
    translations.apply("en")
    one = QCoreApplication.translate("ErrorDialog", "%Ln unexpected error(s) occurred.", "", 1)
    two = QCoreApplication.translate("ErrorDialog", "%Ln unexpected error(s) occurred.", "", 2)
    assert "(s)" not in one and "(s)" not in two
    assert "2" in two


def test_a_missing_qm_falls_back_to_english(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    translations = Translations(qapp, directory=tmp_path)
    with caplog.at_level(logging.WARNING, logger="workbench.ui.i18n"):
        assert translations.apply("zh_CN") == "en"
    assert "workbench_zh_CN.qm" in caplog.text
    assert QCoreApplication.translate("SettingsPage", "Settings") == "Settings"
    translations.clear()


def test_an_open_compare_dialog_follows_a_language_switch(
    qtbot: QtBot, translations: Translations
) -> None:
    from workbench.ui.selection.compare_dialog import CompareDialog

    row = {
        "title": "茶", "shop_name": "茗泉茶馆", "shop_score_x10": 46, "category_name": "茶",
        "price_fen": 1290, "commission_ppm": 200_000, "best_plan_rate_ppm": None,
        "commission_per_sale_fen": 258, "monthly_sales": 10, "stock": 5,
        "guarantee_flags": 1, "status": "listed",
    }  # fmt: skip
    dialog = CompareDialog([row, dict(row, price_fen=990)], {"price_fen"})
    qtbot.addWidget(dialog)
    label = dialog.table.verticalHeaderItem(0)
    assert label is not None and label.text() == "Shop"
    translations.apply("zh_CN")  # Qt posts the LanguageChange to every window
    qtbot.waitUntil(lambda: dialog.windowTitle() != "Compare products")
    header = dialog.table.verticalHeaderItem(0)
    assert header is not None and header.text() == "店铺"
    assert "Highlighted" not in dialog.note.text()
    status = dialog.table.item(dialog.table.rowCount() - 1, 0)
    assert status is not None and status.text() != "On sale"  # the values' words too
