"""The conflicts inbox: every edit the server refused or answered with a conflict, and what to do.

Opened from the status bar's conflict count (or the rejection notice). One row per item,
unresolved first: when, what I tried (the edit in words, and each field I changed as the
server's value → mine), why (one translated reason per error code, ``conflicts.reason_text``),
what the server has now, and the state (open, retried, discarded: resolved items stay listed,
nothing disappears silently). Per item: **Retry** (my edit again, based on the server's version:
``store.conflicts.retry`` through ``controller.edit_with``, so it works offline), **Discard
mine** (the server's version stays), **Open** (the channel, or the product, it is about).
Keys: Ctrl+R retry, Delete discard, Enter open, Esc close. It re-reads after every change the
controller reports (a sync that brings or settles conflicts, a resolution).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.store import conflicts as store
from workbench.ui.conflicts import reason_text
from workbench.ui.widgets import Retranslating

if TYPE_CHECKING:
    from workbench.store.changed import Changed
    from workbench.ui.sync_controller import SyncController

CAUSE = "conflicts"
ID_ROLE = Qt.ItemDataRole.UserRole


t = QCoreApplication.translate


def field_names() -> dict[str, str]:
    return {
        "name": t("Conflicts", "name"),
        "kind": t("Conflicts", "kind"),
        "position": t("Conflicts", "position"),
        "pinned": t("Conflicts", "pinned"),
        "hidden": t("Conflicts", "hidden"),
        "custom_title": t("Conflicts", "custom title"),
        "selling_points": t("Conflicts", "selling points"),
        "start_at": t("Conflicts", "start"),
        "end_at": t("Conflicts", "end"),
        "query": t("Conflicts", "filter"),
        "deleted": t("Conflicts", "deleted"),
    }


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t("Conflicts", "yes") if value else t("Conflicts", "no")
    if isinstance(value, str):
        if len(value) >= 19 and value[4] == "-" and value[10] == "T":  # a time
            return _when(value)
        return f"“{value}”"
    if isinstance(value, dict):
        return "…"
    return str(value)


def _when(text: str | None) -> str:
    if not text:
        return "—"
    try:
        return (
            datetime.fromisoformat(text.replace("Z", "+00:00"))
            .astimezone()
            .strftime("%Y-%m-%d %H:%M")
        )
    except ValueError:
        return text


_IDS = ("channel_id", "product_id")


def attempt_text(item: store.Item, names: dict[str, str]) -> str:
    """What I tried: the edit in words, then each field I changed, the server's value → mine."""
    from workbench.ui.selection.channel_picker import kind_names

    mine, entity_id = item.mine, item.entity_id
    name = names.get(entity_id, entity_id)
    product = str(mine.get("product_id") or (item.now or item.theirs or {}).get("product_id", ""))
    channel = str(mine.get("channel_id") or (item.now or item.theirs or {}).get("channel_id", ""))
    kind = str(mine.get("kind", ""))
    heads = {
        "channel.create": t("Conflicts", "Add the %1 channel “%2”")
        .replace("%1", kind_names().get(kind, kind))
        .replace("%2", str(mine.get("name", ""))),
        "channel.rename": t("Conflicts", "Rename the channel “%1”").replace("%1", name),
        "channel.delete": t("Conflicts", "Delete the channel “%1”").replace("%1", name),
        "listing.create": t("Conflicts", "Place “%1” on the channel “%2”"),
        "listing.patch": t("Conflicts", "Change “%1” on the channel “%2”"),
        "listing.delete": t("Conflicts", "Remove “%1” from the channel “%2”"),
        "listing.move": t("Conflicts", "Move “%1” to the channel “%2”"),
        "favourite.add": t("Conflicts", "Favourite “%1”").replace("%1", name),
        "favourite.remove": t("Conflicts", "Unfavourite “%1”").replace("%1", name),
        "saved_filter.put": t("Conflicts", "Save the filter “%1”").replace(
            "%1", str(mine.get("name", ""))
        ),
        "saved_filter.delete": t("Conflicts", "Delete a saved filter"),
        "account.upgrade": t("Conflicts", "Upgrade to 微信小店带货者"),
    }
    head = heads.get(item.mutation_type)
    if head is None:
        head = t("Conflicts", "%1 of %2").replace("%1", item.mutation_type).replace("%2", entity_id)
    gone = t("Conflicts", "(deleted)")  # a channel the cache no longer has
    head = head.replace("%1", names.get(product, product)).replace(
        "%2", names.get(channel, gone if channel else channel)
    )
    if item.mutation_type in ("channel.create", "listing.create"):
        return head  # a new row: its fields are in the words already
    labels = field_names()
    before = item.theirs or {}
    lines = [
        f"{labels.get(key, key)}: {_value(before.get(key))} → {_value(value)}"
        for key, value in mine.items()
        if key not in _IDS
    ]
    return "\n".join([head, *lines])


