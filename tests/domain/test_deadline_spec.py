"""Occurrences and quarters of a read deadline (deadlines.md, "Recurring" and "Quarters")."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.deadline_spec import OPEN_ENDED_YEARS, DeadlineKind, DeadlineSpec, Recurrence
from desktop.domain.quarters import Quarter

RECURRING = DeadlineKind.RECURRING


def _every(recurrence: Recurrence, due: date, end: date | None = None) -> DeadlineSpec:
    return DeadlineSpec(RECURRING, "", due, recurrence, start=None, end=end)


def test_yearly_on_31_december() -> None:
    spec = _every(Recurrence.YEARLY, date(2021, 12, 31), date(2025, 12, 31))
    assert spec.occurrences() == [date(y, 12, 31) for y in range(2021, 2026)]


def test_yearly_mid_month_anchor() -> None:
    spec = _every(Recurrence.YEARLY, date(2021, 11, 14), date(2024, 12, 31))
    assert spec.occurrences() == [date(y, 11, 14) for y in range(2021, 2025)]


def test_yearly_end_of_february_follows_leap_years() -> None:
    spec = _every(Recurrence.YEARLY, date(2023, 2, 28), date(2029, 1, 1))
    assert spec.occurrences() == [
        date(2023, 2, 28),
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_quarterly_on_each_quarter_end() -> None:
    spec = _every(Recurrence.QUARTERLY, date(2021, 6, 30), date(2022, 12, 31))
    assert spec.occurrences() == [
        date(2021, 6, 30),
        date(2021, 9, 30),
        date(2021, 12, 31),
        date(2022, 3, 31),
        date(2022, 6, 30),
        date(2022, 9, 30),
        date(2022, 12, 31),
    ]


def test_quarterly_quarters_are_consecutive() -> None:
    spec = _every(Recurrence.QUARTERLY, date(2023, 9, 30), date(2025, 12, 31))
    quarters = spec.quarters()
    assert quarters[0] == Quarter(2023, 3)
    assert quarters[-1] == Quarter(2025, 4)
    assert all(b == a.next() for a, b in zip(quarters, quarters[1:], strict=False))
    assert [Quarter.of(d).last_day for d in spec.occurrences()] == spec.occurrences()


def test_monthly_on_each_month_end_with_february() -> None:
    spec = _every(Recurrence.MONTHLY, date(2024, 1, 31), date(2024, 6, 30))
    assert spec.occurrences() == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
        date(2024, 5, 31),
        date(2024, 6, 30),
    ]
    common_year = _every(Recurrence.MONTHLY, date(2023, 1, 31), date(2023, 3, 31))
    assert common_year.occurrences()[1] == date(2023, 2, 28)


def test_monthly_from_a_30_day_month_end_stays_on_month_ends() -> None:
    spec = _every(Recurrence.MONTHLY, date(2021, 4, 30), date(2021, 8, 31))
    assert spec.occurrences() == [
        date(2021, 4, 30),
        date(2021, 5, 31),
        date(2021, 6, 30),
        date(2021, 7, 31),
        date(2021, 8, 31),
    ]


def test_monthly_mid_month_and_day_30_anchors() -> None:
    assert _every(Recurrence.MONTHLY, date(2021, 1, 15), date(2021, 3, 31)).occurrences() == [
        date(2021, 1, 15),
        date(2021, 2, 15),
        date(2021, 3, 15),
    ]
    assert _every(Recurrence.MONTHLY, date(2021, 1, 30), date(2021, 3, 31)).occurrences() == [
        date(2021, 1, 30),
        date(2021, 2, 28),
        date(2021, 3, 30),
    ]


def test_until_cuts_and_end_wins_when_earlier() -> None:
    spec = _every(Recurrence.YEARLY, date(2021, 12, 31), date(2023, 12, 31))
    assert spec.occurrences(until=date(2022, 12, 30)) == [date(2021, 12, 31)]
    assert spec.occurrences(until=date(2030, 1, 1))[-1] == date(2023, 12, 31)
    assert spec.occurrences(until=date(2021, 12, 30)) == []


def test_open_ended_recurrence_stays_finite() -> None:
    spec = _every(Recurrence.YEARLY, date(2021, 12, 31))
    occurrences = spec.occurrences()
    assert len(occurrences) == OPEN_ENDED_YEARS + 1
    assert occurrences[-1] == date(2021 + OPEN_ENDED_YEARS, 12, 31)
    assert spec.occurrences(until=date(2023, 12, 31))[-1] == date(2023, 12, 31)


@pytest.mark.parametrize(
    "spec",
    [
        DeadlineSpec(DeadlineKind.DATED, "", date(2021, 6, 30)),
        DeadlineSpec(DeadlineKind.PERIOD, "", date(2025, 12, 31), start=date(2021, 1, 1)),
        DeadlineSpec(RECURRING, "", date(2021, 12, 31), Recurrence.UNKNOWN),
    ],
)
def test_single_due_kinds_have_one_occurrence(spec: DeadlineSpec) -> None:
    assert spec.occurrences() == [spec.due]


@pytest.mark.parametrize("kind", list(DeadlineKind))
def test_no_due_no_occurrence(kind: DeadlineKind) -> None:
    assert DeadlineSpec(kind, "").occurrences() == []
    assert DeadlineSpec(kind, "").quarter is None


def test_dated_belongs_to_its_due_quarter() -> None:
    spec = DeadlineSpec(DeadlineKind.DATED, "", date(2021, 4, 14))
    assert spec.quarter == Quarter(2021, 2)
    assert spec.quarters() == [Quarter(2021, 2)]
    assert spec.has_due_date


def test_period_belongs_to_every_quarter_of_its_span() -> None:
    spec = DeadlineSpec(DeadlineKind.PERIOD, "", date(2022, 12, 31), start=date(2021, 1, 1))
    assert len(spec.quarters()) == 8
    assert spec.quarters()[0] == Quarter(2021, 1)
    assert spec.quarters()[-1] == Quarter(2022, 4)


def test_ongoing_quarters_run_to_end_or_until() -> None:
    spec = DeadlineSpec(DeadlineKind.ONGOING, "", start=date(2025, 7, 1), end=date(2025, 12, 31))
    assert spec.quarters() == [Quarter(2025, 3), Quarter(2025, 4)]
    open_ended = DeadlineSpec(DeadlineKind.ONGOING, "", start=date(2025, 7, 1))
    assert open_ended.quarters() == []
    assert open_ended.quarters(until=date(2025, 9, 30)) == [Quarter(2025, 3)]
    assert not open_ended.has_due_date


def test_recurring_quarters_one_per_occurrence() -> None:
    spec = _every(Recurrence.YEARLY, date(2021, 12, 31), date(2023, 12, 31))
    assert spec.quarters() == [Quarter(2021, 4), Quarter(2022, 4), Quarter(2023, 4)]
