"""Hostile and careless paths given to the command line (issue 14).

Each case builds its hostile file or path with a generator here, runs the real command,
and checks that nothing the user had was changed and that a Vietnamese message said why.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from db import open_database
from desktop.cli import main
from tests.conftest import SEEDS
from tests.reliability.figures import measure, record_hostile
from tests.services.test_quarter_report import seed_quarter

READ_COMMANDS = {
    "list": [],
    "export-csv": ["--quarter", "2021-Q2", "-o", "out.csv"],
    "report": ["--quarter", "2021-Q2", "-o", "out.pdf"],
}


def missing_parent_db(root: Path) -> Path:
    """A ``--db`` path whose folders do not exist (a typo in a folder name)."""
    return root / "Tai lieu" / "khong co" / "sonhiemvu.sqlite3"


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize("command", sorted(READ_COMMANDS))
def test_a_read_command_with_a_missing_folder_creates_nothing(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    db = missing_parent_db(work)
    extra = [str(work / a) if a.startswith("out.") else a for a in READ_COMMANDS[command]]
    before = _tree(work)
    with measure() as took:
        code = main([command, "--db", str(db), *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert "Không có thư mục" in err and "Traceback" not in err
    created = sorted(set(_tree(work)) - set(before))
    assert created == []
    record_hostile(
        f"read-missing-folder-{command}",
        case=f"`{command} --db` in a folder that does not exist",
        test="test_a_read_command_with_a_missing_folder_creates_nothing",
        outcome="refused with a message, nothing created",
        measured=took,
        data_lost=len(created),
    )


@pytest.fixture
def seeded_db(db_path: Path) -> Iterator[Path]:
    database = open_database(db_path)
    try:
        seed_quarter(database)
    finally:
        database.dispose()
    yield db_path


def word_document(path: Path) -> Path:
    """A user's Word file (a .docx is a ZIP with a document part)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Hợp đồng</w:document>")
    return path


