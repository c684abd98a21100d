"""The forms real documents use, each written here in a few lines (not copied from a file).

Flattened web tables (a lone "|" between cells), markdown pipe tables broken over lines,
labelled prose, running prose that assigns, numbered duties run together in a paragraph,
unit names with "và" and commas, and the task JSON version 2 fields.
"""

from __future__ import annotations

from desktop.extract import extract_text
from desktop.extract.units import heading_unit, lead_before_verb, split_units

HEADER = "ỦY BAN NHÂN DÂN TỈNH X\nSố: 5/KH-UBND\nX, ngày 02 tháng 3 năm 2025\nKẾ HOẠCH\n\n"


def _cells(*rows: list[str]) -> str:
    """A table as web copies flatten it: each cell on its own line, "|" lines between."""
    out: list[str] = []
    for row in rows:
        out.append("|")
        for index, cell in enumerate(row):
            if index:
                out.append("|")
            out.append(cell)
        out.append("|")
        out.append("")
    return "\n".join(out)


def test_a_flattened_web_table_keeps_its_columns() -> None:
    text = (
        HEADER
        + "PHỤ LỤC\n\n"
        + _cells(
            ["STT", "Nhiệm vụ", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian"],
            ["I", "Thể chế"],
            [
                "1.1",
                "Rà soát quy định",
                "Sở Tư pháp",
                "Các sở, ban, ngành; UBND các xã",
                "2026 - 2030",
            ],
            ["1.2", "Xây dựng cơ sở dữ liệu", "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế", "2026"],
            ["II", "Hạ tầng"],
            ["2.1", "Nâng cấp mạng", "Sở Khoa học và Công nghệ", "Doanh nghiệp", "Thường xuyên"],
            ["- Lắp đặt trạm mới", "Tháng 6/2026"],
        )
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["title"], t["lead_unit"], t["deadline_text"]) for t in tasks] == [
        ("Rà soát quy định", "Sở Tư pháp", "2026 - 2030"),
        ("Xây dựng cơ sở dữ liệu", "Sở Văn hóa, Thể thao và Du lịch", "2026"),
        ("Nâng cấp mạng", "Sở Khoa học và Công nghệ", "Thường xuyên"),
        # A sub-row that lost its merged cells keeps the lead of the row above.
        ("Lắp đặt trạm mới", "Sở Khoa học và Công nghệ", "Tháng 6/2026"),
    ]
    assert tasks[0]["support_units"] == ["Các sở, ban, ngành", "UBND các xã"]
    assert tasks[0]["section"] == "Phụ lục / I"
    assert "lead_unit" in tasks[3]["guessed"] and tasks[0]["guessed"] == []


def test_a_markdown_table_broken_over_lines() -> None:
    text = HEADER + "\n".join(
        [
            "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Tiến độ | |",
            "| I. Văn bản của Quốc hội |",
            "| | Luật sửa đổi Luật Tổ chức | Ban soạn thảo do",
            "UBTVQH thành lập | Tháng 5/2025 | |",
            "| Nghị quyết về phí | Văn phòng Quốc hội",
            "| Tháng 02/2025 | |",
            "| |||",
            "",
            "Điều 2. Tổ chức thực hiện",
        ]
    )
    tasks = extract_text(text)["tasks"]
    rows = [(t["title"], t["lead_unit"], t["due"]) for t in tasks if t["id"].startswith("PL")]
    assert rows == [
        ("Luật sửa đổi Luật Tổ chức", "Ban soạn thảo do UBTVQH thành lập", "2025-05-31"),
        ("Nghị quyết về phí", "Văn phòng Quốc hội", "2025-02-28"),
    ]


