"""Targets stored by the import, values recorded per period with history, the summary."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from seed_targets import MISSED, NOW, SEED_002, enter_2021_values, import_seed_002

from db import open_database
from desktop.domain.targets import TargetResult
from desktop.domain.task_format import V2_TASK_FIELDS
from desktop.extract import extract_document
from desktop.services.importer import ImportRefusedError, apply_import, plan_from_path
from desktop.services.targets import (
    Recorded,
    TargetError,
    list_targets,
    periods_for,
    record_achievement,
    summarize,
    target_history,
)


def test_seed_002_gives_nine_yearly_targets_and_eight_met(tmp_path: Path) -> None:
    database = import_seed_002(tmp_path / "db.sqlite3")
    try:
        assert "2021" in periods_for(database) and "giua-ky" in periods_for(database)
        enter_2021_values(database)
        rows = list_targets(database, "2021")
        summary = summarize(rows)
        assert (summary.met, summary.total) == (8, 9)
        assert [row.name for row in summary.missed] == [MISSED]
        assert summary.line.startswith("Đạt 8/9 chỉ tiêu; chưa đạt 1 chỉ tiêu: " + MISSED)
        assert "(đạt 80%)" in summary.line
        # The 2025 target (item 3) is judged in 2025 and in the term reviews, not in 2021.
        assert len([r for r in list_targets(database, "2025") if not r.is_sub_target]) == 10
        assert summarize(list_targets(database, "giua-ky")).total == 10
    finally:
        database.dispose()


def test_recording_keeps_history_and_undo_restores(tmp_path: Path) -> None:
    database = import_seed_002(tmp_path / "db.sqlite3")
    try:
        row = next(r for r in list_targets(database, "2021") if r.name == MISSED)
        assert row.result is TargetResult.NOT_ASSESSED
        before, change = record_achievement(database, row.id, "2021", Recorded(80), now=NOW)
        assert before == Recorded() and change.targets
        later = datetime(2021, 12, 21)
        previous, _ = record_achievement(database, row.id, "2021", Recorded(100), now=later)
        assert previous == Recorded(80)
        assert next(r for r in list_targets(database, "2021") if r.id == row.id).result is (
            TargetResult.MET
        )
        record_achievement(database, row.id, "2021", previous, now=later)  # undo
        again = next(r for r in list_targets(database, "2021") if r.id == row.id)
        assert again.recorded == Recorded(80) and again.result is TargetResult.MISSED
        history = [(h.field, h.old_value, h.new_value) for h in target_history(database, row.id)]
        assert history == [
            ("achieved", None, "80"),
            ("achieved", "80", "100"),
            ("achieved", "100", "80"),
        ]
        # Another period is another record.
        assert next(r for r in list_targets(database, "giua-ky") if r.id == row.id).recorded == (
            Recorded()
        )
    finally:
        database.dispose()


def test_wrong_values_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    database = import_seed_002(tmp_path / "db.sqlite3")
    try:
        rows = list_targets(database, "2021")
        measured = next(r for r in rows if r.name == MISSED)
        judged = next(r for r in rows if r.text.startswith("Đoàn Thanh niên"))
        for target, period, value in [
            (measured, "2021", Recorded(achieved=-1)),
            (measured, "2021", Recorded(achieved=float("nan"))),
            (measured, "2021", Recorded(met=True)),
            (judged, "2021", Recorded(achieved=3)),
            (measured, "năm ngoái", Recorded(achieved=3)),
        ]:
            with pytest.raises(TargetError):
                record_achievement(database, target.id, period, value, now=NOW)
        assert all(not target_history(database, r.id) for r in rows)
    finally:
        database.dispose()


def test_reimport_keeps_achieved_values_and_marks_vanished_targets(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    database = import_seed_002(path)
    try:
        enter_2021_values(database)
        # The identical document again: nothing to write.
        assert not plan_from_path(database, SEED_002).writes_anything
        payload = extract_document(SEED_002)
        for target in payload["targets"]:
            if target["id"] == "CT.8":
                target["value"] = 850  # the document corrected
        payload["targets"] = [t for t in payload["targets"] if t["id"] != "CT.10"]
        changed = tmp_path / "002.json"
        changed.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        plan = plan_from_path(database, changed)
        assert plan.target_plan.updated == ("CT.8",) and plan.target_plan.vanished == ("CT.10",)
        apply_import(database, plan, backup=False, now=NOW)
        rows = list_targets(database, "2021")
        eight = next(r for r in rows if r.ext_id == "CT.8")
        assert eight.value == 850 and eight.recorded == Recorded(1243)
        assert [r for r in rows if r.ext_id == "CT.10"] == []
        assert summarize(rows).total == 8  # the vanished one is out of the count
        history = target_history(database, eight.id)
        assert ("value", "800", "850") in [(h.field, h.old_value, h.new_value) for h in history]
    finally:
        database.dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM target_achievements").fetchone() == (9,)


def test_version_1_files_still_import_and_bad_targets_refuse_the_file(tmp_path: Path) -> None:
    payload = extract_document(SEED_002)
    # A real version-1 file: without the fields version 2 added to each task.
    version_1 = dict(
        payload,
        version=1,
        tasks=[
            {k: v for k, v in task.items() if k not in V2_TASK_FIELDS} for task in payload["tasks"]
        ],
    )
    first = tmp_path / "v1.json"
    first.write_text(json.dumps(version_1, ensure_ascii=False), encoding="utf-8")
    database = open_database(tmp_path / "db.sqlite3")
    try:
        plan = plan_from_path(database, first)
        assert plan.target_plan.targets == ()  # version 1 has no targets: an unknown key
        apply_import(database, plan, backup=False, now=NOW)
        v2 = tmp_path / "v2.json"
        v2.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        apply_import(database, plan_from_path(database, v2), backup=False, now=NOW)
        assert len(list_targets(database, "giua-ky")) == 17
        # The version-1 file again states no targets: the stored ones stay as they are.
        again = plan_from_path(database, first)
        assert not again.target_plan.writes_anything and not again.writes_anything
        bad = dict(payload)
        bad["targets"] = [
            {"id": "CT.1", "text": "x", "comparison": "more"},
            {"id": "CT.2", "text": "", "comparison": "gt", "value": 3},
            {"id": "CT.3", "text": "y", "comparison": "range", "value": 5, "value_max": 2},
            {"id": "CT.4", "text": "z", "comparison": "gt", "value": "90%"},
            {"id": "CT.5", "text": "w", "comparison": "qualitative", "parent": "CT.99"},
        ]
        second = tmp_path / "bad.json"
        second.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ImportRefusedError) as refused:
            plan_from_path(database, second)
        messages = [str(p) for p in refused.value.problems]
        assert len(messages) == 5 and all(m.startswith("Chỉ tiêu thứ") for m in messages)
    finally:
        database.dispose()
