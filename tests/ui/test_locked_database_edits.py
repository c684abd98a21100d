"""A form's small writes on a database another program holds: the window waits, never freezes.

Another connection takes SQLite's write lock; a timer on the GUI thread lets go of it after
LOCK_HELD_MS. The timer can only fire if the GUI thread keeps turning its event loop while
the write waits: written on the GUI thread (as before), the save sat in SQLite's busy wait,
the timer could not run, and the save failed as "locked" after five seconds. So each test
passes only when the wait happens off the GUI thread; no duration is asserted.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.domain.status import TaskStatus
from desktop.services.tasks import get_task
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import WAIT_NOTICE, WAIT_NOTICE_MS, ProgressDialog, write_and_wait
from tests.ui.conftest import Dialogs
from tests.ui.test_task_details import open_task

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]

# Longer than the wait notice's delay, far shorter than SQLite's 5 s busy timeout.
LOCK_HELD_MS = WAIT_NOTICE_MS + 600


@dataclass
class HeldLock:
    """What the GUI thread saw at the moment it let go of the lock."""

    released: bool = False
    cursor: Qt.CursorShape | None = None
    notices: list[str] = field(default_factory=list)


def _visible_notices() -> list[str]:
    return [
        widget.label.text()
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, ProgressDialog) and widget.isVisible()
    ]


@contextmanager
def locked_for_a_while(window: MainWindow) -> Iterator[HeldLock]:
    path = window.context.database.path
    assert path is not None
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    seen = HeldLock()

    def release() -> None:
        cursor = QApplication.overrideCursor()
        seen.cursor = cursor.shape() if cursor is not None else None
        seen.notices = _visible_notices()
        holder.execute("ROLLBACK")
        seen.released = True

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(release)
    timer.start(LOCK_HELD_MS)
    try:
        yield seen
    finally:
        timer.stop()
        if not seen.released:
            holder.execute("ROLLBACK")
        holder.close()


def _assert_waited_alive(seen: HeldLock, dialogs: Dialogs) -> None:
    assert seen.released, "the lock was still held when the write ended"
    assert seen.cursor == Qt.CursorShape.BusyCursor
    assert seen.notices == [WAIT_NOTICE]
    assert dialogs.texts("critical") == [] and dialogs.texts("warning") == []
    assert QApplication.overrideCursor() is None
    assert _visible_notices() == []


def test_saving_progress_waits_for_a_locked_database_without_freezing(
    qtbot: Any, window: MainWindow, dialogs: Dialogs
) -> None:
    task_id = open_task(qtbot, window, "Kế hoạch tuyên truyền Nghị quyết")
    details = window.details
    details.status.setCurrentIndex(details.status.findData("done"))
    with locked_for_a_while(window) as seen:
        qtbot.mouseClick(details.save_button, Qt.MouseButton.LeftButton)
    _assert_waited_alive(seen, dialogs)
    assert get_task(window.context.database, task_id).status == TaskStatus.DONE
    assert window.context.undo_stack.count() == 1


def test_undo_waits_for_a_locked_database_without_freezing(
    qtbot: Any, window: MainWindow, dialogs: Dialogs
) -> None:
    task_id = open_task(qtbot, window, "Kế hoạch tuyên truyền Nghị quyết")
    details = window.details
    before = get_task(window.context.database, task_id).status
    details.status.setCurrentIndex(details.status.findData("done"))
    assert details.save()
    with locked_for_a_while(window) as seen:
        window.context.undo_stack.undo()
    _assert_waited_alive(seen, dialogs)
    assert get_task(window.context.database, task_id).status == before


def test_an_error_in_the_write_reaches_the_caller_on_the_gui_thread(window: MainWindow) -> None:
    def refuse() -> None:
        raise ValueError("từ chối")

    with pytest.raises(ValueError, match="từ chối"):
        write_and_wait(refuse)
    assert QApplication.overrideCursor() is None


def test_a_wait_ended_from_outside_still_returns_the_writes_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The application quitting ends every event loop, this one too, maybe before the
    # answer has come back; the write still ran, and its result must not be lost.
    class EndedAtOnce(QEventLoop):
        def exec(self, *_args: Any) -> int:  # type: ignore[override]
            return 0

    monkeypatch.setattr("desktop.ui.operations.QEventLoop", EndedAtOnce)
    written = threading.Event()

    def write() -> str:
        written.wait(5)
        return "đã ghi"

    QTimer.singleShot(200, written.set)
    assert write_and_wait(write) == "đã ghi"
    assert QApplication.overrideCursor() is None
