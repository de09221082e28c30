"""The terms archive as a PDF (条款存档 PDF): evidence to hand over in a dispute.

Written with Qt's ``QPdfWriter`` from an HTML table laid out by ``QTextDocument``; both are
reentrant, so it runs on a reader lane, never the GUI thread. The document's font is a CJK
family this system has (WenQuanYi Micro Hei on Linux, Microsoft YaHei on Windows, PingFang SC
on macOS …), so Chinese product titles are drawn from that font and embedded in the file (a
subset), not left to a reader's fallback. The caller passes every text already translated.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument

CJK_FAMILIES = (
    "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
    "PingFang SC", "Hiragino Sans GB", "SimSun", "Noto Sans SC",
)  # fmt: skip


@dataclass(frozen=True)
class PdfTable:
    title: str
    lines: list[str]  # under the title: who, what, when, the verification result
    header: list[str]
    rows: list[list[str]]


def cjk_family() -> str | None:
    """The first CJK family this system has (None: leave it to Qt's fallback)."""
    families = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in families), None)


def write_pdf(path: Path, table: PdfTable) -> int:
    """Write ``table`` as a landscape A4 PDF (temporary file, then renamed); returns rows."""
    head = "".join(f"<th>{escape(c)}</th>" for c in table.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows
    )
    lines = "".join(f"<p>{escape(line)}</p>" for line in table.lines)
    html = (
        f"<h2>{escape(table.title)}</h2>{lines}"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )
    temp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(temp))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setResolution(110)
    writer.setTitle(table.title)
    writer.setCreator("Shop Workbench")
    document = QTextDocument()
    font = QFont()
    family = cjk_family()
    if family is not None:
        font.setFamily(family)
    font.setPointSizeF(8)
    document.setDefaultFont(font)
    document.setHtml(html)
    document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size().toSizeF())
    document.print_(writer)
    del writer  # the file is finished when the writer goes
    os.replace(temp, path)
    return len(table.rows)
