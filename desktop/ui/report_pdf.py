"""The printed quarterly report: a party document on A4, as PDF or on paper.

The page is built as HTML in a :class:`QTextDocument` and painted page by page, so the
same code feeds :class:`QPdfWriter` (``sonhiemvu report``, "Lưu PDF") and a
:class:`QPrinter` (print and print preview). It needs a ``QGuiApplication`` but no window:
the command line creates an offscreen one.

The font is bundled (``resources/fonts``, DejaVu Serif) and embedded in the PDF, so the
diacritics print right on a PC whose fonts lack them; on Windows, Times New Roman — what
party documents are typed in — is used when it is installed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from desktop.domain.categories import Category
from desktop.domain.output_text import shown
from desktop.services.output_files import ExportError, written_whole
from desktop.services.quarter_report import CATEGORIES, QuarterReport, ReportEntry, ReportRow
from desktop.services.settings import ReportSettings

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
BUNDLED_FAMILY = "DejaVu Serif Condensed"
PREFERRED_FAMILIES = ("Times New Roman",)

# Margins of Vietnamese administrative documents (Nghị định 30/2020): left 30–35 mm,
# right 15–20 mm, top and bottom 20–25 mm.
MARGINS_MM = QMarginsF(30, 20, 15, 20)
PDF_DPI = 300
BODY_PT = 12.5
TABLE_PT = 10.5
HEADER_PT = 12

_app: list[QGuiApplication] = []  # keeps an application made here alive
_family: list[str] = []


def ensure_gui_application() -> QGuiApplication:
    """The running application, or a new one for the command line (offscreen off Windows).

    On Windows the native platform needs no window to render; elsewhere a terminal may
    have no display at all, so the offscreen platform is chosen unless the user set one.
    """
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    argv = [sys.argv[0] if sys.argv and sys.argv[0] else "sonhiemvu"]
    if sys.platform != "win32" and not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    app = QGuiApplication(argv)
    _app.append(app)
    return app


def report_font_family() -> str:
    """Register the bundled fonts once and pick the family the report is set in."""
    if _family:
        return _family[0]
    for font_file in sorted(FONT_DIR.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font_file))
    installed = set(QFontDatabase.families())
    chosen = next((f for f in PREFERRED_FAMILIES if f in installed), BUNDLED_FAMILY)
    _family.append(chosen)
    return chosen


def _date_line(place: str, day: date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month} năm {day.year}"


def _text(value: str | None) -> str:
    """User text as HTML: controls dropped, bidi isolated, escaped, line breaks kept."""
    return escape(shown(value or "")).replace("\n", "<br/>")


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def report_title(report: QuarterReport) -> str:
    return f"BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ {report.quarter.label.upper()}"


def _header(settings: ReportSettings, report: QuarterReport) -> str:
    subtitle = f"Tính đến ngày {_day(report.today)}" + (
        "; đơn vị: " + report.unit if report.unit else ""
    )
    return header_html(settings, report_title(report), report.today, subtitle)


def header_html(settings: ReportSettings, title: str, today: date, subtitle: str) -> str:
    """The party document's head: issuing body and unit, date line, title, subtitle."""
    issuer = _text(settings.issuing_body.upper())
    unit = _text(settings.unit_name.upper())
    return f"""
<table width="100%" cellspacing="0" cellpadding="0" style="border: none; font-size: {HEADER_PT}pt;">
<tr>
<td width="44%" align="center" valign="top">
  <p align="center" style="margin: 0;">{issuer}</p>
  <p align="center" style="margin: 0;"><b>{unit}</b></p>
  <p align="center" style="margin: 0;">*</p>
  <p align="center" style="margin: 0;">{_text(settings.number_line)}</p>
</td>
<td width="56%" align="center" valign="top">
  <p align="center" style="margin: 0;"><b><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></b></p>
  <p align="center" style="margin: 0;">&nbsp;</p>
  <p align="center" style="margin: 0;"><i>{_text(_date_line(settings.place, today))}</i></p>
</td>
</tr>
</table>
<p style="margin: 0;">&nbsp;</p>
<p align="center" style="margin: 0; font-size: {BODY_PT + 1.5}pt;"><b>{_text(title)}</b></p>
<p align="center" style="margin-top: 2pt; margin-bottom: 0;"><i>({_text(subtitle)})</i></p>
<p style="margin: 0;">&nbsp;</p>
"""


