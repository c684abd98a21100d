"""Test data for the window tests, seeded through the services (never raw SQL)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoStack

from db import Database
from desktop.services.importer import apply_import, plan_import
from desktop.services.task_json import parse_task_json
from desktop.ui.signals import AppContext, AppSignals

TODAY = date(2021, 10, 1)

# Relative to TODAY: T1, T5 (recurring, first quarter 30/06) and T6 are overdue; T2 is due
# within 14 days; T3 is later; T4 and T7 have no deadline.
TASKS = [
    ("T1", "Kế hoạch tuyên truyền Nghị quyết", "Ban Tuyên giáo", [], "Quý II năm 2021"),
    ("T2", "Báo cáo sơ kết sáu tháng", "Văn phòng", ["Ban Tổ chức"], "trước ngày 10/10/2021"),
    ("T3", "Đề án kiểm tra chuyên đề", "Ủy ban Kiểm tra", [], "Quý I năm 2022"),
    ("T4", "Tổ chức quán triệt Nghị quyết", "Ban Tuyên giáo", [], "thường xuyên"),
    ("T5", "Báo cáo định kỳ tình hình", "Văn phòng", [], "Hằng quý"),
    ("T6", "Ấn hành tài liệu hỏi đáp", "Ban Tuyên giáo", [], "Quý III năm 2021"),
    ("T7", "Áp dụng mô hình điểm", None, [], "khi có yêu cầu"),
]


def task_payload(
    tasks: list[tuple[str, str, str | None, list[str], str | None]] = TASKS,
    *,
    number: str | None = "10-CTr/ĐUK",
    issued: str | None = "2021-04-07",
) -> dict[str, Any]:
    return {
        "format": "nhiemvu",
        "version": 1,
        "document": {
            "number": number,
            "title": "Chương trình hành động thực hiện Nghị quyết 58-NQ/TW",
            "issued": issued,
        },
        "tasks": [
            {
                "id": ext_id,
                "title": title,
                "lead_unit": lead,
                "support_units": supports,
                "deadline_text": deadline,
                "output_form": "Kế hoạch" if ext_id == "T1" else None,
            }
            for ext_id, title, lead, supports, deadline in tasks
        ],
    }


def write_task_file(path: Path, payload: dict[str, Any]) -> Path:
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def seed(database: Database, payload: dict[str, Any] | None = None) -> None:
    task_file = parse_task_json(json.dumps(payload or task_payload(), ensure_ascii=False))
    apply_import(database, plan_import(database, task_file, source="seed.json"), backup=False)


def make_context(database: Database) -> AppContext:
    return AppContext(database, TODAY, AppSignals(), QUndoStack())
