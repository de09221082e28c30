"""The terms archive as a PDF (条款存档 PDF): evidence to hand over in a dispute.

The records shown, as an HTML table written by the app's PDF writer (``ui/pdf.py``: a reader
lane, a CJK font embedded, landscape A4). The caller passes every text already translated.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from html import escape
from pathlib import Path

from workbench.ui.file_export import Progress
from workbench.ui.pdf import write_pdf


@dataclass(frozen=True)
class PdfTable:
    title: str
    lines: list[str]  # under the title: who, what, when, the verification result
    header: list[str]
    rows: list[list[str]]


def write_table(
    path: Path,
    table: PdfTable,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """Write ``table`` as a landscape A4 PDF; returns its rows. ``progress(page, pages)`` and
    ``cancel`` as :func:`~workbench.ui.pdf.write_pdf` takes them."""
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
    write_pdf(html, table.title, path, progress, cancel, landscape=True, point_size=8)
    return len(table.rows)
