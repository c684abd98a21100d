"""Fixtures for the window tests: a fresh migrated database per test, seeded through the
services, a temporary settings file, and stubbed message boxes and file dialogs.

Nothing here is autouse: other tests in this folder opt in (``usefixtures``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from db import Database, open_database
from desktop.ui.background import wait_for_background
from desktop.ui.main_window import MainWindow
from desktop.ui.signals import AppContext
from tests.ui.window_data import make_context, seed


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("SONHIEMVU_DATA_DIR", str(folder))
    monkeypatch.delenv("SONHIEMVU_DB", raising=False)
    return folder


@pytest.fixture
def database(tmp_path: Path, data_dir: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "t.sqlite3")
    yield db
    # No worker may still be reading when the database is disposed.
    assert wait_for_background()
    db.dispose()


@pytest.fixture
def seeded(database: Database) -> Database:
    seed(database)
    return database


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def context(seeded: Database, qapp: Any) -> AppContext:
    return make_context(seeded)


@dataclass
class Dialogs:
    """Answers for the stubbed QMessageBox / QFileDialog statics, and what was asked."""

    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes
    open_file: str = ""
    calls: list[tuple[str, str]] = field(default_factory=list)

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self.calls if k == kind]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    stub = Dialogs()

    def record(kind: str) -> Any:
        def show(_parent: Any, _title: str, text: str, *_args: Any, **_kw: Any) -> Any:
            stub.calls.append((kind, text))
            return stub.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    for kind in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))

    def get_open_file_name(*_args: Any, **_kw: Any) -> tuple[str, str]:
        stub.calls.append(("open_file", ""))
        return stub.open_file, ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open_file_name))
    return stub


@pytest.fixture
def window(qtbot: Any, context: AppContext, settings: QSettings, dialogs: Dialogs) -> MainWindow:
    """The window shown, with its first rows and counts in (they arrive from a worker)."""
    return open_window(qtbot, context, settings)


def refreshed(qtbot: Any, window: MainWindow) -> Any:
    """Wait for an edit's broadcast, then the list and the counts that follow it."""
    signals = [window.context.signals.changed, window.model.loaded]
    return qtbot.waitSignals([*signals, window.navigation.counts_updated], timeout=5000)


def open_window(qtbot: Any, context: AppContext, settings: QSettings) -> MainWindow:
    """Build and show a window, waiting until its first rows and counts arrived."""
    win = MainWindow(context, settings)
    qtbot.addWidget(win)
    # Answers are delivered by the event loop, so none can arrive before the wait starts.
    with qtbot.waitSignals([win.model.loaded, win.navigation.counts_updated], timeout=5000):
        win.show()
    qtbot.waitExposed(win)
    return win


def wait_for_plan(qtbot: Any, dialog: Any, timeout: int = 60_000) -> None:
    """Wait until the import dialog shows its plan (it is made on a worker).

    While ``planning`` is true the answer has not been delivered yet (delivery needs the
    event loop this wait turns), so the signal cannot have been missed.
    """
    if dialog.planning:
        with qtbot.waitSignal(dialog.planned, timeout=timeout):
            pass
