"""Measurements: each figure of ours next to its baseline, measured in the same run."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from db import open_database
from db.backup import automatic_backup
from desktop.domain.quarters import Quarter
from desktop.services.importer import apply_import, plan_import
from desktop.services.queries import TaskFilter, View
from desktop.services.task_json import read_task_file
from tests.bench.generate import project_name, taskwarrior_tasks

TODAY = date(2023, 6, 15)
QUARTER = Quarter(2023, 2)
SCREENFUL = 50  # rows the table shows at once
TABLES = (
    "documents",
    "units",
    "unit_aliases",
    "tasks",
    "task_support_units",
    "occurrences",
    "history",
)


@dataclass
class Figure:
    """One line of the results table. Times are seconds; memory is bytes."""

    name: str
    n: int
    ours: float | None
    baseline: float | None
    baseline_name: str
    target: str = ""
    met: bool | None = None
    note: str = ""
    unit: str = "s"
    why: str = ""  # for a missed target: by how much, and why

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_time(action: Callable[[], Any], repeat: int, warmup: int = 1) -> tuple[float, Any]:
    result = None
    for _ in range(warmup):
        result = action()
    times = []
    for _ in range(repeat):
        elapsed, result = timed(action)
        times.append(elapsed)
    return statistics.median(times), result


# --- databases ------------------------------------------------------------------------


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy (the WAL folded in), as a fresh file the app can open."""
    target.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(source)
    try:
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        src.close()
    shutil.copyfile(source, target)
    return target


def empty_database(path: Path) -> Path:
    """The app's schema, created by its own migrations."""
    open_database(path).dispose()
    return path


def raw_connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the app's pragmas (WAL, synchronous=FULL, FKs)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


