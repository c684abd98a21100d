"""The task's details beside the table: what the document says, progress, extensions, history.

The pane reads a :class:`~desktop.services.tasks.TaskDetail` and writes only through
:mod:`desktop.ui.undo`, so every edit is in the history and can be undone with Ctrl+Z.
It reloads itself when a :class:`Change` names its task.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.categories import Flag, current_occurrence, flag_for
from desktop.domain.deadline_spec import DeadlineKind, Recurrence
from desktop.domain.status import STATUS_LABELS, STATUSES, TaskStatus
from desktop.services.changes import ELSEWHERE, Change
from desktop.services.derived import history_value
from desktop.services.tasks import OccurrenceInfo, Progress, TaskDetail, TaskEditError, get_task
from desktop.ui.confirm import ask_save
from desktop.ui.errors import errors_shown, show_error
from desktop.ui.formatting import FLAG_FOREGROUND, FLAG_WORDS, day, flag_icon, moment
from desktop.ui.signals import AppContext
from desktop.ui.undo import extend_command, progress_of, record_progress_command

NOTES_LABEL = "Ghi chú tiến độ"
FIELD_LABELS = {
    "status": "Trạng thái",
    "completed_on": "Ngày hoàn thành",
    "result_ref": "Văn bản báo cáo kết quả",
    # A task's notes and an occurrence's are stored under two names (tasks.notes_column).
    "progress_notes": NOTES_LABEL,
    "notes": NOTES_LABEL,
    "due": "Hạn",
    "hidden": "Ẩn khỏi danh sách",
    "title": "Nội dung",
    "lead_unit": "Đơn vị chủ trì",
    "support_units": "Đơn vị phối hợp",
    "deadline_text": "Thời hạn",
    "section": "Mục",
    "output_form": "Hình thức sản phẩm",
    "missing_from_source": "Không còn trong văn bản",
    "created": "Thêm nhiệm vụ",
    "deleted": "Đã xoá",
}
SOURCE_LABELS = {"user": "Người dùng", "import": "Nhập tệp"}
KIND_LABELS: dict[str, str] = {
    DeadlineKind.RECURRING: "định kỳ",
    DeadlineKind.PERIOD: "trong một giai đoạn",
    DeadlineKind.ONGOING: "thường xuyên",
    DeadlineKind.CONDITIONAL: "theo điều kiện",
    DeadlineKind.UNKNOWN: "chưa đọc được hạn",
}
RECURRENCE_LABELS: dict[str, str] = {
    Recurrence.YEARLY: "hằng năm",
    Recurrence.QUARTERLY: "hằng quý",
    Recurrence.MONTHLY: "hằng tháng",
    Recurrence.UNKNOWN: "chưa rõ chu kỳ",
}
"""The stored period ("quarterly") in the words the document uses; never English."""


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(to_qdate(value))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def shown_value(field: str, value: str | None) -> str:
    """A history value as the user reads it: labels for codes, dd/mm/yyyy for dates."""
    read = history_value(field, value)
    decoded = read.value
    if decoded is None:
        return "(trống)"
    if isinstance(decoded, bool):
        return "có" if decoded else "không"
    if isinstance(decoded, date):
        return day(decoded) + (
            f" (gia hạn: {read.extension_reason})" if read.extension_reason is not None else ""
        )
    if field == "status":
        return STATUS_LABELS.get(decoded, decoded)
    return decoded


class ExtendDialog(QDialog):
    """Gia hạn: a new due date and the reason (the reason is required by the service)."""

    def __init__(self, current_due: date | None, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gia hạn nhiệm vụ")
        layout = QFormLayout(self)
        layout.addRow("Hạn hiện tại:", QLabel(day(current_due) or "chưa có"))
        start = max(current_due or today, today) + timedelta(days=30)
        self.new_due = date_edit(start)
        layout.addRow("Hạn mới:", self.new_due)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Ví dụ: theo Công văn số … của Ban Thường vụ")
        layout.addRow("Lý do gia hạn:", self.reason)
        buttons = QDialogButtonBox()
        buttons.addButton("Gia hạn", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    @classmethod
    def ask(
        cls, parent: QWidget | None, current_due: date | None, today: date
    ) -> tuple[date, str] | None:
        """The new due date and reason, or None if the user cancelled (stubbed in tests)."""
        dialog = cls(current_due, today, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return from_qdate(dialog.new_due.date()), dialog.reason.text()


class TaskDetailsPane(QStackedWidget):
    """Shows one task; empty until the user picks one in the table."""

    task_loaded = Signal(int)
    """Emitted with the task id each time the pane (re)loads a task."""
    edit_requested = Signal(int)
    """"Sửa nhiệm vụ…": the window opens the editor (desktop.ui.task_editor) for this task."""

    def __init__(self, context: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._context = context
        self._detail: TaskDetail | None = None
        self._occurrence_id: int | None = None
        self.setMinimumWidth(320)

        empty = QLabel("Chọn một nhiệm vụ trong bảng để xem chi tiết và ghi tiến độ.")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setStyleSheet("color: #666; padding: 24px;")
        self.addWidget(empty)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        self.flag = QLabel()
        self.flag_icon = QLabel()
        flag_row = QHBoxLayout()
        flag_row.addWidget(self.flag_icon)
        flag_row.addWidget(self.flag, 1)
        layout.addLayout(flag_row)

        info = QGroupBox("Thông tin từ văn bản")
        self.info = QFormLayout(info)
        self.info.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)
        columns.addWidget(info, 1)
        right = QVBoxLayout()
        columns.addLayout(right, 1)

        progress = QGroupBox("Tiến độ thực hiện")
        form = QFormLayout(progress)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.occurrence = QComboBox()
        self.occurrence.setAccessibleName("Kỳ thực hiện")
        self.occurrence.currentIndexChanged.connect(self._on_occurrence)
        self.occurrence_label = QLabel("Kỳ thực hiện:")
        form.addRow(self.occurrence_label, self.occurrence)
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        self.status.setAccessibleName("Trạng thái")
        self.status.currentIndexChanged.connect(self._on_status)
        form.addRow("Trạng thái:", self.status)
        self.completed_on = date_edit(context.today)
        form.addRow("Ngày hoàn thành:", self.completed_on)
        self.result_ref = QLineEdit()
        self.result_ref.setPlaceholderText("Ví dụ: Báo cáo số 191-BC/ĐUK")
        form.addRow("Văn bản báo cáo kết quả:", self.result_ref)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Ghi chú về tiến độ, khó khăn, kiến nghị…")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        form.addRow("Ghi chú:", self.notes)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Lưu tiến độ")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        self.extend_button = QPushButton("Gia hạn…")
        self.extend_button.clicked.connect(self._ask_extension)
        self.edit_button = QPushButton("Sửa nhiệm vụ…")
        self.edit_button.setToolTip("Sửa nội dung, đơn vị, thời hạn (F2)")
        self.edit_button.clicked.connect(self._request_edit)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.extend_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        right.addWidget(progress)

        history = QGroupBox("Lịch sử thay đổi")
        history_layout = QVBoxLayout(history)
        self.history = QTreeWidget()
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels(["Thời điểm", "Thay đổi", "Nguồn"])
        self.history.setWordWrap(True)
        self.history.setMinimumHeight(120)
        history_header = self.history.header()
        history_header.setStretchLastSection(False)
        history_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        history_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        history_layout.addWidget(self.history)
        right.addWidget(history, 1)
        self.addWidget(scroll)

        context.signals.changed.connect(self._on_changed)

    # --- public ---------------------------------------------------------------------

    @property
    def task_id(self) -> int | None:
        return self._detail.id if self._detail else None

    @property
    def detail(self) -> TaskDetail | None:
        return self._detail

    @property
    def occurrence_id(self) -> int | None:
        return self._occurrence_id

    def show_task(self, task_id: int | None, occurrence_id: int | None = None) -> None:
        """Show *task_id*; a recurring task at *occurrence_id* (the period its row shows).

        Without one, the period already chosen for this task stays chosen, else the
        earliest still open.
        """
        if task_id is None:
            self._detail = None
            self._occurrence_id = None
            self.setCurrentIndex(0)
            return
        try:
            detail = get_task(self._context.database, task_id)
        except TaskEditError:
            self.show_task(None)
            return
        keep = self._occurrence_id if self._detail and self._detail.id == task_id else None
        if occurrence_id is not None:
            keep = occurrence_id
        self._detail = detail
        self._fill(detail, keep)
        self.setCurrentIndex(1)
        self.task_loaded.emit(task_id)

    def focus_editor(self) -> None:
        self.status.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_occurrence(self, occurrence_id: int) -> None:
        index = self.occurrence.findData(occurrence_id)
        if index >= 0:
            self.occurrence.setCurrentIndex(index)

    def form_progress(self) -> Progress:
        """What the form says now (not yet saved)."""
        status = self.status.currentData()
        return Progress(
            status=status,
            completed_on=from_qdate(self.completed_on.date())
            if status == TaskStatus.DONE
            else None,
            result_ref=self.result_ref.text().strip() or None,
            notes=self.notes.toPlainText().strip() or None,
        )

    def has_unsaved_changes(self) -> bool:
        if self._detail is None:
            return False
        form = self.form_progress()
        saved = progress_of(self._detail, self._occurrence_id)
        if form.status != saved.status:
            return True
        if (
            form.status == TaskStatus.DONE
            and saved.completed_on
            and form.completed_on != saved.completed_on
        ):
            return True
        return (form.result_ref, form.notes) != (
            (saved.result_ref or "").strip() or None,
            (saved.notes or "").strip() or None,
        )

    def confirm_leave(self) -> bool:
        """Before another task replaces this one: offer to save what was typed.

        Returns False when the user chose Hủy, or chose to save and the save was refused:
        the caller then keeps this task open with the user's text intact.
        """
        if not self.has_unsaved_changes():
            return True
        question = "Tiến độ của nhiệm vụ đang mở đã được sửa nhưng chưa lưu. Lưu lại không?"
        choice = ask_save(self, question)
        if choice is None:
            return False
        if not choice:
            return True
        return self.save()

    def save(self) -> bool:
        """Record the form's progress (undoable); False if the services refused it."""
        if self._detail is None:
            return False
        with errors_shown(self) as attempt:
            record_progress_command(
                self._context,
                self._detail,
                self.form_progress(),
                self._occurrence_id,
                self._report,
                initiator=self,
            )
        return not attempt.failed

    def extend(self, new_due: date, reason: str) -> None:
        """Gia hạn the task (or the chosen occurrence) to *new_due* (undoable)."""
        if self._detail is None:
            return
        with errors_shown(self):
            extend_command(
                self._context,
                self._detail.id,
                self._current_due(),
                new_due,
                reason,
                self._occurrence_id,
                self._report,
            )

    # --- internals ------------------------------------------------------------------

    def _report(self, error: BaseException) -> None:
        show_error(self, error)

    def _request_edit(self) -> None:
        if self._detail is not None:
            self.edit_requested.emit(self._detail.id)

    def _current_due(self) -> date | None:
        occurrence = self._occurrence()
        if occurrence is not None:
            return occurrence.due
        return self._detail.due if self._detail else None

    def _occurrence(self) -> OccurrenceInfo | None:
        if self._detail is None or self._occurrence_id is None:
            return None
        return next((o for o in self._detail.occurrences if o.id == self._occurrence_id), None)

    def _ask_extension(self) -> None:
        answer = ExtendDialog.ask(self, self._current_due(), self._context.today)
        if answer is not None:
            self.extend(*answer)

    def _fill(self, detail: TaskDetail, keep_occurrence: int | None) -> None:
        self.title.setText(detail.title)
        while self.info.rowCount():
            self.info.removeRow(0)
        document = " — ".join(p for p in (detail.document_number, detail.document_title) if p)
        rows: list[tuple[str, str | None]] = [
            ("Mã nhiệm vụ:", detail.ext_id),
            ("Văn bản:", document or None),
            ("Ngày ban hành:", day(detail.document_issued) or None),
            ("Tệp nguồn:", detail.source_file),
            ("Mục:", detail.section),
            ("Đơn vị chủ trì:", detail.lead_unit or "(văn bản không nêu)"),
            ("Đơn vị phối hợp:", ", ".join(detail.support_units) or None),
            ("Thời hạn (theo văn bản):", detail.deadline_text or "(không ghi)"),
            ("Hạn:", self._due_text(detail)),
            ("Hình thức sản phẩm:", detail.output_form),
            ("Ghi chú của văn bản:", detail.source_notes),
        ]
        rows.extend((f"{name}:", str(value)) for name, value in detail.extra.items())
        if detail.missing_from_source:
            rows.append(("Lưu ý:", "Nhiệm vụ không còn trong lần nhập văn bản gần nhất."))
        if detail.extensions:
            rows.append(
                (
                    "Đã gia hạn:",
                    "\n".join(
                        f"{day(e.old_due) or 'chưa có'} → {day(e.new_due)}: {e.reason}"
                        for e in detail.extensions
                    ),
                )
            )
        for label, value in rows:
            if value:
                text = QLabel(value)
                text.setWordWrap(True)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.info.addRow(label, text)

        self.occurrence.blockSignals(True)
        self.occurrence.clear()
        for occurrence in detail.occurrences:
            label = f"Hạn {day(occurrence.due)} — {STATUS_LABELS.get(occurrence.status, '')}"
            self.occurrence.addItem(label, occurrence.id)
        self.occurrence.blockSignals(False)
        recurring = bool(detail.occurrences)
        self.occurrence.setVisible(recurring)
        self.occurrence_label.setVisible(recurring)
        chosen: int | None = None
        current = current_occurrence(detail.occurrences)
        if current is not None:
            ids = [o.id for o in detail.occurrences]
            chosen = keep_occurrence if keep_occurrence in ids else current.id
            self.occurrence.setCurrentIndex(ids.index(chosen))
        self._occurrence_id = chosen
        self._fill_progress()
        self._fill_history(detail)

    def _fill_history(self, detail: TaskDetail) -> None:
        self.history.clear()
        for entry in detail.history:
            field = FIELD_LABELS.get(entry.field, entry.field)
            change = (
                f"{field}: {shown_value(entry.field, entry.old_value)} → "
                f"{shown_value(entry.field, entry.new_value)}"
            )
            item = QTreeWidgetItem(
                [moment(entry.at), change, SOURCE_LABELS.get(entry.source, entry.source)]
            )
            item.setToolTip(1, change)
            self.history.addTopLevelItem(item)
        if not detail.history:
            empty = QTreeWidgetItem(["Chưa có thay đổi nào."])
            self.history.addTopLevelItem(empty)
            empty.setFirstColumnSpanned(True)

    def _due_text(self, detail: TaskDetail) -> str:
        parts = []
        if detail.due:
            parts.append(day(detail.due))
        if detail.span_start or detail.span_end:
            parts.append(f"từ {day(detail.span_start) or '…'} đến {day(detail.span_end) or '…'}")
        kind = KIND_LABELS.get(detail.kind)
        if not detail.deadline_text and not parts:
            return "không có hạn"
        if detail.recurrence and kind:
            period = RECURRENCE_LABELS.get(detail.recurrence, "chưa rõ chu kỳ")
            kind = f"{kind} ({period})"
        if kind:
            parts.append(kind)
        return "; ".join(parts) or "chưa có"

    def _fill_progress(self) -> None:
        detail = self._detail
        if detail is None:
            return
        progress = progress_of(detail, self._occurrence_id)
        self.status.blockSignals(True)
        self.status.setCurrentIndex(max(0, self.status.findData(progress.status)))
        self.status.blockSignals(False)
        self.completed_on.setDate(to_qdate(progress.completed_on or self._context.today))
        self.completed_on.setEnabled(progress.status == TaskStatus.DONE)
        self.result_ref.setText(progress.result_ref or "")
        self.notes.setPlainText(progress.notes or "")
        self._update_flag(progress.status)

    def _update_flag(self, status: str) -> None:
        due = self._current_due()
        flag = flag_for(due, status == TaskStatus.DONE, self._context.today)
        self._show_flag(flag, due)

    def _show_flag(self, flag: Flag, due: date | None) -> None:
        today = self._context.today
        if flag is Flag.OVERDUE and due is not None:
            text = f"Quá hạn {(today - due).days} ngày (hạn {day(due)})"
        elif flag is Flag.DUE_SOON and due is not None:
            left = (due - today).days
            text = f"Sắp đến hạn: còn {left} ngày (hạn {day(due)})" if left else "Đến hạn hôm nay"
        elif flag is Flag.DONE:
            text = "Đã hoàn thành"
        elif flag is Flag.NO_DEADLINE:
            text = "Không có hạn cụ thể"
        else:
            text = f"Còn hạn (hạn {day(due)})"
        color = FLAG_FOREGROUND.get(flag)
        self.flag.setText(text)
        self.flag.setStyleSheet(f"color: {color.name()}; font-weight: bold;" if color else "")
        self.flag.setAccessibleName(FLAG_WORDS.get(flag) or text)
        icon = flag_icon(flag)
        self.flag_icon.setPixmap(icon.pixmap(16, 16) if flag in FLAG_FOREGROUND else QPixmap())
        self.flag_icon.setVisible(flag in FLAG_FOREGROUND)

    def _on_occurrence(self, index: int) -> None:
        value = self.occurrence.itemData(index)
        self._occurrence_id = value if isinstance(value, int) else None
        self._fill_progress()

    def _on_status(self, _index: int) -> None:
        done = self.status.currentData() == TaskStatus.DONE
        self.completed_on.setEnabled(done)

    def _on_changed(self, change: Change) -> None:
        if self._detail is None:
            return
        if change.initiator is self:
            self._saved()
        elif change.initiator == ELSEWHERE and self.has_unsaved_changes():
            return  # keep the typing; its save is checked against the task's version
        elif not change.task_ids or self._detail.id in change.task_ids or change.units:
            self.show_task(self._detail.id)

    def _saved(self) -> None:
        """After its own save: the form is not reloaded, the rest catches up.

        The form already shows what was saved, and the cursor stays where the user typed;
        the flag, the occurrences' statuses and the history are brought up to date.
        """
        assert self._detail is not None
        self._detail = detail = get_task(self._context.database, self._detail.id)
        for index, occurrence in enumerate(detail.occurrences):
            label = f"Hạn {day(occurrence.due)} — {STATUS_LABELS.get(occurrence.status, '')}"
            self.occurrence.setItemText(index, label)
        self._fill_history(detail)
        self._update_flag(self.form_progress().status)
