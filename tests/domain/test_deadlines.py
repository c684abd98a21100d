"""The deadline phrase reader against every phrase of the seeds and of deadlines.md."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import deadlines
from desktop.domain.deadline_spec import DeadlineKind, DeadlineSpec, Recurrence
from desktop.domain.deadlines import parse_deadline, program_horizon, spec_to_json
from desktop.domain.text import clean

DATA = Path(__file__).resolve().parents[1] / "data" / "deadline_phrases.json"
PHRASES: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))["phrases"]
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"

ISSUED = date(2021, 4, 7)
HORIZON = date(2025, 12, 31)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _reading(spec: DeadlineSpec) -> dict[str, str | None]:
    reading = spec_to_json(spec)
    reading.pop("quarter")
    return reading


def _dated(due: str) -> dict[str, str | None]:
    return {"kind": "dated", "due": due, "recurrence": None, "start": None, "end": None}


UNKNOWN = {"kind": "unknown", "due": None, "recurrence": None, "start": None, "end": None}


# -- the data file ---------------------------------------------------------------------------


def test_data_file_covers_every_seed_and_the_spec() -> None:
    sources = {row["source"] for row in PHRASES}
    seeds = {path.stem for path in SEEDS.glob("*.txt")}
    assert seeds <= sources
    assert "deadlines.md" in sources
    assert len(PHRASES) >= 150


@pytest.mark.parametrize(
    "row", PHRASES, ids=[f"{r['source'][:3]}-{i}" for i, r in enumerate(PHRASES)]
)
def test_phrase_reads_as_expected(row: dict[str, Any]) -> None:
    spec = parse_deadline(row["phrase"], _day(row["issued"]), _day(row["horizon"]))
    assert _reading(spec) == row["expected"]


# Rows that quote no seed: the spec's examples and issue 12's forms (docs/deadline-forms.md).
NOT_FROM_A_SEED = {"deadlines.md", "issue 12"}


@pytest.mark.parametrize("row", [r for r in PHRASES if r["source"] not in NOT_FROM_A_SEED])
def test_seed_phrase_really_occurs_in_its_seed(row: dict[str, Any]) -> None:
    """The data file holds real text, not paraphrases (whitespace and "ƣ" aside)."""
    seed = (SEEDS / f"{row['source']}.txt").read_text(encoding="utf-8")
    assert clean(row["phrase"]) in clean(seed)


# -- spelling variants -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "Quý II năm 2021",
        "quý II năm 2021",
        "QUÝ II NĂM 2021",
        "Quý 2 năm 2021",
        "quý ii/2021",
        "Quý II / 2021",
        "Quý II-2021",
        "Q2/2021",
        "q2/2021",
        "  Quý   II   năm   2021  ",
        "Quy II nam 2021",
        "Quý II năm 2021".upper(),
        "Quý II năm 2021\n",
        "trong quý II năm 2021",
        "(*Quý II năm 2021*)",
    ],
)
def test_quarter_spellings(phrase: str) -> None:
    assert _reading(parse_deadline(phrase)) == _dated("2021-06-30")


@pytest.mark.parametrize(
    ("number", "due"),
    [("I", "2022-03-31"), ("II", "2022-06-30"), ("III", "2022-09-30"), ("IV", "2022-12-31")]
    + [("1", "2022-03-31"), ("2", "2022-06-30"), ("3", "2022-09-30"), ("4", "2022-12-31")],
)
def test_every_quarter_roman_and_arabic(number: str, due: str) -> None:
    assert parse_deadline(f"Quý {number}/2022").due == date.fromisoformat(due)


def test_decomposed_unicode_reads_like_composed() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "trước tháng 6 năm 2022")
    assert _reading(parse_deadline(decomposed)) == _dated("2022-05-31")


@pytest.mark.parametrize(
    "phrase", ["Hàng năm", "hằng năm", "HẰNG NĂM", "h ng năm", "Định  ỳ h ng năm", "Mỗi năm"]
)
def test_yearly_spellings(phrase: str) -> None:
    spec = parse_deadline(phrase, ISSUED, HORIZON)
    assert (spec.kind, spec.recurrence, spec.due) == (
        DeadlineKind.RECURRING,
        Recurrence.YEARLY,
        date(2021, 12, 31),
    )


@pytest.mark.parametrize(
    ("phrase", "recurrence"),
    [
        ("hàng quý", Recurrence.QUARTERLY),
        ("h ng quý", Recurrence.QUARTERLY),
        ("mỗi quý 1 lần", Recurrence.QUARTERLY),
        ("Hàng tháng", Recurrence.MONTHLY),
        ("h ng tháng", Recurrence.MONTHLY),
        ("mỗi tháng", Recurrence.MONTHLY),
        ("Định  ỳ", Recurrence.UNKNOWN),
        ("định kỳ 6 tháng", Recurrence.UNKNOWN),
    ],
)
def test_recurrence_spellings(phrase: str, recurrence: Recurrence) -> None:
    spec = parse_deadline(phrase, ISSUED)
    assert (spec.kind, spec.recurrence) == (DeadlineKind.RECURRING, recurrence)


def test_damaged_pdf_letter_is_repaired() -> None:
    assert parse_deadline("trƣớc tháng 6 năm 2022").due == date(2022, 5, 31)


@pytest.mark.parametrize("dash", ["-", "–", "—", " - ", " – "])
def test_period_with_any_dash(dash: str) -> None:
    spec = parse_deadline(f"Giai đoạn 2021{dash}2025")
    assert (spec.kind, spec.start, spec.due) == (
        DeadlineKind.PERIOD,
        date(2021, 1, 1),
        date(2025, 12, 31),
    )


# -- the no-year rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "issued", "due"),
    [
        ("trong Quý III", date(2021, 4, 7), date(2021, 9, 30)),
        ("trong Quý III", date(2021, 9, 30), date(2021, 9, 30)),
        ("trong Quý III", date(2021, 10, 1), date(2022, 9, 30)),
        ("Quý I", date(2021, 12, 15), date(2022, 3, 31)),
        ("trước ngày 15/4", date(2021, 4, 14), date(2021, 4, 14)),
        ("trước ngày 15/4", date(2021, 4, 15), date(2022, 4, 14)),
        ("ngày 15/4", date(2021, 4, 15), date(2021, 4, 15)),
        ("ngày 10/1", date(2021, 12, 20), date(2022, 1, 10)),
        ("trong tháng 1", date(2021, 12, 20), date(2022, 1, 31)),
        ("tháng 12", date(2021, 12, 31), date(2021, 12, 31)),
        ("ngày 29/2", date(2021, 3, 1), date(2024, 2, 29)),
        ("cuối tháng 2", date(2023, 3, 1), date(2024, 2, 29)),
    ],
)
def test_no_year_takes_first_year_on_or_after_issue(phrase: str, issued: date, due: date) -> None:
    spec = parse_deadline(phrase, issued)
    assert (spec.kind, spec.due) == (DeadlineKind.DATED, due)


@pytest.mark.parametrize("phrase", ["trong Quý III", "trước ngày 15/4", "tháng 9", "ngày 1/1"])
def test_no_year_and_no_issue_date_is_unknown(phrase: str) -> None:
    assert parse_deadline(phrase).kind is DeadlineKind.UNKNOWN


def test_a_stated_year_ignores_the_issue_date() -> None:
    assert parse_deadline("Quý I năm 2021", date(2021, 4, 7)).due == date(2021, 3, 31)


# -- impossible, empty and garbage -----------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "31/02/2021",
        "ngày 31/02/2021",
        "30/2/2024",
        "29/2/2021",
        "ngày 31/4/2021",
        "32/1/2021",
        "0/1/2021",
        "ngày 15/13/2021",
        "tháng 13/2021",
        "tháng 0 năm 2021",
        "Quý V/2021",
        "Quý 5 năm 2021",
        "Quý 0/2021",
        "quý VI năm 2022",
        "Giai đoạn 2025 - 2021",
        "hằng năm (trước ngày 31 tháng 2)",
    ],
)
def test_impossible_dates_are_unknown(phrase: str) -> None:
    spec = parse_deadline(phrase, ISSUED)
    assert spec.kind is DeadlineKind.UNKNOWN
    assert spec.due is None


@pytest.mark.parametrize(
    "phrase",
    [
        None,
        "",
        "   ",
        "\n\t",
        "X",
        "Kế hoạch",
        "Ban Tổ chức",
        "???",
        "quý",
        "năm",
        "tháng",
        "2025 người",
        "lorem ipsum",
        "Quý báu",
        "quy chế làm việc",
    ],
)
def test_nothing_recognised_is_unknown(phrase: str | None) -> None:
    spec = parse_deadline(phrase, ISSUED)
    assert spec.kind is DeadlineKind.UNKNOWN
    assert (spec.due, spec.recurrence, spec.start, spec.end) == (None, None, None, None)


def test_text_is_kept_as_written_after_nfc() -> None:
    assert parse_deadline("  Quý II/2021 ").text == "  Quý II/2021 "
    assert parse_deadline("trƣớc tháng 6").text == "trước tháng 6"
    assert parse_deadline(None).text == ""


# -- context words, programs and cited documents ---------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("báo cáo UBND tỉnh trong tháng 9 năm 2021", _dated("2021-09-30")),
        ("Chiến lược phát triển đến năm 2030", UNKNOWN),
        ("Chương trình tổng thể giai đoạn 2021-2030", UNKNOWN),
        ("xây dựng Đề án đến năm 2030, tầm nhìn đến năm 2045", UNKNOWN),
        ("hoàn thành Đề án trong năm 2023", _dated("2023-12-31")),
        ("Kế hoạch giai đoạn 2021-2025 (hoàn thành trong Quý II năm 2021)", _dated("2021-06-30")),
        ("Nghị quyết số 58-NQ/TW ngày 05/8/2020 của Bộ Chính trị", UNKNOWN),
        (
            "Quyết định số 2999/QĐ-UBND ngày 09/8/2021; báo cáo trong Quý III/2021",
            _dated("2021-09-30"),
        ),
        ("phấn đấu đến năm 2025", _dated("2025-12-31")),
    ],
)
def test_words_around(phrase: str, expected: dict[str, str | None]) -> None:
    assert _reading(parse_deadline(phrase)) == expected


# -- recurring ---------------------------------------------------------------------------------


def test_recurring_without_issue_date_has_period_but_no_due() -> None:
    spec = parse_deadline("Quý IV hằng năm")
    assert (spec.kind, spec.recurrence, spec.due, spec.start) == (
        DeadlineKind.RECURRING,
        Recurrence.YEARLY,
        None,
        None,
    )


def test_yearly_anchor_before_issue_moves_to_next_year() -> None:
    spec = parse_deadline("hằng năm (trước ngày 15 tháng 11)", date(2021, 12, 1), HORIZON)
    assert (spec.due, spec.start, spec.end) == (date(2022, 11, 14), date(2022, 1, 1), HORIZON)


def test_recurring_occurrences_up_to_horizon() -> None:
    spec = parse_deadline("Quý IV hằng năm", ISSUED, HORIZON)
    assert spec.occurrences() == [date(y, 12, 31) for y in range(2021, 2026)]
    quarterly = parse_deadline("hằng quý", date(2023, 7, 6), HORIZON)
    assert quarterly.occurrences()[:3] == [date(2023, 9, 30), date(2023, 12, 31), date(2024, 3, 31)]
    assert quarterly.occurrences()[-1] == HORIZON


def test_horizon_before_start_does_not_bound() -> None:
    spec = parse_deadline("năm 2027 và các năm tiếp theo", ISSUED, HORIZON)
    assert (spec.kind, spec.start, spec.end) == (DeadlineKind.ONGOING, date(2027, 1, 1), None)


@pytest.mark.parametrize(
    ("phrase", "start"),
    [
        ("Từ 01/7/2025", date(2025, 7, 1)),
        ("từ ngày 01/7/2025", date(2025, 7, 1)),
        ("Từ tháng 7/2025", date(2025, 7, 1)),
        ("Từ Quý III/2025", date(2025, 7, 1)),
        ("từ năm 2024", date(2024, 1, 1)),
    ],
)
def test_from_starts_an_ongoing_task(phrase: str, start: date) -> None:
    spec = parse_deadline(phrase, ISSUED, date(2030, 12, 31))
    assert (spec.kind, spec.start, spec.end) == (DeadlineKind.ONGOING, start, date(2030, 12, 31))


# -- program_horizon -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "horizon"),
    [
        ("Kế hoạch thực hiện Nghị quyết giai đoạn 2021 - 2025", date(2025, 12, 31)),
        ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIX, nhiệm kỳ 2020-2025", date(2025, 12, 31)),
        ("NHIỆM KỲ 2020 – 2025", date(2025, 12, 31)),
        (
            "Về xây dựng và phát triển tỉnh Thanh Hóa đến năm 2030, tầm nhìn đến năm 2045",
            date(2030, 12, 31),
        ),
        ("thời kỳ 2021 - 2030, định hướng đến năm 2045", date(2030, 12, 31)),
        ("tầm nhìn đến năm 2045", None),
        ("Chương trình hành động", None),
        ("", None),
    ],
)
def test_program_horizon(title: str, horizon: date | None) -> None:
    assert program_horizon(title) == horizon


# -- spec_to_json --------------------------------------------------------------------------------


def test_spec_to_json_shape() -> None:
    assert spec_to_json(parse_deadline("Quý II/2021")) == {
        "kind": "dated",
        "due": "2021-06-30",
        "quarter": "2021-Q2",
        "recurrence": None,
        "start": None,
        "end": None,
    }
    assert spec_to_json(parse_deadline("hằng quý", ISSUED, HORIZON)) == {
        "kind": "recurring",
        "due": "2021-06-30",
        "quarter": "2021-Q2",
        "recurrence": "quarterly",
        "start": "2021-04-01",
        "end": "2025-12-31",
    }
    assert json.dumps(spec_to_json(parse_deadline(None)))


# -- properties and speed ------------------------------------------------------------------------

_DUE_KINDS = {DeadlineKind.DATED, DeadlineKind.RECURRING, DeadlineKind.PERIOD}
_PHRASE_BITS = st.sampled_from(
    [
        "quý",
        "Quý",
        "IV",
        "V",
        "năm",
        "tháng",
        "ngày",
        "trước",
        "từ",
        "hằng",
        "h ng",
        "/",
        "-",
        "2021",
        "2025",
        "31",
        "29",
        "2",
        "13",
        "0",
        "giai đoạn",
        "các năm tiếp theo",
        "định kỳ",
        "thường xuyên",
        "sau khi",
        " ",
        ",",
        "(",
        "*",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(), st.lists(_PHRASE_BITS, max_size=12).map(" ".join)),
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.dates()),
)
def test_never_raises_and_due_only_for_dated_kinds(
    text: str, issued: date | None, horizon: date | None
) -> None:
    spec = parse_deadline(text, issued, horizon)
    assert isinstance(spec, DeadlineSpec)
    if spec.due is not None:
        assert spec.kind in _DUE_KINDS
    if spec.kind in (DeadlineKind.UNKNOWN, DeadlineKind.CONDITIONAL):
        assert (spec.due, spec.start, spec.end) == (None, None, None)
    json.dumps(spec_to_json(spec))


def test_fast_enough_for_the_importer() -> None:
    """The importer reads 100,000 phrases: each must take well under 50 µs on average."""
    texts = [row["phrase"] for row in PHRASES]
    deadlines._parse.cache_clear()
    started = time.perf_counter()
    for text in texts:  # uncached: every phrase read once
        parse_deadline(text, ISSUED, HORIZON)
    uncached = (time.perf_counter() - started) / len(texts)
    started = time.perf_counter()
    for _ in range(20):
        for text in texts:
            parse_deadline(text, ISSUED, HORIZON)
    cached = (time.perf_counter() - started) / (20 * len(texts))
    assert cached < 10e-6
    assert uncached < 500e-6  # generous: a shared, loaded CI machine


# -- lists and ranges: due with the last item ----------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "kind", "due", "start"),
    [
        ("Quý III, IV/2021", "dated", "2021-12-31", None),
        ("Quý III - Quý IV/2021", "dated", "2021-12-31", None),
        ("Quý 1 + Quý 2/2021", "dated", "2021-06-30", None),
        ("tháng 10-12/2021", "dated", "2021-12-31", None),
        ("tháng 9-2021", "dated", "2021-09-30", None),
        ("01/7/2025 - 31/12/2025", "period", "2025-12-31", "2025-07-01"),
        ("Từ 01/7/2025 đến 31/12/2025", "period", "2025-12-31", "2025-07-01"),
        ("từ tháng 7/2025 đến tháng 9/2025", "period", "2025-09-30", "2025-07-01"),
        ("31/12/2025 - 01/7/2025", "unknown", None, None),
        ("Trước 15/4", "dated", "2021-04-14", None),
    ],
)
def test_lists_and_ranges(phrase: str, kind: str, due: str | None, start: str | None) -> None:
    reading = _reading(parse_deadline(phrase, ISSUED))
    assert (reading["kind"], reading["due"], reading["start"]) == (kind, due, start)


def test_datetime_arguments_are_taken_as_dates() -> None:
    from datetime import datetime

    spec = parse_deadline("hằng quý", datetime(2021, 4, 7, 9, 30), datetime(2025, 12, 31))
    assert (spec.due, spec.end) == (date(2021, 6, 30), date(2025, 12, 31))


# -- issue 12: first occurrences, closed spans (docs/deadline-forms.md) -----------------------


def test_monthly_with_a_stated_first_day_repeats_that_day() -> None:
    spec = parse_deadline("trước ngày 20 tháng 11 năm 2025 và hàng tháng", date(2025, 11, 19))
    assert spec.occurrences(until=date(2026, 1, 31)) == [
        date(2025, 11, 19),
        date(2025, 12, 19),
        date(2026, 1, 19),
    ]


def test_closed_span_from_now_belongs_to_every_quarter_it_covers() -> None:
    spec = parse_deadline("từ nay đến hết tháng 10/2025", date(2025, 5, 16))
    assert [q.iso for q in spec.quarters()] == ["2025-Q2", "2025-Q3", "2025-Q4"]


@pytest.mark.parametrize(
    "phrase",
    [
        "ngày 32 hằng tháng",
        "trước ngày 0 hằng tháng",
        "15.13",
        "32.1",
        "từ tháng 9 đến tháng 3/2026",
    ],
)
def test_impossible_issue_12_forms_are_unknown(phrase: str) -> None:
    assert parse_deadline(phrase, date(2025, 11, 19)).kind is DeadlineKind.UNKNOWN
