"""Another program's SQLite file given as the database (issue 14, item 11).

It must be recognised before anything writes to it — not switched to WAL, not stamped, not
moved aside — and called what it is: another program's file, not "a newer Sổ nhiệm vụ".
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from db import open_database
from db.identity import APPLICATION_ID, Owner, owner_of
from desktop.cli import main
from desktop.services.startup import StartupState, open_for_app
from tests.conftest import DATA
from tests.reliability.figures import measure, record_hostile


def browser_history(path: Path) -> Path:
    """A browser-like database: rollback journal, no application id, its own tables."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.invalid')")
    return path


def other_alembic_app(path: Path) -> Path:
    """A database of another Alembic-based program: a stamp this app has never heard of."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO users (name) VALUES ('Nguyễn Văn An')")
    return path


def lookalike_with_other_id(path: Path) -> Path:
    """Our table names, but the header names another application (Fossil's id)."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 0x0f055112")
        for table in ("tasks", "documents", "units"):
            connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('0004')")
    return path


CASES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "browser-history": ("another program's SQLite file (rollback journal)", browser_history),
    "other-alembic-app": ("another Alembic-based program's database", other_alembic_app),
    "other-application-id": (
        "our table names under another `application_id`",
        lookalike_with_other_id,
    ),
}


def _state(path: Path) -> tuple[bytes, list[str]]:
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


@pytest.mark.parametrize("key", sorted(CASES))
def test_another_programs_database_is_refused_untouched(
    key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, generator = CASES[key]
    folder = tmp_path / "their"
    folder.mkdir()
    path = generator(folder / "their.db")
    before = _state(path)
    with measure() as took:
        code = main(["list", "--db", str(path)])
        err = capsys.readouterr().err
        window = open_for_app(path)
    assert code == 1
    assert "chương trình khác" in err and "mới hơn" not in err and "Traceback" not in err
    assert window.state is StartupState.REFUSED and "chương trình khác" in window.message
    assert (
        main(["import", str(DATA / "seeds" / "001_7ebdd9951045f80d.txt"), "--db", str(path)]) == 1
    )
    capsys.readouterr()
    after = _state(path)
    assert after == before  # same bytes (still a rollback journal), no -wal, not moved aside
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    record_hostile(
        f"foreign-{key}",
        case=case + " as `--db` (list, import, the window)",
        test="test_another_programs_database_is_refused_untouched",
        outcome="refused as another program's file; byte-identical, never WAL",
        measured=took,
        data_lost=0 if after == before else 1,
    )


def test_our_databases_carry_the_application_id(db_path: Path, tmp_path: Path) -> None:
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    old = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "db" / "schema-0004.sqlite3", old)
    assert owner_of(old) is Owner.OURS  # recognised from before the id existed
    open_database(old).dispose()
    with sqlite3.connect(old) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_empty_sqlite_file_may_become_our_database(db_path: Path) -> None:
    sqlite3.connect(db_path).close()
    db_path.write_bytes(b"")
    assert owner_of(db_path) is Owner.EMPTY
    open_database(db_path).dispose()
    assert owner_of(db_path) is Owner.OURS
