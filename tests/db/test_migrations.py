"""Every schema a release shipped upgrades to head and then matches the models."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from db import DatabaseTooNewError, StorageError, open_database
from db.backup import list_backups
from db.migrate import current_revision, head_revision
from db.models import Base
from desktop.services.queries import TaskFilter, list_tasks
from tests.conftest import DATA

FIXTURES = sorted((DATA / "db").glob("schema-*.sqlite3"))


def test_a_new_database_is_created_and_stamped_at_head(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        assert current_revision(database) == head_revision(database)
        with database.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        assert database.engine.dialect.name == "sqlite"
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        database.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_old_schema_upgrades_to_head_keeping_data(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(fixture, path)
    database = open_database(path)
    try:
        assert current_revision(database) == head_revision(database)
        with database.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        rows = list_tasks(database, TaskFilter(today=date(2021, 7, 1)))
        assert [(r.ext_id, r.status, r.result_ref) for r in rows] == [
            ("PL.1", "done", "Báo cáo số 191-BC/ĐUK")
        ]
    finally:
        database.dispose()
    backups = list_backups(tmp_path / "backups")
    assert len(backups) == 1 and "truoc-nang-cap" in backups[0].name
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            fixture.stem.split("-")[1],
        )


def test_a_failed_upgrade_restores_the_database(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES[0], path)
    # A table the next migration wants to create already exists: the upgrade fails midway.
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE settings (key TEXT)")
    original = path.read_bytes()
    with pytest.raises(StorageError, match="Nâng cấp cơ sở dữ liệu thất bại"):
        open_database(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert connection.execute("SELECT title FROM tasks").fetchone() == (
            "Kế hoạch quán triệt Nghị quyết",
        )
    assert len(original) > 0


def test_a_database_from_a_newer_version_is_refused_unchanged(db_path: Path) -> None:
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="phiên bản Sổ nhiệm vụ mới hơn"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StorageError, match="không phải cơ sở dữ liệu của Sổ nhiệm vụ"):
        open_database(db_path)


def test_the_head_constant_names_the_newest_script(db_path: Path) -> None:
    from db.revisions import HEAD

    database = open_database(db_path)
    try:
        assert head_revision(database) == HEAD
    finally:
        database.dispose()


def test_a_database_at_head_opens_without_importing_alembic(db_path: Path) -> None:
    import subprocess
    import sys

    open_database(db_path).dispose()
    probe = (
        "import sys; from db import open_database; "
        f"open_database({str(db_path)!r}).dispose(); "
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_twin_documents_of_an_old_database_are_kept_when_the_number_becomes_unique(
    tmp_path: Path,
) -> None:
    """Before 0005 a racing import could write one document twice; the upgrade keeps both."""
    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "db" / "schema-0004.sqlite3", path)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO documents (number, number_key, title, content_hash, imported_at) "
            "SELECT number, number_key, title, content_hash, imported_at FROM documents"
        )
        twin = connection.execute("SELECT MAX(id) FROM documents").fetchone()[0]
        connection.execute(
            "INSERT INTO tasks (document_id, ext_id, position, title, kind, status, hidden, "
            "missing_from_source, search_key, title_sort, created_at, updated_at) "
            "SELECT ?, ext_id, position, title, kind, status, hidden, missing_from_source, "
            "search_key, title_sort, created_at, updated_at FROM tasks",
            (twin,),
        )
        before = connection.execute("SELECT * FROM tasks ORDER BY id").fetchall()
    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            keys = connection.exec_driver_sql(
                "SELECT id, number, number_key FROM documents ORDER BY id"
            ).fetchall()
            after = connection.exec_driver_sql("SELECT * FROM tasks ORDER BY id").fetchall()
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        database.dispose()
    assert diff == []
    assert [tuple(k) for k in keys] == [
        (1, "10-CTr/ĐUK", "10-ctr/duk"),
        (twin, "10-CTr/ĐUK", f"10-ctr/duk #{twin}"),
    ]
    # Later migrations add columns at the end; the columns that were there are unchanged.
    assert [tuple(r)[: len(b)] for r, b in zip(after, before, strict=True)] == before
