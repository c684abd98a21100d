"""Pieces of a sentence cut at a comma after "phối hợp với" are never units (issue 12)."""

from __future__ import annotations

import pytest

from desktop.extract.units import names_a_body, support_units


@pytest.mark.parametrize(
    "fragment",
    ["Giữa Đảng ủy Khối", "Hoạt động", "Giai đoạn 2021 - 2025", "Các", "Của cấp ủy", "Thị xã"],
)
def test_a_fragment_names_no_body(fragment: str) -> None:
    assert not names_a_body(fragment)


@pytest.mark.parametrize(
    "unit",
    [
        "Ban Tuyên giáo Đảng ủy Khối",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "các sở, ban, ngành",
        "Các cơ quan liên quan",
        "UBND các huyện, thị xã, thành phố",
        "Đoàn Thanh niên",
        "Ủy ban Kiểm tra Huyện ủy",
    ],
)
def test_a_body_is_named(unit: str) -> None:
    assert names_a_body(unit)


def test_support_units_keep_the_bodies_and_drop_the_rest_of_the_sentence() -> None:
    text = (
        "Văn phòng chủ trì, phối hợp với Ban Tổ chức, Đoàn Thanh niên, hoạt động thường xuyên, "
        "giữa Đảng ủy Khối và cơ sở."
    )
    assert support_units(text) == ["Ban Tổ chức", "Đoàn Thanh niên"]
