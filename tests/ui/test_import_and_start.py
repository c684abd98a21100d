"""The import dialog (preview, confirm, cancel, issue date, drag and drop), the first-run
sample, the overdue banner, remembered layout, the screenshot, and error handling."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QMessageBox

from db import Database, DatabaseLockedError
from desktop.services.queries import TaskFilter, count_tasks
from desktop.services.sample import sample_files
from desktop.ui import backup_actions
from desktop.ui.app import run_gui
from desktop.ui.errors import ExceptHook
from desktop.ui.import_dialog import TAB_UNITS, UNREAD_TEXT, ImportDialog
from desktop.ui.import_preview_model import COL_READING
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import DUE_SOON, OVERDUE
from desktop.ui.signals import AppContext
from tests.ui.conftest import Dialogs, open_window, refreshed, wait_for_plan
from tests.ui.window_data import TODAY, make_context, seed, task_payload, write_task_file

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

NEW_TASKS = [
    ("N1", "Sơ kết một năm thực hiện", "Ban Tuyên giáo", [], "trước ngày 15/12/2021"),
    ("N2", "Kiểm tra việc thực hiện", "Ủy ban Kiểm tra", [], "Quý I năm 2022"),
    ("N3", "Tổng kết chương trình", "Ban Dân vận", [], "khi điều kiện cho phép chăng"),
]


def total(database: Database) -> int:
    return count_tasks(database, TaskFilter(today=TODAY, include_hidden=True))


@pytest.fixture
def empty_context(database: Database, qapp: Any) -> AppContext:
    return make_context(database)


def test_preview_then_cancel_writes_nothing(
    qtbot: Any, qtmodeltester: Any, context: AppContext, tmp_path: Path
) -> None:
    path = write_task_file(tmp_path / "moi.json", task_payload(NEW_TASKS, number="20-CTr/ĐUK"))
    dialog = ImportDialog(context, path)
    qtbot.addWidget(dialog)
    wait_for_plan(qtbot, dialog)
    qtmodeltester.check(dialog.tasks_model)
    summary = dialog.summary.text()
    assert "Văn bản: 20-CTr/ĐUK" in summary
    assert "3 nhiệm vụ: 3 mới, 0 cập nhật, 0 không đổi." in summary
    assert "Đơn vị: 3 (1 đơn vị mới)." in summary
    assert "Thời hạn đọc được: 2/3 — 1 thời hạn cần xem lại (tô vàng)." in summary
    assert dialog.tabs.tabText(TAB_UNITS) == "Đơn vị (3)"
    units = [dialog.units_list.item(i).text() for i in range(dialog.units_list.count())]
    assert "Ban Dân vận  (mới)" in units
    assert "Ban Tuyên giáo" in units
    assert dialog.tasks_model.index(2, COL_READING).data() == UNREAD_TEXT
    unread = dialog.tasks_model.index(2, COL_READING)
    assert unread.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert dialog.tasks_model.index(0, COL_READING).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "14/12/2021" in dialog.tasks_model.index(0, COL_READING).data()
    assert dialog.import_button.text() == "Nhập 3 nhiệm vụ"
    assert dialog.issue_row.isHidden()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.import_result is None
    assert total(context.database) == 7


def test_preview_then_confirm_imports_and_refreshes(
    qtbot: Any, window: MainWindow, tmp_path: Path, dialogs: Dialogs
) -> None:
    path = write_task_file(tmp_path / "moi.json", task_payload(NEW_TASKS, number="20-CTr/ĐUK"))
    dialogs.open_file = str(path)
    window.import_action.trigger()  # Ctrl+O; the file dialog is stubbed
    dialog = window.import_dialog
    assert dialog is not None and dialog.isVisible()
    wait_for_plan(qtbot, dialog)
    with refreshed(qtbot, window):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.import_result is not None
    assert total(window.context.database) == 10
    assert window.navigation.topLevelItem(0).text(0) == "Tất cả (10)"
    assert window.model.rowCount() == 10
    qtbot.waitUntil(lambda: window.import_dialog is None)
    assert "Đã nhập 3 nhiệm vụ từ moi.json." in window.statusBar().currentMessage()


def test_ctrl_o_cancelled_file_dialog_opens_nothing(window: MainWindow, dialogs: Dialogs) -> None:
    dialogs.open_file = ""
    assert window.open_import() is None
    assert ("open_file", "") in dialogs.calls
    assert window.import_dialog is None


def test_invalid_file_lists_every_problem_and_cannot_be_confirmed(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    payload = task_payload(NEW_TASKS)
    payload["tasks"][0]["title"] = ""
    payload["tasks"][1]["due"] = "31/12/2021"
    dialog = ImportDialog(context, write_task_file(tmp_path / "hong.json", payload))
    qtbot.addWidget(dialog)
    wait_for_plan(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    assert len(dialog.problems) == 2
    assert all(p.startswith("Nhiệm vụ thứ ") for p in dialog.problems)
    assert dialog.summary.text().startswith("Không thể nhập tệp này.")
    assert dialog.review_list.count() == 2
    dialog.accept()
    assert total(context.database) == 7

    (tmp_path / "rac.json").write_text("{ không phải json", encoding="utf-8")
    dialog.load(tmp_path / "rac.json")
    wait_for_plan(qtbot, dialog)
    assert dialog.problems[0].startswith("Tệp không phải JSON hợp lệ")


def test_missing_issue_date_is_asked_and_the_plan_redone(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    tasks = [("K1", "Hội nghị quán triệt", "Văn phòng", [], "trước ngày 15/4")]
    path = write_task_file(tmp_path / "khong-ngay.json", task_payload(tasks, issued=None))
    dialog = ImportDialog(context, path)
    qtbot.addWidget(dialog)
    wait_for_plan(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.needs_issue_date
    assert not dialog.issue_row.isHidden()
    assert dialog.tasks_model.index(0, COL_READING).data() == UNREAD_TEXT
    dialog.issued.setDate(dialog.issued.date().addMonths(-6))  # 01/04/2021
    qtbot.mouseClick(dialog.reread_button, Qt.MouseButton.LeftButton)
    wait_for_plan(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.understood == 1
    assert dialog.issue_row.isHidden()
    assert "14/04/2021" in dialog.tasks_model.index(0, COL_READING).data()


def test_dropping_a_file_opens_the_import_dialog(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    path = write_task_file(tmp_path / "keo-tha.json", task_payload(NEW_TASKS, number="21"))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    action = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), action, data, buttons, mods)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPointF(50, 50), action, data, buttons, mods))
    qtbot.waitUntil(lambda: window.import_dialog is not None)
    assert window.import_dialog.path == path  # type: ignore[union-attr]
    window.import_dialog.reject()  # type: ignore[union-attr]
    assert total(window.context.database) == 7

    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "anh.png"))])
    refused = QDragEnterEvent(QPoint(5, 5), action, other, buttons, mods)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()


def test_first_run_offers_the_sample(
    qtbot: Any, empty_context: AppContext, settings: QSettings, dialogs: Dialogs
) -> None:
    window = open_window(qtbot, empty_context, settings)
    assert window.is_empty()
    assert window.list_title.text() == "Tất cả — 0 nhiệm vụ"
    assert window.details.currentIndex() == 0  # "Chọn một nhiệm vụ …"
    dialogs.answer = QMessageBox.StandardButton.No
    assert not window.offer_sample()
    assert total(empty_context.database) == 0
    dialogs.answer = QMessageBox.StandardButton.Yes
    with refreshed(qtbot, window):
        assert window.offer_sample()
    expected = sum(len(json.loads(p.read_text(encoding="utf-8"))["tasks"]) for p in sample_files())
    assert len(sample_files()) == 5
    assert total(empty_context.database) == expected
    assert window.model.rowCount() == expected
    assert window.details.task_id is not None  # the first task is shown at once
    assert len(dialogs.texts("question")) == 2
    assert not window.offer_sample()  # never offered again once there are tasks
    assert len(dialogs.texts("question")) == 2


def test_sample_is_real_tasks_from_the_seeds() -> None:
    from desktop.extract.readers import read_lines
    from desktop.extract.repair import repair_lines

    seeds = Path(__file__).resolve().parents[1] / "data" / "seeds"
    for path in sample_files():
        payload = json.loads(path.read_text(encoding="utf-8"))
        # The seed as the extractor reads it: with the letters a PDF dropped put back
        # (seed 000), so a repaired title is still found word for word.
        lines = repair_lines(read_lines(seeds / f"{path.stem}.txt")).lines
        seed_text = " ".join(" ".join(line.text for line in lines).split())
        assert payload["document"]["source_file"] == f"{path.stem}.txt"
        for task in payload["tasks"]:
            assert " ".join(task["title"].split())[:30] in seed_text.replace("Ƣ", "Ư")


def test_banner_counts_and_click_through(qtbot: Any, window: MainWindow) -> None:
    banner = window.banner
    assert banner.isVisible()
    assert banner.message == "Có 3 nhiệm vụ quá hạn, 1 nhiệm vụ đến hạn trong 14 ngày tới"
    with qtbot.waitSignal(window.model.loaded):
        banner.label.linkActivated.emit("overdue")
    assert window.navigation.current_target == OVERDUE
    assert window.model.rowCount() == 3
    with qtbot.waitSignal(window.model.loaded):
        banner.label.linkActivated.emit("soon")
    assert window.navigation.current_target == DUE_SOON
    assert window.model.rowCount() == 1
    banner.dismiss()
    assert not banner.isVisible()


def test_no_banner_when_nothing_is_due(
    qtbot: Any, database: Database, settings: QSettings, qapp: Any
) -> None:
    seed(database, task_payload([("X", "Việc xa", "Văn phòng", [], "Quý IV năm 2022")]))
    window = open_window(qtbot, make_context(database), settings)
    assert window.navigation.counts is not None and window.navigation.counts.total == 1
    assert not window.banner.isVisible()


def test_window_layout_is_remembered(
    qtbot: Any, context: AppContext, settings: QSettings, tmp_path: Path
) -> None:
    first = MainWindow(context, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(900, 520)
    first.table.setColumnWidth(2, 123)
    first.main_splitter.setSizes([200, 680])
    first.close()
    reread = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    second = MainWindow(context, reread)
    qtbot.addWidget(second)
    second.show()
    # The width the user gave is kept; on this narrow screen the column may show narrower.
    assert second.preferred_column_width(2) == 123
    assert second.table.columnWidth(2) <= 123
    assert second.size().height() == 520  # the offscreen screen is only 800 wide
    assert second.main_splitter.sizes()[0] == 200


def test_screenshot_command(tmp_path: Path, database: Database, qapp: Any) -> None:
    seed(database)
    target = tmp_path / "shot.png"
    args = argparse.Namespace(
        db=str(database.path), today="2021-10-01", screenshot=target, self_test=False
    )
    assert run_gui(args) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1366, 768)


def test_damaged_database_is_explained_kept_aside_and_quit_on_request(
    tmp_path: Path, dialogs: Dialogs, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "hong.sqlite3"
    damaged.write_bytes(b"this is not a database at all" * 100)
    asked: list[tuple[str, list[str]]] = []

    def choose(_parent: Any, text: str, choices: list[str]) -> str:
        asked.append((text, choices))
        return backup_actions.QUIT_CHOICE

    monkeypatch.setattr(backup_actions, "_choose", choose)
    args = argparse.Namespace(db=str(damaged), today=None, screenshot=None, self_test=False)
    assert run_gui(args) == 1
    [(message, choices)] = asked
    assert "hỏng" in message
    assert choices == [backup_actions.EMPTY_CHOICE, backup_actions.QUIT_CHOICE]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("hong.sqlite3.")]
    assert kept and kept[0].read_bytes() == b"this is not a database at all" * 100


def test_bad_today_is_refused(dialogs: Dialogs, qapp: Any) -> None:
    args = argparse.Namespace(db=None, today="01/10/2021", screenshot=None, self_test=False)
    assert run_gui(args) == 1
    assert "không hợp lệ" in dialogs.texts("critical")[0]


def test_uncaught_exception_is_logged_and_explained(
    dialogs: Dialogs, data_dir: Path, qapp: Any, caplog: pytest.LogCaptureFixture
) -> None:
    hook = ExceptHook()
    try:
        raise RuntimeError("hỏng ở đâu đó")
    except RuntimeError:
        kind, error, trace = sys.exc_info()
    with caplog.at_level(logging.ERROR):
        hook(kind, error, trace)  # type: ignore[arg-type]
    [message] = dialogs.texts("critical")
    assert message.startswith("Đã xảy ra lỗi không mong đợi.")
    assert str(data_dir) in message
    assert "Traceback" not in message
    assert "hỏng ở đâu đó" in caplog.text
    hook(DatabaseLockedError, DatabaseLockedError(), None)
    assert dialogs.texts("warning") == [DatabaseLockedError.message]


def test_file_menu_holds_import_and_the_other_file_actions(window: MainWindow) -> None:
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts[0] == "&Nhập…"
    assert window.import_action.shortcut().toString() == "Ctrl+O"
    assert texts[-1] == "&Thoát"
    assert any("CSV" in t for t in texts)
    assert "Sao lưu…" in texts and "Khôi phục…" in texts


def test_reload_everything_after_a_restore(qtbot: Any, window: MainWindow) -> None:
    with qtbot.waitSignal(window.context.signals.changed):
        window.reload_everything()
    assert window.context.undo_stack.count() == 0
    assert window.details.task_id is not None  # the first task of the reloaded list


def test_qt_words_are_vietnamese_and_the_rest_untouched(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.app import application

    application()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Tìm trong:"  # issue 15
    assert QCoreApplication.translate("QFileDialog", "Some other words") == "Some other words"


def test_a_word_document_is_read_and_previewed_with_unread_deadlines_marked(
    qtbot: Any, context: AppContext, tmp_path: Path
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH")
    document.add_paragraph("Số 30-KH/ĐUK")
    document.add_paragraph("Thanh Hóa, ngày 10 tháng 3 năm 2022")
    document.add_paragraph("KẾ HOẠCH thực hiện Chỉ thị số 05-CT/TW")
    document.add_paragraph("PHỤ LỤC PHÂN CÔNG NHIỆM VỤ")
    table = document.add_table(rows=4, cols=5)
    rows = [
        ("TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"),
        ("1", "Hội nghị quán triệt Chỉ thị", "Ban Tuyên giáo", "Văn phòng", "Quý II/2022"),
        ("2", "Kiểm tra việc thực hiện", "Ủy ban Kiểm tra", "", "trước ngày 15/11/2022"),
        ("3", "Sơ kết việc thực hiện", "Ban Tổ chức", "", "khi điều kiện cho phép chăng"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))

    dialog = ImportDialog(context, path)
    qtbot.addWidget(dialog)
    wait_for_plan(qtbot, dialog)
    assert "Văn bản: 30-KH/ĐUK" in dialog.summary.text()
    assert dialog.tasks_model.rowCount() == 3
    assert "30/06/2022" in dialog.tasks_model.index(0, COL_READING).data()
    assert "14/11/2022" in dialog.tasks_model.index(1, COL_READING).data()
    assert dialog.tasks_model.index(2, COL_READING).data() == UNREAD_TEXT
    unread = dialog.tasks_model.index(2, COL_READING)
    assert unread.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert total(context.database) == 7  # nothing written before confirming
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None)  # written on the writer thread
    assert total(context.database) == 10
