"""Targets ("chỉ tiêu"): what a sentence measures, over which period, and whether it was met.

A programme states its targets as sentences ("Có trên 90% cơ quan … hoàn thành nhiệm vụ,
trong đó ít nhất 75% hoàn thành tốt nhiệm vụ, 20% hoàn thành xuất sắc"). This module reads
such a sentence into its measurements (three here) and holds the one rule that says whether
an achieved figure meets a target. The extractor, the importer's checks, the services and
the reports all use it, so "đạt" means the same thing on the screen and in the PDF.

Pure Python: no Qt, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from desktop.domain.text import clean, fold


class Comparison(StrEnum):
    """How the achieved figure is compared with the planned one (task JSON ``comparison``)."""

    GT = "gt"  # "trên 90%"
    GE = "ge"  # "ít nhất", "từ … trở lên", "tối thiểu"
    EQ = "eq"  # a bare figure: "100% chi bộ", "70% cơ quan"
    LE = "le"  # "không quá", "tối đa"
    LT = "lt"  # "dưới"
    RANGE = "range"  # "từ 15 - 20%", "3-4%"
    QUALITATIVE = "qualitative"  # no figure: judged đạt / không đạt


COMPARISONS = tuple(c.value for c in Comparison)

COMPARISON_WORDS = {
    Comparison.GT: "trên",
    Comparison.GE: "từ … trở lên",
    Comparison.EQ: "đạt",
    Comparison.LE: "không quá",
    Comparison.LT: "dưới",
    Comparison.RANGE: "từ … đến",
    Comparison.QUALITATIVE: "định tính",
}
"""How each comparison is said to the user (the targets view's "So sánh" column)."""


class TargetResult(StrEnum):
    """The result of a target for one period."""

    MET = "đạt"
    MISSED = "không đạt"
    NOT_ASSESSED = "chưa đánh giá"


@dataclass(frozen=True)
class Measure:
    """One measurable part of a target sentence (or its qualitative whole)."""

    text: str
    comparison: Comparison
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None

    @property
    def measurable(self) -> bool:
        return self.comparison is not Comparison.QUALITATIVE


# --- reading the figures --------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_BEFORE = (
    r"\b(?P<pre>tren|hon|vuot|it nhat|toi thieu|khong duoi|khong it hon|khong qua|toi da"
    r"|khong vuot qua|duoi|tu)\s+(?:(?:co|la|dat)\s+)?"
)
_MEASURE = re.compile(
    rf"(?:{_BEFORE})?(?P<n1>{_NUMBER})\s*(?P<pct>%)?"
    rf"(?:\s*(?:-|–|—|den)\s*(?P<n2>{_NUMBER})\s*(?P<pct2>%)?)?"
)
# Numbers that name something rather than count it: "năm 2025", "khóa XII", "Nghị quyết 58".
_NAMING_WORD = re.compile(
    r"(?:nam|khoa|so|ngay|thang|quy|lan thu|trung uong|nghi quyet|chi thi|ket luan|quyet dinh"
    r"|dieu|khoan|muc|phan|giai doan|nhiem ky|ky)\s*$"
)
_UPPER_AFTER = re.compile(r"[-/]\s?[A-Za-zĐđ]")
_AT_LEAST_AFTER = re.compile(r"^\s*(?:[^\s,;.]+\s+){0,3}?tro len\b")
_AT_MOST_AFTER = re.compile(r"^\s*(?:[^\s,;.]+\s+){0,3}?tro xuong\b")
# Words that end a counted unit: "600 đảng viên trở lên", "02 TCCSĐ trong doanh nghiệp".
_UNIT_STOP = {
    "tro",
    "trong",
    "tren",
    "va",
    "duoc",
    "co",
    "cua",
    "o",
    "tai",
    "de",
    "voi",
    "cho",
    "hoan",
    "dat",
    "thuc",
    "sinh",
    "ket",
    "hang",
    "moi",
    "nam",
    "so",
}
# Units of one word ("lớp", "người"); most Vietnamese counted nouns take two ("đảng viên").
_ONE_WORD_UNITS = {
    "lop",
    "nguoi",
    "luot",
    "xa",
    "ho",
    "ha",
    "km",
    "cuoc",
    "buoi",
    "lan",
    "dot",
    "bai",
    "tin",
    "ban",
    "trieu",
    "nghin",
    "ngan",
}
_CLAUSE_BREAK = re.compile(r"[;,]\s*(?:trong do\s*,?\s*(?:co\s+)?)?")
_TRAILING_JOINERS = re.compile(r"(?:[\s,;:(]|\btrong do\b|\bva\b|\bdong thoi\b)+$")


