"""Seed 002's targets imported into a fresh database, and the nine yearly values of 2021.

The values are those a secretary would take from the mid-term report (seed 002 itself):
every yearly target met except "100% chi bộ sinh hoạt đúng quy định", reached at 80 %.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from db import Database, open_database
from desktop.services.importer import apply_import, plan_from_path
from desktop.services.targets import Recorded, list_targets, record_achievement

SEED_002 = Path(__file__).resolve().parents[1] / "data" / "seeds" / "002_a71cb89a44c4d540.txt"
NOW = datetime(2021, 12, 20, 9, 0)
MISSED = "100% chi bộ sinh hoạt đúng quy định"
# Achieved in 2021, by the start of each yearly target's text.
YEARLY_2021: dict[str, Recorded] = {
    "Có trên 90% cơ quan, doanh nghiệp được cấp trên": Recorded(achieved=93),
    "Phấn đấu 100% doanh nghiệp": Recorded(achieved=100),
    "100% TCCSĐ triển khai": Recorded(achieved=100),
    "100% cán bộ, đảng viên": Recorded(achieved=100),
    "Có trên 90% TCCSĐ": Recorded(achieved=92.5),
    "90% đảng viên trở lên": Recorded(achieved=95),
    "Bồi dưỡng trên 800": Recorded(achieved=1243),
    MISSED: Recorded(achieved=80),
    "Đoàn Thanh niên Khối": Recorded(met=True),
}


def import_seed_002(path: Path) -> Database:
    database = open_database(path)
    plan = plan_from_path(database, SEED_002)
    apply_import(database, plan, backup=False, now=NOW)
    return database


def enter_2021_values(database: Database) -> None:
    rows = [r for r in list_targets(database, "2021") if not r.is_sub_target]
    assert len(rows) == len(YEARLY_2021) == 9
    for start, value in YEARLY_2021.items():
        (row,) = [r for r in rows if r.text.startswith(start)]
        record_achievement(database, row.id, "2021", value, now=NOW)
