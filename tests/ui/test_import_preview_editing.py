"""The editable import preview, driven through its real widgets: what the user edits there
is what is imported; rows added, split and left out; the "Cần xem lại" filter; the
re-import conflict chooser; and the plan made off the GUI thread."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from db import Database
from desktop.services.importer import PlanAction, plan_from_path
from desktop.services.queries import TaskFilter, TaskRow, list_tasks
from desktop.services.task_editing import draft_of, edit_task, edited_fields
from desktop.ui.import_conflicts import COL_FILE, COL_MINE
from desktop.ui.import_dialog import TAB_CONFLICTS, ImportDialog
from desktop.ui.import_preview_model import (
    COL_DEADLINE,
    COL_ID,
    COL_LEAD,
    COL_READING,
    COL_TITLE,
    UNREAD_FOREGROUND,
    UNREAD_TEXT,
)
from desktop.ui.signals import AppContext
from tests.bench.generate import make_payload, write_payload
from tests.ui.conftest import wait_for_plan
from tests.ui.test_write_operations import ticks_while
from tests.ui.window_data import TODAY, task_payload, write_task_file

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    # The offscreen platform cannot raise a window or grab the keyboard for a popup.
    pytest.mark.qt_log_ignore("propagateSizeHints", "support raise", "grabbing the keyboard"),
]

TASKS = [
    ("P1", "Quán triệt Nghị quyết đến cán bộ", "Ban Tuyên giáo", [], "Quý IV năm 2021"),
    ("P2", "Kiểm tra việc thực hiện", "Ủy ban Kiểm tra", [], "khi điều kiện cho phép chăng"),
    ("P3", "Mục lục và phụ lục kèm theo", "Văn phòng", [], None),
]


def rows(database: Database) -> dict[str, TaskRow]:
    found = list_tasks(database, TaskFilter(today=TODAY, include_hidden=True))
    return {r.ext_id: r for r in found if r.document_number == "30-CTr/ĐUK"}


def open_preview(qtbot: Any, context: AppContext, path: Path) -> ImportDialog:
    dialog = ImportDialog(context, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    reactivate(qtbot, dialog)  # Ctrl+Enter is the dialog's shortcut: it must be active
    wait_for_plan(qtbot, dialog)
    return dialog


def current_editor(view: Any) -> QWidget:
    """The cell editor the view opened (the focus widget, or the one child of the viewport)."""
    focus = QApplication.focusWidget()
    if focus is not None and view.viewport().isAncestorOf(focus):
        return focus
    editors = [w for w in view.viewport().findChildren(QWidget) if w.isVisible()]
    assert editors, "no editor open"
    return editors[0]


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest's keyClicks knows ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def edit_cell(qtbot: Any, dialog: ImportDialog, row: int, column: int, text: str) -> None:
    """Go to the cell, press Enter, type *text*, press Enter: as a user does."""
    view = dialog.tasks_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.state() == view.State.EditingState
    editor = current_editor(view)
    line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
    assert isinstance(line, QLineEdit)
    line.selectAll()
    type_text(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    # The editor commits and closes itself once the event loop turns.
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    reactivate(qtbot, dialog)


def reactivate(qtbot: Any, dialog: ImportDialog) -> None:
    """The unit box's completer popup took activation; the offscreen platform (unlike a
    desktop's window manager) does not give it back to the dialog when the popup closes."""
    if QApplication.activeWindow() is not dialog:
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.tasks_view.setFocus()


