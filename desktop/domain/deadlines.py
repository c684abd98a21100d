"""Reading Vietnamese deadline phrases (shared/spec/deadlines.md is the contract).

Every phrase is folded first (:func:`desktop.domain.text.fold`: no accents, "đ" → "d",
lower case, single spaces), so one pattern covers "Quý"/"quý"/"QUÝ", "hàng"/"hằng" and the
"ƣ" of damaged PDF text. Where seed 000 shows letters dropped by PDF extraction ("h ng năm",
"Định  ỳ") the patterns allow exactly those gaps.

The reader works in four steps, each a small function tried in order:

1. a stated repetition ("hằng năm", "hằng quý", "định kỳ" …) makes the task ``recurring``,
   because "Quý IV hằng năm" and "Thường xuyên, định kỳ hằng quý" are about the period;
2. a year followed by "và các năm tiếp theo" makes it ``ongoing`` from that year;
3. the table :data:`_DATED` of calendar expressions, tried in order (most specific first),
   gives ``dated`` and ``period`` readings, "trước …" meaning the day before, "từ …" a
   start; a list or range ("Quý III, IV/2021", "từ 01/7 đến 31/12/2025") counts to its
   last item; dates of cited documents ("58-NQ/TW ngày 05/8/2020") are masked first;
4. words that defer the deadline ("thường xuyên" → ``ongoing``; "sau khi có hướng dẫn",
   "theo kế hoạch" → ``conditional``).

Nothing recognised, or a calendar expression that cannot exist ("31/02/2021", "Quý V"),
reads as ``unknown``: a wrong date would silently mislead a report, an unknown one is shown
for review.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from desktop.domain.deadline_spec import DeadlineKind, DeadlineSpec, Recurrence
from desktop.domain.quarters import Quarter
from desktop.domain.text import fold, nfc

__all__ = ["parse_deadline", "program_horizon", "spec_to_json"]

# A span of days named by a phrase, as a function of the year (phrases without a year are
# resolved later against the issue date).
Span = tuple[date, date]
SpanOfYear = Callable[[int], Span]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_YEAR_TAIL = rf"(?:\s*(?:/|-|\.|,?\s*nam)\s*{_YEAR})"
_DAY_ONE = timedelta(days=1)


class _ImpossibleError(ValueError):
    """A calendar expression that names no real day: the phrase must read as unknown."""


@dataclass(frozen=True)
class _Reading:
    """A calendar expression found in a phrase."""

    span: SpanOfYear
    year: int | None
    start: int  # position in the folded phrase, to look at the words just before it
    # A range "từ A đến B" / "A - B": the span and year of A (the fields above are B's).
    range_from: SpanOfYear | None = None
    range_from_year: int | None = None


def _last_of_month(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _month(token: str) -> int:
    month = int(token)
    if not 1 <= month <= 12:
        raise _ImpossibleError(token)
    return month


def _quarter_number(token: str) -> int:
    number = int(token) if token.isdigit() else _ROMAN[token]
    if not 1 <= number <= 4:
        raise _ImpossibleError(token)
    return number


def _year_of(match: re.Match[str]) -> int | None:
    year = match.groupdict().get("y")
    return int(year) if year else None


# -- builders: one per row of the table below; each turns a match into a span of days ------


def _day(match: re.Match[str]) -> SpanOfYear:
    day, month = int(match["d"]), _month(match["m"])
    try:
        date(2000, month, day)  # a leap year: 29/2 exists, 31/4 does not
    except ValueError as error:
        raise _ImpossibleError(match[0]) from error

    def span(year: int) -> Span:
        one = date(year, month, day)  # 29/2 of a common year raises ValueError
        return one, one

    return span


def _six_months(match: re.Match[str]) -> SpanOfYear:
    if match["half"] == "dau":
        return lambda y: (date(y, 1, 1), date(y, 6, 30))
    return lambda y: (date(y, 7, 1), date(y, 12, 31))


def _part_of_month(match: re.Match[str]) -> SpanOfYear:
    """Early, middle, late month: the 10th, the 20th, the last day (deadlines.md)."""
    month, part = _month(match["m"]), match["part"]
    if part == "dau":
        return lambda y: (date(y, month, 1), date(y, month, 10))
    if part == "cuoi":
        return lambda y: (date(y, month, 21), _last_of_month(y, month))
    return lambda y: (date(y, month, 11), date(y, month, 20))


def _month_span(match: re.Match[str]) -> SpanOfYear:
    month = _month(match["m"])
    return lambda y: (date(y, month, 1), _last_of_month(y, month))


def _quarter(match: re.Match[str]) -> SpanOfYear:
    number = _quarter_number(match["q"])
    return lambda y: (Quarter(y, number).first_day, Quarter(y, number).last_day)


def _part_of_year(match: re.Match[str]) -> SpanOfYear:
    """Start, middle, end of a year: the first quarter, the first half, the fourth quarter."""
    part = match["part"]
    if part == "dau":
        return lambda y: (date(y, 1, 1), date(y, 3, 31))
    if part == "cuoi":
        return lambda y: (date(y, 10, 1), date(y, 12, 31))
    return lambda y: (date(y, 4, 1), date(y, 6, 30))


def _whole_year(match: re.Match[str]) -> SpanOfYear:
    return lambda y: (date(y, 1, 1), date(y, 12, 31))


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: re.Pattern[str]
    build: Callable[[re.Match[str]], SpanOfYear]
    # A bare year or span of years can name a program ("Chiến lược … đến năm 2030"); a day,
    # month or quarter never does.
    may_name_program: bool = False
    # Patterns for a whole deadline cell ("6/2025", "2025") that mean nothing inside prose.
    whole_cell: bool = False
    # The end of a range written without its noun: "từ tháng 3 đến 6/2020", "Quý I đến III/2026".
    range_tail: re.Pattern[str] | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_QUARTER_TOKEN = r"(?P<q>iv|iii|ii|vi|v|i|\d{1,2})\b(?!\s*lan\b)"
_ANY_QUARTER = r"(?:iv|iii|ii|i|[1-4])\b"
# Between the items of a list, "Quý III, IV/2021", "tháng 10-12/2021": the task is due with
# the last one. "đến" / "tới" are not here: "từ tháng 3 đến tháng 6" is a range, read by
# :func:`_with_range_end` as a period.
_AND = r"\s*(?:-|,|\+|va)\s*"

# Calendar expressions, most specific first: "ngày 15 tháng 4 năm 2021" must be read as a
# day before "tháng 4 năm 2021" can be read as a month, "6 tháng đầu năm" before "năm".
_DATED: tuple[_Pattern, ...] = (
    _Pattern(
        "day in words",
        _rx(rf"\bngay\s*(?P<d>\d{{1,2}})\s*thang\s*(?P<m>\d{{1,2}})\b(?:\s*,?\s*nam\s*{_YEAR})?"),
        _day,
    ),
    _Pattern(
        "day d/m/y",
        _rx(
            rf"(?:\bngay\s*)?(?<![\d/.-])(?<!thang )"
            rf"(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})\s*[/.-]\s*{_YEAR}\b"
        ),
        _day,
    ),
    _Pattern(
        "day d/m",
        _rx(
            r"(?:\bngay\s*|(?<=truoc )|(?<=han ))"
            r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\b(?![/.-]\d)"
        ),
        _day,
    ),
    _Pattern(
        "six months",
        _rx(rf"\b6\s*thang\s*(?P<half>dau|cuoi)\s*(?:cua\s*)?nam\s*{_YEAR}?"),
        _six_months,
    ),
    _Pattern(
        "part of month",
        _rx(
            rf"\b(?P<part>dau|giua|cuoi|trung tuan)\s*thang\s*(?P<m>\d{{1,2}})\b(?!\s*lan)"
            rf"{_YEAR_TAIL}?"
        ),
        _part_of_month,
    ),
    _Pattern(
        "month",
        _rx(
            rf"\bthang\s*(?:\d{{1,2}}{_AND}(?:thang\s*)?)*(?P<m>\d{{1,2}})\b(?!\s*lan\b){_YEAR_TAIL}?"
        ),
        _month_span,
        range_tail=_rx(rf"(?P<m>\d{{1,2}})\b(?!\s*lan\b){_YEAR_TAIL}?"),
    ),
    _Pattern(
        "quarter",
        _rx(
            rf"\b(?:quy|q)\s*(?:{_ANY_QUARTER}{_AND}(?:(?:quy|q)\s*)?)*{_QUARTER_TOKEN}{_YEAR_TAIL}?"
        ),
        _quarter,
        range_tail=_rx(rf"{_QUARTER_TOKEN}{_YEAR_TAIL}?"),
    ),
    _Pattern(
        "part of year",
        _rx(rf"\b(?P<part>dau|giua|cuoi)\s*nam\s*{_YEAR}\b"),
        _part_of_year,
        may_name_program=True,
    ),
    _Pattern("year", _rx(rf"\bnam\s*{_YEAR}\b(?!\s*-\s*\d)"), _whole_year, may_name_program=True),
    _Pattern(
        "month cell", _rx(r"^(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})$"), _month_span, whole_cell=True
    ),
    _Pattern("year cell", _rx(rf"^{_YEAR}$"), _whole_year, whole_cell=True),
    # "15.4", "15/4": day.month, the year from the issue date (a meeting's "trước ngày 15.4").
    _Pattern("day cell", _rx(r"^(?P<d>\d{1,2})\s*[/.]\s*(?P<m>\d{1,2})$"), _day, whole_cell=True),
)

_IN_PROSE = tuple(p for p in _DATED if not p.whole_cell)
_CELLS = tuple(p for p in _DATED if p.whole_cell)
# What a yearly task's date within the year can be: "Quý IV hằng năm", "Tháng 12 hằng năm".
_ANCHORS = tuple(p for p in _IN_PROSE if p.name.startswith(("day", "month", "quarter")))
_YEARS = tuple(p for p in _DATED if p.name == "year")
_DAYS = tuple(p for p in _IN_PROSE if p.build is _day)

# "Giai đoạn 2021 - 2025", "nhiệm kỳ 2020-2025", "Năm 2025 - 2026", a bare "2021 - 2025".
_PERIOD = _rx(
    r"(?:\b(?:giai doan|nhiem ky|thoi ky|nam|tu nam|den nam)\s*)?"
    r"\b(?P<y1>(?:19|20)\d{2})\s*(?:-|den)\s*(?:nam\s*)?(?P<y2>(?:19|20)\d{2})\b"
)

# Repetition. "h ng" is "hằng" with the "ằ" lost by PDF extraction (seed 000).
_EACH = r"\b(?:h(?:a|\s)?ng|moi)\s*"
_YEARLY = _rx(rf"{_EACH}nam\b")
_QUARTERLY = _rx(rf"{_EACH}quy\b|\b(?:1|mot)\s*quy\s*(?:1|mot)\s*lan\b")
_MONTHLY = _rx(rf"{_EACH}thang\b|\b(?:1|mot)\s*thang\s*(?:1|mot)\s*lan\b")
_FOLLOWING_YEARS = _rx(r"\b(?:cac|nhung)\s*nam\s*(?:tiep theo|sau|tiep)\b")
# "ngày 20 hằng tháng": a day of each month (not "ngày 20/11", not "ngày 20 tháng 11").
_DAY_OF_MONTH = _rx(r"\bngay\s*(?P<d>\d{1,2})\b(?!\s*(?:[/.-]\s*\d|thang\s*\d))")
# "Định  ỳ" in seed 000 folds to "dinh y".
_PERIODIC = _rx(r"\bdinh\s*k?y\b")

# "chi thường xuyên" / "kinh phí thường xuyên" is recurrent expenditure, not a deadline.
_ONGOING = _rx(r"\b(?:(?<!chi )(?<!phi )thuong xuyen|lien tuc|h(?:a|\s)?ng ngay)\b")
# The deadline hangs on an event: "sau khi …", "sau luật được ban hành", "trước khi tiến hành
# kiểm tra", "kết thúc kiểm tra", "nếu phát hiện …", "tại Kỳ họp thứ 9", "theo tiến độ / kết quả …".
_CONDITIONAL = _rx(
    r"\bsau khi\b|\btruoc khi\b|\bkhi co\b|\bkhi (?:duoc|can)\b|\bphat sinh\b|\bdot xuat\b"
    r"|\bneu\b|\bket thuc\b|\b(?:tai|trong)\s*(?:ky hop|hoi nghi|phien hop)\b"
    r"|\bsau\b[^;.]*?\b(?:ban hanh|thong qua|phe duyet|co hieu luc)\b"
    r"|\btheo\s*(?:k?e hoach|tien do|yeu cau|chi dao|huong dan|quy dinh|lo trinh|ket qua"
    r"|de xuat|de nghi|lich)\b"
)

# Between the two ends of a range: "01/7 - 31/12/2025", "từ tháng 2 đến hết tháng 4". The
# group is set when the gap is a word, after which the end may drop its noun ("đến 6/2020").
_RANGE_GAP = _rx(r"\s*(?:-|(?P<word>(?:den|toi)(?:\s*(?:het|cuoi))?))\s*")
# "từ nay đến hết tháng 10/2025", "kể từ ngày ban hành đến năm 2030": a closed span that starts
# with the document (corpus README: ``period``, due on its last day).
_FROM_NOW = _rx(
    r"(?:^|[\s(*])(?:tu|ke tu|bat dau tu)\s*(?:nay|bay gio|(?:ngay|khi)\s*(?:ky\s*)?ban hanh"
    r"(?:\s*k?e hoach)?)\s*(?:den|toi)\s*(?:het\s*)?$"
)

# Words just before an expression that change its meaning.
# Whole words only: "621-QĐ/TU ngày …" does not start with "từ".
_BEFORE = _rx(r"(?:^|[\s(*])truoc\s*$")
_FROM = _rx(r"(?:^|[\s(*])(?:tu|bat dau tu|ke tu)\s*$")
# Words that make a bare year a deadline even inside a sentence naming a program.
_DEADLINE_WORD = _rx(r"\b(?:trong|truoc|den het|cham nhat|hoan thanh|xong|han|vao|cuoi)\s*$")
# Nouns of documents and programs: a year after one of them, in the same clause, names it.
_PROGRAM_NOUNS = (
    r"(?:chien luoc|chuong trinh|de an|du an|quy hoach|k?e hoach|nghi quyet|nghi dinh"
    r"|thong tu|luat|chi thi|ket luan|quyet dinh|dai hoi|tam nhin|dinh huong|ve viec)"
)
# "Chỉ thị … về đẩy mạnh thực hiện Đề án 06 trong năm 2025": after a document noun and "về",
# up to the next comma, words are the document's subject even after "trong".
_TITLE_OF = _rx(rf"\b{_PROGRAM_NOUNS}\b[^,]*\bve\b[^,]*$")
# A clause that is only a numbered document's name: "Đề án 06 trong năm 2025 …".
_NAMED_DOCUMENT = _rx(rf"^\s*\W*{_PROGRAM_NOUNS}\s*(?:so\s*)?[\w/-]*\d[\w/-]*\s*(?:trong\s*)?$")
_PROGRAM_NOUN = _rx(rf"\b{_PROGRAM_NOUNS}\b")
_ANY_YEAR = _rx(r"\b(?:19|20)\d{2}\b")
_CLAUSE_BREAK = _rx(r"[;:.()\[\]\n]")
# "58-NQ/TW ngày 05/8/2020", "2999/QĐ-UBND, ngày 09/8/2021": a document's own date.
_DOCUMENT_NUMBER = _rx(r"(?:\d+\s*[-/]\s*[a-z][\w/-]*|\bso\s*\d+)\s*,?\s*(?:ngay\s*)?$")
_OF_ISSUER = _rx(r"^\s*,?\s*(?:cua|ve viec|ve)\b")
# A dot is kept: "15.4" is a day and month; dots ending the cell are stripped.
_CELL_JUNK = str.maketrans({c: " " for c in "*()[]{},;:“”\"'"})


def _folding_table() -> dict[int, str | None]:
    """:func:`fold` as one ``str.translate`` table, for speed (the importer reads 100,000s).

    Built from :func:`fold` itself so the two cannot disagree; combining marks left over
    after NFC are dropped, every kind of dash becomes "-".
    """
    table: dict[int, str | None] = {mark: None for mark in range(0x300, 0x370)}
    for code in range(0xC0, 0x1F00):
        folded = fold(chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    table.update({ord(dash): "-" for dash in "–—‐‑−"})
    return table


_FOLDING = _folding_table()
_SPACES = _rx(r"\s+")


def _prepare(text: str) -> str:
    """Folded key (as :func:`fold`, dashes as "-") of NFC text."""
    return _SPACES.sub(" ", text.translate(_FOLDING).casefold()).strip()


def _names_program(key: str, start: int) -> bool:
    """True when the year at *start* belongs to a program's or document's name."""
    before = key[:start]
    if before.count("“") > before.count("”"):
        return True
    clause = _CLAUSE_BREAK.split(before)[-1]
    if _TITLE_OF.search(clause) or _NAMED_DOCUMENT.match(clause):
        return True
    if _DEADLINE_WORD.search(before):
        return False
    return _PROGRAM_NOUN.search(clause) is not None


def _is_document_date(match: re.Match[str]) -> bool:
    """True for the date of a cited document: "Nghị quyết 58-NQ/TW ngày 05/8/2020 của …"."""
    key = match.string
    before = key[: match.start()]
    if _BEFORE.search(before) or _FROM.search(before):
        return False
    return bool(_DOCUMENT_NUMBER.search(before) or _OF_ISSUER.match(key, match.end()))


def _mask_document_dates(key: str) -> str:
    """Blank out the dates of cited documents so that no pattern reads them as deadlines.

    Positions are kept (the date becomes "#…#") because readings look at the words just
    before them.
    """
    for pattern in _DAYS:
        key = pattern.regex.sub(lambda m: "#" * len(m[0]) if _is_document_date(m) else m[0], key)
    return key


def _readings(key: str, patterns: tuple[_Pattern, ...]) -> _Reading | None:
    """The first calendar expression of *key*, trying *patterns* in order."""
    for pattern in patterns:
        if pattern.whole_cell:
            cell = " ".join(key.translate(_CELL_JUNK).split()).strip(" .")
            match = pattern.regex.match(cell)
            if match:
                return _Reading(pattern.build(match), _year_of(match), 0)
            continue
        for match in pattern.regex.finditer(key):
            if pattern.may_name_program and _names_program(key, match.start()):
                continue
            reading = _Reading(pattern.build(match), _year_of(match), match.start())
            return _with_range_end(reading, pattern, match)
    return None


def _with_range_end(reading: _Reading, pattern: _Pattern, match: re.Match[str]) -> _Reading:
    """Read "01/7/2025 - 31/12/2025" or "từ A đến B" as a span from A to the end of B."""
    gap = _RANGE_GAP.match(match.string, match.end())
    end = pattern.regex.match(match.string, gap.end()) if gap else None
    if end is None and gap is not None and gap["word"] and pattern.range_tail is not None:
        end = pattern.range_tail.match(match.string, gap.end())
    if end is None or (_year_of(end) is None and reading.year is not None):
        return reading
    year = _year_of(end)
    return _Reading(pattern.build(end), year, reading.start, reading.span, reading.year or year)


def _bound(start: date | None, horizon: date | None) -> date | None:
    """The program's horizon ends a task, unless the program ends before the task starts."""
    if horizon is None or (start is not None and horizon < start):
        return None
    return horizon


