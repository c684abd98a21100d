"""Every migration runs on both backends: a schema a release shipped, with its rows,
upgrades to head and then matches the models; a database from a newer version is refused.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from db import Database, DatabaseTooNewError, open_database
from db.engine import resolve_url
from db.migrate import HEAD, alembic_config, current_revision
from db.models import Base
from db.transfer import copy_rows
from desktop.services.queries import TaskFilter, list_tasks
from tests.conftest import DATA

FIXTURES = sorted((DATA / "db").glob("schema-*.sqlite3"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_each_shipped_schema_with_rows_upgrades_to_head(
    fixture: Path, database_url: str, backend: str
) -> None:
    revision = fixture.stem.split("-")[1]
    database = Database(resolve_url(database_url))
    try:
        config = alembic_config(database)
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        # The release's rows, copied in as that release would have written them.
        source = create_engine(f"sqlite:///{fixture}")
        with source.connect() as read, database.engine.begin() as write:
            copy_rows(read, write)
        source.dispose()
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        assert current_revision(database) == HEAD
        with database.engine.connect() as connection:
            assert connection.dialect.name == backend
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        rows = list_tasks(database, TaskFilter(today=date(2021, 7, 1)))
        assert [(r.ext_id, r.status, r.result_ref) for r in rows] == [
            ("PL.1", "done", "Báo cáo số 191-BC/ĐUK")
        ]
    finally:
        database.dispose()


def test_a_new_database_is_created_at_head(database: Database) -> None:
    assert current_revision(database) == HEAD
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_database_from_a_newer_version_is_refused_untouched(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    url = database.url
    database.dispose()
    with pytest.raises(DatabaseTooNewError):
        open_database(url)
    again = Database(url)
    try:
        with again.engine.connect() as connection:
            stamp = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert stamp == "9999_future"
    finally:
        again.dispose()
