"""The 数据 page's file writer: a figure table's CSV (the commission ledger's PDF is written by
``ui/pdf.py``), run by ``ui.file_export.FileExport`` on the shared reader's background lane (as
the selection center's CSV) stopping between chunks on Cancel.

What is exported is taken on the GUI thread (the table's cells in their shown order, the
ledger as HTML): a plain snapshot the job writes while the page stays live. Files are written
to a temporary name and renamed into place only when complete, so a cancel or an error leaves
the target as it was.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Sequence
from pathlib import Path

from workbench.store.export import check_cancel, replacing
from workbench.ui.file_export import Progress

CHUNK = 2000  # CSV rows between two looks at the cancel flag


def write_csv(
    rows: Sequence[Sequence[str]],
    path: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """``rows`` (the header row first) as CSV, UTF-8 with BOM for spreadsheet apps; returns
    the data rows written. ``progress(done, total)`` after each chunk; ``cancel`` is looked at
    before each (then :class:`ExportCancelled`)."""
    total = max(len(rows) - 1, 0)
    with (
        replacing(path) as temporary,
        temporary.open("x", encoding="utf-8-sig", newline="") as handle,
    ):
        out = csv.writer(handle)
        for start in range(0, len(rows), CHUNK):
            check_cancel(cancel)
            out.writerows(rows[start : start + CHUNK])
            if progress is not None:
                progress(min(start + CHUNK, len(rows)) - 1, total)
    return total
