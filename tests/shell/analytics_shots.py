"""Screenshots of the 数据 page in a real window (under Xvfb), zh_CN and en, light and dark.

    xvfb-run -a -s "-screen 0 1400x900x24" python -m tests.shell.analytics_shots OUT_DIR SEEDED_DB QM_DIR

Starts the app at the default 1200×780 window on a copy of a seeded demo (SEEDED_DB is made
first if it does not exist: 800 products, 2 orders a day, "now" 2026-11-30), and grabs from
the screen: ``creator-30d-*`` (the creator's dashboard, last 30 days by day), ``creator-year-*``
(this year's gift orders by day: the holiday peaks; the trend table's CSV just exported), ``creator-channels-*`` (GMV by channel,
stacked), ``ledger-*`` (the commission ledger), then the demo merchant's ``merchant-30d-*`` and
``merchant-matrix-*`` (creators × channels, this year).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.shell.shots import COMBOS, REPAINT_MS, SIZE
from workbench.demo import DEMO_LOGINS
from workbench.paths import embedded_server_database
from workbench.store.analytics import Grain, Preset
from workbench.ui.accounts import EMBEDDED, AccountRef
from workbench.ui.analytics.page import AnalyticsPage
from workbench.ui.app import Workbench
from workbench.ui.theme import apply_theme

SEED_DAY = date(2026, 11, 30)


def _seed(path: Path) -> None:
    from workbench.server.db import Database
    from workbench.server.seed.seeder import seed_database

    db = Database(f"sqlite:///{path}")
    try:
        seed_database(
            db, products=800, seed=5, now=datetime(2026, 11, 30, tzinfo=UTC), orders_per_day=2
        )
    finally:
        db.dispose()


def main(out: Path, seeded: Path, qm_dir: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    if not seeded.exists():
        _seed(seeded)
    shutil.copyfile(seeded, Path(embedded_server_database().removeprefix("sqlite:///")))
    app = QApplication(sys.argv[:1])
    bench = Workbench(app, demo_products=800)
    bench.translations.directory = qm_dir
    window = bench.window
    failures: list[str] = []
    page: Any = None

    def shoot_all(prefix: str, then: Callable[[], None]) -> None:
        def shoot(index: int) -> None:
            if index == len(COMBOS):
                then()
                return
            language, theme = COMBOS[index]
            bench.translations.apply(language)
            apply_theme(app, theme)
            window.raise_()

            def grab() -> None:
                frame = window.frameGeometry()
                image = window.screen().grabWindow(
                    0, frame.x(), frame.y(), frame.width(), frame.height()
                )
                if not image.save(str(out / f"{prefix}-{language}-{theme}.png")):
                    failures.append(prefix)
                shoot(index + 1)

            QTimer.singleShot(REPAINT_MS, grab)

        shoot(0)

    def show(
        preset: Preset, grain: Grain, tab: int, section: str, then: Callable[[], None]
    ) -> None:
        page.tabs.setCurrentIndex(tab)
        done: list[bool] = []
        page.shown_dashboard.connect(lambda: done.append(True))
        page.grain.setCurrentIndex(page.grain.findData(grain.value))
        page.preset.setCurrentIndex(page.preset.findData(preset.value))
        page.refresh()

        def pick() -> None:
            if section:
                sections = list(page.dashboard.sections)
                page.dashboard.tabs.setCurrentIndex(sections.index(section))
            then()

        wait(lambda: bool(done) and (tab != 1 or page.ledger.loaded), pick)

    def wait(ready: Callable[[], bool], then: Callable[[], None], tries: int = 0) -> None:
        if ready():
            QTimer.singleShot(300, then)
        elif tries > 400:
            failures.append("timed out")
            app.quit()
        else:
            QTimer.singleShot(50, lambda: wait(ready, then, tries + 1))

    def creator(_summary: Any) -> None:
        nonlocal page
        bench.controller.synced.disconnect(creator)
        window.select_page("analytics")
        page = window.page("analytics")
        assert isinstance(page, AnalyticsPage)
        page.today = SEED_DAY
        show(Preset.LAST_30, Grain.DAY, 0, "trend",
             lambda: exported(lambda: shoot_all("creator-30d", year)))  # fmt: skip

    def exported(then: Callable[[], None]) -> None:
        """The trend table's CSV written (off the GUI thread): its note beside the button."""
        table = page.dashboard.section("trend").table
        table.export_to(out / "creator-30d-trend.csv")
        wait(lambda: table.exporter.written is not None, then)

    def year() -> None:
        show(Preset.THIS_YEAR, Grain.DAY, 0, "gifts", lambda: shoot_all("creator-year", channels))

    def channels() -> None:
        show(Preset.LAST_90, Grain.WEEK, 0, "channels",
             lambda: shoot_all("creator-channels", ledger))  # fmt: skip

    def ledger() -> None:
        def claim() -> None:  # the ledger's CSV written: its note under the lines
            page.ledger.export_to(out / "ledger-claim.csv")
            wait(lambda: page.ledger.exporter.written is not None,
                 lambda: shoot_all("ledger", merchant))  # fmt: skip

        show(Preset.ALL, Grain.MONTH, 1, "", claim)

    def merchant() -> None:
        bench.controller.synced.connect(merchant_open)
        bench.open_account(AccountRef(EMBEDDED, DEMO_LOGINS["merchant"]))

    def merchant_open(_summary: Any) -> None:
        bench.controller.synced.disconnect(merchant_open)
        wait(lambda: page.loaded and page.role.value == "merchant", merchant_30d)

    def merchant_30d() -> None:
        show(Preset.LAST_30, Grain.DAY, 0, "trend", lambda: shoot_all("merchant-30d", matrix))

    def matrix() -> None:
        show(Preset.THIS_YEAR, Grain.MONTH, 0, "matrix",
             lambda: shoot_all("merchant-matrix", app.quit))  # fmt: skip

    bench.controller.synced.connect(creator)
    bench.accounts.failed.connect(lambda _r, exc: (failures.append(repr(exc)), app.quit()))
    QTimer.singleShot(240_000, lambda: (failures.append("timed out"), app.quit()))
    window.resize(*SIZE)
    bench.start()
    app.exec()
    bench.shutdown()
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