def pdf_file(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n% a user's signed scan\n%%EOF\n")
    return path


def _file_state(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def _db_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT ext_id, title, status FROM tasks ORDER BY id").fetchall()


OVER_THE_DATABASE = {
    "export-csv": ["export-csv", "--quarter", "2021-Q2", "-o", "{db}"],
    "export-xlsx": ["export-csv", "--quarter", "2021-Q2", "--format", "xlsx", "-o", "{db}"],
    "report": ["report", "--quarter", "2021-Q2", "-o", "{db}"],
    "extract": ["extract", str(SEEDS / "001_7ebdd9951045f80d.txt"), "-o", "{db}"],
    "backup": ["backup", "-o", "{db}"],
}


@pytest.mark.parametrize("name", sorted(OVER_THE_DATABASE))
@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_no_command_writes_over_the_database_in_use(
    name: str, force: bool, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.replace("{db}", str(seeded_db)) for a in OVER_THE_DATABASE[name]]
    rows = _db_rows(seeded_db)
    with measure() as took:
        code = main([*argv, "--db", str(seeded_db), *(["--force"] if force else [])])
    err = capsys.readouterr().err
    assert code == 1
    assert "cơ sở dữ liệu đang dùng" in err and "Traceback" not in err
    assert _db_rows(seeded_db) == rows
    assert open_database(seeded_db, migrate=False).dispose() is None
    record_hostile(
        f"over-database-{name}-{'force' if force else 'plain'}",
        case=f"`{name} -o` the live database{' with --force' if force else ''}",
        test="test_no_command_writes_over_the_database_in_use",
        outcome="refused with a message",
        measured=took,
        data_lost=len(set(rows) ^ set(_db_rows(seeded_db))),
    )


OVER_ANOTHER_KIND = {
    "backup-over-docx": (["backup", "-o", "{out}"], "hopdong.docx", word_document),
    "csv-over-pdf": (["export-csv", "--quarter", "2021-Q2", "-o", "{out}"], "scan.pdf", pdf_file),
    "report-over-docx": (
        ["report", "--quarter", "2021-Q2", "-o", "{out}"],
        "bc.docx",
        word_document,
    ),
    "extract-over-docx": (
        ["extract", str(SEEDS / "001_7ebdd9951045f80d.txt"), "-o", "{out}"],
        "vanban.docx",
        word_document,
    ),
}


@pytest.mark.parametrize("name", sorted(OVER_ANOTHER_KIND))
def test_a_file_of_another_kind_is_replaced_only_with_force(
    name: str, seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, filename, generator = OVER_ANOTHER_KIND[name]
    target = generator(tmp_path / filename)
    original = target.read_bytes()
    command = [a.replace("{out}", str(target)) for a in argv] + ["--db", str(seeded_db)]
    with measure() as took:
        code = main(command)
    err = capsys.readouterr().err
    assert code == 1
    assert "không ghi đè" in err and "--force" in err and "Traceback" not in err
    lost = 0 if _file_state(target) == original else len(original)
    assert lost == 0
    record_hostile(
        f"other-kind-{name}",
        case=f"`{argv[0]} -o {filename}` (an existing file of another kind)",
        test="test_a_file_of_another_kind_is_replaced_only_with_force",
        outcome="refused with a message; replaced only with --force",
        measured=took,
        data_lost=lost,
    )
    assert main([*command, "--force"]) == 0
    assert target.read_bytes() != original


def test_a_file_of_the_same_kind_is_replaced_as_before(
    seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "quy2.csv"
    target.write_text("STT;cũ\n", encoding="utf-8")
    assert (
        main(["export-csv", "--quarter", "2021-Q2", "-o", str(target), "--db", str(seeded_db)]) == 0
    )
    assert target.read_bytes().startswith(b"\xef\xbb\xbfSTT")
    first = tmp_path / "a.sqlite3"
    assert main(["backup", "-o", str(first), "--db", str(seeded_db)]) == 0
    assert main(["backup", "-o", str(first), "--db", str(seeded_db)]) == 0


def test_a_backup_never_replaces_another_apps_database(
    seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "ketoan.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    original = other.read_bytes()
    assert main(["backup", "-o", str(other), "--db", str(seeded_db)]) == 1
    assert "chương trình khác" in capsys.readouterr().err
    assert other.read_bytes() == original


def dead_pid() -> int:
    """The pid of a process that has finished (what a killed backup's writer becomes)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def killed_backup_parts(folder: Path, count: int = 3, size: int = 256 * 1024) -> list[Path]:
    """What backups killed half-way leave: ``.part`` files of writers that are gone.

    One in the old naming (no pid), the rest named after a finished process.
    """
    folder.mkdir(parents=True, exist_ok=True)
    parts = [folder / "sonhiemvu-20261130-101500-000001-truoc-khi-nhap.sqlite3.part"]
    parts += [
        folder / f"sonhiemvu-20261130-1016{i:02d}-000001-truoc-khi-nhap.sqlite3.{dead_pid()}.part"
        for i in range(count - 1)
    ]
    for part in parts:
        part.write_bytes(b"SQLite format 3\x00" + bytes(size))
    return parts


def test_unfinished_backups_are_cleaned_at_start_and_in_rotation(
    seeded_db: Path, tmp_path: Path
) -> None:
    from db.backup import automatic_backup, backup_dir
    from desktop.services.startup import open_for_app

    folder = backup_dir(seeded_db)
    stale = killed_backup_parts(folder)
    # Another backup still being written by a running process is left alone.
    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = folder / f"sonhiemvu-20261130-102000.sqlite3.{writer.pid}.part"
        running.write_bytes(b"in progress")
        rows = _db_rows(seeded_db)
        with measure() as took:
            made = automatic_backup(seeded_db, "truoc-khi-nhap")
        assert made is not None and made.is_file()
        assert not any(p.exists() for p in stale)
        assert running.exists()
        lost = len(set(rows) ^ set(_db_rows(seeded_db)))
        assert lost == 0
    finally:
        writer.kill()
        writer.wait()
    record_hostile(
        "killed-backup-parts",
        case="3 `.part` files of backups killed half-way (one without a pid)",
        test="test_unfinished_backups_are_cleaned_at_start_and_in_rotation",
        outcome="removed by the next backup's rotation; a running writer's kept",
        measured=took,
        data_lost=lost,
    )
    # At start: the window's opening removes what a killed backup left since.
    again = killed_backup_parts(folder, count=2)
    result = open_for_app(seeded_db)
    assert result.database is not None
    result.database.dispose()
    assert not any(p.exists() for p in again)
    assert not running.exists()  # its writer has gone since
