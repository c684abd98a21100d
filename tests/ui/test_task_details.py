"""Recording progress, gia hạn, the history, undo (Ctrl+Z), hiding and opening a task."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.services.queries import TaskFilter, count_tasks
from desktop.services.tasks import get_task
from desktop.ui.main_window import MainWindow
from desktop.ui.task_details import ExtendDialog
from tests.ui.conftest import Dialogs, refreshed
from tests.ui.window_data import TODAY

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def open_task(qtbot: Any, window: MainWindow, title: str) -> int:
    model = window.model
    for row in range(model.rowCount()):
        if model.task_row(row).title == title:  # type: ignore[union-attr]
            wanted = model.task_id(row)
            assert wanted is not None
            window.select_task(wanted)
            assert window.details.task_id == wanted
            return wanted
    raise AssertionError(title)


def test_details_show_what_the_document_says(qtbot: Any, window: MainWindow) -> None:
    open_task(qtbot, window, "Báo cáo sơ kết sáu tháng")
    details = window.details
    assert details.title.text() == "Báo cáo sơ kết sáu tháng"
    shown = [
        details.info.itemAt(i).widget().text()  # type: ignore[union-attr]
        for i in range(details.info.count())
        if details.info.itemAt(i).widget() is not None  # type: ignore[union-attr]
    ]
    assert "Văn phòng" in shown
    assert "Ban Tổ chức" in shown
    assert "trước ngày 10/10/2021" in shown
    assert any("10-CTr/ĐUK" in text for text in shown)
    assert details.flag.text() == "Sắp đến hạn: còn 8 ngày (hạn 09/10/2021)"
    assert details.occurrence.isHidden()


def test_record_progress_then_undo_and_redo(qtbot: Any, window: MainWindow) -> None:
    task_id = open_task(qtbot, window, "Kế hoạch tuyên truyền Nghị quyết")
    details = window.details
    details.status.setCurrentIndex(details.status.findData("done"))
    assert details.completed_on.isEnabled()
    details.completed_on.setDate(details.completed_on.date().addDays(-3))
    details.result_ref.setText("Báo cáo số 191-BC/ĐUK")
    details.notes.setPlainText("Đã trình Ban Thường vụ")
    with refreshed(qtbot, window):
        qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)
    saved = get_task(window.context.database, task_id)
    assert saved.status == "done"
    assert saved.completed_on == date(2021, 9, 28)
    assert saved.result_ref == "Báo cáo số 191-BC/ĐUK"
    assert saved.progress_notes == "Đã trình Ban Thường vụ"
    assert {h.field for h in saved.history} >= {"status", "completed_on", "result_ref"}
    # The history pane and the table follow the change.
    history = [
        details.history.topLevelItem(i).text(1) for i in range(details.history.topLevelItemCount())
    ]
    assert any(h.startswith("Trạng thái: Chưa thực hiện → Hoàn thành") for h in history)
    row = window.model.row_of(task_id)
    assert window.model.index(row, 6).data() == "Hoàn thành"
    assert window.navigation.topLevelItem(1).text(0) == "Quá hạn (2)"

    assert window.undo_action.text() == "Hoàn tác ghi tiến độ"
    with refreshed(qtbot, window):
        window.table.setFocus()
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = get_task(window.context.database, task_id)
    assert (undone.status, undone.completed_on, undone.result_ref) == ("todo", None, None)
    assert details.status.currentData() == "todo"
    assert window.navigation.topLevelItem(1).text(0) == "Quá hạn (3)"
    with qtbot.waitSignal(window.context.signals.changed):
        window.redo_action.trigger()
    assert get_task(window.context.database, task_id).status == "done"


def test_a_refused_edit_is_explained_and_not_undoable(
    qtbot: Any, window: MainWindow, dialogs: Dialogs
) -> None:
    open_task(qtbot, window, "Kế hoạch tuyên truyền Nghị quyết")
    details = window.details
    details.status.setCurrentIndex(details.status.findData("done"))
    details.completed_on.setDate(details.completed_on.date().addDays(5))  # after today
    details.save()
    assert dialogs.texts("warning") == [
        "Ngày hoàn thành 06/10/2021 ở sau ngày hôm nay (01/10/2021)."
    ]
    assert window.context.undo_stack.count() == 0


def test_extension_with_reason_in_history_and_undo(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_id = open_task(qtbot, window, "Ấn hành tài liệu hỏi đáp")
    monkeypatch.setattr(
        ExtendDialog,
        "ask",
        classmethod(lambda cls, parent, due, today: (date(2021, 12, 31), "Chờ kinh phí")),
    )
    with qtbot.waitSignal(window.context.signals.changed):
        qtbot.mouseClick(window.details.extend_button, Qt.MouseButton.LeftButton)
    detail = get_task(window.context.database, task_id)
    assert detail.due == date(2021, 12, 31)
    assert [(e.old_due, e.new_due, e.reason) for e in detail.extensions] == [
        (date(2021, 9, 30), date(2021, 12, 31), "Chờ kinh phí")
    ]
    first = window.details.history.topLevelItem(0).text(1)
    assert first == "Hạn: 30/09/2021 → 31/12/2021 (gia hạn: Chờ kinh phí)"
    assert window.details.flag.text() == "Còn hạn (hạn 31/12/2021)"
    assert window.model.index(window.model.row_of(task_id), 4).data() == "31/12/2021"
    with qtbot.waitSignal(window.context.signals.changed):
        window.undo_action.trigger()
    assert get_task(window.context.database, task_id).due == date(2021, 9, 30)


def test_extension_dialog_collects_date_and_reason(qtbot: Any) -> None:
    dialog = ExtendDialog(date(2021, 9, 30), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.new_due.displayFormat() == "dd/MM/yyyy"
    assert dialog.new_due.date().toPython() == date(2021, 10, 31)


def test_recurring_task_records_progress_on_the_chosen_period(
    qtbot: Any, window: MainWindow
) -> None:
    task_id = open_task(qtbot, window, "Báo cáo định kỳ tình hình")
    details = window.details
    assert details.occurrence.isVisibleTo(details)
    assert details.occurrence.currentText() == "Hạn 30/06/2021 — Chưa thực hiện"
    second = details.occurrence.itemData(1)
    details.select_occurrence(second)
    details.status.setCurrentIndex(details.status.findData("done"))
    with qtbot.waitSignal(window.context.signals.changed):
        details.save()
    detail = get_task(window.context.database, task_id)
    statuses = [o.status for o in detail.occurrences]
    assert statuses[:2] == ["todo", "done"]
    assert details.occurrence_id == second  # the chosen period stays chosen after reload


def test_delete_asks_then_hides_and_undo_brings_it_back(
    qtbot: Any, window: MainWindow, dialogs: Dialogs
) -> None:
    task_id = open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    window.table.setFocus()
    dialogs.answer = dialogs.answer.No
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert len(dialogs.texts("question")) == 1
    assert window.model.row_of(task_id) is not None
    dialogs.answer = dialogs.answer.Yes
    with refreshed(qtbot, window):
        qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert "Đề án kiểm tra chuyên đề" in dialogs.texts("question")[1]
    assert window.model.row_of(task_id) is None
    assert count_tasks(window.context.database, TaskFilter(today=TODAY)) == 6
    assert window.navigation.topLevelItem(0).text(0) == "Tất cả (6)"
    with refreshed(qtbot, window):
        window.undo_action.trigger()
    assert window.model.row_of(task_id) is not None


def test_enter_opens_the_task_for_editing(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    task_id = window.model.task_id(2)
    assert task_id is not None
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(2, 1))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.details.task_id == task_id
    qtbot.waitUntil(lambda: window.details.status.hasFocus())


def test_ctrl_f_goes_to_search(qtbot: Any, window: MainWindow) -> None:
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.search.hasFocus())


def test_typed_progress_is_not_lost_when_another_task_is_opened(
    qtbot: Any, window: MainWindow, dialogs: Dialogs
) -> None:
    first = open_task(qtbot, window, "Kế hoạch tuyên truyền Nghị quyết")
    window.details.notes.setPlainText("Đang xin ý kiến")
    assert window.details.has_unsaved_changes()
    dialogs.answer = dialogs.answer.Yes
    with qtbot.waitSignal(window.context.signals.changed):
        open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    assert dialogs.texts("question")[0].startswith("Tiến độ của nhiệm vụ đang mở")
    assert get_task(window.context.database, first).progress_notes == "Đang xin ý kiến"
    assert not window.details.has_unsaved_changes()
    window.details.notes.setPlainText("bỏ đi")
    dialogs.answer = dialogs.answer.No
    open_task(qtbot, window, "Kế hoạch tuyên truyền Nghị quyết")
    assert window.details.notes.toPlainText() == "Đang xin ý kiến"
    assert get_task(window.context.database, first).progress_notes == "Đang xin ý kiến"
