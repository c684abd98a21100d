"""Read-only file or folder, a full disk: a clear message and nothing lost.

How each is produced (tests run as root, which ignores permission bits, and without mount
rights, so there is no tiny filesystem to fill):
- read-only file / folder: ``chattr +i`` (immutable, which binds root too) when the
  filesystem allows it; and always, a connection opened with SQLite's ``mode=ro``, which is
  what SQLite itself falls back to when the OS refuses write access;
- full disk: ``PRAGMA max_page_count`` on every connection, so SQLite reports
  "database or disk is full" exactly as it does when the disk is full.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from db import Database, DiskFullError, StorageError, open_database
from db.backup import readonly_uri
from desktop.services.importer import import_path
from desktop.services.tasks import Progress, record_progress
from tests.conftest import import_payload, task_json
from tests.reliability.figures import record

ONE = [{"id": "1", "title": "Nhiệm vụ một", "deadline_text": "Quý II năm 2021"}]
MANY = [{"id": f"M{i}", "title": f"Nhiệm vụ {i} " + "chữ " * 50} for i in range(2000)]
tried: dict[str, str] = {}


def _rows(path: Path) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        return connection.execute("SELECT ext_id, title, status FROM tasks ORDER BY id").fetchall()
    finally:
        connection.close()


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available on this filesystem")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _source(tmp_path: Path, tasks: list[dict[str, Any]]) -> Path:
    source = tmp_path / "tasks.json"
    source.write_text(
        json.dumps(task_json(tasks, number="99-KH/ĐUK"), ensure_ascii=False), encoding="utf-8"
    )
    return source


def _expect_refusal(name: str, action: Any) -> None:
    with pytest.raises(StorageError) as error:
        action()
    message = str(error.value)
    assert message and "Traceback" not in message
    tried[name] = message


def test_read_only_database_file(tmp_path: Path, db_path: Path) -> None:
    database = open_database(db_path)
    import_payload(database, task_json(ONE))
    database.dispose()
    before = _rows(db_path)
    source = _source(tmp_path, MANY)
    with immutable(db_path):
        database = open_database(db_path)
        try:
            _expect_refusal("read-only file (chattr +i)", lambda: import_path(database, source))
        finally:
            database.dispose()
    assert _rows(db_path) == before
    record("disk_read_only_file", **{"messages": tried})


def test_read_only_data_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "sonhiemvu.sqlite3"
    database = open_database(path)
    import_payload(database, task_json(ONE))
    database.dispose()
    before = _rows(path)
    source = _source(tmp_path, MANY)
    (folder / "backups").mkdir(exist_ok=True)
    with immutable(folder), immutable(folder / "backups"):

        def attempt() -> None:
            opened = open_database(path)
            try:
                import_path(opened, source)
            finally:
                opened.dispose()

        # Nothing can be created in the folder: no backup, hence no import.
        _expect_refusal("read-only folder (chattr +i)", attempt)
    assert _rows(path) == before


def test_read_only_connection_simulated(tmp_path: Path, db_path: Path) -> None:
    database = open_database(db_path)
    import_payload(database, task_json(ONE))
    database.dispose()
    before = _rows(db_path)
    readonly = Database(f"sqlite:///{db_path}")

    @event.listens_for(readonly.engine, "do_connect")
    def _open_read_only(_dialect: Any, _record: Any, _args: Any, kwargs: Any) -> Any:
        return sqlite3.connect(readonly_uri(db_path), uri=True, **kwargs)

    source = _source(tmp_path, MANY)
    try:
        _expect_refusal("read-only (SQLite mode=ro)", lambda: import_path(readonly, source))
        _expect_refusal(
            "read-only edit (SQLite mode=ro)",
            lambda: record_progress(readonly, 1, Progress(status="done", notes="x")),
        )
    finally:
        readonly.dispose()
    assert _rows(db_path) == before


def test_full_disk_during_import_and_edit(tmp_path: Path, db_path: Path) -> None:
    database = open_database(db_path)
    import_payload(database, task_json(ONE))
    database.dispose()
    before = _rows(db_path)
    pages = sqlite3.connect(db_path).execute("PRAGMA page_count").fetchone()[0]
    full = Database(f"sqlite:///{db_path}")

    @event.listens_for(full.engine, "connect")
    def _tiny_disk(connection: Any, _record: Any) -> None:
        connection.execute(f"PRAGMA max_page_count={pages + 2}")

    source = _source(tmp_path, MANY)
    try:
        _expect_refusal("full disk during import", lambda: import_path(full, source))
        with pytest.raises(DiskFullError, match="Ổ đĩa đã đầy"):
            import_path(full, source)
        _expect_refusal(
            "full disk during edit",
            lambda: record_progress(full, 1, Progress(status="doing", notes="chữ " * 50_000)),
        )
    finally:
        full.dispose()
    assert _rows(db_path) == before
    reopened = open_database(db_path)  # still sound and usable once there is room again
    try:
        import_path(reopened, source)
    finally:
        reopened.dispose()
    assert len(_rows(db_path)) == 1 + len(MANY)
    record("disk_trouble", cases=len(tried), messages=tried, lost=0)
