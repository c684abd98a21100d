"""Migration 0006 (the user's corrections) on a real database of release 0004.

The five seeds imported by the code before it (tests/data/db/seeds-0004.sqlite3, units
matched by the old loose rule).

Nothing is lost, re-importing the same documents changes nothing, and the units the old
rule may have merged are offered once for review.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from db import open_database
from desktop.services.importer import apply_import, plan_from_path
from desktop.services.unit_admin import suspect_merges, unit_rows
from tests.conftest import DATA, SEEDS

FIXTURE = DATA / "db" / "seeds-0004.sqlite3"
TABLES = (
    "documents",
    "tasks",
    "units",
    "task_support_units",
    "occurrences",
    "history",
    "extensions",
)


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_the_upgrade_keeps_every_row_and_reimports_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, path)
    before = counts(path)
    assert before["tasks"] == 153 and before["occurrences"] > 0 and before["task_support_units"] > 0
    database = open_database(path)
    try:
        # Adding the columns must not rebuild ``tasks`` (which would cascade-delete rows).
        assert counts(path) == before
        units = len(unit_rows(database))
        for seed in sorted(SEEDS.glob("*.txt")):
            plan = plan_from_path(database, seed)
            # Only the targets the old versions dropped are new (issue 17); no task changes.
            targets = plan.target_plan
            assert not targets.updated and not targets.vanished, seed.name
            assert not plan.writes_anything or targets.new, seed.name
            assert plan.new_units == () and plan.counted("same") == plan.count
            apply_import(database, plan, backup=False)
        assert len(unit_rows(database)) == units
        names = [s.name for s in suspect_merges(database)]
        # The typo that swallowed three committees is on the review list.
        assert "Ủy ban Kiếm tra Đảng ủy" in names and len(names) < 10
    finally:
        database.dispose()
    assert counts(path) == before