def test_labelled_prose_gives_each_bullet_the_shared_fields() -> None:
    text = HEADER + "\n".join(
        [
            "II. NHIỆM VỤ",
            "1. Về dữ liệu",
            "a) Nhiệm vụ:",
            "- Rà soát, chuẩn hóa cơ sở dữ liệu của đơn vị.",
            "- Kết nối dữ liệu với hệ thống của Trung ương.",
            "b) Cơ quan thực hiện:",
            "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.",
            "- Đơn vị phối hợp: Các sở, ban, ngành, UBND xã, phường.",
            "c) Thời gian thực hiện: Hoàn thành trong năm 2025.",
        ]
    )
    tasks = extract_text(text)["tasks"]
    assert [t["title"] for t in tasks] == [
        "Rà soát, chuẩn hóa cơ sở dữ liệu của đơn vị",
        "Kết nối dữ liệu với hệ thống của Trung ương",
    ]
    for task in tasks:
        assert task["lead_unit"] == "Sở Khoa học và Công nghệ"
        assert task["support_units"] == ["Các sở, ban, ngành", "UBND xã, phường"]
        assert task["due"] == "2025-12-31"
        assert {"lead_unit", "deadline_text"} <= set(task["guessed"])


def test_running_prose_that_assigns() -> None:
    text = HEADER + "\n".join(
        [
            "Theo đó, Ban Thường vụ Huyện ủy đề nghị cấp ủy các chi bộ, Mặt trận và các đoàn "
            "thể huyện tổ chức quán triệt Kết luận, hoàn thành trước ngày 15/5/2025.",
            "Về các nhiệm vụ trong Quý II năm 2025, Thủ tướng Chính phủ chỉ đạo xây dựng đề án "
            "phát triển nguồn nhân lực; nghiên cứu, đề xuất cơ chế tài chính mới; Bộ Tài chính "
            "bố trí đủ kinh phí thực hiện.",
            "Ban Chỉ đạo không chỉ đóng vai trò định hướng mà phải hành động quyết liệt.",
        ]
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["title"][:30], t["lead_unit"], t["deadline_text"]) for t in tasks] == [
        (
            "đề nghị cấp ủy các chi bộ, Mặt",
            "cấp ủy các chi bộ, Mặt trận và các đoàn thể huyện",
            "hoàn thành trước ngày 15/5/2025",
        ),
        ("Thủ tướng Chính phủ chỉ đạo xâ", "Thủ tướng Chính phủ", "trong Quý II năm 2025"),
        ("nghiên cứu, đề xuất cơ chế tài", "Thủ tướng Chính phủ", "trong Quý II năm 2025"),
        ("Bộ Tài chính bố trí đủ kinh ph", "Bộ Tài chính", "trong Quý II năm 2025"),
    ]
    assert tasks[2]["guessed"] == ["lead_unit"]


def test_numbered_duties_run_together_in_one_paragraph() -> None:
    text = HEADER + "\n".join(
        [
            "III. NHIỆM VỤ",
            "3. Xây dựng chiến lược dữ liệu: (1) Thanh tra tỉnh ban hành kế hoạch trước ngày "
            "25/11/2025; (2) Sở Nội vụ chủ trì, phối hợp các sở ban hành hướng dẫn rà soát "
            "dữ liệu; Các sở, ngành căn cứ hướng dẫn tổ chức rà soát dữ liệu thuộc phạm vi "
            "quản lý, gửi kết quả trước ngày 10/12/2025.",
        ]
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["lead_unit"], t["due"]) for t in tasks] == [
        ("Thanh tra tỉnh", "2025-11-24"),
        ("Sở Nội vụ", None),
        ("Các sở, ngành", "2025-12-09"),
    ]


