"""Kill the writing process (SIGKILL); nothing half-written may survive.

An import is killed at chosen points: it reports each phase it enters (the backup, every
batch inside the write transaction, the moment before the commit), the worker's child stops
at the report it was told to and the test kills it there — so every kill lands inside the
import, at a known point, whatever the machine's load. Edits are killed at random moments.

SIGKILL stops the process between any two instructions, but the operating system keeps the
pages it had written; so this measures atomicity against a crash of the program, not against
a power cut (which SQLite's ``synchronous=FULL`` is for and which a test cannot cut here).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from db import open_database
from db.backup import backup_dir, integrity_ok, list_backups
from desktop.services.progress import Phase
from tests.conftest import import_payload, task_json
from tests.reliability.figures import record

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker forks (POSIX)")

WORKER = Path(__file__).resolve().parent / "worker.py"
SEED = 20240501
BATCH = 100  # tasks per progress report: 1,500 tasks give some thirty points to kill at
PHRASES = ["Quý II năm 2021", "trước ngày 15/4/2021", "Hàng năm", "thường xuyên", "Tháng 6/2022"]


class Worker:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._pending: list[dict[str, Any]] = []

    def start(self, job: dict[str, Any]) -> int:
        """Send *job*; the child's pid. The child may speak before its parent says the pid:
        what it said first is kept, in order, for :meth:`stopped` and :meth:`finish`."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        early: list[dict[str, Any]] = []
        while True:
            message = self._read()
            if "pid" in message:
                self._pending = early
                return int(message["pid"])
            early.append(message)

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "worker died"
        message: dict[str, Any] = json.loads(line)
        return message

    def _message(self) -> dict[str, Any]:
        return self._pending.pop(0) if self._pending else self._read()

    def stopped(self) -> dict[str, Any]:
        """Wait until the child stops where it was told to; its phase report before it."""
        last: dict[str, Any] = {}
        while True:
            message = self._message()
            assert "status" not in message, "the import ended before its stop point"
            if "stopped" in message:
                return last
            last = message

    def finish(self) -> tuple[int, list[int], list[str]]:
        """The child's wait status, the edits it acknowledged and the phases it reported."""
        acks: list[int] = []
        phases: list[str] = []
        while True:
            message = self._message()
            if "ack" in message:
                acks.append(message["ack"])
            elif "phase" in message:
                phases.append(message["phase"])
            elif "status" in message:
                return int(message["status"]), acks, phases

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


@pytest.fixture
def worker() -> Iterator[Worker]:
    running = Worker()
    yield running
    running.close()


@dataclass
class Tally:
    tried: int = 0
    killed: int = 0  # the kill landed while the child was still working
    survived: int = 0  # integrity ok and all-or-nothing held afterwards
    whole: int = 0
    none: int = 0


def _baseline(folder: Path) -> Path:
    """A database holding one small document, closed and checkpointed (no -wal)."""
    path = folder / "baseline.sqlite3"
    database = open_database(path)
    import_payload(
        database,
        task_json(
            [{"id": f"B{i}", "title": f"Nhiệm vụ cũ {i}"} for i in range(20)],
            number="01-CTr/ĐUK",
            source_file="base.txt",
        ),
    )
    database.dispose()
    shutil.rmtree(backup_dir(path), ignore_errors=True)
    return path


def _big_json(folder: Path, count: int) -> Path:
    tasks = [
        {
            "id": f"T{i}",
            "title": f"Nhiệm vụ số {i}: quán triệt, tuyên truyền Nghị quyết",
            "lead_unit": f"Ban {i % 9}",
            "support_units": ["Văn phòng", f"Chi bộ {i % 5}"],
            "deadline_text": PHRASES[i % len(PHRASES)],
        }
        for i in range(count)
    ]
    path = folder / "big.json"
    path.write_text(json.dumps(task_json(tasks), ensure_ascii=False), encoding="utf-8")
    return path


def _check_import(path: Path, count: int) -> str:
    assert integrity_ok(path), "integrity_check failed after a kill"
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        new = connection.execute(
            "SELECT count(*) FROM tasks JOIN documents d ON d.id = tasks.document_id "
            "WHERE d.number = '10-CTr/ĐUK'"
        ).fetchone()[0]
        documents = connection.execute(
            "SELECT count(*) FROM documents WHERE number = '10-CTr/ĐUK'"
        ).fetchone()[0]
        old = connection.execute("SELECT count(*) FROM tasks").fetchone()[0] - new
    assert old == 20, "the data that was there before the import changed"
    assert (new, documents) in {(0, 0), (count, 1)}, f"partial import: {new} of {count} tasks"
    for backup in list_backups(backup_dir(path)):
        assert integrity_ok(backup), f"a finished backup is damaged: {backup}"
    open_database(path).dispose()  # the app still opens it (quick_check, migrations)
    return "whole" if new else "none"


