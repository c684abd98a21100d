"""The task table: ids from the database, rows fetched a page at a time.

The ids are asked for on a worker thread (:mod:`desktop.ui.background`): at 100,000 tasks
the query takes longer than a frame. Until the answer arrives the old rows stay on screen;
then the model resets once and emits :attr:`TaskTableModel.loaded`. A page of rows (200
ids) is still read on the GUI thread when the view first paints it: a few milliseconds.

As in Anki's browser, the model holds only the ordered ids of the current filter (cheap
even at 100,000 tasks) and asks :func:`~desktop.services.queries.task_rows` for the rows
of a page the first time the view paints one. Sorting re-runs the query with a
:class:`~desktop.services.queries.SortKey` — the database sorts in Vietnamese order — rather
than sorting Python objects in a proxy.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QApplication

from desktop.services.changes import Change
from desktop.services.queries import Flag, SortKey, TaskFilter, TaskRow, task_ids, task_rows
from desktop.ui.background import BackgroundQuery
from desktop.ui.errors import show_error
from desktop.ui.formatting import FLAG_BACKGROUND, FLAG_FOREGROUND, FLAG_WORDS, day, flag_icon
from desktop.ui.signals import AppContext

COL_NUMBER = 0
COL_TITLE = 1
COL_UNIT = 2
COL_DEADLINE = 3
COL_DUE = 4
COL_QUARTER = 5
COL_STATUS = 6
COL_DOCUMENT = 7

HEADERS = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Hạn", "Quý", "Trạng thái", "Văn bản")
SORT_KEYS = {
    COL_NUMBER: SortKey.POSITION,
    COL_TITLE: SortKey.TITLE,
    COL_UNIT: SortKey.UNIT,
    COL_DEADLINE: SortKey.DEADLINE,
    COL_DUE: SortKey.DUE,
    COL_QUARTER: SortKey.DUE,
    COL_STATUS: SortKey.STATUS,
    COL_DOCUMENT: SortKey.POSITION,  # document, then place in it
}

TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE = 200
MAX_PAGES = 50  # rows kept in memory: 10,000 at most, whatever the table's size

_Index = QModelIndex | QPersistentModelIndex


class TaskTableModel(QAbstractTableModel):
    """Rows of the current filter; refreshes itself on every relevant :class:`Change`."""

    loaded = Signal()
    """Emitted on the GUI thread once new ids are in (filter, sort or data changed)."""

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._filter = TaskFilter(today=context.today)
        self._sort = SortKey.POSITION
        self._descending = False
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[TaskRow]] = OrderedDict()
        self._pending_reset = False
        self.reset_after_edit = False
        """During a reset: whether it follows an edit (True) or a new filter or sort."""
        self._query = BackgroundQuery(self)
        self._query.finished.connect(self._on_ids)
        self._query.failed.connect(self._on_failed)
        context.signals.changed.connect(self._on_changed)
        self._requery(reset=True)

    @property
    def loading(self) -> bool:
        """Whether a query is in flight (the rows shown are those of the previous one)."""
        return self._query.busy

    def shutdown(self) -> None:
        """Ignore the answer of any query in flight (the window is closing)."""
        self._query.cancel()

    # --- what the window asks -------------------------------------------------------

    @property
    def task_filter(self) -> TaskFilter:
        return self._filter

    def set_filter(self, task_filter: TaskFilter) -> None:
        if task_filter != self._filter:
            self._filter = task_filter
            self._requery(reset=True)

    def update_filter(self, **changes: Any) -> None:
        """Change some fields of the filter (``search=…``, ``status=…``) and re-query."""
        self.set_filter(dataclasses.replace(self._filter, **changes))

    def task_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, task_id: int) -> int | None:
        try:
            return self._ids.index(task_id)
        except ValueError:
            return None

    def task_row(self, row: int) -> TaskRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # --- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Bấm để sắp xếp theo “{HEADERS[section]}”"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == TASK_ID_ROLE:
            return self._ids[index.row()]
        row = self.task_row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), column, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, row)
        if role == Qt.ItemDataRole.ForegroundRole:
            color = FLAG_FOREGROUND.get(row.flag)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            color = FLAG_BACKGROUND.get(row.flag)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return flag_icon(row.flag) if row.flag in FLAG_FOREGROUND else None
        if role == Qt.ItemDataRole.FontRole and row.flag is Flag.OVERDUE and column == COL_DUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_NUMBER, COL_DUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column, SortKey.POSITION)
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self._requery(reset=True)

    # --- internals ------------------------------------------------------------------

    def _display(self, number: int, column: int, row: TaskRow) -> str | None:
        if column == COL_NUMBER:
            return str(number + 1)
        if column == COL_TITLE:
            title = row.title if len(row.title) <= 300 else row.title[:299] + "…"
            return ("[Không còn trong văn bản] " if row.missing_from_source else "") + title
        if column == COL_UNIT:
            return row.lead_unit or "—"
        if column == COL_DEADLINE:
            return row.deadline_text or "—"
        if column == COL_DUE:
            return day(row.due) or "—"
        if column == COL_QUARTER:
            return row.quarter.label if row.quarter else "—"
        if column == COL_STATUS:
            word = FLAG_WORDS.get(row.flag, "")
            if row.flag is Flag.DONE or not word:
                return row.status_label
            return f"{row.status_label} · {word}"
        if column == COL_DOCUMENT:
            return row.document_label
        return None

    def _tooltip(self, column: int, row: TaskRow) -> str | None:
        if column == COL_TITLE:
            return row.title
        if column == COL_UNIT and row.support_units:
            return f"Chủ trì: {row.lead_unit or '—'}\nPhối hợp: {', '.join(row.support_units)}"
        if column == COL_STATUS:
            word = FLAG_WORDS.get(row.flag)
            return f"{row.status_label}{' — ' + word if word else ''}"
        if column == COL_DOCUMENT:
            return row.document_title or row.document_label
        return None

    def _page(self, number: int) -> list[TaskRow]:
        page = self._pages.get(number)
        if page is None:
            ids = self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
            page = task_rows(self._context.database, ids, self._filter.today, self._filter.quarter)
            if len(page) != len(ids):
                # A task vanished between the two queries: keep positions aligned.
                by_id = {r.id: r for r in page}
                page = [by_id[i] for i in ids if i in by_id]
            self._pages[number] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def _requery(self, *, reset: bool) -> None:
        """Ask for the ids on a worker; a newer request supersedes one still running."""
        self._pending_reset = self._pending_reset or reset
        database, flt = self._context.database, self._filter
        sort, descending = self._sort, self._descending
        self._query.submit(lambda: task_ids(database, flt, sort, descending))

    def _on_ids(self, ids: list[int]) -> None:
        reset, self._pending_reset = self._pending_reset, False
        if not reset and ids == self._ids:
            # Same rows in the same order: only the visible values may have changed.
            self._refresh_values()
        else:
            self.reset_after_edit = not reset
            self.beginResetModel()
            self._ids = ids
            self._pages.clear()
            self.endResetModel()
            self.reset_after_edit = False
        self.loaded.emit()

    def _on_failed(self, error: BaseException) -> None:
        self._pending_reset = False
        show_error(QApplication.activeWindow(), error)

    def _refresh_values(self) -> None:
        self._pages.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _on_changed(self, change: Change) -> None:
        if change.tasks or change.units or change.documents:
            # The values on screen follow the edit at once (a page is a few ms); which
            # rows are listed, and in what order, follows when the ids arrive.
            self._refresh_values()
            self._requery(reset=False)