def test_unit_names_are_never_split_and_fragments_are_no_units() -> None:
    assert split_units("Bộ Văn hóa, Thể thao và Du lịch; Bộ Lao động - Thương binh và Xã hội") == [
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ Lao động - Thương binh và Xã hội",
    ]
    assert split_units("Các bộ, ngành liên quan và UBND các tỉnh, thành phố") == [
        "Các bộ, ngành liên quan",
        "UBND các tỉnh, thành phố",
    ]
    assert split_units("Ban Tuyên giáo và Dân vận Tỉnh ủy, Ủy ban Kiểm tra Huyện ủy") == [
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ủy ban Kiểm tra Huyện ủy",
    ]
    assert heading_unit("d) Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh"[3:]) == (
        "Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh"
    )
    for fragment in ("Hoạt động", "Giai đoạn 2021 - 2025", "Các nhiệm vụ sau hoàn thành"):
        assert heading_unit(fragment) is None
    assert lead_before_verb("Số 12-KH/ĐU ngày 5/1/2025 ban hành") is None
    assert lead_before_verb("Sở Xây dựng chủ trì hướng dẫn") == "Sở Xây dựng"


def test_task_json_version_2_carries_horizon_and_issue_date() -> None:
    text = (
        "ĐẢNG BỘ KHỐI\nSố 10-CTr/ĐUK\nThanh Hóa, ngày 07 tháng 4 năm 2021\n"
        "CHƯƠNG TRÌNH\nthực hiện Nghị quyết giai đoạn 2021 - 2025\n\n"
        "II. NHIỆM VỤ\n1. Ban Tuyên giáo tổ chức sơ kết việc thực hiện Nghị quyết (hằng năm).\n"
    )
    payload = extract_text(text)
    assert payload["version"] == 2
    assert payload["document"]["issued"] == "2021-04-07"
    assert payload["document"]["horizon"] == {"start": 2021, "end": 2025}
    task = payload["tasks"][0]
    assert task["deadline_text"] == "hằng năm" and task["repaired"] is False


def test_lettered_items_run_past_h_as_vietnamese_lists_do() -> None:
    # a b c d đ e g h i k l: "i)" after "h)" is the ninth item, not a Roman one.
    items = "abcdđeghikl"
    body = "\n".join(
        f"{letter}) Sở Ngành {n} chủ trì rà soát quy định về việc số {n}, "
        f"hoàn thành trong tháng {n % 12 + 1} năm 2025."
        for n, letter in enumerate(items, start=1)
    )
    text = HEADER + "II. NHIỆM VỤ\n1. Các nhiệm vụ cụ thể\n" + body + "\n"
    tasks = extract_text(text)["tasks"]
    assert [t["title"].split(" chủ trì")[0] for t in tasks] == [
        f"Sở Ngành {n}" for n in range(1, len(items) + 1)
    ]
    assert tasks[8]["id"].endswith(".i") and tasks[8]["lead_unit"] == "Sở Ngành 9"
    assert tasks[10]["deadline_text"] == "hoàn thành trong tháng 12 năm 2025"


def test_a_second_milestone_of_one_sentence_is_a_task_of_its_own() -> None:
    text = (
        HEADER
        + "II. NHIỆM VỤ\n"
        + "a) Sở Xây dựng chủ trì xây dựng Đề án đô thị thông minh, hoàn thành trong tháng 12"
        + " năm 2025, triển khai thực hiện trong năm 2026.\n"
        + "b) Sở Nội vụ chủ trì soạn dự thảo trước ngày 01/6/2025 và ban hành trước ngày"
        + " 25/6/2025.\n"
        + "c) Sở Tài chính rà soát các quỹ, hoàn thành trong tháng 11 năm 2025, trong đó"
        + " báo cáo trong năm 2026.\n"
    )
    tasks = extract_text(text)["tasks"]
    shown = [(t["title"], t["lead_unit"], t["deadline_text"]) for t in tasks]
    assert shown == [
        (
            "Sở Xây dựng chủ trì xây dựng Đề án đô thị thông minh, hoàn thành trong tháng 12"
            " năm 2025",
            "Sở Xây dựng",
            "hoàn thành trong tháng 12 năm 2025",
        ),
        ("triển khai thực hiện trong năm 2026", "Sở Xây dựng", "trong năm 2026"),
        (
            "Sở Nội vụ chủ trì soạn dự thảo trước ngày 01/6/2025",
            "Sở Nội vụ",
            "trước ngày 01/6/2025",
        ),
        ("ban hành trước ngày 25/6/2025", "Sở Nội vụ", "trước ngày 25/6/2025"),
        # "trong đó …" explains the duty: one task
        (
            "Sở Tài chính rà soát các quỹ, hoàn thành trong tháng 11 năm 2025, trong đó báo cáo"
            " trong năm 2026",
            "Sở Tài chính",
            "hoàn thành trong tháng 11 năm 2025",
        ),
    ]
    assert tasks[1]["guessed"] == ["lead_unit"] and tasks[1]["due"] == "2026-12-31"


