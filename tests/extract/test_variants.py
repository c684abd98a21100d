"""Forms the seeds use, written differently: other provinces' wording, Word tables, pipes.

These documents were written for the tests, not taken from the seeds, so the extractor is
checked on more than the five files it was built from.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop.extract import extract_document, extract_text

VARIANTS = Path(__file__).resolve().parents[1] / "data" / "extract_variants"


def _by_start(result: dict, start: str) -> dict:
    for task in result["tasks"]:
        if task["title"].startswith(start):
            return task
    raise AssertionError(
        f"no task starting {start!r} in {[t['title'][:40] for t in result['tasks']]}"
    )


def test_docx_assignment_table_with_merged_group_rows(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("ĐẢNG BỘ TỈNH QUẢNG TRỊ")
    document.add_paragraph("Số 25-KH/TU")
    document.add_paragraph("Quảng Trị, ngày 12 tháng 3 năm 2024")
    heading = document.add_paragraph()
    heading.add_run("KẾ HOẠCH").bold = True
    document.add_paragraph("thực hiện Kết luận số 70-KL/TW của Bộ Chính trị")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("1. Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận.")
    document.add_paragraph("II. PHÂN CÔNG NHIỆM VỤ")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
        strict=True,
    ):
        cell.text = text
    group = table.add_row().cells
    merged = group[0].merge(group[4])
    merged.text = "I"
    rows = [
        [
            "1",
            "Xây dựng đề án nâng cao chất lượng dân vận chính quyền",
            "Ban Dân vận Tỉnh ủy",
            "Sở Nội vụ, Văn phòng UBND tỉnh",
            "Quý 3/2024",
        ],
        [
            "2",
            "Sơ kết 5 năm thực hiện Quy chế dân chủ ở cơ sở",
            "Ban Tổ chức Tỉnh ủy",
            "Ủy ban MTTQ tỉnh",
            "Trước ngày 15/11/2024",
        ],
        ["3", "Báo cáo kết quả thực hiện", "Văn phòng Tỉnh ủy", "", "Tháng 12 hằng năm"],
    ]
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    path = tmp_path / "ke_hoach.docx"
    document.save(str(path))

    result = extract_document(path)
    assert result["document"]["number"] == "25-KH/TU"
    assert result["document"]["issued"] == "2024-03-12"
    assert result["document"]["source_file"] == "ke_hoach.docx"
    first = _by_start(result, "Xây dựng đề án")
    assert first["id"] == "PL.1"
    assert first["lead_unit"] == "Ban Dân vận Tỉnh ủy"
    assert first["support_units"] == ["Sở Nội vụ", "Văn phòng UBND tỉnh"]
    assert first["due"] == "2024-09-30"
    assert _by_start(result, "Sơ kết 5 năm")["due"] == "2024-11-14"
    assert _by_start(result, "Báo cáo kết quả")["due"] == "2024-12-31"
    assert not any(t["title"].startswith("Nâng cao nhận thức") for t in result["tasks"])


def test_docx_numbered_paragraphs_and_italic_deadlines(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Hà Nội, ngày 02 tháng 1 năm 2025")
    document.add_paragraph("III. NHIỆM VỤ CỤ THỂ")
    document.add_paragraph("1. Văn phòng Đảng ủy")
    paragraph = document.add_paragraph(
        "Theo dõi, đôn đốc việc thực hiện chương trình ", style="List Bullet"
    )
    paragraph.add_run("(hoàn thành trong quý II năm 2025)").italic = True
    document.add_paragraph(
        "Tổng hợp báo cáo sơ kết sáu tháng (6 tháng đầu năm 2025).", style="List Bullet"
    )
    path = tmp_path / "ctr.docx"
    document.save(str(path))
    result = extract_document(path)
    task = _by_start(result, "Theo dõi, đôn đốc")
    assert task["lead_unit"] == "Văn phòng Đảng ủy"
    assert task["deadline_text"] == "hoàn thành trong quý II năm 2025"
    assert task["due"] == "2025-06-30"
    assert "*" not in task["title"]
    assert _by_start(result, "Tổng hợp báo cáo")["due"] == "2025-06-30"


def test_pipe_table_with_roman_and_arabic_quarters() -> None:
    text = (VARIANTS / "pipe_table_quang_nam.md").read_text(encoding="utf-8")
    result = extract_text(text, "pipe.md")
    assert [t["id"] for t in result["tasks"]] == ["PL.1", "PL.2", "PL.3", "PL.4"]
    dues = [t["due"] for t in result["tasks"]]
    assert dues == ["2025-06-30", "2025-09-30", "2025-12-31", None]
    assert result["tasks"][0]["lead_unit"] == "Ban Tuyên giáo Huyện ủy"
    assert result["tasks"][3]["deadline_text"] == "Thường xuyên"


def test_labelled_prose_fields() -> None:
    text = (VARIANTS / "labelled_prose_nghe_an.txt").read_text(encoding="utf-8")
    result = extract_text(text)
    first = _by_start(result, "Tổ chức hội nghị quán triệt")
    assert first["lead_unit"] == "Ban Tuyên giáo Đảng ủy"
    assert first["support_units"] == ["Văn phòng Đảng ủy", "Đoàn Thanh niên"]
    assert first["due"] == "2025-04-30"
    second = _by_start(result, "Rà soát, bổ sung quy hoạch")
    assert second["lead_unit"] == "Ban Tổ chức Đảng ủy"
    assert second["due"] == "2025-10-14"
    assert len(result["tasks"]) == 2


def test_prose_assignments_and_unit_headings() -> None:
    text = (VARIANTS / "prose_assignments_binh_dinh.txt").read_text(encoding="utf-8")
    result = extract_text(text)
    giao = _by_start(result, "Giao Chi bộ Phòng Kế hoạch")
    assert giao["lead_unit"] == "Chi bộ Phòng Kế hoạch - Tài chính"
    assert giao["support_units"] == [
        "Chi bộ Văn phòng Sở",
        "Chi bộ Thanh tra Sở",
        "Chi bộ Phòng Nghiệp vụ",
    ]
    assert giao["due"] == "2024-08-31"
    numbered = _by_start(result, "Chi bộ Trung tâm Dữ liệu chủ trì")
    assert numbered["id"].endswith("b.(1)")
    assert numbered["due"] == "2025-03-31"
    inherited = _by_start(result, "Hướng dẫn các chi bộ đăng ký")
    assert inherited["lead_unit"] == "Ủy ban Kiểm tra Đảng ủy"
    assert inherited["due"] == "2024-12-31"  # "Quý IV hằng năm", issued in 2024
    listed = _by_start(result, "Xây dựng kế hoạch kiểm tra")
    assert listed["deadline_text"] == "hoàn thành trong Quý 1/2025"  # said once for the list
    assert listed["due"] == "2025-03-31"
    assert not any(t["title"].startswith("100%") for t in result["tasks"])
    assert not any("Mục tiêu" in t["title"] for t in result["tasks"])


def test_report_yields_only_assigned_tasks() -> None:
    text = (VARIANTS / "report_mid_term.md").read_text(encoding="utf-8")
    result = extract_text(text)
    titles = [t["title"] for t in result["tasks"]]
    assert len(titles) == 2, titles
    assert titles[0].startswith("Văn phòng Đảng ủy chủ trì")
    assert result["tasks"][1]["lead_unit"] == "Ban Tổ chức Đảng ủy"


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số 191 -BC/ĐUK", "191-BC/ĐUK"),
        ("Số: 05-CTr/HU", "05-CTr/HU"),
        ("Số 12- KH/ĐU", "12-KH/ĐU"),
    ],
)
def test_document_numbers(line: str, number: str) -> None:
    result = extract_text(f"{line}\n\nĐà Nẵng, ngày 9 tháng 10 năm 2023\n\nCHƯƠNG TRÌNH\n")
    assert result["document"]["number"] == number
    assert result["document"]["issued"] == "2023-10-09"
    assert result["document"]["title"] == "CHƯƠNG TRÌNH"


def test_headerless_document_keeps_facts_null() -> None:
    result = extract_text("I. NHIỆM VỤ\n\n- Văn phòng tổng hợp báo cáo trước ngày 15/4/2021.\n")
    assert result["document"]["number"] is None
    assert result["document"]["issued"] is None
    assert result["tasks"][0]["lead_unit"] == "Văn phòng"
    assert result["tasks"][0]["due"] == "2021-04-14"


@pytest.mark.parametrize(
    ("sentence", "lead", "support"),
    [
        # "giáo" of "Tuyên giáo" and "Giáo dục" folds to "giao" but is not the verb "giao".
        (
            "Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Trung tâm Chính trị huyện tổ chức "
            "hội nghị quán triệt, hoàn thành trong tháng 3/2024.",
            "Ban Tuyên giáo Huyện ủy",
            ["Trung tâm Chính trị huyện"],
        ),
        (
            "Ban Thường vụ giao cho Sở Giáo dục và Đào tạo chủ trì tổ chức hội nghị, "
            "hoàn thành trong quý 3/2024.",
            "Sở Giáo dục và Đào tạo",
            [],
        ),
        (
            "Sở Giáo dục và Đào tạo chủ trì, phối hợp Sở Y tế tổ chức tập huấn, "
            "hoàn thành trong Quý IV năm 2024.",
            "Sở Giáo dục và Đào tạo",
            ["Sở Y tế"],
        ),
    ],
)
def test_words_that_fold_to_giao_are_not_the_verb(
    sentence: str, lead: str, support: list[str]
) -> None:
    tasks = extract_text("II. NHIỆM VỤ VÀ PHÂN CÔNG\n1. " + sentence)["tasks"]
    assert [(t["lead_unit"], t["support_units"]) for t in tasks] == [(lead, support)]


def test_elided_lists_of_bodies_stay_one_collective_unit() -> None:
    text = (
        "II. NHIỆM VỤ\n1. Văn phòng chủ trì, phối hợp với các sở, ban, ngành, địa phương, "
        "Thành ủy Hà Tĩnh, ban thường vụ các huyện, thành, thị ủy tổ chức sơ kết, "
        "hoàn thành trong năm 2022."
    )
    [task] = extract_text(text)["tasks"]
    assert task["support_units"] == [
        "các sở, ban, ngành, địa phương",
        "Thành ủy Hà Tĩnh",
        "Ban thường vụ các huyện, thành, thị ủy",
    ]
