"""Assignment tables ("Phụ lục phân công nhiệm vụ"): header, group rows, broken rows.

The header row says which column holds what; words differ between provinces ("Cơ quan chủ
trì", "Cơ quan chuẩn bị", "Đơn vị chủ trì"; "Thời gian", "Thời hạn", "Thời gian hoàn thành"),
so columns are recognised by keywords. A row whose first cell is a Roman numeral is a group
("II Lãnh đạo thực hiện nhiệm vụ chuyên môn"); a row with no number and only a title cell
continues the task above it (a row split by a page break). Columns that only carry an "X"
("Trình Ban Thường vụ ĐUK") become the task's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.domain.text import clean, fold
from desktop.extract.paragraphs import Block

_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("support", ("phoi hop",)),
    (
        "lead",
        (
            "chu tri",
            "chuan bi",
            "don vi thuc hien",
            "co quan thuc hien",
            "tham muu",
            "trach nhiem",
            "don vi",
            "co quan",
        ),
    ),
    ("deadline", ("thoi gian", "thoi han", "tien do", "hoan thanh")),
    ("output", ("hinh thuc", "ket qua", "san pham", "loai van ban")),
    (
        "title",
        ("ten nhiem vu", "noi dung", "nhiem vu", "ten de an", "ten van ban", "cong viec", "ten"),
    ),
    ("tt", ("stt", "tt", "so tt", "so thu tu")),
)
_ROMAN_CELL = re.compile(r"^\s*([IVX]{1,5})\s*[.:]?(?:\s+(.*))?$")
_NUMBER_CELL = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*)\s*[.)]?\s*$")


@dataclass
class TableTask:
    """One task row of an assignment table."""

    number: str
    title: str
    group: str | None
    group_title: str | None
    lead: str = ""
    support: str = ""
    deadline: str = ""
    output: str = ""
    notes: list[str] = field(default_factory=list)


def _column_of(header: str) -> str | None:
    key = fold(header)
    if not key:
        return None
    for name, words in _COLUMN_WORDS:
        if name == "tt":
            if key.strip(". ") in words:
                return name
            continue
        if any(word in key for word in words):
            return name
    return None


def header_columns(cells: tuple[str, ...]) -> dict[int, str] | None:
    """Column index → role, when *cells* is an assignment table's header row."""
    roles: dict[int, str] = {}
    for index, cell in enumerate(cells):
        role = _column_of(cell)
        if role and role not in roles.values():
            roles[index] = role
        elif clean(cell):
            roles[index] = "note"
    found = set(roles.values())
    if "title" in found and ({"lead", "deadline"} & found):
        return roles
    return None


def read_tables(blocks: list[Block]) -> list[TableTask]:
    """Every task row of every assignment table among *blocks*."""
    tasks: list[TableTask] = []
    roles: dict[int, str] | None = None
    headers: tuple[str, ...] = ()
    group: str | None = None
    group_title: str | None = None
    for block in blocks:
        if not block.is_row:
            if roles is not None and not (block.text.startswith("(") or len(block.text) < 3):
                roles = None
            continue
        cells = block.cells or ()
        found = header_columns(cells)
        if found is not None:
            roles, headers, group, group_title = found, cells, None, None
            continue
        if roles is None:
            continue
        by_role: dict[str, str] = {}
        notes: list[str] = []
        for index, cell in enumerate(cells):
            value = clean(cell)
            role = roles.get(index)
            if not value or role is None:
                continue
            if role == "note":
                if fold(value) in {"x", "v", "co", "✓"}:
                    notes.append(clean(headers[index]))
                else:
                    notes.append(f"{clean(headers[index])}: {value}")
            else:
                by_role[role] = value
        first = clean(cells[0]) if cells else ""
        roman = _ROMAN_CELL.match(first)
        number = _NUMBER_CELL.match(first)
        if roman and not number:
            group = roman.group(1)
            group_title = clean(roman.group(2) or by_role.get("title", "")) or None
            continue
        if number and by_role.get("title"):
            tasks.append(
                TableTask(
                    number=number.group(1),
                    title=by_role["title"],
                    group=group,
                    group_title=group_title,
                    lead=by_role.get("lead", ""),
                    support=by_role.get("support", ""),
                    deadline=by_role.get("deadline", ""),
                    output=by_role.get("output", ""),
                    notes=notes,
                )
            )
            continue
        if (
            not first
            and tasks
            and set(by_role) <= {"title", "lead", "support", "deadline", "output"}
            and by_role
        ):
            last = tasks[-1]
            for role, value in by_role.items():
                current = getattr(last, role if role != "title" else "title")
                setattr(last, role, f"{current} {value}".strip())
            last.notes.extend(notes)
    return tasks
