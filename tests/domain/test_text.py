"""Vietnamese text handling: NFC, folding for search, alphabetical order."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.text import clean, fold, nfc, sort_key, sortable


def test_nfc_composes_and_repairs_pdf_lookalikes() -> None:
    decomposed = unicodedata.normalize("NFD", "Đảng ủy Khối")
    assert decomposed != "Đảng ủy Khối"
    assert nfc(decomposed) == "Đảng ủy Khối"
    assert nfc("CHƢƠNG TRÌNH, ngƣời") == "CHƯƠNG TRÌNH, người"


def test_clean_folds_whitespace() -> None:
    assert clean("  Ban \t Tuyên\n\ngiáo  ") == "Ban Tuyên giáo"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quý II", "quy ii"),
        ("Đảng", "dang"),
        ("đ", "d"),
        ("BAN TUYÊN GIÁO", "ban tuyen giao"),
        ("hằng năm", "hang nam"),
        ("hàng năm", "hang nam"),
        ("trƣớc", "truoc"),
        ("  nhiều   khoảng  ", "nhieu khoang"),
        (unicodedata.normalize("NFD", "Thường xuyên"), "thuong xuyen"),
        ("ưu tú, ơn, ô, ă, â, ê", "uu tu, on, o, a, a, e"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def _sorted(words: list[str]) -> list[str]:
    return sorted(words, key=sort_key)


@pytest.mark.parametrize(
    "ordered",
    [
        ["a", "ă", "â", "b"],
        ["d", "đ", "e"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
        ["e", "ê", "g"],
        ["an", "ăn", "ân"],
        ["Ban Tổ chức", "Ban Tuyên giáo"],
        ["Đảng ủy", "Giao"],  # đ sorts after d, before e … z
        ["da", "dz", "đa"],
        ["Ủy ban", "Văn phòng"],
    ],
)
def test_vietnamese_letter_order(ordered: list[str]) -> None:
    assert _sorted(list(reversed(ordered))) == ordered


def test_tones_only_break_ties() -> None:
    # ngang, sắc, huyền, hỏi, ngã, nặng
    tones = ["ma", "má", "mà", "mả", "mã", "mạ"]
    assert _sorted(list(reversed(tones))) == tones
    # a letter difference beats any tone: "mạ" (a) before "mă" (ă)
    assert _sorted(["mă", "mạ"]) == ["mạ", "mă"]
    assert _sorted(["ơ", "ọ"]) == ["ọ", "ơ"]


def test_sort_key_ignores_composition_and_spacing() -> None:
    composed = "Ban Tuyên giáo"
    assert sort_key(unicodedata.normalize("NFD", composed)) == sort_key(composed)
    assert sort_key("  Ban   Tuyên giáo ") == sort_key(composed)


def test_case_after_letters() -> None:
    assert _sorted(["b", "A", "a"]) == ["a", "A", "b"]


# Letters no alphabet ranks are keyed by their own code point. Before the fix, those from
# U+D7C2 (Hangul Jamo Extended-B) on mapped into the surrogate block, which SQLite cannot
# store, and the last ones past U+10FFFF: one such letter in a title made the whole import
# fail with "Lỗi không mong đợi".
@pytest.mark.parametrize(
    "letter", ["\ud7c1", "\ud7c2", "\ud7fb", "\ue000", "\uffef", "\U0001f600", "\U0010ffff"]
)
def test_every_letter_has_a_storable_sort_key(letter: str) -> None:
    key = sortable(f"Nhiệm vụ {letter}")
    key.encode("utf-8")  # no lone surrogate
    assert sortable("Nhiệm vụ") < key


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12))
def test_sortable_never_fails_and_stores_as_utf8(text: str) -> None:
    sortable(text).encode("utf-8")


@given(
    st.lists(
        st.text(
            alphabet=st.characters(max_codepoint=0xD000, blacklist_categories=("Cs", "Cc")),
            max_size=8,
        ),
        min_size=2,
        max_size=2,
    )
)
def test_sortable_orders_as_sort_key(pair: list[str]) -> None:
    first, second = pair
    if sort_key(first) < sort_key(second):
        assert sortable(first) < sortable(second)
    elif sort_key(first) == sort_key(second):
        assert sortable(first) == sortable(second)
