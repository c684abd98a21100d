"""Shared fixtures. Qt's offscreen platform is chosen before anything imports Qt."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from db import Database, open_database
from desktop.services.importer import ImportResult, apply_import, plan_import
from desktop.services.task_json import parse_task_json
from tests import pg_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).resolve().parent / "data"
# Copies of shared/seeds: the five real documents that are the ground truth of input.
SEEDS = DATA / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Logs, backups and the default database go to the test's folder, never the user's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("SONHIEMVU_DATA_DIR", str(folder))
    monkeypatch.delenv("SONHIEMVU_DB", raising=False)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sonhiemvu.sqlite3"


# Test folders whose storage tests run on both backends (the issue's "db, services and
# import tests"). A test there that checks something only a SQLite file has is marked
# ``sqlite_only``.
BOTH_BACKENDS = ("db", "services", "reliability")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: checks something only a SQLite file has (not run on PG)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that opens a ``database`` once per backend, in the folders above."""
    if "backend" not in metafunc.fixturenames:
        return
    tests = Path(__file__).resolve().parent
    folder = metafunc.definition.path.relative_to(tests).parts[0]
    backends = ["sqlite"]
    if (
        folder in BOTH_BACKENDS
        and pg_server.wanted()
        and metafunc.definition.get_closest_marker("sqlite_only") is None
    ):
        backends.append("postgresql")
    metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str | None]:
    """The PostgreSQL server of this run: ``SONHIEMVU_TEST_PG_URL`` or a throw-away cluster.

    None when PostgreSQL is off (``SONHIEMVU_TEST_PG=0``) or not installed. A cluster that
    is installed but fails to start is an error, not a skip: CI must not pass quietly on
    SQLite alone.
    """
    with pg_server.admin_url() as url:
        yield url


@pytest.fixture
def shared_url(pg_admin_url: str | None) -> Iterator[str]:
    """A new, empty database on this run's PostgreSQL server (skipped when there is none)."""
    if pg_admin_url is None:
        pytest.skip("PostgreSQL is off or not installed")
    url = pg_server.create_database(pg_admin_url)
    yield url
    pg_server.drop_database(pg_admin_url, url)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgresql" (parametrised in pytest_generate_tests)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def new_database_url(
    backend: str, db_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], str]]:
    """Makes URLs of fresh, empty databases of the test's backend (the first: db_path)."""
    made: list[str] = []
    admin: str | None = None
    if backend == "postgresql":
        admin = request.getfixturevalue("pg_admin_url")
        if admin is None:
            pytest.skip("PostgreSQL is not installed (initdb/pg_ctl not found)")

    def make() -> str:
        if admin is None:
            path = db_path if not made else db_path.with_name(f"db{len(made)}.sqlite3")
            made.append(f"sqlite:///{path}")
        else:
            made.append(pg_server.create_database(admin))
        return made[-1]

    yield make
    if admin is not None:
        for url in made:
            pg_server.drop_database(admin, url)


@pytest.fixture
def database_url(new_database_url: Callable[[], str]) -> str:
    """The URL of a fresh, empty database of the test's backend."""
    return new_database_url()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A fresh database migrated to head, as the app opens it (SQLite, and PostgreSQL too)."""
    opened = open_database(database_url)
    yield opened
    opened.dispose()


def task_json(tasks: list[dict[str, Any]], **document: Any) -> dict[str, Any]:
    """A task JSON payload as the extractor writes it."""
    doc = {
        "number": "10-CTr/ĐUK",
        "title": "Chương trình hành động thực hiện Nghị quyết 58-NQ/TW giai đoạn 2021 - 2025",
        "issued": "2021-04-07",
        "issuer": "Ban Chấp hành Đảng bộ Khối",
        "source_file": "001_7ebdd9951045f80d.txt",
    }
    doc.update(document)
    # A copy: a test that edits the payload must not edit a module's TASKS, which the
    # same test on the other backend reads next.
    return {"format": "nhiemvu", "version": 1, "document": doc, "tasks": copy.deepcopy(tasks)}


def count_rows(database: Database, table: str) -> int:
    """Rows in *table*, read through the database's own engine (SQLite or PostgreSQL)."""
    from sqlalchemy import text

    with database.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def import_payload(database: Database, payload: dict[str, Any]) -> ImportResult:
    """Seed through the services, the way a user's import does."""
    task_file = parse_task_json(json.dumps(payload, ensure_ascii=False))
    return apply_import(database, plan_import(database, task_file))


@pytest.fixture(scope="session")
def qapp(qapp: Any) -> Any:
    """pytest-qt's application, with the app's rule that cycles are collected on its thread.

    Without it a test's worker thread could free a Qt object (desktop/ui/gui_gc.py), as a
    full run once did (segmentation fault while "Garbage-collecting" in the writer thread).
    """
    from desktop.ui.gui_gc import collect_on_gui_thread  # Qt only for the tests that ask

    collect_on_gui_thread(qapp)
    return qapp
