"""Pick one or more of my channels to place products on (and add a channel if there is none).

The dialog only chooses; the page turns the choice into ``listing.create`` edits in the outbox,
which works offline. A channel made here is a ``channel.create`` edit too, usable at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.enums import ChannelKind
from workbench.ui.pages.registry import Audience
from workbench.ui.theme import error_color
from workbench.ui.widgets import combo_box

ID_ROLE = Qt.ItemDataRole.UserRole


def kind_names() -> dict[str, str]:
    t = QCoreApplication.translate
    return {
        ChannelKind.SHOWCASE.value: t("ChannelKind", "Channels showcase (视频号橱窗)"),
        ChannelKind.LIVE.value: t("ChannelKind", "Channels live (视频号直播)"),
        ChannelKind.SHORT_VIDEO.value: t("ChannelKind", "Channels short video (视频号短视频)"),
        ChannelKind.OFFICIAL_ACCOUNT.value: t("ChannelKind", "Official account (公众号)"),
        ChannelKind.SERVICE_ACCOUNT.value: t("ChannelKind", "Service account (服务号)"),
        ChannelKind.MINI_PROGRAM.value: t("ChannelKind", "Mini program (小程序)"),
        ChannelKind.COMMUNITY.value: t("ChannelKind", "Community (社群)"),
    }


def needs_upgrade() -> str:
    """Why a 视频号带货者 cannot pick a kind (the server refuses it until the upgrade)."""
    return QCoreApplication.translate(
        "ChannelKind",
        "Only 视频号 channels (showcase, live, short video) until you upgrade to "
        "微信小店带货者; after the upgrade every channel kind is open.",
    )


def fill_kinds(combo: QComboBox, audience: Audience) -> None:
    """Every channel kind in ``combo``; those ``audience`` may not use are disabled, with the
    reason as their tooltip (offered, so the user learns they exist and how to get them)."""
    current = combo.currentData()
    combo.clear()
    for value, label in kind_names().items():
        combo.addItem(label, value)
        if not audience.may_use(ChannelKind(value)):
            row = combo.count() - 1
            combo.model().item(row).setEnabled(False)  # type: ignore[attr-defined]
            combo.setItemData(row, needs_upgrade(), Qt.ItemDataRole.ToolTipRole)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))


class ChannelPicker(QDialog):
    """Checkable list of channels; ``chosen()`` after ``accept``; ``new_channel`` if one was made."""

    def __init__(
        self,
        channels: list[dict[str, Any]],
        count: int,
        parent: QWidget | None = None,
        *,
        audience: Audience | None = None,
        listed: set[str] | None = None,
    ) -> None:
        """``listed``: ids of channels that already list the product(s): shown greyed. A
        channel of a kind ``audience`` may not use is greyed too, with the reason."""
        super().__init__(parent)
        self.setObjectName("channelPicker")
        self.setWindowTitle(self.tr("Add to channels"))
        self.new_channels: list[tuple[str, str]] = []  # (kind, name) to create
        self.intro = QLabel(
            self.tr(
                "Place %Ln product(s) on the channels you tick. Products already on a channel are skipped.",
                "",
                count,
            )
        )
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("channelList")
        names = kind_names()
        for channel in channels:
            text = f"{channel['name']} — {names.get(channel['kind'], channel['kind'])}"
            text += "  " + self.tr("(%Ln product(s))", "", int(channel.get("listings", 0)))
            if channel.get("pending"):
                text += "  " + self.tr("(pending sync)")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, channel["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            kind = channel["kind"]
            if channel["id"] in (listed or set()):
                item.setText(text + "  " + self.tr("(already lists it)"))
                item.setToolTip(self.tr("This channel already lists the product."))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            elif isinstance(kind, ChannelKind) and not (audience or Audience()).may_use(kind):
                item.setToolTip(needs_upgrade())
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.kind = combo_box()
        self.kind.setObjectName("newChannelKind")
        fill_kinds(self.kind, audience or Audience())
        self.name = QLineEdit()
        self.name.setObjectName("newChannelName")
        self.name.setMaxLength(60)
        self.name.setPlaceholderText(self.tr("New channel name"))
        self.add = QPushButton(self.tr("Add channel"))
        self.add.setObjectName("addChannel")
        self.add.clicked.connect(self._add_channel)
        new_row = QHBoxLayout()
        new_row.addWidget(self.kind)
        new_row.addWidget(self.name, 1)
        new_row.addWidget(self.add)
        self.error = QLabel()
        self.error.setObjectName("pickerError")
        self.error.setStyleSheet(f"color: {error_color(self.palette()).name()};")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        if not channels:
            empty = QLabel(self.tr("You have no channels yet. Add one below."))
            empty.setObjectName("noChannels")
            layout.addWidget(empty)
        layout.addWidget(self.list)
        layout.addLayout(new_row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 420)

    def _add_channel(self) -> None:
        name = self.name.text().strip()
        if not name:
            self._show_error(self.tr("Give the new channel a name."))
            return
        kind = str(self.kind.currentData())
        self.new_channels.append((kind, name))
        item = QListWidgetItem(f"{name} — {self.kind.currentText()}  " + self.tr("(new)"))
        item.setData(ID_ROLE, None)
        item.setData(ID_ROLE + 1, len(self.new_channels) - 1)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        self.list.addItem(item)
        self.name.clear()
        self.error.hide()

    def chosen(self) -> tuple[list[str], list[tuple[str, str]]]:
        """(ids of existing channels ticked, new channels (kind, name) ticked)."""
        existing, new = [], []
        for i in range(self.list.count()):
            item = self.list.item(i)
            enabled = bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)
            if item.checkState() != Qt.CheckState.Checked or not enabled:
                continue
            if item.data(ID_ROLE) is not None:
                existing.append(str(item.data(ID_ROLE)))
            else:
                new.append(self.new_channels[int(item.data(ID_ROLE + 1))])
        return existing, new

    def check(self, channel_id: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == channel_id and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                item.setCheckState(Qt.CheckState.Checked)

    def _ok(self) -> None:
        existing, new = self.chosen()
        if not existing and not new:
            self._show_error(self.tr("Tick at least one channel."))
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
