"""The command line: exact output shapes, Vietnamese errors, exit codes, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import task_json

TASKS = [
    {
        "id": "PL.1",
        "title": "Kế hoạch quán triệt Nghị quyết",
        "lead_unit": "Ban Tuyên giáo",
        "deadline_text": "Quý II năm 2021",
    },
    {
        "id": "PL.2",
        "title": "Báo cáo kết quả",
        "lead_unit": "Văn phòng",
        "deadline_text": "Quý IV hằng năm",
    },
    {"id": "PL.3", "title": "Kiểm tra", "lead_unit": "Ủy ban kiểm tra", "deadline_text": "x y z"},
]


@pytest.fixture
def tasks_file(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(task_json(TASKS), ensure_ascii=False), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_parse_deadline_prints_the_spec(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse-deadline", "Quý II năm 2021")
    assert code == 0
    assert json.loads(out) == {
        "kind": "dated",
        "due": "2021-06-30",
        "quarter": "2021-Q2",
        "recurrence": None,
        "start": None,
        "end": None,
    }
    code, out, _ = run(capsys, "parse-deadline", "trong Quý III", "--issued", "2021-04-07")
    assert json.loads(out)["due"] == "2021-09-30"


def test_import_then_list(capsys: pytest.CaptureFixture[str], tmp_path: Path, tasks_file: Path):
    db = str(tmp_path / "cli.sqlite3")
    code, out, err = run(capsys, "import", str(tasks_file), "--db", db)
    assert code == 0, err
    assert "Nhiệm vụ: 3 (mới 3" in out and "Thời hạn đọc được: 2/3" in out
    assert "cần xem lại: PL.3" in out
    code, out, _ = run(capsys, "list", "--db", db, "--today", "2021-07-01", "--format", "json")
    objects = json.loads(out)
    assert [o["id"] for o in objects] == ["PL.1", "PL.2", "PL.3"]
    first = objects[0]
    for key in ("id", "title", "lead_unit", "deadline_text", "kind", "due", "quarter", "status"):
        assert key in first
    assert first["category"] == "Đang thực hiện quá hạn" and first["quarter"] == "2021-Q2"
    code, out, _ = run(
        capsys, "list", "--db", db, "--today", "2021-07-01", "--overdue", "--format", "csv"
    )
    lines = out.strip().splitlines()
    assert lines[0].startswith("STT,Mã,Nhiệm vụ") and len(lines) == 2 and "PL.1" in lines[1]
    code, out, _ = run(
        capsys, "list", "--db", db, "--today", "2021-07-01", "--unit", "ban tuyen giao"
    )
    assert "Kế hoạch quán triệt" in out and "Báo cáo kết quả" not in out
    code, out, _ = run(capsys, "list", "--db", db, "--today", "2021-07-01", "--quarter", "2022-Q4")
    assert "Báo cáo kết quả" in out and "31/12/2022" in out and "1 nhiệm vụ" in out


def test_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path, tasks_file):
    db = str(tmp_path / "cli.sqlite3")
    code, out, _ = run(capsys, "import", str(tasks_file), "--db", db, "--dry-run")
    assert code == 0 and out.startswith("Kiểm tra (không ghi)")
    code, out, _ = run(capsys, "list", "--db", db, "--today", "2021-07-01", "--format", "json")
    assert json.loads(out) == []


def test_invalid_file_lists_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    bad = task_json([{"id": "1", "title": ""}, {"id": "2", "title": "x", "due": "31/02/2021"}])
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), "--db", str(tmp_path / "x.sqlite3"))
    assert code == 1 and out == ""
    assert "Nhiệm vụ thứ 1 (id “1”)" in err and "Nhiệm vụ thứ 2 (id “2”)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["list", "--quarter", "2021-Q5"], "Không hiểu quý “2021-Q5”"),
        (["list", "--today", "2021-02-31"], "không hợp lệ"),
        (["list", "--unit", "Ban không có"], "Không có đơn vị"),
        (["import", "/no/such/file.json"], "Không mở được tệp"),
        (["parse-deadline"], "thiếu tham số: phrase"),
        (["frobnicate"], "lựa chọn không hợp lệ"),
    ],
)
def test_bad_arguments_are_reported_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], expected: str
) -> None:
    code, _, err = run(capsys, *argv, "--db", str(tmp_path / "x.sqlite3"))
    assert code == 1
    assert expected in err and "Traceback" not in err


def test_a_database_from_a_newer_version_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import sqlite3

    db = tmp_path / "new.sqlite3"
    run(capsys, "list", "--db", str(db))
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    code, _, err = run(capsys, "list", "--db", str(db))
    assert code == 1 and "phiên bản Sổ nhiệm vụ mới hơn" in err


def test_unexpected_errors_are_logged_not_shown(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _isolated_data_dir: Path,
) -> None:
    import desktop.services.queries as queries

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("bug with details")

    monkeypatch.setattr(queries, "list_tasks", broken)
    code, _, err = run(capsys, "list", "--db", str(tmp_path / "x.sqlite3"))
    assert code == 1 and "Lỗi không mong đợi" in err and "bug with details" not in err
    log = (_isolated_data_dir / "logs" / "sonhiemvu.log").read_text(encoding="utf-8")
    assert "RuntimeError: bug with details" in log and "Traceback" in log


def test_global_options_mean_the_same_before_and_after_the_subcommand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tasks_file: Path
) -> None:
    import os

    default_folder = Path(os.environ["SONHIEMVU_DATA_DIR"])
    db = tmp_path / "truoc.sqlite3"
    code, _out, err = run(capsys, "--db", str(db), "import", str(tasks_file))
    assert code == 0, err
    assert db.exists()  # written where asked, not into the default database
    assert not any(default_folder.glob("*.sqlite3"))

    def overdue(*argv: str) -> list[str]:
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        return [t["id"] for t in json.loads(out)]

    listing = ("list", "--overdue", "--format", "json")
    before = overdue("--db", str(db), "--today", "2021-07-01", *listing)
    after = overdue(*listing, "--db", str(db), "--today", "2021-07-01")
    earlier = overdue(*listing, "--db", str(db), "--today", "2021-06-01")
    assert before == after == ["PL.1"]
    assert earlier == []


def test_no_display_is_said_and_screenshot_goes_offscreen(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.display import NO_DISPLAY, has_display, prepare_display

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    if not has_display({}, "linux"):
        monkeypatch.setattr("sys.platform", "linux")
    code, _out, err = run(capsys, "--db", "x.sqlite3")
    assert code == 1
    assert "Không có màn hình" in err and "xcb" not in err
    environ: dict[str, str] = {}
    assert prepare_display(environ, offscreen_ok=True, platform="linux") is None
    assert environ == {"QT_QPA_PLATFORM": "offscreen"}
    assert prepare_display({}, offscreen_ok=False, platform="linux") == NO_DISPLAY
    assert prepare_display({"DISPLAY": ":0"}, offscreen_ok=False, platform="linux") is None
    assert prepare_display({}, offscreen_ok=False, platform="win32") is None


def test_restore_onto_a_new_database_prints_no_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tasks_file: Path
) -> None:
    db = tmp_path / "cu.sqlite3"
    assert run(capsys, "--db", str(db), "import", str(tasks_file))[0] == 0
    copy = tmp_path / "sao-luu.sqlite3"
    assert run(capsys, "--db", str(db), "backup", "-o", str(copy))[0] == 0
    code, out, err = run(capsys, "restore", str(copy), "--db", str(tmp_path / "moi.sqlite3"))
    assert code == 0, err
    assert "None" not in out and out.startswith("Đã khôi phục")


def test_make_run_updates_the_package_lists_before_installing() -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    installs = [line for line in recipe.splitlines() if "apt-get install" in line]
    assert installs and all("apt-get update" in line for line in installs)
    for line in installs:
        assert line.index("apt-get update") < line.index("apt-get install")
