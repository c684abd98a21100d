"""The quarterly CSV and Excel workbook, written so they open right in Excel on Windows.

Excel guesses a CSV's encoding and delimiter instead of asking: without a BOM it reads
UTF-8 as the ANSI code page (diacritics turn to mojibake), and it splits on the Windows
*list separator* — ";" on a Vietnamese Windows, whose decimal separator is ",". A ``sep=``
line would force the delimiter but makes Excel ignore the BOM, so it is not written.
Cells that begin like a formula are prefixed with ``'`` (OWASP "CSV injection"): a task
title copied from a web page must never run as a formula in the secretary's Excel.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from desktop.domain.categories import Category
from desktop.domain.output_text import neutralise_formula, shown, spreadsheet_text
from desktop.services.output_files import ExportError, write_bytes_whole
from desktop.services.quarter_report import CATEGORIES, QuarterReport, ReportRow

COLUMNS = (
    "STT",
    "Mã nhiệm vụ",
    "Văn bản giao",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Hạn ban đầu",
    "Gia hạn",
    "Hạn",
    "Tiến độ ghi nhận",
    "Ngày hoàn thành",
    "Phân loại báo cáo (theo hạn)",
    "Văn bản kết quả",
    "Ghi chú",
)
"""Two columns say how a task stands, and they answer different questions: "Tiến độ ghi
nhận" is what the secretary recorded (chưa / đang thực hiện / hoàn thành); "Phân loại báo
cáo" is the party report's category, where every task not yet done counts as "đang thực
hiện" — in or past its deadline — whether or not work on it has begun. "Hạn" is the
deadline in force; "Hạn ban đầu" the document's, when an extension ("Gia hạn") moved it."""

BOM = "\ufeff"
DEFAULT_DELIMITER = ","

Cell = str | int | date | None


def list_separator() -> str:
    r"""The delimiter Excel expects here: the Windows list separator, "," elsewhere.

    Excel reads ``HKCU\Control Panel\International\sList`` to split a CSV it opens by
    double-click. Anything unusable there (missing, empty, longer than one character)
    falls back to ",", which is what Excel uses when the setting is absent.
    """
    if sys.platform != "win32":
        return DEFAULT_DELIMITER
    import winreg  # only exists on Windows

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Control Panel\International") as key:
            value, _kind = winreg.QueryValueEx(key, "sList")
    except OSError:
        return DEFAULT_DELIMITER
    if isinstance(value, str) and len(value) == 1 and value not in "\"'\r\n":
        return value
    return DEFAULT_DELIMITER


def parse_delimiter(text: str) -> str:
    """A delimiter the user typed: one character, or a name for the invisible ones."""
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "space": " "}
    value = named.get(text.strip().lower(), text)
    if len(value) != 1 or value in "\"'\r\n" or value.isalnum():
        raise ExportError(
            f"Ký tự phân cách “{text}” không dùng được; hãy dùng một ký tự như , ; | hoặc tab."
        )
    return value


escape_cell = neutralise_formula  # the rule lives in desktop.domain.output_text


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def row_cells(number: int, row: ReportRow) -> tuple[Cell, ...]:
    """The report's columns for one row, dates as dates (each format renders them)."""
    return (
        number,
        row.task.ext_id,
        row.task.document_label,
        row.task.title,
        row.task.lead_unit,
        ", ".join(row.task.support_units),
        row.task.deadline_text,
        row.original_due,
        row.extension.text if row.extension else None,
        row.due,
        row.status_label,
        row.completed_on,
        row.category.value,
        row.result_ref,
        row.notes,
    )


def table(rows: Iterable[ReportRow]) -> list[tuple[Cell, ...]]:
    return [row_cells(n, r) for n, r in enumerate(rows, 1)]


def _csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return _day(cell)
    if isinstance(cell, int):
        return str(cell)
    return spreadsheet_text(cell)


def csv_bytes(rows: Sequence[ReportRow], delimiter: str = DEFAULT_DELIMITER) -> bytes:
    """The CSV file's exact bytes: UTF-8 with BOM, CRLF, the header row first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writerow(COLUMNS)
    for cells in table(rows):
        writer.writerow([_csv_text(c) for c in cells])
    return (BOM + buffer.getvalue()).encode("utf-8")


def write_csv(path: Path, rows: Sequence[ReportRow], delimiter: str | None = None) -> Path:
    """Write the CSV whole, or not at all (a half-written report is worse than none)."""
    data = csv_bytes(rows, delimiter or list_separator())
    return write_bytes_whole(path, data)


# openpyxl refuses these control characters (they are illegal in the XML it writes).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_WIDTHS = (6, 10, 16, 60, 24, 24, 22, 12, 30, 12, 16, 14, 24, 24, 30)
_DATE_FORMAT = "DD/MM/YYYY"


def xlsx_bytes(report: QuarterReport) -> bytes:
    """The workbook: the rows on "Nhiệm vụ", the counts on "Tổng hợp".

    Dates are real dates (Excel can sort and filter them); text that looks like a formula
    is stored as text, never as a formula, so nothing in it ever runs.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "Nhiệm vụ"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row_number, cells in enumerate(table(report.rows), 2):
        for column, value in enumerate(cells, 1):
            target = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                target.value = _ILLEGAL_XML.sub("", shown(value))
                target.data_type = "s"  # openpyxl would otherwise take "=…" for a formula
            else:
                target.value = value
            if isinstance(value, date):
                target.number_format = _DATE_FORMAT
            target.alignment = wrap
    for column, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "E2"  # header, STT, code, document and task stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(report.rows) + 1)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4

    summary = workbook.create_sheet("Tổng hợp")
    summary.append([f"Tổng hợp nhiệm vụ {report.quarter.label} (tính đến {_day(report.today)})"])
    summary["A1"].font = Font(bold=True, size=12)
    header = ["Đơn vị chủ trì", "Tổng số", *(c.value for c in CATEGORIES)]
    summary.append(header)
    for cell in summary[2]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for unit in (*report.by_unit, report.total):
        summary.append([_ILLEGAL_XML.sub("", shown(unit.unit)), unit.total, *unit.counts])
        summary.cell(row=summary.max_row, column=1).data_type = "s"
    for cell in summary[summary.max_row]:
        cell.font = bold
    summary.column_dimensions["A"].width = 40
    for column in range(2, len(header) + 1):
        summary.column_dimensions[get_column_letter(column)].width = 16
    summary.freeze_panes = "B3"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: Path, report: QuarterReport) -> Path:
    return write_bytes_whole(path, xlsx_bytes(report))


def category_counts(report: QuarterReport) -> dict[Category, int]:
    """The totals per category, for the messages that follow an export."""
    return {c: report.total.count(c) for c in CATEGORIES}