def _due_in(span: SpanOfYear, year: int, before: bool) -> date:
    first, last = span(year)
    return first - _DAY_ONE if before else last


def _first_year_on_or_after(span: SpanOfYear, before: bool, issued: date) -> int:
    """The no-year rule: the year putting the due date first on or after *issued*."""
    for year in range(issued.year - 1, issued.year + 9):  # 29/2 needs up to 8 years
        try:
            if _due_in(span, year, before) >= issued:
                return year
        except ValueError:
            continue
    raise _ImpossibleError("no such day in any year")


def _named_year(key: str) -> int | None:
    """The first year the phrase names as a year ("từ năm 2022"), not as a program's."""
    match = _readings(key, _YEARS)
    return match.year if match else None


def _first_of_period(day: date, recurrence: Recurrence) -> date:
    if recurrence is Recurrence.YEARLY:
        return date(day.year, 1, 1)
    if recurrence is Recurrence.QUARTERLY:
        return Quarter.of(day).first_day
    return day.replace(day=1)


def _read_recurring(
    text: str, key: str, issued: date | None, horizon: date | None
) -> DeadlineSpec | None:
    """Step 1: "hằng năm / hằng quý / hằng tháng / định kỳ", first stated period wins."""
    stated = [
        (match.start(), recurrence)
        for recurrence, regex in (
            (Recurrence.YEARLY, _YEARLY),
            (Recurrence.QUARTERLY, _QUARTERLY),
            (Recurrence.MONTHLY, _MONTHLY),
        )
        if (match := regex.search(key))
    ]
    anchor = _readings(key, _ANCHORS)
    if stated:
        recurrence = min(stated, key=lambda found: found[0])[1]
    elif _FOLLOWING_YEARS.search(key) and anchor is not None:
        recurrence = Recurrence.YEARLY  # "Quý IV năm 2021, các năm tiếp theo"
    elif _PERIODIC.search(key):
        return DeadlineSpec(DeadlineKind.RECURRING, text, None, Recurrence.UNKNOWN, end=horizon)
    else:
        return None

    # The anchor dates each occurrence of a yearly task ("Quý IV hằng năm"); for any period
    # an anchor with its year states the first occurrence ("trước ngày 20 tháng 11 năm 2025
    # và hàng tháng": the 19th of each month from November 2025, README judgement call 6).
    anchored = anchor is not None and (recurrence is Recurrence.YEARLY or anchor.year is not None)
    if anchor is not None and anchored:
        span, year = anchor.span, anchor.year
        before = _BEFORE.search(key[: anchor.start]) is not None
    else:
        span, year, before = _period_span(recurrence), None, False
    year = year or _named_year(key)
    day_of_month = _DAY_OF_MONTH.search(key) if recurrence is Recurrence.MONTHLY else None
    if year is not None:
        due = _due_in(span, year, before) if anchored else span(year)[1]
    elif issued is not None and day_of_month is not None:
        due = _monthly_day_on_or_after(day_of_month, issued)
    elif issued is not None:
        if recurrence is Recurrence.YEARLY:
            due = _due_in(span, _first_year_on_or_after(span, before, issued), before)
        else:
            due = _period_span_of_day(recurrence, issued)[1]
    else:
        return DeadlineSpec(DeadlineKind.RECURRING, text, None, recurrence, end=horizon)
    start = _first_of_period(due, recurrence)
    return DeadlineSpec(
        DeadlineKind.RECURRING, text, due, recurrence, start, _bound(start, horizon)
    )


