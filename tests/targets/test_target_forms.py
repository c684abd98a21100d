"""The forms that introduce targets, each in a small document: found, and none a task."""

from __future__ import annotations

import pytest

from desktop.extract.pipeline import extract_text

PROGRAMME = """CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết, giai đoạn 2021 - 2025

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao nhận thức của cán bộ, đảng viên.

II. {heading}
{intro}
- Hằng năm, kết nạp trên 30 đảng viên mới.
- 100% chi bộ sinh hoạt định kỳ đúng quy định.
- Đến năm 2025, có 70% cơ quan đạt chuẩn văn hóa, trong đó ít nhất 20% đạt danh hiệu kiểu mẫu.

III. NHIỆM VỤ VÀ GIẢI PHÁP

1. Ban Tổ chức chủ trì tham mưu kế hoạch phát triển đảng viên, hoàn thành trong Quý II năm 2021.
"""


@pytest.mark.parametrize(
    ("heading", "intro"),
    [
        ("MỘT SỐ CHỈ TIÊU CHỦ YẾU", ""),
        ("Các chỉ tiêu", ""),
        ("MỤC TIÊU CỤ THỂ", ""),
        ("CHỈ TIÊU CHỦ YẾU THỰC HIỆN ĐẾN NĂM 2030", ""),
        ("MỤC TIÊU", "Phấn đấu đến năm 2025 đạt các chỉ tiêu sau:"),
    ],
)
def test_each_form_opens_a_targets_section(heading: str, intro: str) -> None:
    payload = extract_text(PROGRAMME.format(heading=heading, intro=intro))
    targets = payload["targets"]
    top = [t for t in targets if "parent" not in t]
    assert [t["text"][:20] for t in top] == [
        "Hằng năm, kết nạp tr",
        "100% chi bộ sinh hoạ",
        "Đến năm 2025, có 70%",
    ]
    assert [(t["comparison"], t["value"], t["unit"]) for t in targets] == [
        ("gt", 30, "đảng viên"),
        ("eq", 100, "%"),
        ("eq", 70, "%"),
        ("ge", 20, "%"),
    ]
    assert targets[0]["period"] == "hằng năm" and targets[2]["period"] == "đến năm 2025"
    titles = " ".join(task["title"] for task in payload["tasks"])
    assert "kết nạp trên 30" not in titles and "100% chi bộ" not in titles
    assert "Ban Tổ chức chủ trì" in titles or any(
        task["lead_unit"] == "Ban Tổ chức" for task in payload["tasks"]
    )


def test_a_section_period_is_inherited() -> None:
    text = PROGRAMME.format(heading="MỤC TIÊU", intro="Phấn đấu hằng năm đạt các chỉ tiêu sau:")
    targets = extract_text(text)["targets"]
    assert targets[1]["period"] == "hằng năm"  # "100% chi bộ …" names none itself


@pytest.mark.parametrize(
    "heading",
    ["Dự báo khả năng thực hiện các chỉ tiêu", "Một số chỉ tiêu của chương trình còn chưa đạt"],
)
def test_a_heading_that_only_mentions_targets_opens_none(heading: str) -> None:
    assert "targets" not in extract_text(PROGRAMME.format(heading=heading, intro=""))


def test_a_paragraph_of_sentences_gives_one_target_per_figured_sentence() -> None:
    text = PROGRAMME.format(heading="MỤC TIÊU", intro="").replace(
        "II. MỤC TIÊU\n",
        "II. MỤC TIÊU\n\n2. Mục tiêu cụ thể\n\nĐến năm 2025: Hằng năm có trên 90% tổ chức cơ sở "
        "đảng hoàn thành tốt nhiệm vụ. Tỷ lệ kết nạp đảng viên mới đạt từ 3-4%. Nâng cao chất "
        "lượng sinh hoạt chi bộ.\n",
    )
    targets = extract_text(text)["targets"]
    assert [(t["comparison"], t["value"], t["value_max"]) for t in targets][:2] == [
        ("gt", 90, None),
        ("range", 3, 4),
    ]
