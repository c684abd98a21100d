"""The import preview marks guessed fields, repaired text and deadlines lacking their year."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db import Database
from desktop.services.importer import plan_import
from desktop.services.task_json import parse_task_json
from desktop.ui.import_preview_model import (
    COL_LEAD,
    COL_READING,
    COL_TITLE,
    GUESSED_TIP,
    REPAIRED_TIP,
    UNREAD_TEXT,
    PreviewModel,
)
from tests.conftest import task_json


def test_preview_marks(qtbot: QtBot, database: Database) -> None:
    tasks = [
        {"id": "1", "title": "Tổng kết", "lead_unit": "Văn phòng",
         "deadline_text": "hoàn thành trong Quý IV hằng năm",
         "guessed": ["lead_unit"], "repaired": True},
        {"id": "2", "title": "Tuyên truyền", "deadline_text": "Quý II năm 2021"},
    ]  # fmt: skip
    payload = task_json(tasks, issued=None)
    payload["version"] = 2
    plan = plan_import(database, parse_task_json(json.dumps(payload, ensure_ascii=False)))
    model = PreviewModel()
    model.set_plan(plan)
    due_cell, unit_cell = model.index(0, COL_READING), model.index(0, COL_LEAD)
    title_cell = model.index(0, COL_TITLE)
    # Not "không có hạn": the phrase lacks its year and the document its issue date.
    assert model.data(due_cell) == UNREAD_TEXT
    assert model.data(unit_cell, Qt.ItemDataRole.FontRole).italic()
    assert GUESSED_TIP in model.data(unit_cell, Qt.ItemDataRole.ToolTipRole)
    assert REPAIRED_TIP in model.data(title_cell, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, COL_LEAD), Qt.ItemDataRole.FontRole) is None
    assert "30/06/2021" in model.data(model.index(1, COL_READING))
