"""The selected plan under My plans: its creators with the kinds of channel (带货渠道) their orders
of the product came through, and the plan's sales by channel kind since it began, from the
orders in this cache; a note says what the merchant's data cannot tell (which channel of a
creator lists the product: the server sends creators' channels only to them). A table with no
rows (no creators yet, no sales yet) is a translated line in its place, not an empty frame; with
no plan chosen only the line asking for one shows."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import PlanType
from workbench.store import merchant_pages as mp
from workbench.ui.merchant.texts import creator_label, kind_names
from workbench.ui.selection.columns import yuan
from workbench.ui.widgets import Retranslating, TableOrState


class PlanDetailPanel(Retranslating, QWidget):
    """Creators and sales by channel kind of one plan (``show_detail``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: mp.PlanDetail | None = None
        self.title = ""
        self.detail_title = QLabel()
        self.detail_title.setObjectName("planDetailTitle")
        self.creators = QTableWidget(0, 3)
        self.creators.setObjectName("planCreatorTable")
        self.sales = QTableWidget(0, 3)
        self.sales.setObjectName("planSalesTable")
        for table in (self.creators, self.sales):
            table.verticalHeader().hide()
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.creators.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.creators.horizontalHeader().resizeSection(2, 190)
        self.detail_note = QLabel()
        self.detail_note.setObjectName("planDetailNote")
        self.detail_note.setWordWrap(True)
        self.creators_box = TableOrState(self.creators, "planCreator")
        self.sales_box = TableOrState(self.sales, "planSales")
        self.tables = QWidget()  # hidden while no plan is chosen: no empty frames
        self.tables.setObjectName("planDetailTables")
        tables = QHBoxLayout(self.tables)
        tables.setContentsMargins(0, 0, 0, 0)
        tables.addWidget(self.creators_box, 3)
        tables.addWidget(self.sales_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.tables, 1)
        layout.addWidget(self.detail_note)
        self.retranslate()

    def retranslate(self) -> None:
        self.creators.setHorizontalHeaderLabels(
            [self.tr("Creator"), self.tr("Sold through (带货渠道)"), self.tr("Sales")]
        )
        self.sales.setHorizontalHeaderLabels(
            [self.tr("Channel kind"), self.tr("Sales"), self.tr("Order lines")]
        )
        self.show_detail(self.detail, self.title)

    def show_detail(self, detail: mp.PlanDetail | None, title: str) -> None:
        self.detail, self.title, names = detail, title, kind_names()
        self.creators.setRowCount(0)
        self.sales.setRowCount(0)
        self.tables.setHidden(detail is None)
        if detail is None:
            self.detail_title.setText(self.tr("Select a plan to see its creators and sales."))
            self.detail_note.clear()
            return
        self.detail_title.setText(
            self.tr("“%1”: creators and sales since the plan began").replace(
                "%1", title or detail.product_id
            )
        )
        self.creators.setRowCount(len(detail.creators))
        for r, creator in enumerate(detail.creators):
            kinds = "、".join(names.get(k, k) for k in creator.kinds) or self.tr("no sales yet")
            sales = (
                self.tr("%1 in %n order line(s)", "", creator.orders).replace(
                    "%1", yuan(creator.sales_fen)
                )
                if creator.orders
                else "—"
            )
            for c, text in enumerate(
                (creator_label(creator.creator_id, creator.name), kinds, sales)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(creator.creator_id if c == 0 else text)
                self.creators.setItem(r, c, item)
        self.sales.setRowCount(len(detail.sales_by_kind))
        for r, (kind, (fen, lines)) in enumerate(detail.sales_by_kind.items()):
            cells = (
                names.get(kind, kind) if kind else self.tr("Not through a channel"),
                yuan(fen),
                str(lines),
            )
            for c, text in enumerate(cells):
                self.sales.setItem(r, c, QTableWidgetItem(text))
        notes = []
        if detail.plan_type is PlanType.GENERAL:
            notes.append(
                self.tr("A general plan is open to all: these are the creators who sold it.")
            )
        if not detail.listings_known:
            notes.append(
                self.tr(
                    "Which of a creator's channels list the product is not in your data (the "
                    "server sends creators' channels only to them): shown are the kinds of "
                    "channel their orders came through."
                )
            )
        self.detail_note.setText(" ".join(notes))
        self.creators_box.say(self._no_creators(detail) if not detail.creators else "")
        self.sales_box.say("" if detail.sales_by_kind else self.tr("No sales on this plan yet."))

    def _no_creators(self, detail: mp.PlanDetail) -> str:
        if detail.plan_type is PlanType.GENERAL:
            return self.tr("No creator has sold this product since the plan began.")
        return self.tr("No creators on this plan yet: add some with Creators… (Ctrl+E).")