def _monthly_day_on_or_after(match: re.Match[str], issued: date) -> date:
    """First due of "ngày 20 hằng tháng" on or after *issued* ("trước ngày 20": the 19th).

    A day past a month's end (31 in June) is that month's last day.
    """
    day = int(match["d"])
    if not 1 <= day <= 31:
        raise _ImpossibleError(match[0])
    early = _DAY_ONE if _BEFORE.search(match.string[: match.start()]) else timedelta(0)
    year, month = issued.year, issued.month
    while True:  # at most twice: this month's day has passed, next month's has not
        due = date(year, month, min(day, monthrange(year, month)[1])) - early
        if due >= issued:
            return due
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _period_span(recurrence: Recurrence) -> SpanOfYear:
    """The first period of a year: the year itself, Q1, or January."""
    if recurrence is Recurrence.QUARTERLY:
        return lambda y: (date(y, 1, 1), date(y, 3, 31))
    if recurrence is Recurrence.MONTHLY:
        return lambda y: (date(y, 1, 1), date(y, 1, 31))
    return lambda y: (date(y, 1, 1), date(y, 12, 31))


def _period_span_of_day(recurrence: Recurrence, day: date) -> Span:
    if recurrence is Recurrence.QUARTERLY:
        quarter = Quarter.of(day)
        return quarter.first_day, quarter.last_day
    return day.replace(day=1), _last_of_month(day.year, day.month)


