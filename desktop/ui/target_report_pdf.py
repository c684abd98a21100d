"""The targets page of the yearly / mid-term report, on A4 like the quarterly report.

The page is laid out and painted by :mod:`desktop.ui.report_pdf` (same head, margins, font,
page numbers and signature); only the body — the count "Đạt 8/9 chỉ tiêu", the missed
targets named, and the table of planned, achieved and result — is built here.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from desktop.domain.output_text import shown
from desktop.domain.targets import TargetResult
from desktop.services.settings import ReportSettings
from desktop.services.target_report import COLUMNS, TargetReport, report_cells
from desktop.ui.report_pdf import (
    BODY_PT,
    TABLE_PT,
    header_html,
    signature_html,
    write_html_pdf,
)

_WIDTHS = ("7%", "37%", "11%", "12%", "11%", "11%", "11%")


def _text(value: str) -> str:
    return escape(shown(value)).replace("\n", "<br/>")


def _subtitle(report: TargetReport) -> str:
    day = report.today.strftime("%d/%m/%Y")
    scope = f"; văn bản: {report.document}" if report.document else ""
    return f"{report.period_label}; tính đến ngày {day}{scope}"


def _overview(report: TargetReport) -> str:
    summary = report.summary
    if not summary.total:
        return f"<p style='text-indent: 1cm;'>{_text(summary.line)}</p>"
    count = summary.line.split(";")[0].rstrip(".")
    lines = [
        f"<p align='justify' style='text-indent: 1cm; margin-top: 0;'>"
        f"{_text(report.period_label)}: <b>{_text(count[:1].lower() + count[1:])}</b> đề ra.</p>"
    ]
    if summary.missed:
        named = "; ".join(
            f"{row.name} (đạt {row.achieved_text})" if row.achieved_text else row.name
            for row in summary.missed
        )
        lines.append(
            f"<p align='justify' style='text-indent: 1cm; margin-top: 0;'>Còn "
            f"<b>{len(summary.missed):02d}</b> chỉ tiêu chưa đạt: {_text(named)}.</p>"
        )
    if summary.not_assessed:
        lines.append(
            f"<p style='text-indent: 1cm; margin-top: 0;'><b>{len(summary.not_assessed)}</b> "
            "chỉ tiêu chưa có số liệu để đánh giá.</p>"
        )
    return "".join(lines)


def _table(report: TargetReport) -> str:
    heads = "".join(
        f"<th width='{width}' align='center'>{escape(name)}</th>"
        for name, width in zip(COLUMNS[:7], _WIDTHS, strict=True)
    )
    body = []
    for row, cells in zip(report.rows, report_cells(report), strict=True):
        result = row.result if row.is_sub_target else row.overall
        style = " style='color: #9c0006;'" if result is TargetResult.MISSED else ""
        text = f"<i>{_text(cells[1])}</i>" if row.is_sub_target else _text(cells[1])
        result_cell = f"<b>{_text(cells[5])}</b>" if result is TargetResult.MISSED else cells[5]
        body.append(
            f"<tr{style}><td align='center'>{_text(cells[0])}</td><td>{text}</td>"
            f"<td>{_text(cells[2])}</td><td>{_text(cells[3])}</td>"
            f"<td align='center'>{_text(cells[4])}</td><td align='center'>{result_cell}</td>"
            f"<td>{_text(cells[6])}</td></tr>"
        )
    return (
        f"<table width='100%' border='1' cellspacing='0' cellpadding='3' "
        f"style='border-collapse: collapse; font-size: {TABLE_PT}pt;'>"
        f"<thead><tr>{heads}</tr></thead>{''.join(body)}</table>"
    )


def target_report_html(
    report: TargetReport, settings: ReportSettings, signature_on_new_page: bool = False
) -> str:
    """The whole targets report as the HTML subset QTextDocument understands."""
    sections = (
        header_html(settings, report.title, report.today, _subtitle(report)),
        "<p style='margin-top: 6pt; margin-bottom: 4pt;'><b>I. TỔNG HỢP KẾT QUẢ</b></p>",
        _overview(report),
        "<p style='margin-top: 10pt; margin-bottom: 4pt;'><b>II. KẾT QUẢ TỪNG CHỈ TIÊU</b></p>"
        if report.rows
        else "",
        _table(report) if report.rows else "",
        signature_html(settings, signature_on_new_page),
    )
    return f"<html><body style='font-size: {BODY_PT}pt;'>{''.join(sections)}</body></html>"


def write_target_pdf(path: Path, report: TargetReport, settings: ReportSettings) -> int:
    """Write the targets report to *path* whole or not at all; return the number of pages."""
    return write_html_pdf(
        path, report.title, lambda new_page: target_report_html(report, settings, new_page)
    )