def _overview(report: QuarterReport) -> str:
    total = report.total
    if not report.rows:
        return (
            f"<p style='text-indent: 1cm;'>Trong {report.quarter.label} không có nhiệm vụ nào "
            "phải thực hiện.</p>"
        )
    dated = total.total - total.count(Category.NO_DEADLINE)
    parts = ", ".join(f"{c.value.lower()} <b>{total.count(c)}</b>" for c in CATEGORIES[:-1])
    sentence = (
        f"Trong {report.quarter.label} có <b>{total.total}</b> nhiệm vụ (tính cả từng kỳ của "
        f"nhiệm vụ định kỳ) thuộc phạm vi báo cáo; trong đó <b>{dated}</b> nhiệm vụ có thời hạn: "
        f"{parts}"
    )
    undated = total.count(Category.NO_DEADLINE)
    if undated:
        sentence += f"; <b>{undated}</b> nhiệm vụ thực hiện thường xuyên, không có thời hạn cụ thể"
    return f"<p align='justify' style='text-indent: 1cm; margin-top: 0;'>{sentence}.</p>"


_CELL = "border: 1px solid black;"


def _summary_table(report: QuarterReport) -> str:
    heads = "".join(
        f"<th width='12%' align='center' valign='middle'>{escape(c.value)}</th>" for c in CATEGORIES
    )
    lines = [
        f"<table width='100%' border='1' cellspacing='0' cellpadding='4' "
        f"style='border-collapse: collapse; {_CELL} font-size: {TABLE_PT}pt;'>",
        "<thead><tr>"
        "<th width='5%' align='center' valign='middle'>TT</th>"
        "<th width='27%' align='center' valign='middle'>Đơn vị chủ trì</th>"
        "<th width='8%' align='center' valign='middle'>Tổng số</th>"
        f"{heads}</tr></thead>",
    ]
    for number, unit in enumerate(report.by_unit, 1):
        counts = "".join(f"<td align='center'>{n or '–'}</td>" for n in unit.counts)
        lines.append(
            f"<tr><td align='center'>{number}</td><td>{_text(unit.unit)}</td>"
            f"<td align='center'>{unit.total}</td>{counts}</tr>"
        )
    counts = "".join(f"<td align='center'><b>{n}</b></td>" for n in report.total.counts)
    lines.append(
        "<tr><td></td><td><b>Tổng cộng</b></td>"
        f"<td align='center'><b>{report.total.total}</b></td>{counts}</tr>"
    )
    lines.append("</table>")
    return "\n".join(lines)


def _deadline_cell(entry: ReportEntry) -> str:
    row = entry.rows[0]
    parts = [_text(row.task.deadline_text)] if row.task.deadline_text else []
    if entry.recurring:
        return "<br/>".join(parts) or "–"
    if row.extension:
        parts.append(f"<i>Hạn ban đầu: {_day(row.extension.original_due)}</i>")
        parts.append(f"<b>{_text(row.extension.text.capitalize())}</b>")
    elif row.due:
        parts.append(f"<i>Hạn: {_day(row.due)}</i>")
    return "<br/>".join(parts) or "–"


def _category_label(row: ReportRow) -> str:
    """The category, with the recorded progress when the two words could seem to disagree.

    A party report counts every task not yet done as "đang thực hiện" (in or past its
    deadline); the secretary's own record may say the work has not begun. Both are shown,
    the second as "tiến độ", so the row never reads as a contradiction.
    """
    label = escape(row.category.value)
    if row.category is Category.OPEN_OVERDUE:
        label = f"<b>{label.upper()}</b>"
    elif row.category is Category.NO_DEADLINE:
        return escape(row.status_label)
    if row.category in (Category.OPEN_ON_TIME, Category.OPEN_OVERDUE):
        label += f" <i>(tiến độ: {escape(row.status_label.lower())})</i>"
    return label


