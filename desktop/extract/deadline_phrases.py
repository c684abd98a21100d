"""Finding the deadline phrase inside a task's text (reading it is the domain's job).

Documents state a deadline in a few places: a trailing parenthesis or italics
("(*hoàn thành trong Quý IV hằng năm*)"), a time governed by "trong/trước/chậm nhất"
("báo cáo UBND tỉnh trong tháng 9 năm 2021"), or a recurrence that opens a clause
("Hằng năm, xây dựng …", "; định kỳ hằng quý, …"). Years that name a strategy or a
programme ("đến năm 2030", "giai đoạn 2021 - 2025" inside a plan's name) are deliberately not
taken. Matching is on folded text and tolerates the letters PDF extraction drops ("h ng năm").
"""

from __future__ import annotations

import re

from desktop.domain.text import clean
from desktop.extract.folding import fold_same_length

_ROMAN_Q = r"(?:iv|iii|ii|i|[1-4])"
_YEAR = r"(?:19|20)\d{2}"
_TIME = (
    rf"(?:ngay\s+\d{{1,2}}\s*[/.-]\s*\d{{1,2}}(?:\s*[/.-]\s*{_YEAR})?"
    rf"|ngay\s+\d{{1,2}}\s+thang\s+\d{{1,2}}(?:\s+nam\s+{_YEAR})?"
    rf"|(?:dau|giua|cuoi)?\s*thang\s+\d{{1,2}}(?:\s*(?:/|nam)\s*{_YEAR})?"
    rf"|(?:cuoi\s+)?quy\s+{_ROMAN_Q}(?:\s*(?:/|nam)\s*{_YEAR})?(?:\s*,?\s*(?:cac|nhung)\s+nam\s+tiep\s+theo)?"
    rf"|6\s+thang\s+(?:dau|cuoi)\s+nam(?:\s+{_YEAR})?"
    rf"|(?:cuoi\s+)?nam\s+{_YEAR}"
    rf"|(?:nhiem\s+ky|giai\s+doan)\s+{_YEAR}\s*[-–]\s*{_YEAR})"
)
_GOVERNED = re.compile(
    rf"\b(?:hoan\s+thanh\s+(?:trong|truoc)|xong\s+truoc|chậm\s+nhat(?:\s+den)?"
    rf"|cham\s+nhat(?:\s+den)?|truoc|trong|vao)\s+(?:{_TIME})"
)
_RECURRENCE = r"(?:(?:dinh\s+k?y\s+)?(?:hang|h\s?ng)\s+(?:nam|quy|thang))"
_CLAUSE_RECURRENCE = re.compile(rf"(?:^|[.;:]\s*|,\s+)({_RECURRENCE}|dinh\s+k?y)\s*,?\s+")
_DINH_KY_RECURRENCE = re.compile(r"\bdinh\s+k?y\s+(?:hang|h\s?ng)\s+(?:nam|quy|thang)\b")
_FIRST_SENTENCE_END = re.compile(rf"\b({_RECURRENCE})\s*\.?\s*$")
_DEADLINE_WORDS = re.compile(
    rf"thuong\s+xuyen|{_RECURRENCE}|hang\s+nam|quy\s+{_ROMAN_Q}|thang\s+\d|nam\s+{_YEAR}"
    r"|sau\s+khi\s+co|hoan\s+thanh\s+(?:trong|truoc|xong|nam|quy|thang)|truoc\s+ngay|dinh\s+k?y|theo\s+ke\s+hoach|tu\s+nam"
    r"|giai\s+doan|khi\s+co\s+phat\s+sinh|theo\s+yeu\s+cau|^\d{1,2}/\d{4}$|^\d{4}$"
)
_PAREN = re.compile(r"\(\s*\*?([^()*]{3,90}?)\*?\s*\)")
_ITALIC = re.compile(r"(?<![*\w])\*([^*\n]{3,90}?)\*(?![*\w])")
_LABEL = re.compile(
    r"(?:thoi\s+gian(?:\s+(?:thuc\s+hien|hoan\s+thanh|trinh))?|thoi\s+han|tien\s+do)\s*:\s*"
)


def _original(text: str, start: int, end: int) -> str:
    return clean(text[start:end]).strip(" ,.;:*")


def is_deadline_phrase(text: str) -> bool:
    """True when a short phrase (a parenthesis, a table cell) reads as a deadline."""
    folded = fold_same_length(clean(text))
    return bool(_DEADLINE_WORDS.search(folded)) and len(folded) <= 120


def find_deadline(text: str) -> str | None:
    """The deadline phrase of one task's text, verbatim, or None."""
    folded = fold_same_length(text)
    label = _LABEL.search(folded)
    if label:
        end = re.search(r"[;\n]|\.\s|$", folded[label.end() :])
        stop = label.end() + (end.start() if end else len(folded))
        phrase = _original(text, label.end(), stop)
        if phrase:
            return phrase
    for pattern in (_PAREN, _ITALIC):
        for match in pattern.finditer(text):
            inner = match.group(1)
            if is_deadline_phrase(inner):
                return clean(inner).strip(" ,.;:")
    governed = _GOVERNED.search(folded)
    if governed:
        return _original(text, governed.start(), governed.end())
    dinh_ky = _DINH_KY_RECURRENCE.search(folded)
    clause = _CLAUSE_RECURRENCE.search(folded)
    if dinh_ky and (clause is None or dinh_ky.start() <= clause.start(1)):
        return _original(text, dinh_ky.start(), dinh_ky.end())
    if clause:
        return _original(text, clause.start(1), clause.end(1))
    first = re.split(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯ])", text.strip(), maxsplit=1)[0]
    tail = _FIRST_SENTENCE_END.search(fold_same_length(first))
    if tail:
        return _original(first, tail.start(1), tail.end(1))
    return None


def strip_trailing_deadline(text: str) -> str:
    """The task text without a closing "(…deadline…)" parenthesis, for the title."""
    match = re.search(r"\s*\(\s*\*?([^()]{3,90}?)\*?\s*\)\s*[.;]?\s*$", text)
    if match and is_deadline_phrase(match.group(1)):
        return text[: match.start()].rstrip(" ,;")
    return text


def governed_spans(text: str) -> list[tuple[int, int]]:
    """Where *text* states a governed time ("trước ngày 25/6/2025", "trong năm 2026")."""
    return [(m.start(), m.end()) for m in _GOVERNED.finditer(fold_same_length(text))]
