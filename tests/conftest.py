"""Shared fixtures. Qt's offscreen platform is chosen before anything imports Qt."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db import Database, open_database
from desktop.services.importer import ImportResult, apply_import, plan_import
from desktop.services.task_json import parse_task_json

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).resolve().parent / "data"
# Copies of shared/seeds: the five real documents that are the ground truth of input.
SEEDS = DATA / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Logs, backups and the default database go to the test's folder, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("SONHIEMVU_DATA_DIR", str(folder))
    monkeypatch.delenv("SONHIEMVU_DB", raising=False)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sonhiemvu.sqlite3"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A fresh SQLite file migrated to head, as the app opens it."""
    opened = open_database(db_path)
    yield opened
    opened.dispose()


def task_json(tasks: list[dict[str, Any]], **document: Any) -> dict[str, Any]:
    """A task JSON payload as the extractor writes it."""
    doc = {
        "number": "10-CTr/ĐUK",
        "title": "Chương trình hành động thực hiện Nghị quyết 58-NQ/TW giai đoạn 2021 - 2025",
        "issued": "2021-04-07",
        "issuer": "Ban Chấp hành Đảng bộ Khối",
        "source_file": "001_7ebdd9951045f80d.txt",
    }
    doc.update(document)
    return {"format": "nhiemvu", "version": 1, "document": doc, "tasks": tasks}


def import_payload(database: Database, payload: dict[str, Any]) -> ImportResult:
    """Seed through the services, the way a user's import does."""
    task_file = parse_task_json(json.dumps(payload, ensure_ascii=False))
    return apply_import(database, plan_import(database, task_file))
