"""The selection center's filter bar: keyword box, filter menus, and the chips of what is on.

Every filter the page applies is shown as a chip; a chip's ✕ removes just that filter, "Clear
all" removes all of them. Typing in the keyword box applies after a short pause, so a fast typist
does not start a query per key. Saved filters (named, synced with the account) are in the
"Saved filters" menu; the page stores and deletes them through the outbox.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from workbench.core.enums import GuaranteeFlag
from workbench.store.products import ProductFilter
from workbench.ui.flow_layout import FlowLayout
from workbench.ui.selection.columns import guarantee_names
from workbench.ui.selection.ranges import RANGES, RangeEditor, RangeKind, range_text
from workbench.ui.widgets import Retranslating

TYPING_PAUSE_MS = 250


class FilterBar(Retranslating, QWidget):
    """Edits a :class:`ProductFilter`; ``filterChanged`` carries each new one."""

    filterChanged = Signal(object)
    saveRequested = Signal(str)  # a name for the current filter
    savedChosen = Signal(object)  # the saved filter's query (a dict)
    deleteSavedRequested = Signal(str, str)  # id, name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.filter = ProductFilter()
        self.category_names: dict[int, str] = {}
        self.saved: list[tuple[str, str, dict[str, Any]]] = []
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._keyword_done)

        self.search = QLineEdit()
        self.search.setObjectName("keyword")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(1000)
        self.search.textEdited.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self._keyword_done)
        self.search.setMinimumWidth(280)

        self.range_buttons: dict[str, QToolButton] = {}
        self.range_editors: dict[str, RangeEditor] = {}
        for kind in RANGES:
            self._add_range(kind)
        self.guarantee_button = QToolButton()
        self.guarantee_button.setObjectName("guarantees")
        self.guarantee_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.guarantee_menu = QMenu(self.guarantee_button)
        self.guarantee_actions: dict[GuaranteeFlag, QAction] = {}
        for flag in guarantee_names():
            action = self.guarantee_menu.addAction("")
            action.setCheckable(True)
            action.toggled.connect(self._guarantees_toggled)
            self.guarantee_actions[flag] = action
        self.guarantee_button.setMenu(self.guarantee_menu)

        self.promotable = QCheckBox()
        self.promotable.setObjectName("promotableNow")
        self.promotable.toggled.connect(lambda on: self._apply(promotable_now=on))
        self.hide_mine = QCheckBox()
        self.hide_mine.setObjectName("hideOnMyChannels")
        self.hide_mine.toggled.connect(lambda on: self._apply(hide_on_my_channels=on))
        self.favourites = QCheckBox()
        self.favourites.setObjectName("favouritesOnly")
        self.favourites.toggled.connect(lambda on: self._apply(favourites_only=on))

        self.saved_button = QToolButton()
        self.saved_button.setObjectName("savedFilters")
        self.saved_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.saved_menu = QMenu(self.saved_button)
        self.saved_menu.aboutToShow.connect(self._fill_saved_menu)
        self.saved_button.setMenu(self.saved_menu)

        # Wrapping rows: no language or window width makes the bar push the window wider.
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.saved_button)
        menus = FlowLayout()
        for button in self.range_buttons.values():
            menus.addWidget(button)
        for widget in (self.guarantee_button, self.promotable, self.hide_mine, self.favourites):
            menus.addWidget(widget)

        self.clear_all = QPushButton()
        self.clear_all.setObjectName("clearFilters")
        self.clear_all.setFlat(True)
        self.clear_all.clicked.connect(self.clear)
        self.chip_area = QWidget()
        self.chip_area.setObjectName("filterChips")
        self.chips = FlowLayout(self.chip_area)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addLayout(top)
        column.addLayout(menus)
        column.addWidget(self.chip_area)
        self.retranslate()
        self._show_chips()

    # --- building ---------------------------------------------------------------------------
    def _add_range(self, kind: RangeKind) -> None:
        button = QToolButton()
        button.setObjectName(f"rangeButton-{kind.key}")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        editor = RangeEditor(kind)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(editor)
        menu.addAction(holder)
        menu.aboutToShow.connect(
            lambda k=kind, e=editor: e.set_values(*(getattr(self.filter, n) for n in k.fields))
        )
        menu.aboutToShow.connect(lambda e=editor: QTimer.singleShot(0, e.low.setFocus))

        def applied(
            low: int | None, high: int | None, k: RangeKind = kind, m: QMenu = menu
        ) -> None:
            m.close()
            self._apply(**{k.fields[0]: low, k.fields[1]: high})

        editor.applied.connect(applied)
        button.setMenu(menu)
        self.range_buttons[kind.key] = button
        self.range_editors[kind.key] = editor

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search titles, shops and categories, e.g. 茶 or iPhone 壳 (Ctrl+F)")
        )
        for kind in RANGES:
            self.range_buttons[kind.key].setText(kind.label() + " ▾")
            self.range_editors[kind.key].retranslate()
        self.guarantee_button.setText(self.tr("Guarantees") + " ▾")
        for flag, name in guarantee_names().items():
            self.guarantee_actions[flag].setText(name)
        self.promotable.setText(self.tr("Promotable now"))
        self.promotable.setToolTip(self.tr("Only products on sale and in stock"))
        self.hide_mine.setText(self.tr("Hide products on my channels"))
        self.favourites.setText(self.tr("★ Favourites only"))
        self.saved_button.setText(self.tr("Saved filters") + " ▾")
        self.clear_all.setText(self.tr("Clear all"))
        self._show_chips()

    # --- the filter ------------------------------------------------------------------------------
    def set_filter(self, f: ProductFilter) -> None:
        """Show ``f`` in the widgets (no signal)."""
        self.filter = f
        widgets = (self.search, self.promotable, self.hide_mine, self.favourites,
                   *self.guarantee_actions.values())  # fmt: skip
        for widget in widgets:
            widget.blockSignals(True)
        if self.search.text() != f.keyword:
            self.search.setText(f.keyword)
        self.promotable.setChecked(f.promotable_now)
        self.hide_mine.setChecked(f.hide_on_my_channels)
        self.favourites.setChecked(f.favourites_only)
        for flag, action in self.guarantee_actions.items():
            action.setChecked(bool(f.guarantee_flags & flag.value))
        for widget in widgets:
            widget.blockSignals(False)
        self._show_chips()

    def set_categories(self, names: dict[int, str]) -> None:
        """Category names (with their path) for the chip of the chosen category."""
        self.category_names = names
        self._show_chips()

    def set_category(self, category_id: int | None) -> None:
        self._apply(category_id=category_id)

    def clear(self) -> None:
        """Remove every filter (the sort stays)."""
        self._apply(**{f.name: getattr(ProductFilter(), f.name) for f in fields(ProductFilter)
                       if f.name not in ("sort", "descending")})  # fmt: skip

    def _apply(self, **changes: Any) -> None:
        if self._typing.isActive():  # typed but not applied yet: it goes with this change
            self._typing.stop()
            changes.setdefault("keyword", self.search.text())
        if changes.get("keyword", "").strip() and not self.filter.keyword.strip():
            changes.setdefault(
                "sort", None
            )  # a keyword typed into an empty box: best matches first
        new = replace(self.filter, **changes)
        if new == self.filter:
            return
        self.set_filter(new)
        self.filterChanged.emit(new)

    def _keyword_done(self) -> None:
        self._typing.stop()
        self._apply(keyword=self.search.text())

    def _guarantees_toggled(self) -> None:
        flags = 0
        for flag, action in self.guarantee_actions.items():
            if action.isChecked():
                flags |= flag.value
        self._apply(guarantee_flags=flags)

    # --- chips --------------------------------------------------------------------------------
    def chip_texts(self) -> list[tuple[str, str]]:
        """(key, text) of every active filter, in a stable order."""
        f, out = self.filter, []
        if f.keyword.strip():
            out.append(("keyword", self.tr("Keyword: %1").replace("%1", f.keyword.strip()[:40])))
        if f.category_id is not None:
            name = self.category_names.get(f.category_id, str(f.category_id))
            out.append(("category", self.tr("Category: %1").replace("%1", name)))
        for kind in RANGES:
            low, high = (getattr(f, n) for n in kind.fields)
            if low is not None or high is not None:
                out.append((kind.key, range_text(kind, low, high)))
        names = guarantee_names()
        out.extend(
            (f"guarantee:{flag.value}", names[flag])
            for flag in names
            if f.guarantee_flags & flag.value
        )
        if f.promotable_now:
            out.append(("promotable", self.tr("Promotable now")))
        if f.hide_on_my_channels:
            out.append(("hide_mine", self.tr("Not on my channels")))
        if f.favourites_only:
            out.append(("favourites", self.tr("★ Favourites")))
        return out

    def remove_chip(self, key: str) -> None:
        kinds = {k.key: k for k in RANGES}
        if key == "keyword":
            self._apply(keyword="")
        elif key == "category":
            self._apply(category_id=None)
        elif key in kinds:
            self._apply(**{n: None for n in kinds[key].fields})
        elif key.startswith("guarantee:"):
            self._apply(guarantee_flags=self.filter.guarantee_flags & ~int(key.split(":")[1]))
        elif key == "promotable":
            self._apply(promotable_now=False)
        elif key == "hide_mine":
            self._apply(hide_on_my_channels=False)
        elif key == "favourites":
            self._apply(favourites_only=False)

    def _show_chips(self) -> None:
        while self.chips.count():
            item = self.chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.clear_all:
                widget.deleteLater()
        chips = self.chip_texts()
        for key, text in chips:
            chip = QPushButton(f"{text}  ✕")
            chip.setObjectName(f"chip-{key}")
            chip.setProperty("chipKey", key)
            chip.setToolTip(self.tr("Remove this filter"))
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.setStyleSheet(
                "QPushButton { border: 1px solid palette(mid); border-radius: 11px;"
                " padding: 2px 10px; background: palette(alternate-base); }"
                "QPushButton:hover { border-color: palette(highlight); }"
            )
            chip.clicked.connect(lambda _c=False, k=key: self.remove_chip(k))
            self.chips.addWidget(chip)
        self.chips.addWidget(self.clear_all)
        self.clear_all.setVisible(len(chips) > 1)
        self.chip_area.setVisible(bool(chips))

    def chip_keys(self) -> list[str]:
        return [key for key, _text in self.chip_texts()]

    # --- saved filters -----------------------------------------------------------------------
    def set_saved_filters(self, saved: list[tuple[str, str, dict[str, Any]]]) -> None:
        self.saved = saved

    def _fill_saved_menu(self) -> None:
        menu = self.saved_menu
        menu.clear()
        save = menu.addAction(self.tr("Save current filter…"))
        save.triggered.connect(self.ask_save)
        if not self.saved:
            empty = menu.addAction(self.tr("No saved filters yet"))
            empty.setEnabled(False)
            return
        menu.addSeparator()
        for _id, name, query in self.saved:
            action = menu.addAction(name)
            action.triggered.connect(lambda _c=False, q=query: self.savedChosen.emit(q))
        menu.addSeparator()
        delete = menu.addMenu(self.tr("Delete"))
        for saved_id, name, _query in self.saved:
            action = delete.addAction(name)
            action.triggered.connect(
                lambda _c=False, i=saved_id, n=name: self.deleteSavedRequested.emit(i, n)
            )

    def ask_save(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Save filter"), self.tr("Name of this filter (at most 60 characters):")
        )
        name = name.strip()[:60]
        if ok and name:
            self.saveRequested.emit(name)
