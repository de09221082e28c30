"""The listing health screenshots of ``screenshot_app.py``: the channels page with its "Needs
attention" panel open (``attention-*``) and the "Replacements…" dialog of a problem listing
that has suggestions (``replacements-*``), for every language and theme. A step of its chain,
kept here so the chain itself changes by one call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

Shoot = Callable[..., None]
Wait = Callable[..., None]


def shoot_health(window: Any, shoot_all: Shoot, wait_for: Wait, then: Callable[[], None]) -> None:
    """Shoot the panel and the dialog on the channels page, then go back and call ``then``."""
    window.select_page("channels")
    panel = window.page("channels").attention
    state: dict[str, Any] = {"row": 0}

    def opened() -> None:
        panel.toggle.setChecked(True)
        panel.table.selectRow(0)
        wait_for(lambda: panel.model.shown(0) is not None,
                 lambda: shoot_all("attention", next_dialog), "the problem listings")  # fmt: skip

    def next_dialog() -> None:
        if state["row"] >= panel.model.rowCount():
            finish()
            return
        panel.table.selectRow(state["row"])
        panel.open_replacements()
        wait_for(lambda: panel.dialog is not None and panel.dialog.loaded, checked,
                 "the replacements")  # fmt: skip

    def checked() -> None:
        dialog = panel.dialog
        if dialog.suggestions:
            target: Callable[[], QWidget] = lambda: dialog  # noqa: E731
            shoot_all("replacements", finish, target)
            return
        dialog.reject()
        state["row"] += 1
        next_dialog()

    def finish() -> None:
        if panel.dialog is not None:
            panel.dialog.reject()
        panel.toggle.setChecked(False)
        window.select_page("selection")
        then()

    wait_for(lambda: bool(panel.total), opened, "the health check")
