"""Assignment tables ("Phụ lục phân công nhiệm vụ"): header meaning, group rows, merged cells.

Provinces word their headers differently ("Cơ quan chủ trì", "Đơn vị chủ trì thực hiện",
"Người thực hiện"; "Thời gian", "Thời hạn", "Tiến độ"; "Nội dung", "Nhiệm vụ thực hiện") and
order the columns as they like, so a column is recognised by what its header means, in a
fixed order of questions (a "Thời gian thực hiện" column is a time, not a doer; "Nhiệm vụ
thực hiện" is the task, "Đơn vị được kiểm tra" its object). A table is a task list only when
it has a task column and a doer or a time column: the header and signature tables, "Nơi
nhận" and report forms to be filled in (results, cumulative figures, difficulties) give no
tasks.

Rows: a column-number row "(1) (2) (3)" is skipped; a group row (I., II., A., a bold title
spanning the table) names the group of the rows below it, and numbering may restart inside
each; a row without number and with fewer cells than the header lost its left cells to a
vertical merge (web copies drop merged cells), so its cells are the header's last ones and it
keeps the lead and support of the row above. Columns that only carry an "X" ("Trình Ban
Thường vụ ĐUK") become the task's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from desktop.domain.text import clean, fold
from desktop.extract.deadline_phrases import is_deadline_phrase
from desktop.extract.lines import Line
from desktop.extract.units import heading_unit

# (role, words): the first role whose words the folded header contains wins.
_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("support", ("phoi hop",)),
    ("deadline", ("thoi gian", "thoi han", "tien do", "hoan thanh", "thoi diem", "moc")),
    ("group", ("thuoc nhom", "nhom nhiem vu", "linh vuc")),
    ("title", ("duoc kiem tra", "duoc giam sat", "noi dung", "nhiem vu", "cong viec", "ten ")),
    (
        "lead",
        (
            "chu tri",
            "soan thao",
            "chuan bi",
            "thuc hien",
            "tham muu",
            "trach nhiem",
            "don vi",
            "co quan",
            "nguoi",
        ),
    ),
    ("output", ("hinh thuc", "ket qua", "san pham", "loai van ban", "chi tieu")),
    ("title", ("ten",)),
)
# Among several doer columns, the one that most plainly leads.
_LEAD_RANK = ("chu tri", "soan thao", "thuc hien", "chuan bi", "tham muu", "trach nhiem")
_TT = {"stt", "tt", "so tt", "so thu tu", "thu tu"}
_ROMAN_CELL = re.compile(r"^\s*(?:phần\s+)?([IVX]{1,5}|[A-ZĐ])\s*[.:)]?(?:\s+(.*))?$")
_NUMBER_CELL = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*)\s*[.)]?\s*$")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_BULLET = re.compile(r"^\s*[-–•+]\s*")
_HEADER_MAX = 80


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
    table: int = 0  # which table of the document
    inherited: list[str] = field(default_factory=list)  # fields taken from the row above
    has_lead_column: bool = True


def _column_of(header: str) -> str | None:
    key = fold(header).replace("*", "").strip()
    if not key:
        return None
    if key.strip(". ") in _TT:
        return "tt"
    for name, words in _COLUMN_WORDS:
        if any(word in key + " " for word in words):
            return name
    return None


def _lead_rank(header: str) -> int:
    key = fold(header)
    return next((i for i, word in enumerate(_LEAD_RANK) if word in key), len(_LEAD_RANK))


def header_columns(cells: tuple[str, ...]) -> dict[int, str] | None:
    """Column index → role, when *cells* is an assignment table's header row."""
    if any(len(clean(cell)) > _HEADER_MAX for cell in cells):
        return None  # a header names its columns; a long cell is content
    roles: dict[int, str] = {}
    leads: list[int] = []
    for index, cell in enumerate(cells):
        role = _column_of(cell)
        if role == "lead":
            leads.append(index)
        elif role and role not in roles.values():
            roles[index] = role
        elif clean(cell):
            roles[index] = "note"
    if leads:
        best = min(leads, key=lambda i: (_lead_rank(cells[i]), i))
        for index in leads:
            roles[index] = "lead" if index == best else "note"
    found = set(roles.values())
    if "title" in found and ({"lead", "deadline"} & found):
        return dict(sorted(roles.items()))
    return None


def _is_column_numbers(cells: tuple[str, ...]) -> bool:
    values = [clean(c) for c in cells if clean(c)]
    return len(values) >= 2 and all(_COLUMN_NUMBER.match(v) for v in values)


def _fit(value: str, role: str | None) -> int:
    """How well a cell's text suits a column (a time, a unit's name, a task's text)."""
    text = clean(value)
    if not text:
        return 0
    timed = is_deadline_phrase(text[:60])  # "Giai đoạn 2026 - 2027. Thực hiện rà soát …"
    unit = heading_unit(text) is not None
    if role == "deadline":
        return 3 if timed else -1
    if role in {"lead", "support"}:
        return (2 if unit else 0) - (3 if timed else 0)
    if role == "title":
        return (1 if len(text) > 15 and not unit else 0) - (3 if timed else 0)
    return -3 if timed else 0


