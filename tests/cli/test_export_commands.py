"""``sonhiemvu export-csv`` and ``sonhiemvu report``: files written, Vietnamese errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db import open_database
from desktop.cli import main
from tests.conftest import DATA
from tests.services.test_quarter_report import seed_quarter

GOLDEN = DATA / "golden" / "quarter_2021-Q2_semicolon.csv"


@pytest.fixture
def seeded(db_path: Path) -> Iterator[Path]:
    database = open_database(db_path)
    try:
        seed_quarter(database)
    finally:
        database.dispose()
    yield db_path


def test_export_csv_writes_the_golden_bytes(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q2.csv"
    code = main(
        [
            "export-csv",
            "--db",
            str(seeded),
            "--quarter",
            "2021-Q2",
            "--today",
            "2021-07-05",
            "--delimiter",
            ";",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert out.read_bytes() == GOLDEN.read_bytes()
    assert capsys.readouterr().out == f"Đã ghi 10 dòng của Quý II/2021 vào {out}\n"


def test_export_csv_for_one_unit_with_comma(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q2.csv"
    args = ["export-csv", "--db", str(seeded), "--quarter", "Quý II/2021", "--today"]
    code = main([*args, "2021-07-05", "--unit", "van phong", "--delimiter", ",", "-o", str(out)])
    assert code == 0
    lines = out.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("STT,Mã nhiệm vụ,Văn bản giao,Nhiệm vụ,Đơn vị chủ trì,")
    assert len([line for line in lines[1:] if line]) == 4
    assert "4 dòng" in capsys.readouterr().out


def test_export_xlsx(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "q2.xlsx"
    code = main(
        ["export-csv", "--db", str(seeded), "--quarter", "2021-Q2", "--today", "2021-07-05"]
        + ["--format", "xlsx", "-o", str(out)]
    )
    assert code == 0
    workbook = load_workbook(out)
    assert workbook["Nhiệm vụ"].max_row == 11
    assert workbook["Tổng hợp"]["A1"].value == "Tổng hợp nhiệm vụ Quý II/2021 (tính đến 05/07/2021)"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--unit", "Ban Không Có"], "Lỗi: Không có đơn vị “Ban Không Có”."),
        (["--delimiter", "ab"], "Lỗi: Ký tự phân cách “ab” không dùng được"),
        (["--today", "05/07/2021"], "Lỗi: Ngày “05/07/2021” không hợp lệ"),
    ],
)
def test_export_errors_are_vietnamese(
    seeded: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "q2.csv"
    code = main(["export-csv", "--db", str(seeded), "--quarter", "2021-Q2", "-o", str(out), *extra])
    assert code == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(message)
    assert "Traceback" not in captured.err
    assert not out.exists()


def test_export_into_missing_folder_is_a_known_error(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "khong-co" / "q2.csv"
    code = main(["export-csv", "--db", str(seeded), "--quarter", "2021-Q2", "-o", str(out)])
    assert code == 1
    assert capsys.readouterr().err.startswith("Lỗi: Không ghi được")


def test_bad_quarter_is_refused(
    seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export-csv", "--db", str(seeded), "--quarter", "2021-Q5", "-o", "x.csv"])
    assert code == 1
    assert "Lỗi:" in capsys.readouterr().err


def test_report_writes_a_pdf(
    qapp: object, seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    out = tmp_path / "bao-cao.pdf"
    code = main(
        ["report", "--db", str(seeded), "--quarter", "2021-Q2", "--today", "2021-07-05"]
        + ["-o", str(out)]
    )
    assert code == 0
    reader = PdfReader(out)
    pages = len(reader.pages)
    assert capsys.readouterr().out == f"Đã ghi báo cáo Quý II/2021 ({pages} trang) vào {out}\n"
    first = " ".join(reader.pages[0].extract_text().split())
    assert "BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ QUÝ II/2021" in first
    assert "Chi bộ Phòng Tài nguyên khoáng sản" in first


def test_report_unknown_unit_is_refused(
    qapp: object, seeded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bao-cao.pdf"
    code = main(
        ["report", "--db", str(seeded), "--quarter", "2021-Q2", "--unit", "X", "-o", str(out)]
    )
    assert code == 1
    assert capsys.readouterr().err.startswith("Lỗi: Không có đơn vị “X”.")
    assert not out.exists()
