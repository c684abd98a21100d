"""Small things a secretary meets every day: Vietnamese words, Hủy, the version, undo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desktop import __version__
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import Dialogs, refreshed
from tests.ui.test_task_details import open_task

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_recurrence_is_said_in_vietnamese(qtbot: Any, window: MainWindow) -> None:
    open_task(qtbot, window, "Báo cáo định kỳ tình hình")  # "Hằng quý"
    shown = window.details.findChildren(type(window.list_title))
    texts = " ".join(label.text() for label in shown)
    assert "định kỳ (hằng quý)" in texts
    assert "quarterly" not in texts and "yearly" not in texts and "monthly" not in texts


def test_qt_standard_words_are_vietnamese(qapp: Any) -> None:
    from desktop.ui.app import application

    application()
    for english, vietnamese in [
        ("Cancel", "Hủy"),
        ("Discard", "Không lưu"),
        ("Print Preview", "Xem trước khi in"),
        ("Next page", "Trang sau"),
        ("Look in:", "Tìm trong:"),
    ]:
        assert QCoreApplication.translate("QPrintPreviewDialog", english) == vietnamese


def test_unsaved_changes_prompt_has_huy(qtbot: Any, window: MainWindow, dialogs: Dialogs) -> None:
    first = open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    window.details.notes.setPlainText("đang làm dở")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert window.details.confirm_leave() is False  # Hủy: stay, text kept
    assert window.details.task_id == first
    assert window.details.notes.toPlainText() == "đang làm dở"
    assert any("chưa lưu" in t for t in dialogs.texts("question"))


def test_about_shows_the_version(window: MainWindow, dialogs: Dialogs) -> None:
    window._about()
    assert f"phiên bản {__version__}" in dialogs.texts("about")[0]


def test_status_message_clears_after_undo(qtbot: Any, window: MainWindow, dialogs: Dialogs) -> None:
    open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    with refreshed(qtbot, window):
        window.edit_actions.delete_current()
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    with refreshed(qtbot, window):
        window.context.undo_stack.undo()
    assert window.statusBar().currentMessage() == ""


def test_one_spelling_of_huy() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "desktop"
    offenders = [p.name for p in root.rglob("*.py") if "Huỷ" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_file_dialogs_start_in_documents_and_remember_per_kind(
    qtbot: Any, window: MainWindow, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QDialog, QFileDialog

    from desktop.ui import report_actions
    from desktop.ui.file_dialogs import FolderKind, documents_folder, start_folder
    from desktop.ui.import_dialog import FILE_FILTER
    from desktop.ui.report_actions import QuarterDialog

    assert "*.doc " in FILE_FILTER  # shown, so the user reads why it cannot be read
    asked: list[str] = []
    exports = tmp_path / "bao-cao"
    exports.mkdir()

    def save_as(_parent: Any, _title: str, suggested: str, _filters: str) -> tuple[str, str]:
        asked.append(str(Path(suggested).parent))
        return str(exports / Path(suggested).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    monkeypatch.setattr(QuarterDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    monkeypatch.setattr(report_actions, "_done", lambda *_a: None)
    context = report_actions.ReportContext(
        window, window.context.database, lambda: window.context.today
    )
    assert start_folder(FolderKind.EXPORT) == documents_folder()
    report_actions.export_quarter(context, "csv")
    report_actions.export_quarter(context, "csv")
    assert asked == [str(documents_folder()), str(exports)]
    assert window.settings.value("folders/export") == str(exports)
    assert start_folder(FolderKind.IMPORT) == documents_folder()  # each kind its own


def test_history_is_stamped_by_the_context_clock(qtbot: Any, context: Any, settings: Any) -> None:
    from dataclasses import replace
    from datetime import datetime

    from desktop.services.tasks import get_task
    from tests.ui.conftest import open_window

    fixed = datetime(2021, 10, 1, 8, 30)
    window = open_window(qtbot, replace(context, clock=lambda: fixed), settings)
    task_id = open_task(qtbot, window, "Đề án kiểm tra chuyên đề")
    window.details.notes.setPlainText("ghi chú")
    assert window.details.save()
    history = get_task(window.context.database, task_id).history
    assert history and history[0].at == fixed  # the same bytes every make screenshots


def test_the_guide_opens_offline_with_its_pictures(qtbot: Any, window: MainWindow) -> None:
    from desktop.ui.guide import GUIDE_DIR, PICTURES

    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Trợ &giúp")
    texts = [a.text() for a in help_menu.actions()]  # type: ignore[union-attr]
    assert "&Hướng dẫn sử dụng" in texts
    window.guide_action.trigger()
    browser = window.guide.browser
    text = browser.toPlainText()
    for heading in ("Nhập nhiệm vụ", "sửa cho đúng", "tiến độ", "Báo cáo quý", "Sao lưu"):
        assert heading in text
    html = browser.toHtml()
    for picture in PICTURES:
        assert picture in html
        assert (GUIDE_DIR / picture).is_file()
    window.guide.close()
