"""Writes run on the writer thread: the window repaints, shows progress, and Hủy writes nothing.

The event loop is checked by counting the ticks of a zero-interval timer *while the write
is running*: a write on the GUI thread would let no tick through until it had finished.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.services.changes import Change
from desktop.services.queries import TaskFilter, count_tasks
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import WriteOp
from tests.bench.generate import make_payload, write_payload
from tests.ui.conftest import Dialogs, refreshed, wait_for_plan
from tests.ui.window_data import TODAY, task_payload, write_task_file

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

SEEDED_TASKS = 7


def _content(path: Path) -> str:
    """A digest of every row of every table: equal digests, equal databases."""
    with closing(sqlite3.connect(path)) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


def _total(window: MainWindow, *, hidden: bool = True) -> int:
    flt = TaskFilter(today=TODAY, include_hidden=hidden)
    return count_tasks(window.context.database, flt)


@contextmanager
def ticks_while(running: Any) -> Iterator[list[int]]:
    """Count event-loop turns during which *running()* is true."""
    counted = [0]

    def tick() -> None:
        if running():
            counted[0] += 1

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(tick)
    timer.start()
    try:
        yield counted
    finally:
        timer.stop()


def _writing(dialog: ImportDialog) -> WriteOp[Any] | None:
    write = dialog.write
    return write if write is not None and write.running else None


def _cancel_a_big_import(qtbot: Any, window: MainWindow, tmp_path: Path, count: int) -> None:
    source = write_payload(tmp_path / "lon.json", make_payload(count, number=77))
    database_path = window.context.database.path
    assert database_path is not None
    before = _content(database_path)
    dialog = window.open_import(source)
    assert dialog is not None
    wait_for_plan(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.count == count

    with ticks_while(lambda: _writing(dialog) is not None) as ticks:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        write = dialog.write
        assert write is not None and write.dialog is not None
        progress = write.dialog
        # The bar moves, and the window's event loop turns, while the tasks are written.
        qtbot.waitUntil(lambda: progress.bar.value() > count // 5 and ticks[0] > 20, timeout=60_000)
        assert progress.isVisible() and progress.cancel_button.isVisible()
        assert progress.bar.maximum() == 2 * count
        assert progress.bar.value() < progress.bar.maximum()
        assert QApplication.overrideCursor() is not None
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
        qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.write is None, timeout=60_000)
    assert ticks[0] > 20

    assert dialog.import_result is None
    assert dialog.isVisible()  # the preview stays, to import later or close
    assert dialog.summary.text().startswith("Đã hủy việc nhập; không có gì được ghi")
    assert dialog.import_button.isEnabled()
    assert QApplication.overrideCursor() is None
    assert _total(window) == SEEDED_TASKS
    assert _content(database_path) == before


def test_cancelling_an_import_of_20000_tasks_writes_nothing(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    _cancel_a_big_import(qtbot, window, tmp_path, 20_000)


@pytest.mark.slow
def test_cancelling_an_import_of_100000_tasks_writes_nothing(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    _cancel_a_big_import(qtbot, window, tmp_path, 100_000)


def test_an_import_written_on_the_worker_is_broadcast_by_its_dialog(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    tasks = [("W1", "Sơ kết chuyên đề", "Văn phòng", [], "Quý I năm 2022")]
    dialog = window.open_import(
        write_task_file(tmp_path / "w.json", task_payload(tasks, number="5"))
    )
    assert dialog is not None
    wait_for_plan(qtbot, dialog)
    changes: list[Change] = []
    window.context.signals.changed.connect(changes.append)
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.import_result is not None
    assert _total(window) == SEEDED_TASKS + 1
    assert len(changes) == 1 and changes[0].initiator is dialog
    assert changes[0] == dialog.import_result.change  # the initiator does not make it differ


def test_an_import_waiting_on_a_locked_database_shows_the_busy_cursor(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    tasks = [("L1", "Hội nghị chuyên đề", "Văn phòng", [], "Quý I năm 2022")]
    dialog = window.open_import(
        write_task_file(tmp_path / "l.json", task_payload(tasks, number="6"))
    )
    assert dialog is not None
    wait_for_plan(qtbot, dialog)
    database_path = window.context.database.path
    assert database_path is not None
    # Another program holds the write lock (as a second window or a sync tool would).
    holder = sqlite3.connect(database_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with ticks_while(lambda: _writing(dialog) is not None) as ticks:
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
            # Hundreds of turns: far longer than the backup before the write takes.
            qtbot.waitUntil(lambda: ticks[0] > 500, timeout=10_000)
            assert dialog.write is not None and dialog.write.running  # still waiting
            cursor = QApplication.overrideCursor()
            assert cursor is not None and cursor.shape() == Qt.CursorShape.BusyCursor
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: dialog.write is None, timeout=15_000)
    assert dialog.import_result is not None
    assert _total(window) == SEEDED_TASKS + 1
    assert QApplication.overrideCursor() is None


def test_backup_and_restore_from_the_menu_run_on_the_worker(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "usb" / "sao-luu.sqlite3"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    backup_action = window.findChild(type(window.import_action), "action_backup")
    restore_action = window.findChild(type(window.import_action), "action_restore")
    backup_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs.texts("information")), timeout=10_000)
    assert target.is_file()
    assert dialogs.texts("information")[0].startswith("Đã sao lưu dữ liệu vào:")

    # A task hidden after the backup comes back when the backup is restored.
    task_id = window.model.task_id(0)
    assert task_id is not None
    window.select_task(task_id)
    window.hide_current()
    assert _total(window, hidden=False) == SEEDED_TASKS - 1
    dialogs.open_file = str(target)
    with qtbot.waitSignal(window.context.signals.changed, timeout=10_000):
        restore_action.trigger()
    assert dialogs.texts("information")[-1].startswith("Đã khôi phục dữ liệu từ “sao-luu.sqlite3”")
    assert window.context.undo_stack.count() == 0
    assert _total(window, hidden=False) == SEEDED_TASKS


def test_the_details_pane_is_not_reloaded_after_its_own_save(
    qtbot: Any, window: MainWindow
) -> None:
    details = window.details
    task_id = details.task_id
    assert task_id is not None
    details.notes.setPlainText("Đã giao Văn phòng dự thảo")
    cursor = details.notes.textCursor()
    cursor.setPosition(3)
    details.notes.setTextCursor(cursor)
    loaded: list[int] = []
    details.task_loaded.connect(loaded.append)
    with refreshed(qtbot, window):
        assert details.save()
    assert loaded == []  # its own change: the form stays as typed
    assert details.notes.textCursor().position() == 3
    assert not details.has_unsaved_changes()
    history = [
        details.history.topLevelItem(i).text(1) for i in range(details.history.topLevelItemCount())
    ]
    assert any("Đã giao Văn phòng dự thảo" in line for line in history)
    # An undo is made by no one: the pane reloads and shows the notes as they were.
    with refreshed(qtbot, window):
        window.context.undo_stack.undo()
    assert loaded == [task_id]
    assert details.notes.toPlainText() == ""