def kill_points(phases: list[str], kills: int) -> list[int]:
    """*kills* report numbers spread over the import's phases, every phase hit at least once.

    Report numbers count from 1, in the order an uninterrupted import made them.
    """
    points = list(range(1, len(phases) + 1))
    if kills <= len(points):
        return [points[i * len(points) // kills] for i in range(kills)]
    return [points[i % len(points)] for i in range(kills)]


def run_import_kills(worker: Worker, folder: Path, kills: int, count: int) -> Tally:
    """Kill *kills* imports, each at a chosen point of the import; check each database.

    One uninterrupted run lists the points the import reports; each kill then stops the
    child at one of them and kills it while it waits there, inside the import. Every kill
    therefore lands mid-import, whatever the load: the outcome is never left to timing.
    """
    baseline = _baseline(folder)
    source = _big_json(folder, count)
    probe = folder / "probe"
    probe.mkdir()
    shutil.copy(baseline, probe / "db.sqlite3")
    job = {"kind": "import", "json": str(source), "batch": BATCH}
    worker.start({**job, "db": str(probe / "db.sqlite3")})
    status, _, phases = worker.finish()
    assert status == 0 and _check_import(probe / "db.sqlite3", count) == "whole"
    assert phases[0] == Phase.BACKUP and phases[-1] == Phase.COMMIT
    assert phases.count(Phase.WRITE) >= 2 * count // BATCH  # each batch, prepared and written
    tally = Tally()
    for n, point in enumerate(kill_points(phases, kills), 1):
        cycle = folder / f"k{n}"
        cycle.mkdir()
        db = cycle / "sonhiemvu.sqlite3"
        shutil.copy(baseline, db)
        pid = worker.start({**job, "db": str(db), "stop_at": point})
        at = worker.stopped()
        assert at == {"phase": phases[point - 1], "n": point}
        os.kill(pid, signal.SIGKILL)
        status, _, _ = worker.finish()
        tally.tried += 1
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        tally.killed += 1
        outcome = _check_import(db, count)
        # Killed before its commit, the import must have left nothing at all.
        assert outcome == "none", f"killed at report {point} ({at['phase']}): {outcome}"
        tally.survived += 1
        setattr(tally, outcome, getattr(tally, outcome) + 1)
        shutil.rmtree(cycle)
    return tally


def run_edit_kills(worker: Worker, folder: Path, kills: int) -> tuple[Tally, int]:
    baseline = _baseline(folder)
    with sqlite3.connect(baseline) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM tasks ORDER BY id")]
    rng = random.Random(SEED + 1)
    tally = Tally()
    acknowledged = 0
    for n in range(kills):
        db = folder / f"e{n}.sqlite3"
        shutil.copy(baseline, db)
        pid = worker.start({"kind": "edits", "db": str(db), "task_ids": ids, "edits": 100_000})
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(pid, signal.SIGKILL)
        status, acks, _ = worker.finish()
        tally.tried += 1
        tally.killed += int(os.WIFSIGNALED(status))
        assert integrity_ok(db)
        with sqlite3.connect(db) as connection:
            history = connection.execute(
                "SELECT task_id, new_value FROM history WHERE field = 'progress_notes' ORDER BY id"
            ).fetchall()
            notes = dict(connection.execute("SELECT id, progress_notes FROM tasks").fetchall())
        done = len(history)
        last_ack = max(acks, default=0)
        # Every edit reported saved is there; at most the one in flight is there unreported.
        assert done in {last_ack, last_ack + 1}, (done, last_ack)
        # Each task's notes agree with its last history entry: no edit without its history.
        last: dict[int, str] = {}
        for task_id, value in history:
            last[task_id] = value
        for task_id, value in notes.items():
            assert value == last.get(task_id), f"task {task_id}: notes and history disagree"
        acknowledged += last_ack
        tally.survived += 1
        db.unlink()
        for side in ("-wal", "-shm"):
            Path(str(db) + side).unlink(missing_ok=True)
    return tally, acknowledged


def test_killing_imports_never_leaves_half_an_import(worker: Worker, tmp_path: Path) -> None:
    tally = run_import_kills(worker, tmp_path, kills=30, count=1500)
    assert tally.survived == tally.tried == tally.killed == tally.none == 30, tally
    record("crash_import_quick", tasks=1500, **tally.__dict__, lost=0)


def test_killing_edits_loses_nothing_reported_saved(worker: Worker, tmp_path: Path) -> None:
    tally, acked = run_edit_kills(worker, tmp_path, kills=15)
    assert tally.survived == tally.tried == 15 and tally.killed == 15
    record("crash_edit_quick", **tally.__dict__, edits_acknowledged=acked, lost=0)


@pytest.mark.slow
def test_killing_imports_long(worker: Worker, tmp_path: Path) -> None:
    tally = run_import_kills(worker, tmp_path, kills=500, count=2000)
    assert tally.survived == tally.tried == tally.killed == 500, tally
    record("crash_import_long", tasks=2000, **tally.__dict__, lost=0)


@pytest.mark.slow
def test_killing_edits_long(worker: Worker, tmp_path: Path) -> None:
    tally, acked = run_edit_kills(worker, tmp_path, kills=200)
    assert tally.survived == tally.tried == 200
    record("crash_edit_long", **tally.__dict__, edits_acknowledged=acked, lost=0)
