"""An import says which phase it is in, so a watcher (or a kill) can act at a known point."""

from __future__ import annotations

import json

import pytest

from db import Database
from desktop.services.importer import apply_import, plan_import
from desktop.services.progress import CancelledError, Phase, WorkProgress
from desktop.services.queries import TaskFilter, count_tasks
from desktop.services.task_json import parse_task_json
from tests.conftest import task_json
from tests.services.test_quarter_report import TODAY


def _plan(database: Database, count: int):  # type: ignore[no-untyped-def]
    payload = task_json([{"id": f"T{i}", "title": f"Nhiệm vụ {i}"} for i in range(count)])
    return plan_import(database, parse_task_json(json.dumps(payload, ensure_ascii=False)))


def test_phases_in_order_one_write_report_per_batch(database: Database) -> None:
    phases: list[str] = []
    apply_import(
        database, _plan(database, 25), progress=WorkProgress(on_phase=phases.append), batch=10
    )
    # Backup, then 3 batches prepared and 3 inserted inside the transaction, then commit.
    assert phases == [Phase.BACKUP, *[Phase.WRITE] * 6, Phase.COMMIT]


@pytest.mark.parametrize("stop_at", [1, 4, 8])
def test_a_stop_at_any_phase_writes_nothing(database: Database, stop_at: int) -> None:
    seen: list[str] = []

    def on_phase(name: str) -> None:
        seen.append(name)
        if len(seen) == stop_at:
            progress.cancel()

    progress = WorkProgress(on_phase=on_phase)
    with pytest.raises(CancelledError):
        apply_import(database, _plan(database, 25), progress=progress, batch=10)
    assert count_tasks(database, TaskFilter(today=TODAY)) == 0
