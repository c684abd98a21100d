"""The printed quarterly report: A4 PDF whose text keeps its Vietnamese diacritics."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from db import Database
from desktop.services.output_files import ExportError
from desktop.services.quarter_report import quarter_report
from desktop.services.settings import ReportSettings, load_report_settings, save_report_settings
from desktop.ui.report_pdf import (
    BUNDLED_FAMILY,
    FONT_DIR,
    report_font_family,
    report_html,
    write_pdf,
)
from tests.services.test_quarter_report import Q2, TODAY, seed_quarter

A4_MM = (210, 297)


def _text(path: Path) -> list[str]:
    """Each page's text with runs of whitespace (Qt writes tabs between words) as one space."""
    return [
        " ".join(unicodedata.normalize("NFC", p.extract_text()).split())
        for p in PdfReader(path).pages
    ]


@pytest.fixture
def settings(database: Database) -> ReportSettings:
    save_report_settings(
        database,
        ReportSettings(
            issuing_body="Đảng bộ Khối Cơ quan và Doanh nghiệp tỉnh",
            unit_name="Chi bộ Văn phòng",
            place="Thanh Hóa",
            signer_title="T/M Chi bộ\nBí thư",
            signer_name="Nguyễn Thị Hương",
        ),
    )
    return load_report_settings(database)


def test_bundled_font_has_a_license() -> None:
    assert sorted(p.name for p in FONT_DIR.glob("DejaVuSerifCondensed*.ttf"))
    assert (FONT_DIR / "LICENSE-DejaVu.txt").is_file()


def test_pdf_text_keeps_title_units_and_diacritics(
    qapp: object, database: Database, settings: ReportSettings, tmp_path: Path
) -> None:
    seed_quarter(database)
    out = tmp_path / "bao-cao.pdf"
    pages = write_pdf(out, quarter_report(database, Q2, TODAY), settings)
    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == A4_MM
    text = _text(out)
    first = text[0]
    assert "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ QUÝ II/2021" in first
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first
    assert "ĐẢNG BỘ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH" in first
    assert "Thanh Hóa, ngày 05 tháng 7 năm 2021" in first
    assert "Chi bộ Phòng Tài nguyên khoáng sản" in first  # a unit name, diacritics intact
    whole = " ".join(text)
    assert "Ủy ban kiểm tra" in whole
    assert '=HYPERLINK("http://x","y")' in whole  # shown as written, nothing runs in a PDF
    assert "NGUYỄN THỊ HƯƠNG" in whole.upper()
    assert reader.metadata is not None
    assert reader.metadata.title == "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ QUÝ II/2021"


def test_pdf_embeds_its_font(
    qapp: object, database: Database, settings: ReportSettings, tmp_path: Path
) -> None:
    seed_quarter(database)
    out = tmp_path / "bao-cao.pdf"
    write_pdf(out, quarter_report(database, Q2, TODAY), settings)
    fonts = set()
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()
            for inner in descendant.get("/DescendantFonts", [descendant]):
                descriptor = inner.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    descriptor = descriptor.get_object()
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                    fonts.add(str(descriptor["/FontName"]))
    assert fonts
    family = report_font_family().replace(" ", "")
    assert any(family in name for name in fonts), fonts


def test_html_groups_by_unit_with_overdue_first(qapp: object, database: Database) -> None:
    seed_quarter(database)
    html = report_html(quarter_report(database, Q2, TODAY), ReportSettings())
    office = html.index("Văn phòng (2 nhiệm vụ, trong đó 1 quá hạn)</b>")
    overdue = html.index("ĐANG THỰC HIỆN QUÁ HẠN", office)
    on_time = html.index("Hướng dẫn số 05-HD/ĐUK", office)  # PL.2, done: after
    assert overdue < on_time
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)" in html


def test_empty_quarter_still_prints_a_signable_page(
    qapp: object, database: Database, tmp_path: Path
) -> None:
    from desktop.domain.quarters import Quarter

    out = tmp_path / "trong.pdf"
    assert write_pdf(out, quarter_report(database, Quarter(2020, 1), TODAY), ReportSettings()) == 1
    assert "không có nhiệm vụ nào" in _text(out)[0]


