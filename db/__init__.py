"""The database layer: models, engine factory, migrations, backups. No Qt here."""

from db.database import Database
from db.engine import default_database_url, open_database
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
