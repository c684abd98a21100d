"""The widgets of the editable import preview: the table, its unit box, the split dialog.

Keyboard first: Tab moves from cell to cell, Enter or F2 edits the cell (the lead unit in
an editable box of the units there are; a new name is allowed and shown "mới"), Space
includes or leaves out a row, Delete leaves it out, Insert adds a row below. Ctrl+Enter
(the dialog's) confirms the import, even from inside a cell being edited.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.import_preview_model import (
    COL_ACTION,
    COL_DEADLINE,
    COL_ID,
    COL_LEAD,
    COL_READING,
    COL_SUPPORT,
    COL_TITLE,
    PreviewModel,
)

_Index = QModelIndex | QPersistentModelIndex


class UnitDelegate(QStyledItemDelegate):
    """The lead unit: an editable box listing the units there are; any new name allowed."""

    def __init__(self, names: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        box = QComboBox(parent)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.setAccessibleName("Đơn vị chủ trì")
        box.addItem("")
        box.addItems(self.names)
        completer = QCompleter(self.names, box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        box.setCompleter(completer)
        return box

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class PreviewTable(QTableView):
    """The preview's table: Enter edits the current cell, Delete leaves a row out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.verticalHeader().hide()
        # One line per task: the full text is in the tooltip and in the cell's editor.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setAccessibleName("Các nhiệm vụ sẽ nhập")

    def size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (COL_ID, 96),
            (COL_LEAD, 150),
            (COL_SUPPORT, 110),
            (COL_DEADLINE, 120),
            (COL_READING, 185),
            (COL_ACTION, 66),
        ):
            self.setColumnWidth(column, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        index = self.currentIndex()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            # An Enter that ends an edit comes here from the editor (which closes itself
            # just after): it is used up, never passed on to the dialog's buttons.
            if self.state() == QAbstractItemView.State.EditingState or not index.isValid():
                event.accept()
                return
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            elif index.column() == COL_ID:
                self._toggle(index)
            event.accept()
            return
        if key == Qt.Key.Key_Delete and plain and index.isValid():
            preview = self.preview_model()
            if preview is not None:
                preview.drop_row(self.source_row(index))
            event.accept()
            return
        super().keyPressEvent(event)

    def preview_model(self) -> PreviewModel | None:
        model = self.model()
        source = model.sourceModel() if hasattr(model, "sourceModel") else model
        return source if isinstance(source, PreviewModel) else None

    def source_row(self, index: _Index) -> int:
        model = self.model()
        if hasattr(model, "mapToSource"):
            return int(model.mapToSource(index).row())
        return index.row()

    def current_source_row(self) -> int | None:
        index = self.currentIndex()
        return self.source_row(index) if index.isValid() else None

    def show_source_row(self, row: int, column: int = COL_TITLE) -> None:
        """Make *row* of the preview model current (when the filter shows it)."""
        model = self.model()
        preview = self.preview_model()
        if preview is None:
            return
        index = preview.index(row, column)
        if hasattr(model, "mapFromSource"):
            index = model.mapFromSource(index)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def commit_open_editor(self) -> None:
        """Ctrl+Enter while a cell is edited: keep what was typed before importing."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        while editor is not None and editor.parentWidget() is not self.viewport():
            editor = editor.parentWidget()
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _toggle(self, index: _Index) -> None:
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        checked = Qt.CheckState(state) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        self.model().setData(index, new, Qt.ItemDataRole.CheckStateRole)


def split_point(title: str) -> int:
    """Where a title most likely holds two tasks: the ";" or "." nearest its middle."""
    middle = len(title) // 2
    marks = [i + 1 for i, ch in enumerate(title) if ch in ";." and 0 < i < len(title) - 2]
    return min(marks, key=lambda i: abs(i - middle)) if marks else middle


class SplitDialog(QDialog):
    """Tách dòng: the user puts the cursor where the second task begins."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tách nhiệm vụ làm hai")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Đặt con trỏ vào chỗ nhiệm vụ thứ hai bắt đầu rồi nhấn “Tách tại con trỏ”. "
            "Phần sau con trỏ thành một nhiệm vụ mới ngay bên dưới, cùng đơn vị và thời hạn."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.text = QPlainTextEdit(title)
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.text.setAccessibleName("Nội dung nhiệm vụ cần tách")
        self.text.setFixedHeight(120)
        layout.addWidget(self.text)
        self.set_position(split_point(title))
        buttons = QDialogButtonBox()
        self.split_button = buttons.addButton(
            "Tách tại con trỏ", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def position(self) -> int:
        return self.text.textCursor().position()

    def set_position(self, position: int) -> None:
        cursor = self.text.textCursor()
        cursor.setPosition(max(0, min(position, len(self.text.toPlainText()))))
        cursor.movePosition(QTextCursor.MoveOperation.NoMove)
        self.text.setTextCursor(cursor)
