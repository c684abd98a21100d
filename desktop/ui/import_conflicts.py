"""The re-import conflict chooser: the user's correction or the file's new value.

When a re-import of the same document changes a field the user corrected before, the
importer keeps the user's value (``PlannedTask.user_kept``). The chooser lists each such
field with both values and two check boxes that act as a pair: "Giữ bản của bạn" (the
default) or "Lấy theo tệp". The choice goes into the preview rows
(:meth:`~desktop.ui.import_preview_model.PreviewModel.set_take_file`), and from there into
the re-made plan.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from desktop.ui.headed_table import HeadedTableModel
from desktop.ui.import_preview_model import CONFLICT_BACKGROUND, MARK_LABELS, PreviewModel

_Index = QModelIndex | QPersistentModelIndex

COL_ID, COL_FIELD, COL_MINE, COL_FILE = range(4)
HEADERS = ("Mã", "Trường", "Giữ bản của bạn", "Lấy theo tệp mới")


class ConflictModel(HeadedTableModel):
    """One row per (task, field) where the user's correction meets the file's change."""

    headings = HEADERS

    def __init__(self, preview: PreviewModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._preview = preview
        self._items: list[tuple[int, str]] = []
        preview.modelReset.connect(self.refresh)
        preview.rowsInserted.connect(self.refresh)
        preview.rowsRemoved.connect(self.refresh)

    def refresh(self) -> None:
        self.beginResetModel()
        self._items = self._preview.conflicts()
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._items)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (COL_MINE, COL_FILE):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def takes_file(self, row: int) -> bool:
        source, mark = self._items[row]
        return mark in self._preview.row(source).take_file

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        source, mark = self._items[index.row()]
        item = self._preview.row(source)
        column = index.column()
        take = mark in item.take_file
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_ID:
                return item.data.ext_id
            if column == COL_FIELD:
                return MARK_LABELS.get(mark, mark)
            if column == COL_MINE:
                return item.mine(mark) or "—"
            if column == COL_FILE:
                planned = item.planned
                return (planned.file_value(mark) if planned is not None else None) or "—"
        if role == Qt.ItemDataRole.CheckStateRole and column in (COL_MINE, COL_FILE):
            chosen = take if column == COL_FILE else not take
            return Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and column in (COL_MINE, COL_FILE):
            chosen = take if column == COL_FILE else not take
            return QBrush(CONFLICT_BACKGROUND) if chosen else None
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.CheckStateRole
            or index.column() not in (COL_MINE, COL_FILE)
        ):
            return False
        source, mark = self._items[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        # The two boxes are a pair: checking one chooses it, unchecking one the other.
        take = checked if index.column() == COL_FILE else not checked
        self._preview.set_take_file(source, mark, take)
        self.dataChanged.emit(self.index(index.row(), COL_MINE), self.index(index.row(), COL_FILE))
        return True
