"""The orders view of the 数据 page: every order line of the range with filters (channel,
scene, status, commission status, gift; a dashboard drill sets creator, product, plan …), in a
lazy table (a ``PagedModel``: a count, then pages of 200 lines read as the user scrolls) and a CSV
export on the app's export runner (``ui.file_export.FileExport``: background lane, progress,
Cancel)."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import ChannelKind, CommissionStatus, OrderScene, OrderStatus
from workbench.store.analytics import LINE_FIELDS, Breakdown
from workbench.store.analytics_view import LineFilter, count_lines, export_lines, line_window
from workbench.store.creator_names import creator_names
from workbench.ui.analytics import names
from workbench.ui.analytics.charts import money_text
from workbench.ui.file_export import FileExport, Progress
from workbench.ui.paged_model import PagedModel

if TYPE_CHECKING:
    from workbench.store.analytics import Period
    from workbench.store.cache import Cache
    from workbench.ui.reader import Reader

SHOWN = ("created_at", "order_id", "title", "channel_kind", "scene", "is_present", "quantity",
         "paid_fen", "refund_fen", "commission_fen", "status", "commission_status", "creator_id")  # fmt: skip
_IX = {f: i for i, f in enumerate(LINE_FIELDS)}
_NAME = len(LINE_FIELDS)  # a row read here carries its creator's name after the fields
Index = QModelIndex | QPersistentModelIndex


class LinesModel(PagedModel):
    """The filter's lines: a count, then pages of lines as the view paints them (a
    :class:`~workbench.ui.paged_model.PagedModel`: a million lines are never all held)."""

    COUNT_ON_BACKGROUND = False  # the count says what the page shows: it comes first

    def __init__(self, reader: Reader | None = None) -> None:
        super().__init__(reader)
        self.filter: LineFilter | None = None

    def set_filter(self, flt: LineFilter) -> None:
        self.filter = flt
        self.restart()

    # --- reading (PagedModel) -----------------------------------------------------------------
    def query(self) -> LineFilter | None:
        return self.filter

    def can_read(self) -> bool:
        return self.reader is not None and self.filter is not None

    def read_page(self, cache: Cache, query: Any, offset: int, limit: int) -> list[Any]:
        """The lines, each with its creator's name last (the profile's, for a merchant)."""
        rows = line_window(cache, query, offset, limit)
        known = creator_names(cache, (row[_IX["creator_id"]] for row in rows))
        return [(*row, known.get(row[_IX["creator_id"]])) for row in rows]

    def read_count(self, cache: Cache, query: Any) -> int:
        return count_lines(cache, query)

    def row_key(self, row: Any) -> str:
        return str(row[_IX["id"]])

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(SHOWN)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[SHOWN[section]]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        row = self.row_data(index.row())
        if row is None:
            self.ask_for(index.row())
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == 2 else None
        field = SHOWN[index.column()]
        value = row[_IX[field]]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = field.endswith("_fen") or field == "quantity"
            return (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if numeric
                else None
            )
        if field.endswith("_fen"):
            return money_text(int(value or 0) / 100, short=False)
        if field == "channel_kind":
            return names.channel_kind(str(value or ""))
        if field == "scene":
            return names.scene(value)
        if field == "is_present":
            return "🎁" if value else ""
        if field == "status":
            return names.status(int(value))
        if field == "commission_status":
            return names.commission_status(int(value))
        if field == "created_at":
            return str(value).replace("T", " ")[:16]
        if field == "creator_id" and row[_NAME] is not None:
            return row[_NAME]  # the profile's name (merchants); else the id
        return "" if value is None else str(value)


def _headers() -> dict[str, str]:
    t = names.t
    return {
        "created_at": t("AnalyticsNames", "Time"),
        "order_id": t("AnalyticsNames", "Order"),
        "title": t("AnalyticsNames", "Product"),
        "channel_kind": t("AnalyticsNames", "Channel"),
        "scene": t("AnalyticsNames", "Scene"),
        "is_present": t("AnalyticsNames", "Gift"),
        "quantity": t("AnalyticsNames", "Units"),
        "paid_fen": t("AnalyticsNames", "Paid"),
        "refund_fen": t("AnalyticsNames", "Refunded"),
        "commission_fen": t("AnalyticsNames", "Est. commission"),
        "status": t("AnalyticsNames", "Status"),
        "commission_status": t("AnalyticsNames", "Commission"),
        "creator_id": t("AnalyticsNames", "Creator"),
    }


_DRILL = {
    Breakdown.CHANNEL_KIND: "channel_kind",
    Breakdown.SCENE: "scene",
    Breakdown.GIFT: "gift",
    Breakdown.CREATOR: "creator_id",
    Breakdown.PRODUCT: "product_id",
    Breakdown.CATEGORY: "category_id",
    Breakdown.PLAN: "plan_id",
}


class OrdersView(QWidget):
    def __init__(self, reader: Reader | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.model = LinesModel(reader)
        self.period: Period | None = None
        self.drilled: dict[str, Any] = {}
        self.channel, self.scene, self.status = QComboBox(), QComboBox(), QComboBox()
        self.commission, self.gift = QComboBox(), QComboBox()
        self.count = QLabel()
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clear_drill = QPushButton()
        self.clear_drill.clicked.connect(self.reset_drill)
        self.export = QPushButton()
        self.export.clicked.connect(self.ask_export)
        self.exporter = FileExport(reader, self)  # its outcome: the page's message line
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.model.countChanged.connect(lambda _total: self._counted())
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for combo in (self.channel, self.scene, self.status, self.commission, self.gift):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.clear_drill)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        t = names.t
        any_ = t("AnalyticsNames", "Any %1")
        options: list[tuple[QComboBox, str, list[tuple[str, Any]]]] = [
            (self.channel, any_.replace("%1", t("AnalyticsNames", "channel")),
             [(names.channel_kind(k.value), k.value) for k in ChannelKind]),
            (self.scene, any_.replace("%1", t("AnalyticsNames", "scene")),
             [(names.scene(s), int(s)) for s in OrderScene]),
            (self.status, any_.replace("%1", t("AnalyticsNames", "status")),
             [(names.status(int(s)), int(s)) for s in OrderStatus]),
            (self.commission, any_.replace("%1", t("AnalyticsNames", "commission status")),
             [(names.commission_status(int(s)), int(s)) for s in CommissionStatus]),
            (self.gift, t("AnalyticsNames", "Gift or not"),
             [(t("AnalyticsNames", "Gift orders"), True), (t("AnalyticsNames", "Other orders"), False)]),
        ]  # fmt: skip
        x_width = max(1, self.fontMetrics().horizontalAdvance("X"))
        for combo, first, items in options:
            # Narrow (a channel's name may be long) but never cutting "Any commission status".
            combo.setMinimumContentsLength(
                max(8, -(-self.fontMetrics().horizontalAdvance(first) // x_width))
            )
            held = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for text, value in items:
                combo.addItem(text, value)
            found = combo.findData(held)
            combo.setCurrentIndex(max(0, found) if held is not None else 0)
            combo.blockSignals(False)
        self.clear_drill.setText(self.tr("Clear drill-down"))
        self.export.setText(self.tr("Export CSV…"))
        self._counted()

    def current_filter(self) -> LineFilter | None:
        if self.period is None:
            return None
        values: dict[str, Any] = {
            "channel_kind": self.channel.currentData(),
            "scene": self.scene.currentData(),
            "status": self.status.currentData(),
            "commission_status": self.commission.currentData(),
            "gift": self.gift.currentData(),
        }
        values.update({k: v for k, v in self.drilled.items() if values.get(k) is None})
        return LineFilter(self.period, **values)

    def set_period(self, period: Period) -> None:
        self.period = period
        self.refresh()

    def drill(self, where: dict[Breakdown, Any]) -> None:
        self.drilled = {_DRILL[by]: key for by, key in where.items() if by in _DRILL}
        for combo, field in ((self.channel, "channel_kind"), (self.scene, "scene")):
            if field in self.drilled:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(self.drilled[field])))
                combo.blockSignals(False)
        if "gift" in self.drilled:
            self.drilled["gift"] = bool(self.drilled["gift"])
        self.refresh()

    def reset_drill(self) -> None:
        self.drilled = {}
        self.refresh()

    def refresh(self) -> None:
        flt = self.current_filter()
        self.clear_drill.setVisible(bool(self.drilled))
        if flt is not None:
            self.model.set_filter(flt)

    def _counted(self) -> None:
        if self.model.filter is None or self.model.total is None:
            self.count.setText(self.tr("Loading…"))
        elif self.model.total == 0:
            self.count.setText(self.tr("No order lines match. Widen the range or clear a filter."))
        else:
            self.count.setText(
                self.tr("%1 order lines").replace("%1", names.number(self.model.total))
            )
        self.export.setEnabled(bool(self.model.total))

    # --- export ---------------------------------------------------------------------------------
    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), "orders.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        """Write the filtered lines to ``path`` on the background lane, with the app's export
        runner (``exporter``: progress, Cancel leaves no file, how it ended); False when no
        account is open, no range is shown yet or an export is running."""
        flt = self.current_filter()
        if flt is None:
            return False
        total = self.model.total

        def job(cache: Cache, progress: Progress, cancel: threading.Event) -> int:
            return export_lines(cache, flt, path, progress, cancel, total=total)

        return self.exporter.start(
            self.tr("Exporting order lines…"),
            job,
            lambda n: self.tr("Exported %Ln order line(s) to %1.", "", n).replace("%1", path.name),
            total=total or 1,
        )


def replace_filter(flt: LineFilter, **changes: Any) -> LineFilter:
    return dataclasses.replace(flt, **changes)
