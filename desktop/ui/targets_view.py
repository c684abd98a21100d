"""The "Chỉ tiêu" view: a document's targets for one period, the achieved values, the result.

The user picks a document (or all) and a period (a year, "Sơ kết giữa nhiệm kỳ", "Tổng kết
nhiệm kỳ"), types what was achieved in the "Đạt được" column (a figure, or "đạt" / "không
đạt" for a target without one) and sees the result, computed by the one rule in
:func:`desktop.domain.targets.evaluate`, and the count "Đạt 8/9 chỉ tiêu …" below. Each
entry is undoable (Ctrl+Z, the app's undo stack) and leaves a history entry, shown for the
selected target. Reads run on a worker (:class:`BackgroundQuery`); the report goes out as
PDF, CSV or Excel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenuBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.targets import Comparison, TargetResult, parse_number, period_label
from desktop.domain.text import fold
from desktop.services.changes import Change
from desktop.services.target_report import numbering, target_report, write_csv, write_xlsx
from desktop.services.targets import (
    Recorded,
    TargetError,
    TargetHistoryRow,
    TargetRow,
    TargetSummary,
    list_targets,
    periods_for,
    record_achievement,
    summarize,
    target_history,
)
from desktop.services.task_editing import list_documents
from desktop.ui.background import BackgroundQuery
from desktop.ui.errors import show_error
from desktop.ui.signals import AppContext
from desktop.ui.undo import run_command

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("STT", "Chỉ tiêu", "Kỳ hạn", "Kế hoạch", "Đạt được", "Kết quả")
ACHIEVED = 4
RESULT = 5
_RESULT_COLOURS = {
    TargetResult.MET: QColor("#e2f0d9"),
    TargetResult.MISSED: QColor("#f8d7da"),
}
_MISSED_TEXT = QColor("#9c0006")


def read_entry(row: TargetRow, text: str) -> Recorded:
    """What the user typed in "Đạt được", as a record; raises :class:`TargetError`."""
    text = text.strip()
    note = row.recorded.note
    if not text:
        return Recorded(note=note)
    if row.comparison is Comparison.QUALITATIVE:
        key = fold(text)
        if key in {"dat", "co", "x", "1"}:
            return Recorded(met=True, note=note)
        if key in {"khong dat", "chua dat", "khong", "0"}:
            return Recorded(met=False, note=note)
        raise TargetError("Chỉ tiêu định tính: hãy ghi “đạt” hoặc “không đạt”.")
    value = parse_number(text)
    if value is None:
        raise TargetError(f"“{text[:30]}” không phải một số (ví dụ 80 hoặc 92,5).")
    return Recorded(achieved=value, note=note)


class TargetTableModel(QAbstractTableModel):
    """The rows of one period; "Đạt được" is editable and handed to *on_edit*."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TargetRow] = []
        self.numbers: list[str] = []
        self.on_edit: Any = None  # Callable[[TargetRow, str], bool]

    def set_rows(self, rows: list[TargetRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.numbers = numbering(tuple(rows))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ACHIEVED:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _result(self, row: TargetRow) -> TargetResult:
        return row.result if row.is_sub_target else row.overall

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        result = self._result(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == ACHIEVED and role == Qt.ItemDataRole.EditRole:
                if row.comparison is Comparison.QUALITATIVE:
                    return row.achieved_text.lower()
                return row.achieved_text.rstrip("%").split(" ")[0]
            values = (
                self.numbers[index.row()],
                ("    " if row.is_sub_target else "") + row.name,
                row.period or "cả nhiệm kỳ",
                row.planned,
                row.achieved_text,
                result.value.capitalize(),
            )
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ACHIEVED:
                if row.comparison is Comparison.QUALITATIVE:
                    return "Ghi “đạt” hoặc “không đạt”; để trống là chưa đánh giá"
                return "Nhập số đạt được (ví dụ 80); để trống là chưa đánh giá"
            return row.text if column == 1 else None
        if role == Qt.ItemDataRole.BackgroundRole and column == RESULT:
            colour = _RESULT_COLOURS.get(result)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and result is TargetResult.MISSED:
            return QBrush(_MISSED_TEXT)
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.is_sub_target:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, ACHIEVED, RESULT):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != ACHIEVED:
            return False
        if self.on_edit is None:
            return False
        return bool(self.on_edit(self.rows[index.row()], str(value)))


@dataclass(frozen=True)
class _Loaded:
    rows: list[TargetRow]
    summary: TargetSummary
    periods: list[str]


class TargetsWindow(QDialog):
    """The "Chỉ tiêu" window (non-modal), over the app's database and undo stack."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Chỉ tiêu")
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("Văn bản:"))
        self.document_box = QComboBox()
        self.document_box.setMinimumWidth(380)
        choose.addWidget(self.document_box, 1)
        choose.addWidget(QLabel("Kỳ:"))
        self.period_box = QComboBox()
        self.period_box.setMinimumWidth(200)
        choose.addWidget(self.period_box)
        layout.addLayout(choose)

        self.model = TargetTableModel(self)
        self.model.on_edit = self._edit
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 48), (2, 110), (3, 150), (4, 110), (5, 120)):
            self.table.setColumnWidth(column, width)
        self.history = QListWidget()
        self.history.setAccessibleName("Lịch sử chỉ tiêu")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(QLabel("Lịch sử của chỉ tiêu đang chọn:"))
        history_layout.addWidget(self.history)
        splitter.addWidget(history_box)
        splitter.setSizes([480, 120])
        layout.addWidget(splitter, 1)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        layout.addWidget(self.summary_label)

        buttons = QHBoxLayout()
        self.undo_button = QPushButton("Hoàn tác")
        self.undo_button.clicked.connect(self.context.undo_stack.undo)
        self.context.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(self.context.undo_stack.canUndo())
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.export_button = QPushButton("Xuất báo cáo chỉ tiêu…")
        self.export_button.clicked.connect(self.export_report)
        buttons.addWidget(self.export_button)
        close = QPushButton("Đóng")
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        undo = self.context.undo_stack.createUndoAction(self, "Hoàn tác")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.addAction(undo)
        redo = self.context.undo_stack.createRedoAction(self, "Làm lại")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addAction(redo)

        self.query = BackgroundQuery(self)
        self.query.finished.connect(self._show)
        self.query.failed.connect(lambda error: show_error(self, error))
        self.history_query = BackgroundQuery(self)
        self.history_query.finished.connect(self._show_history)
        self.history_query.failed.connect(lambda error: show_error(self, error))
        self._fill_documents()
        self.document_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.period_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_history())
        context.signals.changed.connect(self._changed)
        self.reload()

    # --- choosing -----------------------------------------------------------------

    def _fill_documents(self) -> None:
        self.document_box.blockSignals(True)
        self.document_box.clear()
        self.document_box.addItem("Tất cả văn bản", None)
        for choice in list_documents(self.context.database):
            self.document_box.addItem(choice.label, choice.id)
        self.document_box.blockSignals(False)
        self._fill_periods(periods_for(self.context.database), str(self.context.today.year))

    def _fill_periods(self, periods: list[str], wanted: str | None = None) -> None:
        current = wanted or self.period
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for key in periods or [str(self.context.today.year)]:
            self.period_box.addItem(period_label(key), key)
        found = self.period_box.findData(current)
        self.period_box.setCurrentIndex(max(found, 0))
        self.period_box.blockSignals(False)

    @property
    def period(self) -> str:
        data = self.period_box.currentData()
        return str(data) if data else str(self.context.today.year)

    @property
    def document_id(self) -> int | None:
        data = self.document_box.currentData()
        return int(data) if data is not None else None

    def select(self, document_id: int | None, period: str) -> None:
        """Show *document_id* (None: all) in *period*."""
        self.document_box.setCurrentIndex(max(self.document_box.findData(document_id), 0))
        self.period_box.setCurrentIndex(max(self.period_box.findData(period), 0))
        self.reload()

    # --- reading ------------------------------------------------------------------

    def reload(self) -> None:
        database, period, document_id = self.context.database, self.period, self.document_id

        def load() -> _Loaded:
            rows = list_targets(database, period, document_id=document_id)
            return _Loaded(rows, summarize(rows), periods_for(database, document_id))

        self.query.submit(load)

    def _show(self, loaded: _Loaded) -> None:
        current = self.table.currentIndex()
        self.model.set_rows(loaded.rows)
        self.table.resizeRowsToContents()
        if (
            loaded.periods
            and [self.period_box.itemData(i) for i in range(self.period_box.count())]
            != loaded.periods
        ):
            self._fill_periods(loaded.periods)
        self.summary_label.setText(f"{period_label(self.period)}: {loaded.summary.line}")
        if current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._load_history()

    def _load_history(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.history.clear()
            return
        database, target_id = self.context.database, self.model.rows[index.row()].id
        self.history_query.submit(lambda: target_history(database, target_id))

    def _show_history(self, entries: list[TargetHistoryRow]) -> None:
        self.history.clear()
        names = {"achieved": "Đạt được", "met": "Đánh giá", "note": "Ghi chú"}
        for entry in reversed(entries):
            who = "Người dùng" if entry.source == "user" else "Nhập văn bản"
            period = f" ({entry.period_label})" if entry.period else ""
            self.history.addItem(
                f"{entry.at:%d/%m/%Y} · {who} · {names.get(entry.field, entry.field)}"
                f"{period}: {entry.old_value or '—'} → {entry.new_value or '—'}"
            )

    def _changed(self, change: Change) -> None:
        if change.targets or change.documents:
            if change.documents:
                document_id = self.document_id
                self._fill_documents()
                self.document_box.setCurrentIndex(max(self.document_box.findData(document_id), 0))
            self.reload()

    # --- writing ------------------------------------------------------------------

    def _edit(self, row: TargetRow, text: str) -> bool:
        """Record what was typed, undoably; a refusal is shown and nothing is written."""
        try:
            value = read_entry(row, text)
        except TargetError as error:
            show_error(self, error)
            return False
        database, period, target_id = self.context.database, self.period, row.id
        before = row.recorded
        stamp = datetime.combine(self.context.today, time())  # "today" is the app's

        def apply() -> Change:
            return record_achievement(database, target_id, period, value, now=stamp)[1]

        def revert() -> Change:
            return record_achievement(database, target_id, period, before, now=stamp)[1]

        try:
            run_command(
                self.context,
                f"ghi kết quả chỉ tiêu {row.ext_id}",
                apply,
                revert,
                lambda error: show_error(self, error),
            )
        except TargetError as error:
            show_error(self, error)
            return False
        return True

    def export_report(self, path: Path | None = None) -> Path | None:
        """Write the targets report of the current period as PDF, CSV or Excel."""
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
                "Xuất báo cáo chỉ tiêu",
                f"chi-tieu-{self.period}.pdf",
                "PDF (*.pdf);;CSV (*.csv);;Excel (*.xlsx)",
            )
            if not name:
                return None
            path = Path(name)
        try:
            from desktop.services.output_paths import OutputKind, check_output_path
            from desktop.services.settings import load_report_settings

            suffix = path.suffix.lower()
            kind = {".pdf": "pdf", ".xlsx": "xlsx"}.get(suffix, "csv")
            check_output_path(
                path, OutputKind(kind), database_path=self.context.database.path, force=True
            )
            report = target_report(
                self.context.database, self.period, self.context.today, self.document_id
            )
            if kind == "pdf":
                from desktop.ui.target_report_pdf import write_target_pdf

                write_target_pdf(path, report, load_report_settings(self.context.database))
            elif kind == "xlsx":
                write_xlsx(path, report)
            else:
                write_csv(path, report)
        except Exception as error:
            show_error(self, error)
            return None
        return path


def install_targets_action(window: QMainWindow, bar: QMenuBar) -> QAction:
    """The "Chỉ tiêu" menu of the main window (Ctrl+T opens the view)."""
    menu = bar.addMenu("&Chỉ tiêu")
    action = QAction("&Chỉ tiêu của chương trình…", window)
    action.setShortcut(QKeySequence("Ctrl+T"))
    action.setStatusTip("Xem chỉ tiêu theo văn bản và theo năm, ghi kết quả đạt được")
    opened: list[TargetsWindow] = []

    def open_view() -> None:
        if opened and opened[0].isVisible():
            opened[0].raise_()
            opened[0].activateWindow()
            return
        context: AppContext = window.context  # type: ignore[attr-defined]
        view = TargetsWindow(context, window)
        opened[:] = [view]
        view.show()

    action.triggered.connect(open_view)
    menu.addAction(action)
    return action
