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
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from workbench.store.export import ExportCancelled
from workbench.ui.file_export import Progress

CHUNK = 2000  # CSV rows between two looks at the cancel flag


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.part")


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled


def write_csv(
    rows: Sequence[Sequence[str]],
    path: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> int:
    """``rows`` (the header row first) as CSV, UTF-8 with BOM for spreadsheet apps; returns
    the data rows written. ``progress(done, total)`` after each chunk; ``cancel`` is looked at
    before each (then :class:`ExportCancelled`)."""
    temporary = _temporary(path)
    total = max(len(rows) - 1, 0)
    try:
        with temporary.open("x", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            for start in range(0, len(rows), CHUNK):
                _check(cancel)
                out.writerows(rows[start : start + CHUNK])
                if progress is not None:
                    progress(min(start + CHUNK, len(rows)) - 1, total)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return total
