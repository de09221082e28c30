"""The "Replacements…" dialog: products that could take a problem listing's place, replaced in one click.

It lists ``health.replacements`` (same level-3 category, promotable now, a plan I earn under
running now, not on that channel yet; best first by commission per sale × monthly sales), read
on the interactive lane. "Replace" queues the old listing's delete and the new one's create in
one outbox transaction (``health.replace`` through ``SyncController.edit_with``): the new
listing takes the old one's place, works offline, and goes to the server on the next sync.
A refusal (the listing went meanwhile, the product is already there) is said in the dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.store import health
from workbench.ui.channels.reasons import describe_all
from workbench.ui.selection.columns import percent, yuan
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating, number

if TYPE_CHECKING:
    from workbench.store.attention import Shown
    from workbench.store.cache import Cache
    from workbench.ui.sync_controller import SyncController

CAUSE = "channels-health"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReplacementsDialog(Retranslating, QDialog):
    """Suggestions for one listing (see the module docstring)."""

    replaced = Signal(str)  # the new listing's id, once the replacement is queued

    def __init__(
        self,
        controller: SyncController,
        item: health.ListingHealth,
        shown: Shown | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replacementsDialog")
        self.controller = controller
        self.item = item
        self.shown = shown
        self.suggestions: list[health.Suggestion] = []
        self.loaded = False
        self.resize(900, 460)
        self.heading = QLabel()
        self.heading.setObjectName("replacementsHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.why = QLabel()
        self.why.setObjectName("replacementsWhy")
        self.why.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("replacementsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 90), (2, 80), (3, 90), (4, 100), (5, 130)):
            header.resizeSection(column, width)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemDoubleClicked.connect(lambda _i: self.replace())
        self.state = QLabel()
        self.state.setObjectName("replacementsState")
        self.state.setWordWrap(True)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setObjectName("replacementsMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.replace_button = QPushButton()
        self.replace_button.setObjectName("replaceListing")
        self.replace_button.setDefault(True)
        self.buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.replace_button.clicked.connect(self.replace)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.why)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Replacements"))
        title = "" if self.shown is None else (self.shown.custom_title or self.shown.title)
        title = title or self.item.product_id
        channel = "" if self.shown is None else self.shown.channel_name
        self.heading.setText(
            self.tr("Replace “%1” on “%2”").replace("%1", title).replace("%2", channel)
        )
        self.why.setText(describe_all(self.item.problems).replace("\n", " · "))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Price"),
                self.tr("My rate"),
                self.tr("Per sale"),
                self.tr("Monthly sales"),
                self.tr("A month, expected"),
            ]
        )
        self.replace_button.setText(self.tr("Replace"))
        self._show()

    def _load(self) -> None:
        listing_id = self.item.listing_id

        def job(cache: Cache) -> list[health.Suggestion]:
            return health.replacements(cache, listing_id)

        self.controller.reader.interactive(job, self._loaded, self._failed)

    def _loaded(self, found: list[health.Suggestion]) -> None:
        self.suggestions, self.loaded = found, True
        self._show()
        if found:
            self.table.selectRow(0)

    def _failed(self, exc: BaseException) -> None:
        self.say(self.tr("Could not read suggestions: %1").replace("%1", str(exc)), error=True)

    def _show(self) -> None:
        self.table.setRowCount(len(self.suggestions))
        for row, s in enumerate(self.suggestions):
            cells = [
                s.title,
                yuan(s.price_fen),
                percent(s.rate_ppm),
                yuan(s.per_sale_fen),
                number(s.monthly_sales),
                yuan(s.score),
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(_RIGHT)
                if column == 0:
                    cell.setToolTip(f"{s.title}\n{s.shop_name}")
                self.table.setItem(row, column, cell)
        if not self.loaded:
            text = self.tr("Looking for products that could take its place…")
        elif not self.suggestions:
            text = self.tr(
                "No product of the same category is promotable now with a plan you earn under "
                "and not on this channel yet. Remove the listing, or look in the selection center."
            )
        else:
            text = ""
        self.state.setText(text)
        self.state.setVisible(bool(text))
        self._selected()

    def _selected(self) -> None:
        self.replace_button.setEnabled(bool(self.table.selectedItems()))

    def chosen(self) -> health.Suggestion | None:
        rows = self.table.selectionModel().selectedRows()
        return None if not rows else self.suggestions[rows[0].row()]

    def replace(self) -> None:
        """Queue the replacement with the chosen product (delete + create, one transaction)."""
        choice = self.chosen()
        if choice is None:
            return
        listing_id, product_id = self.item.listing_id, choice.product_id
        self.replace_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self._selected()
            if isinstance(exc, health.ListingGone):
                text = self.tr("This listing is not there any more: nothing was changed.")
            elif isinstance(exc, health.AlreadyThere):
                text = self.tr("That product is already on this channel: nothing was changed.")
            else:
                text = self.tr("Not saved: %1").replace("%1", str(exc))
            self.say(text, error=True)

        def done(new_id: str) -> None:
            self.replaced.emit(new_id)
            self.accept()

        self.controller.edit_with(
            lambda cache: health.replace(cache, listing_id, product_id), done, failed, cause=CAUSE
        )

    def say(self, text: str, *, error: bool = False) -> None:
        color = error_color(self.palette()).name() if error else "palette(text)"
        self.message.setStyleSheet(f"color: {color};")
        self.message.setText(text)
