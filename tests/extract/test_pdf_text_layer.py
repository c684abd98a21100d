"""A PDF with a real text layer, written by Qt with an embedded Vietnamese font."""

from __future__ import annotations

from pathlib import Path

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