def _row_details(row: ReportRow) -> list[str]:
    parts = []
    if row.completed_on:
        parts.append(f"Hoàn thành ngày {_day(row.completed_on)}")
    if row.result_ref:
        parts.append(_text(row.result_ref))
    if row.notes:
        parts.append(f"<i>{_text(row.notes)}</i>")
    return parts


def _result_cell(entry: ReportEntry) -> str:
    if not entry.recurring:
        row = entry.rows[0]
        return "<br/>".join([_category_label(row), *_row_details(row)])
    lines = []
    for row in entry.rows:
        due = f"Kỳ hạn {_day(row.due)}" if row.due else "Kỳ"
        if row.extension:
            due = f"Kỳ hạn {_day(row.extension.original_due)} ({_text(row.extension.text)})"
        details = "; ".join(_row_details(row))
        lines.append(f"– {due}: {_category_label(row)}{'; ' + details if details else ''}")
    return "<br/>".join(lines)


def unit_heading(number: int, unit: str, entries: Sequence[ReportEntry]) -> str:
    """The line above a unit's table; also what :func:`build_document` keeps with it."""
    overdue = sum(1 for e in entries if e.overdue)  # tasks, as the count before it
    note = f", trong đó {overdue} quá hạn" if overdue else ""
    return f"{number}. {unit} ({len(entries)} nhiệm vụ{note})"


def _unit_tables(report: QuarterReport, break_before: frozenset[int] = frozenset()) -> str:
    blocks = []
    for number, (unit, entries) in enumerate(report.grouped(), 1):
        page_break = " page-break-before: always;" if number in break_before else ""
        blocks.append(
            f"<p style='margin-top: 8pt; margin-bottom: 3pt;{page_break}'>"
            f"<b>{_text(unit_heading(number, unit, entries))}</b></p>"
        )
        lines = [
            f"<table width='100%' border='1' cellspacing='0' cellpadding='4' "
            f"style='border-collapse: collapse; {_CELL} font-size: {TABLE_PT}pt;'>",
            "<thead><tr>"
            "<th width='5%' align='center'>TT</th>"
            "<th width='47%' align='center'>Nội dung nhiệm vụ</th>"
            "<th width='18%' align='center'>Thời hạn</th>"
            "<th width='30%' align='center'>Kết quả thực hiện</th>"
            "</tr></thead>",
        ]
        for index, entry in enumerate(entries, 1):
            support = ""
            if entry.task.support_units:
                support = f"<br/><i>Phối hợp: {_text(', '.join(entry.task.support_units))}</i>"
            lines.append(
                f"<tr><td align='center' valign='top'>{index}</td>"
                f"<td valign='top'>{_text(entry.task.title)}{support}</td>"
                f"<td valign='top'>{_deadline_cell(entry)}</td>"
                f"<td valign='top'>{_result_cell(entry)}</td></tr>"
            )
        lines.append("</table>")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


LEGEND = (
    "Cột “Kết quả thực hiện” phân loại theo thời hạn như mẫu báo cáo: nhiệm vụ chưa hoàn "
    "thành đều tính là “đang thực hiện” (trong hạn hoặc quá hạn), kể cả khi chưa bắt đầu; "
    "tiến độ chi bộ ghi nhận được ghi trong ngoặc. Nhiệm vụ được gia hạn vẫn báo cáo trong "
    "quý đến hạn ban đầu và được phân loại theo hạn đã gia hạn."
)


SIGNATURE_MARK = "Nơi nhận:"


