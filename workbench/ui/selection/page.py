"""The selection center (选品中心): filters, the lazy product table, the detail panel, actions.

Layout: the filter bar (keyword, menus, chips) on top; below it the category tree, the table with
its action bar, and the detail panel, in a splitter whose sizes are remembered, as are the
table's column order and widths and the last filter.

Everything that reads the cache runs on the shared reader's lanes (``controller.reader``); every edit (place
on channels, favourites, saved filters) goes through ``SyncController.edit_with`` into the
outbox, so it works offline and the rows say "pending sync" until the server has it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.ids import uuid7
from workbench.store import filter_codec, placing, product_detail, products
from workbench.store.products import ProductFilter, Sort
from workbench.ui.action_message import OFFLINE, SENT, ActionMessage
from workbench.ui.cache_notices import problem_text
from workbench.ui.pages.registry import Audience
from workbench.ui.selection import columns, last_filter
from workbench.ui.selection.category_tree import CategoryTree
from workbench.ui.selection.channel_picker import ChannelPicker
from workbench.ui.selection.columns import COLUMNS, KEYS
from workbench.ui.selection.compare_dialog import MAX_COMPARE, CompareDialog
from workbench.ui.selection.delegate import HighlightDelegate
from workbench.ui.selection.detail_panel import DetailPanel
from workbench.ui.selection.exporting import CsvExporter
from workbench.ui.selection.filter_bar import FilterBar
from workbench.ui.selection.model import PAGE, ProductTableModel
from workbench.ui.selection.table import ProductTable
from workbench.ui.widgets import Retranslating, number, page_title

if TYPE_CHECKING:
    from workbench.settings import Settings
    from workbench.store.cache import Cache
    from workbench.store.changed import Changed
    from workbench.sync.session import AccountSession
    from workbench.ui.sync_controller import SyncController

log = logging.getLogger(__name__)

ROW_HEIGHT = 52
ICON = 44
MARKS = ("listing", "channel", "favourite", "plan")  # rows whose change alters the marks shown
DETAIL_DELAY_MS = 60  # arrow keys held down: read the detail of where they stop


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
        self.exporter = CsvExporter(self.reader, self)
        self.exporter.finished.connect(self.show_message)
        self.compare_ids: list[str] = []
        self.session: AccountSession | None = None
        self.audience = Audience()
        self._detail_id: str | None = None
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

        self.table = ProductTable()
        self.table.setObjectName("productTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(HighlightDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(False)
        self.table.setIconSize(QSize(ICON, ICON))
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        vertical = self.table.verticalHeader()
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.setSectionResizeMode(vertical.ResizeMode.Fixed)
        vertical.hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        columns.lay_out(header)

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

        self.add_button = QPushButton()
        self.add_button.setObjectName("addToChannels")
        self.favourite_button = QPushButton()
        self.favourite_button.setObjectName("addToFavourites")
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("compare")
        self.export_button = QToolButton()
        self.export_button.setObjectName("export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_selected = self.export_menu.addAction("")
        self.export_all = self.export_menu.addAction("")
        self.export_button.setMenu(self.export_menu)
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
        self.detail.hideRequested.connect(self.hide_details)
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
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(heading)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._load_detail)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.focus_search)
        # Batch actions from the keyboard; Esc in the details closes them.
        for keys, action in (
            ("Ctrl+Shift+A", self.add_selected_to_channels),
            ("Ctrl+D", self.favourite_selected),
            ("Ctrl+E", lambda: self.export(selected_only=True)),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(action)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.hide_details)

    def _wire(self) -> None:
        bar, model, table = self.filter_bar, self.model, self.table
        bar.filterChanged.connect(self.apply_filter)
        bar.saveRequested.connect(self.save_filter)
        bar.savedChosen.connect(lambda query: self.apply_filter(filter_codec.from_json(query)))
        bar.deleteSavedRequested.connect(self.delete_saved_filter)
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
        table.selectionModel().currentRowChanged.connect(lambda *_a: self._detail_timer.start())
        table.detailsRequested.connect(self.open_details)
        table.doubleClicked.connect(lambda _i: self.open_details())
        self.splitter.splitterMoved.connect(lambda *_a: self._remember_splitter())
        self.add_button.clicked.connect(self.add_selected_to_channels)
        self.favourite_button.clicked.connect(self.favourite_selected)
        self.compare_button.clicked.connect(self.compare)
        self.export_selected.triggered.connect(lambda: self.export(selected_only=True))
        self.export_all.triggered.connect(lambda: self.export(selected_only=False))
        self.state_clear.clicked.connect(bar.clear)
        self.detail.favouriteToggled.connect(self.set_favourite)
        self.detail.addToChannelsRequested.connect(lambda pid: self.add_to_channels([pid]))
        self.detail.compareRequested.connect(self.add_to_compare)
        if self.thumbnails is not None:
            self.thumbnails.loaded.connect(self._thumbnail_loaded)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Selection center"))
        self.add_button.setText(self.tr("Add to channels…"))
        self.add_button.setToolTip(
            self.tr("Place the selected products on your channels (Ctrl+Shift+A)")
        )
        self.favourite_button.setText(self.tr("Add to favourites"))
        self.favourite_button.setToolTip(
            self.tr("Add the selected products to your favourites (Ctrl+D)")
        )
        self.export_button.setToolTip(
            self.tr("Export the selected rows (Ctrl+E) or all results to a CSV file")
        )
        self.export_button.setText(self.tr("Export CSV") + " ▾")
        self.export_selected.setText(self.tr("Selected rows…"))
        self.export_all.setText(self.tr("All results…"))
        self.state_clear.setText(self.tr("Clear filters"))
        self.best_match.setText(self.tr("↺ Best matches first"))
        self._show_compare()
        self._show_count()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.table.viewport().update()  # cells (status, guarantees…) are texts of the language

    # --- session and refresh ---------------------------------------------------------------------
    def set_session(self, session: AccountSession | None) -> None:
        self.session = session
        self.audience = Audience() if session is None else Audience.of(session.account)
        self._offer_creator_actions(self.audience.creator)
        self.compare_ids = []
        self._show_compare()
        self.detail.show_detail(None)
        self._detail_id = None
        self._indexing = None
        self.exporter.stop(cancel=True)
        for dialog in self.findChildren(QDialog):  # pickers and comparisons of the old account
            dialog.reject()
        self.filter_bar.set_saved_filters([])  # the new account's arrive with its side data
        self.tree.set_categories([])
        if session is None:
            self.model.set_filter(self.model.filter)
            self._show_count()
            return
        self._open_image_cache(session)
        self._load_side_data()
        # Each account's own last filter (a filter set for one is not the other's).
        self.apply_filter(last_filter.load(self.settings, session), remember=False)

    def _offer_creator_actions(self, creator: bool) -> None:
        """A merchant browses the catalogue too, but has no channels, favourites or saved
        filters (the server would refuse them): those actions are not offered."""
        for widget in (self.add_button, self.favourite_button, self.detail.add_button,
                       self.detail.favourite, self.filter_bar.saved_button,
                       self.filter_bar.hide_mine, self.filter_bar.favourites):  # fmt: skip
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
            self._show_detail_image()  # the large picture too (no cache read: network lane)
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
            self._kept_selection = self._selected_known_ids()
        if marks:
            self.model.refresh()
        elif products_changed:
            self.model.refresh_rows(products_changed)
        if changed.touches(("category", "shop")):
            self._load_side_data()
        elif changed.touches(("saved_filter",)):
            self._load_saved_filters()
        if self._detail_id is not None and (marks or self._detail_id in products_changed):
            self._load_detail(self._detail_id)

    def refresh(self, *, catalogue: bool) -> None:
        """The cache changed: read what is shown again (rows stay until new ones arrive)."""
        if self.session is None:
            return
        self._kept_selection = self._selected_known_ids()
        self.model.refresh()
        if catalogue:
            self._load_side_data()
        if self._detail_id is not None:
            self._load_detail(self._detail_id)

    def _load_saved_filters(self) -> None:
        self.reader.interactive(product_detail.saved_filters, self.filter_bar.set_saved_filters)

    def _load_side_data(self) -> None:
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

    # --- details ---------------------------------------------------------------------------------------
    def open_details(self) -> None:
        if self.detail.isHidden() or self.splitter.sizes()[2] == 0:
            self.detail.show()
            sizes = self.splitter.sizes()
            self.splitter.setSizes([sizes[0], max(200, sizes[1] - 320), 320])
        self._load_detail()
        self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_product(self, product_id: str) -> None:
        """Open the detail panel on ``product_id`` (the conflicts inbox's "Open")."""
        self.open_details()
        self._load_detail(product_id)

    def hide_details(self) -> None:
        """Collapse the detail pane (the table gets its width back)."""
        sizes = self.splitter.sizes()
        self.splitter.setSizes([sizes[0], sizes[1] + sizes[2], 0])
        self.detail.hide()
        self._remember_splitter()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load_detail(self, product_id: str | None = None) -> None:
        if product_id is None:
            product_id = self.model.product_id(self.table.currentIndex().row())
        if product_id is None or self.session is None:
            return
        self._detail_id = product_id
        account = self.session.account.id

        def done(detail: Any) -> None:
            if detail is not None and detail.row["id"] == self._detail_id:
                self.detail.show_detail(detail)
                self._show_detail_image()

        self.reader.interactive(
            lambda cache: product_detail.detail(cache, product_id, account), done
        )

    def _show_detail_image(self) -> None:
        if self.thumbnails is not None and self._detail_id is not None:
            self.detail.set_image(self.thumbnails.detail_pixmap(self._detail_id))

    def _thumbnail_loaded(self, product_id: str) -> None:
        if product_id == self._detail_id:
            self._show_detail_image()

    # --- selection ---------------------------------------------------------------------------------------
    def selected_ranges(self) -> list[tuple[int, int]]:
        """The selected rows as [start, end) ranges, in table order, overlaps merged (a range per
        row block, however many columns or Ctrl+clicks made it)."""
        selection = self.table.selectionModel().selection()
        spans = sorted((selection.at(i).top(), selection.at(i).bottom() + 1)
                       for i in range(selection.count()))  # fmt: skip
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    def _selected_known_ids(self) -> list[str] | None:
        """The selected products' ids if every selected row is read (None: some are not)."""
        ids: list[str] = []
        for start, end in self.selected_ranges():
            if end - start > PAGE * 10:
                return None
            for row in range(start, end):
                pid = self.model.product_id(row)
                if pid is None:
                    return None
                ids.append(pid)
        return ids

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

    def _selected_ids_job(self) -> Any:
        """A reader job giving the selected products' ids (rows not yet read are read)."""
        ranges, f = self.selected_ranges(), self.model.filter
        known = {
            r: self.model.product_id(r)
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

    def _with_selection(self, then: Any, *, most: int = placing.MAX_BATCH) -> None:
        count = self.selected_count()
        if count == 0:
            self.show_message(
                lambda: self.tr("Select products first (click, Shift+click, Ctrl+click, or Space).")
            )
            return
        if count > most:
            self.show_message(
                lambda: self.tr("Select at most %1 products for this.").replace("%1", number(most))
            )
            return
        self.reader.interactive(self._selected_ids_job(), then)

    # --- actions ---------------------------------------------------------------------------------------
    def add_selected_to_channels(self) -> None:
        self._with_selection(self.add_to_channels)

    def add_to_channels(self, product_ids: list[str]) -> None:
        if self.session is None or not product_ids or not self.audience.creator:
            return
        self.reader.interactive(
            product_detail.channels, lambda chans: self._pick_channels(product_ids, chans)
        )

    def _pick_channels(self, product_ids: list[str], channels: list[dict[str, Any]]) -> None:
        picker = ChannelPicker(channels, len(product_ids), self, audience=self.audience)
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
            self.message.say_edit(lambda state: text(placed, state))

        self._edit(
            lambda cache: placing.place(cache, product_ids, channel_ids, new_channels),
            done,
        )

    def favourite_selected(self) -> None:
        if not self.audience.creator:
            return

        def add(ids: list[str]) -> None:
            self._edit(
                lambda cache: placing.add_favourites(cache, ids),
                lambda n: self.show_message(
                    lambda: self.tr("%Ln product(s) added to favourites.", "", n)
                ),
            )

        self._with_selection(add)

    def set_favourite(self, product_id: str, on: bool) -> None:
        if not self.audience.creator:
            return
        self._edit(lambda cache: placing.set_favourite(cache, product_id, on),
                   None)  # fmt: skip

    def _edit(self, fn: Callable[[Cache], Any], done: Callable[[Any], None] | None = None) -> None:
        """One batch of edits into the outbox (one transaction), for the open account."""
        if self.session is None:
            self.show_message(lambda: self.tr("Open an account first."))
            return
        self.controller.edit_with(fn, done, self._edit_failed)

    def _edit_failed(self, exc: BaseException) -> None:
        log.error("edit failed", exc_info=exc)
        reason = problem_text(exc) or str(exc)  # a full disk: translated
        self.show_message(lambda: self.tr("Nothing was changed: %1").replace("%1", reason))

    # --- compare ---------------------------------------------------------------------------------------
    def add_to_compare(self, product_id: str) -> None:
        if product_id in self.compare_ids:
            self.show_message(lambda: self.tr("That product is already in the comparison."))
            return
        if len(self.compare_ids) >= MAX_COMPARE:
            self.show_message(
                lambda: self.tr(
                    "Compare at most %1 products: open the comparison or start again."
                ).replace("%1", str(MAX_COMPARE))
            )
            return
        self.compare_ids.append(product_id)
        self._show_compare()

    def _show_compare(self) -> None:
        n = len(self.compare_ids)
        self.compare_button.setText(
            self.tr("Compare (%1)").replace("%1", str(n)) if n else self.tr("Compare")
        )

    def compare(self) -> None:
        """Compare the selected rows (2-4), else the products added with "Add to compare"."""
        selected = self.selected_count()
        if 2 <= selected <= MAX_COMPARE:
            self.reader.interactive(self._selected_ids_job(), self._open_compare)
        elif len(self.compare_ids) >= 2:
            self._open_compare(list(self.compare_ids))
        else:
            self.show_message(
                lambda: self.tr(
                    'Select 2 to %1 rows, or add products with "Add to compare" in the details.'
                ).replace("%1", str(MAX_COMPARE))
            )

    def _open_compare(self, ids: list[str]) -> None:
        def job(cache: Cache) -> tuple[list[dict[str, Any]], set[str]]:
            rows = product_detail.compare(cache, ids[:MAX_COMPARE])
            return rows, product_detail.differing_fields(rows)

        def done(result: tuple[list[dict[str, Any]], set[str]]) -> None:
            dialog = CompareDialog(*result, parent=self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.compare_dialog = dialog
            dialog.finished.connect(lambda _r: self._compare_closed(ids))
            dialog.open()

        self.reader.interactive(job, done)

    def _compare_closed(self, ids: list[str]) -> None:
        if ids == self.compare_ids:
            self.compare_ids = []
            self._show_compare()

    # --- export -----------------------------------------------------------------------------------------
    def export(self, *, selected_only: bool) -> None:
        if self.session is None:
            return
        if selected_only and self.selected_count() == 0:
            self.show_message(
                lambda: self.tr("Select the rows to export first, or export all results.")
            )
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to CSV"), str(Path.home() / "products.csv"),
                                              self.tr("CSV files (*.csv)"))  # fmt: skip
        if path:
            self.export_to(Path(path), selected_only=selected_only)

    def export_to(self, path: Path, *, selected_only: bool) -> None:
        """Write the selected rows, or the whole filtered result (``exporting.py``)."""
        total = self.model.total or 0
        ranges = self.selected_ranges() if selected_only else [(0, total)]
        whole = ranges == [(0, total)]  # everything selected: the filter's result, in order
        self.exporter.start(path, self.model.filter, ranges, whole)

    # --- remembering ----------------------------------------------------------------------------------
    def save_filter(self, name: str) -> None:
        if self.session is None:
            self.show_message(lambda: self.tr("Open an account to save filters."))
            return
        existing = next((i for i, n, _q in self.filter_bar.saved if n == name), None)
        query = filter_codec.to_json(self.model.filter)
        saved_id = existing or uuid7()
        self._edit(
            lambda cache: cache.enqueue(
                "saved_filter.put", saved_id, {"name": name, "query": query}
            ),
            lambda _r: self._filter_saved(name),
        )

    def _filter_saved(self, name: str) -> None:
        self._load_side_data()
        self.show_message(lambda: self.tr('Filter "%1" saved.').replace("%1", name))

    def delete_saved_filter(self, saved_id: str, name: str) -> None:
        if self.session is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete filter"),
                                      self.tr("Delete the saved filter \"%1\"?").replace("%1", name))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._edit(lambda cache: cache.enqueue("saved_filter.delete", saved_id, {}),
                   lambda _r: self._load_side_data())  # fmt: skip

    def _remember_header(self) -> None:
        state = self.table.horizontalHeader().saveState()
        self.settings.set("selection_header", bytes(state.toBase64().data()).decode())

    def _remember_splitter(self) -> None:
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
        model = self.table.selectionModel()
        model.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in rows:
            model.select(self.model.index(row, 0), flags)
        if rows:
            model.setCurrentIndex(
                self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def remember(self) -> None:
        """Keep the column layout and pane sizes (the window calls this when it closes)."""
        self._remember_header()
        self._remember_splitter()

    def shutdown(self) -> None:
        self.exporter.stop(cancel=True)  # a running export stops at its next chunk
        if self.thumbnails is not None:
            self.thumbnails.cancel_pending()
