"""The editable import preview's screenshot: seed 000 read over the other four, 1024×768.

Called by :mod:`desktop.ui.screenshots` (``make screenshots``). The other sample documents
are imported first, so the preview shows what a real second import shows: units already
there, new ones marked "mới", names that only resemble a unit, deadlines not read. One title
is corrected as a user would (the PDF lost letters of it), so an edited cell shows too.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from desktop.services.sample import load_sample, sample_files
from desktop.services.storage import open_database
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.import_preview_model import COL_TITLE
from desktop.ui.signals import AppContext, AppSignals

SMALL_SCREEN = (1024, 768)
CORRECTED_TITLE = (
    "Các cấp ủy, chi bộ xây dựng kế hoạch cụ thể, chủ động phối hợp với lãnh đạo chuyên "
    "môn, chỉ đạo các đoàn thể chính trị tiếp tục đẩy mạnh việc quán triệt, tuyên truyền "
    "trong cơ quan, đơn vị những nội dung cơ bản và ý nghĩa to lớn của Nghị quyết 58-NQ/TW"
)


def render_import_preview(out: Path, today: date, settle: Callable[[], None]) -> Path:
    """import-preview.png in *out*; returns its path."""
    samples = sample_files()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        others = work / "others"
        others.mkdir()
        for path in samples[1:]:
            shutil.copy(path, others / path.name)
        database = open_database(work / "preview.sqlite3")
        try:
            load_sample(database, others)
            context = AppContext(database, today, AppSignals(), QUndoStack())
            dialog = ImportDialog(context, samples[0])
            dialog.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            dialog.resize(*SMALL_SCREEN)
            dialog.show()
            while dialog.planning:
                settle()
            model = dialog.tasks_model
            model.setData(model.index(0, COL_TITLE), CORRECTED_TITLE)
            dialog.tasks_view.show_source_row(1, COL_TITLE)
            settle()
            target = out / "import-preview.png"
            if not dialog.grab().save(str(target)):
                raise OSError(f"could not write {target}")
            print(target)
            dialog.close()
        finally:
            database.dispose()
    return target