def _read_following_years(
    text: str, key: str, issued: date | None, horizon: date | None
) -> DeadlineSpec | None:
    """Step 2: "năm 2025 và các năm tiếp theo" is ongoing from the year it names."""
    if not _FOLLOWING_YEARS.search(key):
        return None
    period = next((m for m in _PERIOD.finditer(key) if not _names_program(key, m.start())), None)
    year = int(period["y1"]) if period else _named_year(key)
    if year is None and _ANY_YEAR.search(key):
        return None  # the year names a document: "Đề án 06 trong năm 2025 và những năm tiếp theo"
    start = date(year, 1, 1) if year is not None else issued
    return DeadlineSpec(DeadlineKind.ONGOING, text, start=start, end=_bound(start, horizon))


def _read_dated(
    text: str, key: str, issued: date | None, horizon: date | None
) -> DeadlineSpec | None:
    """Step 3: a day, month, quarter, year or span of years, with "trước" / "từ" before it."""
    reading = _readings(key, _IN_PROSE)
    period = next((m for m in _PERIOD.finditer(key) if not _names_program(key, m.start())), None)
    if period is not None and (reading is None or period.start() <= reading.start):
        return _period(text, key, period, horizon)
    if reading is None:
        reading = _readings(key, _CELLS)
    if reading is None:
        return None
    before_words = key[: reading.start]
    before = _BEFORE.search(before_words) is not None
    if reading.year is not None:
        year = reading.year
    elif issued is not None:
        year = _first_year_on_or_after(reading.span, before, issued)
    else:
        return DeadlineSpec(DeadlineKind.UNKNOWN, text)
    try:
        if reading.range_from is not None:
            start = reading.range_from(reading.range_from_year or year)[0]
            due = reading.span(year)[1]
            if due < start:
                raise _ImpossibleError(text)
            return DeadlineSpec(DeadlineKind.PERIOD, text, due, start=start)
        if _FROM_NOW.search(before_words):
            first, due = reading.span(year)
            start = issued if issued is not None and issued <= due else first
            return DeadlineSpec(DeadlineKind.PERIOD, text, due, start=start)
        if _FROM.search(before_words):
            start = reading.span(year)[0]
            return DeadlineSpec(DeadlineKind.ONGOING, text, start=start, end=_bound(start, horizon))
        return DeadlineSpec(DeadlineKind.DATED, text, _due_in(reading.span, year, before))
    except ValueError as error:  # 29/02 of a common year
        raise _ImpossibleError(text) from error