def test_missing_folder_is_a_clear_error(qapp: object, database: Database, tmp_path: Path) -> None:
    report = quarter_report(database, Q2, TODAY)
    with pytest.raises(ExportError, match="không tồn tại"):
        write_pdf(tmp_path / "khong-co" / "x.pdf", report, ReportSettings())


def test_bundled_family_is_registered(qapp: object) -> None:
    from PySide6.QtGui import QFontDatabase

    report_font_family()
    assert BUNDLED_FAMILY in QFontDatabase.families()


def test_printing_path_paints_on_a_qprinter(
    qapp: object, database: Database, settings: ReportSettings, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.report_pdf import a4_layout, paint_report

    seed_quarter(database)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "in.pdf"
    printer.setOutputFileName(str(out))
    printer.setPageLayout(a4_layout())
    printer.setFullPage(True)
    pages = paint_report(quarter_report(database, Q2, TODAY), settings, printer)
    assert len(PdfReader(out).pages) == pages
    assert "QUÝ II/2021" in _text(out)[0]


def _context(qtbot: Any, database: Database) -> tuple[Any, Any]:
    from PySide6.QtWidgets import QMainWindow

    from desktop.ui.report_actions import ReportContext, add_report_actions

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&Tệp")
    return add_report_actions(menu, ReportContext(window, database, lambda: TODAY)), menu


def test_menu_export_csv(
    qtbot: Any, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from desktop.ui.report_actions import QuarterDialog

    seed_quarter(database)
    actions, menu = _context(qtbot, database)
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Xuất &CSV quý…",
        "Xuất &Excel quý…",
        "&In báo cáo quý…",
        "Lưu báo cáo quý thành &PDF…",
        "Cài đặt &báo cáo…",
    ]
    chosen: list[str] = []

    def accept(dialog: QuarterDialog) -> int:
        chosen.append(dialog.quarter_box.currentText())
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QuarterDialog, "exec", accept)
    target = tmp_path / "q2"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    actions.export_csv.trigger()
    assert chosen == ["Quý II/2021"]  # on 5 July the quarter just ended is the default
    data = (tmp_path / "q2.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfSTT")
    assert data.count(b"\r\n") == 11


def test_settings_dialog_saves(
    qtbot: Any, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from desktop.ui.report_actions import ReportSettingsDialog

    actions, _menu = _context(qtbot, database)

    def fill(dialog: ReportSettingsDialog) -> int:
        dialog.place.setText("Thanh Hóa tỉnh Thanh Hóa")
        dialog.signer_name.setText("Lê Văn Bình")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ReportSettingsDialog, "exec", fill)
    actions.settings.trigger()
    saved = load_report_settings(database)
    assert saved.place == "Thanh Hóa tỉnh Thanh Hóa"
    assert saved.signer_name == "Lê Văn Bình"
    assert saved.issuing_body == ReportSettings().issuing_body


def test_monthly_task_is_one_row_with_its_occurrences(qapp: object, database: Database) -> None:
    seed_quarter(database)
    html = report_html(quarter_report(database, Q2, TODAY), ReportSettings())
    title = "Báo cáo tình hình"  # PL.5, monthly: its text once, its three periods listed
    monthly = next(
        r.task.title for r in quarter_report(database, Q2, TODAY).rows if r.task.ext_id == "PL.5"
    )
    assert html.count(monthly[:40]) == 1, title
    for due in ("30/04/2021", "31/05/2021", "30/06/2021"):
        assert f"– Kỳ hạn {due}:" in html


