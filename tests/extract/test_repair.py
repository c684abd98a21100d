"""Repair of letters a PDF text layer dropped (issue 12, "Unusable text").

Each form comes from seed 000, whose PDF lost some glyphs: every lost letter became a space.
The repair must put back only what the syllable inventory makes unambiguous, flag the rest,
and never change undamaged text (every corpus document, every other seed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.extract.errors import ExtractError
from desktop.extract.pipeline import extract_document
from desktop.extract.readers import read_lines
from desktop.extract.repair import lost_letters, repair_line, repair_lines
from desktop.extract.syllables import inventory

DATA = Path(__file__).resolve().parents[1] / "data"
SEED_000 = next((DATA / "seeds").glob("000_*.txt"))


@pytest.mark.parametrize(
    ("damaged", "lost", "repaired"),
    [
        # a syllable that lost its first letter, after a double space
        ("- Các cấp ủy, chi bộ xây dựng  ế hoạch cụ thể", "kl", "xây dựng kế hoạch cụ thể"),
        ("Tập trung  ãnh đạo nâng cao chất lượng", "kl", "Tập trung lãnh đạo nâng cao"),
        # two damaged syllables in a row, one missing its first letter, one its vowel
        ("- Định  ỳ h ng năm tổ chức biểu dương", "kằ", "Định kỳ hằng năm tổ chức"),
        # a vowel lost at the end of a syllable, before a Roman numeral
        ("hoàn thành trong Qu  II năm 2021", "ýk", "trong Quý II năm 2021"),
        ("chỉ đạo t  chức thực hiện", "ổừ", "chỉ đạo tổ chức thực hiện"),
        # one fragment, two letters that fit: the neighbouring words decide
        ("trách nhiệm của t ng Chi bộ", "ổừ", "của từng Chi bộ"),
        ("t ng hợp báo cáo kết quả", "ổừ", "tổng hợp báo cáo"),
    ],
)
def test_dropped_letters_are_put_back(damaged: str, lost: str, repaired: str) -> None:
    text, done, flagged = repair_line(damaged, lost)
    assert repaired in text
    assert done and not flagged


def test_a_line_may_open_with_the_lost_letter_of_its_first_word() -> None:
    text, done, _ = repair_line(" ao động trong tỉnh", "l", before="người")
    assert text.startswith("lao động")
    assert done


def test_two_readings_both_seen_are_flagged_not_guessed() -> None:
    # "hằng năm" and "hàng năm" are both common: with both "ằ" and "à" lost, no choice.
    text, done, flagged = repair_line("Định  ỳ h ng năm tổ chức", "kằà")
    assert "h ng năm" in text
    assert not done
    assert flagged == ["Định ỳ h ng năm"]


def test_a_fragment_no_lost_letter_makes_whole_is_flagged() -> None:
    # "Thọ Xuân" is a place name the inventory does not hold.
    text, done, flagged = repair_line("hàng không Th  Xuân làm điểm", "ọ")
    assert text == "hàng không Th  Xuân làm điểm"
    assert not done and flagged == ["không Th Xuân"]


def test_the_lost_letters_of_seed_000_are_found_from_its_text_alone() -> None:
    lost = lost_letters(SEED_000.read_text(encoding="utf-8"), inventory())
    assert {"k", "l", "ổ", "ằ", "ừ", "ĩ", "ọ", "ắ"} <= set(lost)
    assert not {"a", "n", "h", "t", "à", "ư"} & set(lost)


def _real_documents() -> list[Path]:
    corpus = DATA / "corpus"
    files = sorted((corpus / "docs").glob("*.txt"))
    files += sorted(p for p in (corpus / "files").iterdir() if p.suffix in {".docx", ".pdf"})
    seeds = sorted(p for p in (DATA / "seeds").glob("*.txt") if p != SEED_000)
    return seeds + files


@pytest.mark.parametrize("path", _real_documents(), ids=lambda p: p.name)
def test_undamaged_documents_are_not_touched(path: Path) -> None:
    try:
        lines = read_lines(path)
    except ExtractError:
        return  # the mojibake PDF is refused before any repair (test_pdf_text_layer)
    result = repair_lines(lines)
    assert [(line.text, line.cells) for line in result.lines] == [
        (line.text, line.cells) for line in lines
    ]
    assert result.repaired == [] and result.damaged == []


def test_seed_000_reads_its_repaired_deadlines_and_marks_the_tasks() -> None:
    tasks = extract_document(SEED_000)["tasks"]
    yearly = next(t for t in tasks if t["title"].startswith("Định kỳ hằng năm, Đảng ủy Sở tổ"))
    assert yearly["deadline_text"] == "Định kỳ hằng năm"
    assert yearly["repaired"] is True
    assert "kế hoạch" in next(t for t in tasks if t["title"].startswith("Các cấp ủy"))["title"]
    # A task whose text needed no repair is not marked.
    assert not all(task["repaired"] for task in tasks)
    # What could not be repaired stays flagged for the preview.
    assert any("title" in task["guessed"] for task in tasks)
