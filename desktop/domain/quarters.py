"""Quarters as the reports name them: shown "Quý II/2021", written "2021-Q2"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from desktop.domain.text import fold

ROMAN = ("I", "II", "III", "IV")
_ROMAN_VALUE = {r.lower(): i + 1 for i, r in enumerate(ROMAN)}

_ISO = re.compile(r"^\s*(\d{4})\s*-?\s*[qQ]\s*([1-4])\s*$")
_SHOWN = re.compile(r"^\s*(?:quy|q)\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)\s*(\d{4})\s*$")


_IN_SEARCH = re.compile(
    r"(?<![\w.])(?:quy|q)\s*(iv|iii|ii|i|[1-4])(?![\w.])(?:\s*(?:/|-|nam)\s*(\d{4})\b)?"
)


@dataclass(frozen=True)
class QuarterSearch:
    """A quarter named in a search ("quý II", "Q2/2021", "quý 2 năm 2021"), and the rest.

    *year* is ``None`` when the words name only the quarter ("quy ii"): then every year's
    second quarter is meant. *rest* is the folded search text with the quarter taken out.
    """

    number: int
    year: int | None
    rest: str

    @property
    def quarter(self) -> Quarter | None:
        return Quarter(self.year, self.number) if self.year is not None else None


def quarter_in_search(text: str) -> QuarterSearch | None:
    """The quarter a search names, if any — a word, never part of one ("quy định", "II.")."""
    folded = fold(text)
    found = _IN_SEARCH.search(folded)
    if found is None:
        return None
    value = found[1]
    number = int(value) if value.isdigit() else _ROMAN_VALUE[value]
    year = int(found[2]) if found[2] else None
    rest = (folded[: found.start()] + " " + folded[found.end() :]).strip()
    return QuarterSearch(number, year, " ".join(rest.split()))


class QuarterError(ValueError):
    """A quarter string that is neither "2021-Q2" nor "Quý II/2021"."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise QuarterError(f"Quý {self.number} không tồn tại (chỉ có quý I đến IV).")

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Accept "2021-Q2", "2021Q2", "Quý II/2021", "quy 2 nam 2021", "Q2/2021"."""
        match = _ISO.match(text)
        if match:
            return cls(int(match.group(1)), int(match.group(2)))
        match = _SHOWN.match(fold(text))
        if match:
            token = match.group(1)
            number = int(token) if token.isdigit() else _ROMAN_VALUE[token]
            return cls(int(match.group(2)), number)
        raise QuarterError(f"Không hiểu quý “{text}”. Hãy viết dạng 2021-Q2 hoặc Quý II/2021.")

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        last: date = self.first_day + relativedelta(months=3, days=-1)
        return last

    @property
    def iso(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return f"Quý {ROMAN[self.number - 1]}/{self.year}"

    @property
    def key(self) -> int:
        """``year * 10 + number``: the integer the database stores and indexes."""
        return self.year * 10 + self.number

    @classmethod
    def from_key(cls, key: int) -> Quarter:
        return cls(key // 10, key % 10)

    def next(self) -> Quarter:
        return Quarter.of(self.last_day + relativedelta(days=1))

    def __str__(self) -> str:
        return self.label


def quarters_between(first: date, last: date) -> list[Quarter]:
    """Every quarter that overlaps [first, last], in order."""
    if last < first:
        return []
    result = [Quarter.of(first)]
    end = Quarter.of(last)
    while result[-1] < end:
        result.append(result[-1].next())
    return result
