"""The selection center's detail pane: which product it shows, when it opens and closes.

The pane follows the table's current row (after :data:`DETAIL_DELAY_MS`, so arrow keys held
down read only where they stop), opens with Enter or a double click, closes with ✕ or Esc
(the table gets its width back), and reads the product's detail on the reader's lane; its large
picture comes from the thumbnail cache when that has it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut

from workbench.store import product_detail

if TYPE_CHECKING:
    from workbench.ui.selection.page import SelectionPage

DETAIL_DELAY_MS = 60  # arrow keys held down: read the detail of where they stop


class DetailWiring(QObject):
    """Keeps ``page.detail`` showing the current product (``detail_id``)."""

    def __init__(self, page: SelectionPage) -> None:
        super().__init__(page)
        self.page = page
        self.detail_id: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DETAIL_DELAY_MS)
        self.timer.timeout.connect(self.load)
        detail = page.detail
        detail.hideRequested.connect(self.hide)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.hide)

    def forget(self) -> None:
        """Another account: show nothing."""
        self.page.detail.show_detail(None)
        self.detail_id = None

    def open(self) -> None:
        page = self.page
        if page.detail.isHidden() or page.splitter.sizes()[2] == 0:
            page.detail.show()
            sizes = page.splitter.sizes()
            page.splitter.setSizes([sizes[0], max(200, sizes[1] - 320), 320])
        self.load()
        page.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    def hide(self) -> None:
        """Collapse the detail pane (the table gets its width back)."""
        page = self.page
        sizes = page.splitter.sizes()
        page.splitter.setSizes([sizes[0], sizes[1] + sizes[2], 0])
        page.detail.hide()
        page.remember_splitter()
        page.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def load(self, product_id: str | None = None) -> None:
        page = self.page
        if product_id is None:
            product_id = page.model.product_id(page.table.currentIndex().row())
        if product_id is None or page.session is None:
            return
        self.detail_id = product_id
        account = page.session.account.id

        def done(detail: Any) -> None:
            if detail is not None and detail.row["id"] == self.detail_id:
                page.detail.show_detail(detail)
                self.show_image()

        page.reader.interactive(
            lambda cache: product_detail.detail(cache, product_id, account), done
        )

    def reload(self) -> None:
        """The shown product may have changed: read it again."""
        if self.detail_id is not None:
            self.load(self.detail_id)

    def show_image(self) -> None:
        thumbnails = self.page.thumbnails
        if thumbnails is not None and self.detail_id is not None:
            self.page.detail.set_image(thumbnails.detail_pixmap(self.detail_id))

    def thumbnail_loaded(self, product_id: str) -> None:
        if product_id == self.detail_id:
            self.show_image()
