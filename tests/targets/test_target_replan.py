"""Targets as edited in the import preview: re-planned by the file's rules, written in the
import's one transaction; a target the user leaves out is neither written nor marked gone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from db import Database, open_database
from db.models import Target
from desktop.domain.targets import Comparison
from desktop.services.importer import (
    EditedTask,
    ImportPlan,
    ImportRefusedError,
    apply_import,
    plan_from_path,
    replan,
)
from tests.targets.seed_targets import NOW, SEED_002, import_seed_002


def stored(database: Database) -> dict[str, Target]:
    with database.session() as session:
        return {t.ext_id: t for t in session.scalars(select(Target))}


def rows_of(plan: ImportPlan) -> tuple[EditedTask, ...]:
    return tuple(EditedTask(t.data) for t in plan.tasks)


def test_edited_targets_are_what_is_written(tmp_path: Path) -> None:
    database = open_database(tmp_path / "db.sqlite3")
    try:
        plan = plan_from_path(database, SEED_002)
        targets = plan.target_plan.targets
        eight = next(t for t in targets if t.ext_id == "CT.8")
        assert eight.comparison is Comparison.GT and eight.value == 800
        kept = tuple(replace(t, value=850) if t.ext_id == "CT.8" else t for t in targets)
        kept = tuple(t for t in kept if t.ext_id != "CT.10")
        final = replan(database, plan, rows_of(plan), targets=kept, targets_left_alone=("CT.10",))
        assert "CT.10" not in final.target_plan.new and "CT.8" in final.target_plan.new
        # Without edited targets the plan keeps its own.
        assert replan(database, plan, rows_of(plan)).target_plan == plan.target_plan
        apply_import(database, final, backup=False, now=NOW)
        found = stored(database)
        assert found["CT.8"].value == 850
        assert "CT.10" not in found
        assert len(found) == len(targets) - 1
    finally:
        database.dispose()


def test_a_stored_target_left_out_is_left_alone(tmp_path: Path) -> None:
    database = import_seed_002(tmp_path / "db.sqlite3")
    try:
        plan = plan_from_path(database, SEED_002)
        assert not plan.writes_anything
        kept = tuple(
            replace(t, value=95) if t.ext_id == "CT.9" else t
            for t in plan.target_plan.targets
            if t.ext_id != "CT.10"
        )
        final = replan(database, plan, rows_of(plan), targets=kept, targets_left_alone=("CT.10",))
        assert final.target_plan.vanished == () and final.target_plan.updated == ("CT.9",)
        apply_import(database, final, backup=False, now=NOW)
        found = stored(database)
        assert found["CT.9"].value == 95 and found["CT.9"].text.startswith("100% chi bộ")
        assert not found["CT.10"].missing_from_source
    finally:
        database.dispose()


def test_edits_break_the_files_rules_and_nothing_is_written(tmp_path: Path) -> None:
    database = open_database(tmp_path / "db.sqlite3")
    try:
        plan = plan_from_path(database, SEED_002)
        measurable = next(t for t in plan.target_plan.targets if t.value is not None)
        child = next(t for t in plan.target_plan.targets if t.parent)
        bad = (
            replace(measurable, value=None),
            replace(child, ext_id=child.ext_id + "x", parent="không có"),
        )
        with pytest.raises(ImportRefusedError) as refused:
            replan(database, plan, rows_of(plan), targets=bad)
        messages = " ".join(str(p) for p in refused.value.problems)
        assert "cần “value” là một số" in messages
        assert "“parent” “không có” không phải chỉ tiêu trong tệp" in messages
        assert stored(database) == {}
    finally:
        database.dispose()