def _period(text: str, key: str, match: re.Match[str], horizon: date | None) -> DeadlineSpec:
    first, last = int(match["y1"]), int(match["y2"])
    if last < first:
        raise _ImpossibleError(match[0])
    if _FROM.search(key[: match.start()]):
        start = date(first, 1, 1)
        return DeadlineSpec(DeadlineKind.ONGOING, text, start=start, end=_bound(start, horizon))
    return DeadlineSpec(DeadlineKind.PERIOD, text, date(last, 12, 31), start=date(first, 1, 1))


def _read_deferred(
    text: str, key: str, issued: date | None, horizon: date | None
) -> DeadlineSpec | None:
    """Step 4: "thường xuyên" (ongoing) and "sau khi / theo kế hoạch …" (conditional)."""
    if _ONGOING.search(key):
        return DeadlineSpec(DeadlineKind.ONGOING, text, start=issued, end=_bound(issued, horizon))
    if _CONDITIONAL.search(key):
        return DeadlineSpec(DeadlineKind.CONDITIONAL, text)
    return None


_STEPS = (_read_recurring, _read_following_years, _read_dated, _read_deferred)


def parse_deadline(
    text: str | None, issued: date | None = None, horizon: date | None = None
) -> DeadlineSpec:
    """Read a deadline phrase (deadlines.md).

    Args:
        text: the phrase as written: a table cell, a trailing parenthesis or a sentence.
        issued: the document's issue date; resolves phrases without a year ("trong Quý III")
            and is where a recurring task starts when the phrase names no year.
        horizon: the end of the program ("giai đoạn 2021 - 2025" → 2025-12-31, see
            :func:`program_horizon`); recurring and ongoing tasks end there.

    Returns:
        The reading. Never raises: anything unreadable is ``unknown``.
    """
    if text is None:
        return DeadlineSpec(DeadlineKind.UNKNOWN, "")
    # A datetime would not compare with dates; callers sometimes hold one.
    if isinstance(issued, datetime):
        issued = issued.date()
    if isinstance(horizon, datetime):
        horizon = horizon.date()
    return _parse(text, issued, horizon)


