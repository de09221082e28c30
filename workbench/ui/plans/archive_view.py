"""The terms archive, browsed (条款存档): the evidence ``store/terms_archive.py`` keeps, per plan or
per merchant, with Verify and the exports.

Opened from the Plans page ("Terms archive…", on the selected plan). Left: the plans (product,
shop) or the merchants (shop) the archive holds, with how many records each; right: that
group's records in the order they were archived (what, my rate, a cut under notice and its
date, the period, when I saw it, the server's version, the start of the record's hash).
**Verify** walks the hash chain: "Intact (N records)", or the first record that was changed,
removed or put in between, with its plan and the time it was seen. **Export PDF…** and
**Export CSV…** write the group shown. Everything runs on the reader's background lane (the
archive is its own file beside the cache; reading or writing it never blocks the window).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from workbench.store.terms_archive import TermsArchive, Verdict
from workbench.ui.file_export import FileExport, Job, Progress
from workbench.ui.plans.alerts import row_table, when
from workbench.ui.plans.archive_pdf import PdfTable, write_table
from workbench.ui.selection.columns import percent, plan_type_text
from workbench.ui.theme import error_color
from workbench.ui.widgets import Retranslating, TableOrState, combo_box, number

if TYPE_CHECKING:
    from workbench.store.cache import Cache
    from workbench.ui.sync_controller import SyncController

BY_PLAN, BY_MERCHANT = "plan", "merchant"
KEY_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Broken:
    """Where the chain breaks, with what the record there says (if it still reads)."""

    verdict: Verdict
    plan_id: str | None
    product_title: str | None
    seen_at: str | None


def day(text: str | None) -> str:
    """An ISO time as the user's local date."""
    return when(text)[:10]


def read_all(cache: Cache) -> list[tuple[int, dict[str, Any], str]]:
    """Every archived record (seq, record, hash), in order."""
    with TermsArchive.for_cache(cache.path) as archive:
        rows = archive.conn.execute("SELECT seq, record, hash FROM terms ORDER BY seq")
        out = []
        for seq, body, digest in rows:
            try:
                record = json.loads(body)
            except ValueError:
                record = {}
            out.append((int(seq), record, str(digest)))
        return out


def verify(cache: Cache) -> Broken:
    with TermsArchive.for_cache(cache.path) as archive:
        verdict = archive.verify()
        if verdict.intact or verdict.first_broken is None:
            return Broken(verdict, None, None, None)
        row = archive.conn.execute(
            "SELECT record FROM terms WHERE seq = ?", (verdict.first_broken,)
        ).fetchone()
    try:
        record = json.loads(row[0]) if row else {}
    except ValueError:
        record = {}
    return Broken(
        verdict, record.get("plan_id"), record.get("product_title"), record.get("seen_at")
    )


def groups(records: list[tuple[int, dict[str, Any], str]], by: str) -> list[tuple[str, str, int]]:
    """(key, label, records) per plan or per merchant, the most recently archived first."""
    found: dict[str, tuple[str, int, int]] = {}
    for seq, record, _digest in records:
        key = str(record.get("plan_id" if by == BY_PLAN else "merchant_id") or "")
        if by == BY_PLAN:
            label = f"{record.get('product_title') or ''} · {record.get('shop_name') or ''}"
        else:
            label = str(record.get("shop_name") or key)
        _label, count, _last = found.get(key, (label, 0, 0))
        found[key] = (label, count + 1, seq)
    ordered = sorted(found.items(), key=lambda kv: -kv[1][2])
    return [(key, label, count) for key, (label, count, _seq) in ordered]