def rows_added(before: Path, after: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every row *after* has that *before* has not, table by table (what an import wrote)."""
    connection = sqlite3.connect(after)
    try:
        connection.execute("ATTACH DATABASE ? AS before", (str(before),))
        added = {}
        for table in TABLES:
            columns = [r[1] for r in connection.execute(f"PRAGMA main.table_info({table})")]
            rows = connection.execute(
                f"SELECT * FROM main.{table} EXCEPT SELECT * FROM before.{table}"
            ).fetchall()
            added[table] = (columns, rows)
        return added
    finally:
        connection.close()


def raw_insert(path: Path, rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]]) -> None:
    """The baseline import: the same rows, ``executemany`` in one transaction."""
    connection = raw_connect(path)
    try:
        connection.execute("BEGIN")
        for table in TABLES:
            columns, values = rows[table]
            if values:
                marks = ", ".join("?" for _ in columns)
                connection.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values
                )
        connection.execute("COMMIT")
    finally:
        connection.close()


@dataclass
class ImportTimes:
    parse: float
    plan: float
    backup: float
    write: float

    @property
    def total(self) -> float:
        return self.parse + self.plan + self.backup + self.write


def our_import(db_path: Path, json_path: Path) -> ImportTimes:
    """The path a user's import takes: read + validate, plan, back up, write."""
    database = open_database(db_path)
    try:
        parse, task_file = timed(lambda: read_task_file(json_path))
        assert task_file.valid, task_file.problems
        plan_time, plan = timed(lambda: plan_import(database, task_file, source=json_path.name))
        assert database.path is not None
        path = database.path
        backup, _ = timed(lambda: automatic_backup(path, "truoc-khi-nhap"))
        write, _ = timed(lambda: apply_import(database, plan, backup=False))
    finally:
        database.dispose()
    return ImportTimes(parse, plan_time, backup, write)


# --- Taskwarrior ----------------------------------------------------------------------


def taskwarrior_available() -> bool:
    return shutil.which("task") is not None


def taskwarrior_version() -> str:
    if not taskwarrior_available():
        return "not installed"
    return subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()


@contextmanager
def taskwarrior_home() -> Iterator[Path]:
    """A throwaway TASKDATA and TASKRC: nothing of the user's is read or written."""
    with tempfile.TemporaryDirectory(prefix="bench-tw-") as folder:
        home = Path(folder)
        (home / "data").mkdir()
        write_taskrc(home)
        yield home


def write_taskrc(home: Path) -> None:
    (home / "taskrc").write_text(
        "\n".join(
            (
                f"data.location={home / 'data'}",
                "confirmation=off",
                "hooks=off",
                "verbose=nothing",
                "json.array=on",
                "recurrence=off",
                "news.version=99.0.0",
                "",
            )
        ),
        encoding="utf-8",
    )


def task(home: Path, *args: str, timeout: float | None = None) -> str:
    env = dict(os.environ, TZ="UTC", TASKRC=str(home / "taskrc"), TASKDATA=str(home / "data"))
    done = subprocess.run(
        ["task", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return done.stdout


def taskwarrior_import(home: Path, payload: dict[str, Any], timeout: float) -> float | None:
    """Seconds for ``task import`` of *payload*'s tasks; None when over *timeout*."""
    path = home / f"import-{payload['document']['number'].split('-')[0]}.json"
    path.write_text(json.dumps(taskwarrior_tasks(payload), ensure_ascii=False), encoding="utf-8")
    try:
        elapsed, _ = timed(lambda: task(home, "import", str(path), timeout=timeout))
    except subprocess.TimeoutExpired:
        return None
    return elapsed


def copy_taskwarrior(source: Path, target: Path) -> Path:
    shutil.copytree(source / "data", target / "data")
    write_taskrc(target)
    return target


# --- queries --------------------------------------------------------------------------

RAW_ORDER = "ORDER BY t.document_id, t.position, t.id"
RAW_OVERDUE = f"SELECT t.id FROM tasks t WHERE t.hidden = 0 AND t.open_due < ? {RAW_ORDER}"
RAW_UNIT_QUARTER = f"""
SELECT t.id FROM tasks t
WHERE t.hidden = 0 AND t.lead_unit_id = ? AND (
    (t.kind != 'recurring' AND t.due_quarter = ?)
    OR (t.kind = 'recurring'
        AND EXISTS (SELECT 1 FROM occurrences o WHERE o.task_id = t.id AND o.quarter = ?))
    OR (t.kind IN ('period', 'ongoing')
        AND (t.span_start IS NULL OR t.span_start <= ?)
        AND (t.span_end IS NULL OR t.span_end >= ?)
        AND (t.span_start IS NOT NULL OR t.span_end IS NOT NULL)))
{RAW_ORDER}"""
RAW_ROWS = """
SELECT t.id, t.ext_id, d.number, t.title, u.name, t.deadline_text, t.kind, t.recurrence,
       t.due, t.status, t.completed_on, t.result_ref, t.open_due, t.missing_from_source,
       t.hidden
FROM tasks t JOIN documents d ON d.id = t.document_id
LEFT JOIN units u ON u.id = t.lead_unit_id
WHERE t.id IN ({marks})"""
RAW_SUPPORT = """
SELECT s.task_id, u.name FROM task_support_units s JOIN units u ON u.id = s.unit_id
WHERE s.task_id IN ({marks}) ORDER BY s.task_id, s.position"""
RAW_OCCURRENCES_NOW = """
SELECT o.* FROM occurrences o JOIN tasks t ON t.id = o.task_id
WHERE o.task_id IN ({marks}) AND (o.due = t.open_due OR t.open_due IS NULL) ORDER BY o.due"""
RAW_OCCURRENCES_QUARTER = """
SELECT o.* FROM occurrences o WHERE o.task_id IN ({marks}) AND o.quarter = ? ORDER BY o.due"""


def raw_rows(
    connection: sqlite3.Connection, ids: Sequence[int], quarter: Quarter | None
) -> list[tuple[Any, ...]]:
    """The same three queries the service runs for a slice, in plain sqlite3."""
    by_id: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), 900):
        chunk = list(ids[start : start + 900])
        marks = ", ".join("?" for _ in chunk)
        supports: dict[int, list[str]] = {}
        for task_id, name in connection.execute(RAW_SUPPORT.format(marks=marks), chunk):
            supports.setdefault(task_id, []).append(name)
        if quarter is None:
            occurrence_rows = connection.execute(RAW_OCCURRENCES_NOW.format(marks=marks), chunk)
        else:
            occurrence_rows = connection.execute(
                RAW_OCCURRENCES_QUARTER.format(marks=marks), [*chunk, quarter.key]
            )
        occurrences: dict[int, list[tuple[Any, ...]]] = {}
        for occurrence in occurrence_rows:
            occurrences.setdefault(occurrence[1], []).append(occurrence)
        for row in connection.execute(RAW_ROWS.format(marks=marks), chunk):
            by_id[row[0]] = (*row, tuple(supports.get(row[0], ())), occurrences.get(row[0]))
    return [by_id[i] for i in ids if i in by_id]


@dataclass(frozen=True)
class QueryCase:
    name: str
    flt: TaskFilter
    raw_sql: str
    raw_params: tuple[Any, ...]
    taskwarrior_filter: tuple[str, ...]


def query_cases(db_path: Path) -> list[QueryCase]:
    """The overdue list, and the unit that leads most tasks in one quarter, as of TODAY."""
    connection = sqlite3.connect(db_path)
    try:
        unit_id, unit_name = connection.execute(
            "SELECT u.id, u.name FROM tasks t JOIN units u ON u.id = t.lead_unit_id "
            "GROUP BY u.id ORDER BY count(*) DESC, u.id LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    first, last = QUARTER.first_day, QUARTER.last_day
    return [
        QueryCase(
            "overdue list",
            TaskFilter(today=TODAY, view=View.OVERDUE),
            RAW_OVERDUE,
            (TODAY.isoformat(),),
            ("status:pending", f"due.before:{TODAY.isoformat()}"),
        ),
        QueryCase(
            "unit + quarter list",
            TaskFilter(today=TODAY, unit_id=unit_id, quarter=QUARTER),
            RAW_UNIT_QUARTER,
            (unit_id, QUARTER.key, QUARTER.key, last.isoformat(), first.isoformat()),
            (
                f"project:{project_name(unit_name)}",
                f"due.after:{first - timedelta(days=1)}",
                f"due.before:{last + timedelta(days=1)}",
            ),
        ),
    ]


def explain(db_path: Path, sql: str, params: Sequence[Any]) -> list[str]:
    connection = sqlite3.connect(db_path)
    try:
        return [row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    finally:
        connection.close()