def confirm_with_keys(qtbot: Any, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=20_000):
        qtbot.keyClick(dialog.tasks_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.import_result is not None


def test_edited_cells_are_what_is_imported_and_stay_corrected(
    qtbot: Any, qtmodeltester: Any, context: AppContext, tmp_path: Path
) -> None:
    path = write_task_file(tmp_path / "p.json", task_payload(TASKS, number="30-CTr/ĐUK"))
    dialog = open_preview(qtbot, context, path)
    model = dialog.tasks_model
    view = dialog.tasks_view
    # Tab goes from cell to cell; F2 opens the cell's editor, Escape closes it unchanged.
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, COL_TITLE))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == COL_LEAD
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == view.State.EditingState
    qtbot.keyClick(current_editor(view), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    reactivate(qtbot, dialog)
    assert not model.edited
    assert model.index(1, COL_READING).data() == UNREAD_TEXT
    reading_colour = model.index(1, COL_READING).data(Qt.ItemDataRole.ForegroundRole)
    assert reading_colour.color() == UNREAD_FOREGROUND

    edit_cell(qtbot, dialog, 0, COL_TITLE, "Quán triệt và triển khai Nghị quyết")
    edit_cell(qtbot, dialog, 1, COL_LEAD, "Ủy ban Kiểm tra Đảng ủy Khối")
    edit_cell(qtbot, dialog, 1, COL_DEADLINE, "Quý III năm 2022")
    # Re-read as typed: due date, quarter and kind beside it, no longer red.
    reading = model.index(1, COL_READING).data()
    assert reading.startswith("30/09/2022 · ") and "Quý III/2022" in reading
    assert "có hạn cụ thể" in reading
    assert model.index(1, COL_READING).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, COL_LEAD).data() == "Ủy ban Kiểm tra Đảng ủy Khối  (mới)"
    assert model.index(0, COL_LEAD).data() == "Ban Tuyên giáo"  # a unit there is
    assert "bạn đã sửa hoặc thêm 2 dòng" in dialog.counts.text()
    qtmodeltester.check(model)
    qtmodeltester.check(dialog.filter)

    confirm_with_keys(qtbot, dialog)
    found = rows(context.database)
    assert found["P1"].title == "Quán triệt và triển khai Nghị quyết"
    assert found["P2"].lead_unit == "Ủy ban Kiểm tra Đảng ủy Khối"
    assert found["P2"].deadline_text == "Quý III năm 2022"
    assert found["P2"].due is not None and found["P2"].due.isoformat() == "2022-09-30"
    assert found["P3"].title == "Mục lục và phụ lục kèm theo"
    assert edited_fields(context.database, found["P1"].id) == {"title"}
    assert edited_fields(context.database, found["P2"].id) == {"lead_unit", "deadline"}
    # The same file again: the corrections stay (nothing to update).
    again = plan_from_path(context.database, path)
    assert [t.action for t in again.tasks] == [PlanAction.SAME] * 3


