"""The target reader against the hand-written gold of seeds 001, 002 and 004 (issue 17).

Acceptance: every gold target found, comparison/value/unit right for at least 95 % of the
measurable ones, and no target imported as a task.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from target_scoring import SEEDS, TargetScore, key, load_gold, score

from db import open_database
from desktop.extract import extract_document
from desktop.services.importer import apply_import, plan_from_path

GOLD = load_gold()


@pytest.mark.parametrize("name", sorted(GOLD))
def test_every_gold_target_is_found(name: str) -> None:
    gold = GOLD[name]
    payload = extract_document(SEEDS / gold["source"])
    assert payload["version"] == 2
    result = score(gold, payload["targets"])
    assert result.found == result.gold, (result.line(name), result.misses)


def test_measurable_targets_are_read_right_for_95_percent() -> None:
    total = TargetScore()
    lines = []
    for name, gold in GOLD.items():
        result = score(gold, extract_document(SEEDS / gold["source"])["targets"])
        total.add(result)
        lines.append(result.line(name) + "".join(f"\n  {w}" for w in result.wrong))
    report = "\n".join([*lines, total.line("total")])
    assert total.measurable >= 30, report
    assert total.accuracy >= 0.95, report
    assert total.period_right >= 0.95 * total.found, report


@pytest.mark.parametrize("name", sorted(GOLD))
def test_no_target_becomes_a_task(name: str, tmp_path: Path) -> None:
    gold = GOLD[name]
    path = tmp_path / "db.sqlite3"
    database = open_database(path)
    try:
        plan = plan_from_path(database, SEEDS / gold["source"])
        apply_import(database, plan, backup=False)
    finally:
        database.dispose()
    with sqlite3.connect(path) as connection:
        titles = [key(row[0]) for row in connection.execute("SELECT title FROM tasks")]
    assert titles
    for item in gold["targets"]:
        wanted = key(item["text"])[:60]
        assert not [t for t in titles if wanted in t], item["text"]
