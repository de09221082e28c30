"""The selection center's batch actions: add the selected products to channels or favourites.

Each works on the table's selection (rows not read yet are read by the reader job that lists
the selected ids), asks for channels in a ``ChannelPicker``, and queues its edits through
``SyncController.edit_with`` (one outbox transaction, offline too); the action message then
follows the edit (queued offline → sent). A merchant is not offered these (``page.audience``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton

from workbench.store import placing, product_detail, products
from workbench.ui.action_message import OFFLINE, SENT
from workbench.ui.cache_notices import problem_text
from workbench.ui.selection.channel_picker import ChannelPicker
from workbench.ui.selection.model import PAGE
from workbench.ui.widgets import number

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.selection.page import SelectionPage

log = logging.getLogger(__name__)


class BatchActions(QObject):
    """The "Add to channels…" and "Add to favourites" buttons and what they do."""

    def __init__(self, page: SelectionPage) -> None:
        super().__init__(page)
        self.page = page
        self.picker: ChannelPicker  # the last channel picker opened (none until then)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addToChannels")
        self.favourite_button = QPushButton()
        self.favourite_button.setObjectName("addToFavourites")
        self.add_button.clicked.connect(self.add_selected_to_channels)
        self.favourite_button.clicked.connect(self.favourite_selected)
        for keys, action in (
            ("Ctrl+Shift+A", self.add_selected_to_channels),
            ("Ctrl+D", self.favourite_selected),
        ):
            QShortcut(QKeySequence(keys), page).activated.connect(action)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add to channels…"))
        self.add_button.setToolTip(
            self.tr("Place the selected products on your channels (Ctrl+Shift+A)")
        )
        self.favourite_button.setText(self.tr("Add to favourites"))
        self.favourite_button.setToolTip(
            self.tr("Add the selected products to your favourites (Ctrl+D)")
        )

    # --- the selection's ids ----------------------------------------------------------------
    def selected_ids_job(self) -> Callable[[Cache], list[str]]:
        """A reader job giving the selected products' ids (rows not yet read are read)."""
        page = self.page
        ranges, f = page.selected_ranges(), page.model.filter
        known = {
            r: page.model.product_id(r)
            for start, end in ranges
            for r in range(start, min(end, start + PAGE * 4))
        }

        def job(cache: Cache) -> list[str]:
            out: list[str] = []
            for start, end in ranges:
                if all(known.get(r) for r in range(start, end)):
                    out.extend(str(known[r]) for r in range(start, end))
                else:
                    out.extend(products.ids(cache, f, start, end - start))
            return list(dict.fromkeys(out))

        return job

    def with_selection(self, then: Any, *, most: int = placing.MAX_BATCH) -> None:
        page = self.page
        count = page.selected_count()
        if count == 0:
            page.show_message(
                lambda: self.tr("Select products first (click, Shift+click, Ctrl+click, or Space).")
            )
            return
        if count > most:
            page.show_message(
                lambda: self.tr("Select at most %1 products for this.").replace("%1", number(most))
            )
            return
        page.reader.interactive(self.selected_ids_job(), then)

    # --- channels -------------------------------------------------------------------------------
    def add_selected_to_channels(self) -> None:
        self.with_selection(self.add_to_channels)

    def add_to_channels(self, product_ids: list[str]) -> None:
        page = self.page
        if page.session is None or not product_ids or not page.audience.creator:
            return
        page.reader.interactive(
            product_detail.channels, lambda chans: self._pick_channels(product_ids, chans)
        )

    def _pick_channels(self, product_ids: list[str], channels: list[dict[str, Any]]) -> None:
        page = self.page
        picker = ChannelPicker(channels, len(product_ids), page, audience=page.audience)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.picker = picker
        picker.accepted.connect(lambda: self.place(product_ids, *picker.chosen()))
        picker.open()

    def place(
        self, product_ids: list[str], channel_ids: list[str], new_channels: list[tuple[str, str]]
    ) -> None:
        """Queue listings of ``product_ids`` on the channels (offline-safe, one transaction)."""

        def text(placed: placing.Placed, state: str) -> str:
            n = placed.listings
            if state == SENT:
                out = self.tr("%Ln listing(s) added and sent to the server.", "", n)
            elif state == OFFLINE:
                out = self.tr("%Ln listing(s) added offline; they are sent when the server is back.", "", n)  # fmt: skip
            else:
                out = self.tr("%Ln listing(s) added; sending them to the server.", "", n)
            if placed.skipped:
                out += " " + self.tr("%Ln were already there.", "", placed.skipped)
            return out

        def done(placed: placing.Placed) -> None:
            self.page.message.say_edit(lambda state: text(placed, state))

        self.edit(
            lambda cache: placing.place(cache, product_ids, channel_ids, new_channels),
            done,
        )

    # --- favourites -------------------------------------------------------------------------------
    def favourite_selected(self) -> None:
        if not self.page.audience.creator:
            return

        def add(ids: list[str]) -> None:
            self.edit(
                lambda cache: placing.add_favourites(cache, ids),
                lambda n: self.page.show_message(
                    lambda: self.tr("%Ln product(s) added to favourites.", "", n)
                ),
            )

        self.with_selection(add)

    def set_favourite(self, product_id: str, on: bool) -> None:
        if not self.page.audience.creator:
            return
        self.edit(lambda cache: placing.set_favourite(cache, product_id, on),
                  None)  # fmt: skip

    # --- edits --------------------------------------------------------------------------------------
    def edit(self, fn: Callable[[Cache], Any], done: Callable[[Any], None] | None = None) -> None:
        """One batch of edits into the outbox (one transaction), for the open account."""
        page = self.page
        if page.session is None:
            page.show_message(lambda: self.tr("Open an account first."))
            return
        page.controller.edit_with(fn, done, self._edit_failed)

    def _edit_failed(self, exc: BaseException) -> None:
        log.error("edit failed", exc_info=exc)
        reason = problem_text(exc) or str(exc)  # a full disk: translated
        self.page.show_message(lambda: self.tr("Nothing was changed: %1").replace("%1", reason))
