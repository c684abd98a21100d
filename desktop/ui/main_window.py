"""The main window: navigation, search and status filter, the task table, the details.

Everything here is wiring. Data comes from the models (which refresh themselves on the
app-wide ``changed`` signal, querying on a worker thread: the window shows at once and
fills in when the answers arrive) and every write goes through :mod:`desktop.ui.undo` or
the import dialog, both of which call the services.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRect,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.domain.status import STATUS_LABELS, STATUSES
from desktop.services.changes import Change
from desktop.services.importer import DOCUMENT_SUFFIXES
from desktop.services.queries import DUE_SOON_DAYS, Flag, NavigationCounts, TaskFilter, count_tasks
from desktop.services.sample import load_sample, sample_files
from desktop.ui.background import wait_for_background
from desktop.ui.backup_actions import add_backup_actions, backup_on_close
from desktop.ui.confirm import confirm
from desktop.ui.data_watch import DataWatcher
from desktop.ui.errors import TITLE, errors_shown, show_error
from desktop.ui.file_dialogs import use_settings as use_file_dialog_settings
from desktop.ui.formatting import day, flag_icon
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.navigation import DUE_SOON, OVERDUE, NavigationPane, NavTarget
from desktop.ui.operations import wait_for_writes
from desktop.ui.report_actions import ReportContext, add_report_actions
from desktop.ui.signals import AppContext
from desktop.ui.task_details import TaskDetailsPane
from desktop.ui.task_table_model import (
    COL_DEADLINE,
    COL_DOCUMENT,
    COL_DUE,
    COL_NUMBER,
    COL_QUARTER,
    COL_STATUS,
    COL_TITLE,
    COL_UNIT,
    TaskTableModel,
)
from desktop.ui.undo import hide_command
from desktop.ui.window_geometry import default_geometry, fits, fitted

log = logging.getLogger(__name__)

IMPORT_SUFFIXES = {".json", *DOCUMENT_SUFFIXES}
SEARCH_DELAY_MS = 150  # a pause in typing; the query itself runs on a worker
COLUMN_WIDTHS = {
    COL_NUMBER: 44,
    COL_UNIT: 170,
    COL_DEADLINE: 140,
    COL_DUE: 84,
    COL_QUARTER: 92,
    COL_STATUS: 210,
    COL_DOCUMENT: 110,
}
TITLE_MIN_WIDTH = 200
"""The task's title keeps at least this much; the other columns shrink (and elide) first."""