def test_add_split_and_leave_out_rows(qtbot: Any, context: AppContext, tmp_path: Path) -> None:
    path = write_task_file(tmp_path / "p.json", task_payload(TASKS, number="30-CTr/ĐUK"))
    dialog = open_preview(qtbot, context, path)
    model, view = dialog.tasks_model, dialog.tasks_view

    # Split row 1 where its second task begins.
    view.setCurrentIndex(view.model().index(0, COL_TITLE))
    qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
    splitter = dialog.split_dialog
    splitter.set_position(len("Quán triệt Nghị quyết"))
    qtbot.mouseClick(splitter.split_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 4
    assert model.index(0, COL_TITLE).data() == "Quán triệt Nghị quyết"
    assert model.index(1, COL_TITLE).data() == "đến cán bộ"
    assert model.index(1, COL_LEAD).data() == "Ban Tuyên giáo"

    # A task the extractor missed, added at the end with the Insert key.
    view.setCurrentIndex(view.model().index(3, COL_TITLE))
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    editor = current_editor(view)
    assert isinstance(editor, QLineEdit)
    type_text(editor, "Sơ kết giữa nhiệm kỳ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert model.rowCount() == 5
    edit_cell(qtbot, dialog, 4, COL_LEAD, "Văn phòng")
    edit_cell(qtbot, dialog, 4, COL_DEADLINE, "Quý I năm 2022")

    # "Mục lục" is not a task: Delete leaves it out (the box unchecked).
    view.setCurrentIndex(view.model().index(3, COL_TITLE))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert model.index(3, COL_ID).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert dialog.import_button.text() == "Nhập 4 nhiệm vụ"
    # Space puts a row back; Delete again leaves it out.
    view.setCurrentIndex(view.model().index(3, COL_ID))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.included_count == 5
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert model.included_count == 4

    confirm_with_keys(qtbot, dialog)
    found = rows(context.database)
    assert set(found) == {"P1", "TM.1", "P2", "TM.2"}
    assert found["P1"].title == "Quán triệt Nghị quyết"
    assert found["TM.1"].title == "đến cán bộ" and found["TM.1"].lead_unit == "Ban Tuyên giáo"
    assert found["TM.1"].deadline_text == "Quý IV năm 2021"
    assert found["TM.2"].title == "Sơ kết giữa nhiệm kỳ"
    assert found["TM.2"].due is not None and found["TM.2"].due.isoformat() == "2022-03-31"
    # Re-imported, the rows the user added are never "không còn trong văn bản".
    assert plan_from_path(context.database, path).vanished_ids == ()


def test_the_review_filter_shows_exactly_the_rows_to_look_at(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    tasks = [
        {"id": "1", "title": "Tuyên truyền", "lead_unit": "Văn phòng",
         "deadline_text": "Quý II năm 2022", "guessed": ["lead_unit"]},
        {"id": "2", "title": "Sơ kết", "lead_unit": "Văn phòng",
         "deadline_text": "Quý II năm 2022"},
        {"id": "3", "title": "Tổng kết hoạt động", "lead_unit": "Văn phòng", "repaired": True},
        {"id": "4", "title": "Kiểm tra", "lead_unit": "Văn phòng", "deadline_text": "chăng nữa"},
        {"id": "5", "title": "Báo cáo", "lead_unit": "Ban Tuyên giáo Đảng ủy Khối"},
        {"id": "6", "title": "Hội nghị", "lead_unit": "Ban Dân vận"},
    ]  # fmt: skip
    payload = task_payload([], number="31-CTr/ĐUK")
    payload["version"] = 2
    payload["tasks"] = tasks
    dialog = open_preview(qtbot, context, write_task_file(tmp_path / "v2.json", payload))
    model = dialog.tasks_model
    # 1 guessed, 3 repaired, 4 unread, 5 only resembles "Ban Tuyên giáo".
    assert [model.needs_review(r) for r in range(6)] == [True, False, True, True, True, False]
    assert dialog.review_button.text() == "Cần xem lại (4)"
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    shown = dialog.filter
    assert [shown.index(r, COL_ID).data() for r in range(shown.rowCount())] == ["1", "3", "4", "5"]
    assert model.index(0, COL_LEAD).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, COL_LEAD).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "có thể là đơn vị đã có" in model.index(4, COL_LEAD).data(Qt.ItemDataRole.ToolTipRole)

    # Correcting the unread deadline (in the filtered view) takes the row off the list.
    edit_cell(qtbot, dialog, 2, COL_DEADLINE, "Quý III năm 2022")
    assert dialog.review_button.text() == "Cần xem lại (3)"
    assert shown.rowCount() == 3
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    assert shown.rowCount() == 6


def _correct_then_reimport(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> tuple[ImportDialog, int, Path]:
    first = write_task_file(tmp_path / "v1.json", task_payload(TASKS, number="30-CTr/ĐUK"))
    dialog = open_preview(qtbot, context, first)
    confirm_with_keys(qtbot, dialog)
    task_id = rows(context.database)["P1"].id
    draft = draft_of(context.database, task_id)
    edit_task(context.database, task_id, replace(draft, title="Bản tôi sửa"))
    # The new file changes P1, which the user corrected, and P2, which the user did not.
    changed = [
        ("P1", "Bản trong tệp mới", *TASKS[0][2:]),
        ("P2", "Kiểm tra, giám sát việc thực hiện", *TASKS[1][2:]),
        TASKS[2],
    ]
    second = write_task_file(tmp_path / "v2.json", task_payload(changed, number="30-CTr/ĐUK"))
    return open_preview(qtbot, context, second), task_id, second


def test_conflict_chooser_keeps_the_users_value_by_default(
    qtbot: Any, qtmodeltester: Any, context: AppContext, tmp_path: Path
) -> None:
    dialog, task_id, _path = _correct_then_reimport(qtbot, context, tmp_path)
    conflicts = dialog.conflicts_model
    qtmodeltester.check(conflicts)
    assert dialog.tabs.isTabVisible(TAB_CONFLICTS)
    assert dialog.tabs.tabText(TAB_CONFLICTS) == "Bạn đã sửa (1)"
    assert dialog.tabs.currentIndex() == TAB_CONFLICTS  # shown first: the user has a choice to make
    assert conflicts.rowCount() == 1
    assert conflicts.index(0, COL_MINE).data() == "Bản tôi sửa"
    assert conflicts.index(0, COL_FILE).data() == "Bản trong tệp mới"
    checked = Qt.ItemDataRole.CheckStateRole
    assert conflicts.index(0, COL_MINE).data(checked) == Qt.CheckState.Checked
    assert conflicts.index(0, COL_FILE).data(checked) == Qt.CheckState.Unchecked
    # The preview row shows what will stay, with both values in its tooltip.
    title = dialog.tasks_model.index(0, COL_TITLE)
    assert title.data() == "Bản tôi sửa"
    assert "Tệp mới ghi: “Bản trong tệp mới”" in title.data(Qt.ItemDataRole.ToolTipRole)
    assert dialog.review_button.text() == "Cần xem lại (2)"  # P2's unread deadline too

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=20_000)
    assert draft_of(context.database, task_id).title == "Bản tôi sửa"
    assert "title" in edited_fields(context.database, task_id)
    assert rows(context.database)["P2"].title == "Kiểm tra, giám sát việc thực hiện"


def test_conflict_chooser_can_take_the_files_value(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    dialog, task_id, path = _correct_then_reimport(qtbot, context, tmp_path)
    conflicts = dialog.conflicts_model
    view = dialog.conflicts_view
    dialog.tabs.setCurrentIndex(TAB_CONFLICTS)
    cell = view.visualRect(conflicts.index(0, COL_FILE))
    # A click on the check box of "Lấy theo tệp mới"; the pair follows.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_box_offset(cell))
    checked = Qt.ItemDataRole.CheckStateRole
    assert conflicts.index(0, COL_FILE).data(checked) == Qt.CheckState.Checked
    assert conflicts.index(0, COL_MINE).data(checked) == Qt.CheckState.Unchecked
    assert dialog.tasks_model.index(0, COL_TITLE).data() == "Bản trong tệp mới"

    confirm_with_keys(qtbot, dialog)
    assert draft_of(context.database, task_id).title == "Bản trong tệp mới"
    assert "title" not in edited_fields(context.database, task_id)
    assert plan_from_path(context.database, path).tasks[0].action is PlanAction.SAME


def _box_offset(cell: QRect) -> QPoint:
    """Where a cell's check box is drawn: a few pixels in from its left edge, mid-height."""
    return QPoint(cell.left() + 10, cell.center().y())


def test_the_window_keeps_turning_while_20000_tasks_are_planned(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    count = 20_000
    source = write_payload(tmp_path / "lon.json", make_payload(count, number=78))
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    with ticks_while(lambda: dialog.planning) as ticks:
        dialog.load(source)
        assert dialog.planning and dialog.busy_row.isVisible()
        assert not dialog.import_button.isEnabled()
        # The bar moves and the event loop turns while the file is read and matched.
        qtbot.waitUntil(
            lambda: dialog.busy_bar.maximum() == count and ticks[0] > 20, timeout=60_000
        )
        wait_for_plan(qtbot, dialog)
    assert ticks[0] > 20
    assert dialog.plan is not None and dialog.plan.count == count
    assert dialog.busy_row.isHidden() and dialog.import_button.isEnabled()
    assert QApplication.overrideCursor() is None


def test_huy_while_planning_shows_nothing_and_writes_nothing(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    source = write_payload(tmp_path / "lon.json", make_payload(20_000, number=79))
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.planned, timeout=30_000):
        dialog.load(source)
        qtbot.mouseClick(dialog.busy_cancel, Qt.MouseButton.LeftButton)
    assert dialog.plan is None and not dialog.planning
    assert dialog.summary.text().startswith("Không thể nhập tệp này.")
    assert "Đã huỷ việc đọc tệp" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert QApplication.overrideCursor() is None
    assert json.loads(source.read_text(encoding="utf-8"))["tasks"]  # the file is untouched


def test_reading_again_with_an_issue_date_keeps_the_edits(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    tasks = [
        ("K1", "Hội nghị quán triệt", "Văn phòng", [], "trước ngày 15/4"),
        ("K2", "Sơ kết", "Văn phòng", [], "Quý IV năm 2021"),
    ]
    payload = task_payload(tasks, number="32-CTr/ĐUK", issued=None)
    dialog = open_preview(qtbot, context, write_task_file(tmp_path / "k.json", payload))
    assert not dialog.issue_row.isHidden()
    edit_cell(qtbot, dialog, 1, COL_TITLE, "Sơ kết một năm")
    dialog.issued.setDate(dialog.issued.date().addMonths(-6))  # 01/04/2021
    qtbot.mouseClick(dialog.reread_button, Qt.MouseButton.LeftButton)
    wait_for_plan(qtbot, dialog)
    model = dialog.tasks_model
    assert model.index(0, COL_READING).data().startswith("14/04/2021")
    assert model.index(1, COL_TITLE).data() == "Sơ kết một năm"
    assert model.row(1).corrected == {"title"}
    confirm_with_keys(qtbot, dialog)
    found = list_tasks(context.database, TaskFilter(today=TODAY, include_hidden=True))
    assert {r.ext_id: r.title for r in found if r.ext_id in ("K1", "K2")} == {
        "K1": "Hội nghị quán triệt",
        "K2": "Sơ kết một năm",
    }
