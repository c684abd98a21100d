"""The same document imported twice at once is imported once (issue 14, item 6).

Planning reads and writing happens later in its own transaction; two imports started
together both planned "new document". The worst interleaving is played exactly (both plan,
then both write), and the real race too: pairs of forked processes released together.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest

from db import Database, open_database
from desktop.services import importer
from desktop.services.importer import ImportRefusedError, apply_import, plan_import
from desktop.services.task_json import parse_task_json
from tests.conftest import count_rows, task_json
from tests.reliability.figures import measure, record_hostile

PAIRS = 10


def document_file(path: Path, tasks: int = 57) -> Path:
    """A task JSON of document 16-CTr/ĐUK (57 tasks, as in the issue's 114 = 2 × 57)."""
    payload = task_json(
        [
            {"id": f"PL.{i}", "title": f"Nhiệm vụ {i}", "lead_unit": "Văn phòng"}
            for i in range(tasks)
        ],
        number="16-CTr/ĐUK",
    )
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def _counts(url: str) -> tuple[int, int]:
    database = Database(url)
    try:
        return count_rows(database, "documents"), count_rows(database, "tasks")
    finally:
        database.dispose()


def test_both_plan_then_both_write_imports_once(database_url: str, tmp_path: Path) -> None:
    source = document_file(tmp_path / "16.json")
    first, second = open_database(database_url), open_database(database_url)
    try:
        task_file = parse_task_json(source.read_bytes())
        plans = [plan_import(d, task_file) for d in (first, second)]
        assert all(p.existing_document_id is None for p in plans)
        apply_import(first, plans[0], backup=False)
        with pytest.raises(ImportRefusedError, match="vừa được nhập xong"):
            apply_import(second, plans[1], backup=False)
    finally:
        first.dispose()
        second.dispose()
    assert _counts(database_url) == (1, 57)


def test_the_unique_number_is_the_backstop(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the re-check (another engine, a future code path) the index still refuses."""
    monkeypatch.setattr(importer, "_recheck_under_write_lock", lambda *_a: None)
    source = document_file(tmp_path / "16.json")
    database = open_database(database_url)
    try:
        task_file = parse_task_json(source.read_bytes())
        plans = [plan_import(database, task_file) for _ in range(2)]
        apply_import(database, plans[0], backup=False)
        with pytest.raises(ImportRefusedError, match="vừa được nhập xong"):
            apply_import(database, plans[1], backup=False)
    finally:
        database.dispose()
    assert _counts(database_url) == (1, 57)


def _import_when_released(db: str, source: str, gate: object, results: object) -> None:
    database = open_database(db)
    try:
        task_file = parse_task_json(Path(source).read_bytes())
        plan = plan_import(database, task_file)
        gate.wait()  # type: ignore[attr-defined]
        try:
            apply_import(database, plan, backup=False)
            results.put("imported")  # type: ignore[attr-defined]
        except ImportRefusedError:
            results.put("refused")  # type: ignore[attr-defined]
    finally:
        database.dispose()


def test_racing_processes_import_the_document_once(
    tmp_path: Path, new_database_url: Callable[[], str]
) -> None:
    context = multiprocessing.get_context("fork")
    source = document_file(tmp_path / "16.json")
    outcomes: list[str] = []
    missing = 0
    with measure() as took:
        for _pair in range(PAIRS):
            db = new_database_url()
            open_database(db).dispose()
            gate, results = context.Barrier(2), context.Queue()
            workers = [
                context.Process(target=_import_when_released, args=(db, str(source), gate, results))
                for _ in range(2)
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join(60)
                assert worker.exitcode == 0
            outcomes += [results.get(timeout=5) for _ in workers]
            documents, tasks = _counts(db)
            missing += max(0, 57 - tasks)
            assert (documents, tasks) == (1, 57)
    assert outcomes.count("imported") == PAIRS
    record_hostile(
        "concurrent-same-document",
        case=f"the same 57-task document imported by two processes at once, {PAIRS} pairs",
        test="test_racing_processes_import_the_document_once",
        outcome=f"{PAIRS} of {PAIRS} pairs: one document; the second told it was just imported",
        measured=took,
        data_lost=missing,
    )
