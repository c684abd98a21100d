"""Start the window: Qt, logging, the error hook, the database, then the main window.

``run_gui(args)`` is called by :mod:`desktop.cli` when no subcommand is given. A storage
problem at open (locked, damaged, too new) is shown in Vietnamese and exits with 1.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.logs import setup_logging
from desktop.services.errors import StorageError
from desktop.services.startup import lock_folder
from desktop.services.storage import Database, open_database
from desktop.ui.background import settle
from desktop.ui.backup_actions import open_database_with_recovery
from desktop.ui.database_settings import shared_url_at_start
from desktop.ui.errors import TITLE, ExceptHook
from desktop.ui.gui_gc import collect_on_gui_thread
from desktop.ui.main_window import MainWindow
from desktop.ui.signals import AppContext, AppSignals
from desktop.ui.single_instance import acquire
from desktop.ui.translations import install as install_translations

log = logging.getLogger(__name__)

ORGANIZATION = "SoNhiemVu"
APPLICATION = "SoNhiemVu"
SCREEN_SIZE = (1366, 768)
APP_ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "app.png"


def application() -> QApplication:
    """The running QApplication (tests already have one), set up for Vietnamese."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Sổ nhiệm vụ")
    app.setOrganizationName(ORGANIZATION)
    app.setWindowIcon(QIcon(str(APP_ICON)))
    # Vietnamese month and day names in the date pickers' calendars.
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    if not hasattr(app, "_vietnamese"):
        app._vietnamese = install_translations(app)  # type: ignore[attr-defined]  # kept alive
    collect_on_gui_thread(app)  # never free a Qt object on a worker thread
    return app


def user_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def parse_today(value: str | None) -> date:
    return date.fromisoformat(value) if value else date.today()


def build_window(
    database: Database,
    today: date,
    settings: QSettings,
    clock: Callable[[], datetime] = datetime.now,
) -> MainWindow:
    context = AppContext(database, today, AppSignals(), QUndoStack(), clock)
    window = MainWindow(context, settings)
    context.undo_stack.setParent(window)
    context.signals.setParent(window)
    return window


def save_screenshot(window: QWidget, path: Path) -> bool:
    """Render *window* at 1366×768 without showing it on screen and save a PNG."""
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.resize(*SCREEN_SIZE)
    window.show()
    settle()  # the rows and counts arrive from a worker
    path.parent.mkdir(parents=True, exist_ok=True)
    return window.grab().save(str(path))


def _fail(message: str) -> int:
    log.warning("Start-up refused: %s", message)
    QMessageBox.critical(None, TITLE, message)
    return 1


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window; returns the process exit code."""
    app = application()
    setup_logging()
    hook = ExceptHook()
    hook.install()
    try:
        try:
            today = parse_today(args.today)
        except ValueError:
            return _fail(f"Ngày “{args.today}” không hợp lệ; hãy viết dạng YYYY-MM-DD.")
        if args.screenshot:
            return _screenshot(args, today)
        if args.db is None and not os.environ.get("SONHIEMVU_DB"):
            # Cài đặt › Cơ sở dữ liệu chose a shared server (None: the file on this PC).
            args.db = shared_url_at_start(None, user_settings())
        folder = lock_folder(args.db)
        instance = acquire(folder) if folder is not None else None
        if folder is not None and instance is None:
            log.info("Another window holds the database; it was asked to come forward")
            return 0
        if instance is not None:
            app.aboutToQuit.connect(instance.release)
        database = open_database_with_recovery(None, args.db)
        if database is None:
            if instance is not None:
                instance.release()
            return 1
        try:
            window = build_window(database, today, user_settings())
            if instance is not None:
                instance.activation_requested.connect(window.bring_forward)
            window.show()
            if window.is_empty():
                window.offer_sample()
            return int(app.exec())
        finally:
            database.dispose()
            if instance is not None:
                instance.release()
    finally:
        hook.uninstall()


def _screenshot(args: argparse.Namespace, today: date) -> int:
    """Render the main window over the database to a PNG, without touching user settings."""
    try:
        database = open_database(args.db)
    except StorageError as error:
        return _fail(str(error))
    try:
        # A throwaway settings file keeps screenshots reproducible.
        with tempfile.TemporaryDirectory() as folder:
            settings = QSettings(str(Path(folder) / "screenshot.ini"), QSettings.Format.IniFormat)
            window = build_window(database, today, settings)
            saved = save_screenshot(window, args.screenshot)
            # Hidden, not closed: closing would take the user's daily exit backup.
            window.hide()
            window.deleteLater()
        if not saved:
            return _fail(f"Không lưu được ảnh vào {args.screenshot}.")
        return 0
    finally:
        database.dispose()
