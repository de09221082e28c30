"""Saved filters of the selection center: save the current filter by name, delete one.

Both are edits (``saved_filter.put`` / ``saved_filter.delete``) queued through the page's batch
edits, so they work offline; the filter bar's menu is refreshed from the cache afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from workbench.core.ids import uuid7
from workbench.store import filter_codec

if TYPE_CHECKING:
    from workbench.ui.selection.page import SelectionPage


class SavedFilterActions(QObject):
    """What the filter bar's "Save filter…" and a saved filter's delete do."""

    def __init__(self, page: SelectionPage) -> None:
        super().__init__(page)
        self.page = page

    def save(self, name: str) -> None:
        page = self.page
        if page.session is None:
            page.show_message(lambda: self.tr("Open an account to save filters."))
            return
        existing = next((i for i, n, _q in page.filter_bar.saved if n == name), None)
        query = filter_codec.to_json(page.model.filter)
        saved_id = existing or uuid7()
        page.batch.edit(
            lambda cache: cache.enqueue(
                "saved_filter.put", saved_id, {"name": name, "query": query}
            ),
            lambda _r: self._saved(name),
        )

    def _saved(self, name: str) -> None:
        self.page.load_side_data()
        self.page.show_message(lambda: self.tr('Filter "%1" saved.').replace("%1", name))

    def delete(self, saved_id: str, name: str) -> None:
        page = self.page
        if page.session is None:
            return
        answer = QMessageBox.question(page, self.tr("Delete filter"),
                                      self.tr("Delete the saved filter \"%1\"?").replace("%1", name))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        page.batch.edit(lambda cache: cache.enqueue("saved_filter.delete", saved_id, {}),
                          lambda _r: page.load_side_data())  # fmt: skip
