"""Screenshots of the "Chỉ tiêu" view and the targets report page (``make screenshots``).

``python -m desktop.ui.target_screenshots docs/screenshots DOCUMENT`` imports DOCUMENT (seed
002, the mid-term report with its ten targets) into a throwaway database, records the
values of 2021 a secretary would take from that report — every yearly target met but
"100% chi bộ sinh hoạt đúng quy định", reached at 80 % — and renders the view at 1100×640
and the PDF's first page (through ``pdftoppm``) with today fixed at 31/12/2021.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from desktop.services.importer import apply_import, plan_from_path
from desktop.services.settings import ReportSettings
from desktop.services.storage import open_database
from desktop.services.target_report import target_report
from desktop.services.targets import Recorded, list_targets, record_achievement
from desktop.ui.app import application
from desktop.ui.background import settle
from desktop.ui.signals import AppContext, AppSignals
from desktop.ui.target_report_pdf import write_target_pdf
from desktop.ui.targets_view import TargetsWindow

TODAY = date(2021, 12, 31)
# What the 2021 column shows, by the start of each target's text.
VALUES_2021 = {
    "Có trên 90% cơ quan, doanh nghiệp được cấp trên": Recorded(95.2),
    "ít nhất 75%": Recorded(81),
    "Phấn đấu 100% doanh nghiệp": Recorded(100),
    "100% TCCSĐ": Recorded(100),
    "100% cán bộ": Recorded(100),
    "Có trên 90% TCCSĐ": Recorded(91.7),
    "90% đảng viên": Recorded(94.3),
    "Bồi dưỡng trên 800": Recorded(1215),
    "kết nạp trên 600": Recorded(693),
    "100% chi bộ": Recorded(80, note="Một số chi bộ doanh nghiệp chưa sinh hoạt đủ 12 kỳ"),
    "Đoàn Thanh niên": Recorded(met=True),
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0])
    document = Path(args[1])
    out.mkdir(parents=True, exist_ok=True)
    application()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        database = open_database(work / "targets.sqlite3")
        try:
            apply_import(database, plan_from_path(database, document), backup=False)
            stamp = datetime.combine(TODAY, datetime.min.time())
            for row in list_targets(database, "2021"):
                value = next((v for k, v in VALUES_2021.items() if row.text.startswith(k)), None)
                if value is not None:
                    record_achievement(database, row.id, "2021", value, now=stamp)
            context = AppContext(database, TODAY, AppSignals(), QUndoStack())
            view = TargetsWindow(context)
            view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            view.resize(1100, 640)
            view.show()
            settle()
            missed = next(i for i, r in enumerate(view.model.rows) if r.text.startswith("100% chi"))
            view.table.setCurrentIndex(view.model.index(missed, 4))
            settle()
            path = out / "targets-view.png"
            if not view.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            print(path)
            view.close()
            settle()
            report = target_report(database, "2021", TODAY)
            pdf = work / "chi-tieu-2021.pdf"
            write_target_pdf(pdf, report, ReportSettings(unit_name="ĐẢNG ỦY KHỐI"))
        finally:
            database.dispose()
        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None:
            print("pdftoppm not found: the report page is not rendered", file=sys.stderr)
            return 1
        stem = out / "targets-report"
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        print(f"{stem}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
