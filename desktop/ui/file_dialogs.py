"""Where the file dialogs open: in Documents at first, then where the user last went.

A dialog started with an empty folder opens in the program's working folder — on Windows
the install folder, where no secretary keeps her files — and forgets what she chose. Each
kind of file (documents to import, exports and reports, backups) remembers its own last
folder, in the window's settings, so the next export goes beside the last one and the
next import comes from where the documents are.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths


class FolderKind(StrEnum):
    IMPORT = "import"
    EXPORT = "export"
    BACKUP = "backup"


_settings: list[QSettings] = []  # the window's settings, once it has given them
_session: dict[str, str] = {}  # without settings (tests, the command line): this run only


def use_settings(settings: QSettings) -> None:
    """Remember folders in *settings* (the main window's) from now on."""
    _settings[:] = [settings]


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def start_folder(kind: FolderKind) -> Path:
    """The folder a dialog for *kind* opens in: the last one used if it still exists."""
    key = f"folders/{kind.value}"
    saved = _settings[0].value(key) if _settings else _session.get(key)
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def remember(kind: FolderKind, chosen: Path) -> None:
    """Note the folder of the file the user just chose for *kind*."""
    key = f"folders/{kind.value}"
    folder = str(chosen.parent)
    if _settings:
        _settings[0].setValue(key, folder)
    else:
        _session[key] = folder
