"""Vietnamese text handling: NFC, folding for search, alphabetical order."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.domain.text import clean, fold, nfc, sort_key


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
