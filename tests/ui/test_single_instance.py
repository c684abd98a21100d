"""One window per data folder; a second launch wakes the first; a killed one's lock is taken."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services.safety import lock_path, window_holder
from desktop.ui.single_instance import acquire

HOLD = (
    "import sys, time\n"
    "from PySide6.QtCore import QLockFile\n"
    "lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)\n"
    "print(lock.tryLock(0), flush=True); time.sleep(60)\n"
)


def test_second_launch_wakes_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = acquire(tmp_path)
    assert first is not None
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert acquire(tmp_path) is None
        assert lock_path(tmp_path).exists()
    finally:
        first.release()
    again = acquire(tmp_path)
    assert again is not None
    again.release()


def test_a_killed_windows_lock_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock_path(tmp_path))], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "True"
        assert window_holder(tmp_path) == holder.pid  # the command line sees the window
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert window_holder(tmp_path) is None
    taken = acquire(tmp_path)
    assert taken is not None
    taken.release()
