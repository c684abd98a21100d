"""Hostile and careless paths given to the command line (issue 14).

Each case builds its hostile file or path with a generator here, runs the real command,
and checks that nothing the user had was changed and that a Vietnamese message said why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from tests.reliability.figures import measure, record_hostile

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
