"""The editable import preview: one row per task of the file, as the user will import it.

The model holds the tasks' data (:class:`~desktop.services.task_json.TaskData`, already
validated) and what the user changed in it. Nothing here decides what an import does: on
"Nhập" the dialog gives :meth:`PreviewModel.edited_tasks` to
:func:`~desktop.services.importer.replan`, which checks the edits by the file's rules and
makes the plan again, so the preview's edits go through the same validation and the same
one transaction as a file's tasks.

A deadline phrase is re-read as it is typed with the reader the add-task dialog uses
(:func:`~desktop.services.task_editing.read_phrase`). Fields the extractor guessed, text it
repaired, a unit that only resembles an existing one, a deadline that cannot be read and a
field the user corrected before that the file now changes are highlighted; such rows
"need a look" (:meth:`PreviewModel.needs_review`) and the "Cần xem lại" filter shows them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.deadline_spec import DeadlineKind
from desktop.domain.quarters import Quarter
from desktop.domain.text import clean
from desktop.services.importer import EditedTask, ImportPlan, PlanAction, PlannedTask
from desktop.services.task_editing import KIND_WORDS, DeadlineReading, read_phrase
from desktop.services.task_json import TaskData
from desktop.services.units import UnitChoices
from desktop.ui.headed_table import HeadedTableModel
from desktop.ui.task_editor import split_units

_Index = QModelIndex | QPersistentModelIndex

COL_ID, COL_TITLE, COL_LEAD, COL_SUPPORT, COL_DEADLINE, COL_READING, COL_ACTION = range(7)
HEADERS = (
    "Nhập · Mã",
    "Nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Hạn đọc được",
    "Việc",
)
# The user mark (derived.USER_FIELDS) each editable column corrects.
COLUMN_MARK = {
    COL_TITLE: "title",
    COL_LEAD: "lead_unit",
    COL_SUPPORT: "support_units",
    COL_DEADLINE: "deadline",
}
# Which column shows each field a task JSON (version 2) may list as guessed.
GUESSED_COLUMNS = {
    "ext_id": COL_ID,
    "title": COL_TITLE,
    "lead_unit": COL_LEAD,
    "support_units": COL_SUPPORT,
    "deadline_text": COL_DEADLINE,
    "due": COL_READING,
}
ACTION_LABELS = {PlanAction.NEW: "Mới", PlanAction.UPDATE: "Cập nhật", PlanAction.SAME: "Không đổi"}
MARK_LABELS = {
    "title": "Nội dung",
    "section": "Mục",
    "lead_unit": "Đơn vị chủ trì",
    "support_units": "Đơn vị phối hợp",
    "deadline": "Thời hạn",
    "output_form": "Hình thức sản phẩm",
}

UNREAD_TEXT = "Chưa đọc được"
NO_DEADLINE_TEXT = "không ghi thời hạn"
NEW_UNIT = "mới"
GUESSED_TIP = "Trường này do chương trình đoán ra, không đọc từ chỗ ghi rõ — hãy kiểm tra."
REPAIRED_TIP = "Chữ của nhiệm vụ đã được khôi phục (bản PDF làm mất chữ) — hãy đối chiếu."
NEW_UNIT_TIP = "Đơn vị chưa có trong danh sách: sẽ được tạo khi nhập."
EDITED_TIP = "Bạn đã sửa ô này; lần nhập lại văn bản sau sẽ không ghi đè."

REVIEW_BACKGROUND = QColor("#fff3d6")  # what the extractor guessed, or cannot read
CONFLICT_BACKGROUND = QColor("#e3efff")  # the user's correction meets a change in the file
EDITED_FOREGROUND = QColor("#0b5394")
UNREAD_FOREGROUND = QColor("#b3261e")
LEFT_OUT_FOREGROUND = QColor("#8a8a8a")


@dataclass
class PreviewRow:
    """One task of the preview, with the user's edits."""

    data: TaskData
    planned: PlannedTask | None  # what the last plan made of it; None: added since
    included: bool = True
    added: bool = False
    corrected: set[str] = field(default_factory=set)
    take_file: set[str] = field(default_factory=set)
    phrase_read: DeadlineReading | None = None  # the phrase re-read after the user typed
    review: bool | None = None  # whether it needs a look; None: not worked out since a change

    @property
    def conflicts(self) -> tuple[str, ...]:
        """Marks of fields the file changes but the user corrected before (not re-edited)."""
        if self.planned is None or not self.planned.user_kept:
            return ()  # the common case, asked for every cell: answered at once
        return tuple(m for m in self.planned.conflicts if m not in self.corrected)

    def keeps_mine(self, mark: str) -> bool:
        if self.planned is None or not self.planned.user_kept:
            return False
        return mark in self.conflicts and mark not in self.take_file

    def mine(self, mark: str) -> str | None:
        return dict(self.planned.mine).get(mark) if self.planned is not None else None

    def shown(self, column: int) -> str | None:
        """The value the import will leave in the database for an editable column."""
        mark = COLUMN_MARK.get(column)
        if mark is not None and self.keeps_mine(mark):
            return self.mine(mark)
        data = self.data
        if column == COL_TITLE:
            return data.title
        if column == COL_LEAD:
            return data.lead_unit
        if column == COL_SUPPORT:
            return "; ".join(data.support_units) or None
        if column == COL_DEADLINE:
            return data.deadline_text
        return None

    def guessed_columns(self) -> set[int]:
        """The columns showing a field the extractor guessed and the user has not corrected."""
        fields = set(self.data.guessed)
        if "deadline" in self.corrected:
            fields -= {"deadline_text", "due"}
        for column, mark in COLUMN_MARK.items():
            if mark in self.corrected:
                fields -= {name for name, c in GUESSED_COLUMNS.items() if c == column}
        return {GUESSED_COLUMNS[name] for name in fields if name in GUESSED_COLUMNS}


