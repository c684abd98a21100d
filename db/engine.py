"""The engine factory: a URL in, a ready (migrated, checked) database out.

The database is a URL so that a committee can move to a shared PostgreSQL server; SQLite
is the default. The handle itself is :class:`db.database.Database`; this module resolves
the URL, opens the handle and brings its schema to the head (:mod:`db.migrate`).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import make_url

from db.database import BUSY_TIMEOUT_MS, Database
from db.identity import refuse_foreign
from db.migrate import upgrade_to_head

APP_NAME = "SoNhiemVu"
DB_FILENAME = "sonhiemvu.sqlite3"
ENV_VAR = "SONHIEMVU_DB"


def data_dir() -> Path:
    """The per-user folder for the database, backups and logs (never the install folder)."""
    override = os.environ.get("SONHIEMVU_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / DB_FILENAME}"


# The URL schemes a user types for a PostgreSQL server, all served by psycopg 3 (its binary
# wheels: the Windows bundle needs no client library installed).
POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
PSYCOPG_SCHEME = "postgresql+psycopg://"


def resolve_url(url_or_path: str | os.PathLike[str] | None) -> str:
    """Accept a URL, a plain file path, or nothing (``SONHIEMVU_DB``, then the default).

    ``postgresql://user@host:port/db`` (what an administrator writes) becomes
    ``postgresql+psycopg://…``: SQLAlchemy's bare ``postgresql`` means psycopg2, which is
    not installed and would need a client library on Windows.
    """
    value = os.fspath(url_or_path) if url_or_path is not None else os.environ.get(ENV_VAR)
    if not value:
        return default_database_url()
    for scheme in POSTGRES_SCHEMES:
        if value.startswith(scheme):
            return PSYCOPG_SCHEME + value[len(scheme) :]
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def is_server_url(url_or_path: str | os.PathLike[str] | None) -> bool:
    """Whether the database is on a server (PostgreSQL) rather than a file on this PC."""
    return make_url(resolve_url(url_or_path)).get_backend_name() == "postgresql"


def sqlite_file(url_or_path: str | os.PathLike[str] | None) -> Path | None:
    """The file behind a SQLite URL or path; None for other engines and in-memory ones."""
    parsed = make_url(resolve_url(url_or_path))
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database)


def open_database(
    url_or_path: str | os.PathLike[str] | None = None,
    *,
    migrate: bool = True,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    create_folder: bool = True,
) -> Database:
    """Open, check and migrate the database, ready for the services.

    Args:
        create_folder: ``False`` for a command that only reads: a mistyped ``--db`` must
            not leave new folders and an empty database behind.
    """
    path = sqlite_file(url_or_path)
    if path is not None:
        refuse_foreign(path)  # before any connection: opening read-write changes a file
    database = Database(
        resolve_url(url_or_path), busy_timeout_ms=busy_timeout_ms, create_folder=create_folder
    )
    try:
        database.quick_check()
        if migrate:
            upgrade_to_head(database)
    except BaseException:
        database.dispose()
        raise
    return database
