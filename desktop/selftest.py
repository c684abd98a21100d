"""``sonhiemvu --self-test [--data-dir D]``: prove that a build holds everything it needs.

Run by ``make package`` against the fresh PyInstaller bundle, by the Windows workflow
against the installed app, and by ``tests/test_selftest.py`` in-process. Each step uses
the same code the user's clicks do, so a module, a data file or a Qt plugin left out of
the bundle fails a named step instead of failing on the secretary's desk:

1. a new database in *D*, created and stamped at the head revision; and a second one
   built by running every Alembic script from the first (what an upgrade runs);
2. the bundled sample (``resources/sample``) imported;
3. a task titled "Nguyễn Thị Ánh — Quý II/2021" written, its progress recorded and the
   whole read back unchanged (diacritics survive SQLite and the file system);
4. the quarter exported to CSV (read back) and Excel, and printed to PDF (bundled fonts);
5. a Word document read by the extractor, and the PDF read back (python-docx, pypdf);
6. the Qt plugins the desktop needs (REQUIRED_QT_PLUGINS: on Windows the platform and style
   plugins) found and loaded, since the rest of the test runs offscreen;
7. the main window opened, shown and closed (offscreen platform).

Exit 0 when every step passed, otherwise 1 with the failing step and the reason. The result
goes to ``D/self-test.txt`` and the log (a frozen windowed app has no console), and to
stdout when there is one.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import sys
import tempfile
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db import Database

log = logging.getLogger(__name__)

TASK_TITLE = "Nguyễn Thị Ánh — Quý II/2021"
TASK_UNIT = "Văn phòng Đảng ủy"
TODAY = date(2021, 7, 15)  # fixed, so the quarter report holds Quý II/2021 and is repeatable
QUARTER_ISO = "2021-Q2"
DATABASE_NAME = "self-test.sqlite3"
REPLAY_DATABASE_NAME = "self-test-migrations.sqlite3"
RESULT_NAME = "self-test.txt"


class StepFailedError(Exception):
    """A check inside a step did not hold; ``str()`` says which."""


@dataclass
class SelfTest:
    folder: Path
    passed: list[tuple[str, float]] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            raise StepFailedError(message)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


@contextmanager
def _data_folder(folder: Path) -> Iterator[None]:
    """Point the app's data folder (backups, logs) at *folder* for the test's duration."""
    previous = os.environ.get("SONHIEMVU_DATA_DIR")
    os.environ["SONHIEMVU_DATA_DIR"] = str(folder)
    (folder / "logs").mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / "logs" / "self-test.log", maxBytes=1_000_000, backupCount=1, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(min(previous_level or logging.INFO, logging.INFO))
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)
        handler.close()
        if previous is None:
            os.environ.pop("SONHIEMVU_DATA_DIR", None)
        else:
            os.environ["SONHIEMVU_DATA_DIR"] = previous


def _step_database(test: SelfTest) -> None:
    from db import open_database
    from db.migrate import current_revision, head_revision

    path = test.folder / DATABASE_NAME
    _remove_database(path)
    database = open_database(path)
    try:
        head = head_revision(database)
        current = current_revision(database)
        test.check(current == head, f"phiên bản CSDL {current!r} khác bản mới nhất {head!r}")
        test.facts["revision"] = head
    finally:
        database.dispose()


def _step_replay_migrations(test: SelfTest) -> None:
    # Every script under db/migrations/versions, run from an empty file: the bundle must hold
    # the scripts as files and every module they import (alembic.op, the SQLite dialect).
    from alembic import command
    from sqlalchemy import inspect

    from db import Database
    from db.migrate import alembic_config, current_revision, head_revision
    from db.models import Base

    path = test.folder / REPLAY_DATABASE_NAME
    _remove_database(path)
    database = Database(f"sqlite:///{path}")
    try:
        config = alembic_config(database)
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        test.check(
            current_revision(database) == head_revision(database),
            "chạy các bản nâng cấp không tới được phiên bản mới nhất",
        )
        with database.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
        missing = set(Base.metadata.tables) - tables
        test.check(not missing, f"các bản nâng cấp thiếu bảng: {', '.join(sorted(missing))}")
    finally:
        database.dispose()
    _remove_database(path)


def _open(test: SelfTest) -> Database:
    from db import open_database

    return open_database(test.folder / DATABASE_NAME)


def _step_sample(test: SelfTest) -> None:
    from desktop.services.importer import apply_import, plan_from_path
    from desktop.services.sample import sample_files

    files = sample_files()
    test.check(bool(files), "không thấy dữ liệu mẫu (resources/sample/*.json) trong bộ cài")
    database = _open(test)
    try:
        tasks = 0
        for path in files:
            plan = plan_from_path(database, path)
            apply_import(database, plan, backup=False)
            tasks += plan.count
        test.check(tasks > 0, "dữ liệu mẫu không có nhiệm vụ nào")
        test.facts["sample_files"] = len(files)
        test.facts["sample_tasks"] = tasks
    finally:
        database.dispose()


def _step_task(test: SelfTest) -> None:
    from desktop.domain.status import TaskStatus
    from desktop.services.importer import apply_import, plan_from_path
    from desktop.services.queries import TaskFilter, list_tasks
    from desktop.services.tasks import Progress, get_task, record_progress

    task_file = test.folder / "self-test-task.json"
    payload = {
        "format": "nhiemvu",
        "version": 1,
        "document": {
            "number": "01-KT/TT",
            "title": "Tự kiểm tra Sổ nhiệm vụ",
            "issued": "2021-04-01",
            "source_file": "self-test-task.json",
        },
        "tasks": [
            {
                "id": "TKT.1",
                "title": TASK_TITLE,
                "lead_unit": TASK_UNIT,
                "deadline_text": "Quý II năm 2021",
            }
        ],
    }
    task_file.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    database = _open(test)
    try:
        apply_import(database, plan_from_path(database, task_file), backup=False)
        found = [
            row
            for row in list_tasks(database, TaskFilter(today=TODAY, search="Nguyen Thi Anh"))
            if row.ext_id == "TKT.1"
        ]
        test.check(len(found) == 1, "không tìm lại được nhiệm vụ vừa ghi (tìm “Nguyen Thi Anh”)")
        task_id = found[0].id
        record_progress(
            database,
            task_id,
            Progress(
                status=TaskStatus.DONE,
                completed_on=date(2021, 6, 28),
                result_ref="Báo cáo số 191-BC/ĐUK",
                notes=TASK_TITLE,
            ),
            today=TODAY,
        )
        task = get_task(database, task_id)
        test.check(task.title == TASK_TITLE, f"tên nhiệm vụ đọc lại khác: {task.title!r}")
        test.check(
            unicodedata.is_normalized("NFC", task.title), "tên nhiệm vụ đọc lại không ở dạng NFC"
        )
        test.check(task.status == TaskStatus.DONE, f"trạng thái đọc lại khác: {task.status!r}")
        test.check(task.progress_notes == TASK_TITLE, "ghi chú đọc lại khác")
        test.check(task.due == date(2021, 6, 30), f"hạn “Quý II năm 2021” đọc thành {task.due}")
        test.facts["task_id"] = task_id
    finally:
        database.dispose()


def _step_csv(test: SelfTest) -> None:
    from desktop.domain.quarters import Quarter
    from desktop.services.csv_export import write_csv, write_xlsx
    from desktop.services.quarter_report import quarter_report

    database = _open(test)
    try:
        report = quarter_report(database, Quarter.parse(QUARTER_ISO), TODAY)
    finally:
        database.dispose()
    path = write_csv(test.folder / "self-test.csv", report.rows)
    text = path.read_bytes().decode("utf-8-sig")
    test.check(TASK_TITLE in text, "tệp CSV không có nhiệm vụ vừa ghi (hoặc mất dấu)")
    workbook = write_xlsx(test.folder / "self-test.xlsx", report)
    test.check(workbook.stat().st_size > 0, "tệp Excel rỗng")
    test.facts["csv_rows"] = len(report.rows)


def _step_pdf(test: SelfTest) -> None:
    # The report of the self-test task's unit: one page, which the next step reads back
    # (pypdf reads a page in ~0.3 s under Wine; the whole quarter's four pages took 1.2 s).
    from desktop.domain.quarters import Quarter
    from desktop.services.quarter_report import quarter_report
    from desktop.services.settings import load_report_settings
    from desktop.services.units import find_unit
    from desktop.ui.report_pdf import FONT_DIR, write_pdf

    test.check(any(FONT_DIR.glob("*.ttf")), f"không thấy phông chữ đi kèm trong {FONT_DIR}")
    database = _open(test)
    try:
        unit = find_unit(database, TASK_UNIT)
        if unit is None:
            raise StepFailedError(f"không thấy đơn vị “{TASK_UNIT}” vừa ghi")
        report = quarter_report(database, Quarter.parse(QUARTER_ISO), TODAY, unit.id)
        test.check(
            any(row.task.title == TASK_TITLE for row in report.rows),
            "báo cáo quý của đơn vị không có nhiệm vụ vừa ghi",
        )
        settings = load_report_settings(database)
    finally:
        database.dispose()
    path = test.folder / "self-test.pdf"
    pages = write_pdf(path, report, settings)
    data = path.read_bytes()
    test.check(data.startswith(b"%PDF-") and pages > 0, "tệp PDF không hợp lệ")
    test.check(b"/FontFile2" in data, "tệp PDF không nhúng phông chữ")
    test.facts["pdf_pages"] = pages


def _step_documents(test: SelfTest) -> None:
    # The extractor's readers: python-docx (with its template, a data file) and pypdf.
    import docx

    from desktop.extract import extract_document
    from desktop.extract.readers import read_lines

    path = test.folder / "self-test.docx"
    document = docx.Document()
    document.add_paragraph("CHƯƠNG TRÌNH HÀNH ĐỘNG tự kiểm tra năm 2021")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate(
        (("TT", "Nội dung", "Thời gian"), ("1", TASK_TITLE, "Quý II năm 2021"))
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    titles = [task["title"] for task in extract_document(path)["tasks"]]
    test.check(TASK_TITLE in titles, f"đọc văn bản Word không ra nhiệm vụ (đọc được: {titles})")
    pdf_text = " ".join(line.text for line in read_lines(test.folder / "self-test.pdf"))
    test.check("ĐẢNG CỘNG SẢN VIỆT NAM" in pdf_text, "đọc lại tệp PDF không ra chữ có dấu")


def _step_window(test: SelfTest) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import build_window
    from desktop.ui.background import settle

    database = _open(test)
    try:
        settings = QSettings(str(test.folder / "self-test.ini"), QSettings.Format.IniFormat)
        window = build_window(database, TODAY, settings)
        window.show()
        settle()  # the rows and counts are queried on a worker thread
        test.check(window.isVisible(), "cửa sổ chính không hiện")
        rows = window.model.rowCount()
        test.check(rows > 0, "cửa sổ chính không có nhiệm vụ nào")
        test.check(window.close(), "cửa sổ chính không đóng")
        window.deleteLater()
        QApplication.processEvents()
        test.facts["window_rows"] = rows
        test.facts["qt_platform"] = QApplication.platformName()
    finally:
        database.dispose()


# The Qt plugins the app cannot do without on the user's desktop, per platform. The self-test
# runs offscreen, so without this step a bundle that lost the Windows platform plugin (the
# window could never open) or its native style would still pass. Linux names offscreen only:
# the X11 plugin needs the desktop's own X11 libraries (see README, make run).
REQUIRED_QT_PLUGINS: dict[str, tuple[str, ...]] = {
    "win32": ("platforms/qwindows", "platforms/qoffscreen", "styles/qmodernwindowsstyle"),
    "darwin": ("platforms/qcocoa", "platforms/qoffscreen"),
    "linux": ("platforms/qoffscreen",),
}


def _plugin_file(folders: list[str], name: str) -> Path | None:
    kind, stem = name.split("/")
    for folder in folders:
        for file_name in (f"{stem}.dll", f"lib{stem}.so", f"lib{stem}.dylib"):
            candidate = Path(folder) / kind / file_name
            if candidate.is_file():
                return candidate
    return None


def _step_qt_plugins(test: SelfTest) -> None:
    # Loading, not just finding: a plugin whose own DLLs are missing fails here too.
    from PySide6.QtCore import QCoreApplication, QPluginLoader

    folders = QCoreApplication.libraryPaths()
    loaded = []
    for name in REQUIRED_QT_PLUGINS.get(sys.platform, ()):
        path = _plugin_file(folders, name)
        if path is None:
            raise StepFailedError(f"thiếu plugin Qt {name} (tìm trong: {', '.join(folders)})")
        loader = QPluginLoader(str(path))
        test.check(loader.load(), f"không nạp được plugin Qt {name}: {loader.errorString()}")
        loaded.append(name)
    test.facts["qt_plugins"] = loaded


STEPS: tuple[tuple[str, Callable[[SelfTest], None]], ...] = (
    ("tạo cơ sở dữ liệu và nâng cấp tới bản mới nhất", _step_database),
    ("chạy lại mọi bản nâng cấp Alembic", _step_replay_migrations),
    ("nhập dữ liệu mẫu", _step_sample),
    ("ghi và đọc lại nhiệm vụ có dấu", _step_task),
    ("xuất CSV", _step_csv),
    ("in báo cáo PDF", _step_pdf),
    ("đọc văn bản Word và PDF", _step_documents),
    ("nạp các plugin Qt cần thiết", _step_qt_plugins),
    ("mở và đóng cửa sổ chính", _step_window),
)


def _start_qt() -> None:
    # Before the first QApplication: the self-test never shows anything on the screen.
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop.ui.app import application

    application()


def _report(folder: Path, lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    try:
        (folder / RESULT_NAME).write_text(text, encoding="utf-8")
    except OSError:
        log.warning("Could not write %s", folder / RESULT_NAME)
    if sys.stdout is not None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except (OSError, ValueError):  # a closed or broken console must not fail the test
            pass


def process_age() -> float | None:
    """Seconds since the operating system started this process; None where it can't say.

    The self-test's own clock starts only once Python, the bundle's modules and Qt are
    loaded; this figure includes them (and, in a frozen build, the bootloader), which is
    where a slow start hides. Linux counts in clock ticks (10 ms).
    """
    try:
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
            filetime = ctypes.POINTER(wintypes.FILETIME)
            kernel32.GetCurrentProcess.restype = wintypes.HANDLE
            kernel32.GetProcessTimes.argtypes = [wintypes.HANDLE, *([filetime] * 4)]
            kernel32.GetProcessTimes.restype = wintypes.BOOL
            created, ended, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
            times = (ctypes.byref(t) for t in (created, ended, kernel, user))
            if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), *times):
                return None
            kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

            def ticks(value: wintypes.FILETIME) -> int:
                return (value.dwHighDateTime << 32) | value.dwLowDateTime

            return (ticks(now) - ticks(created)) / 1e7  # FILETIME counts 100 ns
        if sys.platform.startswith("linux"):
            started = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
            uptime = float(Path("/proc/uptime").read_text().split()[0])
            return uptime - started / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        log.debug("Process start time unknown", exc_info=True)
    return None


def _run(test: SelfTest) -> tuple[str, str] | None:
    """Run every step; the first failure as (step, reason), or None when all passed."""
    started = time.perf_counter()
    try:
        _start_qt()
    except Exception as error:
        log.exception("Self-test could not start Qt")
        return "khởi động Qt", f"{type(error).__name__}: {error}"
    test.facts["qt_start_s"] = round(time.perf_counter() - started, 2)
    age = process_age()
    if age is not None:
        test.facts["started_s"] = round(age, 2)
    for name, step in STEPS:
        started = time.perf_counter()
        try:
            step(test)
        except StepFailedError as error:
            log.error("Self-test step %r failed: %s", name, error)
            return name, str(error)
        except Exception as error:
            log.exception("Self-test step %r raised", name)
            where = traceback.extract_tb(error.__traceback__)[-1]
            return (
                name,
                f"{type(error).__name__}: {error} ({Path(where.filename).name}:{where.lineno})",
            )
        test.passed.append((name, time.perf_counter() - started))
    return None


def run_self_test(data_dir: Path | None = None) -> int:
    """Run the self-test in *data_dir* (a temporary folder when None); the exit code."""
    with tempfile.TemporaryDirectory(
        prefix="sonhiemvu-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        folder = (data_dir or Path(tmp)).expanduser().resolve()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _report(
                Path(tmp), [f"Tự kiểm tra: KHÔNG ĐẠT — không tạo được thư mục {folder}: {error}"]
            )
            return 1
        test = SelfTest(folder)
        started = time.perf_counter()
        with _data_folder(folder):
            failure = _run(test)
        elapsed = time.perf_counter() - started
        age = process_age()
        if age is not None:
            test.facts["finished_s"] = round(age, 2)
        lines = [f"  đạt  {name} ({seconds:.2f} s)" for name, seconds in test.passed]
        if failure is None:
            lines.insert(0, f"Tự kiểm tra: ĐẠT ({len(STEPS)} bước, {elapsed:.1f} s) — {folder}")
            lines.append("  " + json.dumps(test.facts, ensure_ascii=False, sort_keys=True))
            log.info("Self-test passed in %.1f s: %s", elapsed, test.facts)
        else:
            step, reason = failure
            lines.insert(0, f"Tự kiểm tra: KHÔNG ĐẠT ở bước “{step}” — {reason}")
        _report(folder, lines)
        return 0 if failure is None else 1
