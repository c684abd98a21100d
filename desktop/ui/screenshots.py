"""Regenerate ``docs/screenshots/``: main window, details, import preview, add task, units.

``python -m desktop.ui.screenshots docs/screenshots`` (``make screenshots``) builds a
throwaway database holding the sample tasks, fixes today at 01/10/2021 so the pictures
do not change from one day to the next, and renders offscreen at 1366×768.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget

from desktop.services.sample import load_sample
from desktop.services.storage import open_database
from desktop.ui.app import SCREEN_SIZE, application, build_window
from desktop.ui.background import settle
from desktop.ui.import_screenshots import render_import_preview
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import OVERDUE

TODAY = date(2021, 10, 1)


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
            window = build_window(database, TODAY, settings)
            render_import_preview(out, TODAY, settle)
            window.context.signals.broadcast(load_sample(database))
            _render(window, out / "main-window.png", SCREEN_SIZE)
            window.navigation.select_target(OVERDUE)
            settle()
            _record_some_progress(window)
            settle()
            _render(window, out / "task-details.png", SCREEN_SIZE)
            from desktop.ui.edit_screenshots import render_edit_screenshots

            render_edit_screenshots(window, out, settle)
            window.close()
        finally:
            database.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
