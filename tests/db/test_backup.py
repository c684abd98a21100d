"""Backups: the online API, verified copies, rotation, damaged files moved aside."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from db import Database, DatabaseDamagedError, DiskFullError
from db.backup import (
    automatic_backup,
    backed_up_on_exit,
    backup_dir,
    backup_to,
    daily_backup,
    integrity_ok,
    list_backups,
    move_aside,
    newest_good_backup,
    readonly_uri,
    restore_from,
    rotate,
)
from tests.conftest import import_payload, task_json

# SQLite's online backup API and its files only (not a server database).
pytestmark = pytest.mark.sqlite_only

TASKS = [{"id": "1", "title": "Nhiệm vụ một", "deadline_text": "Quý II năm 2021"}]


def _count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM tasks").fetchone()[0])


def test_backup_of_an_open_wal_database_holds_the_committed_rows(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    import_payload(database, task_json(TASKS))
    # The engine stays open: committed pages may still be in the -wal file only.
    target = backup_to(db_path, tmp_path / "usb" / "copy.sqlite3")
    assert integrity_ok(target)
    assert _count(target) == 1
    assert not list(target.parent.glob("*.part"))


def test_a_backup_into_a_folder_with_uri_characters(database: Database, db_path: Path) -> None:
    import_payload(database, task_json(TASKS))
    target = backup_to(db_path, db_path.parent / "Sao lưu #1 ?%" / "copy.sqlite3")
    assert _count(target) == 1
    assert "%23" in readonly_uri(target)


def test_backup_to_a_full_disk_leaves_no_partial_file(
    database: Database, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_payload(database, task_json(TASKS))
    real_connect = sqlite3.connect

    def tiny_destination(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(target, *args, **kwargs)  # type: ignore[call-overload]
        if str(target).endswith(".part"):
            connection.execute("PRAGMA max_page_count=2")
        return connection

    monkeypatch.setattr("db.backup.sqlite3.connect", tiny_destination)
    with pytest.raises(DiskFullError, match="Ổ đĩa đã đầy"):
        backup_to(db_path, tmp_path / "usb" / "copy.sqlite3")
    assert list((tmp_path / "usb").iterdir()) == []
    assert _count(db_path) == 1


def test_rotation_keeps_the_last_ten_and_one_per_month(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    months = [(m, d) for m in (1, 2) for d in (1, 9)]
    names = [f"sonhiemvu-2024{m:02d}{d:02d}-120000-000000-x.sqlite3" for m, d in months]
    names += [f"sonhiemvu-202403{d:02d}-120000-000000-x.sqlite3" for d in range(1, 13)]
    for name in names:
        (folder / name).write_bytes(b"")
    rotate(folder)
    kept = sorted(p.name for p in folder.iterdir())
    march = [n for n in kept if "202403" in n]
    assert len(march) == 10 and "sonhiemvu-20240312-120000-000000-x.sqlite3" in march
    assert "sonhiemvu-20240209-120000-000000-x.sqlite3" in kept  # newest of February
    assert "sonhiemvu-20240201-120000-000000-x.sqlite3" not in kept
    assert "sonhiemvu-20240109-120000-000000-x.sqlite3" in kept
    assert len(kept) == 12


def test_manual_and_automatic_backups_sort_by_time(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for name in (
        "sonhiemvu-20240101-100000.sqlite3",
        "other-20240101-110000-000000-truoc-khi-nhap.sqlite3",
        "sonhiemvu-20231231-235959-000000-khi-thoat.sqlite3",
    ):
        (folder / name).write_bytes(b"")
    (folder / "x.sqlite3.part").write_bytes(b"")
    assert [p.name[:14] for p in list_backups(folder)] == [
        "other-20240101",
        "sonhiemvu-2024",
        "sonhiemvu-2023",
    ]


def test_automatic_backup_checks_and_rotates(database: Database, db_path: Path) -> None:
    import_payload(database, task_json(TASKS))
    made = [
        automatic_backup(db_path, "truoc-khi-nhap", now=datetime(2024, 5, 1, 8, 0, s))
        for s in range(12)
    ]
    assert all(p is not None for p in made)
    left = list_backups(backup_dir(db_path))
    assert len(left) <= 11  # ten newest + the newest of May is one of them + the import's own
    assert all(integrity_ok(p) for p in left)


def test_exit_backup_at_most_once_a_day(database: Database, db_path: Path) -> None:
    import_payload(database, task_json(TASKS))
    first = daily_backup(db_path, datetime(2024, 5, 1, 17, 0))
    assert first is not None and first.stem.endswith("khi-thoat")
    assert daily_backup(db_path, datetime(2024, 5, 1, 18, 0)) is None
    assert backed_up_on_exit(backup_dir(db_path), date(2024, 5, 1))
    assert daily_backup(db_path, datetime(2024, 5, 2, 8, 0)) is not None


def test_newest_good_backup_skips_damaged_copies(database: Database, db_path: Path) -> None:
    import_payload(database, task_json(TASKS))
    good = automatic_backup(db_path, "a", now=datetime(2098, 5, 1, 8, 0))
    bad = backup_dir(db_path) / "sonhiemvu-20990502-080000-000000-b.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4096)
    assert newest_good_backup(backup_dir(db_path)) == good


def test_restore_refuses_a_damaged_backup_and_keeps_the_data(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    import_payload(database, task_json(TASKS))
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseDamagedError):
        restore_from(bad, db_path)
    assert _count(db_path) == 1


def test_move_aside_keeps_the_file_and_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "sonhiemvu.sqlite3"
    path.write_bytes(b"damaged")
    Path(str(path) + "-wal").write_bytes(b"wal")
    aside = move_aside(path, datetime(2024, 5, 1, 9, 30, 0))
    assert aside.name == "sonhiemvu.sqlite3.damaged-20240501-093000"
    assert aside.read_bytes() == b"damaged"
    assert Path(str(aside) + "-wal").read_bytes() == b"wal"
    assert not path.exists()
    path.write_bytes(b"again")
    second = move_aside(path, datetime(2024, 5, 1, 9, 30, 0))
    assert second != aside and second.read_bytes() == b"again"


def test_a_backup_is_one_self_contained_file(tmp_path: Path) -> None:
    from db import open_database
    from db.backup import backup_to

    database = open_database(tmp_path / "live.sqlite3")
    database.dispose()
    target = backup_to(tmp_path / "live.sqlite3", tmp_path / "out" / "copy.sqlite3")
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.sqlite3"]
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