class PreviewModel(HeadedTableModel):
    """The rows of the import preview; edits change the rows, never the database."""

    headings = HEADERS

    changed = Signal()  # any edit: counts and buttons follow

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []
        self._plan: ImportPlan | None = None
        self._units = UnitChoices((), frozenset(), frozenset())
        self._alike: dict[str, list[str]] = {}

    # --- filling --------------------------------------------------------------------

    def set_plan(
        self,
        plan: ImportPlan | None,
        units: UnitChoices | None = None,
        rows: list[PreviewRow] | None = None,
    ) -> None:
        """Show a fresh plan: the file's tasks, none edited yet.

        Args:
            rows: :func:`preview_rows` of *plan*, made on the worker with the plan (at
                100,000 tasks, making them here would hold the window up a second).
        """
        self.beginResetModel()
        self._plan = plan
        if units is not None:
            self._units = units
        if rows is None:
            rows = preview_rows(plan) if plan is not None else []
        self._rows = rows
        self._alike = _alike(plan)
        self.endResetModel()
        self.changed.emit()

    def replanned(self, plan: ImportPlan) -> None:
        """A plan re-made from :meth:`edited_tasks`: each included row gets its new reading.

        The user's marks stay with their rows; rows left out keep what they showed.
        """
        self.beginResetModel()
        self._plan = plan
        included = [row for row in self._rows if row.included]
        for row, planned in zip(included, plan.tasks, strict=True):
            row.data = planned.data
            row.planned = planned
            row.phrase_read = None
        for row in self._rows:
            row.review = None
        self._alike = _alike(plan)
        self.endResetModel()
        self.changed.emit()

    @property
    def plan(self) -> ImportPlan | None:
        return self._plan

    @property
    def units(self) -> UnitChoices:
        return self._units

    # --- what the dialog asks ---------------------------------------------------------

    def row(self, row: int) -> PreviewRow:
        return self._rows[row]

    def rows(self) -> Iterator[PreviewRow]:
        return iter(self._rows)

    @property
    def edited(self) -> bool:
        """Whether anything differs from the plan as made from the file."""
        return any(
            r.added or r.corrected or r.take_file or not r.included or r.planned is None
            for r in self._rows
        )

    @property
    def included_count(self) -> int:
        return sum(1 for r in self._rows if r.included)

    @property
    def edited_count(self) -> int:
        return sum(1 for r in self._rows if r.added or r.corrected)

    def edited_tasks(self) -> tuple[EditedTask, ...]:
        """The rows to import, for :func:`~desktop.services.importer.replan`."""
        return tuple(
            EditedTask(
                data=r.data,
                added=r.added,
                corrected=frozenset(r.corrected),
                take_file=frozenset(r.take_file),
            )
            for r in self._rows
            if r.included
        )

    def left_alone(self) -> tuple[str, ...]:
        """Ids of tasks already imported that the user left out: kept as they are."""
        return tuple(
            r.data.ext_id
            for r in self._rows
            if not r.included and r.planned is not None and r.planned.action != PlanAction.NEW
        )

    def review_reasons(self, row: int) -> list[str]:
        """Why a row needs a look (empty: it does not)."""
        item = self._rows[row]
        reasons = [GUESSED_TIP] * bool(self._guessed_columns(item))
        if item.data.repaired and "title" not in item.corrected:
            reasons.append(REPAIRED_TIP)
        reasons += [self._alike_tip(name) for name in self._alike_names(item)]
        reading = self.reading(row)
        if reading is not None and not reading.understood:
            reasons.append(UNREAD_TEXT)
        reasons += [
            f"{MARK_LABELS.get(m, m)}: bạn đã sửa, tệp mới ghi khác." for m in item.conflicts
        ]
        return reasons

    def needs_review(self, row: int) -> bool:
        item = self._rows[row]
        if item.review is None:  # worked out once per change: the filter asks for every row
            item.review = self._needs_review(row, item)
        return item.review

    def _needs_review(self, row: int, item: PreviewRow) -> bool:
        found = quick_review(item, self._alike)
        if found is not None:
            return found
        reading = self.reading(row)
        return reading is not None and not reading.understood

    @property
    def review_count(self) -> int:
        return sum(1 for row in range(len(self._rows)) if self.needs_review(row))

    def conflicts(self) -> list[tuple[int, str]]:
        """(row, mark) of every field where the user's correction meets the file's change."""
        return [(i, mark) for i, r in enumerate(self._rows) for mark in r.conflicts]

    def set_take_file(self, row: int, mark: str, take: bool) -> None:
        """The conflict chooser: the file's value (*take*) or the user's (the default)."""
        item = self._rows[row]
        if take:
            item.take_file.add(mark)
        else:
            item.take_file.discard(mark)
        self._row_changed(row)

    def reading(self, row: int) -> DeadlineReading | None:
        """The deadline as read (None: no phrase, no deadline)."""
        item = self._rows[row]
        phrase = self._shown(item, COL_DEADLINE)
        if item.phrase_read is not None:
            return item.phrase_read
        if item.keeps_mine("deadline") or item.planned is None:
            return self._read(phrase) if phrase else None
        planned = item.planned
        if not phrase and planned.due is None:
            return None
        due = planned.due
        if planned.kind is DeadlineKind.RECURRING and planned.occurrence_dues:
            due = planned.occurrence_dues[0]
        return DeadlineReading(
            kind=planned.kind.value,
            due=due,
            quarter=Quarter.of(due).label if due else None,
            understood=not planned.unread,
            occurrences=len(planned.occurrence_dues),
        )

    # --- editing ----------------------------------------------------------------------

    def add_row(self, after: int | None = None) -> int:
        """A task the extractor missed, below row *after* (else at the end); returns its row."""
        at = len(self._rows) if after is None else after + 1
        lead = self._rows[after].data.lead_unit if after is not None else None
        row = PreviewRow(TaskData(ext_id="", title="", lead_unit=lead), None, added=True)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()
        self.changed.emit()
        return at

    def split_row(self, row: int, position: int) -> int:
        """Split the title at *position*; the rest becomes a new task below it.

        The new task has the same units and deadline. Returns its row, or -1 when either
        half would be empty.
        """
        item = self._rows[row]
        title = self._shown(item, COL_TITLE) or ""
        first, second = clean(title[:position]), clean(title[position:])
        if not first or not second:
            return -1
        self.setData(self.index(row, COL_TITLE), first)
        data = replace(
            item.data,
            ext_id="",
            title=second,
            lead_unit=self._shown(item, COL_LEAD),
            deadline_text=self._shown(item, COL_DEADLINE),
            guessed=(),
            repaired=False,
        )
        new = PreviewRow(data, None, added=True, phrase_read=None)
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        self._rows.insert(row + 1, new)
        self.endInsertRows()
        new.phrase_read = self._read(data.deadline_text) if data.deadline_text else None
        self.changed.emit()
        return row + 1

    def drop_row(self, row: int) -> None:
        """A row that is not a task: one the user added goes; one of the file is left out."""
        item = self._rows[row]
        if item.added:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.changed.emit()
        else:
            self.setData(
                self.index(row, COL_ID), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
            )

    # --- Qt model -----------------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_ID:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() in COLUMN_MARK:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), item, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_SUPPORT:
                return self._shown(item, column) or ""
            return self._shown(item, column) if column in COLUMN_MARK else None
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_ID:
            return Qt.CheckState.Checked if item.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), item, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(index.row(), item, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(index.row(), item, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(index.row(), item, column)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return "; ".join(self._cell_notes(index.row(), item, column)) or None
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_ID:
            item.included = Qt.CheckState(value) == Qt.CheckState.Checked
            self._row_changed(index.row())
            return True
        if role != Qt.ItemDataRole.EditRole or column not in COLUMN_MARK:
            return False
        text = clean(str(value or ""))
        if column == COL_TITLE and not text:
            return False  # a task has a title: the edit is refused, the old one stays
        if column == COL_SUPPORT:
            before: Any = tuple(split_units(self._shown(item, column) or ""))
            after: Any = split_units(text)
        else:
            before, after = self._shown(item, column), text or None
        if before == after:
            return False
        data = item.data
        if column == COL_TITLE:
            item.data = replace(data, title=text)
        elif column == COL_LEAD:
            item.data = replace(data, lead_unit=after)
        elif column == COL_SUPPORT:
            item.data = replace(data, support_units=after)
        else:
            # The typed phrase rules: a date the file gave beside the old phrase goes.
            item.data = replace(data, deadline_text=after, due=None)
            item.phrase_read = self._read(after) if after else None
        if not item.added:
            item.corrected.add(COLUMN_MARK[column])
        self._row_changed(index.row())
        return True

    # --- internals ----------------------------------------------------------------------

    def _row_changed(self, row: int) -> None:
        self._rows[row].review = None
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.changed.emit()

    def _read(self, phrase: str) -> DeadlineReading:
        plan = self._plan
        issued = plan.document.issued if plan is not None else None
        horizon = plan.horizon if plan is not None else None
        return read_phrase(phrase, issued, horizon)

    def _shown(self, item: PreviewRow, column: int) -> str | None:
        return item.shown(column)

    def _display(self, row: int, item: PreviewRow, column: int) -> Any:
        if column == COL_ID:
            return item.data.ext_id or "(mới thêm)"
        if column == COL_LEAD:
            name = self._shown(item, column)
            if not name:
                return "—"
            return f"{name}  ({NEW_UNIT})" if self._units.is_new(name) else name
        if column == COL_SUPPORT:
            names = split_units(self._shown(item, column) or "")
            return "; ".join(f"{n} ({NEW_UNIT})" if self._units.is_new(n) else n for n in names)
        if column in COLUMN_MARK:
            return self._shown(item, column) or ("—" if column == COL_DEADLINE else "")
        if column == COL_READING:
            return reading_text(self.reading(row))
        if column == COL_ACTION:
            if not item.included:
                return "Không nhập"
            if item.added:
                return "Thêm"
            if item.planned is None:
                return ""
            return ACTION_LABELS.get(item.planned.action, str(item.planned.action))
        return None

    def _guessed_columns(self, item: PreviewRow) -> set[int]:
        return item.guessed_columns()

    def _alike_names(self, item: PreviewRow, column: int | None = None) -> list[str]:
        return alike_names(item, self._alike, column)

    def _alike_tip(self, name: str) -> str:
        others = "”, “".join(self._alike[name])
        return (
            f"“{name}” có thể là đơn vị đã có “{others}”. Nếu đúng, hãy chọn tên đó trong ô; "
            "nếu là đơn vị khác, để nguyên."
        )

    def _cell_notes(self, row: int, item: PreviewRow, column: int) -> list[str]:
        notes: list[str] = []
        if column in self._guessed_columns(item):
            notes.append(GUESSED_TIP)
        if column == COL_TITLE and item.data.repaired and "title" not in item.corrected:
            notes.append(REPAIRED_TIP)
        if column in (COL_LEAD, COL_SUPPORT):
            notes += [self._alike_tip(n) for n in self._alike_names(item, column)]
            names = (
                [self._shown(item, column) or ""]
                if column == COL_LEAD
                else list(split_units(self._shown(item, column) or ""))
            )
            if any(n and self._units.is_new(n) for n in names):
                notes.append(NEW_UNIT_TIP)
        if column == COL_READING:
            reading = self.reading(row)
            if reading is not None and not reading.understood:
                notes.append(
                    "Chưa đọc được thời hạn này: sửa lại ở cột “Thời hạn” (ví dụ "
                    "“Quý III năm 2024”, “trước ngày 15/11/2022”), hoặc để nguyên."
                )
        mark = COLUMN_MARK.get(column)
        if mark is not None and mark in item.conflicts:
            choice = "của bạn" if item.keeps_mine(mark) else "trong tệp"
            notes.append(
                f"Bạn đã sửa: “{item.mine(mark) or '—'}”. Tệp mới ghi: "
                f"“{_file_value(item, mark) or '—'}”. Đang giữ bản {choice} "
                "(chọn ở thẻ “Bạn đã sửa”)."
            )
        elif mark is not None and mark in item.corrected:
            notes.append(EDITED_TIP)
        return notes

    def _tooltip(self, row: int, item: PreviewRow, column: int) -> str | None:
        shown = self._display(row, item, column)
        notes = self._cell_notes(row, item, column)
        reading = self.reading(row) if column == COL_READING else None
        if reading is not None and reading.understood:
            notes.append(f"Đọc được: {reading.summary}")
        if column == COL_ID and not item.included:
            notes.append("Dòng này sẽ không được nhập (đánh dấu lại để nhập).")
        if column == COL_ID:
            notes += self.review_reasons(row)
        lines = [str(shown)] if shown else []
        return "\n".join(lines + list(dict.fromkeys(notes))) or None

    def _background(self, row: int, item: PreviewRow, column: int) -> QBrush | None:
        mark = COLUMN_MARK.get(column)
        if mark is not None and mark in item.conflicts:
            return QBrush(CONFLICT_BACKGROUND)
        notes = self._cell_notes(row, item, column)
        if column in (COL_LEAD, COL_SUPPORT):
            notes = [n for n in notes if n != NEW_UNIT_TIP]
        if column == COL_ID:
            notes = self.review_reasons(row)
        return QBrush(REVIEW_BACKGROUND) if notes and mark not in item.corrected else None

    def _foreground(self, row: int, item: PreviewRow, column: int) -> QBrush | None:
        if not item.included:
            return QBrush(LEFT_OUT_FOREGROUND)
        if column == COL_READING:
            reading = self.reading(row)
            if reading is not None and not reading.understood:
                return QBrush(UNREAD_FOREGROUND)
        mark = COLUMN_MARK.get(column)
        if item.added or (mark is not None and mark in item.corrected):
            return QBrush(EDITED_FOREGROUND)
        return None

    def _font(self, row: int, item: PreviewRow, column: int) -> QFont | None:
        guessed = column in self._guessed_columns(item)
        repaired = column == COL_TITLE and item.data.repaired and "title" not in item.corrected
        if not (guessed or repaired or not item.included or column == COL_READING):
            return None
        font = QFont()
        if guessed or repaired:
            font.setItalic(True)
        if not item.included:
            font.setStrikeOut(True)
        if column == COL_READING and item.included:
            reading = self.reading(row)
            font.setBold(reading is not None and not reading.understood)
        return font


class ReviewFilter(QSortFilterProxyModel):
    """All rows, or only those that need a look ("Cần xem lại")."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._review_only = False

    @property
    def review_only(self) -> bool:
        return self._review_only

    def set_review_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._review_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not self._review_only or not isinstance(model, PreviewModel):
            return True
        return model.needs_review(source_row)


def preview_rows(plan: ImportPlan) -> list[PreviewRow]:
    """The preview's rows for a fresh plan, each knowing whether it needs a look.

    Pure Python, so the import dialog makes them on the worker that made the plan.
    """
    alike = _alike(plan)
    rows = [PreviewRow(t.data, t) for t in plan.tasks]
    for row in rows:
        row.review = quick_review(row, alike)
    return rows


def quick_review(item: PreviewRow, alike: dict[str, list[str]]) -> bool | None:
    """Whether a row needs a look, told without building the reasons' texts.

    None when only reading a typed phrase can tell (the model then reads it).
    """
    data, planned = item.data, item.planned
    if (data.guessed and item.guessed_columns()) or item.conflicts:
        return True
    if data.repaired and "title" not in item.corrected:
        return True
    if alike and alike_names(item, alike):
        return True
    if item.phrase_read is not None:
        return not item.phrase_read.understood
    if planned is not None and not item.keeps_mine("deadline"):
        return planned.unread
    return None


def alike_names(
    item: PreviewRow, alike: dict[str, list[str]], column: int | None = None
) -> list[str]:
    """The row's unit names (lead, support, or both) that only resemble an existing unit."""
    names: list[str] = []
    if column in (None, COL_LEAD):
        names += [item.shown(COL_LEAD) or ""]
    if column in (None, COL_SUPPORT):
        names += list(split_units(item.shown(COL_SUPPORT) or ""))
    return [n for n in names if n in alike]


def _alike(plan: ImportPlan | None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, other in plan.unit_suggestions if plan is not None else ():
        found.setdefault(name, []).append(other)
    return found


def _file_value(item: PreviewRow, mark: str) -> str | None:
    return item.planned.file_value(mark) if item.planned is not None else None


def reading_text(reading: DeadlineReading | None) -> str:
    """The reading in a narrow column: the due date first, then the quarter and the kind.

    The add-task dialog's :attr:`DeadlineReading.summary` puts the kind first; in a table
    the date is what the eye looks for, and what must survive when the column is cut.
    """
    if reading is None:
        return NO_DEADLINE_TEXT
    if not reading.understood:
        return UNREAD_TEXT
    parts = [f"{reading.due:%d/%m/%Y}"] if reading.due is not None else []
    if reading.quarter:
        parts.append(reading.quarter)
    kind = KIND_WORDS.get(reading.kind, reading.kind)
    parts.append(f"{kind}, {reading.occurrences} kỳ" if reading.occurrences > 1 else kind)
    return " · ".join(parts)
