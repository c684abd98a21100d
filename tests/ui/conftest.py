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
    win = MainWindow(context, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
