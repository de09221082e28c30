"""The selection center (选品中心): filters, the lazy product table, the detail panel, actions.

Layout: the filter bar (keyword, menus, chips) on top; below it the category tree, the table with
its action bar, and the detail panel, in a splitter whose sizes are remembered, as are the
table's column order and widths and the last filter.

Everything that reads the cache runs on the shared reader's lanes (``controller.reader``); every edit (place
on channels, favourites, saved filters) goes through ``SyncController.edit_with`` into the
outbox, so it works offline and the rows say "pending sync" until the server has it.

This module builds the page and keeps its filter, counts and selection; what each part does
lives in its own module: ``batch_actions.py`` (channels, favourites), ``compare_list.py``,
``detail_wiring.py`` (the detail pane), ``export_wiring.py`` (CSV), ``saved_filter_actions.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.store import filter_codec, product_detail
from workbench.store.products import ProductFilter, Sort
from workbench.ui.action_message import ActionMessage
from workbench.ui.pages.registry import Audience
from workbench.ui.samples.request_action import SampleRequestAction
from workbench.ui.selection import last_filter
from workbench.ui.selection.batch_actions import BatchActions
from workbench.ui.selection.category_tree import CategoryTree
from workbench.ui.selection.columns import COLUMNS, KEYS
from workbench.ui.selection.compare_list import CompareList
from workbench.ui.selection.detail_panel import DetailPanel
from workbench.ui.selection.detail_wiring import DetailWiring
from workbench.ui.selection.export_wiring import ExportWiring
from workbench.ui.selection.filter_bar import FilterBar
from workbench.ui.selection.model import ProductTableModel
from workbench.ui.selection.saved_filter_actions import SavedFilterActions
from workbench.ui.selection.table import ProductTable
from workbench.ui.widgets import PAGE_MARGINS, Retranslating, page_title

if TYPE_CHECKING:
    from workbench.settings import Settings
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

log = logging.getLogger(__name__)

MARKS = ("listing", "channel", "favourite", "plan")  # rows whose change alters the marks shown


class SelectionPage(Retranslating, QWidget):
    """The page; ``set_session`` is called when an account opens or closes."""

    def __init__(self, settings: Settings, controller: SyncController, thumbnails: Any = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("page-selection")
        self.settings = settings
        self.controller = controller
        self.thumbnails = thumbnails
        self.reader = controller.reader
        self.model = ProductTableModel(self.reader, thumbnails, self)
        self.session: AccountSession | None = None
        self.audience = Audience()
        self._indexing: tuple[int, int] | None = None  # keyword index being built: (done, total)
        self._kept_selection: list[str] | None = []  # selected ids when a refresh began
        self._build()
        self._wire()
        self.retranslate()
        self._restore()
        controller.sessionChanged.connect(self.set_session)
        # Bound methods, not lambdas: Qt disconnects them when this page is destroyed.
        controller.synced.connect(self._synced)
        controller.progressed.connect(self._sync_progress)
        controller.changed.connect(self.apply_changes)
        if controller.session is not None:
            self.set_session(controller.session)

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = page_title()
        self.count_label = QLabel()
        self.count_label.setObjectName("resultCount")
        # With a keyword and a column sort: the way back to best matches first.
        self.best_match = QPushButton()
        self.best_match.setObjectName("sortBestMatch")
        self.best_match.setFlat(True)
        self.best_match.hide()
        self.best_match.clicked.connect(
            lambda: self.apply_filter(replace(self.model.filter, sort=None))
        )
        self.filter_bar = FilterBar()
        self.tree = CategoryTree()

        self.table = ProductTable(self.model)
        self.state = QLabel()
        self.state.setObjectName("tableState")
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state.setWordWrap(True)
        self.state_clear = QPushButton()
        self.state_clear.setObjectName("stateClearFilters")
        state_box = QWidget()
        state_layout = QVBoxLayout(state_box)
        state_layout.addStretch(1)
        state_layout.addWidget(self.state)
        state_layout.addWidget(self.state_clear, 0, Qt.AlignmentFlag.AlignHCenter)
        state_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(state_box)

        self.batch = BatchActions(self)
        self.add_button, self.favourite_button = (
            self.batch.add_button,
            self.batch.favourite_button,
        )
        self.comparing = CompareList(self)
        self.compare_button = self.comparing.button
        self.exporting = ExportWiring(self)
        self.export_button = self.exporting.button
        self.saved_filters = SavedFilterActions(self)
        # What the window, the shortcuts and the tests ask of the page, done by its parts.
        self.add_to_channels, self.place = self.batch.add_to_channels, self.batch.place
        self.add_selected_to_channels = self.batch.add_selected_to_channels
        self.set_favourite, self.save_filter = self.batch.set_favourite, self.saved_filters.save
        self.compare, self.add_to_compare = self.comparing.compare, self.comparing.add
        self.export_to = self.exporting.export_to
        self.message = ActionMessage(self.controller)  # one line in the heading
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.add_button,
            self.favourite_button,
            self.compare_button,
            self.export_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(actions)
        middle_layout.addWidget(self.stack, 1)
        self.detail = DetailPanel()
        self.details = DetailWiring(self)
        self.sample_request = SampleRequestAction(self)  # "Request sample…" in the details
        self.open_details, self.hide_details = self.details.open, self.details.hide
        self.splitter = QSplitter()
        self.splitter.setObjectName("selectionSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([190, 1000, 0])  # the details open with Enter or a double click
        self.detail.hide()  # a closed pane adds nothing to the window's minimum width

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addSpacing(16)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addSpacing(16)
        heading.addWidget(self.message, 1, Qt.AlignmentFlag.AlignBottom)
        heading.addWidget(self.best_match, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addLayout(heading)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.focus_search)

    def _wire(self) -> None:
        bar, model, table = self.filter_bar, self.model, self.table
        bar.filterChanged.connect(self.apply_filter)
        bar.saveRequested.connect(self.saved_filters.save)
        bar.savedChosen.connect(lambda query: self.apply_filter(filter_codec.from_json(query)))
        bar.deleteSavedRequested.connect(self.saved_filters.delete)
        self.tree.categoryChosen.connect(bar.set_category)
        model.countChanged.connect(lambda _n: self._show_count())
        model.countChanged.connect(lambda _n: self.tree.count(self.reader, model.filter))
        model.loadingChanged.connect(lambda _on: self._show_count())
        model.failed.connect(self._query_failed)
        model.rowsShifted.connect(self._reselect)
        model.modelReset.connect(self._show_count)
        table.horizontalHeader().sortIndicatorChanged.connect(self._sort_clicked)
        table.horizontalHeader().sectionMoved.connect(lambda *_a: self._remember_header())
        table.horizontalHeader().sectionResized.connect(lambda *_a: self._remember_header())
        table.selectionModel().selectionChanged.connect(lambda *_a: self._show_count())
        table.selectionModel().currentRowChanged.connect(lambda *_a: self.details.timer.start())
        table.detailsRequested.connect(self.open_details)
        table.doubleClicked.connect(lambda _i: self.open_details())
        self.splitter.splitterMoved.connect(lambda *_a: self.remember_splitter())
        self.state_clear.clicked.connect(bar.clear)
        self.detail.favouriteToggled.connect(self.batch.set_favourite)
        self.detail.addToChannelsRequested.connect(lambda pid: self.batch.add_to_channels([pid]))
        self.detail.compareRequested.connect(self.comparing.add)
        if self.thumbnails is not None:
            self.thumbnails.loaded.connect(self.details.thumbnail_loaded)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Selection center"))
        for part in (self.batch, self.comparing, self.exporting, self.sample_request):
            part.retranslate()
        self.state_clear.setText(self.tr("Clear filters"))
        self.best_match.setText(self.tr("↺ Best matches first"))
        self._show_count()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.table.viewport().update()  # cells (status, guarantees…) are texts of the language

    # --- session and refresh ---------------------------------------------------------------------
    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        self.audience = Audience() if session is None else Audience.of(session.account)
        self._offer_creator_actions(self.audience.creator)
        self.comparing.clear()
        self.details.forget()
        self._indexing = None
        self.exporting.exporter.stop(cancel=True)
        for dialog in self.findChildren(QDialog):  # pickers and comparisons of the old account
            dialog.reject()
        self.filter_bar.set_saved_filters([])  # the new account's arrive with its side data
        self.tree.set_categories([])
        if session is None:
            self.model.set_filter(self.model.filter)
            self._show_count()
            return
        self._open_image_cache(session)
        self.load_side_data()
        # Each account's own last filter (a filter set for one is not the other's).
        self.apply_filter(last_filter.load(self.settings, session), remember=False)

    def _offer_creator_actions(self, creator: bool) -> None:
        """A merchant browses the catalogue too, but has no channels, favourites or saved
        filters and sends samples rather than asking for them (the server would refuse them):
        those actions, and the details' "On my channels", are not offered."""
        for widget in (self.add_button, self.favourite_button, self.detail.add_button,
                       self.detail.favourite, self.filter_bar.saved_button,
                       self.filter_bar.hide_mine, self.filter_bar.favourites,
                       self.sample_request.button, self.detail.channels_title,
                       self.detail.channels):  # fmt: skip
            widget.setVisible(creator)

    def _open_image_cache(self, session: AccountSession) -> None:
        """The server's images on disk; opening it scans its folder, so not on the GUI thread."""
        thumbnails = self.thumbnails
        if thumbnails is None:
            return
        thumbnails.set_source(None, None)  # placeholders until the cache is open

        def job() -> Any:
            from workbench.client.image_cache import DEFAULT_CAP_BYTES, ImageCache
            from workbench.paths import data_dir

            return ImageCache(data_dir() / "images" / session.server_key, DEFAULT_CAP_BYTES)

        def opened(cache: Any) -> None:
            if self.session is session:
                thumbnails.set_source(session.api.thumbnail, cache)
                self.model.refresh_images()

        self.controller.lanes.net.run(job, done=opened)

    def _synced(self, _summary: object) -> None:
        if self.thumbnails is not None:  # the server answers: ask again for what failed offline
            self.thumbnails.retry_failed()
            self.model.refresh_images()
            self.details.show_image()  # the large picture too (no cache read: network lane)
        if self._indexing is not None:
            self._indexing = None  # the keyword index is complete: the count line says so
            self._show_count()

    def _sync_progress(self, phase: str, done: int, total: int) -> None:
        if phase == "indexing" and total > 0:
            first = self._indexing is None
            self._indexing = (done, total)
            self._show_count()
            if first:  # the catalogue was just swapped in: show it, keyword search follows
                self.refresh(catalogue=True)

    def apply_changes(self, changed: Changed) -> None:
        """A sync or an edit changed rows: re-read only what this page shows of them."""
        if self.session is None or not changed:
            return
        if changed.catalog_reloaded:
            self.refresh(catalogue=True)
            return
        marks = changed.touches(MARKS)  # on my channels, favourite, plan type: every row's marks
        products_changed = changed.ids("product")
        if marks or products_changed:
            self._kept_selection = self.table.selected_ids_read()
        if marks:
            self.model.refresh()
        elif products_changed:
            self.model.refresh_rows(products_changed)
        if changed.touches(("category", "shop")):
            self.load_side_data()
        elif changed.touches(("saved_filter",)):
            self._load_saved_filters()
        if marks or self.details.detail_id in products_changed:
            self.details.reload()

    def refresh(self, *, catalogue: bool) -> None:
        """The cache changed: read what is shown again (rows stay until new ones arrive)."""
        if self.session is None:
            return
        self._kept_selection = self.table.selected_ids_read()
        self.model.refresh()
        if catalogue:
            self.load_side_data()
        self.details.reload()

    def _load_saved_filters(self) -> None:
        self.reader.interactive(product_detail.saved_filters, self.filter_bar.set_saved_filters)

    def load_side_data(self) -> None:
        def job(cache: Cache) -> tuple[Any, Any]:
            return product_detail.category_tree(cache), product_detail.saved_filters(cache)

        def done(result: tuple[Any, Any]) -> None:
            tree, saved = result
            self.tree.set_categories(tree)
            self.filter_bar.set_categories(self.tree.path_names())
            self.filter_bar.set_saved_filters(saved)
            self.tree.select(self.filter_bar.filter.category_id)

        self.reader.interactive(job, done)
        self.tree.count(self.reader, self.model.filter)

    # --- filtering ---------------------------------------------------------------------------------
    def apply_filter(self, f: ProductFilter, *, remember: bool = True) -> None:
        self.filter_bar.set_filter(f)
        self.tree.select(f.category_id)
        self.model.set_filter(f)
        self._show_sort()
        if remember and self.session is not None:
            last_filter.store(self.settings, self.session, f)

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        self.model.sort(column, order)
        self.filter_bar.filter = self.model.filter
        if self.session is not None:  # not the header's own signal while it is restored
            last_filter.store(self.settings, self.session, self.model.filter)
        self._show_sort()

    def _show_sort(self) -> None:
        column, order = self.model.sort_column()
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        f = self.model.filter
        self.best_match.setVisible(bool(f.keyword.strip()) and f.sort not in (None, Sort.RELEVANCE))

    # --- state lines ---------------------------------------------------------------------------------
    def _show_count(self) -> None:
        model = self.model
        # From the selection's ranges: selectedRows() would list a million indexes after Ctrl+A.
        selected = self.selected_count() if self.table.selectionModel() else 0
        if self.session is None:
            text = self.tr("No account is open.")
        elif model.total is None:
            text = self.tr("Searching…")
        else:
            text = self.tr("%Ln product(s)", "", model.total)
            if selected:
                text += " · " + self.tr("%Ln selected", "", selected)
        if self._indexing is not None and self.session is not None:
            done, total = self._indexing
            text += " · " + self.tr(
                "keyword search being prepared (%1%); until then keyword results come slower"
            ).replace("%1", str(min(99, done * 100 // max(total, 1))))
        self.count_label.setText(text)
        self._show_state()

    def _show_state(self) -> None:
        model = self.model
        message = None
        if self.session is None:
            message = self.tr("Open an account to see the product catalogue.")
        elif model.total == 0 and model.filter == ProductFilter(
            sort=model.filter.sort, descending=model.filter.descending
        ):
            message = self.tr(
                "The product catalogue is not here yet: it is downloaded with the first sync and appears as soon as it is in."
            )
        elif model.total == 0:
            message = self.tr("No products match these filters. Remove a filter or clear them all.")
        self.state_clear.setVisible(
            message is not None and model.total == 0 and bool(self.filter_bar.chip_keys())
        )
        if message is None:
            self.stack.setCurrentIndex(0)
        else:
            self.state.setText(message)
            self.stack.setCurrentIndex(1)

    def show_message(self, text: str | Callable[[], str]) -> None:
        """A message about what was just done (a function for its text is retranslated)."""
        self.message.say(text)

    def _query_failed(self, exc: BaseException) -> None:
        log.error("selection query failed", exc_info=exc)
        self.show_message(
            lambda: self.tr("The catalogue could not be read: %1").replace("%1", str(exc))
        )

    def show_product(self, product_id: str) -> None:
        """Open the detail panel on ``product_id`` (the conflicts inbox's "Open")."""
        self.details.open()
        self.details.load(product_id)

    # --- selection ---------------------------------------------------------------------------------------
    def selected_ranges(self) -> list[tuple[int, int]]:
        """The selected rows as [start, end) ranges, in table order, overlaps merged."""
        return self.table.selected_ranges()

    def _reselect(self) -> None:
        """A refresh moved products to other rows: keep the same products selected, not rows.

        A selection too large to follow (rows never read) is cleared rather than left on
        products nobody chose."""
        kept = self._kept_selection
        selection = self.table.selectionModel()
        selection.clearSelection()
        if not kept:
            if kept is None:
                self.show_message(
                    lambda: self.tr("The list changed, so the selection was cleared.")
                )
            return
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for pid in kept:
            row = self.model.row_of(pid)
            if row is not None:
                selection.select(self.model.index(row, 0), flags)

    def selected_count(self) -> int:
        return sum(end - start for start, end in self.selected_ranges())

    # --- remembering ----------------------------------------------------------------------------------
    def _remember_header(self) -> None:
        state = self.table.horizontalHeader().saveState()
        self.settings.set("selection_header", bytes(state.toBase64().data()).decode())

    def remember_splitter(self) -> None:
        self.settings.set(
            "selection_splitter", bytes(self.splitter.saveState().toBase64().data()).decode()
        )

    def _restore(self) -> None:
        header = self.settings.get("selection_header")
        if header:
            self.table.horizontalHeader().restoreState(QByteArray.fromBase64(header.encode()))
        splitter = self.settings.get("selection_splitter")
        if splitter:
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode()))
            self.detail.setHidden(self.splitter.sizes()[2] == 0)

    def column_keys(self) -> list[str]:
        """The columns in the order they are shown (for tests and the CSV)."""
        header = self.table.horizontalHeader()
        return [KEYS[header.logicalIndex(v)] for v in range(header.count())]

    def select_rows(self, rows: list[int]) -> None:
        """Select these rows (tests, and "select all" helpers)."""
        self.table.select_rows(rows)

    def remember(self) -> None:
        """Keep the column layout and pane sizes (the window calls this when it closes)."""
        self._remember_header()
        self.remember_splitter()

    def shutdown(self) -> None:
        self.exporting.exporter.stop(cancel=True)  # a running export stops at its next chunk
        if self.thumbnails is not None:
            self.thumbnails.cancel_pending()
