"""The category tree beside the product table: three levels, "All categories" on top.

Choosing a category of any level filters the table to everything below it; product counts per
category are shown when the counting lane has them (they come after the tree, never before it).
They count the current result, the chosen category aside (what choosing each would show); the
tree's header says which. A new filter's counts are asked for once its total is known, so they
never hold up its first rows; an answer for an older filter is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from workbench.store import product_detail
from workbench.store.products import ProductFilter
from workbench.ui.widgets import Retranslating, number

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.reader import Reader

ID_ROLE = Qt.ItemDataRole.UserRole


class CategoryTree(Retranslating, QTreeWidget):
    """Emits ``categoryChosen(id or None)`` when the user picks a category."""

    categoryChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryTree")
        self.setHeaderHidden(False)
        self.setUniformRowHeights(True)
        self.setMinimumWidth(150)
        self.items: dict[int, QTreeWidgetItem] = {}
        self.names: dict[int, str] = {}
        self.counts: dict[int, int] = {}
        self.counted: ProductFilter | None = None  # the filter the counts are of
        self._asked = 0  # the newest count asked for; older answers are dropped
        self.all_item = QTreeWidgetItem([""])
        self.all_item.setData(0, ID_ROLE, None)
        self.addTopLevelItem(self.all_item)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self.retranslate()

    def retranslate(self) -> None:
        self.all_item.setText(0, self.tr("All categories"))
        if self.counted is None or _unfiltered(self.counted):
            self.setHeaderLabel(self.tr("Counts: all products"))
        else:
            self.setHeaderLabel(self.tr("Counts: this result"))
        self.headerItem().setToolTip(
            0,
            self.tr(
                "How many products of the current result are in each category (the chosen category aside)."
            ),
        )

    def count(self, reader: Reader, f: ProductFilter) -> None:
        """Ask ``reader``'s counting lane for the counts of ``f``'s result."""
        self._asked += 1
        asked = self._asked

        def job(cache: Cache) -> dict[int, int] | None:
            if asked != self._asked:
                return None  # a newer filter came while this one waited
            return product_detail.category_counts(cache, f)

        def done(counts: dict[int, int] | None) -> None:
            if counts is not None and asked == self._asked:
                self.counted = f
                self.set_counts(counts)
                self.retranslate()

        reader.background(job, done)

    def set_categories(self, rows: list[tuple[int, str, int, int | None]]) -> None:
        """(id, name, level, parent id) rows, parents before children."""
        chosen = self.chosen()
        for item in self.items.values():
            holder = item.parent() or self.invisibleRootItem()
            holder.removeChild(item)
        self.items.clear()
        self.names = {cid: name for cid, name, _level, _parent in rows}
        for cid, name, _level, parent_id in rows:
            item = QTreeWidgetItem([name])
            item.setData(0, ID_ROLE, cid)
            parent = self.items.get(parent_id) if parent_id is not None else None
            (parent or self.invisibleRootItem()).addChild(item)
            self.items[cid] = item
        self.set_counts(self.counts)
        self.select(chosen)

    def set_counts(self, counts: dict[int, int]) -> None:
        self.counts = counts
        for cid, item in self.items.items():
            name = self.names.get(cid, "")
            n = counts.get(cid)
            item.setText(0, name if n is None else f"{name}  ({number(n)})")

    def path_names(self) -> dict[int, str]:
        """Each category's name with its parents ("食品饮料 › 茶叶 › 绿茶"), for chips."""
        out: dict[int, str] = {}
        for cid, item in self.items.items():
            parts = []
            node: QTreeWidgetItem | None = item
            while node is not None and node is not self.all_item:
                node_id = node.data(0, ID_ROLE)
                parts.append(self.names.get(node_id, ""))
                node = node.parent()
            out[cid] = " › ".join(reversed(parts))
        return out

    def chosen(self) -> int | None:
        item = self.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def select(self, category_id: int | None) -> None:
        item = self.items.get(category_id) if category_id is not None else self.all_item
        self.blockSignals(True)
        self.setCurrentItem(item or self.all_item)
        parent = item.parent() if item is not None else None
        if parent is not None:
            self.expandItem(parent)
        self.blockSignals(False)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.categoryChosen.emit(item.data(0, ID_ROLE))


def _unfiltered(f: ProductFilter) -> bool:
    """Whether ``f`` selects the whole catalogue (its category and order aside)."""
    return replace(f, category_id=None, sort=None, descending=True) == ProductFilter()
