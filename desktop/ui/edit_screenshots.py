"""Screenshots of the correction dialogs, as a 1024×768 screen shows them over the window.

Called by :mod:`desktop.ui.screenshots` (``make screenshots``) with the sample loaded:
"Thêm nhiệm vụ" filled in as a user would, and Công cụ › Đơn vị… with a unit chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QDialog

from desktop.ui.main_window import MainWindow

SMALL_SCREEN = (1024, 768)

Settle = Callable[[], None]


def _over_window(window: MainWindow, dialog: QDialog, path: Path, settle: Settle) -> None:
    """The window at 1024×768, dimmed, with *dialog* centred on it (as a modal dialog is)."""
    window.resize(*SMALL_SCREEN)
    settle()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    dialog.show()
    settle()
    picture = window.grab()
    shot = dialog.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    corner = QPoint(
        max(0, (picture.width() - shot.width()) // 2),
        max(0, (picture.height() - shot.height()) // 2),
    )
    painter.drawPixmap(corner, shot)
    painter.end()
    if not picture.save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)
    dialog.close()


def render_edit_screenshots(window: MainWindow, out: Path, settle: Settle) -> None:
    """add-task.png and units.png in *out*."""
    actions = window.edit_actions
    editor = actions.open_add()
    editor.choose_document(editor.document.itemData(1))
    editor.title.setPlainText(
        "Tổ chức hội nghị sơ kết giữa nhiệm kỳ việc thực hiện Nghị quyết, biểu dương "
        "các tập thể, cá nhân tiêu biểu"
    )
    editor.section.setText("III / 2")
    editor.lead.setCurrentText("Ban Tuyên giáo")
    editor.supports.setText("Văn phòng Đảng ủy Khối; Ban Dân vận")
    editor.deadline.setText("Quý IV năm 2023")
    editor.output_form.setText("Báo cáo sơ kết")
    editor.resize(720, editor.sizeHint().height())
    _over_window(window, editor, out / "add-task.png", settle)

    units = actions.open_units()
    units.resize(760, 600)
    rows = units.model_units()
    busiest = max(rows, key=lambda u: u.lead_count, default=None)
    if busiest is not None:
        units.select_unit(busiest.id)
    _over_window(window, units, out / "units.png", settle)
