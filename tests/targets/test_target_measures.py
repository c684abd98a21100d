"""The measurement reader and the one result rule (desktop/domain/targets.py)."""

from __future__ import annotations

import pytest

from desktop.domain.targets import (
    Comparison,
    TargetResult,
    applies_in_year,
    combine,
    evaluate,
    format_number,
    parse_measures,
    parse_number,
    period_key,
    planned_text,
    read_period,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trên 600 đảng viên", [("gt", 600, None, "đảng viên")]),
        ("100% chi bộ sinh hoạt đúng quy định", [("eq", 100, None, "%")]),
        ("có từ 80% trở lên số doanh nghiệp", [("ge", 80, None, "%")]),
        ("90% đảng viên trở lên hoàn thành tốt nhiệm vụ", [("ge", 90, None, "%")]),
        ("đạt từ 3-4% tổng số đảng viên", [("range", 3, 4, "%")]),
        ("không quá 5% đảng viên bị kỷ luật", [("le", 5, None, "%")]),
        ("dưới 2% hộ nghèo", [("lt", 2, None, "%")]),
        ("mở 1.063 lớp bồi dưỡng", [("eq", 1063, None, "lớp")]),
        ("tăng trưởng bình quân 10,49%", [("eq", 10.49, None, "%")]),
        (
            "Có trên 90% cơ quan hoàn thành nhiệm vụ, trong đó ít nhất 75% hoàn thành tốt nhiệm"
            " vụ, 20% hoàn thành xuất sắc nhiệm vụ.",
            [("gt", 90, None, "%"), ("ge", 75, None, "%"), ("ge", 20, None, "%")],
        ),
        (
            "Bồi dưỡng trên 800 đối tượng kết nạp Đảng; kết nạp trên 600 đảng viên",
            [("gt", 800, None, "đối tượng"), ("gt", 600, None, "đảng viên")],
        ),
    ],
)
def test_figures_comparisons_and_units(text: str, expected: list[tuple[object, ...]]) -> None:
    got = [(m.comparison.value, m.value, m.value_max, m.unit) for m in parse_measures(text)]
    assert got == expected


def test_numbers_that_name_things_are_not_targets() -> None:
    text = (
        "100% cán bộ thực hiện Nghị quyết Trung ương 4 (khóa XII), Nghị quyết 58-NQ/TW, "
        "nhiệm kỳ 2020 - 2025"
    )
    assert [(m.comparison, m.value) for m in parse_measures(text)] == [(Comparison.EQ, 100)]
    # A parenthesised explanation is not a target of its own.
    measures = parse_measures("kết nạp trên 600 đảng viên (*tăng thêm 300 đảng viên*)")
    assert [m.value for m in measures] == [600]


def test_a_sentence_without_a_figure_is_qualitative() -> None:
    (measure,) = parse_measures("Đoàn Thanh niên Khối hằng năm xếp loại vững mạnh, xuất sắc.")
    assert measure.comparison is Comparison.QUALITATIVE and measure.value is None
    assert not measure.measurable


def test_sub_targets_keep_their_own_clause() -> None:
    measures = parse_measures(
        "Có trên 90% TCCSĐ hoàn thành tốt nhiệm vụ, trong đó 20% hoàn thành xuất sắc. Đảng bộ "
        "được đánh giá hoàn thành tốt nhiệm vụ."
    )
    assert [m.text for m in measures][1] == "20% hoàn thành xuất sắc"
    assert measures[1].comparison is Comparison.EQ  # "trong đó" opens a new figure


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Hằng năm, có trên 90% …", "hằng năm"),
        ("hàng năm xếp loại vững mạnh", "hằng năm"),
        ("Đến năm 2025, có 70% cơ quan", "đến năm 2025"),
        ("Đến năm 2025 – 2030: Hằng năm có trên 90%", "hằng năm"),
        ("trong nhiệm kỳ ban hành ít nhất 02 nghị quyết", "nhiệm kỳ"),
        ("100% chi bộ sinh hoạt đúng quy định", None),
    ],
)
def test_periods(text: str, period: str | None) -> None:
    assert read_period(text) == period


def test_which_years_a_period_is_judged_in() -> None:
    assert applies_in_year("hằng năm", 2021) and applies_in_year("hằng năm", 2024)
    assert applies_in_year("đến năm 2025", 2025) and not applies_in_year("đến năm 2025", 2021)
    assert not applies_in_year(None, 2021) and not applies_in_year("nhiệm kỳ", 2021)


@pytest.mark.parametrize(
    ("comparison", "value", "value_max", "achieved", "result"),
    [
        ("gt", 90, None, 92, TargetResult.MET),
        ("gt", 90, None, 90, TargetResult.MISSED),
        ("ge", 90, None, 90, TargetResult.MET),
        ("eq", 100, None, 80, TargetResult.MISSED),
        ("eq", 100, None, 100, TargetResult.MET),
        ("eq", 20, None, 25, TargetResult.MET),  # a bare figure is a floor
        ("range", 15, 20, 14, TargetResult.MISSED),
        ("range", 15, 20, 17, TargetResult.MET),
        ("le", 5, None, 5, TargetResult.MET),
        ("lt", 5, None, 5, TargetResult.MISSED),
        ("gt", 600, None, None, TargetResult.NOT_ASSESSED),
    ],
)
def test_the_result_rule(
    comparison: str,
    value: float,
    value_max: float | None,
    achieved: float | None,
    result: TargetResult,
) -> None:
    assert evaluate(comparison, value, value_max, achieved) is result


def test_qualitative_results_are_the_users_judgement() -> None:
    assert evaluate("qualitative", None, None, None) is TargetResult.NOT_ASSESSED
    assert evaluate("qualitative", None, None, None, met=True) is TargetResult.MET
    assert evaluate("qualitative", None, None, None, met=False) is TargetResult.MISSED


def test_sub_targets_combine() -> None:
    met, missed, unknown = TargetResult.MET, TargetResult.MISSED, TargetResult.NOT_ASSESSED
    assert combine(met, [unknown, met]) is met
    assert combine(met, [missed]) is missed
    assert combine(unknown, [met]) is unknown


def test_texts_and_numbers_for_the_user() -> None:
    assert planned_text("gt", 90, None, "%") == "trên 90%"
    assert planned_text("gt", 600, None, "đảng viên") == "trên 600 đảng viên"
    assert planned_text("range", 15, 20, "%") == "từ 15 - 20%"
    assert planned_text("qualitative", None, None, None) == "định tính"
    assert format_number(1063) == "1.063" and format_number(10.5) == "10,5"
    assert parse_number("80%") == 80 and parse_number("1.063") == 1063
    assert parse_number("10,5") == 10.5 and parse_number("mười") is None
    assert period_key("2021") == "2021" and period_key("giữa kỳ") == "giua-ky"
    assert period_key("abc") is None
