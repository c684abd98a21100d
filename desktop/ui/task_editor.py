"""The task editor: "Thêm nhiệm vụ" (Ctrl+N) and "Sửa nhiệm vụ…" share one form.

A dialog rather than fields inside the details pane: the pane records *progress* and saves
on every change, while a correction of what the document says is a deliberate act with
Lưu/Hủy, one history entry per field and one step on the undo stack; the same form then
serves adding a task, which the pane cannot.

The deadline phrase is re-read as it is typed, with the rule the import uses (due date,
quarter, kind beside the field; red when it cannot be read). A unit name not yet in the
list is marked "mới" before it is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.units import unit_key
from desktop.services.task_editing import (
    DocumentChoice,
    TaskDraft,
    draft_and_version,
    list_documents,
    manual_issue_date,
    read_phrase,
)
from desktop.services.tasks import get_task
from desktop.services.unit_admin import unit_rows
from desktop.ui.edit_commands import add_task_command, edit_task_command
from desktop.ui.errors import show_error
from desktop.ui.signals import AppContext

NO_DOCUMENT = "(Không thuộc văn bản nào)"
UNREAD_STYLE = "color: #b3261e; font-weight: bold;"
READ_STYLE = "color: #1b5e20;"
HINT_STYLE = "color: #666;"


def split_units(text: str) -> tuple[str, ...]:
    """Support units typed in one line, separated by ";" (a unit name may hold commas)."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose Alt+letter (the "&" in *text*) moves to its field."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class TaskEditorDialog(QDialog):
    """Add a task (``task_id`` None) or correct one; saves through the undo stack."""

    def __init__(
        self,
        context: AppContext,
        task_id: int | None = None,
        parent: QWidget | None = None,
        *,
        lead_unit: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.task_id = task_id
        # The version the form was filled at: saving over a newer one is refused.
        self._version: int | None = None
        self.saved_id: int | None = None
        self.setWindowTitle("Thêm nhiệm vụ" if task_id is None else "Sửa nhiệm vụ")
        self.setMinimumWidth(640)
        self._unit_keys = {unit_key(u.name): u.name for u in unit_rows(context.database)}
        unit_names = sorted(self._unit_keys.values())

        layout = QVBoxLayout(self)
        heading = QLabel(self.windowTitle())
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel(
            "Nhập nhiệm vụ văn bản chưa có hoặc sửa lại cho đúng. Mỗi thay đổi được ghi vào "
            "lịch sử và có thể hoàn tác (Ctrl+Z). Lần nhập lại văn bản sau không ghi đè "
            "những gì bạn đã sửa."
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout.addLayout(form)

        self.document = QComboBox()
        self.document.setAccessibleName("Văn bản")
        self._documents: list[DocumentChoice] = []
        if task_id is None:
            self.document.addItem(NO_DOCUMENT, None)
            self._documents = list_documents(context.database)
            for choice in self._documents:
                self.document.addItem(choice.label, choice.id)
        else:
            detail = get_task(context.database, task_id)
            label = " — ".join(p for p in (detail.document_number, detail.document_title) if p)
            self.document.addItem(f"{label or 'Văn bản'}  (mã nhiệm vụ {detail.ext_id})")
            self.document.setEnabled(False)
        self.document.currentIndexChanged.connect(self._reread)
        form.addRow(_label("&Văn bản:", self.document), self.document)

        self.title = QPlainTextEdit()
        self.title.setAccessibleName("Nội dung nhiệm vụ")
        self.title.setPlaceholderText("Nội dung nhiệm vụ, như văn bản ghi")
        self.title.setTabChangesFocus(True)
        self.title.setFixedHeight(84)
        form.addRow(_label("&Nội dung:", self.title), self.title)

        self.section = QLineEdit()
        self.section.setPlaceholderText("Ví dụ: II / 1 (không bắt buộc)")
        form.addRow(_label("&Mục:", self.section), self.section)

        self.lead = QComboBox()
        self.lead.setEditable(True)
        self.lead.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lead.setAccessibleName("Đơn vị chủ trì")
        self.lead.addItem("")
        self.lead.addItems(unit_names)
        completer = QCompleter(unit_names, self.lead)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.lead.setCompleter(completer)
        self.lead_note = QLabel()
        self.lead.editTextChanged.connect(self._mark_new_units)
        lead_row = QVBoxLayout()
        lead_row.setSpacing(2)
        lead_row.addWidget(self.lead)
        lead_row.addWidget(self.lead_note)
        form.addRow(_label("Đơn vị &chủ trì:", self.lead), lead_row)

        self.supports = QLineEdit()
        self.supports.setAccessibleName("Đơn vị phối hợp")
        self.supports.setPlaceholderText("Các đơn vị, cách nhau bằng dấu chấm phẩy ;")
        self.supports.textChanged.connect(self._mark_new_units)
        self.supports_note = QLabel()
        supports_row = QVBoxLayout()
        supports_row.setSpacing(2)
        supports_row.addWidget(self.supports)
        supports_row.addWidget(self.supports_note)
        form.addRow(_label("Đơn vị &phối hợp:", self.supports), supports_row)

        self.deadline = QLineEdit()
        self.deadline.setAccessibleName("Thời hạn")
        self.deadline.setPlaceholderText("Như văn bản ghi: “Quý III năm 2024”, “hằng năm”…")
        self.deadline.textChanged.connect(self._reread)
        self.reading = QLabel()
        self.reading.setAccessibleName("Thời hạn đọc được")
        deadline_row = QVBoxLayout()
        deadline_row.setSpacing(2)
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(self.reading)
        form.addRow(_label("&Thời hạn:", self.deadline), deadline_row)

        self.output_form = QLineEdit()
        self.output_form.setPlaceholderText("Ví dụ: Kế hoạch, Báo cáo (không bắt buộc)")
        form.addRow(_label("&Hình thức sản phẩm:", self.output_form), self.output_form)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            "Thêm nhiệm vụ" if task_id is None else "Lưu",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Ctrl+Enter")
        self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Ctrl+Enter saves from any field (Enter alone is a new line in the text).
        for field in (
            self.title,
            self.section,
            self.lead,
            self.supports,
            self.deadline,
            self.output_form,
        ):
            field.installEventFilter(self)

        if task_id is not None:
            draft, self._version = draft_and_version(context.database, task_id)
            self._fill(draft)
        elif lead_unit:
            self.lead.setCurrentText(lead_unit)
        self._reread()
        self._mark_new_units()

    # --- public ---------------------------------------------------------------------

    def draft(self) -> TaskDraft:
        return TaskDraft(
            title=self.title.toPlainText(),
            lead_unit=self.lead.currentText().strip() or None,
            support_units=split_units(self.supports.text()),
            deadline_text=self.deadline.text().strip() or None,
            section=self.section.text().strip() or None,
            output_form=self.output_form.text().strip() or None,
        )

    def save(self) -> None:
        """Write through the undo stack; on a refusal the form stays open with its text."""
        report = self._report
        try:
            if self.task_id is None:
                self.saved_id = add_task_command(
                    self._context, self.draft(), self.document.currentData(), report
                )
            else:
                edit_task_command(self._context, self.task_id, self.draft(), report, self._version)
                self.saved_id = self.task_id
        except Exception as error:
            show_error(self, error)
            return
        self.accept()

    def choose_document(self, document_id: int | None) -> None:
        index = self.document.findData(document_id)
        if index >= 0:
            self.document.setCurrentIndex(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save()
            return True
        return super().eventFilter(watched, event)

    # --- internals ------------------------------------------------------------------

    def _report(self, error: BaseException) -> None:
        show_error(self.parentWidget() or self, error)

    def _fill(self, draft: TaskDraft) -> None:
        self.title.setPlainText(draft.title)
        self.section.setText(draft.section or "")
        self.lead.setCurrentText(draft.lead_unit or "")
        self.supports.setText("; ".join(draft.support_units))
        self.deadline.setText(draft.deadline_text or "")
        self.output_form.setText(draft.output_form or "")

    def _anchor(self) -> tuple[date | None, date | None]:
        """The issue date and programme term the phrase is read against."""
        if self.task_id is not None:
            detail = get_task(self._context.database, self.task_id)
            return detail.document_issued, None
        document_id = self.document.currentData()
        for choice in self._documents:
            if choice.id == document_id:
                return choice.issued, choice.horizon
        return manual_issue_date(self._context.database, self._context.today), None

    def _reread(self, *_args: Any) -> None:
        text = self.deadline.text().strip()
        if not text:
            self.reading.setText("Không có thời hạn (để trống nếu văn bản không ghi)")
            self.reading.setStyleSheet(HINT_STYLE)
            return
        issued, horizon = self._anchor()
        reading = read_phrase(text, issued, horizon)
        self.reading.setText(
            f"Đọc được: {reading.summary}" if reading.understood else reading.summary
        )
        self.reading.setStyleSheet(READ_STYLE if reading.understood else UNREAD_STYLE)

    def _mark_new_units(self, *_args: Any) -> None:
        lead = self.lead.currentText().strip()
        self._note(self.lead_note, [lead] if lead else [])
        self._note(self.supports_note, list(split_units(self.supports.text())))

    def _note(self, label: QLabel, names: list[str]) -> None:
        new = [n for n in names if unit_key(n) not in self._unit_keys]
        if not names:
            label.setText("")
        elif new:
            label.setText("Đơn vị mới (sẽ được tạo): " + ", ".join(new))
            label.setStyleSheet("color: #8a5300;")
        else:
            label.setText("Đơn vị đã có")
            label.setStyleSheet(HINT_STYLE)
