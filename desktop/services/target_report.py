"""The targets part of the yearly and mid-term report ("Báo cáo sơ kết / tổng kết").

One :class:`TargetReport` feeds the PDF page (desktop/ui/target_report_pdf.py), the CSV and
the Excel sheet, so all three show the same planned and achieved figures, the same results
(:func:`desktop.domain.targets.evaluate`) and the same line "Đạt 8/9 chỉ tiêu; chưa đạt …".
CSV and Excel follow the quarterly export's conventions (desktop/services/csv_export.py):
UTF-8 with a BOM, CRLF, the Windows list separator, formulas neutralised.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from db import Database
from desktop.domain.output_text import shown, spreadsheet_text
from desktop.domain.targets import END_OF_TERM, MID_TERM, period_label
from desktop.services.csv_export import BOM, list_separator
from desktop.services.output_files import write_bytes_whole
from desktop.services.targets import (
    TargetRow,
    TargetSummary,
    check_period,
    list_targets,
    summarize,
)

COLUMNS = ("STT", "Chỉ tiêu", "Kỳ hạn", "Kế hoạch", "Đạt được", "Kết quả", "Ghi chú", "Văn bản")
SHEET = "Chỉ tiêu"


@dataclass(frozen=True)
class TargetReport:
    """The targets judged in one period, with their count."""

    period: str
    today: date
    rows: tuple[TargetRow, ...]
    summary: TargetSummary
    document: str | None = None

    @property
    def title(self) -> str:
        if self.period == MID_TERM:
            return "BÁO CÁO SƠ KẾT GIỮA NHIỆM KỲ: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
        if self.period == END_OF_TERM:
            return "BÁO CÁO TỔNG KẾT NHIỆM KỲ: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
        return f"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {self.period}"

    @property
    def period_label(self) -> str:
        return period_label(self.period)


def target_report(
    database: Database, period: str, today: date, document_id: int | None = None
) -> TargetReport:
    """The report of *period* ("2021", "giua-ky", "cuoi-ky"), for one document or all."""
    period = check_period(period)
    rows = tuple(list_targets(database, period, document_id=document_id))
    document = rows[0].document if document_id is not None and rows else None
    return TargetReport(period, today, rows, summarize(list(rows)), document)


def numbering(rows: tuple[TargetRow, ...]) -> list[str]:
    """Row numbers: "1", "2" for targets and "1.a", "1.b" for their sub-targets, in order."""
    labels: list[str] = []
    top = 0
    sub = 0
    for row in rows:
        if row.is_sub_target:
            sub += 1
            labels.append(f"{top}.{chr(ord('a') + (sub - 1) % 26)}")
        else:
            top += 1
            sub = 0
            labels.append(str(top))
    return labels


def report_cells(report: TargetReport) -> list[tuple[str, ...]]:
    """One row per target and sub-target, as the CSV, the sheet and the PDF show them."""
    return [
        (
            number,
            row.name,
            row.period or "cả nhiệm kỳ",
            row.planned,
            row.achieved_text,
            (row.overall if not row.is_sub_target else row.result).value.capitalize(),
            row.recorded.note or "",
            row.document,
        )
        for number, row in zip(numbering(report.rows), report.rows, strict=True)
    ]


def csv_bytes(report: TargetReport, delimiter: str) -> bytes:
    """The targets CSV: a header, a row per target, then the count line."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for cells in report_cells(report):
        writer.writerow([spreadsheet_text(cell) for cell in cells])
    writer.writerow([])
    writer.writerow(["", spreadsheet_text(f"{report.period_label}: {report.summary.line}")])
    return (BOM + buffer.getvalue()).encode("utf-8")


def write_csv(path: Path, report: TargetReport, delimiter: str | None = None) -> Path:
    return write_bytes_whole(path, csv_bytes(report, delimiter or list_separator()))


def add_sheet(workbook: Any, report: TargetReport) -> None:
    """Add the "Chỉ tiêu" sheet to an openpyxl workbook (text stays text, never a formula)."""
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(SHEET)
    sheet.append([f"{report.title} ({report.period_label})"])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for cells in report_cells(report):
        sheet.append([spreadsheet_text(c) for c in cells])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([])
    sheet.append(["", shown(report.summary.line)])
    sheet.cell(row=sheet.max_row, column=2).font = Font(bold=True)
    for letter, width in zip("ABCDEFGH", (6, 70, 16, 18, 16, 16, 24, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C3"


def xlsx_bytes(report: TargetReport) -> bytes:
    """A workbook with the one "Chỉ tiêu" sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    add_sheet(workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: Path, report: TargetReport) -> Path:
    return write_bytes_whole(path, xlsx_bytes(report))
