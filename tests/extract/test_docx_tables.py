"""Word task tables are read through python-docx tables, by what their headers mean.

Each test writes a real .docx with python-docx (the form, not a corpus file): columns in an
unusual order, a column-number row, group rows spanning the table, numbering that restarts
in each group, vertically merged lead and deadline cells, and tables that are not task
lists (the signature block, a report form to be filled in).
"""

from __future__ import annotations

from pathlib import Path

import docx

from desktop.extract import extract_document


def _table(document, rows: list[list[str]]):  # type: ignore[no-untyped-def]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table


def _write(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH X")
    document.add_paragraph("Số: 12/KH-UBND")
    document.add_paragraph("X, ngày 10 tháng 01 năm 2026")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("I. NHIỆM VỤ")
    document.add_paragraph("Các sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo.")
    table = _table(
        document,
        [
            [
                "TT",
                "Thời hạn hoàn thành",
                "Nội dung công việc",
                "Đơn vị chủ trì thực hiện",
                "Cơ quan phối hợp",
                "Ghi chú",
            ],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            ["I", "", "Nhóm thể chế", "", "", ""],
            [
                "1",
                "Quý II/2026",
                "Rà soát quy định về chuyển đổi số",
                "Sở Tư pháp",
                "Sở Khoa học và Công nghệ; Sở Văn hóa, Thể thao và Du lịch",
                "",
            ],
            [
                "2",
                "",
                "Xây dựng quy chế chia sẻ dữ liệu",
                "Sở Khoa học và Công nghệ",
                "Các sở, ban, ngành",
                "",
            ],
            ["3", "", "Ban hành danh mục dữ liệu mở", "", "", ""],
            ["II", "", "Nhóm hạ tầng", "", "", ""],
            [
                "1",
                "Tháng 9/2026",
                "Nâng cấp trung tâm dữ liệu tỉnh",
                "Sở Khoa học và Công nghệ",
                "",
                "Ưu tiên",
            ],
        ],
    )
    # Group rows span the table; tasks 2 and 3 share one lead cell and one deadline cell.
    table.cell(2, 0).merge(table.cell(2, 5)).text = "I. Nhóm thể chế"
    table.cell(6, 0).merge(table.cell(6, 5)).text = "II. Nhóm hạ tầng"
    table.cell(4, 1).merge(table.cell(5, 1)).text = "Quý III/2026"
    table.cell(4, 3).merge(table.cell(5, 3)).text = "Sở Khoa học và Công nghệ"
    document.add_paragraph("II. BÁO CÁO")
    _table(
        document,
        [
            ["STT", "Nội dung", "Kết quả thực hiện", "Lũy kế", "Khó khăn, vướng mắc", "Đề xuất"],
            ["1", "", "", "", "", ""],
        ],
    )
    _table(document, [["Nơi nhận:\n- Như trên;\n- Lưu: VT.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"]])
    path = path / "ke-hoach.docx"
    document.save(str(path))
    return path


def test_a_word_task_table_is_read_by_header_meaning(tmp_path: Path) -> None:
    payload = extract_document(_write(tmp_path))
    rows = [t for t in payload["tasks"] if t["id"].startswith("PL")]
    assert [(t["title"], t["lead_unit"], t["deadline_text"]) for t in rows] == [
        ("Rà soát quy định về chuyển đổi số", "Sở Tư pháp", "Quý II/2026"),
        ("Xây dựng quy chế chia sẻ dữ liệu", "Sở Khoa học và Công nghệ", "Quý III/2026"),
        ("Ban hành danh mục dữ liệu mở", "Sở Khoa học và Công nghệ", "Quý III/2026"),
        ("Nâng cấp trung tâm dữ liệu tỉnh", "Sở Khoa học và Công nghệ", "Tháng 9/2026"),
    ]
    # Names with "và" and commas stay whole; numbering restarts per group, so ids carry it.
    assert rows[0]["support_units"] == [
        "Sở Khoa học và Công nghệ",
        "Sở Văn hóa, Thể thao và Du lịch",
    ]
    assert rows[1]["support_units"] == ["Các sở, ban, ngành"]
    assert [t["id"] for t in rows] == ["PL.I.1", "PL.I.2", "PL.I.3", "PL.II.1"]
    assert [t["section"] for t in rows] == ["Phụ lục / I"] * 3 + ["Phụ lục / II"]
    assert rows[3]["notes"] == "Ghi chú: Ưu tiên"
    assert rows[2]["due"] == "2026-09-30"


def test_tables_that_are_not_task_lists_give_no_tasks(tmp_path: Path) -> None:
    titles = [t["title"] for t in extract_document(_write(tmp_path))["tasks"]]
    assert not any(title.startswith(("Như trên", "Lưu", "KT.")) for title in titles)
    assert not any("Kết quả thực hiện" in title for title in titles)
    assert len([t for t in titles if t]) == 4 + 1  # the four rows and the prose duty