def server_text(item: store.Item, names: dict[str, str]) -> str:
    """What the server has now, as this device last heard it."""
    now = item.now
    if now is None:
        if item.kind == "rejected":
            return t("Conflicts", "Nothing: the server did not take the edit.")
        return t("Conflicts", "The server has no such row (deleted, or never made).")
    labels = field_names()
    keys = [k for k in (item.fields or list(item.mine)) if k not in _IDS and k in now]
    parts = [f"{labels.get(k, k)}: {_value(now.get(k))}" for k in keys]
    if not parts and now.get("name"):
        parts = [f"{labels['name']}: {_value(now.get('name'))}"]
    if not parts:
        parts = [names.get(item.entity_id, item.entity_id)]
    return "\n".join(
        [*parts, t("Conflicts", "(version %1)").replace("%1", str(now.get("version", "?")))]
    )


def state_text(item: store.Item) -> str:
    """Open, or how and when it was resolved (short: the tooltip says more)."""
    if item.open:
        return t("Conflicts", "Open")
    when = _when(item.resolved_at)[5:]  # MM-DD hh:mm
    if item.resolution == store.RETRIED:
        return t("Conflicts", "Retried %1").replace("%1", when)
    return t("Conflicts", "Discarded %1").replace("%1", when)


def state_tip(item: store.Item) -> str:
    if item.open:
        return t("Conflicts", "Waiting for your decision: retry mine, or discard it.")
    if item.resolution == store.RETRIED:
        return t(
            "Conflicts", "Sent again on the server's version (see the pending edits and this list)."
        )
    return t("Conflicts", "Discarded: the server's version stays.")


