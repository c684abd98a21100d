"""Starting the window: one instance per database, recovery at open, the exit backup."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from db import open_database
from db.backup import list_backups
from desktop.ui import app as app_module
from desktop.ui.main_window import MainWindow
from desktop.ui.single_instance import acquire

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def args_for(db: Path, **extra: Any) -> argparse.Namespace:
    values = {"db": str(db), "today": "2021-10-01", "screenshot": None}
    values.update(extra)
    return argparse.Namespace(**values)


def test_a_second_launch_asks_the_first_window_forward_and_exits(
    qtbot: Any, qapp: QApplication, tmp_path: Path, data_dir: Path
) -> None:
    db = tmp_path / "one.sqlite3"
    first = acquire(db.parent)
    assert first is not None
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert app_module.run_gui(args_for(db)) == 0
        assert not db.exists()  # the second launch never opened the database
    finally:
        first.release()


def test_a_refused_database_is_explained_and_exits_1(
    qapp: QApplication, tmp_path: Path, data_dir: Path, dialogs: Any
) -> None:
    db = tmp_path / "new.sqlite3"
    open_database(db).dispose()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    assert app_module.run_gui(args_for(db)) == 1
    assert any("phiên bản Sổ nhiệm vụ mới hơn" in text for text in dialogs.texts("critical"))
    assert acquire(db.parent) is not None  # the lock was let go


def test_closing_the_window_takes_the_daily_backup(
    qtbot: Any, window: MainWindow, dialogs: Any
) -> None:
    database_path = window.context.database.path
    assert database_path is not None
    before = list_backups(database_path.parent / "backups")
    window.close()
    after = list_backups(database_path.parent / "backups")
    assert len(after) == len(before) + 1
    window_again = MainWindow(window.context, window.settings)
    qtbot.addWidget(window_again)
    window_again.close()
    assert list_backups(database_path.parent / "backups") == after  # at most once a day
    assert not dialogs.texts("warning")


def test_screenshot_mode_leaves_no_backup(
    qapp: QApplication, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "shot.sqlite3"
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: None))
    shot = tmp_path / "shot.png"
    assert app_module.run_gui(args_for(db, screenshot=shot)) == 0
    assert shot.stat().st_size > 10_000
    assert list_backups(tmp_path / "backups") == []
