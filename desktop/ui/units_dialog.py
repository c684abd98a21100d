"""Công cụ › Đơn vị…: the units with their task counts, and the ways to put them right.

Rename, merge into another unit, move some tasks to another unit (to undo a wrong merge
task by task), mark a name "không phải đơn vị". Every action is one step on the window's
undo stack (the Hoàn tác button here is the same Ctrl+Z). A database whose units the old
prefix rule matched shows, once, the units to look at ("Cần xem lại").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import Change
from desktop.services.unit_admin import (
    SuspectMerge,
    UnitRow,
    mark_reviewed,
    suspect_merges,
    tasks_of_unit,
    unit_rows,
)
from desktop.ui.edit_commands import (
    merge_units_command,
    move_tasks_command,
    not_unit_command,
    rename_unit_command,
)
from desktop.ui.errors import TITLE, show_error
from desktop.ui.headed_table import HeadedTableModel
from desktop.ui.signals import AppContext

COLUMNS = ("Đơn vị", "Chủ trì", "Phối hợp")
UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class UnitTableModel(HeadedTableModel):
    """Units with the visible tasks each leads and supports; reloads on unit changes."""

    headings = COLUMNS

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._rows: list[UnitRow] = []
        self.reload()
        context.signals.changed.connect(self._on_changed)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = unit_rows(self._context.database)
        self.endResetModel()

    def unit(self, row: int) -> UnitRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, unit_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == unit_id), None)

    def row_total(self) -> int:
        return len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        unit = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (unit.name, unit.lead_count, unit.support_count)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == UNIT_ID_ROLE:
            return unit.id
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{unit.name}: chủ trì {unit.lead_count}, phối hợp {unit.support_count}"
        return None

    def _on_changed(self, change: Change) -> None:
        if change.units or change.tasks:
            self.reload()


class MoveTasksDialog(QDialog):
    """Tick the tasks of a unit to give to another unit."""

    def __init__(
        self, context: AppContext, unit: UnitRow, others: list[UnitRow], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Chuyển nhiệm vụ của “{unit.name}”")
        self.resize(680, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Đánh dấu các nhiệm vụ cần chuyển sang đơn vị chủ trì khác:"))
        self.tasks = QListWidget()
        for task in tasks_of_unit(context.database, unit.id):
            item = QListWidgetItem(f"{task.ext_id} — {task.title[:140]}  [{task.document}]")
            item.setToolTip(task.title)
            item.setData(UNIT_ID_ROLE, task.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tasks.addItem(item)
        layout.addWidget(self.tasks, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("Chuyển sang:"))
        self.target = QComboBox()
        self.target.setAccessibleName("Đơn vị nhận")
        for other in others:
            self.target.addItem(other.name, other.id)
        row.addWidget(self.target, 1)
        layout.addLayout(row)
        buttons = QDialogButtonBox()
        buttons.addButton("Chuyển", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def checked(self) -> list[int]:
        items = (self.tasks.item(i) for i in range(self.tasks.count()))
        return [
            int(item.data(UNIT_ID_ROLE))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]


class UnitsDialog(QDialog):
    """The units, their counts, and rename / merge / move / not-a-unit, all undoable."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("Đơn vị")
        self.resize(820, 600)
        layout = QVBoxLayout(self)
        heading = QLabel("Đơn vị và số nhiệm vụ")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        layout.addWidget(heading)
        hint = QLabel(
            "“Chủ trì” và “Phối hợp”: số nhiệm vụ (không kể nhiệm vụ đã ẩn hoặc đã xoá) mà "
            "đơn vị chủ trì hoặc phối hợp. Gộp hai cách viết của cùng một đơn vị; lần nhập "
            "sau, tên cũ tự về đơn vị đã gộp."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout.addWidget(hint)

        self.review_box = QGroupBox()
        review_layout = QVBoxLayout(self.review_box)
        review_hint = QLabel(
            "Phiên bản trước gộp tên đơn vị theo phần đầu của tên, nên một đơn vị dưới đây có "
            "thể đang giữ nhiệm vụ của vài đơn vị khác nhau. Chọn một dòng để xem đơn vị đó, "
            "dùng “Chuyển nhiệm vụ…” nếu cần, rồi bấm “Đã xem”."
        )
        review_hint.setWordWrap(True)
        review_layout.addWidget(review_hint)
        self.review = QListWidget()
        self.review.setMaximumHeight(110)
        self.review.currentItemChanged.connect(self._on_review_item)
        review_layout.addWidget(self.review)
        self.reviewed_button = QPushButton("Đã xem")
        self.reviewed_button.clicked.connect(self.mark_current_reviewed)
        review_row = QHBoxLayout()
        review_row.addStretch(1)
        review_row.addWidget(self.reviewed_button)
        review_layout.addLayout(review_row)
        layout.addWidget(self.review_box)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Lọc theo tên đơn vị…")
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)

        self.model = UnitTableModel(context, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Danh sách đơn vị")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.rename_button = QPushButton("Đổi tên…")
        self.rename_button.clicked.connect(self.rename_current)
        self.merge_button = QPushButton("Gộp vào đơn vị khác…")
        self.merge_button.clicked.connect(self.merge_current)
        self.move_button = QPushButton("Chuyển nhiệm vụ…")
        self.move_button.clicked.connect(self.move_from_current)
        self.not_unit_button = QPushButton("Không phải đơn vị")
        self.not_unit_button.setToolTip(
            "Tên này không phải một đơn vị (ví dụ “Hoạt động”): bỏ khỏi các nhiệm vụ; lần "
            "nhập sau không đề xuất lại."
        )
        self.not_unit_button.clicked.connect(self.mark_current_not_unit)
        for button in (
            self.rename_button,
            self.merge_button,
            self.move_button,
            self.not_unit_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.undo_button = QPushButton("Hoàn tác")
        self.undo_button.setToolTip("Hoàn tác thao tác vừa làm (Ctrl+Z)")
        self.undo_button.clicked.connect(context.undo_stack.undo)
        context.undo_stack.indexChanged.connect(self._update_undo)
        # The stack outlives this dialog: stop listening when it closes.
        self.finished.connect(
            lambda _code: context.undo_stack.indexChanged.disconnect(self._update_undo)
        )
        self._update_undo()
        buttons.addWidget(self.undo_button)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self.summary = QLabel()
        self.summary.setStyleSheet("color: #666;")
        layout.addWidget(self.summary)
        self.model.modelReset.connect(self._after_reload)
        context.signals.changed.connect(self._refresh_review)
        self._refresh_review()
        self._after_reload()

    # --- selection ------------------------------------------------------------------

    def current_unit(self) -> UnitRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.unit(self.proxy.mapToSource(index).row())

    def select_unit(self, unit_id: int) -> bool:
        row = self.model.row_of(unit_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    # --- prompts (replaced in tests) ------------------------------------------------

    def ask_new_name(self, unit: UnitRow) -> str | None:
        text, ok = QInputDialog.getText(
            self, "Đổi tên đơn vị", f"Tên mới của “{unit.name}”:", text=unit.name
        )
        return text if ok and text.strip() else None

    def ask_target(self, unit: UnitRow) -> int | None:
        others = [u for u in self.model_units() if u.id != unit.id]
        names = [f"{u.name}  ({u.lead_count} chủ trì)" for u in others]
        if not names:
            return None
        choice, ok = QInputDialog.getItem(
            self,
            "Gộp đơn vị",
            f"Gộp “{unit.name}” vào đơn vị (các nhiệm vụ và cách viết tên chuyển sang):",
            names,
            0,
            False,
        )
        return others[names.index(choice)].id if ok and choice in names else None

    def ask_move(self, unit: UnitRow) -> tuple[list[int], int] | None:
        others = [u for u in self.model_units() if u.id != unit.id]
        dialog = MoveTasksDialog(self._context, unit, others, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.target.currentData() is None:
            return None
        return dialog.checked(), int(dialog.target.currentData())

    def model_units(self) -> list[UnitRow]:
        return [u for u in (self.model.unit(i) for i in range(self.model.rowCount())) if u]

    # --- actions --------------------------------------------------------------------

    def rename_current(self) -> None:
        unit = self.current_unit()
        name = self.ask_new_name(unit) if unit else None
        if unit is None or name is None or name.strip() == unit.name:
            return
        self._run(
            lambda: rename_unit_command(self._context, unit.id, unit.name, name, self._report)
        )
        self.select_unit(unit.id)

    def merge_current(self) -> None:
        unit = self.current_unit()
        target = self.ask_target(unit) if unit else None
        if unit is None or target is None:
            return
        if self._run(lambda: merge_units_command(self._context, unit.id, target, self._report)):
            self.select_unit(target)
            self.summary.setText(f"Đã gộp “{unit.name}”. Bấm Hoàn tác để tách lại.")

    def move_from_current(self) -> None:
        unit = self.current_unit()
        answer = self.ask_move(unit) if unit else None
        if unit is None or answer is None or not answer[0]:
            return
        task_ids, target = answer
        if self._run(lambda: move_tasks_command(self._context, task_ids, target, self._report)):
            self.summary.setText(f"Đã chuyển {len(task_ids)} nhiệm vụ.")

    def mark_current_not_unit(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        answer = QMessageBox.question(
            self,
            TITLE,
            f"“{unit.name}” không phải một đơn vị?\n\n"
            f"Tên này sẽ được bỏ khỏi {unit.lead_count} nhiệm vụ chủ trì và "
            f"{unit.support_count} nhiệm vụ phối hợp; lần nhập sau không đề xuất lại. "
            "Có thể hoàn tác bằng Ctrl+Z.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run(lambda: not_unit_command(self._context, unit.id, self._report))

    def mark_current_reviewed(self) -> None:
        item = self.review.currentItem()
        if item is None:
            return
        self._run(lambda: mark_reviewed(self._context.database, [int(item.data(UNIT_ID_ROLE))]))
        self._context.signals.broadcast(Change(units=True))

    # --- internals ------------------------------------------------------------------

    def _run(self, action: Any) -> bool:
        try:
            action()
        except Exception as error:
            show_error(self, error)
            return False
        return True

    def _report(self, error: BaseException) -> None:
        show_error(self, error)

    def _after_reload(self) -> None:
        units = self.model_units()
        self.summary.setText(
            f"{len(units)} đơn vị. Chọn một đơn vị rồi dùng các nút bên dưới; "
            "mọi thao tác đều hoàn tác được."
        )
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self._update_buttons()

    def _update_undo(self, *_args: Any) -> None:
        """Say what Hoàn tác will undo: it is the window's Ctrl+Z, not only this dialog's."""
        stack = self._context.undo_stack
        self.undo_button.setEnabled(stack.canUndo())
        self.undo_button.setText(f"Hoàn tác: {stack.undoText()}" if stack.canUndo() else "Hoàn tác")

    def _update_buttons(self, *_args: Any) -> None:
        chosen = self.current_unit() is not None
        for button in (
            self.rename_button,
            self.merge_button,
            self.move_button,
            self.not_unit_button,
        ):
            button.setEnabled(chosen)
        unit = self.current_unit()
        self.move_button.setEnabled(bool(unit and unit.lead_count))

    def _refresh_review(self, *_args: Any) -> None:
        suspects = suspect_merges(self._context.database)
        self.review.clear()
        for suspect in suspects:
            self.review.addItem(self._review_item(suspect))
        self.review_box.setTitle(f"Cần xem lại ({len(suspects)})")
        self.review_box.setVisible(bool(suspects))

    @staticmethod
    def _review_item(suspect: SuspectMerge) -> QListWidgetItem:
        where = "; ".join(f"{doc}: {count}" for doc, count in suspect.documents)
        item = QListWidgetItem(
            f"{suspect.name} — nhiệm vụ từ {len(suspect.documents)} văn bản ({where})"
        )
        item.setData(UNIT_ID_ROLE, suspect.unit_id)
        return item

    def _on_review_item(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.select_unit(int(item.data(UNIT_ID_ROLE)))