class ConflictsInbox(Retranslating, QDialog):
    """Every conflict and rejection, with Retry / Discard mine / Open per item."""

    openRequested = Signal(str, str)  # ("channel" | "product", id)

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.controller = controller
        self.items: list[store.Item] = []
        self.names: dict[str, str] = {}
        self.loaded = False
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("conflictsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, 130)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.sectionResized.connect(lambda *_a: self._fit_rows())
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.itemActivated.connect(lambda _item: self.open_row())
        self.state = QLabel()
        self.state.setObjectName("conflictsState")
        self.state.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryConflict")
        self.retry_button.clicked.connect(self.retry)
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("discardConflict")
        self.discard_button.clicked.connect(self.discard)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openConflictRow")
        self.open_button.clicked.connect(self.open_row)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.retry_button, self.discard_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.state)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        for keys, action in (
            (QKeySequence("Ctrl+R"), self.retry),
            (QKeySequence(Qt.Key.Key_Delete), self.discard),
            (QKeySequence("Ctrl+O"), self.open_row),
        ):
            QShortcut(keys, self).activated.connect(action)
        self.resize(1040, 440)
        self.retranslate()
        controller.changed.connect(self._changed)
        self.reload()

    # --- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.controller.reader.interactive(store.inbox, self.show_items)

    def _changed(self, _changed: Changed) -> None:
        if shiboken6.isValid(self):
            self.reload()

    def show_items(self, result: tuple[list[store.Item], dict[str, str]]) -> None:
        if not shiboken6.isValid(self):
            return  # closed (and deleted) before the read came back
        chosen = self.selected()
        self.items, self.names = result
        self.loaded = True
        self._fill(None if chosen is None else chosen.id)

    # --- words ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Conflicts"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("What you tried"),
                self.tr("Why"),
                self.tr("What the server has now"),
                self.tr("State"),
            ]
        )
        self.note.setText(
            self.tr(
                "Until you decide, what you see is what the server has; your edit is kept here. "
                "Retry sends it again on the server's version; Discard keeps the server's. "
                "Resolved items stay listed."
            )
        )
        self.retry_button.setText(self.tr("Retry mine (Ctrl+R)"))
        self.discard_button.setText(self.tr("Discard mine (Del)"))
        self.open_button.setText(self.tr("Open (Enter)"))
        self.close_button.setText(self.tr("Close (Esc)"))
        self._fill(None if self.selected() is None else self.selected().id)  # type: ignore[union-attr]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "items"):
            self._fill(None if self.selected() is None else self.selected().id)  # type: ignore[union-attr]
        super().changeEvent(event)

    def _fill(self, keep: int | None) -> None:
        self.table.setRowCount(len(self.items))
        select = 0 if self.items else -1
        for row, item in enumerate(self.items):
            cells = (
                _when(item.created_at),
                attempt_text(item, self.names),
                reason_text(item.code, item.detail),
                server_text(item, self.names),
                state_text(item),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(state_tip(item) if column == 4 else text)
                cell.setData(ID_ROLE, item.id)
                if not item.open:  # resolved: still listed, set apart (readable in dark too)
                    font = cell.font()
                    font.setItalic(True)
                    cell.setFont(font)
                    cell.setForeground(
                        self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                    )
                self.table.setItem(row, column, cell)
            if item.id == keep:
                select = row
        self._fit_rows()
        if select >= 0:
            self.table.selectRow(select)
        open_count = sum(1 for i in self.items if i.open)
        if not self.loaded:
            text = self.tr("Reading…")
        elif not self.items:
            text = self.tr("No conflicts: the server took every edit you made.")
        else:
            text = (
                self.tr("%n open, needing your decision;", "", open_count)
                + " "
                + self.tr("%n resolved.", "", len(self.items) - open_count)
            )
        self.state.setText(text)
        self._selected()

    def _fit_rows(self) -> None:
        """Each row as tall as its longest wrapped cell at the columns' current widths (the
        delegate's own size hint comes out a line short for mixed Chinese and English)."""
        metrics = self.table.fontMetrics()
        flags = Qt.TextFlag.TextWordWrap
        for row in range(self.table.rowCount()):
            height = metrics.height()
            for column in range(self.table.columnCount()):
                cell = self.table.item(row, column)
                width = self.table.columnWidth(column) - 12
                if cell is not None and width > 20:
                    box = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, cell.text())
                    height = max(height, box.height())
            self.table.setRowHeight(row, height + 10)

    # --- actions -----------------------------------------------------------------------------
    def selected(self) -> store.Item | None:
        cells = self.table.selectedItems()
        if not cells:
            return None
        chosen = cells[0].data(ID_ROLE)
        return next((i for i in self.items if i.id == chosen), None)

    def _selected(self) -> None:
        item = self.selected()
        self.retry_button.setEnabled(item is not None and item.open)
        self.discard_button.setEnabled(item is not None and item.open)
        self.open_button.setEnabled(item is not None and item.target is not None)

    def retry(self) -> None:
        item = self.selected()
        if item is not None and item.open:
            self._resolve(lambda cache: store.retry(cache, item.id))

    def discard(self) -> None:
        item = self.selected()
        if item is not None and item.open:
            self._resolve(lambda cache: store.discard(cache, item.id))

    def _resolve(self, fn: Any) -> None:
        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                if isinstance(exc, store.ConflictGone):
                    self.state.setText(self.tr("Already resolved (on another page or window)."))
                else:
                    self.state.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
                self.reload()

        self.controller.edit_with(fn, lambda _r: None, failed, cause=CAUSE)

    def open_row(self) -> None:
        item = self.selected()
        if item is not None and item.target is not None:
            self.openRequested.emit(*item.target)


def open_target(window: Any, kind: str, row_id: str, tries: int = 40) -> None:
    """Go to what an item is about: the channel on the channels page (selected once its rows
    are read), or the product's details on the selection center."""
    from PySide6.QtCore import QTimer

    if kind == "product":
        window.select_page("selection")
        window.page("selection").show_product(row_id)
        return
    window.select_page("channels")
    page = window.page("channels")
    for row, channel in enumerate(page.rows):
        if channel.id == row_id:
            page.table.selectRow(row)
            page.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return
    if tries > 0 and not page.loaded:  # the page is reading its rows: try again shortly
        QTimer.singleShot(100, lambda: open_target(window, kind, row_id, tries - 1))
