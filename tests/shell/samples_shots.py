"""Screenshots of the creator's Samples (样品) under Xvfb at the default window.

    xvfb-run -a python -m tests.shell.samples_shots OUT_DIR SEEDED_SERVER_DB QM_DIR

Starts the real app on a copy of a seeded demo, waits for the first sync, and grabs for zh_CN /
en × light / dark: ``samples-*`` (the Samples page, every sample, the first shipped one
selected), ``samplefulfil-*`` (its "Hand in content" dialog refusing a link without http://,
over the page) and ``samplerequest-*`` (the selection center's details of a product with the
"Request sample…" dialog open over them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.shell.shots import Shots, main_of


def main(out: Path, seeded: Path, qm_dir: Path) -> int:
    shots = Shots(out, seeded, qm_dir)
    app, window = shots.app, shots.window
    shoot_all, wait_for = shots.shoot_all, shots.wait_for
    page: Any = None
    selection: Any = None

    def samples() -> None:
        nonlocal page
        window.select_page("samples")
        page = window.page("samples")
        wait_for(lambda: page.model.ready and page.summary_figures is not None, select_shipped)

    def select_shipped() -> None:
        row = next(r for r in page.model.loaded_rows() if r.status == "shipped")
        page.select_sample(row.id)
        shoot_all("samples", fulfil)

    def fulfil() -> None:
        page.fulfil_button.click()
        dialog = page.dialog
        dialog.url.setText("channels.weixin.qq.com/sph/abc")
        dialog.ok.click()
        shoot_all("samplefulfil", request)

    def request() -> None:
        nonlocal selection
        page.dialog.reject()
        window.select_page("selection")
        selection = window.page("selection")
        selection.table.selectRow(1)
        selection.open_details()
        action = selection.sample_request
        wait_for(lambda: action.state is not None and action.button.isEnabled(), ask)

    def ask() -> None:
        selection.sample_request.ask()
        selection.sample_request.dialog.text.setPlainText("想做开箱视频，粉丝 3 万")
        shoot_all("samplerequest", app.quit)

    return shots.run(samples)


if __name__ == "__main__":
    main_of(main)
