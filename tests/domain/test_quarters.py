"""Quarters: shown "Quý II/2021", written "2021-Q2" (deadlines.md, "Quarters")."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.quarters import Quarter, QuarterError, quarters_between


@pytest.mark.parametrize(
    "text",
    [
        "2021-Q2",
        "2021Q2",
        "2021-q2",
        " 2021 - Q2 ",
        "Quý II/2021",
        "quý ii/2021",
        "QUÝ II/2021",
        "Quý 2/2021",
        "quy 2 nam 2021",
        "Quý II năm 2021",
        "Q2/2021",
        "Quý II-2021",
    ],
)
def test_parse_both_forms(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2021, 2)


@pytest.mark.parametrize(
    "text", ["", "2021", "2021-Q5", "2021-Q0", "Quý V/2021", "Quý II", "II/2021", "Q2", "x"]
)
def test_parse_rejects_with_a_vietnamese_message(text: str) -> None:
    with pytest.raises(QuarterError, match="Quý|quý"):
        Quarter.parse(text)


@pytest.mark.parametrize("number", [0, 5, -1])
def test_no_such_quarter(number: int) -> None:
    with pytest.raises(QuarterError):
        Quarter(2021, number)


@pytest.mark.parametrize(
    ("number", "first", "last", "label"),
    [
        (1, date(2024, 1, 1), date(2024, 3, 31), "Quý I/2024"),
        (2, date(2024, 4, 1), date(2024, 6, 30), "Quý II/2024"),
        (3, date(2024, 7, 1), date(2024, 9, 30), "Quý III/2024"),
        (4, date(2024, 10, 1), date(2024, 12, 31), "Quý IV/2024"),
    ],
)
def test_days_and_names(number: int, first: date, last: date, label: str) -> None:
    quarter = Quarter(2024, number)
    assert (quarter.first_day, quarter.last_day, quarter.label, str(quarter)) == (
        first,
        last,
        label,
        label,
    )
    assert quarter.iso == f"2024-Q{number}"
    assert Quarter.parse(quarter.iso) == quarter
    assert Quarter.parse(quarter.label) == quarter
    assert Quarter.of(first) == Quarter.of(last) == quarter


def test_next_crosses_the_year() -> None:
    assert Quarter(2021, 4).next() == Quarter(2022, 1)
    assert Quarter(2021, 1).next() == Quarter(2021, 2)


def test_order() -> None:
    assert Quarter(2021, 4) < Quarter(2022, 1) < Quarter(2022, 2)
    assert sorted([Quarter(2022, 1), Quarter(2021, 3)]) == [Quarter(2021, 3), Quarter(2022, 1)]


def test_quarters_between() -> None:
    assert quarters_between(date(2021, 5, 1), date(2022, 1, 1)) == [
        Quarter(2021, 2),
        Quarter(2021, 3),
        Quarter(2021, 4),
        Quarter(2022, 1),
    ]
    assert quarters_between(date(2021, 5, 1), date(2021, 5, 2)) == [Quarter(2021, 2)]
    assert quarters_between(date(2021, 5, 2), date(2021, 5, 1)) == []
    assert len(quarters_between(date(2021, 1, 1), date(2025, 12, 31))) == 20
