"""The database as the window sees it: its handle, how to open it, where its backups go.

The window never imports :mod:`db` (a ruff ban in ``desktop/ui/ruff.toml``): whatever it
needs of the storage layer is named here, so the layering can be checked by a linter.
"""

from __future__ import annotations

from pathlib import Path

from db import Database, open_database
from db.backup import backup_dir
from db.engine import sqlite_file

__all__ = ["Database", "backups_folder", "open_database", "sqlite_file"]


def backups_folder(database: Database) -> Path | None:
    """The folder of automatic and menu backups (None when the database is not a file)."""
    return backup_dir(database.path) if database.path is not None else None
