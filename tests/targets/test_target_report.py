"""Issue 17's acceptance in the files: seed 002's nine yearly targets of 2021, eight met.

The CSV, the Excel sheet, the PDF page and the command line all say "đạt 8/9 chỉ tiêu" and
name the one missed ("100% chi bộ sinh hoạt đúng quy định", reached at 80 %).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from seed_targets import MISSED, SEED_002, enter_2021_values, import_seed_002

from desktop.cli import main
from desktop.services.settings import ReportSettings
from desktop.services.target_report import csv_bytes, target_report, xlsx_bytes

TODAY = date(2021, 12, 31)


def _pdf_text(path: Path) -> str:
    pages = [unicodedata.normalize("NFC", p.extract_text()) for p in PdfReader(path).pages]
    return " ".join(" ".join(pages).split())


def test_csv_and_excel_count_eight_of_nine_and_name_the_missed(tmp_path: Path) -> None:
    database = import_seed_002(tmp_path / "db.sqlite3")
    try:
        enter_2021_values(database)
        report = target_report(database, "2021", TODAY)
    finally:
        database.dispose()
    raw = csv_bytes(report, ";")
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["STT", "Chỉ tiêu", "Kỳ hạn", "Kế hoạch", "Đạt được", "Kết quả"]
    top = [r for r in rows[1:] if r and r[0].isdigit()]
    assert len(top) == 9
    missed = [r for r in top if r[5] == "Không đạt"]
    assert [r[1] for r in missed] == [MISSED] and missed[0][3:5] == ["100%", "80%"]
    assert sum(r[5] == "Đạt" for r in top) == 8
    assert "đạt 8/9 chỉ tiêu; chưa đạt 1 chỉ tiêu: " + MISSED.lower() in rows[-1][1].lower()

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx_bytes(report)))
    sheet = workbook["Chỉ tiêu"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert sum(1 for v in values if v[5] == "Không đạt") == 1
    assert "Đạt 8/9 chỉ tiêu" in str(values[-1][1])


def test_pdf_page_and_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.ui.target_report_pdf import write_target_pdf

    path = tmp_path / "db.sqlite3"
    database = import_seed_002(path)
    try:
        enter_2021_values(database)
        report = target_report(database, "2021", TODAY)
    finally:
        database.dispose()
    pdf = tmp_path / "chi-tieu-2021.pdf"
    assert write_target_pdf(pdf, report, ReportSettings(unit_name="CHI BỘ VĂN PHÒNG")) >= 1
    text = _pdf_text(pdf)
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2021" in text
    assert "đạt 8/9 chỉ tiêu" in text
    assert f"Còn 01 chỉ tiêu chưa đạt: {MISSED} (đạt 80%)" in text

    out = tmp_path / "cli.pdf"
    code = main(["targets", "report", "--period", "2021", "-o", str(out), "--db", str(path)])
    assert code == 0 and out.exists()
    assert "Đạt 8/9 chỉ tiêu" in capsys.readouterr().out
    assert main(["targets", "list", "--period", "2021", "--db", str(path)]) == 0
    listing = capsys.readouterr().out
    assert "Năm 2021: Đạt 8/9 chỉ tiêu; chưa đạt 1 chỉ tiêu: " + MISSED in listing


def test_command_line_records_values_and_refuses_wrong_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "db.sqlite3"
    assert main(["import", str(SEED_002), "--db", str(path)]) == 0
    assert "Chỉ tiêu: 17 (mới 17" in capsys.readouterr().out
    assert main(["targets", "list", "--period", "2021", "--format", "json", "--db", str(path)]) == 0
    import json

    items = json.loads(capsys.readouterr().out)
    nine = next(i for i in items if i["text"].startswith(MISSED))
    qualitative = next(i for i in items if i["comparison"] == "qualitative")
    args = ["--period", "2021", "--db", str(path)]
    assert main(["targets", "set", str(nine["target_id"]), "--value", "80", *args]) == 0
    assert main(["targets", "set", str(qualitative["target_id"]), "--value", "3", *args]) == 1
    assert "định tính" in capsys.readouterr().err
    assert (
        main(
            [
                "targets",
                "set",
                str(nine["target_id"]),
                "--value",
                "80",
                "--period",
                "xyz",
                "--db",
                str(path),
            ]
        )
        == 1
    )
    assert "Kỳ “xyz” không hợp lệ" in capsys.readouterr().err
    assert main(["targets", "list", "--format", "json", *args]) == 0
    after = json.loads(capsys.readouterr().out)
    assert next(i for i in after if i["target_id"] == nine["target_id"])["result"] == "không đạt"