def test_extension_status_and_header_are_printed(
    qapp: object, database: Database, tmp_path: Path
) -> None:
    from datetime import date

    from desktop.services.queries import TaskFilter, list_tasks
    from desktop.services.tasks import extend_deadline

    seed_quarter(database)
    task_id = next(
        r.id for r in list_tasks(database, TaskFilter(today=TODAY)) if r.ext_id == "PL.3"
    )
    extend_deadline(database, task_id, date(2021, 12, 31), "chờ kết luận")
    settings = ReportSettings(unit_name="Chi bộ Văn phòng Sở", report_number="15-BC/CB")
    out = tmp_path / "q2.pdf"
    write_pdf(out, quarter_report(database, Q2, TODAY), settings)
    text = " ".join(_text(out))
    assert "Số 15-BC/CB" in text
    assert "CHI BỘ VĂN PHÒNG SỞ" in text
    assert "Hạn ban đầu: 30/06/2021" in text
    assert "Đã gia hạn đến 31/12/2021 (lý do: chờ kết luận)" in text
    # The category and the recorded progress are both there, and the legend says why.
    assert "(tiến độ: chưa thực hiện)" in text
    assert "kể cả khi chưa bắt đầu" in text
    assert ReportSettings().number_line.startswith("Số") and not ReportSettings().complete


def test_no_unit_heading_is_left_alone_at_a_page_foot(qapp: object, database: Database) -> None:
    from PySide6.QtGui import QPdfWriter, QTextDocument

    from desktop.services.queries import TaskFilter, list_tasks
    from desktop.services.tasks import Progress, record_progress
    from desktop.ui.report_pdf import _orphaned_headings, a4_layout, build_document

    seed_quarter(database)
    first = next(r.id for r in list_tasks(database, TaskFilter(today=TODAY)) if r.ext_id == "PL.7")
    writer = QPdfWriter(str(Path(database.path or "x").with_suffix(".pdf")))
    writer.setResolution(300)
    writer.setPageLayout(a4_layout())
    # Lengthen the first unit's notes line by line until the plain layout leaves a heading
    # alone at the foot of a page; the report as built must then have moved it.
    for lines in range(1, 120):
        notes = "\n".join(f"Ghi chú dòng {n}" for n in range(lines))
        record_progress(database, first, Progress("doing", notes=notes), today=TODAY)
        report = quarter_report(database, Q2, TODAY)
        plain = build_document(report, ReportSettings(), writer)
        plain.setHtml(report_html(report, ReportSettings()))
        if _orphaned_headings(plain):
            break
    else:
        pytest.fail("no layout left a heading alone: the test found nothing to check")
    built: QTextDocument = build_document(report, ReportSettings(), writer)
    assert _orphaned_headings(built) == frozenset()


def test_window_exports_never_write_over_the_database(
    qtbot: Any, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from desktop.ui.report_actions import QuarterDialog

    seed_quarter(database)
    save_report_settings(database, ReportSettings(unit_name="Chi bộ Văn phòng"))
    assert database.path is not None
    before = database.path.read_bytes()
    actions, _menu = _context(qtbot, database)
    monkeypatch.setattr(QuarterDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(database.path), ""))
    )
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    # The dialog's answer plus the suffix the window adds is, through a link, the database.
    for suffix in (".csv", ".xlsx", ".pdf"):
        Path(f"{database.path}{suffix}").symlink_to(database.path)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: pytest.fail("export was written"))
    actions.export_csv.trigger()
    actions.export_xlsx.trigger()
    actions.save_pdf.trigger()
    assert len(warnings) == 3
    assert all("cơ sở dữ liệu đang dùng" in w for w in warnings)
    assert database.path.read_bytes() == before


def test_printed_report_asks_for_the_header_first(
    qtbot: Any, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from desktop.ui.report_actions import QuarterDialog, ReportSettingsDialog

    seed_quarter(database)
    actions, _menu = _context(qtbot, database)
    monkeypatch.setattr(QuarterDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)

    def fill(dialog: ReportSettingsDialog) -> int:
        dialog.unit_name.setText("Chi bộ Phòng Tổ chức")
        dialog.report_number.setText("7-BC/CB")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ReportSettingsDialog, "exec", fill)
    out = tmp_path / "bc.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    actions.save_pdf.trigger()
    assert load_report_settings(database).report_number == "7-BC/CB"
    text = _text(out)[0]
    assert "Số 7-BC/CB" in text and "CHI BỘ PHÒNG TỔ CHỨC" in text