class TermsArchiveDialog(Retranslating, QDialog):
    """Browse, verify and export the open account's terms archive."""

    def __init__(
        self, controller: SyncController, plan_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("termsArchive")
        self.controller = controller
        self.records: list[tuple[int, dict[str, Any], str]] = []
        self.shown: list[tuple[int, dict[str, Any], str]] = []
        self.wanted_plan = plan_id
        self.loaded = False
        self.broken: Broken | None = None
        self.exported: list[Path] = []  # files written, in order (tests wait for them)
        self._exporting: Path | None = None
        self.exports = FileExport(controller.reader, self)  # the app's one export runner
        self.exports.finished.connect(self._export_ended)
        self.resize(1180, 620)
        self.by = combo_box()
        self.by.setObjectName("archiveGrouping")
        self.by.currentIndexChanged.connect(self._regroup)
        self.group_list = QListWidget()
        self.group_list.setObjectName("archiveGroups")
        self.group_list.currentItemChanged.connect(lambda *_a: self._show_records())
        self.group_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.group_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the full text: tooltip
        self.table = row_table("archiveRecords", columns=9, stretch=2)
        self.table_box = TableOrState(self.table, "archiveRecords")  # no records: a line
        self.verdict = QLabel()
        self.verdict.setObjectName("archiveVerdict")
        self.verdict.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("archiveStatus")
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verifyArchive")
        self.verify_button.clicked.connect(self.run_verify)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("exportArchivePdf")
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.csv_button = QPushButton()
        self.csv_button.setObjectName("exportArchiveCsv")
        self.csv_button.clicked.connect(self.ask_csv)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        left = self.groups_pane = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.by)
        left_layout.addWidget(self.group_list, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.table_box)
        split.setStretchFactor(1, 3)
        split.setSizes([250, 930])
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.status, 1)
        for button in (self.pdf_button, self.csv_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.verdict)
        layout.addLayout(buttons)
        self.retranslate()
        self.reload()

    # --- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.controller.reader.background(read_all, self._loaded)

    def _loaded(self, records: Any) -> None:
        if not isValid(self):
            return  # closed (and deleted) while the lane read
        self.records = list(records)
        self.loaded = True
        self._regroup()

    def run_verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.controller.reader.background(verify, self._verified, self._verify_failed)

    def _verified(self, broken: Any) -> None:
        if not isValid(self):
            return
        self.broken = broken
        self.verify_button.setEnabled(True)
        self._show_verdict()

    def _verify_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.verify_button.setEnabled(True)
        self.verdict.setText(self.tr("Could not verify: %1").replace("%1", str(exc)))

    # --- showing ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Terms archive"))
        self.intro.setText(
            self.tr(
                "Every version of the terms you applied under, were approved under or were "
                "notified of, kept on this computer beside your cache and never rewritten. "
                "Each record is chained to the one before it by its hash, so a later edit of "
                "the file shows."
            )
        )
        current = self.by.currentIndex()
        self.by.blockSignals(True)
        self.by.clear()
        self.by.addItem(self.tr("By plan"), BY_PLAN)
        self.by.addItem(self.tr("By merchant"), BY_MERCHANT)
        self.by.setCurrentIndex(max(0, current))
        self.by.blockSignals(False)
        self.table.setHorizontalHeaderLabels(self._header())
        self.verify_button.setText(self.tr("Verify"))
        self.pdf_button.setText(self.tr("Export PDF…"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.close_button.setText(self.tr("Close"))
        self._show_records()
        self._show_verdict()

    def _header(self) -> list[str]:
        return [
            self.tr("#"), self.tr("Kind"), self.tr("Product"), self.tr("Type"),
            self.tr("My rate"), self.tr("Cut under notice"), self.tr("Period"),
            self.tr("Seen at"), self.tr("Version"),
        ]  # fmt: skip

    def _kind(self, kind: str) -> str:
        return {
            "applied": self.tr("Applied under"),
            "approved": self.tr("Approved under"),
            "notified": self.tr("Notified of a cut"),
        }.get(kind, kind)

    def _cells(self, seq: int, record: dict[str, Any]) -> list[str]:
        rate = record.get("rate_ppm")
        cut, at = record.get("pending_rate_ppm"), record.get("pending_at")
        begin, end = str(record.get("begin_at") or "")[:10], str(record.get("end_at") or "")[:10]
        return [
            str(seq),
            self._kind(str(record.get("kind") or "")),
            str(record.get("product_title") or record.get("product_id") or ""),
            plan_type_text(record.get("plan_type")),
            "—" if rate is None else percent(int(rate)),
            "—"
            if cut is None
            else self.tr("%1 from %2").replace("%1", percent(int(cut))).replace("%2", day(at)),
            f"{begin} – {end}",
            when(record.get("seen_at")),
            str(record.get("server_version") or ""),
        ]

    def _regroup(self) -> None:
        by = self.by.currentData() or BY_PLAN
        keep = self.group_list.currentItem()
        wanted = self.wanted_plan if by == BY_PLAN else None
        if keep is not None and wanted is None:
            wanted = str(keep.data(KEY_ROLE))
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for key, label, count in groups(self.records, by):
            item = QListWidgetItem(f"{label} ({number(count)})")
            item.setData(KEY_ROLE, key)
            item.setToolTip(f"{label} ({number(count)})\n{key}")
            self.group_list.addItem(item)
            if key == wanted:
                self.group_list.setCurrentItem(item)
        if self.group_list.currentItem() is None and self.group_list.count():
            self.group_list.setCurrentRow(0)
        self.group_list.blockSignals(False)
        self.wanted_plan = None
        self._show_records()

    def group(self) -> tuple[str, str] | None:
        item = self.group_list.currentItem()
        if item is None:
            return None
        return str(self.by.currentData() or BY_PLAN), str(item.data(KEY_ROLE))

    def _show_records(self) -> None:
        chosen = self.group()
        field = None if chosen is None else ("plan_id" if chosen[0] == BY_PLAN else "merchant_id")
        self.shown = [
            r
            for r in self.records
            if chosen is not None and field is not None and str(r[1].get(field) or "") == chosen[1]
        ]
        self.table.setRowCount(len(self.shown))
        for r, (seq, record, _digest) in enumerate(self.shown):
            for c, text in enumerate(self._cells(seq, record)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        has = bool(self.shown) and self.exports.running is None
        self.pdf_button.setEnabled(has)
        self.csv_button.setEnabled(has)
        if not self.loaded:
            self.table_box.say(self.tr("Reading the archive…"))
        elif not self.records:  # no groups either: the line alone
            self.table_box.say(self.tr("The archive is empty: apply to a plan to start it."))
        else:
            self.table_box.say("")
        self.groups_pane.setVisible(not self.loaded or bool(self.records))

    def verdict_text(self) -> str:
        broken = self.broken
        if broken is None:
            return ""
        v = broken.verdict
        if v.intact:
            return self.tr(
                "Intact (%1 records): no record was changed, removed or put in."
            ).replace("%1", number(v.records))
        seq = str(v.first_broken)
        plan = broken.product_title or broken.plan_id or "?"
        seen = when(broken.seen_at)
        if v.reason == "hash":
            text = self.tr("Record %1 was changed (plan %2, seen at %3).")
        else:
            text = self.tr(
                "The chain breaks at record %1: a record before it was removed or put in "
                "(plan %2, seen at %3)."
            )
        return text.replace("%1", seq).replace("%2", plan).replace("%3", seen)

    def _show_verdict(self) -> None:
        self.verdict.setText(self.verdict_text())
        bad = self.broken is not None and not self.broken.verdict.intact
        self.verdict.setStyleSheet(
            f"color: {error_color(self.palette()).name()}; font-weight: bold;" if bad else ""
        )

    # --- exports ---------------------------------------------------------------------------
    def _file_stem(self) -> str:
        chosen = self.group()
        return "terms-archive" if chosen is None else f"terms-{chosen[0]}-{chosen[1][:13]}"

    def ask_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), self._file_stem() + ".pdf", self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_pdf(Path(path))

    def ask_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), self._file_stem() + ".csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(Path(path))

    def pdf_table(self) -> PdfTable:
        """The group shown, as the PDF's texts (translated here, on the GUI thread)."""
        item = self.group_list.currentItem()
        lines = [item.text() if item is not None else ""]
        if self.broken is not None:
            lines.append(self.verdict_text())
        lines.append(self.tr("Hashes: SHA-256, each over the previous hash and the record."))
        rows = [[*self._cells(seq, r), digest[:16]] for seq, r, digest in self.shown]
        return PdfTable(self.tr("Terms archive"), lines, [*self._header(), self.tr("Hash")], rows)

    def export_pdf(self, path: Path) -> None:
        table = self.pdf_table()
        self._run_export(
            lambda _cache, progress, cancel: write_table(path, table, progress, cancel), path
        )

    def export_csv(self, path: Path) -> None:
        chosen = self.group()
        if chosen is None:
            return
        by, key = chosen

        def job(cache: Cache, _progress: Progress, cancel: threading.Event) -> int:
            chosen = {"plan_id": key} if by == BY_PLAN else {"merchant_id": key}
            with TermsArchive.for_cache(cache.path) as archive:
                return archive.export_csv(path, cancel=cancel, **chosen)

        self._run_export(job, path)

    def _run_export(self, job: Job, path: Path) -> None:
        """``job`` on the shared export runner (background lane, progress, Cancel)."""

        def wrote(rows: int) -> str:
            return (
                self.tr("Wrote %1 records to %2")
                .replace("%1", number(rows))
                .replace("%2", str(path))
            )

        if self.exports.start(self.tr("Writing %1…").replace("%1", path.name), job, wrote):
            self._exporting = path
            self.pdf_button.setEnabled(False)
            self.csv_button.setEnabled(False)

    def _export_ended(self, render: Callable[[], str]) -> None:
        if self.exports.written is not None and self._exporting is not None:
            self.exported.append(self._exporting)
        self._exporting = None
        self.status.setText(render())
        self._show_records()


def open_archive(
    controller: SyncController, parent: QWidget, plan_id: str | None
) -> TermsArchiveDialog:
    """Show the archive (non-modal), on ``plan_id``'s records when it has any."""
    dialog = TermsArchiveDialog(controller, plan_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
