"""The window's correction entries: Thêm/Sửa/Xoá nhiệm vụ, Công cụ › Đơn vị…, context menus.

Installed into the main window by one call, so the window stays wiring and this feature
lives in one place: the menu entries and shortcuts (Ctrl+N, F2, Shift+Delete), the table's
and the navigation tree's context menus, and the dialogs they open (window-modal, not
blocking, so the window keeps drawing).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QMessageBox, QStatusBar, QTableView, QWidget

from desktop.services.unit_admin import unit_rows
from desktop.ui.edit_commands import delete_task_command
from desktop.ui.errors import TITLE, show_error
from desktop.ui.navigation import NavigationPane, NavTarget
from desktop.ui.signals import AppContext
from desktop.ui.task_details import TaskDetailsPane
from desktop.ui.task_editor import TaskEditorDialog
from desktop.ui.task_table_model import TaskTableModel
from desktop.ui.units_dialog import UnitsDialog


class MainWindow(Protocol):
    """What the edit actions use of the window that installs them.

    A protocol rather than an import of :mod:`desktop.ui.main_window`, which imports this
    module: the window depends on its features, never the other way round.
    """

    context: AppContext
    model: TaskTableModel
    table: QTableView
    navigation: NavigationPane
    details: TaskDetailsPane
    hide_action: QAction

    def current_task_id(self) -> int | None: ...
    def select_task(self, task_id: int) -> bool: ...
    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name
    def window(self) -> QWidget: ...  # the window itself, as a widget (Qt's QWidget.window)


class EditActions(QObject):
    """The actions and the dialogs they open; one per window."""

    def __init__(self, window: MainWindow, edit_menu: QMenu) -> None:
        super().__init__(window.window())
        self.window = window
        self.editor: TaskEditorDialog | None = None
        self.units_dialog: UnitsDialog | None = None
        # The task just saved: opened again once the list reloaded (the reload restores the
        # row that was selected before, which is not the one the user just added).
        self._show_after_reload: int | None = None
        window.model.loaded.connect(self._reopen_saved)

        self.add_action = QAction("&Thêm nhiệm vụ…", window.window())
        self.add_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_action.triggered.connect(lambda: self.open_add())
        self.edit_action = QAction("Sử&a nhiệm vụ…", window.window())
        self.edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.edit_action.triggered.connect(lambda: self.open_edit())
        self.delete_action = QAction("&Xoá nhiệm vụ…", window.window())
        self.delete_action.setShortcut(QKeySequence("Shift+Delete"))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_current)
        window.table.addAction(self.delete_action)
        existing = edit_menu.actions()
        if existing:
            edit_menu.insertActions(existing[0], [self.add_action, self.edit_action])
            edit_menu.insertSeparator(existing[0])
        else:
            edit_menu.addActions([self.add_action, self.edit_action])
        edit_menu.addAction(self.delete_action)

        tools = window.menuBar().addMenu("&Công cụ")
        self.units_action = QAction("Đơ&n vị…", window.window())
        self.units_action.triggered.connect(lambda: self.open_units())
        tools.addAction(self.units_action)

        window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.table.customContextMenuRequested.connect(self._table_menu)
        window.navigation.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.navigation.customContextMenuRequested.connect(self._navigation_menu)
        edit_requested = getattr(window.details, "edit_requested", None)
        if edit_requested is not None:
            edit_requested.connect(lambda task_id: self.open_edit(task_id))

    # --- tasks ----------------------------------------------------------------------

    def open_add(self, lead_unit: str | None = None) -> TaskEditorDialog:
        """Thêm nhiệm vụ (Ctrl+N); a unit's context menu fills in the unit."""
        dialog = TaskEditorDialog(
            self.window.context, None, self.window.window(), lead_unit=lead_unit
        )
        return self._open_editor(dialog)

    def open_edit(self, task_id: int | None = None) -> TaskEditorDialog | None:
        """Sửa nhiệm vụ (F2, or Sửa… in the details pane)."""
        task_id = task_id or self.window.current_task_id()
        if task_id is None:
            return None
        try:
            dialog = TaskEditorDialog(self.window.context, task_id, self.window.window())
        except Exception as error:
            show_error(self.window.window(), error)
            return None
        return self._open_editor(dialog)

    def _open_editor(self, dialog: TaskEditorDialog) -> TaskEditorDialog:
        dialog.accepted.connect(lambda: self._editor_saved(dialog))
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        self.editor = dialog
        dialog.open()
        return dialog

    def _editor_saved(self, dialog: TaskEditorDialog) -> None:
        if dialog.saved_id is None:
            return
        added = dialog.task_id is None
        self._show_after_reload = dialog.saved_id
        self._reopen_saved()
        self.window.statusBar().showMessage(
            ("Đã thêm nhiệm vụ." if added else "Đã lưu nhiệm vụ.") + " Nhấn Ctrl+Z để hoàn tác.",
            8000,
        )

    def _reopen_saved(self) -> None:
        task_id = self._show_after_reload
        if task_id is None:
            return
        if not self.window.select_task(task_id):
            self.window.details.show_task(task_id)
        if not self.window.model.loading:
            self._show_after_reload = None

    def delete_current(self) -> None:
        """Xoá nhiệm vụ: after asking; kept in the history and undone with Ctrl+Z."""
        window = self.window
        task_id = window.current_task_id()
        row = window.model.task_row(window.table.currentIndex().row())
        if task_id is None or row is None:
            return
        title = row.title if len(row.title) <= 120 else row.title[:119] + "…"
        answer = QMessageBox.question(
            window.window(),
            TITLE,
            f"Xoá nhiệm vụ này?\n\n“{title}”\n\n"
            "Nhiệm vụ biến khỏi mọi danh sách và báo cáo; lịch sử của nó được giữ lại. "
            "Có thể hoàn tác bằng Ctrl+Z. (Nếu chỉ muốn tạm không thấy, hãy dùng “Ẩn”.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_task_command(window.context, task_id, lambda e: show_error(window.window(), e))
        except Exception as error:
            show_error(window.window(), error)
            return
        window.statusBar().showMessage("Đã xoá nhiệm vụ. Nhấn Ctrl+Z để hoàn tác.", 8000)

    # --- units ----------------------------------------------------------------------

    def open_units(self, unit_id: int | None = None) -> UnitsDialog:
        """Công cụ › Đơn vị…, with *unit_id* selected when a context menu opened it."""
        if self.units_dialog is not None and self.units_dialog.isVisible():
            dialog = self.units_dialog
        else:
            dialog = UnitsDialog(self.window.context, self.window.window())
            dialog.finished.connect(lambda _code: self._units_closed(dialog))
            self.units_dialog = dialog
            dialog.open()
        if unit_id is not None:
            dialog.select_unit(unit_id)
        return dialog

    def _units_closed(self, dialog: UnitsDialog) -> None:
        if self.units_dialog is dialog:
            self.units_dialog = None
        dialog.deleteLater()

    # --- context menus --------------------------------------------------------------

    def table_menu(self) -> QMenu:
        """The table's context menu for the current row."""
        window = self.window
        menu = QMenu(window.table)
        has_row = window.current_task_id() is not None
        for action in (self.edit_action, window.hide_action, self.delete_action):
            action.setEnabled(has_row)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.add_action)
        return menu

    def navigation_menu(self, target: NavTarget | None) -> QMenu:
        """The navigation tree's context menu; a unit entry offers the unit's actions."""
        window = self.window
        menu = QMenu(window.navigation)
        unit = None
        if target is not None and target.unit_id is not None:
            unit = next(
                (u for u in unit_rows(window.context.database) if u.id == target.unit_id), None
            )
        if unit is not None:
            menu.addAction(
                f"Thêm nhiệm vụ cho “{unit.name}”…", lambda: self.open_add(lead_unit=unit.name)
            )
            menu.addSeparator()
            menu.addAction("Đổi tên đơn vị…", lambda: self.open_units(unit.id).rename_current())
            menu.addAction("Gộp vào đơn vị khác…", lambda: self.open_units(unit.id).merge_current())
            menu.addAction(
                "Chuyển nhiệm vụ sang đơn vị khác…",
                lambda: self.open_units(unit.id).move_from_current(),
            )
            menu.addAction(
                "Không phải đơn vị…", lambda: self.open_units(unit.id).mark_current_not_unit()
            )
            menu.addSeparator()
        else:
            menu.addAction(self.add_action)
        menu.addAction(self.units_action)
        return menu

    def _table_menu(self, position: QPoint) -> None:
        index = self.window.table.indexAt(position)
        if index.isValid():
            self.window.table.setCurrentIndex(index)
        self._popup(self.table_menu(), self.window.table, position)

    def _navigation_menu(self, position: QPoint) -> None:
        item = self.window.navigation.itemAt(position)
        target = item.data(0, Qt.ItemDataRole.UserRole + 1) if item is not None else None
        menu = self.navigation_menu(target if isinstance(target, NavTarget) else None)
        self._popup(menu, self.window.navigation, position)

    @staticmethod
    def _popup(menu: QMenu, widget: QWidget, position: QPoint) -> None:
        viewport = getattr(widget, "viewport", None)
        origin = viewport() if viewport is not None else widget
        menu.popup(origin.mapToGlobal(position))


def install_edit_actions(window: MainWindow, edit_menu: QMenu) -> EditActions:
    """Add the correction entries to *window*; returns them (tests drive them)."""
    return EditActions(window, edit_menu)
