"""The app's one PDF writer: HTML laid out by ``QTextDocument`` on A4 pages of a ``QPdfWriter``
(the commission ledger, the terms archive). Both classes are reentrant and paint no widget, so
it runs on a reader lane, never the GUI thread.

The document's font is a CJK family this system has (WenQuanYi Micro Hei on Linux, Microsoft
YaHei on Windows, PingFang SC on macOS …), so Chinese text is drawn from that font and embedded
in the file (a subset), not left to a reader's fallback. The file is written under a temporary
name and renamed into place only when complete: a cancel or an error leaves the target as it
was. The caller passes every text already translated.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from workbench.store.export import check_cancel, replacing

CJK_FAMILIES = (
    "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
    "PingFang SC", "Hiragino Sans GB", "SimSun", "Noto Sans SC",
)  # fmt: skip


def cjk_family() -> str | None:
    """The first CJK family this system has (None: leave it to Qt's fallback)."""
    from PySide6.QtGui import QFontDatabase

    families = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), None)


def write_pdf(
    html: str,
    title: str,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    landscape: bool = False,
    point_size: float | None = None,
) -> int:
    """``html`` on A4 pages as a PDF; returns the pages. ``progress(page, pages)`` after each
    page; ``cancel`` is looked at before each (then :class:`ExportCancelled`)."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    with replacing(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        if landscape:
            writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setResolution(120)
        writer.setTitle(title)
        writer.setCreator("Shop Workbench")
        document = QTextDocument()
        font = QFont()
        family = cjk_family()
        if family is not None:
            font.setFamily(family)
        if point_size is not None:
            font.setPointSizeF(point_size)
        document.setDefaultFont(font)
        document.setHtml(html)
        page = writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF()
        document.setPageSize(page)
        pages = document.pageCount()  # lays the document out
        painter = QPainter(writer)
        try:
            for number in range(pages):
                check_cancel(cancel)
                if number:
                    writer.newPage()
                painter.save()
                painter.translate(QPointF(0, -number * page.height()))
                document.drawContents(painter, QRectF(QPointF(0, number * page.height()), page))
                painter.restore()
                if progress is not None:
                    progress(number + 1, pages)
        finally:
            painter.end()
        del writer  # flushes and closes the file
    return pages