def signature_html(settings: ReportSettings, new_page: bool) -> str:
    title = "<br/>".join(
        f"<b>{_text(line.upper())}</b>" for line in settings.signer_title.splitlines()
    )
    name = f"<b>{_text(settings.signer_name)}</b>" if settings.signer_name else "&nbsp;"
    return f"""
<p style="margin: 0;">&nbsp;</p>
<table width="100%" cellspacing="0" cellpadding="0" style="border: none;{
        " page-break-before: always;" if new_page else ""
    }">
<tr>
<td width="50%" valign="top" style="font-size: {TABLE_PT}pt;">
  <p style="margin: 0;"><b><i><u>{SIGNATURE_MARK}</u></i></b></p>
  <p style="margin: 0;">- Cấp ủy cấp trên (để báo cáo),</p>
  <p style="margin: 0;">- Lưu hồ sơ chi bộ.</p>
</td>
<td width="50%" align="center" valign="top">
  <p align="center" style="margin: 0;">{title}</p>
  <p style="margin: 0;">&nbsp;</p><p style="margin: 0;">&nbsp;</p>
  <p style="margin: 0;">&nbsp;</p><p style="margin: 0;">&nbsp;</p>
  <p align="center" style="margin: 0;">{name}</p>
</td>
</tr>
</table>
"""


def report_html(
    report: QuarterReport,
    settings: ReportSettings,
    signature_on_new_page: bool = False,
    break_before: frozenset[int] = frozenset(),
) -> str:
    """The whole report as the HTML subset QTextDocument understands."""
    sections: Sequence[str] = (
        _header(settings, report),
        "<p style='margin-top: 6pt; margin-bottom: 4pt;'><b>I. TỔNG HỢP KẾT QUẢ THỰC HIỆN</b></p>",
        _overview(report),
        _summary_table(report) if report.rows else "",
        "<p style='margin-top: 14pt; margin-bottom: 0;'><b>II. KẾT QUẢ THỰC HIỆN THEO ĐƠN VỊ"
        "</b> <i>(nhiệm vụ quá hạn xếp trước)</i></p>"
        f"<p align='justify' style='margin-top: 2pt; font-size: {TABLE_PT}pt;'><i>{LEGEND}</i></p>"
        if report.rows
        else "",
        _unit_tables(report, break_before),
        signature_html(settings, signature_on_new_page),
    )
    return f"<html><body style='font-size: {BODY_PT}pt;'>{''.join(sections)}</body></html>"


def _mm(value: float, dpi: float) -> float:
    return value * dpi / 25.4


def build_document(
    report: QuarterReport, settings: ReportSettings, device: QPagedPaintDevice
) -> QTextDocument:
    """Lay the quarterly report out for *device*'s page."""
    return layout_html(
        lambda new_page, breaks: report_html(report, settings, new_page, breaks), device
    )


def layout_html(
    html: Callable[[bool, frozenset[int]], str], device: QPagedPaintDevice
) -> QTextDocument:
    """Lay a report's HTML out for *device*'s page, in the device's own units.

    *html* gives the page with the signature on a fresh page or not, and with a page break
    before the unit headings (numbered from 1) in its second argument. Laying out against the
    output device (not the screen) keeps line breaks identical on every PC, whatever its
    display scaling.
    """
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.documentLayout().setPaintDevice(device)
    font = QFont(report_font_family())
    font.setPointSizeF(BODY_PT)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    dpi = device.logicalDpiX()
    paper = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Millimeter)
    width = paper.width() - MARGINS_MM.left() - MARGINS_MM.right()
    height = paper.height() - MARGINS_MM.top() - MARGINS_MM.bottom()
    document.setPageSize(QSizeF(_mm(width, dpi), _mm(height, device.logicalDpiY())))
    breaks: frozenset[int] = frozenset()
    document.setHtml(html(False, breaks))
    # A unit's heading left alone at the foot of a page (its table starting overleaf)
    # moves to the next page; each move can push later headings, so look again.
    for _attempt in range(len(_unit_tables_in(document)) + 1):
        orphans = _orphaned_headings(document)
        if not orphans:
            break
        breaks |= orphans
        document.setHtml(html(False, breaks))
    if _signature_split(document):
        # A signature cut in two is not signable: start it on a fresh page instead.
        document.setHtml(html(True, breaks))
    return document