def test_a_unit_named_before_a_colon_leads_the_sentence_after_it() -> None:
    text = (
        HEADER
        + "II. NHIỆM VỤ\n"
        + "a) Bộ Xây dựng: Khẩn trương thành lập đoàn công tác hỗ trợ các thành phố.\n"
        + "b) Các bộ, ngành, địa phương: rà soát, có cam kết lộ trình thực hiện.\n"
        + "c) Ủy ban nhân dân các thành phố: Hà Nội, Cần Thơ thực hiện nghiêm chỉ đạo.\n"
    )
    tasks = extract_text(text)["tasks"]
    assert tasks[0]["title"].startswith("Khẩn trương thành lập đoàn công tác")
    assert tasks[0]["lead_unit"] == "Bộ Xây dựng"
    assert tasks[1]["title"].startswith("Các bộ, ngành, địa phương: rà soát")
    assert tasks[2]["title"].startswith("Ủy ban nhân dân các thành phố: Hà Nội, Cần Thơ")


def test_a_bullet_set_in_bold_is_still_a_duty_a_bold_title_is_not() -> None:
    text = (
        HEADER
        + "III. NHIỆM VỤ, GIẢI PHÁP\n"
        + "1. Đấu tranh phòng, chống tội phạm\n"
        + "a) Công an tỉnh\n"
        + "- Chủ động nắm tình hình, kịp thời phát hiện các địa bàn có nguy cơ cao.\n"
        + "**- Tổ chức rà soát, phân loại địa bàn trọng điểm để làm cơ sở thực hiện.**\n"
        + "**2. Tăng cường nguồn lực**\n"
        + "a) Sở Tài chính\n"
        + "- Tham mưu bố trí kinh phí thực hiện Chương trình hằng năm.\n"
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["title"][:22], t["lead_unit"]) for t in tasks] == [
        ("Chủ động nắm tình hình", "Công an tỉnh"),
        ("Tổ chức rà soát, phân ", "Công an tỉnh"),
        ("Tham mưu bố trí kinh p", "Sở Tài chính"),
    ]


def test_a_heading_naming_who_leads_and_who_helps_gives_its_bullets_their_units() -> None:
    text = (
        HEADER
        + "III. NHIỆM VỤ\n"
        + "1. Bảo đảm nguồn lực\n"
        + "a) Sở Tài chính chủ trì, phối hợp các sở, ban, ngành\n"
        + "- Tham mưu bố trí kinh phí thực hiện Chương trình hằng năm.\n"
        + "- Hướng dẫn quản lý, sử dụng kinh phí đúng quy định.\n"
        + "b) Sở Nội vụ\n"
        + "- Hướng dẫn thi đua, khen thưởng.\n"
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["lead_unit"], t["support_units"]) for t in tasks] == [
        ("Sở Tài chính", ["các sở, ban, ngành"]),
        ("Sở Tài chính", ["các sở, ban, ngành"]),
        ("Sở Nội vụ", []),
    ]


