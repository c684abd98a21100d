"""The quarterly CSV (exact bytes) and the Excel workbook (read back with openpyxl)."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db import Database
from desktop.services import csv_export
from desktop.services.csv_export import (
    COLUMNS,
    csv_bytes,
    escape_cell,
    list_separator,
    parse_delimiter,
    write_csv,
    write_xlsx,
)
from desktop.services.output_files import ExportError
from desktop.services.quarter_report import quarter_report
from tests.conftest import DATA
from tests.services.test_quarter_report import Q2, TODAY, seed_quarter

GOLDEN = DATA / "golden" / "quarter_2021-Q2_semicolon.csv"


def test_csv_bytes_match_the_golden_file(database: Database) -> None:
    """BOM, ";" as on a Vietnamese Windows, CRLF, formula-like cells escaped.

    To update after a deliberate change: write ``csv_bytes(...)`` to the golden file and
    read the diff line by line before committing it.
    """
    seed_quarter(database)
    data = csv_bytes(quarter_report(database, Q2, TODAY).rows, ";")
    assert data == GOLDEN.read_bytes()


def _c(name: str) -> int:
    return COLUMNS.index(name)


def test_golden_file_is_what_excel_expects() -> None:
    data = GOLDEN.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data[3:].lower().startswith(b"sep=")
    assert data.endswith(b"\r\n")
    # Every line break that is not inside a quoted cell is CRLF.
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 11
    titles = [r[_c("Nhiệm vụ")] for r in rows[1:]]
    assert '\'=HYPERLINK("http://x","y")' in titles
    assert "'-5 đơn vị chưa nộp báo cáo phải giải trình" in titles
    by_title = {r[_c("Nhiệm vụ")]: r for r in rows[1:]}
    plan = by_title["Xây dựng kế hoạch tuyên truyền Nghị quyết 58-NQ/TW trong Đảng bộ Khối"]
    assert plan[0] == "1"  # numbers are not escaped
    assert plan[_c("Hạn")] == plan[_c("Hạn ban đầu")] == "30/06/2021"
    assert plan[_c("Ngày hoàn thành")] == "20/06/2021"
    assert plan[_c("Phân loại báo cáo (theo hạn)")] == "Hoàn thành đúng hạn"
    assert plan[_c("Văn bản giao")] == "10-CTr/ĐUK"
    assert plan[_c("Mã nhiệm vụ")] == "PL.1"
    assert (
        by_title["'-5 đơn vị chưa nộp báo cáo phải giải trình"][_c("Ghi chú")]
        == "'+3 đơn vị đã nộp"
    )
    # Rows end in CRLF; the only other line break is the one inside a quoted note.
    assert data.count(b"\r\n") == 11
    assert data.replace(b"\r\n", b"").count(b"\n") == 1
    assert "tài liệu;\nđã báo cáo".encode() in data


def test_comma_delimiter_and_round_trip(database: Database) -> None:
    seed_quarter(database)
    data = csv_bytes(quarter_report(database, Q2, TODAY).rows, ",")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][_c("Đơn vị phối hợp")] == "Văn phòng"
    assert rows[4][_c("Đơn vị phối hợp")] == "Ủy ban kiểm tra, Văn phòng"  # one cell, quoted


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-5 đơn vị", "'-5 đơn vị"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("Báo cáo số 191-BC/ĐUK", "Báo cáo số 191-BC/ĐUK"),
        ("", ""),
    ],
)
def test_escape_cell(text: str, shown: str) -> None:
    assert escape_cell(text) == shown


def test_list_separator_is_comma_off_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert list_separator() == ","


@pytest.mark.skipif(sys.platform != "win32", reason="reads the Windows registry")
def test_list_separator_on_windows_is_one_character() -> None:
    assert len(list_separator()) == 1


@pytest.mark.parametrize(("text", "value"), [(";", ";"), ("tab", "\t"), (",", ","), ("|", "|")])
def test_parse_delimiter(text: str, value: str) -> None:
    assert parse_delimiter(text) == value


@pytest.mark.parametrize("text", ["", ";;", '"', "a", "1"])
def test_parse_delimiter_refuses(text: str) -> None:
    with pytest.raises(ExportError):
        parse_delimiter(text)


def test_write_csv_uses_the_list_separator_by_default(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_quarter(database)
    monkeypatch.setattr(csv_export, "list_separator", lambda: ";")
    target = write_csv(tmp_path / "q2.csv", quarter_report(database, Q2, TODAY).rows)
    assert target.read_bytes() == GOLDEN.read_bytes()
    assert not (tmp_path / "q2.csv.tmp").exists()


def test_write_refused_is_a_clear_message(database: Database, tmp_path: Path) -> None:
    seed_quarter(database)
    missing = tmp_path / "khong-co" / "q2.csv"
    with pytest.raises(ExportError, match="Không ghi được"):
        write_csv(missing, quarter_report(database, Q2, TODAY).rows, ",")


def test_xlsx_reads_back(database: Database, tmp_path: Path) -> None:
    seed_quarter(database)
    report = quarter_report(database, Q2, TODAY)
    path = write_xlsx(tmp_path / "q2.xlsx", report)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Nhiệm vụ", "Tổng hợp"]
    sheet = workbook["Nhiệm vụ"]
    assert tuple(c.value for c in sheet[1]) == COLUMNS
    assert sheet.freeze_panes == "E2"
    assert sheet.max_row == len(report.rows) + 1
    assert sheet.column_dimensions["D"].width == 60
    first = [c.value for c in sheet[2]]
    assert first[0] == 1
    assert (
        first[_c("Nhiệm vụ")]
        == "Xây dựng kế hoạch tuyên truyền Nghị quyết 58-NQ/TW trong Đảng bộ Khối"
    )
    assert first[_c("Hạn")].date() == date(2021, 6, 30)  # a real date, not text
    assert sheet.cell(row=2, column=_c("Hạn") + 1).number_format == "DD/MM/YYYY"
    assert first[_c("Ngày hoàn thành")].date() == date(2021, 6, 20)
    assert first[_c("Phân loại báo cáo (theo hạn)")] == "Hoàn thành đúng hạn"
    formula = sheet.cell(row=4, column=_c("Nhiệm vụ") + 1)
    assert formula.value == '=HYPERLINK("http://x","y")'
    assert formula.data_type == "s"  # stored as text: it never runs

    summary = workbook["Tổng hợp"]
    table = [[c.value for c in row] for row in summary.iter_rows(min_row=2)]
    assert table[0][:3] == ["Đơn vị chủ trì", "Tổng số", "Hoàn thành đúng hạn"]
    assert table[1] == ["Ban Tuyên giáo", 3, 1, 0, 1, 0, 1]
    assert table[-1][0] == "Tổng cộng"
    assert table[-1][1] == len(report.rows)
