"""Thêm / Sửa / Xoá nhiệm vụ and Công cụ › Đơn vị…, driven through the real widgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.services.tasks import get_task
from desktop.services.unit_admin import unit_rows
from desktop.ui.main_window import MainWindow
from desktop.ui.task_editor import TaskEditorDialog
from desktop.ui.units_dialog import UnitsDialog, UnitTableModel
from tests.ui.conftest import Dialogs, refreshed
from tests.ui.test_task_details import open_task

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    # The offscreen platform cannot raise a popup menu or grab the keyboard for it.
    pytest.mark.qt_log_ignore("propagateSizeHints", r"raise\(\)", "grabbing the keyboard"),
]


def titles(window: MainWindow) -> list[str]:
    model = window.model
    return [model.task_row(r).title for r in range(model.rowCount())]  # type: ignore[union-attr]


def unit_names(window: MainWindow) -> set[str]:
    return {u.name for u in unit_rows(window.context.database)}


def test_add_a_task_with_ctrl_n_then_undo_and_redo(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.edit_actions.editor
    assert isinstance(dialog, TaskEditorDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Thêm nhiệm vụ"
    # The document it belongs to (or none) is chosen first.
    assert dialog.document.itemText(0) == "(Không thuộc văn bản nào)"
    dialog.choose_document(dialog.document.itemData(1))
    dialog.title.insertPlainText("Tổng kết 5 năm thực hiện Nghị quyết")
    dialog.lead.setCurrentText("Ban Tuyên giáo")
    assert dialog.lead_note.text() == "Đơn vị đã có"
    dialog.supports.insert("Văn phòng; Ban Dân vận")
    assert "Ban Dân vận" in dialog.supports_note.text() and "mới" in dialog.supports_note.text()
    # The phrase is re-read as it is typed (QTest types ASCII only: insert() is typing).
    dialog.deadline.insert("Quý")
    assert dialog.reading.text().startswith("Chưa đọc được")
    assert "#b3261e" in dialog.reading.styleSheet()
    qtbot.keyClicks(dialog.deadline, " IV")  # typed key by key
    dialog.deadline.insert(" năm 2024")
    assert "hạn 31/12/2024" in dialog.reading.text() and "Quý IV/2024" in dialog.reading.text()
    saved: list[int | None] = []
    dialog.accepted.connect(lambda: saved.append(dialog.saved_id))
    with refreshed(qtbot, window):
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(saved) == 1  # Ctrl+Enter saved and closed the dialog
    task_id = saved[0]
    assert task_id is not None and window.details.task_id == task_id
    assert "Tổng kết 5 năm thực hiện Nghị quyết" in titles(window)
    detail = get_task(window.context.database, task_id)
    assert detail.document_number == "10-CTr/ĐUK" and detail.support_units == (
        "Văn phòng",
        "Ban Dân vận",
    )
    with refreshed(qtbot, window):
        window.context.undo_stack.undo()
    assert "Tổng kết 5 năm thực hiện Nghị quyết" not in titles(window)
    with refreshed(qtbot, window):
        window.context.undo_stack.redo()
    assert "Tổng kết 5 năm thực hiện Nghị quyết" in titles(window)


def test_an_empty_task_is_refused_and_the_form_stays(
    qtbot: Any, window: MainWindow, dialogs: Dialogs
) -> None:
    dialog = window.edit_actions.open_add()
    dialog.save_button.click()
    assert dialog.isVisible() and any("không được để trống" in t for t in dialogs.texts("warning"))
    assert not window.context.undo_stack.canUndo()
    dialog.reject()


def test_edit_every_field_from_the_details_pane_then_undo(qtbot: Any, window: MainWindow) -> None:
    task_id = open_task(qtbot, window, "Báo cáo sơ kết sáu tháng")
    window.details.edit_button.click()
    dialog = window.edit_actions.editor
    assert dialog is not None and dialog.windowTitle() == "Sửa nhiệm vụ"
    assert dialog.title.toPlainText() == "Báo cáo sơ kết sáu tháng"
    assert dialog.lead.currentText() == "Văn phòng" and dialog.supports.text() == "Ban Tổ chức"
    assert not dialog.document.isEnabled()
    dialog.title.setPlainText("Báo cáo sơ kết sáu tháng (sửa)")
    dialog.lead.setCurrentText("Ban Tuyên giáo")
    dialog.supports.setText("")
    dialog.deadline.setText("Quý I năm 2022")
    dialog.section.setText("II / 3")
    with refreshed(qtbot, window):
        dialog.save_button.click()
    detail = get_task(window.context.database, task_id)
    assert (detail.title, detail.lead_unit, detail.support_units) == (
        "Báo cáo sơ kết sáu tháng (sửa)",
        "Ban Tuyên giáo",
        (),
    )
    assert detail.due is not None and detail.due.isoformat() == "2022-03-31"
    assert window.details.title.text() == "Báo cáo sơ kết sáu tháng (sửa)"
    changes = [window.details.history.topLevelItem(i).text(1) for i in range(4)]  # type: ignore[union-attr]
    assert any(c.startswith("Đơn vị chủ trì: Văn phòng → Ban Tuyên giáo") for c in changes)
    with refreshed(qtbot, window):
        window.context.undo_stack.undo()
    detail = get_task(window.context.database, task_id)
    assert (detail.title, detail.lead_unit, detail.support_units) == (
        "Báo cáo sơ kết sáu tháng",
        "Văn phòng",
        ("Ban Tổ chức",),
    )
    assert detail.due is not None and detail.due.isoformat() == "2021-10-09"


def test_delete_asks_and_undo_brings_it_back(
    qtbot: Any, window: MainWindow, dialogs: Dialogs
) -> None:
    task_id = open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    window.table.setFocus()
    with refreshed(qtbot, window):
        qtbot.keyClick(window.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert any("Xoá nhiệm vụ này?" in t for t in dialogs.texts("question"))
    assert "Đề án kiểm tra chuyên đề" not in titles(window)
    history = get_task(window.context.database, task_id).history
    assert (history[0].field, history[0].new_value) == ("deleted", "1")
    with refreshed(qtbot, window):
        window.context.undo_stack.undo()
    assert "Đề án kiểm tra chuyên đề" in titles(window)


def test_declining_the_delete_changes_nothing(
    qtbot: Any, window: MainWindow, dialogs: Dialogs
) -> None:
    open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    dialogs.answer = dialogs.answer.No
    window.edit_actions.delete_current()
    assert "Đề án kiểm tra chuyên đề" in titles(window)
    assert not window.context.undo_stack.canUndo()


def test_context_menus_offer_the_corrections(qtbot: Any, window: MainWindow) -> None:
    open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    texts = [a.text() for a in window.edit_actions.table_menu().actions() if a.text()]
    assert texts == ["Sử&a nhiệm vụ…", "Ẩ&n nhiệm vụ…", "&Xoá nhiệm vụ…", "&Thêm nhiệm vụ…"]
    unit = next(u for u in unit_rows(window.context.database) if u.name == "Văn phòng")
    from desktop.ui.navigation import NavTarget

    menu = window.edit_actions.navigation_menu(NavTarget(unit_id=unit.id))
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert "Gộp vào đơn vị khác…" in actions and "Đơ&n vị…" in actions
    actions["Thêm nhiệm vụ cho “Văn phòng”…"].trigger()
    editor = window.edit_actions.editor
    assert editor is not None and editor.lead.currentText() == "Văn phòng"
    editor.reject()
    # The real signal path: a right click on the table pops the menu up.
    rect = window.table.visualRect(window.model.index(0, 1))
    window.table.customContextMenuRequested.emit(rect.center())
    window.navigation.customContextMenuRequested.emit(QPoint(5, 5))


def test_units_dialog_merge_and_undo(
    qtbot: Any, qtmodeltester: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.edit_actions.units_action.trigger()
    dialog = window.edit_actions.units_dialog
    assert isinstance(dialog, UnitsDialog) and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    rows = {u.name: u for u in dialog.model_units()}
    assert rows["Ban Tuyên giáo"].lead_count == 3 and rows["Ban Tổ chức"].support_count == 1
    assert dialog.review_box.isHidden()  # a new database: nothing to review
    assert dialog.select_unit(rows["Ủy ban Kiểm tra"].id)
    monkeypatch.setattr(dialog, "ask_target", lambda _unit: rows["Ban Tuyên giáo"].id)
    with refreshed(qtbot, window):
        dialog.merge_button.click()
    assert "Ủy ban Kiểm tra" not in unit_names(window)
    assert {u.name: u for u in dialog.model_units()}["Ban Tuyên giáo"].lead_count == 4
    assert "Đề án kiểm tra chuyên đề" in titles(window)
    qtmodeltester.check(dialog.model)
    assert dialog.undo_button.isEnabled()
    with refreshed(qtbot, window):
        dialog.undo_button.click()
    assert "Ủy ban Kiểm tra" in unit_names(window)
    task = open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    assert get_task(window.context.database, task).lead_unit == "Ủy ban Kiểm tra"


def test_units_dialog_rename_move_and_not_a_unit(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = window.edit_actions.open_units()
    rows = {u.name: u for u in dialog.model_units()}
    dialog.select_unit(rows["Văn phòng"].id)
    monkeypatch.setattr(dialog, "ask_new_name", lambda _unit: "Văn phòng Đảng ủy")
    with refreshed(qtbot, window):
        dialog.rename_button.click()
    assert "Văn phòng Đảng ủy" in unit_names(window)
    assert dialog.current_unit() is not None and dialog.current_unit().name == "Văn phòng Đảng ủy"  # type: ignore[union-attr]

    dialog.select_unit(rows["Ban Tuyên giáo"].id)
    moved = open_task(qtbot, window, "Ấn hành tài liệu hỏi đáp")
    monkeypatch.setattr(dialog, "ask_move", lambda _unit: ([moved], rows["Ban Tổ chức"].id))
    with refreshed(qtbot, window):
        dialog.move_button.click()
    assert get_task(window.context.database, moved).lead_unit == "Ban Tổ chức"
    with refreshed(qtbot, window):
        window.context.undo_stack.undo()
    assert get_task(window.context.database, moved).lead_unit == "Ban Tuyên giáo"

    dialog.select_unit(rows["Ban Tổ chức"].id)
    with refreshed(qtbot, window):
        dialog.not_unit_button.click()
    assert "Ban Tổ chức" not in unit_names(window)
    with refreshed(qtbot, window):
        window.context.undo_stack.undo()
    assert "Ban Tổ chức" in unit_names(window)


def test_the_move_dialog_lists_the_units_tasks(qtbot: Any, window: MainWindow) -> None:
    from desktop.ui.units_dialog import MoveTasksDialog

    units = {u.name: u for u in unit_rows(window.context.database)}
    dialog = MoveTasksDialog(window.context, units["Ban Tuyên giáo"], list(units.values()), window)
    qtbot.addWidget(dialog)
    assert dialog.tasks.count() == 3 and dialog.checked() == []
    dialog.tasks.item(1).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    assert len(dialog.checked()) == 1


def test_the_unit_model_passes_the_model_tester(qtmodeltester: Any, window: MainWindow) -> None:
    model = UnitTableModel(window.context)
    qtmodeltester.check(model)
    assert model.rowCount() == len(unit_rows(window.context.database))


def test_an_old_database_shows_the_review_list_once(
    qtbot: Any, qapp: Any, tmp_path: Path, data_dir: Path
) -> None:
    from desktop.ui.background import wait_for_background
    from tests.services.test_unit_admin import old_database_with_a_shared_unit
    from tests.ui.window_data import make_context

    database = old_database_with_a_shared_unit(tmp_path)
    try:
        context = make_context(database)
        dialog = UnitsDialog(context)
        qtbot.addWidget(dialog)
        assert not dialog.review_box.isHidden()
        assert dialog.review_box.title() == "Cần xem lại (1)"
        assert dialog.review.item(0).text().startswith("Ban Tuyên giáo — nhiệm vụ từ 2 văn bản")  # type: ignore[union-attr]
        dialog.review.setCurrentRow(0)
        assert dialog.current_unit() is not None and dialog.current_unit().name == "Ban Tuyên giáo"  # type: ignore[union-attr]
        dialog.reviewed_button.click()
        assert dialog.review_box.isHidden()
        # Once reviewed, never again.
        again = UnitsDialog(context)
        qtbot.addWidget(again)
        assert again.review_box.isHidden()
    finally:
        assert wait_for_background()
        database.dispose()
