"""Tệp › Nhập…: pick a task JSON or a document, see what the import will do, then confirm.

Nothing is written before the user presses "Nhập": the dialog only calls
:func:`~desktop.services.importer.plan_from_path` (which reads) until then, and
:func:`~desktop.services.importer.apply_import` (which backs up and writes) on confirm.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deadline_spec import DeadlineKind
from desktop.services.errors import is_known
from desktop.services.importer import (
    ImportPlan,
    ImportRefusedError,
    ImportResult,
    PlanAction,
    PlannedTask,
    apply_import,
    plan_from_path,
)
from desktop.services.queries import Flag
from desktop.ui.errors import show_error, unexpected_message
from desktop.ui.file_dialogs import FolderKind, remember, start_folder
from desktop.ui.formatting import FLAG_BACKGROUND, day
from desktop.ui.operations import WriteOp
from desktop.ui.signals import AppContext
from desktop.ui.task_details import date_edit, from_qdate

log = logging.getLogger(__name__)

# .doc is listed so the file is seen and the user gets the "save it as .docx" message.
FILE_FILTER = (
    "Tệp nhiệm vụ hoặc văn bản (*.json *.docx *.doc *.txt *.md *.pdf);;"
    "Tệp nhiệm vụ JSON (*.json);;Văn bản (*.docx *.doc *.txt *.md *.pdf);;Tất cả các tệp (*)"
)
ACTION_LABELS = {PlanAction.NEW: "Mới", PlanAction.UPDATE: "Cập nhật", PlanAction.SAME: "Không đổi"}
UNREAD_TEXT = "Chưa đọc được — cần xem lại"
GUESSED_TIP = "Trường này do chương trình đoán ra, không đọc từ chỗ ghi rõ — hãy kiểm tra."
REPAIRED_TIP = "Chữ của nhiệm vụ đã được khôi phục (bản PDF làm mất chữ) — hãy đối chiếu."
# Which column shows each field a task JSON (version 2) may list as guessed.
GUESSED_COLUMNS = {"ext_id": 0, "title": 1, "lead_unit": 2, "deadline_text": 3, "due": 4}

_Index = QModelIndex | QPersistentModelIndex


class PlanTableModel(QAbstractTableModel):
    """The planned tasks; rows whose deadline could not be read are highlighted."""

    HEADERS = ("Mã", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Hạn", "Việc")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks: tuple[PlannedTask, ...] = ()

    def set_tasks(self, tasks: tuple[PlannedTask, ...]) -> None:
        self.beginResetModel()
        self._tasks = tasks
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        task = self._tasks[index.row()]
        # Only a phrase that gave no deadline needs a look; no phrase means no deadline.
        unread = task.unread
        column = index.column()
        guessed = column in {GUESSED_COLUMNS.get(name) for name in task.guessed}
        repaired = task.repaired and column == 1
        if role == Qt.ItemDataRole.ToolTipRole and (guessed or repaired):
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return "\n".join([str(shown)] + [GUESSED_TIP] * guessed + [REPAIRED_TIP] * repaired)
        if role == Qt.ItemDataRole.FontRole and (guessed or repaired):
            font = QFont()
            font.setItalic(True)
            return font
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            data = task.data
            if column == 0:
                return data.ext_id
            if column == 1:
                return data.title
            if column == 2:
                return data.lead_unit or "—"
            if column == 3:
                return data.deadline_text or "—"
            if column == 4:
                if unread:
                    return UNREAD_TEXT
                if task.kind == DeadlineKind.UNKNOWN:
                    return "không ghi thời hạn"
                if task.kind == DeadlineKind.RECURRING and task.occurrence_dues:
                    return f"{day(task.occurrence_dues[0])} (định kỳ)"
                return day(task.due) or "không có hạn"
            if column == 5:
                return ACTION_LABELS.get(task.action, task.action)
        if role == Qt.ItemDataRole.BackgroundRole and unread:
            return QBrush(FLAG_BACKGROUND[Flag.DUE_SOON])
        if role == Qt.ItemDataRole.ForegroundRole and unread and column == 4:
            return QBrush(QColor("#8a5a00"))
        return None


class ImportDialog(QDialog):
    """Preview then confirm an import. ``import_result`` is set once the import was written."""

    def __init__(self, context: AppContext, path: Path | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.write: WriteOp[ImportResult] | None = None  # the import being written, if any
        self.problems: list[str] = []
        self.setWindowTitle("Nhập nhiệm vụ")
        self.resize(980, 620)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel("Chưa chọn tệp.")
        self.file_label.setWordWrap(True)
        choose = QPushButton("Chọn tệp…")
        choose.clicked.connect(self.choose_file)
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        layout.addLayout(top)

        self.issue_row = QWidget()
        issue = QHBoxLayout(self.issue_row)
        issue.setContentsMargins(0, 0, 0, 0)
        issue_text = QLabel(
            "Văn bản không ghi ngày ban hành, nên có thời hạn chưa xác định được năm. "
            "Ngày ban hành:"
        )
        issue_text.setWordWrap(True)
        self.issued = date_edit(context.today)
        self.reread_button = QPushButton("Đọc lại với ngày này")
        self.reread_button.clicked.connect(self.reread)
        issue.addWidget(issue_text, 1)
        issue.addWidget(self.issued)
        issue.addWidget(self.reread_button)
        self.issue_row.setStyleSheet("background: #fff3d6;")
        self.issue_row.hide()
        layout.addWidget(self.issue_row)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)

        self.tabs = QTabWidget()
        self.tasks_model = PlanTableModel(self)
        self.tasks_view = QTableView()
        self.tasks_view.setModel(self.tasks_model)
        self.tasks_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasks_view.verticalHeader().hide()
        self.tasks_view.setWordWrap(False)
        header = self.tasks_view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 70), (2, 200), (3, 170), (4, 190), (5, 80)):
            self.tasks_view.setColumnWidth(column, width)
        self.tabs.addTab(self.tasks_view, "Nhiệm vụ")
        self.units_list = QListWidget()
        self.tabs.addTab(self.units_list, "Đơn vị")
        self.review_list = QListWidget()
        self.review_list.setWordWrap(True)
        self.tabs.addTab(self.review_list, "Cần xem lại")
        layout.addWidget(self.tabs, 1)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Nhập", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(False)
        layout.addWidget(self.buttons)

        if path is not None:
            self.load(path)

    # --- steps ----------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Chọn tệp nhiệm vụ hoặc văn bản",
            str(start_folder(FolderKind.IMPORT)),
            FILE_FILTER,
        )
        if name:
            remember(FolderKind.IMPORT, Path(name))
            self.load(Path(name))

    def load(self, path: Path, issued: date | None = None) -> None:
        """Plan the import of *path* and show it; writes nothing."""
        self.path = path
        self.plan = None
        self.problems = []
        self.file_label.setText(f"Tệp: {path.name}")
        self.file_label.setToolTip(str(path))
        try:
            self.plan = plan_from_path(self._context.database, path, issued=issued)
        except ImportRefusedError as error:
            self.problems = [str(p) for p in error.problems]
        except Exception as error:
            if is_known(error):
                self.problems = [str(error)]
            else:
                log.exception("Could not plan the import of %s", path)
                self.problems = [unexpected_message()]
        self._show()

    def reread(self) -> None:
        """Plan again with the issue date the user gave."""
        if self.path is not None:
            self.load(self.path, issued=from_qdate(self.issued.date()))

    def accept(self) -> None:
        """Nhập: write the plan on the writer thread, with a progress bar and Hủy."""
        plan = self.plan
        if plan is None or not plan.writes_anything or self.write is not None:
            return
        database = self._context.database
        self.import_button.setEnabled(False)
        self.write = (
            WriteOp(
                self,
                f"Đang nhập {plan.count} nhiệm vụ từ {plan.source}…",
                lambda progress: apply_import(database, plan, progress=progress),
                change_of=lambda result: result.change,
                cancellable=True,
            )
            .success(self._imported)
            .failure(self._not_imported)
            .cancelled(self._cancelled)
            .run(self._context.signals, initiator=self)
        )

    def _imported(self, result: ImportResult) -> None:
        self.write = None
        self.import_result = result
        super().accept()

    def _not_imported(self, error: Exception) -> None:
        self.write = None
        self.import_button.setEnabled(True)
        show_error(self, error)

    def _cancelled(self) -> None:
        self.write = None
        self.import_button.setEnabled(True)
        self._show()
        self.summary.setText(
            "Đã hủy việc nhập; không có gì được ghi vào cơ sở dữ liệu.\n\n" + self.summary.text()
        )

    # --- display --------------------------------------------------------------------

    def _show(self) -> None:
        plan = self.plan
        self.units_list.clear()
        self.review_list.clear()
        if plan is None:
            self.tasks_model.set_tasks(())
            self.issue_row.hide()
            self.summary.setText(
                "Không thể nhập tệp này. Không có gì được ghi vào cơ sở dữ liệu.\n"
                + "\n".join(f"• {p}" for p in self.problems)
            )
            self.summary.setStyleSheet("color: #b3261e;")
            self.review_list.addItems(self.problems)
            self.tabs.setTabText(2, f"Cần xem lại ({len(self.problems)})")
            self.tabs.setCurrentIndex(2)
            self.import_button.setEnabled(False)
            return
        self.summary.setStyleSheet("")
        document = " — ".join(p for p in (plan.document.number, plan.document.title) if p)
        unread = [t for t in plan.unread if t.data.deadline_text]
        phrased = [t for t in plan.tasks if t.data.deadline_text or t.due]
        without = plan.count - len(phrased)
        lines = [
            f"Văn bản: {document or '(không ghi số, không tiêu đề)'}",
            f"Ngày ban hành: {day(plan.document.issued) or 'không ghi'}",
            f"{plan.count} nhiệm vụ: {plan.counted(PlanAction.NEW)} mới, "
            f"{plan.counted(PlanAction.UPDATE)} cập nhật, "
            f"{plan.counted(PlanAction.SAME)} không đổi"
            + (f", {len(plan.vanished_ids)} không còn trong văn bản" if plan.vanished_ids else "")
            + ".",
            f"Đơn vị: {len(plan.units)} ({len(plan.new_units)} đơn vị mới).",
            f"Thời hạn đọc được: {len(phrased) - len(unread)}/{len(phrased)}"
            + (f" — {len(unread)} thời hạn cần xem lại (tô vàng)" if unread else "")
            + (f"; {without} nhiệm vụ không ghi thời hạn." if without else "."),
        ]
        if plan.guessed or plan.repaired:
            lines.append(
                f"Chữ nghiêng: {len(plan.guessed)} nhiệm vụ có trường đoán ra, "
                f"{len(plan.repaired)} nhiệm vụ đã khôi phục chữ — hãy kiểm tra."
            )
        if not plan.writes_anything:
            lines.append("Tệp này đã được nhập trước đây; không có gì thay đổi.")
        self.summary.setText("\n".join(lines))
        self.tasks_model.set_tasks(plan.tasks)
        self.tabs.setTabText(0, f"Nhiệm vụ ({plan.count})")
        new_units = set(plan.new_units)
        for unit in plan.units:
            self.units_list.addItem(f"{unit}  (mới)" if unit in new_units else unit)
        self.tabs.setTabText(1, f"Đơn vị ({len(plan.units)})")
        review = [
            f"{t.data.ext_id}: "
            + (
                f"thời hạn “{t.data.deadline_text}” thiếu năm; cần ngày ban hành để tính hạn"
                if t.needs_issue_date
                else f"chưa đọc được thời hạn “{t.data.deadline_text}”"
            )
            for t in unread
            if t.data.deadline_text
        ]
        review += [f"Lưu ý: {w}" for w in plan.warnings]
        review += [f"Không còn trong văn bản: {i}" for i in plan.vanished_ids]
        self.review_list.addItems(review)
        self.tabs.setTabText(2, f"Cần xem lại ({len(review)})")
        self.tabs.setCurrentIndex(0)
        self.issue_row.setVisible(plan.needs_issue_date)
        self.import_button.setEnabled(plan.writes_anything)
        self.import_button.setText(
            f"Nhập {plan.count} nhiệm vụ" if plan.writes_anything else "Nhập"
        )
