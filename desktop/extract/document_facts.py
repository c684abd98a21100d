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


def _starts_with_type(line: str) -> bool:
    """Whether the document type, in capitals, opens *line*.

    "KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA …" and "KẾ HOẠCH thực hiện …" all count: what
    follows the type is either capitals too or the title's lower-case words.
    """
    for doc_type in _DOC_TYPES:
        if line.startswith(doc_type):
            rest = line[len(doc_type) :]
            return not rest or rest[0] in " :" or line.upper() == line
    return False


def _title(header: list[str]) -> str | None:
    """The title: the line that opens with the document type, and the lines after it.

    The title ends at a blank line or a heading; a blank line right after a bare "KẾ HOẠCH"
    does not end it.
    """
    for index, line in enumerate(header):
        if not _starts_with_type(line):
            continue
        parts = [line]
        for follow in header[index + 1 : index + 6]:
            if not follow:
                if len(parts) > 1 or line.upper() != line:
                    break
                continue
            if follow.upper().startswith(("PHẦN THỨ", "SỐ ")) or _starts_with_type(follow):
                break
            parts.append(follow)
        return clean(" ".join(parts)).strip('"“” ')
    return None


_NOT_ISSUER = re.compile(
    r"^(?:ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐỘC LẬP\b)", re.IGNORECASE
)


def _header_issuer(header: list[str]) -> str | None:
    """The body that issues the document, from the top-left header block.

    It is the upper-case line just above "Số …": "ĐẢNG BỘ TỈNH NGHỆ AN / HUYỆN ỦY NAM ĐÀN /
    * / Số 112-KH/HU" → "HUYỆN ỦY NAM ĐÀN" (the line above it names the party organisation the
    body belongs to, not the issuer). Kept as written, capitals included: the importer matches
    units after normalisation. Used only when no "Ban Chấp hành … ban hành" sentence names it.
    """
    for index, line in enumerate(header):
        if not _NUMBER.search(line):
            continue
        for above in reversed(header[:index]):
            text = _NOT_ISSUER.sub("", above).strip(" *-_")
            if not text:
                continue
            letters = [ch for ch in text if ch.isalpha()]
            if len(letters) >= 4 and all(ch.isupper() for ch in letters):
                return clean(text)
            if _NOT_ISSUER.match(above.strip(" *")):
                continue
            return None
        return None
    return None


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
    title = _title(header)
    found_issuer = _ISSUER.search(full[:6000])
    issuer = clean(found_issuer.group(1)) if found_issuer else _header_issuer(header)
    if issuer is None:
        for line in cleaned:
            sig = _SIGNATURE.match(line)
            if sig:
                issuer = sig.group(1).strip().capitalize()
                break
    is_report = bool(
        (title and title.upper().startswith("BÁO CÁO")) or (number and re.search(r"-BC\b", number))
    )
    return DocumentFacts(number, title, issued, issuer, is_report)
