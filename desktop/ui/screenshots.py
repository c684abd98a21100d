"""Regenerate ``docs/screenshots/``: main window, details, import preview, add task, units.

``python -m desktop.ui.screenshots docs/screenshots`` (``make screenshots``) builds a
throwaway database holding the sample tasks, fixes today at 01/10/2021 so the pictures
do not change from one day to the next, and renders offscreen at 1366×768; the main
window also at the screen left by a taskbar on 1024×768 and 1366×768 displays. The clock
is fixed too (every history entry is stamped :data:`NOW`), so two runs write the same
bytes.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QWidget

from desktop.services.sample import load_sample
from desktop.services.storage import open_database
from desktop.ui.app import SCREEN_SIZE, application, build_window
from desktop.ui.background import settle
from desktop.ui.import_screenshots import render_import_preview
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import OVERDUE

TODAY = date(2021, 10, 1)
NOW = datetime(2021, 10, 1, 8, 30)
AVAILABLE = ((1024, 728), (1366, 728))
"""The available screen of 1024×768 and 1366×768 displays with a 40-pixel taskbar."""


def fixed_clock() -> datetime:
    return NOW


def _render(widget: QWidget, path: Path, size: tuple[int, int]) -> None:
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(*size)
    widget.show()
    settle()  # the rows and counts arrive from a worker
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def _record_some_progress(window: MainWindow) -> None:
    """Give the shown task a history: progress noted, then a gia hạn, as a user would."""
    task_id = window.model.task_id(0)
    if task_id is None:
        return
    window.select_task(task_id)
    details = window.details
    details.status.setCurrentIndex(details.status.findData("doing"))
    details.notes.setPlainText("Đã giao Văn phòng dự thảo; chờ ý kiến các chi bộ.")
    details.save()
    details.extend(date(2021, 12, 31), "Theo kết luận của Ban Thường vụ ngày 28/9/2021")
    window.select_task(task_id)
    # Give the details most of the height, as a user reading one task would.
    window.right_splitter.setSizes([200, 520])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    application()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        database = open_database(work / "sample.sqlite3")
        try:
            settings = QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat)
            window = build_window(database, TODAY, settings, fixed_clock)
            # The import preview is taken before the sample is in, so it shows new tasks.
            render_import_preview(out, TODAY, settle)
            window.context.signals.broadcast(load_sample(database, now=NOW))
            _render(window, out / "main-window.png", SCREEN_SIZE)
            for width, height in AVAILABLE:
                window.place_on_screen(QRect(0, 0, width, height))
                _render(window, out / f"main-window-{width}x{height}.png", (width, height))
            window.navigation.select_target(OVERDUE)
            settle()
            _record_some_progress(window)
            settle()
            _render(window, out / "task-details.png", SCREEN_SIZE)
            from desktop.ui.edit_screenshots import render_edit_screenshots

            render_edit_screenshots(window, out, settle)
            from desktop.ui.guide import write_guide_pictures

            for picture in write_guide_pictures(out):
                print(picture)
            window.close()
        finally:
            database.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
