"""Run the real app in a real window (under Xvfb) and save screenshots of it.

    xvfb-run -a python -m tests.shell.screenshot_app OUT_DIR SEEDED_SERVER_DB QM_DIR

Used by ``test_screenshots.py``: it starts the app at the default 1200×780 window on a copy of a
seeded demo, waits for the first sync, applies a filter on the selection center (keyword 茶,
price from ¥10), and for zh_CN / en × light / dark grabs from the screen (what X shows, not an
off-screen render) into ``OUT_DIR``: ``columns-*`` (the table, details closed), ``main-*`` (the
first row's details open), ``compare-*`` (the compare dialog), ``listings-*`` (我的渠道 with a
channel's listings), the listing health shots of ``health_shots.py``
(``attention-*``, ``replacements-*``), ``rejected-*`` (the legacy creator adds a 公众号 channel and the server's
refusal is said above the pages), ``upgrade-*`` (that creator's channels page with the upgrade
banner) and ``conflicts-*`` (the conflicts inbox behind "Show conflicts", one item discarded);
then as the demo merchant: ``merchant-*`` (its selection center), ``myplans-*`` (My plans, a plan
selected), ``plancreate-*`` (the create dialog refusing a second general plan at 12.5 %),
``reviews-*`` (the application queue, five rows selected) and ``samplequeue-*`` (every sample
request).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.shell.health_shots import shoot_health
from tests.shell.shots import Shots, main_of
from workbench.core.demo import DEMO_LOGINS
from workbench.store.products import ProductFilter
from workbench.ui.accounts import EMBEDDED, AccountRef
from workbench.ui.theme import apply_theme


def main(out: Path, seeded: Path, qm_dir: Path) -> int:
    shots = Shots(out, seeded, qm_dir, settle_ms=600)
    app, bench, window = shots.app, shots.bench, shots.window
    shoot_all, wait_for = shots.shoot_all, shots.wait_for

    page: Any = None

    def filtered() -> None:
        # The selection center with a filter applied and rows chosen, details closed.
        nonlocal page
        page = window.ensure_selection_page()
        page.apply_filter(ProductFilter(keyword="茶", price_min_fen=1000))
        wait_for(lambda: page.model.row_data(0) is not None, columns, "the first rows")

    def columns() -> None:
        page.select_rows([0, 2])
        shoot_all("columns", details)

    def details() -> None:
        page.open_details()
        wait_for(
            lambda: page.detail.detail is not None, lambda: shoot_all("main", compare), "details"
        )

    def compare() -> None:
        page.select_rows([0, 1, 2])
        page.compare()
        wait_for(lambda: getattr(page.comparing, "dialog", None) is not None,
                 lambda: shoot_all("compare", listings, lambda: page.comparing.dialog), "compare")  # fmt: skip

    def listings() -> None:
        # 我的渠道 with the channel of most listings chosen: its listings below, two selected.
        page.comparing.dialog.close()
        window.select_page("channels")
        channels = window.page("channels")
        wait_for(lambda: channels.loaded, lambda: choose(channels), "the channels")

    def choose(channels: Any) -> None:
        best = max(range(len(channels.rows)), key=lambda r: channels.rows[r].listings)
        channels.table.selectRow(best)
        view = channels.listings
        wait_for(lambda: view.model.row_data(0) is not None,
                 lambda: (view.select_rows([0, 1]), shoot_all("listings", health)),
                 "the listings")  # fmt: skip

    def health() -> None:
        shoot_health(window, shoot_all, wait_for, rejected)

    def rejected() -> None:
        bench.translations.apply("en")
        apply_theme(app, "light")
        bench.controller.synced.connect(legacy_open)
        bench.open_account(AccountRef(EMBEDDED, DEMO_LOGINS["creator_legacy"]))

    def legacy_open(_summary: Any) -> None:
        bench.controller.synced.disconnect(legacy_open)
        page.hide_details()
        wait_for(lambda: page.session is not None and page.model.row_data(0) is not None, place,
                 "the legacy creator's rows")  # fmt: skip

    def place() -> None:
        page.place([str(page.model.product_id(r)) for r in (0, 1)], [],
                   [("official_account", "我的公众号")])  # fmt: skip
        wait_for(lambda: window.rejection.isVisible(), lambda: shoot_all("rejected", upgrade),
                 "the rejection notice")  # fmt: skip

    def upgrade() -> None:
        # The legacy creator's channels page: the upgrade banner with the figures it keeps.
        window.select_page("channels")
        channels = window.page("channels")
        wait_for(lambda: channels.loaded and channels.banner.figures is not None,
                 lambda: shoot_all("upgrade", conflicts), "the upgrade banner")  # fmt: skip

    def conflicts() -> None:
        window.rejection.show_button.click()
        wait_for(lambda: window.conflicts_dialog is not None
                 and window.conflicts_dialog.table.rowCount() > 1, discard_one,
                 "the conflicts inbox")  # fmt: skip

    def discard_one() -> None:
        # One item resolved (listed as such, below the open one), the open one selected.
        inbox = window.conflicts_dialog
        inbox.table.selectRow(1)
        inbox.discard()
        wait_for(lambda: any(not i.open for i in inbox.items),
                 lambda: (inbox.table.selectRow(0),
                          shoot_all("conflicts", merchant, lambda: window.conflicts_dialog)),
                 "a discarded item")  # fmt: skip

    def merchant() -> None:
        # The merchant's own rail (plans, reviews, samples, analytics) and selection center.
        assert window.conflicts_dialog is not None
        window.conflicts_dialog.close()
        bench.translations.apply("en")
        apply_theme(app, "light")
        bench.controller.synced.connect(merchant_open)
        bench.open_account(AccountRef(EMBEDDED, DEMO_LOGINS["merchant"]))

    def merchant_open(_summary: Any) -> None:
        bench.controller.synced.disconnect(merchant_open)
        wait_for(lambda: page.session is not None and page.model.row_data(0) is not None,
                 lambda: shoot_all("merchant", my_plans), "the merchant's rows")  # fmt: skip

    plans: Any = None

    def my_plans() -> None:
        # My plans with the first plan selected (its creators and sales by channel kind).
        nonlocal plans
        window.select_page("my_plans")
        plans = window.page("my_plans")
        wait_for(lambda: plans.model.ready and plans.model.row(0) is not None, plan_detail,
                 "the merchant's plans")  # fmt: skip

    def plan_detail() -> None:
        rows = plans.model.loaded_rows()
        general = next(r for r in rows if r.plan_type.value == "general")
        targeted = next(r for r in rows if r.plan_type.value == "targeted")
        plans.table.selectRow(plans.model.row_of(targeted.id))
        wait_for(lambda: plans.detail is not None,
                 lambda: shoot_all("myplans", lambda: create_plan(general)), "a plan's detail")  # fmt: skip

    def create_plan(general: Any) -> None:
        # The create dialog refusing a plan: a second general plan, at 12.5 %.
        plans.open_create()
        dialog = plans.dialog
        dialog.set_products([general.product_id], {general.product_id: general.title})
        dialog.rate.setValue(12.5)
        dialog.submit()
        wait_for(lambda: dialog.rate_error.isVisible() and dialog.products_error.isVisible(),
                 lambda: shoot_all("plancreate", reviews, lambda: dialog), "the rule errors")  # fmt: skip

    queue: Any = None

    def reviews() -> None:
        nonlocal queue
        plans.dialog.close()
        window.select_page("reviews")
        queue = window.page("reviews")
        wait_for(lambda: queue.model.ready and queue.model.row(4) is not None, review_rows,
                 "the review queue")  # fmt: skip

    def review_rows() -> None:
        for row in range(5):
            queue.table.selectionModel().select(
                queue.model.index(row, 0),
                queue.table.selectionModel().SelectionFlag.Select
                | queue.table.selectionModel().SelectionFlag.Rows,
            )
        shoot_all("reviews", samples)

    def samples() -> None:
        window.select_page("sample_reviews")
        queue = window.page("sample_reviews")
        queue.set_filter(type(queue.filter)("sample", "all"))
        wait_for(lambda: queue.model.ready and queue.model.row(0) is not None,
                 lambda: shoot_all("samplequeue", app.quit), "the sample queue")  # fmt: skip

    return shots.run(filtered)


if __name__ == "__main__":
    main_of(main)
