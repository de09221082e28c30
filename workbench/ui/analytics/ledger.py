"""The commission reconciliation ledger (佣金对账) of the 数据 page, a creator's: totals per
month (expected, settled, difference, lines per verdict) and the lines, all or the
discrepancies only, with CSV and PDF export for a claim. Read and written on the background lane
(``exports.py``: a progress dialog with Cancel, the file replaced only when complete)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workbench.core.commission import Verdict
from workbench.store.commission_ledger import LedgerRow, export_csv, ledger, month_totals
from workbench.ui.analytics import names
from workbench.ui.analytics.charts import money_text
from workbench.ui.analytics.tables import FigureTable
from workbench.ui.file_export import FileExport
from workbench.ui.pdf import write_pdf
from workbench.ui.widgets import combo_box

if TYPE_CHECKING:
    from workbench.ui.reader import Reader


def verdict_name(v: Verdict) -> str:
    t = QCoreApplication.translate
    return {
        Verdict.MATCHED: t("LedgerView", "Matched"),
        Verdict.MISSING: t("LedgerView", "Missing"),
        Verdict.SHORT_PAID: t("LedgerView", "Short paid"),
        Verdict.OVER_PAID: t("LedgerView", "Over paid"),
        Verdict.REFUNDED_AFTER: t("LedgerView", "Refunded after settlement"),
    }[v]


def _yuan(fen: int) -> tuple[str, int]:
    return money_text(fen / 100, short=False), fen


class LedgerView(QWidget):
    def __init__(self, reader: Reader | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.rows: list[LedgerRow] = []
        self.loaded = False
        self.verdicts = combo_box()
        self.verdicts.currentIndexChanged.connect(self._fill_lines)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.export = QPushButton()
        self.export.clicked.connect(self.ask_export)
        self.export_pdf = QPushButton()
        self.export_pdf.clicked.connect(self.ask_pdf)
        self.exporter = FileExport(reader, self)  # its outcome: the page's message line
        self.months = FigureTable()
        self.lines = FigureTable()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.verdicts)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.export)
        bar.addWidget(self.export_pdf)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.months)
        split.addWidget(self.lines)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        held = self.verdicts.currentIndex()
        self.verdicts.blockSignals(True)
        self.verdicts.clear()
        self.verdicts.addItem(self.tr("Discrepancies only"), "discrepancies")
        self.verdicts.addItem(self.tr("Every settle-due line"), "all")
        for v in Verdict:
            self.verdicts.addItem(verdict_name(v), v.value)
        self.verdicts.setCurrentIndex(max(0, held))
        self.verdicts.blockSignals(False)
        self.export.setText(self.tr("Export CSV…"))
        self.export_pdf.setText(self.tr("Export PDF…"))
        self._fill()

    def refresh(self) -> None:
        if self.reader is None:
            return
        if not self.loaded:
            self.summary.setText(self.tr("Loading…"))
        self.reader.background(ledger, self.set_rows)

    def set_rows(self, rows: list[LedgerRow]) -> None:
        self.rows, self.loaded = rows, True
        self._fill()

    def shown(self) -> list[LedgerRow]:
        wanted = self.verdicts.currentData()
        if wanted == "all":
            return self.rows
        if wanted == "discrepancies" or wanted is None:
            return [r for r in self.rows if r.verdict is not Verdict.MATCHED]
        return [r for r in self.rows if r.verdict.value == wanted]

    def _fill(self) -> None:
        if not self.loaded:
            return
        months = month_totals(self.rows)
        self.months.fill(
            [self.tr("Month"), self.tr("Expected"), self.tr("Settled"), self.tr("Difference"),
             *(verdict_name(v) for v in Verdict)],
            [[(m.month, m.month), _yuan(m.expected_fen), _yuan(m.settled_fen),
              _yuan(m.difference_fen),
              *((names.number(m.lines.get(v, 0)), m.lines.get(v, 0)) for v in Verdict)]
             for m in months],
        )  # fmt: skip
        bad = [r for r in self.rows if r.verdict is not Verdict.MATCHED]
        owed = sum(r.difference_fen for r in bad)
        if not self.rows:
            self.summary.setText(
                self.tr(
                    "No settle-due commission yet: lines appear here once the platform settles them."
                )
            )
        else:
            self.summary.setText(
                self.tr("%1 lines, %2 discrepancies; settled minus expected: %3.")
                .replace("%1", names.number(len(self.rows)))
                .replace("%2", names.number(len(bad)))
                .replace("%3", money_text(owed / 100, short=False))
            )
        self._fill_lines()

    def _fill_lines(self) -> None:
        rows = self.shown()
        self.lines.fill(
            [self.tr("Verdict"), self.tr("Month"), self.tr("Order"), self.tr("Product"),
             self.tr("Paid"), self.tr("Refunded"), self.tr("Rate"), self.tr("Expected"),
             self.tr("Settled"), self.tr("Difference")],
            [[(verdict_name(r.verdict), r.verdict.value), (r.month, r.month),
              (r.order_id, r.order_id), (r.title, r.title), _yuan(r.paid_fen),
              _yuan(r.refund_fen), (names.number(r.rate_ppm / 10_000, 2) + "%", r.rate_ppm),
              _yuan(r.expected_fen), _yuan(r.settled_fen), _yuan(r.difference_fen)]
             for r in rows],
            keys=[r.order_line_id for r in rows],
        )  # fmt: skip
        self.export.setEnabled(bool(rows))
        self.export_pdf.setEnabled(bool(rows))

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), "commission-ledger.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        """The lines shown as CSV, written on the background lane (False: none started)."""
        rows = list(self.shown())
        return self.exporter.start(
            self.tr("Exporting the ledger…"),
            lambda _cache, progress, cancel: export_csv(rows, path, progress, cancel),
            lambda n: self.tr("Exported %Ln ledger line(s) to %1.", "", n).replace("%1", path.name),
            total=len(rows),
        )

    def ask_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), "commission-claim.pdf", self.tr("PDF files (*.pdf)")
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> bool:
        """The month totals and the lines shown, as an A4 PDF for a claim (the UI's language;
        Chinese text in the system's CJK font, embedded by Qt), written on the background lane
        page by page (False: none started). The HTML is made here, from what is shown."""
        from html import escape

        def table(widget: FigureTable) -> str:
            cells = widget.cell_texts()
            head = "".join(f"<th>{escape(c)}</th>" for c in cells[0])
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                for row in cells[1:]
            )
            return (
                f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"
            )

        title = self.tr("Commission reconciliation")
        html = (
            f"<h2>{escape(title)}</h2>"
            f"<p>{escape(self.summary.text())}</p>{table(self.months)}<br/>{table(self.lines)}"
        )
        return self.exporter.start(
            self.tr("Writing the PDF…"),
            lambda _cache, progress, cancel: write_pdf(html, title, path, progress, cancel),
            lambda n: self.tr("Wrote %Ln page(s) to %1.", "", n).replace("%1", path.name),
        )