def _unit_tables_in(document: QTextDocument) -> list[QTextTable]:
    """The per-unit tables, in order: every table whose header row reads "TT | Nội dung…"."""
    found = []
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable) and frame.columns() == 4 and frame.rows() > 1:
            header = frame.cellAt(0, 1).firstCursorPosition().block().text()
            if header == "Nội dung nhiệm vụ":
                found.append(frame)
    return found


def _orphaned_headings(document: QTextDocument) -> frozenset[int]:
    """Numbers (1-based) of the unit headings whose first task row starts on a later page."""
    layout = document.documentLayout()
    height = document.pageSize().height()
    orphans = set()
    for number, table in enumerate(_unit_tables_in(document), 1):
        heading = document.findBlock(table.firstPosition() - 1)
        # Its last line: the top of a heading moved to a new page may sit a hair above it.
        top = layout.blockBoundingRect(heading).bottom() - 1
        # The first task row's first line (a cell's block is placed in page coordinates).
        first_row = table.cellAt(1, 0).firstCursorPosition().block()
        row_line = layout.blockBoundingRect(first_row).bottom() - 1
        if int(top // height) != int(row_line // height):
            orphans.add(number)
    return frozenset(orphans)


def _signature_split(document: QTextDocument) -> bool:
    cursor = document.find(SIGNATURE_MARK)
    table = cursor.currentTable() if not cursor.isNull() else None
    if table is None:
        return False
    rect = document.documentLayout().frameBoundingRect(table)
    height = document.pageSize().height()
    return int(rect.top() // height) != int((rect.bottom() - 1) // height)


def a4_layout() -> QPageLayout:
    """A4 portrait with no device margins: :func:`paint_report` places the margins itself."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def paint_report(report: QuarterReport, settings: ReportSettings, device: QPagedPaintDevice) -> int:
    """Paint every page on *device* (a PDF writer or a printer set to A4); return the count.

    Pages after the first carry their number at the top centre, as party documents do.
    """
    return paint_document(build_document(report, settings, device), device)


def paint_document(document: QTextDocument, device: QPagedPaintDevice) -> int:
    """Paint a laid-out report page by page, numbering pages after the first."""
    dpi_x, dpi_y = device.logicalDpiX(), device.logicalDpiY()
    page = document.pageSize()
    left, top = _mm(MARGINS_MM.left(), dpi_x), _mm(MARGINS_MM.top(), dpi_y)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("Không mở được máy in hoặc tệp PDF để ghi.")
    try:
        number_font = QFont(report_font_family())
        number_font.setPointSizeF(TABLE_PT)
        for index in range(pages):
            if index:
                device.newPage()
                painter.setFont(number_font)
                painter.drawText(
                    QRectF(left, _mm(8, dpi_y), page.width(), _mm(8, dpi_y)),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                    str(index + 1),
                )
            painter.save()
            painter.translate(QPointF(left, top - index * page.height()))
            document.drawContents(
                painter, QRectF(0, index * page.height(), page.width(), page.height())
            )
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf(path: Path, report: QuarterReport, settings: ReportSettings) -> int:
    """Write the report to *path* whole or not at all; return the number of pages."""
    return write_html_pdf(
        path, report_title(report), lambda new_page: report_html(report, settings, new_page)
    )


def write_html_pdf(path: Path, title: str, html: Callable[[bool], str]) -> int:
    """Write a report page (see :func:`layout_html`) to *path* whole or not at all."""
    ensure_gui_application()
    with written_whole(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(a4_layout())
        writer.setTitle(title)
        writer.setCreator("Sổ nhiệm vụ")
        pages = paint_document(layout_html(lambda new_page, _: html(new_page), writer), writer)
        del writer  # closes the file
    return pages
