"""Painting a cell with the keyword's matches in bold and the highlight colour's tint.

The spans come from the model (``SPANS_ROLE``, computed off the GUI thread by
``store.highlight``) in Python characters and are turned into Qt's UTF-16 positions here (a
title with an emoji before the match would otherwise be bolded one place off); the cell is
elided like any other, and a span cut by the elision is cut with it. Cells without spans are painted by the stock delegate.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from workbench.ui.selection.model import SPANS_ROLE

_MARGIN = 4


class HighlightDelegate(QStyledItemDelegate):
    """Bolds the matched parts of titles and shop names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        spans = index.data(SPANS_ROLE)
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(_MARGIN, 0, -_MARGIN, 0)
        shown = opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        layout = QTextLayout(shown, opt.font)
        layout.setFormats(_formats(_utf16(text, spans), _units(shown), selected, opt.palette))
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(rect.width())
        layout.endLayout()
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setClipRect(opt.rect)
        top = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


def _units(text: str) -> int:
    """Length in UTF-16 code units: what Qt's string positions count (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def _utf16(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans over Python characters (``store.highlight``) as spans over UTF-16 units."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return spans
    return [(_units(text[:start]), _units(text[:end])) for start, end in spans]


def _formats(
    spans: list[tuple[int, int]], length: int, selected: bool, palette: QPalette
) -> list[Any]:
    ranges = []
    for start, end in spans:
        if start >= length:
            break
        fmt = QTextCharFormat()
        fmt.setFontWeight(700)
        if not selected:
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(50)
            fmt.setBackground(tint)
        rng = QTextLayout.FormatRange()
        rng.start, rng.length, rng.format = start, min(end, length) - start, fmt
        ranges.append(rng)
    return ranges
