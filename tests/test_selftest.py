"""``sonhiemvu --self-test`` in-process: what ``make package`` runs against the frozen bundle."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from desktop import selftest
from desktop.cli import main
from desktop.win_mutex import hold_app_mutex

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints")]

SESSION_STARTED = time.perf_counter()  # when pytest imported this module


def test_self_test_passes_and_leaves_its_files(tmp_path: Path, qapp: object) -> None:
    folder = tmp_path / "selftest"
    before = os.environ.get("SONHIEMVU_DATA_DIR")

    assert selftest.run_self_test(folder) == 0

    result = (folder / selftest.RESULT_NAME).read_text(encoding="utf-8")
    assert result.startswith("Tự kiểm tra: ĐẠT")
    assert result.count("  đạt  ") == len(selftest.STEPS)
    for name in ("self-test.sqlite3", "self-test.csv", "self-test.pdf", "self-test.docx"):
        assert (folder / name).stat().st_size > 0
    assert selftest.TASK_TITLE in (folder / "self-test.csv").read_bytes().decode("utf-8-sig")
    assert (folder / "logs" / "self-test.log").exists()
    # The data folder is the test's only while it runs.
    assert os.environ.get("SONHIEMVU_DATA_DIR") == before


def test_command_line_runs_it_and_a_rerun_starts_afresh(
    tmp_path: Path, qapp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "selftest"
    assert main(["--self-test", "--data-dir", str(folder)]) == 0
    assert main(["--self-test", "--data-dir", str(folder)]) == 0
    assert capsys.readouterr().out.count("Tự kiểm tra: ĐẠT") == 2


def test_windowed_app_without_console_streams(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A frozen windowed app on Windows has sys.stdout and sys.stderr set to None.
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--self-test", "--data-dir", str(tmp_path / "d")]) == 0
    assert "ĐẠT" in (tmp_path / "d" / selftest.RESULT_NAME).read_text(encoding="utf-8")


def test_a_missing_resource_fails_with_the_step_and_the_reason(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop.services.sample.sample_files", lambda: [])
    folder = tmp_path / "selftest"

    assert selftest.run_self_test(folder) == 1

    result = (folder / selftest.RESULT_NAME).read_text(encoding="utf-8")
    assert result.startswith("Tự kiểm tra: KHÔNG ĐẠT ở bước “nhập dữ liệu mẫu”")
    assert "resources/sample" in result


def test_a_missing_qt_plugin_fails_with_the_step_and_the_plugin(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a bundle that lost a plugin looks like: the self-test itself runs offscreen, so
    # only this step notices that the desktop's platform plugin is gone.
    required = {sys.platform: ("platforms/qoffscreen", "platforms/qnotbundled")}
    monkeypatch.setattr(selftest, "REQUIRED_QT_PLUGINS", required)

    assert selftest.run_self_test(tmp_path) == 1

    result = (tmp_path / selftest.RESULT_NAME).read_text(encoding="utf-8")
    assert result.startswith("Tự kiểm tra: KHÔNG ĐẠT ở bước “nạp các plugin Qt cần thiết”")
    assert "platforms/qnotbundled" in result


def test_an_unexpected_error_is_reported_not_raised(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_test: selftest.SelfTest) -> None:
        raise RuntimeError("hỏng")

    steps = (selftest.STEPS[0], ("bước hỏng", broken))
    monkeypatch.setattr(selftest, "STEPS", steps)
    assert selftest.run_self_test(tmp_path) == 1
    result = (tmp_path / selftest.RESULT_NAME).read_text(encoding="utf-8")
    assert "“bước hỏng” — RuntimeError: hỏng" in result


@pytest.mark.skipif(sys.platform == "win32", reason="the mutex is real on Windows")
def test_the_installer_mutex_is_windows_only() -> None:
    assert hold_app_mutex() is False


def test_the_result_says_where_the_process_time_went(tmp_path: Path, qapp: object) -> None:
    # make windows splits the app's process time with these: before the first line, the
    # self-test, after it (tools/windows/record_figures.py).
    assert selftest.run_self_test(tmp_path) == 0
    lines = (tmp_path / selftest.RESULT_NAME).read_text(encoding="utf-8").splitlines()
    facts = json.loads(lines[-1])
    assert 0 <= facts["qt_start_s"] <= facts["started_s"] <= facts["finished_s"]


def test_process_age_counts_from_the_process_start() -> None:
    age = selftest.process_age()
    assert age is not None  # Linux and Windows both say
    # This process has run at least as long as the test session so far.
    assert age >= time.perf_counter() - SESSION_STARTED - 0.05
