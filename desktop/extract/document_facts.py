"""The document's own number, issue date, title and issuer, from its header and annex line.

Only the header (before the first section) is searched for the number and the place-and-date
line, so that the many documents a programme cites ("Chương trình hành động số 11-CTr/TU ngày
28/02/2021 …") are not taken for its own. An annex line "(Ban hành kèm theo Chương trình số
10-CTr/ĐUK, ngày 07 tháng 4 năm 2021 …)" names the document it belongs to, and is used when
the header has lost them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop.domain.text import clean

_NUMBER = re.compile(
    r"\bS[ốố]\s*:?\s*(\d{1,5}\s*[-–]\s*[A-ZĐa-zđ]{1,8}(?:\s*/\s*[A-ZĐa-zđ0-9-]{1,12}){1,3})"
)
_PLACE_DATE = re.compile(
    r"(?:^|\s)([A-ZĐ][^\d,;:()]{1,40}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
)
_ANNEX = re.compile(
    r"kèm theo\s+[^()]{0,60}?số\s+(\d{1,5}\s*[-–]\s*[A-ZĐa-zđ]{1,8}(?:/[A-ZĐa-zđ0-9-]{1,12}){1,3})"
    r"\s*,?\s*ngày\s+(\d{1,2})(?:\s+tháng\s+|\s*/\s*)(\d{1,2})(?:\s+năm\s+|\s*/\s*)(\d{4})",
    re.IGNORECASE,
)
_DOC_TYPES = (
    "CHƯƠNG TRÌNH",
    "KẾ HOẠCH",
    "BÁO CÁO",
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "HƯỚNG DẪN",
    "THÔNG BÁO",
    "ĐỀ ÁN",
    "KẾT LUẬN",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "CÔNG VĂN",
)
_ISSUER = re.compile(
    r"(Ban (?:Chấp hành|Thường vụ) [^,;()]{3,90}?)\s*(?:\([^)]{0,40}\)\s*)?"
    r"(?:đã\s+)?(?:ban hành|xây dựng|báo cáo)\s+(?:Chương trình|Kế hoạch|kết quả|Nghị quyết)",
)
_SIGNATURE = re.compile(r"^T\.?\s*/?\s*M\.?\s*/?\s+(.{3,60})$", re.IGNORECASE)


@dataclass(frozen=True)
class DocumentFacts:
    number: str | None
    title: str | None
    issued: date | None
    issuer: str | None
    is_report: bool


def _normalise_number(raw: str) -> str:
    return re.sub(r"\s*([-–/])\s*", r"\1", clean(raw)).replace("–", "-")


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _header_lines(lines: list[str]) -> list[str]:
    header: list[str] = []
    for line in lines:
        if re.match(r"^\s*(?:[IVX]{1,4}\s*\.|\d{1,2}\s*\.\s|Căn cứ|Thực hiện|Phần thứ)", line):
            break
        header.append(line)
        if len(header) > 40:
            break
    return header


def read_facts(lines: list[str]) -> DocumentFacts:
    """Read the facts from the document's lines (markup already stripped)."""
    cleaned = [clean(line) for line in lines]
    header = _header_lines(cleaned)
    header_text = "\n".join(header)
    number = None
    match = _NUMBER.search(header_text)
    if match:
        number = _normalise_number(match.group(1))
    issued = None
    for line in header:
        found = _PLACE_DATE.search(line)
        if found:
            issued = _safe_date(found.group(4), found.group(3), found.group(2))
            break
    full = "\n".join(cleaned)
    annex = _ANNEX.search(full)
    if annex:
        number = number or _normalise_number(annex.group(1))
        issued = issued or _safe_date(annex.group(4), annex.group(3), annex.group(2))
    title = None
    for index, line in enumerate(header):
        if line.upper().startswith(_DOC_TYPES) and line.upper() == line:
            parts = [line]
            for follow in header[index + 1 : index + 6]:
                if not follow:
                    if len(parts) > 1:
                        break
                    continue
                if follow.upper().startswith(("PHẦN THỨ", "SỐ ")):
                    break
                parts.append(follow)
            title = clean(" ".join(parts)).strip('"“” ')
            break
    issuer = None
    found_issuer = _ISSUER.search(full[:6000])
    if found_issuer:
        issuer = clean(found_issuer.group(1))
    else:
        for line in cleaned:
            sig = _SIGNATURE.match(line)
            if sig:
                issuer = sig.group(1).strip().capitalize()
                break
    is_report = bool(
        (title and title.upper().startswith("BÁO CÁO")) or (number and re.search(r"-BC\b", number))
    )
    return DocumentFacts(number, title, issued, issuer, is_report)
