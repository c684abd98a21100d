"""Tệp › Sao lưu… / Khôi phục…, the closing backup and the "database damaged" dialog.

The window calls these; the work is done by Qt-free services
(:mod:`desktop.services.safety`, :mod:`desktop.services.startup`), so the dialogs only ask
and tell. Every refusal keeps the current data: a restore backs it up first, and a damaged
file is renamed aside, never overwritten.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.services.errors import StorageError
from desktop.services.safety import backup_now, restore_backup
from desktop.services.startup import (
    StartupResult,
    StartupState,
    backup_on_exit,
    open_for_app,
    restore_newest,
    start_empty,
)
from desktop.services.storage import Database, backups_folder
from desktop.ui.confirm import confirm
from desktop.ui.errors import TITLE
from desktop.ui.file_dialogs import FolderKind, remember, start_folder
from desktop.ui.operations import WriteOp

log = logging.getLogger(__name__)

FILE_FILTER = "Cơ sở dữ liệu Sổ nhiệm vụ (*.sqlite3 *.db);;Mọi tệp (*)"
RESTORE_CHOICE = "Khôi phục bản sao lưu"
EMPTY_CHOICE = "Bắt đầu với dữ liệu trống"
QUIT_CHOICE = "Thoát"


def _choose(parent: QWidget | None, text: str, choices: list[str]) -> str | None:
    """A message box with one button per choice; the last choice is Escape. Tests stub it."""
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text, QMessageBox.StandardButton.NoButton)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    buttons = []
    for index, choice in enumerate(choices):
        last = index == len(choices) - 1
        role = QMessageBox.ButtonRole.RejectRole if last else QMessageBox.ButtonRole.AcceptRole
        buttons.append((box.addButton(choice, role), choice))
    box.setDefaultButton(buttons[0][0])
    box.exec()
    clicked = box.clickedButton()
    for button, choice in buttons:
        if button is clicked:
            return choice
    return None


def backup_dialog(parent: QWidget | None, database: Database) -> WriteOp[Path] | None:
    """Tệp › Sao lưu…: ask where (a USB stick, say), write a checked copy, say where it went.

    The copy is written on the writer thread; returns that write (None if no file chosen).
    """
    folder = start_folder(FolderKind.BACKUP)
    suggested = folder / f"sonhiemvu-sao-luu-{date.today():%Y%m%d}.sqlite3"
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Sao lưu dữ liệu vào tệp", str(suggested), FILE_FILTER
    )
    if not chosen:
        return None
    remember(FolderKind.BACKUP, Path(chosen))

    def backed_up(path: Path) -> None:
        QMessageBox.information(
            parent,
            TITLE,
            f"Đã sao lưu dữ liệu vào:\n{path}\n\nBản sao đã được kiểm tra toàn vẹn.",
        )

    target = Path(chosen)
    return (
        WriteOp(parent, "Đang sao lưu dữ liệu…", lambda _progress: backup_now(database, target))
        .success(backed_up)
        .run()
    )


def restore_dialog(
    parent: QWidget | None, database: Database, on_restored: Callable[[], None]
) -> WriteOp[Path | None] | None:
    """Tệp › Khôi phục…: pick a backup, confirm, back up the current data, then replace it.

    The restore runs on the writer thread; *on_restored* is called once the data was
    replaced (the window must reload everything). Returns that write, or None if the user
    chose no file or said no.
    """
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "Khôi phục từ bản sao lưu", str(backups_folder(database) or ""), FILE_FILTER
    )
    if not chosen:
        return None
    backup = Path(chosen)
    question = (
        f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu “{backup.name}”?\n\n"
        "Dữ liệu hiện tại sẽ được sao lưu trước, nên vẫn lấy lại được."
    )
    if not confirm(parent, question):
        return None

    def restored(safety_copy: Path | None) -> None:
        kept = f"\n\nDữ liệu trước khi khôi phục được lưu ở:\n{safety_copy}" if safety_copy else ""
        QMessageBox.information(parent, TITLE, f"Đã khôi phục dữ liệu từ “{backup.name}”.{kept}")
        on_restored()

    return (
        WriteOp(
            parent, "Đang khôi phục dữ liệu…", lambda _progress: restore_backup(database, backup)
        )
        .success(restored)
        .run()
    )


def add_backup_actions(
    menu: QMenu,
    parent: QWidget,
    database: Callable[[], Database],
    on_restored: Callable[[], None],
) -> tuple[QAction, QAction]:
    """Add Sao lưu… and Khôi phục… to the Tệp menu.

    Args:
        database: returns the window's current database (it may be swapped after a restore).
        on_restored: called after a restore replaced the data, to reload every view.
    """
    backup_action = QAction("Sao lưu…", parent)
    backup_action.setObjectName("action_backup")
    backup_action.setStatusTip("Sao lưu toàn bộ dữ liệu ra một tệp, ví dụ vào USB")
    backup_action.triggered.connect(lambda: backup_dialog(parent, database()))
    restore_action = QAction("Khôi phục…", parent)
    restore_action.setObjectName("action_restore")
    restore_action.setStatusTip("Thay dữ liệu hiện tại bằng một bản sao lưu")

    restore_action.triggered.connect(lambda: restore_dialog(parent, database(), on_restored))
    menu.addAction(backup_action)
    menu.addAction(restore_action)
    return backup_action, restore_action


def open_database_with_recovery(
    parent: QWidget | None = None, url_or_path: str | os.PathLike[str] | None = None
) -> Database | None:
    """Open the database at start; on damage, offer the newest good backup.

    Returns None when the user chose to quit or the database cannot be used; the message
    has then been shown.
    """
    result = open_for_app(url_or_path)
    return resolve_startup(parent, result)


def resolve_startup(parent: QWidget | None, result: StartupResult) -> Database | None:
    """Show *result* to the user and carry out their choice."""
    if result.state is StartupState.READY:
        if result.message:  # opened, but something the user must know now (read-only)
            QMessageBox.warning(parent, TITLE, result.message)
        return result.database
    if result.state is StartupState.REFUSED:
        QMessageBox.critical(parent, TITLE, result.message)
        return None
    choices = [RESTORE_CHOICE] if result.can_restore else []
    choices += [EMPTY_CHOICE, QUIT_CHOICE]
    question = "\n\nBạn muốn làm gì?"
    choice = _choose(parent, result.message + question, choices)
    try:
        if choice == RESTORE_CHOICE:
            database = restore_newest(result)
            QMessageBox.information(
                parent, TITLE, f"Đã khôi phục dữ liệu từ bản sao lưu “{result.good_backup}”."
            )
            return database
        if choice == EMPTY_CHOICE:
            return start_empty(result)
    except StorageError as error:
        QMessageBox.critical(parent, TITLE, str(error))
    return None


def backup_on_close(parent: QWidget | None, database: Database) -> Path | None:
    """The closing backup (at most one a day). Only a failure is shown; closing goes on."""
    try:
        return backup_on_exit(database)
    except StorageError as error:
        log.warning("Exit backup failed: %s", error)
        QMessageBox.warning(parent, TITLE, f"Không sao lưu được khi đóng chương trình.\n\n{error}")
    except Exception:
        log.exception("Exit backup failed unexpectedly")
    return None
