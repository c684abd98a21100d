"""``restore`` given a hostile target or a forged backup (issue 14, items 4 and 5).

Restore writes only onto this app's own database (sound or damaged) or a new file, and a
backup replaces nothing until a copy of it has been migrated and checked column by column
and row by row. After every refusal the user's files are byte-identical and in place.
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from db import open_database
from db.revisions import HEAD
from desktop.cli import main
from desktop.services.safety import backup_now
from tests.reliability.figures import measure, record_hostile
from tests.services.test_quarter_report import seed_quarter


@pytest.fixture
def good_backup(tmp_path: Path) -> Iterator[Path]:
    """A real backup of a seeded database, made by the app."""
    source = tmp_path / "nguon" / "sonhiemvu.sqlite3"
    database = open_database(source)
    try:
        seed_quarter(database)
        made = backup_now(database, tmp_path / "sao-luu.sqlite3")
    finally:
        database.dispose()
    yield made


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


# --- item 4: where restore may write --------------------------------------------------


def documents_folder(root: Path) -> Path:
    """The user's Documents folder, with their files in it."""
    folder = root / "Documents"
    (folder / "Hop dong").mkdir(parents=True)
    (folder / "Hop dong" / "hopdong.docx").write_bytes(b"PK\x03\x04 a contract")
    (folder / "ghi-chu.txt").write_text("Họp chi bộ thứ Hai", encoding="utf-8")
    return folder


def word_file(root: Path) -> Path:
    path = root / "baocao.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Báo cáo</w:document>")
    return path


def other_apps_database(root: Path) -> Path:
    path = root / "ketoan.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
        connection.executemany("INSERT INTO invoices (total) VALUES (?)", [(i,) for i in range(50)])
    return path


TARGETS: dict[str, tuple[str, Callable[[Path], Path], str]] = {
    "folder": ("`restore --db ~/Documents` (a folder)", documents_folder, "là một thư mục"),
    "word-file": (
        "`restore --db baocao.docx` (not SQLite)",
        word_file,
        "không phải tệp cơ sở dữ liệu SQLite",
    ),
    "other-app-db": (
        "`restore --db ketoan.db` (another program's database)",
        other_apps_database,
        "chương trình khác",
    ),
}


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_restore_writes_only_onto_our_database_or_a_new_file(
    key: str, good_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, generator, expected = TARGETS[key]
    home = tmp_path / "home"
    home.mkdir()
    target = generator(home)
    before = _snapshot(home)
    with measure() as took:
        code = main(["restore", str(good_backup), "--db", str(target)])
    err = capsys.readouterr().err
    assert code == 1
    assert expected in err and "Traceback" not in err
    after = _snapshot(home)
    lost = sum(1 for name, data in before.items() if after.get(name) != data)
    assert lost == 0 and after == before  # nothing renamed aside, nothing created
    record_hostile(
        f"restore-target-{key}",
        case=case,
        test="test_restore_writes_only_onto_our_database_or_a_new_file",
        outcome="refused with a message; nothing renamed or written",
        measured=took,
        data_lost=lost,
    )


def test_restore_into_a_new_file_still_works(
    good_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "moi" / "sonhiemvu.sqlite3"
    target.parent.mkdir()
    assert main(["restore", str(good_backup), "--db", str(target)]) == 0
    assert main(["list", "--db", str(target), "--today", "2021-07-01"]) == 0
    assert "nhiệm vụ" in capsys.readouterr().out


# --- item 5: forged and broken backups ----------------------------------------------------


def forged_empty_tables(path: Path, revision: str = HEAD) -> Path:
    """Right table names and stamp, no real columns: looks like a backup from outside."""
    with sqlite3.connect(path) as connection:
        for table in ("tasks", "documents", "units"):
            connection.execute(f"CREATE TABLE {table} (x)")
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    return path


def forged_old_revision(path: Path) -> Path:
    """The same forgery claiming the first schema: it must fail its upgrade on a copy."""
    return forged_empty_tables(path, "0001")


def missing_one_column(path: Path, source: Path) -> Path:
    """A real backup with one column dropped from the tasks table."""
    path.write_bytes(source.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE tasks DROP COLUMN result_ref")
    return path


def unreadable_dates(path: Path, source: Path) -> Path:
    """A real backup whose due dates are not dates."""
    path.write_bytes(source.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE tasks SET due = 'ngày 31 tháng 2' WHERE due IS NOT NULL")
    return path


FORGED: dict[str, tuple[str, Callable[[Path, Path], Path]]] = {
    "empty-tables-head": (
        "forged backup: our table names and head stamp, no columns",
        lambda p, _s: forged_empty_tables(p),
    ),
    "empty-tables-0001": (
        "forged backup claiming schema 0001, no columns",
        lambda p, _s: forged_old_revision(p),
    ),
    "missing-column": ("backup with `tasks.result_ref` dropped", missing_one_column),
    "unreadable-dates": ("backup whose due dates are not dates", unreadable_dates),
}


@pytest.mark.parametrize("key", sorted(FORGED))
def test_a_forged_backup_replaces_nothing(
    key: str, good_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, generator = FORGED[key]
    live = tmp_path / "data" / "sonhiemvu.sqlite3"
    assert main(["restore", str(good_backup), "--db", str(live)]) == 0
    capsys.readouterr()
    assert main(["list", "--db", str(live), "--today", "2021-07-01"]) == 0
    listed = capsys.readouterr().out
    forged = generator(tmp_path / "gia.sqlite3", good_backup)
    before = live.read_bytes()
    with measure() as took:
        code = main(["restore", str(forged), "--db", str(live)])
    err = capsys.readouterr().err
    assert code == 1
    assert "không phải bản sao lưu hợp lệ" in err and "Traceback" not in err
    lost = 0 if live.read_bytes() == before else 1
    assert lost == 0
    assert main(["list", "--db", str(live), "--today", "2021-07-01"]) == 0
    assert capsys.readouterr().out == listed
    record_hostile(
        f"restore-forged-{key}",
        case=case,
        test="test_a_forged_backup_replaces_nothing",
        outcome="refused after checking a migrated copy; live database untouched",
        measured=took,
        data_lost=lost,
    )
