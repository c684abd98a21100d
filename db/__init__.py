"""The database layer: models, engine factory, migrations, backups. No Qt here."""

from db.engine import Database, default_database_url, open_database
from db.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    DatabaseTooNewError,
    DiskFullError,
    StorageError,
)

__all__ = [
    "Database",
    "DatabaseDamagedError",
    "DatabaseLockedError",
    "DatabaseReadOnlyError",
    "DatabaseTooNewError",
    "DiskFullError",
    "StorageError",
    "default_database_url",
    "open_database",
]
