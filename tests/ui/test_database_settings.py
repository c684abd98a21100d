"""Cài đặt › Cơ sở dữ liệu and two windows on one database (issue 18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog
from sqlalchemy.engine import make_url

from db import Database
from desktop.services.connection import SharedServer, can_keep_passwords
from desktop.services.tasks import Progress, record_progress
from desktop.ui.data_watch import DataWatcher
from desktop.ui.database_settings import (
    DatabaseSettingsDialog,
    saved_server,
    shared_url_at_start,
)
from desktop.ui.signals import AppContext
from tests.ui.conftest import Dialogs, open_window
from tests.ui.window_data import TODAY

pytestmark = [
    pytest.mark.usefixtures("data_dir", "dialogs"),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def _fill(dialog: DatabaseSettingsDialog, url: str) -> None:
    parsed = make_url(url)
    dialog.shared.setChecked(True)
    dialog.host.setText(parsed.host or "")
    dialog.port.setValue(parsed.port or 5432)
    dialog.name.setText(parsed.database or "")
    dialog.user.setText(parsed.username or "")


def test_try_connection_names_the_result_on_a_real_server(
    qtbot: Any, context: AppContext, settings: QSettings, pg_admin_url: str | None
) -> None:
    if pg_admin_url is None:
        pytest.skip("PostgreSQL is off or not installed")
    dialog = DatabaseSettingsDialog(context, settings, None)
    qtbot.addWidget(dialog)
    _fill(dialog, pg_admin_url)
    dialog.test_connection()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15000)
    assert dialog.answer.text().startswith("Kết nối thành công. Cơ sở dữ liệu còn trống")
    dialog.name.setText("khong_co_csdl_nay")
    dialog.test_connection()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15000)
    assert "không có cơ sở dữ liệu mang tên này" in dialog.answer.text()


def test_save_keeps_the_server_but_never_the_password(
    qtbot: Any,
    context: AppContext,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = DatabaseSettingsDialog(context, settings, None)
    qtbot.addWidget(dialog)
    _fill(dialog, "postgresql://thu_ky@may-chu:5433/van_phong")
    dialog.password.setText("mat-khau-bi-mat")
    dialog.save()
    assert saved_server(settings) == SharedServer("may-chu", "van_phong", "thu_ky", 5433)
    assert "mat-khau-bi-mat" not in (tmp_path / "ui.ini").read_text(encoding="utf-8")
    if can_keep_passwords():
        pytest.skip("this machine has a credential store; the fallback is not used")
    asked: list[str] = []

    def get_text(*args: Any, **_kw: Any) -> tuple[str, bool]:
        asked.append(args[2])
        return "mat-khau-bi-mat", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    url = shared_url_at_start(None, settings)
    assert asked and "thu_ky" in asked[0]
    assert url is not None and make_url(url).password == "mat-khau-bi-mat"


def test_the_file_on_this_pc_needs_no_question(settings: QSettings) -> None:
    assert shared_url_at_start(None, settings) is None


def test_a_window_sees_another_windows_change(
    qtbot: Any, context: AppContext, settings: QSettings, dialogs: Dialogs
) -> None:
    window = open_window(qtbot, context, settings)
    window.watcher.stop()  # polled by hand below: no timer in a test
    watcher: DataWatcher = window.watcher
    with qtbot.waitSignal(watcher._query.finished, timeout=5000):
        watcher.poll()
    other = Database(context.database.url)  # another window's handle on the same file
    try:
        record_progress(other, 1, Progress("doing"), today=TODAY)
    finally:
        other.dispose()
    with qtbot.waitSignals([context.signals.changed, window.model.loaded], timeout=5000):
        watcher.poll()
    # Its own writes are no news to it: no reload.
    record_progress(context.database, 1, Progress("done"), today=TODAY)
    with (
        qtbot.assertNotEmitted(context.signals.changed),
        qtbot.waitSignal(watcher._query.finished, timeout=5000),
    ):
        watcher.poll()
