"""Unit names: the spellings documents use for one unit share one key."""

from __future__ import annotations

import pytest

from desktop.domain.units import display_name, unit_key


@pytest.mark.parametrize(
    "spelling",
    [
        "Ban Tuyên giáo",
        "BAN TUYÊN GIÁO",
        "Ban Tuyên giáo Đảng ủy Khối",
        "Ban Tuyên giáo Đảng uỷ Khối",
        "ban  tuyên giáo,",
        "Ban Tuyên giáo (Đảng ủy Khối)",
    ],
)
def test_spellings_of_one_unit_share_a_key(spelling: str) -> None:
    assert unit_key(spelling) == "ban tuyen giao"


def test_plural_articles_are_ignored() -> None:
    assert unit_key("Các cấp ủy cơ sở") == unit_key("cấp ủy cơ sở") == "cap uy co so"
    assert unit_key("các chi bộ") == "chi bo"


def test_a_committee_alone_or_a_generic_word_keeps_its_suffix() -> None:
    assert unit_key("Đảng ủy Khối") == "dang uy khoi"
    assert unit_key("Văn phòng Đảng ủy Khối") != unit_key("Đảng ủy Khối")
    assert unit_key("Ủy ban kiểm tra Đảng ủy Khối") == "uy ban kiem tra"


def test_distinct_units_stay_distinct() -> None:
    assert unit_key("Ban Tổ chức") != unit_key("Ban Tuyên giáo")
    assert unit_key("Chi bộ Phòng Tài nguyên khoáng sản") != unit_key("Chi bộ Thanh tra Sở")


def test_display_name_is_cleaned_and_capitalised() -> None:
    assert display_name("  các chi bộ; ") == "Các chi bộ"
    assert display_name("Ban Tuyên giáo") == "Ban Tuyên giáo"
