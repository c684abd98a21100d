"""The "Chỉ tiêu" tab of the import preview: the file's targets, editable like the tasks.

One row per target, sub-targets ("trong đó ít nhất 75% …") indented under their target.
The user leaves a target out (check box), corrects its text, value and unit; what
:meth:`TargetsModel.edited_targets` returns is what the import writes, checked again by
the file's rules (:func:`~desktop.services.target_import.replan_targets`). The comparison
is said in words (:data:`~desktop.domain.targets.COMPARISON_WORDS`), never as "gt".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from desktop.domain.targets import COMPARISON_WORDS, Comparison, format_number, parse_number
from desktop.domain.text import clean
from desktop.services.target_import import TargetPlan
from desktop.services.target_json import TargetData
from desktop.ui.headed_table import HeadedTableModel
from desktop.ui.import_preview_model import EDITED_FOREGROUND, LEFT_OUT_FOREGROUND

_Index = QModelIndex | QPersistentModelIndex

COL_ID, COL_TEXT, COL_COMPARISON, COL_VALUE, COL_UNIT, COL_PERIOD, COL_ACTION = range(7)
HEADERS = ("Mã", "Chỉ tiêu", "So sánh", "Giá trị", "Đơn vị tính", "Thời kỳ", "Khi nhập")
EDITABLE = {COL_TEXT: "text", COL_VALUE: "value", COL_UNIT: "unit"}
SUB_INDENT = "    ↳ "
_RANGE = re.compile(r"^(.+?)\s*(?:-|–|—|đến)\s*(.+)$")


@dataclass
class TargetRow:
    """One target as the user sees it; *data* holds the user's edits."""

    data: TargetData
    action: str
    included: bool = True
    edited: set[str] = field(default_factory=set)


def _action(plan: TargetPlan, ext_id: str) -> str:
    if ext_id in plan.new:
        return "mới"
    return "cập nhật" if ext_id in plan.updated else "không đổi"


def value_text(data: TargetData) -> str:
    """The planned figure as typed in the "Giá trị" cell: "90", "15 - 20", "" (định tính)."""
    if data.value is None:
        return ""
    if data.comparison is Comparison.RANGE and data.value_max is not None:
        return f"{format_number(data.value)} - {format_number(data.value_max)}"
    return format_number(data.value)


def read_value(comparison: Comparison, text: str) -> tuple[float, float | None] | None:
    """What the user typed as a value: a number, or "từ - đến" for a range; None if neither."""
    if comparison is Comparison.RANGE:
        found = _RANGE.match(clean(text))
        if found is None:
            return None
        low, high = parse_number(found.group(1)), parse_number(found.group(2))
        return (low, high) if low is not None and high is not None and low <= high else None
    number = parse_number(text)
    return None if number is None else (number, None)


class TargetsModel(HeadedTableModel):
    """The targets of the planned file, as a table the user edits."""

    headings = HEADERS

    changed = Signal()  # any edit or check: the dialog's counts and buttons follow

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TargetRow] = []

    # --- the plan in, the edits out ---------------------------------------------------

    def set_plan(self, plan: TargetPlan | None) -> None:
        """Show *plan*'s targets afresh (a new file: earlier edits go)."""
        self.beginResetModel()
        targets = plan.targets if plan is not None else ()
        self._rows = [TargetRow(t, _action(plan, t.ext_id)) for t in targets] if plan else []
        self.endResetModel()
        self.changed.emit()

    def replanned(self, plan: TargetPlan) -> None:
        """The plan made again from the edits: the rows stay, "Khi nhập" follows it."""
        for row in self._rows:
            if row.included:
                row.action = _action(plan, row.data.ext_id)
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, COL_ACTION), self.index(last, COL_ACTION))

    @property
    def edited(self) -> bool:
        """The user changed or left out a target: the import must be planned again."""
        return any(row.edited or not row.included for row in self._rows)

    @property
    def included_count(self) -> int:
        return sum(row.included for row in self._rows)

    def edited_targets(self) -> tuple[TargetData, ...]:
        """The targets to import, as the user left them, in the file's order."""
        return tuple(row.data for row in self._rows if row.included)

    def left_alone(self) -> tuple[str, ...]:
        """Ids of the targets the user left out: not written, a stored one not marked gone."""
        return tuple(row.data.ext_id for row in self._rows if not row.included)

    # --- Qt ---------------------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column == COL_ID:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        qualitative = self._rows[index.row()].data.comparison is Comparison.QUALITATIVE
        if column in EDITABLE and not (qualitative and column == COL_VALUE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_VALUE:
                return value_text(row.data)
            return row.data.text if column == COL_TEXT else (row.data.unit or "")
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_ID:
            return Qt.CheckState.Checked if row.included else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.included:
                return QBrush(LEFT_OUT_FOREGROUND)
            if EDITABLE.get(column) in row.edited:
                return QBrush(EDITED_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_ID:
            self._include(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        text = clean(str(value or ""))
        data = row.data
        if column == COL_TEXT:
            if not text or text == data.text:
                return False  # a target has a text: an empty edit is refused
            row.data = replace(data, text=text)
        elif column == COL_UNIT:
            if (text or None) == data.unit:
                return False
            row.data = replace(data, unit=text or None)
        else:
            read = read_value(data.comparison, text)
            if read is None or read == (data.value, data.value_max):
                return False  # not a figure: the old value stays
            row.data = replace(data, value=read[0], value_max=read[1])
        row.edited.add(EDITABLE[column])
        self._changed(index.row())
        return True

    # --- helpers ----------------------------------------------------------------------

    def _display(self, row: TargetRow, column: int) -> str | None:
        data = row.data
        if column == COL_ID:
            return data.ext_id
        if column == COL_TEXT:
            return f"{SUB_INDENT}{data.text}" if data.parent else data.text
        if column == COL_COMPARISON:
            return COMPARISON_WORDS[data.comparison]
        if column == COL_VALUE:
            return value_text(data) or "—"
        if column == COL_UNIT:
            return data.unit or ""
        if column == COL_PERIOD:
            return data.period or ""
        return row.action if row.included else "không nhập"

    def _tooltip(self, row: TargetRow, column: int) -> str | None:
        if column == COL_ID and not row.included:
            return "Chỉ tiêu này sẽ không được nhập (đánh dấu lại để nhập)."
        if column == COL_TEXT and row.data.parent:
            return f"Chỉ tiêu con của “{row.data.parent}”.\n{row.data.text}"
        if column == COL_VALUE and row.data.comparison is Comparison.RANGE:
            return "Khoảng giá trị: gõ “từ - đến”, ví dụ “15 - 20”."
        if column == COL_VALUE and row.data.comparison is Comparison.QUALITATIVE:
            return "Chỉ tiêu định tính: đánh giá đạt / không đạt, không có giá trị số."
        if EDITABLE.get(column) in row.edited:
            return "Bạn đã sửa ô này."
        return self._display(row, column) or None

    def _include(self, at: int, on: bool) -> None:
        """Check or uncheck a row; a sub-target goes with its target (never orphaned)."""
        data = self._rows[at].data
        for position, row in enumerate(self._rows):
            follows = (
                position == at
                or (not on and row.data.parent == data.ext_id)
                or (on and row.data.ext_id == data.parent)
            )
            if follows and row.included != on:
                row.included = on
                self._changed(position)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.changed.emit()