def _aligned(
    cells: tuple[str, ...], width: int, roles: dict[int, str] | None = None
) -> tuple[str, ...]:
    """Place a short row's cells under the header's columns.

    A web copy drops the cells a vertical merge covered, wherever they were: the row's
    cells keep their order and go where their text fits best (a time under the time
    column, a name under a unit column); on a tie, to the right, as merges are most often
    on the left (number, lead, support).
    """
    if len(cells) >= width:
        return cells
    roles = roles or {}
    best: tuple[int, tuple[int, ...]] | None = None
    for places in combinations(range(width), len(cells)):
        score = sum(_fit(cell, roles.get(place)) for cell, place in zip(cells, places, strict=True))
        key = (score, places)
        if best is None or key > best:
            best = key
    placed = [""] * width
    for cell, place in zip(cells, best[1] if best else (), strict=True):
        placed[place] = cell
    return tuple(placed)


class _Table:
    """The state of one table while its rows are read."""

    def __init__(self, roles: dict[int, str], headers: tuple[str, ...], number: int) -> None:
        self.roles = roles
        self.headers = headers
        self.number = number
        self.group: str | None = None
        self.group_title: str | None = None
        self.tasks: list[TableTask] = []
        self.numbered = False

    def _group_row(self, cells: tuple[str, ...], bold: bool) -> bool:
        values = [clean(c) for c in cells if clean(c)]
        if not values:
            return True
        first = clean(cells[0]) if cells else ""
        roman = _ROMAN_CELL.match(first.replace("*", ""))
        if roman and not _NUMBER_CELL.match(first):
            self.group = roman.group(1)
            rest = [v for v in values[1:] if v != first]
            self.group_title = clean(roman.group(2) or (rest[0] if rest else "")) or None
            return True
        distinct = set(values)
        if len(distinct) == 1 and (bold or len(values) > 1) and not _NUMBER_CELL.match(first):
            # A title spanning the whole table (python-docx repeats a merged cell).
            self.group, self.group_title = None, values[0]
            return True
        return False

    def read(self, line: Line) -> None:
        cells = line.cells or ()
        if _is_column_numbers(cells) or self._group_row(cells, line.bold):
            return
        width = len(self.headers)
        short = len(cells) < width
        cells = _aligned(cells, width, self.roles)
        by_role: dict[str, str] = {}
        notes: list[str] = []
        for index, cell in enumerate(cells):
            value = clean(cell)
            role = self.roles.get(index)
            if not value or role is None or role == "tt":
                continue
            if role == "note":
                header = clean(self.headers[index]).replace("*", "")
                ticked = fold(value) in {"x", "v", "co", "✓"}
                notes.append(header if ticked else f"{header}: {value}")
            else:
                by_role[role] = value
        first = clean(cells[0]) if cells else ""
        number = _NUMBER_CELL.match(first)
        if number:
            self.numbered = True
        title = _BULLET.sub("", by_role.get("title", ""))
        if not title:
            return
        previous = self.tasks[-1] if self.tasks else None
        if (
            not number
            and previous is not None
            and self.numbered
            and not short
            and set(by_role) == {"title"}
        ):
            # A row split by a page break continues the task above.
            previous.title = f"{previous.title} {title}".strip()
            previous.notes.extend(notes)
            return
        task = TableTask(
            number=number.group(1) if number else "",
            title=title,
            group=self.group,
            group_title=self.group_title,
            lead=by_role.get("lead", ""),
            support=by_role.get("support", ""),
            deadline=by_role.get("deadline", ""),
            output=by_role.get("output", ""),
            notes=notes,
            table=self.number,
            has_lead_column="lead" in self.roles.values(),
        )
        if not number and previous is not None and short:
            for role in ("lead", "support", "deadline"):
                if not getattr(task, role) and getattr(previous, role):
                    setattr(task, role, getattr(previous, role))
                    task.inherited.append(role)
            task.number = previous.number
        self.tasks.append(task)


def read_tables(blocks: list[Line]) -> list[TableTask]:
    """Every task row of every assignment table among *blocks*."""
    tasks: list[TableTask] = []
    table: _Table | None = None
    count = 0
    for block in blocks:
        if not block.is_row:
            if table is not None and not (block.text.startswith("(") or len(block.text) < 3):
                tasks.extend(table.tasks)
                table = None
            continue
        cells = block.cells or ()
        found = header_columns(cells)
        if found is not None and (table is None or not table.tasks or block.bold):
            if table is not None:
                tasks.extend(table.tasks)
            count += 1
            table = _Table(found, cells, count)
            continue
        if table is not None:
            table.read(block)
    if table is not None:
        tasks.extend(table.tasks)
    return tasks
