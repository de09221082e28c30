"""The listings table's batches: the dialog that chooses the channels to move or copy listings
(or a whole lineup) to.

My other channels, each a check box; OK is enabled once one is checked. The channel the
listings are on is left out (moving a listing onto its own channel changes nothing).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.store.channels import ChannelRow
from workbench.ui.selection.channel_picker import kind_names

ID_ROLE = Qt.ItemDataRole.UserRole
t = QCoreApplication.translate


class ChannelChoice(QDialog):
    """Pick target channels; ``chosen()`` after ``accepted``."""

    def __init__(
        self, title: str, text: str, channels: Sequence[ChannelRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("listingsBatch")
        self.setWindowTitle(title)
        self.setModal(True)
        label = QLabel(text)
        label.setWordWrap(True)
        self.list = QListWidget()
        names = kind_names()
        for channel in channels:
            kind = str(getattr(channel.kind, "value", channel.kind))
            item = QListWidgetItem(f"{channel.name} · {names.get(kind, kind)}")
            item.setData(ID_ROLE, channel.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(self._changed)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(420, 360)
        self._changed()

    def check(self, channel_id: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == channel_id:
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        return [
            str(self.list.item(i).data(ID_ROLE))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.chosen()))


def no_other_channel() -> str:
    return t("ListingsBatch", "You have no other channel yet: add one above.")


def targets_dialog(parent: QWidget, others: Sequence[ChannelRow], *, move: bool) -> ChannelChoice:
    """Where to move (or copy) the selected listings."""
    title = (
        t("ListingsBatch", "Move to channels") if move else t("ListingsBatch", "Copy to channels")
    )
    text = t(
        "ListingsBatch",
        "The selected listings go to every channel you check, after its last listing; "
        "a product already on a channel is left out there.",
    )
    return ChannelChoice(title, text, others, parent)


def lineup_dialog(parent: QWidget, source: str, others: Sequence[ChannelRow]) -> ChannelChoice:
    """Where to copy a whole channel's lineup."""
    text = t(
        "ListingsBatch", "Every listing of “%1”, in its order, goes to the channels you check."
    ).replace("%1", source)
    return ChannelChoice(t("ListingsBatch", "Copy lineup"), text, others, parent)