def test_a_unit_name_broken_after_its_number_is_joined_a_bare_unit_heading_is_not() -> None:
    # Text hard-wrapped at about 80 characters, as web copies of PDFs are.
    text = (
        HEADER
        + "4. Về phân công nhiệm vụ của các cơ quan liên quan trong thời gian tới như sau:\n"
        + "4.5. Sở Nội vụ\n"
        + "Hướng dẫn, đôn đốc các đơn vị thực hiện việc đánh giá cán bộ theo đúng quy định\n"
        + "của Đảng và pháp luật của Nhà nước, bảo đảm khách quan, công tâm, đúng thời hạn.\n"
        + "4.6. Văn phòng\n"
        + "Trung ương Đảng phối hợp theo dõi, đôn đốc, báo cáo, kịp thời tham mưu giải\n"
        + "pháp tháo gỡ những khó khăn phát sinh trong quá trình triển khai thực hiện.\n"
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["title"][:30], t["lead_unit"]) for t in tasks[-2:]] == [
        ("Hướng dẫn, đôn đốc các đơn vị ", "Sở Nội vụ"),
        ("Văn phòng Trung ương Đảng phối", "Văn phòng Trung ương Đảng"),
    ]


def test_sub_items_that_are_whole_sentences_are_duties_of_their_own() -> None:
    text = (
        HEADER
        + "II. NHIỆM VỤ\n"
        + "1. Giao Đảng uỷ Chính phủ: (i) Chỉ đạo Đảng uỷ Bộ Y tế chủ trì xây dựng quy trình"
        + " tiếp nhận trẻ em. (ii) Chỉ đạo Đảng uỷ Bộ Giáo dục và Đào tạo chủ trì xây dựng"
        + " chương trình hỗ trợ hoà nhập.\n"
        + "2. Các bộ, ngành tập trung: (i) sửa đổi các văn bản; (ii) rà soát các quy định.\n"
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["title"][:40], t["lead_unit"]) for t in tasks] == [
        ("Giao Đảng uỷ Chính phủ: (i) Chỉ đạo Đảng", "Đảng uỷ Bộ Y tế"),
        ("Chỉ đạo Đảng uỷ Bộ Giáo dục và Đào tạo c", "Đảng uỷ Bộ Giáo dục và Đào tạo"),
        ("Các bộ, ngành tập trung: (i) sửa đổi các", "Các bộ, ngành"),
    ]


def test_news_of_a_meeting_gives_the_duty_from_after_who_said_it() -> None:
    text = (
        "BAN CHỈ ĐẠO TRUNG ƯƠNG\n\nPhiên họp thứ nhất của Ban Chỉ đạo\n\n"
        "Bộ trưởng Bộ Tài chính chỉ đạo bố trí ngân sách nhà nước chi cho khoa học."
        " Tổng Bí thư chỉ rõ, từng đồng chí thành viên Ban Chỉ đạo phải chủ động xây dựng"
        " chương trình hành động của cá nhân."
        " Tổng Bí thư yêu cầu: Thủ tướng Chính phủ và đồng chí Phó Chủ tịch Quốc hội theo chức"
        " năng nhiệm vụ, chỉ đạo các cơ quan chức năng nghiên cứu sửa đổi các luật.\n"
    )
    tasks = extract_text(text)["tasks"]
    shown = [(t["title"][:45], t["lead_unit"]) for t in tasks]
    assert (
        "từng đồng chí thành viên Ban Chỉ đạo phải chủ",
        "từng đồng chí thành viên Ban Chỉ đạo",
    ) in shown
    assert (
        "Thủ tướng Chính phủ và đồng chí Phó Chủ tịch ",
        "Thủ tướng Chính phủ và đồng chí Phó Chủ tịch Quốc hội",
    ) in shown
    assert not any(title.startswith("Tổng Bí thư") for title, _ in shown)


def test_the_time_of_an_event_dates_the_tasks_that_hold_it() -> None:
    text = (
        HEADER
        + "II. NỘI DUNG\n"
        + "1. Thời gian kiểm tra: 13h30’ ngày 29/4/2026 (Thứ Tư).\n"
        + "2. Địa điểm: Sở Công Thương.\n"
        + "III. TỔ CHỨC THỰC HIỆN\n"
        + "1. Phòng Quản lý Công nghiệp tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng.\n"
        + "2. Phòng Quản lý Công nghiệp chuẩn bị các điều kiện cần thiết khác để kiểm tra.\n"
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["deadline_text"], t["due"]) for t in tasks] == [
        ("ngày 29/4/2026", "2026-04-29"),
        (None, None),
    ]
    assert tasks[0]["guessed"] == ["deadline_text"]


