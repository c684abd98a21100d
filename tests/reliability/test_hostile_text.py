"""Hostile text inside documents (issue 14, item 13): no output is driven by it.

Titles that drive a terminal (ESC sequences, BEL, BS), cells that Excel would run as
formulas, and a right-to-left override (U+202E) in a unit's name. Controls are stripped on
import; every output (the terminal list, ``list --format csv``, the quarterly CSV and the
PDF) strips them again — for databases written before — and isolates right-to-left text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest

from db import open_database
from desktop.cli import main
from desktop.domain.output_text import isolate_bidi, shown, spreadsheet_text, strip_controls
from tests.conftest import task_json
from tests.reliability.figures import measure, record_hostile

RLO = "\u202e"
ESCAPES = "\x1b]0;owned\x07\x1b[2J\x08\x08"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066\u2067]")


def hostile_tasks(path: Path) -> Path:
    """A task JSON whose text is built to attack the outputs."""
    tasks = [
        {
            "id": "1",
            "title": f"Quán triệt Nghị quyết{ESCAPES} xong",
            "lead_unit": f"Ban Tuyên giáo{RLO}cba",
            "deadline_text": "Quý II năm 2021",
        },
        {
            "id": "2",
            "title": '=HYPERLINK("http://x.invalid","Bấm")',
            "deadline_text": "Quý II năm 2021",
        },
        {"id": "3", "title": "+84 912 345", "lead_unit": "Văn phòng\x1b[31m"},
        {"id": "4", "title": "Báo cáo שלום עולם tiến độ", "deadline_text": "Quý II năm 2021"},
    ]
    path.write_text(json.dumps(task_json(tasks), ensure_ascii=False), encoding="utf-8")
    return path


def _legacy_controls(db: Path) -> None:
    """What a database written before this fix may hold: the controls, stored as they came."""
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE tasks SET title = title || ? WHERE ext_id = '3'", (ESCAPES,))
        connection.execute(
            "UPDATE units SET name = name || ? WHERE name LIKE 'Ban Tuy%'", (RLO + "cba",)
        )


@pytest.fixture
def hostile_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "sonhiemvu.sqlite3"
    assert main(["import", str(hostile_tasks(tmp_path / "t.json")), "--db", str(db)]) == 0
    capsys.readouterr()
    return db


def test_controls_are_stripped_on_import(hostile_db: Path) -> None:
    with sqlite3.connect(hostile_db) as connection:
        texts = [r[0] for r in connection.execute("SELECT title FROM tasks")]
        texts += [r[0] for r in connection.execute("SELECT name FROM units")]
    assert not [t for t in texts if CONTROL.search(t)]
    assert "Quán triệt Nghị quyết]0;owned[2J xong" in texts
    assert "Ban Tuyên giáocba" in texts


@pytest.mark.parametrize("legacy", [False, True], ids=["imported", "older-database"])
def test_the_terminal_list_and_its_csv_are_not_driven_by_the_text(
    legacy: bool, hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if legacy:
        _legacy_controls(hostile_db)
    base = ["list", "--db", str(hostile_db), "--today", "2021-07-01"]
    with measure() as took:
        assert main(base) == 0
        table = capsys.readouterr().out
        assert main([*base, "--format", "csv"]) == 0
        listed = capsys.readouterr().out
    assert not CONTROL.search(table) and not CONTROL.search(listed)
    assert "\u2068Báo cáo שלום עולם tiến độ\u2069" in table
    cells = [c for row in csv.reader(io.StringIO(listed)) for c in row]
    assert '\'=HYPERLINK("http://x.invalid","Bấm")' in cells
    assert any(c.startswith("'+84 912 345") for c in cells)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    record_hostile(
        f"text-list-{'legacy' if legacy else 'imported'}",
        case="titles with ESC/BEL/BS, `=HYPERLINK`, RTL text in `list` and `list --format csv`"
        + (" (controls already in an older database)" if legacy else ""),
        test="test_the_terminal_list_and_its_csv_are_not_driven_by_the_text",
        outcome="controls stripped, formulas neutralised, RTL isolated",
        measured=took,
    )


def test_the_quarterly_csv_and_the_pdf_isolate_a_right_to_left_override(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from desktop.domain.quarters import Quarter
    from desktop.services.quarter_report import quarter_report
    from desktop.services.settings import load_report_settings
    from desktop.ui.report_pdf import report_html

    _legacy_controls(hostile_db)
    out_csv = tmp_path / "q2.csv"
    out_pdf = tmp_path / "q2.pdf"
    common = ["--db", str(hostile_db), "--quarter", "2021-Q2", "--today", "2021-07-01"]
    with measure() as took:
        assert main(["export-csv", *common, "-o", str(out_csv)]) == 0
        assert main(["report", *common, "-o", str(out_pdf)]) == 0
    capsys.readouterr()
    text = out_csv.read_text(encoding="utf-8-sig")
    assert not CONTROL.search(text)
    database = open_database(hostile_db)
    try:
        report = quarter_report(database, Quarter.parse("2021-Q2"), date(2021, 7, 1))
        html = report_html(report, load_report_settings(database))
    finally:
        database.dispose()
    assert RLO not in html and not CONTROL.search(html)
    assert "Ban Tuyên giáocba" in html
    assert out_pdf.read_bytes().startswith(b"%PDF")
    record_hostile(
        "text-report-rlo",
        case="U+202E in a unit's name, ESC in a title: quarterly CSV and PDF",
        test="test_the_quarterly_csv_and_the_pdf_isolate_a_right_to_left_override",
        outcome="override dropped from both; RTL text isolated",
        measured=took,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ban Tuyên giáo", "Ban Tuyên giáo"),
        ("a\x1b[2Jb\x07", "a[2Jb"),
        (f"Văn phòng{RLO}abc", "Văn phòngabc"),
        ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),
        ("שלום", "\u2068שלום\u2069"),
        ("\x85\x9b31m", "31m"),
        ("a\x00b", "ab"),
    ],
)
def test_shown(text: str, expected: str) -> None:
    assert shown(text) == expected


def test_the_helpers_compose() -> None:
    assert strip_controls("\t\n") == "\t\n"
    assert strip_controls("a\x00b") == "a\x00b"  # refused on input, never silently dropped
    assert isolate_bidi("abc") == "abc"
    assert spreadsheet_text("=1+1\x07") == "'=1+1"
    assert spreadsheet_text("\x07=1+1") == "'=1+1"


def test_a_title_with_letters_from_the_end_of_unicode_imports(tmp_path: Path) -> None:
    # Hangul Jamo Extended-B and the last private-use letters: their sort key once fell into
    # the surrogate block or past U+10FFFF, and the import failed as an unexpected error.
    tasks = [
        {"id": "1", "title": "Tiếp đoàn \ud7c5\ud7c6", "deadline_text": "Quý II năm 2021"},
        {"id": "2", "title": "Ký hiệu \U0010fff0", "deadline_text": "Quý II năm 2021"},
    ]
    source = tmp_path / "tasks.json"
    source.write_text(json.dumps(task_json(tasks), ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "d.sqlite3"
    assert main(["--db", str(db), "import", str(source)]) == 0
    with sqlite3.connect(db) as connection:
        titles = [r[0] for r in connection.execute("SELECT title FROM tasks ORDER BY title_sort")]
    assert titles == ["Ký hiệu \U0010fff0", "Tiếp đoàn \ud7c5\ud7c6"]
