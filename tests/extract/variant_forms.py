"""Hand-written documents in the forms real action programmes use, with their expected tasks.

Written for the tests (wording of different provinces and committee levels: đảng ủy khối,
huyện ủy, đảng ủy xã, chi bộ, đảng ủy sở), with the expectations a careful secretary would list,
before the extractor was run on them. Three are Word files built here with python-docx. Used by
``test_variant_forms.py`` and by ``python -m tests.extract.variant_forms`` (prints the score).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.shared import Pt

from desktop.extract import extract_document

VARIANTS = Path(__file__).resolve().parents[1] / "data" / "extract_variants"


@dataclass(frozen=True)
class Expected:
    """One task: title start, lead, coordinating units, a deadline phrase it contains, due."""

    title: str
    lead: str | None
    support: tuple[str, ...] = ()
    deadline: str | None = None
    due: str | None = None


@dataclass
class Variant:
    name: str
    tasks: list[Expected]
    number: str | None = None
    issued: str | None = None
    issuer: str | None = None
    title: str | None = None  # the document title starts with this
    absent: tuple[str, ...] = ()  # no task title starts with these
    build: Callable[[Path], Path] | None = None  # a .docx built in a temporary folder
    notes: list[str] = field(default_factory=list)


def _cells(row: Any, values: list[str], bold: bool = False) -> None:
    for cell, text in zip(row.cells, values, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = bold


def _group_row(table: Any, roman: str, title: str) -> None:
    cells = table.add_row().cells
    cells[0].paragraphs[0].add_run(roman).bold = True
    merged = cells[1].merge(cells[-1])
    merged.paragraphs[0].add_run(title).bold = True


def _header_table(document: Any, left: list[str], right: list[str]) -> None:
    """The two-column header block Word documents of the Party use (a borderless table)."""
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].add_run(lines[0]).bold = True
        for line in lines[1:]:
            cell.add_paragraph(line)


def build_luc_nam(folder: Path) -> Path:
    """Huyện ủy; header block as a table; an annex table with merged group rows, a split row."""
    document = docx.Document()
    _header_table(
        document,
        ["ĐẢNG BỘ TỈNH BẮC GIANG", "HUYỆN ỦY LỤC NAM", "*", "Số 27-KH/HU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Lục Nam, ngày 03 tháng 3 năm 2025"],
    )
    document.add_paragraph().add_run("KẾ HOẠCH").bold = True
    document.add_paragraph().add_run(
        "triển khai thực hiện Kết luận số 123-KL/TW của Ban Chấp hành Trung ương"
    ).bold = True
    document.add_paragraph("")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("1. Nâng cao nhận thức, trách nhiệm của cấp ủy các cấp.")
    document.add_paragraph("II. PHÂN CÔNG NHIỆM VỤ")
    document.add_paragraph("(Có phụ lục kèm theo)")
    document.add_paragraph().add_run("PHỤ LỤC").bold = True
    heading = ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp"]
    heading += ["Thời gian hoàn thành", "Sản phẩm"]
    table = document.add_table(rows=1, cols=6)
    _cells(table.rows[0], heading, bold=True)
    _group_row(table, "I", "CÔNG TÁC TUYÊN TRUYỀN")
    rows = [
        [
            "1",
            "Tổ chức quán triệt Kết luận cho cán bộ chủ chốt",
            "Ban Tuyên giáo Huyện ủy",
            "Trung tâm Chính trị huyện",
            "Quý II/2025",
            "Hội nghị",
        ],
        [
            "2",
            "Biên soạn tài liệu hỏi - đáp về Kết luận,",
            "Ban Tuyên giáo Huyện ủy",
            "Ban Dân vận Huyện ủy, Huyện đoàn",
            "Tháng 9/2025",
            "Tài liệu",
        ],
        ["", "phát hành đến các chi bộ", "", "", "", ""],
    ]
    for values in rows:
        _cells(table.add_row(), values)
    _group_row(table, "II", "CÔNG TÁC TỔ CHỨC")
    rows = [
        [
            "3",
            "Kiện toàn tổ chức bộ máy các cơ quan tham mưu, giúp việc Huyện ủy",
            "Ban Tổ chức Huyện ủy",
            "Văn phòng Huyện ủy, Ban Dân vận Huyện ủy",
            "Quý 3/2025",
            "Đề án",
        ],
        [
            "4",
            "Sơ kết việc thực hiện Kế hoạch",
            "Văn phòng Huyện ủy",
            "",
            "Trước ngày 15/12/2025",
            "Báo cáo",
        ],
    ]
    for values in rows:
        _cells(table.add_row(), values)
    path = folder / "ke_hoach_luc_nam.docx"
    document.save(str(path))
    return path


def build_hai_duong(folder: Path) -> Path:
    """Tỉnh ủy; header in paragraphs; a one-line bold title; "Cơ quan chuẩn bị" table."""
    document = docx.Document()
    document.add_paragraph().add_run("TỈNH ỦY HẢI DƯƠNG").bold = True
    document.add_paragraph("*")
    document.add_paragraph("Số 310-KH/TU")
    document.add_paragraph().add_run("ĐẢNG CỘNG SẢN VIỆT NAM").bold = True
    document.add_paragraph().add_run("Hải Dương, ngày 15 tháng 01 năm 2025").italic = True
    title = document.add_paragraph()
    title.add_run("KẾ HOẠCH thực hiện Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp").bold = True
    document.add_paragraph("")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Bảo đảm đại hội diễn ra dân chủ, đúng tiến độ.")
    document.add_paragraph("II. PHÂN CÔNG THỰC HIỆN")
    table = document.add_table(rows=1, cols=6)
    heading = ["TT", "Tên nhiệm vụ", "Cơ quan chuẩn bị", "Cơ quan phối hợp", "Thời hạn"]
    _cells(table.rows[0], [*heading, "Hình thức văn bản"], bold=True)
    _group_row(table, "I", "Công tác chuẩn bị văn kiện và nhân sự")
    rows = [
        [
            "1",
            "Ban hành kế hoạch tổ chức đại hội đảng bộ cấp cơ sở",
            "Ban Tổ chức Tỉnh ủy",
            "Văn phòng Tỉnh ủy",
            "Tháng 3/2025",
            "Kế hoạch",
        ],
        [
            "2",
            "Hướng dẫn xây dựng báo cáo chính trị trình đại hội",
            "Ban Tuyên giáo Tỉnh ủy",
            "Ban Tổ chức Tỉnh ủy; Văn phòng Tỉnh ủy",
            "Quý II năm 2025",
            "Hướng dẫn",
        ],
    ]
    for values in rows:
        _cells(table.add_row(), values)
    _group_row(table, "II", "Công tác kiểm tra, giám sát")
    _cells(
        table.add_row(),
        [
            "3",
            "Kiểm tra, giám sát công tác chuẩn bị đại hội",
            "Ủy ban Kiểm tra Tỉnh ủy",
            "",
            "Quý III/2025",
            "Báo cáo",
        ],
    )
    path = folder / "ke_hoach_hai_duong.docx"
    document.save(str(path))
    return path


def build_so_y_te(folder: Path) -> Path:
    """Đảng ủy cơ quan sở; labelled fields as Word list bullets; a deadline for a whole list."""
    document = docx.Document()
    _header_table(
        document,
        ["ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", "ĐẢNG ỦY CƠ QUAN SỞ Y TẾ", "*", "Số 08-KH/ĐU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Cà Mau, ngày 20 tháng 02 năm 2025"],
    )
    run = document.add_paragraph().add_run("KẾ HOẠCH")
    run.bold = True
    run.font.size = Pt(14)
    document.add_paragraph().add_run("công tác xây dựng Đảng năm 2025").bold = True
    document.add_paragraph("")
    document.add_paragraph("I. MỤC TIÊU")
    document.add_paragraph("Phấn đấu 100% chi bộ đạt tiêu chuẩn hoàn thành tốt nhiệm vụ.")
    document.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    document.add_paragraph("1. Tổ chức tập huấn nghiệp vụ công tác đảng cho cấp ủy viên.")
    document.add_paragraph("Đơn vị chủ trì: Ban Tổ chức Đảng ủy.", style="List Bullet")
    document.add_paragraph(
        "Đơn vị phối hợp: Văn phòng Đảng ủy, Công đoàn cơ sở.", style="List Bullet"
    )
    paragraph = document.add_paragraph("Thời gian thực hiện: ", style="List Bullet")
    paragraph.add_run("tháng 6/2025").italic = True
    document.add_paragraph("2. Sơ kết 6 tháng thực hiện nghị quyết của Đảng ủy.")
    document.add_paragraph(
        "Cơ quan chủ trì: Văn phòng Đảng ủy; Thời hạn: trước ngày 10/7/2025.",
        style="List Bullet",
    )
    document.add_paragraph(
        "3. Các chi bộ trực thuộc thực hiện các việc sau, hoàn thành trong quý II năm 2025:"
    )
    document.add_paragraph("Rà soát, cập nhật hồ sơ đảng viên.", style="List Bullet")
    document.add_paragraph("Thu, nộp đảng phí theo quy định.", style="List Bullet")
    path = folder / "ke_hoach_so_y_te.docx"
    document.save(str(path))
    return path


VARIANT_FORMS: list[Variant] = [
    Variant(
        "labelled_bullets_quang_ninh.md",
        [
            Expected(
                "Tổ chức sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW",
                "Ban Tuyên giáo Đảng ủy Khối",
                ("Văn phòng", "Ban Tổ chức"),
                "trước ngày 30/6/2025",
                "2025-06-29",
            ),
            Expected(
                "Kiểm tra, giám sát chuyên đề",
                "Ủy ban Kiểm tra Đảng ủy Khối",
                (),
                "Quý 3/2025",
                "2025-09-30",
            ),
        ],
        number="12-KH/ĐU",
        issued="2025-01-05",
        issuer="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
        title="KẾ HOẠCH thực hiện nhiệm vụ năm 2025",
        absent=("Đơn vị", "Thời gian"),
    ),
    Variant(
        "inline_fields_xa_thien_loc.txt",
        [
            Expected(
                "Tổ chức hội nghị sơ kết công tác xây dựng Đảng",
                "Văn phòng Đảng ủy",
                ("các chi bộ trực thuộc",),
                "tháng 7/2025",
                "2025-07-31",
            ),
            Expected(
                "Rà soát, kết nạp đảng viên mới",
                "Ban Xây dựng Đảng",
                ("Đoàn Thanh niên xã", "Hội Cựu chiến binh xã"),
                "Quý IV/2025",
                "2025-12-31",
            ),
            Expected(
                "Kiểm tra việc chấp hành Điều lệ Đảng",
                "Ủy ban Kiểm tra Đảng ủy",
                (),
                "quý 3 năm 2025",
                "2025-09-30",
            ),
            Expected(
                "Văn phòng Đảng ủy theo dõi",
                "Văn phòng Đảng ủy",
                (),
                "trước ngày 15/12/2025",
                "2025-12-14",
            ),
        ],
        number="09-KH/ĐU",
        issued="2025-02-10",
        issuer="ĐẢNG ỦY XÃ THIÊN LỘC",
        title="KẾ HOẠCH triển khai nhiệm vụ công tác xây dựng Đảng năm 2025",
        absent=("Nâng cao năng lực", "Phấn đấu", "Thực hiện Kế hoạch"),
    ),
    Variant(
        "list_deadline_chi_bo_kdc5.txt",
        [
            Expected("Tổ chức sinh hoạt chuyên đề", None, (), "Quý II/2025", "2025-06-30"),
            Expected("Rà soát, cập nhật danh sách hộ nghèo", None, (), "Quý II/2025", "2025-06-30"),
            Expected("Vận động nhân dân tham gia", None, (), "Quý II/2025", "2025-06-30"),
            Expected("Tổng kết công tác năm 2025", None, (), "quý 4 năm 2025", "2025-12-31"),
            Expected("Xây dựng nghị quyết lãnh đạo", None, (), "quý 4 năm 2025", "2025-12-31"),
            Expected(
                "Tổ Dân vận khu dân cư chủ trì",
                "Tổ Dân vận khu dân cư",
                ("Ban Công tác Mặt trận", "Chi hội Phụ nữ"),
                "tháng 9/2025",
                "2025-09-30",
            ),
        ],
        number="03-KH/CB",
        issued="2025-01-06",
        issuer="CHI BỘ KHU DÂN CƯ SỐ 5",
        title="KẾ HOẠCH thực hiện nhiệm vụ chính trị năm 2025 của Chi bộ Khu dân cư số 5",
        absent=("Giữ vững", "Phấn đấu", "Tỷ lệ", "Các nhiệm vụ"),
    ),
    Variant(
        "coordinating_chi_bo_thanh_hoa.txt",
        [
            Expected(
                "Chi bộ Văn phòng Sở chủ trì",
                "Chi bộ Văn phòng Sở",
                ("Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính", "Thanh tra Sở"),
                "tháng 5/2025",
                "2025-05-31",
            ),
            Expected(
                "Giao Chi bộ Trung tâm Chuyển đổi số",
                "Chi bộ Trung tâm Chuyển đổi số",
                ("Chi bộ Văn phòng Sở",),
                "Quý 3/2025",
                "2025-09-30",
            ),
            Expected(
                "Chi bộ Trung tâm Chuyển đổi số chủ trì xây dựng kho",
                "Chi bộ Trung tâm Chuyển đổi số",
                (),
                "quý IV năm 2025",
                "2025-12-31",
            ),
            Expected(
                "Chi bộ Phòng Kế hoạch - Tài chính tham mưu",
                "Chi bộ Phòng Kế hoạch - Tài chính",
                (),
                "Quý IV hằng năm",
                "2025-12-31",
            ),
            Expected(
                "Các chi bộ trực thuộc rà soát",
                "Các chi bộ trực thuộc",
                (),
                "trước ngày 15/6/2025",
                "2025-06-14",
            ),
            Expected(
                "Văn phòng Đảng ủy chủ trì",
                "Văn phòng Đảng ủy",
                ("Ủy ban Kiểm tra Đảng ủy",),
                "trước ngày 10/12/2025",
                "2025-12-09",
            ),
        ],
        number="21-CTr/ĐU",
        issued="2025-04-14",
        issuer="ĐẢNG ỦY SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        title="CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện Nghị quyết số 57-NQ/TW",
        absent=("Quán triệt đầy đủ", "Xác định rõ", "Mục tiêu", "đến năm 2026", "Công tác"),
    ),
    Variant(
        "unit_headings_lang_son.md",
        [
            Expected(
                "Hướng dẫn các tổ chức cơ sở đảng rà soát",
                "Ban Tổ chức Đảng ủy Khối",
                ("Văn phòng Đảng ủy Khối",),
                "hoàn thành trong Quý IV hằng năm",
                "2025-12-31",
            ),
            Expected(
                "Thẩm định hồ sơ kết nạp đảng viên",
                "Ban Tổ chức Đảng ủy Khối",
                ("Văn phòng Đảng ủy Khối",),
                "trước ngày 30/9/2025",
                "2025-09-29",
            ),
            Expected(
                "Xây dựng chương trình kiểm tra, giám sát năm 2026",
                "Ủy ban Kiểm tra Đảng ủy Khối",
                (),
                "tháng 12/2025",
                "2025-12-31",
            ),
            Expected(
                "Biên soạn tài liệu sinh hoạt chi bộ",
                "Ban Tuyên giáo Đảng ủy Khối",
                (),
                "quý II/2025",
                "2025-06-30",
            ),
            Expected(
                "Tổ chức hội nghị báo cáo viên",
                "Ban Tuyên giáo Đảng ủy Khối",
                (),
                "quý 3 năm 2025",
                "2025-09-30",
            ),
            Expected(
                "Văn phòng Đảng ủy Khối chủ trì",
                "Văn phòng Đảng ủy Khối",
                ("các ban Đảng ủy Khối",),
                "trước ngày 15/12/2025",
                "2025-12-14",
            ),
            Expected(
                "Xây dựng kế hoạch thực hiện tại đơn vị",
                "Các tổ chức cơ sở đảng trực thuộc",
                (),
                "trước ngày 15/4/2025",
                "2025-04-14",
            ),
        ],
        number="35-KH/ĐUK",
        issued="2025-03-18",
        issuer="ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        title="KẾ HOẠCH thực hiện Quy định số 232-QĐ/TW về thi hành Điều lệ Đảng",
        absent=("Cụ thể hóa", "Việc triển khai", "Ban Tuyên giáo Đảng ủy Khối chủ trì, tham mưu"),
    ),
    Variant(
        "giao_prose_nam_dan.txt",
        [
            Expected("Tổ chức lễ dâng hoa", None, (), "ngày 19/5/2025", "2025-05-19"),
            Expected("Tổ chức hội thảo khoa học", None, (), None, None),
            Expected(
                "Giao Ban Tuyên giáo Huyện ủy chủ trì",
                "Ban Tuyên giáo Huyện ủy",
                ("Trung tâm Chính trị huyện", "Huyện đoàn", "Hội Liên hiệp Phụ nữ huyện"),
                "tháng 3 năm 2025",
                "2025-03-31",
            ),
            Expected(
                "Giao Văn phòng Huyện ủy chủ trì",
                "Văn phòng Huyện ủy",
                ("Ủy ban nhân dân huyện",),
                "trước ngày 10/5/2025",
                "2025-05-09",
            ),
            Expected(
                "Ủy ban Kiểm tra Huyện ủy chủ trì",
                "Ủy ban Kiểm tra Huyện ủy",
                (),
                "Quý II năm 2025",
                "2025-06-30",
            ),
        ],
        number="112-KH/HU",
        issued="2025-01-22",
        issuer="HUYỆN ỦY NAM ĐÀN",
        title="KẾ HOẠCH tổ chức các hoạt động kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        absent=("Tuyên truyền sâu rộng", "Các hoạt động kỷ niệm phải", "Qua các hoạt động"),
    ),
    Variant(
        "tab_table_so_noi_vu.txt",
        [
            Expected(
                "Rà soát chức năng, nhiệm vụ",
                "Phòng Tổ chức - Biên chế",
                ("Văn phòng Sở", "Thanh tra Sở"),
                "Quý I/2025",
                "2025-03-31",
            ),
            Expected(
                "Xây dựng đề án sắp xếp các đơn vị sự nghiệp công lập trực thuộc Sở, trình",
                "Phòng Tổ chức - Biên chế",
                ("Các đơn vị sự nghiệp trực thuộc",),
                "30/6/2025",
                "2025-06-30",
            ),
            Expected(
                "Rà soát, bổ sung quy hoạch cán bộ",
                "Chi bộ Văn phòng Sở",
                ("Phòng Công chức - Viên chức",),
                "Quý 3/2025",
                "2025-09-30",
            ),
            Expected(
                "Tổng hợp, báo cáo kết quả thực hiện",
                "Văn phòng Sở",
                (),
                "Tháng 12 hằng năm",
                "2025-12-31",
            ),
        ],
        number="14-KH/ĐU",
        issued="2025-02-25",
        issuer="ĐẢNG ỦY SỞ NỘI VỤ TỈNH BÌNH DƯƠNG",
        title="KẾ HOẠCH thực hiện Nghị quyết số 18-NQ/TW",
        absent=("Bảo đảm sự lãnh đạo", "(Có phụ lục", "Có phụ lục", "Công tác"),
    ),
    Variant(
        "ke_hoach_luc_nam.docx",
        [
            Expected(
                "Tổ chức quán triệt Kết luận",
                "Ban Tuyên giáo Huyện ủy",
                ("Trung tâm Chính trị huyện",),
                "Quý II/2025",
                "2025-06-30",
            ),
            Expected(
                "Biên soạn tài liệu hỏi - đáp về Kết luận, phát hành đến các chi bộ",
                "Ban Tuyên giáo Huyện ủy",
                ("Ban Dân vận Huyện ủy", "Huyện đoàn"),
                "Tháng 9/2025",
                "2025-09-30",
            ),
            Expected(
                "Kiện toàn tổ chức bộ máy",
                "Ban Tổ chức Huyện ủy",
                ("Văn phòng Huyện ủy", "Ban Dân vận Huyện ủy"),
                "Quý 3/2025",
                "2025-09-30",
            ),
            Expected(
                "Sơ kết việc thực hiện Kế hoạch",
                "Văn phòng Huyện ủy",
                (),
                "Trước ngày 15/12/2025",
                "2025-12-14",
            ),
        ],
        number="27-KH/HU",
        issued="2025-03-03",
        issuer="HUYỆN ỦY LỤC NAM",
        title="KẾ HOẠCH triển khai thực hiện Kết luận số 123-KL/TW",
        absent=("Nâng cao nhận thức", "CÔNG TÁC", "(Có phụ lục"),
        build=build_luc_nam,
    ),
    Variant(
        "ke_hoach_hai_duong.docx",
        [
            Expected(
                "Ban hành kế hoạch tổ chức đại hội",
                "Ban Tổ chức Tỉnh ủy",
                ("Văn phòng Tỉnh ủy",),
                "Tháng 3/2025",
                "2025-03-31",
            ),
            Expected(
                "Hướng dẫn xây dựng báo cáo chính trị",
                "Ban Tuyên giáo Tỉnh ủy",
                ("Ban Tổ chức Tỉnh ủy", "Văn phòng Tỉnh ủy"),
                "Quý II năm 2025",
                "2025-06-30",
            ),
            Expected(
                "Kiểm tra, giám sát công tác chuẩn bị đại hội",
                "Ủy ban Kiểm tra Tỉnh ủy",
                (),
                "Quý III/2025",
                "2025-09-30",
            ),
        ],
        number="310-KH/TU",
        issued="2025-01-15",
        issuer="TỈNH ỦY HẢI DƯƠNG",
        title="KẾ HOẠCH thực hiện Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp",
        absent=("Bảo đảm đại hội", "Công tác"),
        build=build_hai_duong,
    ),
    Variant(
        "ke_hoach_so_y_te.docx",
        [
            Expected(
                "Tổ chức tập huấn nghiệp vụ công tác đảng",
                "Ban Tổ chức Đảng ủy",
                ("Văn phòng Đảng ủy", "Công đoàn cơ sở"),
                "tháng 6/2025",
                "2025-06-30",
            ),
            Expected(
                "Sơ kết 6 tháng thực hiện nghị quyết",
                "Văn phòng Đảng ủy",
                (),
                "trước ngày 10/7/2025",
                "2025-07-09",
            ),
            Expected(
                "Rà soát, cập nhật hồ sơ đảng viên",
                "Các chi bộ trực thuộc",
                (),
                "quý II năm 2025",
                "2025-06-30",
            ),
            Expected(
                "Thu, nộp đảng phí",
                "Các chi bộ trực thuộc",
                (),
                "quý II năm 2025",
                "2025-06-30",
            ),
        ],
        number="08-KH/ĐU",
        issued="2025-02-20",
        issuer="ĐẢNG ỦY CƠ QUAN SỞ Y TẾ",
        title="KẾ HOẠCH công tác xây dựng Đảng năm 2025",
        absent=("Phấn đấu", "Đơn vị", "Thời gian", "Cơ quan chủ trì", "Các chi bộ trực thuộc"),
        build=build_so_y_te,
    ),
]


def extract_variant(variant: Variant, folder: Path) -> dict[str, Any]:
    path = variant.build(folder) if variant.build else VARIANTS / variant.name
    return extract_document(path)


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def match(result: dict[str, Any], expected: Expected) -> dict[str, Any] | None:
    for task in result["tasks"]:
        if _fold(task["title"]).startswith(_fold(expected.title)):
            return task
    return None


def problems(variant: Variant, result: dict[str, Any]) -> list[str]:
    """Everything about *result* that differs from what *variant* expects."""
    found: list[str] = []
    document = result["document"]
    for key in ("number", "issued", "issuer"):
        want = getattr(variant, key)
        if want is not None and document[key] != want:
            found.append(f"document.{key}: {document[key]!r} ≠ {want!r}")
    if variant.title and not _fold(document["title"]).startswith(_fold(variant.title)):
        found.append(f"document.title: {document['title']!r} ≠ {variant.title!r}…")
    for expected in variant.tasks:
        task = match(result, expected)
        if task is None:
            found.append(f"missing task {expected.title!r}")
            continue
        if task["lead_unit"] != expected.lead:
            found.append(f"{expected.title!r}: lead {task['lead_unit']!r} ≠ {expected.lead!r}")
        if [_fold(u) for u in task["support_units"]] != [_fold(u) for u in expected.support]:
            found.append(
                f"{expected.title!r}: support {task['support_units']} ≠ {list(expected.support)}"
            )
        if expected.deadline is None:
            if task["deadline_text"] is not None:
                found.append(f"{expected.title!r}: deadline {task['deadline_text']!r} ≠ None")
        elif _fold(expected.deadline) not in _fold(task["deadline_text"]):
            found.append(
                f"{expected.title!r}: deadline {task['deadline_text']!r} ∌ {expected.deadline!r}"
            )
        if task["due"] != expected.due:
            found.append(f"{expected.title!r}: due {task['due']!r} ≠ {expected.due!r}")
        if "*" in task["title"]:
            found.append(f"{expected.title!r}: markup left in the title")
    for start in variant.absent:
        for task in result["tasks"]:
            if _fold(task["title"]).startswith(_fold(start)):
                found.append(f"unexpected task {task['title'][:60]!r}")
    extra = len(result["tasks"]) - len(variant.tasks)
    if extra > 0:
        titles = [t["title"][:50] for t in result["tasks"] if not _expected_by(variant, t)]
        found.append(f"{extra} task(s) more than expected: {titles}")
    return found


def _expected_by(variant: Variant, task: dict[str, Any]) -> bool:
    return any(_fold(task["title"]).startswith(_fold(e.title)) for e in variant.tasks)


def score(folder: Path) -> str:
    """A one-screen report: per variant tasks expected / found / extra, lead and due right."""
    lines = []
    totals = [0, 0, 0, 0, 0, 0]
    for variant in VARIANT_FORMS:
        result = extract_variant(variant, folder)
        matched = [(e, match(result, e)) for e in variant.tasks]
        hit = [(e, t) for e, t in matched if t is not None]
        leads = sum(t["lead_unit"] == e.lead for e, t in hit)
        dues = sum(t["due"] == e.due for e, t in hit)
        supports = sum(
            [_fold(u) for u in t["support_units"]] == [_fold(u) for u in e.support] for e, t in hit
        )
        extra = len(result["tasks"]) - len(hit)
        row = [len(variant.tasks), len(hit), extra, leads, supports, dues]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        issues = len(problems(variant, result))
        lines.append(
            f"{variant.name:38} expected {row[0]:2} found {row[1]:2} extra {row[2]:2} "
            f"lead {row[3]:2} support {row[4]:2} due {row[5]:2}  problems {issues}"
        )
    lines.append(
        f"{'TOTAL':38} expected {totals[0]:2} found {totals[1]:2} extra {totals[2]:2} "
        f"lead {totals[3]:2} support {totals[4]:2} due {totals[5]:2}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(score(Path(tmp)))
        for variant in VARIANT_FORMS:
            for problem in problems(variant, extract_variant(variant, Path(tmp))):
                print(f"  {variant.name}: {problem}")