def test_a_sentence_opening_at_the_same_time_with_a_role_verb_is_a_second_duty() -> None:
    text = (
        HEADER
        + "II. TỔ CHỨC THỰC HIỆN\n"
        + "2. Giao Sở Xây dựng\n"
        + "Chủ trì hướng dẫn triển khai thực hiện Quyết định, giải đáp các vướng mắc phát sinh."
        + " Đồng thời, chủ trì phối hợp với Công an tỉnh kiểm tra, đôn đốc việc thực hiện,"
        + " hoàn thành trước ngày 01 tháng 7 năm 2028.\n"
        + "3. Giao Sở Tài chính\n"
        + "Hướng dẫn thanh toán kinh phí theo quy định. Đồng thời, tập trung rà soát quyết toán.\n"
    )
    tasks = extract_text(text)["tasks"]
    assert [(t["title"][:28], t["lead_unit"], t["deadline_text"]) for t in tasks] == [
        ("Chủ trì hướng dẫn triển khai", "Sở Xây dựng", None),
        (
            "Đồng thời, chủ trì phối hợp ",
            "Sở Xây dựng",
            "hoàn thành trước ngày 01 tháng 7 năm 2028",
        ),
        ("Hướng dẫn thanh toán kinh ph", "Sở Tài chính", None),
    ]


def test_a_numbered_duty_in_full_with_details_under_it_is_a_task() -> None:
    text = (
        HEADER
        + "III. TỔ CHỨC THỰC HIỆN\n"
        + "1. Sở Khoa học và Công nghệ theo dõi, đôn đốc các sở, ban, ngành triển khai thực"
        + " hiện nhiệm vụ được nêu trong Kế hoạch theo đúng tiến độ\n"
        + "- Cơ quan thường trực cập nhật tiến độ lên phần mềm theo dõi trước ngày 20"
        + " hằng tháng.\n"
        + "2. Các sở, ban, ngành thực hiện các nhiệm vụ sau:\n"
        + "- Xây dựng kế hoạch triển khai tại cơ quan, đơn vị.\n"
    )
    titles = [t["title"][:40] for t in extract_text(text)["tasks"]]
    assert titles[0] == "Sở Khoa học và Công nghệ theo dõi, đôn đ"
    assert not any(title.startswith("Các sở, ban, ngành thực hiện") for title in titles)
    assert "Xây dựng kế hoạch triển khai tại cơ quan" in titles


def test_a_bullet_that_sets_a_duty_and_lists_its_parts_is_a_task() -> None:
    text = (
        HEADER
        + "III. NHIỆM VỤ\n"
        + "a) Sở Tài chính\n"
        + "- Tham mưu Ủy ban nhân dân tỉnh xây dựng, trình Hội đồng nhân dân tỉnh quyết định:\n"
        + "+ Phương án phân bổ vốn đầu tư công trung hạn.\n"
        + "+ Mức vốn đối ứng từ ngân sách địa phương.\n"
        + "b) Ban Tổ chức\n"
        + "- Ban Tổ chức Đảng ủy Khối chủ trì, tham mưu:\n"
        + "+ Hướng dẫn kiện toàn tổ chức bộ máy các chi bộ.\n"
    )
    titles = [t["title"][:40] for t in extract_text(text)["tasks"]]
    assert titles[0] == "Tham mưu Ủy ban nhân dân tỉnh xây dựng, "
    assert not any(title.startswith("Ban Tổ chức Đảng ủy Khối") for title in titles)
    assert "Hướng dẫn kiện toàn tổ chức bộ máy các c" in titles
