"""Money as the interface shows it: ¥, the language's thousands and two decimals, on every page
(the channel list's "¥6789.45 in 21 orders" sat beside the 数据 page's "¥20,874.45")."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from workbench.ui.i18n import Translations
from workbench.ui.selection.columns import yuan


def test_money_has_its_thousands_and_two_decimals(translations: Translations) -> None:
    translations.apply("en")
    assert yuan(1_777_990) == "¥17,779.90"
    assert yuan(123_456_789_012) == "¥1,234,567,890.12"  # exact: no float on the way
    assert yuan(5) == "¥0.05" and yuan(0) == "¥0.00"
    assert yuan(-240) == "-¥2.40"  # the sign before the currency, as the 数据 page writes it
    translations.apply("zh_CN")
    assert yuan(1_777_990) == "¥17,779.90"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert yuan(1_777_990) == "¥17.779,90"  # the locale's separators, like the other numbers
