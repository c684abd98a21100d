"""Tệp › Nhập…: pick a task JSON or a document, see and correct what will be imported, confirm.

Nothing is written before the user presses "Nhập". The file is read and matched against the
database on a worker (:mod:`desktop.ui.import_planning`, with a busy bar and Hủy), then
shown as an editable preview (:mod:`desktop.ui.import_preview_model`): the user includes or
leaves out rows, corrects titles, units and deadline phrases, adds and splits rows, and
chooses between an earlier correction and the file's new value. On "Nhập" the plan is made
again from the edited tasks (:func:`~desktop.services.importer.replan`, which validates
them as a file's) and written by :func:`~desktop.services.importer.apply_import` in one
transaction on the writer thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import is_known
from desktop.services.importer import (
    ImportPlan,
    ImportRefusedError,
    ImportResult,
    PlanAction,
    apply_import,
    plan_from_path,
    replan,
)
from desktop.services.progress import CancelledError, WorkProgress
from desktop.services.units import UnitChoices, unit_choices
from desktop.ui.errors import show_error, unexpected_message
from desktop.ui.file_dialogs import FolderKind, remember, start_folder
from desktop.ui.formatting import day
from desktop.ui.import_conflicts import ConflictModel
from desktop.ui.import_planning import PlanRunner
from desktop.ui.import_preview import PreviewTable, SplitDialog, UnitDelegate
from desktop.ui.import_preview_model import (
    COL_LEAD,
    COL_TITLE,
    GUESSED_TIP,
    REPAIRED_TIP,
    UNREAD_TEXT,
    PreviewModel,
    PreviewRow,
    ReviewFilter,
    preview_rows,
)
from desktop.ui.import_targets_model import COL_TEXT as TARGET_COL_TEXT
from desktop.ui.import_targets_model import TargetsModel
from desktop.ui.operations import WriteOp
from desktop.ui.signals import AppContext
from desktop.ui.task_details import date_edit, from_qdate

log = logging.getLogger(__name__)

__all__ = ["GUESSED_TIP", "REPAIRED_TIP", "UNREAD_TEXT", "ImportDialog", "Preview"]

# .doc is listed so the file is seen and the user gets the "save it as .docx" message.
FILE_FILTER = (
    "Tệp nhiệm vụ hoặc văn bản (*.json *.docx *.doc *.txt *.md *.pdf);;"
    "Tệp nhiệm vụ JSON (*.json);;Văn bản (*.docx *.doc *.txt *.md *.pdf);;Tất cả các tệp (*)"
)
KEYS_HINT = (
    "Sửa ngay trong bảng: Tab chuyển ô, Enter hoặc F2 để sửa ô, dấu cách để chọn/bỏ một dòng, "
    "Delete để bỏ dòng, Insert để thêm dòng; Ctrl+Enter để nhập. Ô tô vàng cần xem lại "
    "(chương trình đoán ra, tên gần giống một đơn vị đã có, hoặc thời hạn chưa đọc được — "
    "di chuột lên ô để xem lý do); ô tô xanh: bạn đã sửa trước đây và tệp mới ghi khác; "
    "chữ xanh dương: bạn vừa sửa hoặc thêm."
)
TAB_TASKS, TAB_TARGETS, TAB_UNITS, TAB_NOTES, TAB_CONFLICTS = range(5)


@dataclass(frozen=True)
class Preview:
    """What the worker brings back: the plan and the units a row may be given."""

    plan: ImportPlan
    units: UnitChoices
    fresh: bool = True  # False: re-made from the user's edits (keep them)
    rows: list[PreviewRow] | None = None  # a fresh plan's preview rows, made on the worker


class ImportDialog(QDialog):
    """Preview, correct, then confirm an import. ``import_result`` is set once written.

    ``planned`` is emitted each time a plan (or the reasons there is none) is shown.
    """

    planned = Signal()

    def __init__(self, context: AppContext, path: Path | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.write: WriteOp[ImportResult] | None = None  # the import being written, if any
        self.problems: list[str] = []
        self.setWindowTitle("Nhập nhiệm vụ")
        self.resize(1000, 640)
        self._busy = False
        self.runner = PlanRunner(self)
        self.runner.finished.connect(self._planned)
        self.runner.failed.connect(self._not_planned)
        self.runner.progressed.connect(self._plan_progress)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel("Chưa chọn tệp.")
        self.file_label.setWordWrap(True)
        choose = QPushButton("Chọn tệp…")
        choose.clicked.connect(self.choose_file)
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        layout.addLayout(top)

        self.busy_row = QWidget()
        busy = QHBoxLayout(self.busy_row)
        busy.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel("Đang đọc tệp và đối chiếu với dữ liệu đã có…")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_cancel = QPushButton("Hủy đọc")
        self.busy_cancel.clicked.connect(self.cancel_planning)
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar, 1)
        busy.addWidget(self.busy_cancel)
        self.busy_row.hide()
        layout.addWidget(self.busy_row)

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

        tools = QHBoxLayout()
        self.add_button = QPushButton("Thêm dòng")
        self.add_button.setToolTip("Thêm một nhiệm vụ văn bản có mà chương trình bỏ sót (Insert)")
        self.add_button.clicked.connect(self.add_row)
        self.split_button = QPushButton("Tách dòng…")
        self.split_button.setToolTip("Một dòng gộp hai nhiệm vụ: tách làm hai")
        self.split_button.clicked.connect(self.split_current)
        self.drop_button = QPushButton("Bỏ dòng")
        self.drop_button.setToolTip("Dòng này không phải nhiệm vụ: không nhập (Delete)")
        self.drop_button.clicked.connect(self.drop_current)
        self.review_button = QPushButton("Cần xem lại (0)")
        self.review_button.setCheckable(True)
        self.review_button.setToolTip(
            "Chỉ hiện các dòng có ô chương trình đoán ra, đơn vị gần giống một đơn vị đã có, "
            "thời hạn chưa đọc được, hoặc chỗ bạn đã sửa mà tệp mới ghi khác"
        )
        self.review_button.toggled.connect(self.show_review_only)
        self.counts = QLabel()
        for button in (self.add_button, self.split_button, self.drop_button):
            tools.addWidget(button)
        tools.addWidget(self.counts, 1)
        tools.addWidget(self.review_button)
        layout.addLayout(tools)

        self.tabs = QTabWidget()
        self.tasks_model = PreviewModel(self)
        self.filter = ReviewFilter(self)
        self.filter.setSourceModel(self.tasks_model)
        self.tasks_view = PreviewTable()
        self.tasks_view.setModel(self.filter)
        self.unit_delegate = UnitDelegate([], self.tasks_view)
        self.tasks_view.setItemDelegateForColumn(COL_LEAD, self.unit_delegate)
        self.tasks_view.size_columns()
        self.tasks_model.changed.connect(self._update_counts)
        self.tabs.addTab(self.tasks_view, "Nhiệm vụ")
        self.targets_model = TargetsModel(self)
        self.targets_model.changed.connect(self._update_counts)
        # The tasks' table: Enter edits a cell, Enter or space on "Mã" checks the row.
        self.targets_view = PreviewTable()
        self.targets_view.setModel(self.targets_model)
        self.targets_view.setAccessibleName("Các chỉ tiêu sẽ nhập")
        self.targets_view.horizontalHeader().setSectionResizeMode(
            TARGET_COL_TEXT, QHeaderView.ResizeMode.Stretch
        )
        self.tabs.addTab(self.targets_view, "Chỉ tiêu")
        self.units_list = QListWidget()
        self.tabs.addTab(self.units_list, "Đơn vị")
        self.review_list = QListWidget()
        self.review_list.setWordWrap(True)
        self.tabs.addTab(self.review_list, "Lưu ý")
        self.conflicts_model = ConflictModel(self.tasks_model, self)
        self.conflicts_view = QTableView()
        self.conflicts_view.setModel(self.conflicts_model)
        self.conflicts_view.verticalHeader().hide()
        self.conflicts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        conflict_header = self.conflicts_view.horizontalHeader()
        conflict_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        conflict_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        conflicts_page = QWidget()
        conflicts_layout = QVBoxLayout(conflicts_page)
        conflicts_note = QLabel(
            "Bạn đã sửa các ô dưới đây sau lần nhập trước, và tệp mới cũng ghi khác đi. "
            "Mặc định giữ bản của bạn; đánh dấu “Lấy theo tệp mới” ở dòng nào muốn theo tệp."
        )
        conflicts_note.setWordWrap(True)
        conflicts_layout.addWidget(conflicts_note)
        conflicts_layout.addWidget(self.conflicts_view)
        self.tabs.addTab(conflicts_page, "Bạn đã sửa")
        layout.addWidget(self.tabs, 1)

        hint = QLabel(KEYS_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("Nhập", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        # Enter edits a cell; only a click or Ctrl+Enter imports.
        self.import_button.setAutoDefault(False)
        self.import_button.setToolTip("Ctrl+Enter")
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(False)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm)
        QShortcut(QKeySequence(Qt.Key.Key_Insert), self.tasks_view, self.add_row)
        self._show()

        if path is not None:
            self.load(path)

    # --- steps ----------------------------------------------------------------------

    @property
    def planning(self) -> bool:
        """A plan is being made on the worker (the preview is not ready)."""
        return self.runner.busy

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
        """Plan the import of *path* on a worker and show it when it arrives; writes nothing."""
        self.path = path
        self.plan = None
        self.problems = []
        self.file_label.setText(f"Tệp: {path.name}")
        self.file_label.setToolTip(str(path))
        database = self._context.database

        def plan(progress: WorkProgress) -> Preview:
            made = plan_from_path(database, path, issued=issued, progress=progress)
            return Preview(made, unit_choices(database), rows=preview_rows(made))

        self._start(plan, "Đang đọc tệp và đối chiếu với dữ liệu đã có…")

    def reread(self) -> None:
        """Plan again with the issue date the user gave, keeping the edits made so far."""
        issued = from_qdate(self.issued.date())
        plan = self.plan
        targets = self.targets_model
        if plan is not None and (self.tasks_model.edited or targets.edited):
            database = self._context.database
            rows, left = self.tasks_model.edited_tasks(), self.tasks_model.left_alone()
            units = self.tasks_model.units
            kept = targets.edited_targets() if targets.edited else None
            targets_left = targets.left_alone()

            def again(progress: WorkProgress) -> Preview:
                made = replan(
                    database,
                    plan,
                    rows,
                    left_alone=left,
                    issued=issued,
                    progress=progress,
                    targets=kept,
                    targets_left_alone=targets_left,
                )
                return Preview(made, units, fresh=False)

            self._start(again, "Đang đọc lại các thời hạn…")
        elif self.path is not None:
            self.load(self.path, issued=issued)

    def cancel_planning(self) -> None:
        """Hủy while the file is read: nothing is shown, nothing was written."""
        if not self.planning:
            return
        self.runner.cancel()
        self._set_busy(False)
        self.plan = None
        self.problems = ["Đã huỷ việc đọc tệp. Chọn lại tệp để xem trước."]
        self._show()
        self.planned.emit()

    def confirm(self) -> None:
        """Ctrl+Enter: keep what is typed in an open cell, then import."""
        self.tasks_view.commit_open_editor()
        self.targets_view.commit_open_editor()
        if self.import_button.isEnabled():
            self.accept()

    def accept(self) -> None:
        """Nhập: write on the writer thread, with a progress bar and Hủy.

        With edits in the preview the plan is first made again from them, on the same
        thread, so what is written is exactly what the preview shows, validated.
        """
        plan = self.plan
        if plan is None or self.write is not None or self.planning:
            return
        model, targets = self.tasks_model, self.targets_model
        edited = model.edited or targets.edited
        if not edited and not plan.writes_anything:
            return
        database = self._context.database
        rows, left = model.edited_tasks(), model.left_alone()
        if not rows and not left:
            return
        kept = targets.edited_targets() if targets.edited else None
        targets_left = targets.left_alone()

        def write(progress: WorkProgress) -> ImportResult:
            final = (
                replan(
                    database,
                    plan,
                    rows,
                    left_alone=left,
                    targets=kept,
                    targets_left_alone=targets_left,
                )
                if edited
                else plan
            )
            return apply_import(database, final, progress=progress)

        count = len(rows)
        self.import_button.setEnabled(False)
        self.write = (
            WriteOp(
                self,
                f"Đang nhập {count} nhiệm vụ từ {plan.source}…",
                write,
                change_of=lambda result: result.change,
                cancellable=True,
            )
            .success(self._imported)
            .failure(self._not_imported)
            .cancelled(self._cancelled)
            .run(self._context.signals, initiator=self)
        )

    def reject(self) -> None:
        self.runner.cancel()
        self._set_busy(False)
        super().reject()

    # --- editing ----------------------------------------------------------------------

    def add_row(self) -> None:
        if self.plan is None:
            return
        self.review_button.setChecked(False)
        row = self.tasks_model.add_row(self.tasks_view.current_source_row())
        self.tasks_view.show_source_row(row, COL_TITLE)
        self.tasks_view.edit(self.tasks_view.currentIndex())

    def split_current(self) -> None:
        row = self.tasks_view.current_source_row()
        if row is None:
            return
        title = str(self.tasks_model.index(row, COL_TITLE).data(Qt.ItemDataRole.EditRole) or "")
        dialog = SplitDialog(title, self)
        dialog.accepted.connect(lambda: self._split(row, dialog.position))
        dialog.open()
        self.split_dialog = dialog

    def _split(self, row: int, position: int) -> None:
        new = self.tasks_model.split_row(row, position)
        if new >= 0:
            self.tasks_view.show_source_row(new, COL_TITLE)

    def drop_current(self) -> None:
        row = self.tasks_view.current_source_row()
        if row is not None:
            self.tasks_model.drop_row(row)

    def show_review_only(self, on: bool) -> None:
        self.filter.set_review_only(on)

    # --- answers ----------------------------------------------------------------------

    def _start(self, call: Any, label: str) -> None:
        self.busy_label.setText(label)
        self.busy_bar.setRange(0, 0)
        self._set_busy(True)
        self.runner.start(call)

    def _set_busy(self, on: bool) -> None:
        if on and not self._busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif not on and self._busy:
            QApplication.restoreOverrideCursor()
        self._busy = on
        self.busy_row.setVisible(on)
        self.import_button.setEnabled(False if on else self.import_button.isEnabled())

    def _plan_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.busy_bar.setRange(0, total)
            self.busy_bar.setValue(min(done, total))

    def _planned(self, preview: Preview) -> None:
        self._set_busy(False)
        self.plan = preview.plan
        self.problems = []
        self.unit_delegate.names = list(preview.units.names)
        if preview.fresh:
            self.tasks_model.set_plan(preview.plan, preview.units, preview.rows)
            self.targets_model.set_plan(preview.plan.target_plan)
        else:
            self.tasks_model.replanned(preview.plan)
            self.targets_model.replanned(preview.plan.target_plan)
        self._show()
        self.planned.emit()

    def _not_planned(self, error: Exception) -> None:
        self._set_busy(False)
        self.plan = None
        if isinstance(error, ImportRefusedError):
            self.problems = [str(p) for p in error.problems]
        elif isinstance(error, CancelledError) or is_known(error):
            self.problems = [str(error)]
        else:
            log.error("Could not plan the import of %s", self.path, exc_info=error)
            self.problems = [unexpected_message()]
        if self.tasks_model.plan is not None and self.path is not None:
            self.tasks_model.set_plan(None)
            self.targets_model.set_plan(None)
        self._show()
        self.planned.emit()

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

    def _update_counts(self) -> None:
        model = self.tasks_model
        plan = self.plan
        total = model.rowCount()
        included = model.included_count
        parts = [f"Sẽ nhập {included}/{total} dòng"]
        if model.edited_count:
            parts.append(f"bạn đã sửa hoặc thêm {model.edited_count} dòng")
        self.counts.setText("; ".join(parts) + "." if plan is not None else "")
        self.review_button.setText(f"Cần xem lại ({model.review_count})")
        self.tabs.setTabText(TAB_TASKS, f"Nhiệm vụ ({total})" if plan else "Nhiệm vụ")
        conflicts = len(model.conflicts())
        self.tabs.setTabText(TAB_CONFLICTS, f"Bạn đã sửa ({conflicts})")
        self.tabs.setTabVisible(TAB_CONFLICTS, conflicts > 0)
        targets = self.targets_model
        self.tabs.setTabText(TAB_TARGETS, f"Chỉ tiêu ({targets.rowCount()})")
        self.tabs.setTabVisible(TAB_TARGETS, plan is not None and targets.rowCount() > 0)
        edited = model.edited or targets.edited
        writes = plan is not None and (edited or plan.writes_anything) and included > 0
        self.import_button.setEnabled(writes and not self.planning and self.write is None)
        self.import_button.setText(f"Nhập {included} nhiệm vụ" if writes else "Nhập")
        for button in (self.add_button, self.split_button, self.drop_button):
            button.setEnabled(plan is not None)

    def _show(self) -> None:
        plan = self.plan
        self.units_list.clear()
        self.review_list.clear()
        if plan is None:
            self.issue_row.hide()
            self._update_counts()
            if not self.problems:
                self.summary.setText("Chọn một tệp nhiệm vụ (.json) hoặc văn bản để xem trước.")
                self.summary.setStyleSheet("")
                return
            self.summary.setText(
                "Không thể nhập tệp này. Không có gì được ghi vào cơ sở dữ liệu.\n"
                + "\n".join(f"• {p}" for p in self.problems)
            )
            self.summary.setStyleSheet("color: #b3261e;")
            self.review_list.addItems(self.problems)
            self.tabs.setTabText(TAB_NOTES, f"Lưu ý ({len(self.problems)})")
            self.tabs.setCurrentIndex(TAB_NOTES)
            return
        self.summary.setStyleSheet("")
        self.summary.setText("\n".join(_summary_lines(plan)))
        new_units = set(plan.new_units)
        for unit in plan.units:
            self.units_list.addItem(f"{unit}  (mới)" if unit in new_units else unit)
        self.tabs.setTabText(TAB_UNITS, f"Đơn vị ({len(plan.units)})")
        review = [
            f"{t.data.ext_id}: "
            + (
                f"thời hạn “{t.data.deadline_text}” thiếu năm; cần ngày ban hành để tính hạn"
                if t.needs_issue_date
                else f"chưa đọc được thời hạn “{t.data.deadline_text}”"
            )
            for t in plan.unread
            if t.data.deadline_text
        ]
        review += [f"Lưu ý: {w}" for w in plan.warnings]
        review += [f"Không còn trong văn bản: {i}" for i in plan.vanished_ids]
        review += [f"Chỉ tiêu không còn trong văn bản: {i}" for i in plan.target_plan.vanished]
        self.review_list.addItems(review)
        self.tabs.setTabText(TAB_NOTES, f"Lưu ý ({len(review)})")
        self.tabs.setCurrentIndex(TAB_TASKS)
        self.issue_row.setVisible(plan.needs_issue_date)
        self._update_counts()
        if self.tasks_model.conflicts():
            self.tabs.setCurrentIndex(TAB_CONFLICTS)


def _summary_lines(plan: ImportPlan) -> list[str]:
    """What the file holds and what the import will do, in a few lines."""
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
        *_target_lines(plan),
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
    return lines


def _target_lines(plan: ImportPlan) -> list[str]:
    """The targets' line of the summary, when the file states targets."""
    targets = plan.target_plan
    if not targets.targets and not targets.vanished:
        return []
    same = len(targets.targets) - len(targets.new) - len(targets.updated)
    gone = f", {len(targets.vanished)} không còn trong văn bản" if targets.vanished else ""
    return [
        f"{len(targets.targets)} chỉ tiêu: {len(targets.new)} mới, "
        f"{len(targets.updated)} cập nhật, {same} không đổi{gone} (xem thẻ “Chỉ tiêu”)."
    ]