class OverdueBanner(QFrame):
    """The start-up notice of overdue and due-soon tasks, with links to those lists.

    Non-blocking: it sits above the table and can be closed; it never takes focus.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.message = ""
        self.setObjectName("overdueBanner")
        self.setStyleSheet(
            "#overdueBanner { background: #fdecea; border: 1px solid #e6a19b; border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        icon = QLabel()
        icon.setPixmap(flag_icon(Flag.OVERDUE).pixmap(18, 18))
        layout.addWidget(icon)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Ẩn thông báo này")
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        layout.addWidget(close)
        self.dismissed = False

    def show_counts(self, overdue: int, due_soon: int) -> None:
        self.message = (
            f"Có {overdue} nhiệm vụ quá hạn, {due_soon} nhiệm vụ đến hạn trong "
            f"{DUE_SOON_DAYS} ngày tới"
        )
        links = []
        if overdue:
            links.append('<a href="overdue">Xem nhiệm vụ quá hạn</a>')
        if due_soon:
            links.append('<a href="soon">Xem nhiệm vụ sắp đến hạn</a>')
        self.label.setText(f"<b>{self.message}.</b> &nbsp; " + " &nbsp;·&nbsp; ".join(links))
        self.setVisible(bool(overdue or due_soon) and not self.dismissed)

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()


class MainWindow(QMainWindow):
    """The window a secretary lives in all day."""

    def __init__(self, context: AppContext, settings: QSettings, parent: Any = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings = settings
        use_file_dialog_settings(settings)
        self.setWindowTitle("Sổ nhiệm vụ")
        self.setAcceptDrops(True)
        self._selected_id: int | None = None
        self._editing_changed_list = False
        self.import_dialog: ImportDialog | None = None
        # Another window or office PC writing to the same database: every view reloads.
        self.watcher = DataWatcher(context, self)
        self.watcher.start()

        self.banner = OverdueBanner()
        self.banner.label.linkActivated.connect(self._on_banner_link)

        self.navigation = NavigationPane(context)
        self.navigation.setMinimumWidth(180)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm nhiệm vụ, đơn vị, thời hạn… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Tìm kiếm")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._search_timer.start)

        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Lọc theo trạng thái")
        self.status_filter.addItem("Mọi trạng thái", None)
        for status in STATUSES:
            self.status_filter.addItem(STATUS_LABELS[status], status)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter)

        self.list_title = QLabel()
        font = self.list_title.font()
        font.setBold(True)
        self.list_title.setFont(font)

        self.model = TaskTableModel(context, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAccessibleName("Danh sách nhiệm vụ")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self._column_widths = dict(COLUMN_WIDTHS)  # what each column gets when there is room
        self._fitting_columns = False
        header.sectionResized.connect(self._on_section_resized)
        self.table.viewport().installEventFilter(self)
        header.setSortIndicator(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.activated.connect(self.open_current)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.model.loaded.connect(self._update_list_title)

        self.details = TaskDetailsPane(context)

        self._build_layout()
        self._build_menus()
        self._build_status_bar()

        self.navigation.target_selected.connect(self._on_target)
        self.navigation.counts_updated.connect(self._on_counts)
        self.navigation.counts_updated.connect(self._update_list_title)
        self._update_list_title()
        self.restore_settings()
        self._select_first()

    # --- layout ---------------------------------------------------------------------

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.list_title, 1)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status_filter)
        table_area = QWidget()
        table_layout = QVBoxLayout(table_area)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(filters)
        table_layout.addWidget(self.table, 1)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(table_area)
        self.right_splitter.addWidget(self.details)
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 2)
        self.right_splitter.setChildrenCollapsible(False)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.navigation)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([270, 1090])
        self.right_splitter.setSizes([340, 360])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&Tệp")
        self.import_action = QAction("&Nhập…", self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.setStatusTip("Nhập tệp nhiệm vụ (.json) hoặc văn bản")
        self.import_action.triggered.connect(lambda: self.open_import())
        self.file_menu.addAction(self.import_action)
        self.sample_action = QAction("Nạp nhiệm vụ &mẫu", self)
        self.sample_action.triggered.connect(self.offer_sample)
        self.file_menu.addAction(self.sample_action)
        self.file_menu.addSeparator()
        self.add_file_actions(self.file_menu)
        self.file_menu.addSeparator()
        quit_action = QAction("&Thoát", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)

        edit = bar.addMenu("&Sửa")
        self.undo_action = self.context.undo_stack.createUndoAction(self, "Hoàn tác")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.context.undo_stack.createRedoAction(self, "Làm lại")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        # "Đã xoá nhiệm vụ. Nhấn Ctrl+Z…" must not stay on once the user undid it.
        self.context.undo_stack.indexChanged.connect(self._clear_status_message)
        edit.addSeparator()
        self.find_action = QAction("&Tìm kiếm", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        edit.addAction(self.find_action)
        self.open_action = QAction("&Mở nhiệm vụ (Enter)", self)
        self.open_action.triggered.connect(self.open_current)
        edit.addAction(self.open_action)
        self.hide_action = QAction("Ẩ&n nhiệm vụ…", self)
        self.hide_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.hide_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide_action.triggered.connect(self.hide_current)
        self.table.addAction(self.hide_action)
        edit.addAction(self.hide_action)

        from desktop.ui.edit_actions import install_edit_actions

        self.edit_actions = install_edit_actions(self, edit)  # Thêm/Sửa/Xoá, Công cụ › Đơn vị
        from desktop.ui.targets_view import install_targets_action

        self.targets_action = install_targets_action(self, bar)  # Chỉ tiêu (issue 17)

        from desktop.ui.database_settings import install_database_settings

        self.database_actions = install_database_settings(bar, self.context, self.settings, self)
        help_menu = bar.addMenu("Trợ &giúp")
        about = QAction("&Giới thiệu", self)
        about.triggered.connect(self._about)
        self.guide_action = QAction("&Hướng dẫn sử dụng", self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(about)

    def add_file_actions(self, menu: QMenu) -> None:
        """Add the Tệp entries other modules own, each module in one place.

        Reports (Xuất CSV quý…, In báo cáo quý…, Cài đặt…) come from
        :mod:`desktop.ui.report_actions`, Sao lưu…/Khôi phục… from
        :mod:`desktop.ui.backup_actions`.
        """
        today = self.context.today
        add_report_actions(menu, ReportContext(self, self.context.database, lambda: today))
        add_backup_actions(menu, self, lambda: self.context.database, self.reload_everything)

    def reload_everything(self) -> None:
        """After a restore replaced the data: undo history no longer applies; reload all."""
        self.context.undo_stack.clear()
        # The details pane reloads its task, or empties itself if the task is gone.
        self.context.signals.broadcast(Change(tasks=True, units=True, documents=True))
        if self.details.task_id is None:
            self.details.show_task(self.current_task_id() or self.model.task_id(0))

    def _build_status_bar(self) -> None:
        self.today_label = QLabel(f"Hôm nay: {day(self.context.today)}")
        self.statusBar().addPermanentWidget(self.today_label)

    # --- actions --------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.update_filter(search=self.search.text())

    def open_current(self) -> None:
        """Enter on a row: show it in the details and put the cursor on its status."""
        task_id = self.current_task_id()
        if task_id is None:
            return
        if self.details.task_id != task_id:
            self.details.show_task(task_id)
        sizes = self.right_splitter.sizes()
        if len(sizes) == 2 and sizes[1] < 150:
            self.right_splitter.setSizes([sum(sizes) - 300, 300])
        self.details.focus_editor()

    def hide_current(self) -> None:
        """Delete: after asking, hide the task from every list (undo with Ctrl+Z)."""
        task_id = self.current_task_id()
        row = self.model.task_row(self.table.currentIndex().row())
        if task_id is None or row is None:
            return
        title = row.title if len(row.title) <= 120 else row.title[:119] + "…"
        question = (
            f"Ẩn nhiệm vụ này khỏi mọi danh sách?\n\n“{title}”\n\n"
            "Nhiệm vụ không bị xoá; có thể hoàn tác bằng Ctrl+Z."
        )
        if not confirm(self, question):
            return
        with errors_shown(self) as attempt:
            hide_command(self.context, task_id, lambda e: show_error(self, e))
        if attempt.failed:
            return
        self.statusBar().showMessage("Đã ẩn nhiệm vụ. Nhấn Ctrl+Z để hoàn tác.", 8000)

    def open_import(self, path: Path | None = None) -> ImportDialog | None:
        """Tệp › Nhập… (or a dropped file): the preview dialog, shown window-modal."""
        if path is None:
            dialog = ImportDialog(self.context, None, self)
            dialog.choose_file()
            if dialog.path is None:
                dialog.deleteLater()
                return None
        else:
            dialog = ImportDialog(self.context, path, self)
        dialog.finished.connect(lambda _code: self._import_finished(dialog))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _import_finished(self, dialog: ImportDialog) -> None:
        result = dialog.import_result
        if result is not None:
            message = f"Đã nhập {result.plan.count} nhiệm vụ từ {result.plan.source}."
            if result.backup:
                message += f" Bản sao lưu trước khi nhập: {result.backup}"
            self.statusBar().showMessage(message, 15000)
        if self.import_dialog is dialog:
            self.import_dialog = None
        dialog.deleteLater()

    def is_empty(self) -> bool:
        flt = TaskFilter(today=self.context.today, include_hidden=True)
        return count_tasks(self.context.database, flt) == 0

    def offer_sample(self) -> bool:
        """First run: an empty database offers the sample tasks. Returns whether loaded."""
        if not sample_files():
            return False
        if not self.is_empty():
            if self.sender() is self.sample_action:
                QMessageBox.information(
                    self,
                    TITLE,
                    "Cơ sở dữ liệu đã có nhiệm vụ; chỉ nạp nhiệm vụ mẫu vào cơ sở dữ liệu trống.",
                )
            return False
        question = (
            "Chưa có nhiệm vụ nào.\n\nBạn có muốn nạp các nhiệm vụ mẫu (lấy từ năm văn bản "
            "chương trình hành động có thật) để xem thử không?\n\n"
            "Về sau, dùng Tệp › Nhập… hoặc kéo thả tệp vào cửa sổ để nhập văn bản của mình."
        )
        if not confirm(self, question, default_yes=True):
            self.statusBar().showMessage(
                "Dùng Tệp › Nhập… (Ctrl+O) hoặc kéo thả tệp vào cửa sổ để nhập nhiệm vụ.", 15000
            )
            return False
        with errors_shown(self) as attempt:
            self.context.signals.broadcast(load_sample(self.context.database))
        if attempt.failed:
            return False
        self.statusBar().showMessage("Đã nạp nhiệm vụ mẫu.", 8000)
        return True

    def current_task_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.task_id(index.row()) if index.isValid() else None

    def select_task(self, task_id: int) -> bool:
        row = self.model.row_of(task_id)
        if row is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, COL_TITLE),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, COL_TITLE))
        return True

    # --- reactions ------------------------------------------------------------------

    def _on_target(self, target: NavTarget) -> None:
        self.model.update_filter(
            view=target.view,
            unit_id=target.unit_id,
            quarter=target.quarter,
            document_id=target.document_id,
        )

    def _on_status_filter(self, _index: int) -> None:
        self.model.update_filter(status=self.status_filter.currentData())

    def _on_counts(self, counts: NavigationCounts | None) -> None:
        if counts is not None:
            self.banner.show_counts(counts.overdue, counts.due_soon)

    def _on_banner_link(self, link: str) -> None:
        self.navigation.select_target(OVERDUE if link == "overdue" else DUE_SOON)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            task_id = self.model.task_id(current.row())
            if task_id is not None and task_id != self.details.task_id:
                if not self.details.confirm_leave():
                    # The save was refused: stay on the task whose text the user typed.
                    previous = self.details.task_id
                    if previous is not None:
                        QTimer.singleShot(0, lambda: self.select_task(previous))
                    return
                # A recurring task's row shows one period (in "Theo quý", that quarter's):
                # the details open at the same period, not at the earliest still open.
                row = self.model.task_row(current.row())
                self.details.show_task(task_id, row.occurrence_id if row else None)

    def _remember_selection(self) -> None:
        self._selected_id = self.current_task_id() or self.details.task_id
        # A reset that follows an edit keeps the edited task open, even if it left the list.
        self._editing_changed_list = self.model.reset_after_edit

    def _restore_selection(self) -> None:
        """After the list changed: keep the open task if it is still listed.

        A task that just left the list because of an edit stays open (the user sees what
        they saved); when the user switched lists, the first task of the new list opens.
        """
        if self._selected_id is not None and self.select_task(self._selected_id):
            return
        if self._editing_changed_list and self.details.task_id is not None:
            return
        self.details.show_task(None)
        self._select_first()

    def _select_first(self) -> None:
        """Show the first task rather than an empty details pane, when nothing is open."""
        if self.details.task_id is None and self.model.rowCount():
            self.select_task(self.model.task_id(0) or 0)

    def _update_list_title(self) -> None:
        item = self.navigation.currentItem()
        name = item.text(0).rsplit(" (", 1)[0] if item is not None else "Tất cả"
        if self.model.loading and not self.model.rowCount():
            self.list_title.setText(f"{name} — đang tải…")
        else:
            self.list_title.setText(f"{name} — {self.model.rowCount()} nhiệm vụ")

    @property
    def loading(self) -> bool:
        """Whether the list or the counts are still being queried."""
        return self.model.loading or self.navigation.loading

    def show_guide(self) -> None:
        from desktop.ui.guide import GuideDialog

        self.guide = GuideDialog(self)
        self.guide.show()

    def _clear_status_message(self, _index: int) -> None:
        self.statusBar().clearMessage()

    def _about(self) -> None:
        from desktop.logs import log_path

        QMessageBox.about(
            self,
            "Giới thiệu",
            f"Sổ nhiệm vụ, phiên bản {__version__} — theo dõi nhiệm vụ và thời hạn của "
            "chương trình hành động.\n\n"
            f"Cơ sở dữ liệu: {self.context.database.path or self.context.database.shown_url}\n"
            f"Nhật ký: {log_path()}\n"
            f"Ngày coi là hôm nay: {day(self.context.today)}",
        )

    # --- drag and drop --------------------------------------------------------------

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        data = event.mimeData()
        if not data.hasUrls():
            return None
        for url in data.urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if path.suffix.lower() in IMPORT_SUFFIXES:
                    return path
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop returns, so the source application is not left waiting.
        QTimer.singleShot(0, lambda: self.open_import(path))

    # --- settings -------------------------------------------------------------------

    def restore_settings(self) -> None:
        """Window size, splitters and columns as the user left them — if they still fit."""
        geometry = self.settings.value("window/geometry")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        self.place_on_screen(self.available_geometry(), keep=restored)
        for key, splitter in (
            ("window/mainSplitter", self.main_splitter),
            ("window/rightSplitter", self.right_splitter),
        ):
            state = self.settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        header = self.settings.value("table/header")
        if isinstance(header, QByteArray):
            self._fitting_columns = True
            self.table.horizontalHeader().restoreState(header)
            self._fitting_columns = False
        # The user's widths are what the columns get when the screen has room for them
        # (the header state holds the widths as shown, perhaps shrunk to a small screen).
        widths = self.settings.value("table/widths")
        if isinstance(widths, str):
            for column, width in zip(self._column_widths, widths.split(","), strict=False):
                if width.isdigit():
                    self._column_widths[column] = int(width)
        self.fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        """Shrink the columns beside the title, in proportion, so none is out of sight.

        A table wider than its view scrolls sideways and hides "Quý" and "Trạng thái" at
        1024×768; the long texts elide instead (their tooltips say them whole).
        """
        room = self.table.viewport().width() - TITLE_MIN_WIDTH
        wanted = sum(self._column_widths.values())
        scale = min(1.0, max(room, 0) / wanted) if wanted else 1.0
        self._fitting_columns = True
        try:
            for column, width in self._column_widths.items():
                self.table.setColumnWidth(column, max(40, int(width * scale)))
        finally:
            self._fitting_columns = False

    def preferred_column_width(self, column: int) -> int | None:
        """The width *column* gets when there is room (the user's, else the default)."""
        return self._column_widths.get(column)

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        """A column the user widened or narrowed keeps that width when there is room."""
        if not self._fitting_columns and column in self._column_widths:
            self._column_widths[column] = new

    def available_geometry(self) -> QRect:
        """The screen the window opens on, less its taskbar."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def place_on_screen(self, available: QRect, keep: bool = False) -> None:
        """Size the window for *available*; with *keep*, the present geometry if it fits.

        The frame (title bar and borders) counts: a window whose title bar is above the
        screen cannot be moved back by the user.
        """
        if self.isMaximized() or self.isFullScreen():
            return
        frame = self.frameGeometry()
        if keep and fits(frame, available):
            return
        extra_w = frame.width() - self.geometry().width()
        extra_h = frame.height() - self.geometry().height()
        target = fitted(frame, available) if keep else default_geometry(available)
        inner = target.adjusted(0, 0, -extra_w, -extra_h)
        self.resize(inner.size())
        self.move(target.topLeft())

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/mainSplitter", self.main_splitter.saveState())
        self.settings.setValue("window/rightSplitter", self.right_splitter.saveState())
        self.settings.setValue("table/header", self.table.horizontalHeader().saveState())
        self.settings.setValue("table/widths", ",".join(map(str, self._column_widths.values())))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.details.confirm_leave():
            event.ignore()
            return
        self.save_settings()
        # Answers still in flight are dropped; the backup waits for the reads to end, and
        # for a write still running (an import is cancelled: it then writes nothing).
        self.model.shutdown()
        self.navigation.shutdown()
        self.watcher.stop()
        wait_for_writes()
        wait_for_background()
        backup_on_close(self, self.context.database)
        super().closeEvent(event)

    def bring_forward(self) -> None:
        """A second launch asked for this window: show it on top instead."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
