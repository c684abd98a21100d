"""Migration 0007 (targets) on a real database of release 0006 and on the five seeds of 0004.

New tables only: every row of the old database stays, and a re-import then brings in the
targets the old versions dropped without touching a task.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from db import open_database
from db.migrate import current_revision
from db.revisions import HEAD
from desktop.extract import extract_document
from desktop.services.importer import PlanAction, apply_import, plan_from_path
from desktop.services.targets import list_targets
from tests.conftest import DATA, SEEDS

TABLES = ("documents", "tasks", "units", "occurrences", "history", "extensions")


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_schema_0006_upgrades_and_the_seeds_bring_their_targets(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "db" / "seeds-0004.sqlite3", path)
    before = counts(path)
    database = open_database(path)
    try:
        assert current_revision(database) == HEAD
        assert counts(path) == before
        for seed in sorted(SEEDS.glob("*.txt")):
            # The tasks as release 0004 read them (what the fixture holds), with the targets
            # today's extractor finds: the re-import must add targets and touch no task.
            payload = json.loads(
                (DATA / "db" / "seeds-0004-json" / f"{seed.stem}.json").read_text("utf-8")
            )
            targets = extract_document(seed).get("targets")
            if targets:
                payload["version"] = 2
                payload["targets"] = targets
            file = tmp_path / f"{seed.stem}.json"
            file.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            plan = plan_from_path(database, file)
            assert plan.counted(PlanAction.SAME) == plan.count, seed.name
            apply_import(database, plan, backup=False)
        assert len([r for r in list_targets(database, "2021") if not r.is_sub_target]) >= 9
    finally:
        database.dispose()
    assert counts(path) == before
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM targets").fetchone()[0] >= 35


def test_the_0006_fixture_opens_at_head(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "db" / "schema-0006_edit.sqlite3", path)
    database = open_database(path)
    try:
        assert current_revision(database) == HEAD
    finally:
        database.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM targets").fetchone() == (0,)