@lru_cache(maxsize=16384)
def _parse(text: str, issued: date | None, horizon: date | None) -> DeadlineSpec:
    shown = nfc(text)
    key = _mask_document_dates(_prepare(shown))
    try:
        for step in _STEPS:
            spec = step(shown, key, issued, horizon)
            if spec is not None:
                return spec
    except (_ImpossibleError, ValueError, OverflowError):
        pass
    return DeadlineSpec(DeadlineKind.UNKNOWN, shown)


_HORIZON_PERIOD = _rx(
    r"\b(?:giai doan|nhiem ky|thoi ky)\s*(?P<y1>(?:19|20)\d{2})\s*(?:-|den)\s*(?:nam\s*)?"
    r"(?P<y2>(?:19|20)\d{2})\b"
)
_HORIZON_UNTIL = _rx(r"\bden\s*(?:het\s*)?nam\s*(?P<y2>(?:19|20)\d{2})\b")
_VISION = _rx(r"\b(?:tam nhin|dinh huong)\s*$")


def program_horizon(text: str) -> date | None:
    """End of the program a document title or line names, to bound recurring tasks.

    "giai đoạn 2021 - 2025" and "nhiệm kỳ 2020 - 2025" end on 2025-12-31, "đến năm 2030" on
    2030-12-31; the longer view of "tầm nhìn đến năm 2045" is not the program's end.
    """
    key = _prepare(nfc(text))
    found = [
        match
        for regex in (_HORIZON_PERIOD, _HORIZON_UNTIL)
        for match in regex.finditer(key)
        if not _VISION.search(key[: match.start()])
    ]
    if not found:
        return None
    first = min(found, key=lambda match: match.start())
    return date(int(first["y2"]), 12, 31)


def spec_to_json(spec: DeadlineSpec) -> dict[str, str | None]:
    """The reading as ``sonhiemvu parse-deadline`` prints it: ISO dates, "2021-Q2", null."""
    quarter = spec.quarter
    return {
        "kind": spec.kind.value,
        "due": spec.due.isoformat() if spec.due else None,
        "quarter": quarter.iso if quarter else None,
        "recurrence": spec.recurrence.value if spec.recurrence else None,
        "start": spec.start.isoformat() if spec.start else None,
        "end": spec.end.isoformat() if spec.end else None,
    }
