"""add, edit, delete, extend, units: the corrections from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run, tasks_file  # noqa: F401  (fixture)


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path, tasks_file: Path) -> str:  # noqa: F811
    path = str(tmp_path / "cli.sqlite3")
    code, _, err = run(capsys, "--db", path, "import", str(tasks_file))
    assert code == 0, err
    return path


def listed(capsys: pytest.CaptureFixture[str], db: str) -> dict[str, dict[str, object]]:
    code, out, err = run(capsys, "list", "--format", "json", "--db", db, "--today", "2021-07-01")
    assert code == 0, err
    return {o["id"]: o for o in json.loads(out)}


def test_list_json_gives_the_task_id_that_edit_takes(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    tasks = listed(capsys, db)
    assert [t["task_id"] for t in tasks.values()] == [1, 2, 3]
    # --db and --today before the subcommand work as well as after it.
    code, out, _ = run(capsys, "--db", db, "--today", "2021-07-01", "list", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 3


def test_add_edit_delete_undelete(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(
        capsys,
        "add",
        "--title",
        "Tổng kết Nghị quyết",
        "--unit",
        "Ban Tổ chức",
        "--support",
        "Văn phòng",
        "--deadline",
        "Quý III năm 2024",
        "--document",
        "10-CTr/ĐUK",
        "--db",
        db,
        "--today",
        "2021-07-01",
    )
    assert code == 0, err
    new_id = int(out.strip())
    added = next(t for t in listed(capsys, db).values() if t["task_id"] == new_id)
    assert added["lead_unit"] == "Ban Tổ chức" and added["due"] == "2024-09-30"
    assert added["support_units"] == ["Văn phòng"] and added["document"] == "10-CTr/ĐUK"

    code, out, err = run(
        capsys,
        "--db",
        db,
        "edit",
        "1",
        "--title",
        "Quán triệt (sửa)",
        "--deadline",
        "Quý IV năm 2021",
    )
    assert code == 0 and "Đã sửa nhiệm vụ 1" in out, err
    first = listed(capsys, db)["PL.1"]
    assert first["title"] == "Quán triệt (sửa)" and first["due"] == "2021-12-31"
    code, out, _ = run(capsys, "--db", db, "edit", "1", "--title", "Quán triệt (sửa)")
    assert code == 0 and "không có gì thay đổi" in out

    code, out, _ = run(capsys, "delete", "1", "--db", db)
    assert code == 0 and "undelete 1" in out
    assert "PL.1" not in listed(capsys, db)
    code, _, err = run(capsys, "edit", "1", "--title", "x", "--db", db)
    assert code == 1 and "đã bị xoá" in err and "Traceback" not in err
    code, _, _ = run(capsys, "undelete", "1", "--db", db)
    assert code == 0 and "PL.1" in listed(capsys, db)


def test_extend_moves_the_due_date(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(
        capsys, "extend", "1", "--to", "2021-09-30", "--reason", "Theo Công văn 12", "--db", db
    )
    assert code == 0 and "30/09/2021" in out, err
    assert listed(capsys, db)["PL.1"]["due"] == "2021-09-30"
    code, _, err = run(capsys, "extend", "2", "--to", "2021-09-30", "--reason", "x", "--db", db)
    assert code == 1 and "định kỳ" in err
    code, out, err = run(
        capsys,
        "extend",
        "2",
        "--to",
        "2022-01-15",
        "--reason",
        "x",
        "--period",
        "2021-12-31",
        "--db",
        db,
    )
    assert code == 0, err


def test_units_list_rename_merge_move_not_unit(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, _ = run(capsys, "units", "list", "--format", "json", "--db", db)
    units = {u["name"]: u for u in json.loads(out)}
    assert units["Ban Tuyên giáo"]["lead_tasks"] == 1
    code, out, err = run(capsys, "--db", db, "units", "rename", "Văn phòng", "Văn phòng Đảng ủy")
    assert code == 0 and "Văn phòng Đảng ủy" in out, err
    code, out, err = run(capsys, "units", "merge", "Ủy ban kiểm tra", "Ban Tuyên giáo", "--db", db)
    assert code == 0 and "Đã gộp" in out, err
    assert listed(capsys, db)["PL.3"]["lead_unit"] == "Ban Tuyên giáo"
    code, out, err = run(capsys, "units", "move", "3", "--to", "Văn phòng Đảng ủy", "--db", db)
    assert code == 0 and "1 nhiệm vụ" in out, err
    code, out, err = run(capsys, "units", "not-unit", "Ban Tuyên giáo", "--db", db)
    assert code == 0 and "không còn là đơn vị" in out, err
    assert listed(capsys, db)["PL.1"]["lead_unit"] is None
    code, out, _ = run(capsys, "units", "list", "--db", db)
    assert "Ban Tuyên giáo" not in out and "1 đơn vị" in out
    code, _, err = run(capsys, "units", "merge", "Không có", "Văn phòng", "--db", db)
    assert code == 1 and "Không có đơn vị “Không có”" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["edit", "abc"], "không phải số nhiệm vụ"),
        (["edit", "42", "--title", "x"], "Không tìm thấy nhiệm vụ số 42"),
        (["add", "--title", "  "], "không được để trống"),
        (["add", "--title", "x", "--document", "99-XX"], "Không tìm thấy văn bản"),
        (["extend", "1", "--to", "2021-02-30", "--reason", "x"], "không hợp lệ"),
        (["units", "frobnicate"], "lựa chọn không hợp lệ"),
    ],
)
def test_errors_are_vietnamese_and_exit_1(
    capsys: pytest.CaptureFixture[str], db: str, argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv, "--db", db)
    assert code == 1 and message in err and "Traceback" not in err