def number_value(text: str) -> float:
    """Vietnamese digit grouping: "1.063" → 1063, "10,49" → 10.49, "02" → 2."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def _folded(text: str) -> str:
    """An accent-free lower-case twin of *text*, of the same length, for the patterns."""
    chars = []
    for char in text:
        folded = fold(char)
        chars.append(folded if len(folded) == 1 else char.lower())
    return "".join(chars)


def _without_notes(text: str) -> str:
    """Parenthesised explanations ("(*chỉ tiêu … tăng thêm 300 …*)") are no targets."""
    return clean(re.sub(r"\([^()]*\)", " ", text))


def _unit_after(original: str, folded: str, start: int) -> str | None:
    words: list[str] = re.findall(r"[^\s,;.:()]+", original[start:])[:2]
    keys: list[str] = re.findall(r"[^\s,;.:()]+", folded[start:])[:2]
    if not words or keys[0] in _UNIT_STOP:
        return None
    first = words[0]
    if first.isupper() or keys[0] in _ONE_WORD_UNITS and (len(keys) < 2 or keys[1] != "dong"):
        return first
    if len(words) < 2 or keys[1] in _UNIT_STOP or words[1].isupper():
        return first
    return f"{first} {words[1]}"


def _comparison(pre: str | None, is_range: bool, after: str) -> Comparison:
    if is_range:
        return Comparison.RANGE
    if _AT_LEAST_AFTER.match(after):
        return Comparison.GE
    if _AT_MOST_AFTER.match(after):
        return Comparison.LE
    if pre in {"tren", "hon", "vuot"}:
        return Comparison.GT
    if pre in {"it nhat", "toi thieu", "khong duoi", "khong it hon", "tu"}:
        return Comparison.GE
    if pre in {"khong qua", "toi da", "khong vuot qua"}:
        return Comparison.LE
    if pre == "duoi":
        return Comparison.LT
    return Comparison.EQ


@dataclass(frozen=True)
class _Found:
    start: int
    comparison: Comparison
    value: float
    value_max: float | None
    unit: str


def _figures(text: str) -> list[_Found]:
    folded = _folded(text)
    found: list[_Found] = []
    for match in _MEASURE.finditer(folded):
        n1, n2 = match.group("n1"), match.group("n2")
        begin = match.start("n1")
        if begin > 0 and (folded[begin - 1].isalnum() or folded[begin - 1] in "/-.,"):
            continue
        if _NAMING_WORD.search(folded[max(0, begin - 20) : begin]):
            continue
        if _UPPER_AFTER.match(folded, match.end("n1")) and not n2:
            continue
        percent = bool(match.group("pct") or match.group("pct2"))
        end = match.end()
        unit = "%" if percent else _unit_after(text, folded, end)
        if unit is None:
            continue
        value = number_value(n1)
        if not percent and 1900 <= value <= 2100 and n1.isdigit():
            continue  # a year: "2020 - 2025"
        value_max = number_value(n2) if n2 else None
        if value_max is not None and value_max <= value:
            value_max = None  # "2020 - 2025" style pairs are not ranges of a target
        comparison = _comparison(match.group("pre"), value_max is not None, folded[end:])
        start = match.start("pre") if match.group("pre") else begin
        found.append(_Found(start, comparison, value, value_max, unit))
    return found


def parse_measures(text: str) -> list[Measure]:
    """The measurements a target sentence states, in order; one qualitative one if none.

    "Có trên 90% …, trong đó ít nhất 75% …, 20% …" gives three; "Bồi dưỡng trên 800 đối
    tượng kết nạp Đảng; kết nạp trên 600 đảng viên" two. Each measure's ``text`` is the
    stretch of the sentence that belongs to it.
    """
    text = _without_notes(text)
    figures = _figures(text)
    if not figures:
        return [Measure(text=text.rstrip(" ."), comparison=Comparison.QUALITATIVE)]
    folded_text = _folded(text)
    starts = [0]
    for index, figure in enumerate(figures[1:], start=1):
        previous = figures[index - 1]
        # A sub-target begins after the clause break before its figure: "; kết nạp trên 600".
        window = folded_text[previous.start : figure.start]
        breaks = list(_CLAUSE_BREAK.finditer(window))
        starts.append(previous.start + breaks[-1].end() if breaks else figure.start)
        if (
            breaks
            and breaks[-1].group(0).strip() == ","
            and ";" not in window
            and len(window) <= 70  # a list of figures, not a new clause far along
            and figure.comparison is Comparison.EQ
            and figure.unit == previous.unit
            and previous.comparison in {Comparison.GE, Comparison.GT}
        ):
            # "ít nhất 02 TCCSĐ …, 01 TCCSĐ …": the list shares its opening comparison.
            figures[index] = replace(figure, comparison=previous.comparison)
    measures = []
    for index, figure in enumerate(figures):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(figures) else len(text)
        part = text[start:end]
        if index:  # a sub-target ends with its clause: "…, 20% hoàn thành xuất sắc. Đảng bộ …"
            part = re.split(r"(?<=\S)[.;]\s", part, maxsplit=1)[0]
        else:
            part = re.split(r";\s", part, maxsplit=1)[0]
        folded = _folded(part)
        trimmed = _TRAILING_JOINERS.search(folded)
        if trimmed:
            part = part[: trimmed.start()]
        measures.append(
            Measure(
                text=clean(part).rstrip(" .;,"),
                comparison=figure.comparison,
                value=figure.value,
                value_max=figure.value_max,
                unit=figure.unit,
            )
        )
    return measures


# --- periods --------------------------------------------------------------------------

YEARLY = "hằng năm"
TERM = "nhiệm kỳ"
_YEARLY = re.compile(r"\b(?:hang|moi)\s+nam\b")
_BY_YEAR = re.compile(r"\bden\s+(?:het\s+)?nam\s+(\d{4})\b")
_IN_YEAR = re.compile(r"\bnam\s+(\d{4})\b")
_TERM = re.compile(r"\b(?:trong|ca|het)\s+nhiem\s+ky\b|\bgiai doan\s+\d{4}\s*[-–]\s*\d{4}\b")


def read_period(text: str) -> str | None:
    """The period a target names: "hằng năm", "đến năm 2025", "năm 2023", "nhiệm kỳ".

    "Hằng năm" wins over a year in the same sentence ("Đến năm 2025 – 2030: Hằng năm có trên
    90% …" is a yearly target); None when the sentence names none.
    """
    folded = _folded(clean(text))
    if _YEARLY.search(folded):
        return YEARLY
    match = _BY_YEAR.search(folded)
    if match:
        return f"đến năm {match.group(1)}"
    if _TERM.search(folded):
        return TERM
    match = _IN_YEAR.search(folded)
    if match:
        return f"năm {match.group(1)}"
    return None


def period_year(period: str | None) -> int | None:
    """The one year a period points at ("đến năm 2025" → 2025); None for yearly or term."""
    if not period:
        return None
    match = re.search(r"(\d{4})", period)
    return int(match.group(1)) if match else None


def applies_in_year(period: str | None, year: int) -> bool:
    """Whether a target with *period* is judged in the yearly report of *year*."""
    if period is None:
        return False
    if fold(period) == fold(YEARLY):
        return True
    return period_year(period) == year


MID_TERM = "giua-ky"
END_OF_TERM = "cuoi-ky"
PERIOD_LABELS = {MID_TERM: "Sơ kết giữa nhiệm kỳ", END_OF_TERM: "Tổng kết nhiệm kỳ"}


def period_key(text: str) -> str | None:
    """A period the user names ("2021", "giữa kỳ", "giua-ky") as the key values are stored by."""
    folded = fold(text).replace(" ", "-")
    if re.fullmatch(r"\d{4}", folded) and 1945 <= int(folded) <= 2200:
        return folded
    if folded in {MID_TERM, "giua-nhiem-ky", "so-ket", "mid", "mid-term"}:
        return MID_TERM
    if folded in {END_OF_TERM, "cuoi-nhiem-ky", "tong-ket", "end"}:
        return END_OF_TERM
    return None


def period_label(key: str) -> str:
    """The period's name for the user: "2021" → "Năm 2021", "giua-ky" → "Sơ kết giữa nhiệm kỳ"."""
    return PERIOD_LABELS.get(key, f"Năm {key}")


# --- the result rule ------------------------------------------------------------------


def evaluate(
    comparison: Comparison | str,
    value: float | None,
    value_max: float | None,
    achieved: float | None,
    met: bool | None = None,
) -> TargetResult:
    """Whether an achieved figure meets a target: the one rule, used everywhere.

    A bare figure ("70% cơ quan đạt chuẩn", "20% hoàn thành xuất sắc") and a range ("từ 15 -
    20%") are floors: reaching more than planned is exceeding the target ("vượt chỉ tiêu"),
    as the documents' own reports count it. A qualitative target is what the user judged
    (*met*); nothing recorded is "chưa đánh giá".
    """
    comparison = Comparison(comparison)
    if comparison is Comparison.QUALITATIVE or value is None:
        if met is None:
            return TargetResult.NOT_ASSESSED
        return TargetResult.MET if met else TargetResult.MISSED
    if achieved is None:
        return TargetResult.NOT_ASSESSED
    ok = {
        Comparison.GT: achieved > value,
        Comparison.GE: achieved >= value,
        Comparison.EQ: achieved >= value,
        Comparison.RANGE: achieved >= value,
        Comparison.LE: achieved <= value,
        Comparison.LT: achieved < value,
    }[comparison]
    return TargetResult.MET if ok else TargetResult.MISSED


def combine(headline: TargetResult, parts: list[TargetResult]) -> TargetResult:
    """A target with sub-targets: missed if any part assessed is missed, else its headline's.

    Sub-targets ("trong đó ít nhất 75% …") are often not reported separately; one left
    unassessed does not hold the whole target back.
    """
    if headline is TargetResult.MISSED or TargetResult.MISSED in parts:
        return TargetResult.MISSED
    return headline


def planned_text(
    comparison: Comparison | str, value: float | None, value_max: float | None, unit: str | None
) -> str:
    """The planned figure as said: "trên 90%", "từ 15 - 20%"; "định tính" without one."""
    comparison = Comparison(comparison)
    if comparison is Comparison.QUALITATIVE or value is None:
        return "định tính"
    figure = format_number(value)
    suffix = "%" if unit == "%" else (f" {unit}" if unit else "")
    if comparison is Comparison.RANGE and value_max is not None:
        return f"từ {figure} - {format_number(value_max)}{suffix}"
    if comparison is Comparison.GE:
        return f"từ {figure}{suffix} trở lên"
    prefix = {
        Comparison.GT: "trên ",
        Comparison.LE: "không quá ",
        Comparison.LT: "dưới ",
    }.get(comparison, "")
    return f"{prefix}{figure}{suffix}"


def format_number(value: float) -> str:
    """A figure as Vietnamese writes it: 1063 → "1.063", 10.5 → "10,5"."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _, decimals = f"{value:.2f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + ("," + decimals if decimals else "")


def parse_number(text: str) -> float | None:
    """A figure the user typed: "80", "80%", "1.063", "10,5", "10.5"; None if it is none."""
    cleaned = clean(text).rstrip("%").strip().replace(" ", "")
    if not cleaned:
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", cleaned):
        return number_value(cleaned)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", cleaned):
        return float(cleaned.replace(",", "."))
    return None
