"""Several people on one database (issue 18), on SQLite and on PostgreSQL alike.

Two processes editing the same task: the second, which opened it before the first saved,
is refused with who and when, and the first one's values stay. A process killed with
SIGKILL in the middle of an import leaves nothing of it. Another window's write moves the
change counter, which the window polls; reads do not.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from db import open_database
from desktop.services.changes import ELSEWHERE, Change, changed_elsewhere
from desktop.services.importer import apply_import, plan_from_path
from desktop.services.progress import WorkProgress
from desktop.services.task_editing import TaskDraft, draft_and_version, edit_task
from desktop.services.tasks import Progress, TaskChangedError, get_task, record_progress
from tests.conftest import count_rows, import_payload, task_json

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the workers fork (POSIX)")

TODAY = date(2021, 7, 1)
TASKS = [
    {"id": "1", "title": "Tuyên truyền Nghị quyết", "lead_unit": "Văn phòng"},
    {"id": "2", "title": "Báo cáo sơ kết", "deadline_text": "Quý II năm 2021"},
]


def test_an_edit_of_a_task_changed_since_it_was_opened_is_refused(database_url: str) -> None:
    database = open_database(database_url)
    try:
        import_payload(database, task_json(TASKS))
        opened = get_task(database, 1)
        _draft, version = draft_and_version(database, 1)
        assert version == opened.version
        record_progress(
            database,
            1,
            Progress("doing", notes="Đã giao Văn phòng"),
            today=TODAY,
            now=datetime(2021, 7, 1, 9, 30),
            expected_version=opened.version,
        )
        with pytest.raises(TaskChangedError, match=r"vừa được .+ sửa lúc 09:30 01/07/2021"):
            record_progress(
                database, 1, Progress("done"), today=TODAY, expected_version=opened.version
            )
        with pytest.raises(TaskChangedError, match="trạng thái: Đang thực hiện"):
            draft = TaskDraft(title="Khác", lead_unit="Văn phòng")
            edit_task(database, 1, draft, expected_version=version)
        now = get_task(database, 1)
        assert (now.title, now.status, now.progress_notes) == (
            "Tuyên truyền Nghị quyết",
            "doing",
            "Đã giao Văn phòng",
        )
        # Opened again, the newer version saves.
        record_progress(database, 1, Progress("done"), today=TODAY, expected_version=now.version)
        assert get_task(database, 1).status == "done"
    finally:
        database.dispose()


def _edit_in_a_process(
    url: str, status: str, opened: Any, first_saved: Any, go_second: bool, results: Any
) -> None:
    database = open_database(url)
    try:
        version = get_task(database, 1).version
        opened.wait()  # both have the task open before either saves
        if go_second:
            first_saved.wait()
        try:
            record_progress(database, 1, Progress(status), today=TODAY, expected_version=version)
            results.put((status, "saved"))
        except TaskChangedError as error:
            results.put((status, str(error)))
        finally:
            if not go_second:
                first_saved.set()
    finally:
        database.dispose()


def test_two_processes_editing_the_same_task_the_second_is_refused(database_url: str) -> None:
    database = open_database(database_url)
    import_payload(database, task_json(TASKS))
    database.dispose()
    context = multiprocessing.get_context("fork")
    opened, first_saved, results = context.Barrier(2), context.Event(), context.Queue()
    workers = [
        context.Process(
            target=_edit_in_a_process,
            args=(database_url, status, opened, first_saved, second, results),
        )
        for status, second in (("done", False), ("doing", True))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    outcome = dict(results.get(timeout=5) for _ in workers)
    assert outcome["done"] == "saved"
    assert outcome["doing"].startswith("Nhiệm vụ này vừa được ")
    assert "trạng thái: Hoàn thành" in outcome["doing"]
    database = open_database(database_url)
    try:
        detail = get_task(database, 1)
        assert detail.status == "done"  # the first save is kept: nothing lost
        assert len([h for h in detail.history if h.field == "status"]) == 1
    finally:
        database.dispose()


def _import_and_hang(url: str, source: str, midway: Any) -> None:
    database = open_database(url)
    total_tasks = len(json.loads(Path(source).read_text(encoding="utf-8"))["tasks"])

    def report(done: int, _total: int) -> None:
        if done > total_tasks:  # inserting rows, inside the import's transaction
            midway.set()
            signal.pause()  # until the parent's SIGKILL

    plan = plan_from_path(database, Path(source))
    apply_import(database, plan, progress=WorkProgress(report), backup=False)


def test_kill_9_during_an_import_leaves_nothing(database_url: str, tmp_path: Path) -> None:
    open_database(database_url).dispose()
    payload = task_json([{"id": f"PL.{i}", "title": f"Nhiệm vụ {i}"} for i in range(6000)])
    source = tmp_path / "lon.json"
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    context = multiprocessing.get_context("fork")
    midway = context.Event()
    child = context.Process(target=_import_and_hang, args=(database_url, str(source), midway))
    child.start()
    assert midway.wait(120), "the import never reached its writes"
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join(30)
    assert child.exitcode == -signal.SIGKILL
    database = open_database(database_url)
    try:
        for table in ("documents", "tasks", "occurrences", "units", "history"):
            assert count_rows(database, table) == 0, table
        # And the database still takes the same import, whole.
        apply_import(database, plan_from_path(database, source), backup=False)
        assert count_rows(database, "tasks") == 6000
    finally:
        database.dispose()


def test_the_change_counter_moves_with_writes_and_tells_the_other_window(
    database_url: str,
) -> None:
    mine, theirs = open_database(database_url), open_database(database_url)
    try:
        seen, change = changed_elsewhere(mine, None)
        assert not change.any
        assert count_rows(mine, "tasks") == 0  # a read moves nothing
        assert changed_elsewhere(mine, seen) == (seen, change)
        import_payload(mine, task_json(TASKS))  # my own write: no news to me
        seen, change = changed_elsewhere(mine, seen)
        assert not change.any
        record_progress(theirs, 2, Progress("doing"), today=TODAY)  # another window's
        after, change = changed_elsewhere(mine, seen)
        assert after == seen + 1 and change.tasks and change.initiator == ELSEWHERE
        # A refused write is rolled back whole, the counter with it.
        with pytest.raises(TaskChangedError):
            record_progress(theirs, 2, Progress("done"), today=TODAY, expected_version=1)
        assert changed_elsewhere(mine, after) == (after, Change())
    finally:
        mine.dispose()
        theirs.dispose()
