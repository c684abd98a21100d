"""A PDF with a real text layer, written by Qt with an embedded Vietnamese font."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from desktop.extract import extract_document

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "DejaVuSerif.ttf"
TEXT = """ĐẢNG BỘ KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH
Số 25-KH/ĐUK
Thanh Hóa, ngày 12 tháng 3 năm 2024
KẾ HOẠCH
thực hiện Chỉ thị số 30-CT/TW
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, đảng viên.
II. TỔ CHỨC THỰC HIỆN
1. Giao Ban Tuyên giáo Đảng ủy Khối chủ trì, phối hợp với Văn phòng Đảng ủy Khối tham mưu
tổ chức hội nghị quán triệt, hoàn thành trong Quý II năm 2024.
2. Ủy ban Kiểm tra Đảng ủy Khối chủ trì kiểm tra, giám sát việc thực hiện Chỉ thị, báo cáo
Ban Thường vụ trước ngày 15/11/2024.
"""


def write_pdf(path: Path) -> None:
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.setDefaultFont(QFont(family[0], 11))
    document.setPlainText(TEXT)
    document.print_(writer)


def test_tasks_and_facts_are_read_from_a_pdf_text_layer(qapp: QApplication, tmp_path: Path):
    path = tmp_path / "ke-hoach.pdf"
    write_pdf(path)
    payload = extract_document(path)
    document = payload["document"]
    assert document["number"] == "25-KH/ĐUK"
    assert document["issued"] == "2024-03-12"
    assert document["title"] == "KẾ HOẠCH thực hiện Chỉ thị số 30-CT/TW"
    tasks = payload["tasks"]
    assert [(t["lead_unit"], t["due"]) for t in tasks] == [
        ("Ban Tuyên giáo Đảng ủy Khối", "2024-06-30"),
        ("Ủy ban Kiểm tra Đảng ủy Khối", "2024-11-14"),
    ]
    assert tasks[0]["support_units"] == ["Văn phòng Đảng ủy Khối"]
    assert tasks[1]["title"].startswith("Ủy ban Kiểm tra Đảng ủy Khối chủ trì kiểm tra")


# What a PDF whose fonts have no ToUnicode map gives as its text layer: glyph numbers shown
# as letters. Written into a real PDF here, so the whole reading path sees it.
MOJIBAKE = "\n".join(
    [
        "&KѭѫQJ WUuQK KjQK ÿӝQJ FӫD %DQ &KҩS KjQK ĈҧQJ Eӝ WӍQK",
        "WKӵF KLӋQ 1JKӏ TXyW Vӕ 1- 1Ĉ7: YӅ FKX\\ӇQ ÿәL Vӕ TXӕF JLD",
        "*LDR %DQ 7X\\rQ JLiR FKӫ WUu SKӕL KӧS YӟL 9ăQ SKzQJ WKDP PѭX",
        "KRjQ WKjQK WURQJ 4Xê ,, QăP  7әQJ KӧS Eio Fio NӃW TXҧ",
    ]
    * 3
)


def test_a_mojibake_text_layer_is_refused(qapp: QApplication, tmp_path: Path) -> None:
    from desktop.extract import ExtractError

    path = tmp_path / "loi-phong.pdf"
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))
    writer = QPdfWriter(str(path))
    document = QTextDocument()
    document.setDefaultFont(QFont(family[0], 11))
    document.setPlainText(MOJIBAKE)
    document.print_(writer)
    with pytest.raises(ExtractError, match="lỗi phông") as caught:
        extract_document(path)
    assert "OCR" in str(caught.value)


def test_vietnamese_text_is_not_taken_for_mojibake() -> None:
    from desktop.extract.text_quality import is_mojibake, vietnamese_share

    assert not is_mojibake(TEXT * 3)
    assert is_mojibake(MOJIBAKE)
    share, counted = vietnamese_share("Ban Tuyên giáo chủ trì, phối hợp với Văn phòng UBND")
    assert share == 1.0 and counted == 10  # "UBND" is left out
