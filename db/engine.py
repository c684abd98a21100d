"""The engine factory: a URL in, a ready (migrated, checked) database out.

The database is a URL so that a committee can move to a shared PostgreSQL server; SQLite
is the default, and everything SQLite-specific (pragmas, file paths, the backup API)
lives here and in :mod:`db.backup`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db.errors import DatabaseDamagedError, StorageError, translate

APP_NAME = "SoNhiemVu"
DB_FILENAME = "sonhiemvu.sqlite3"
ENV_VAR = "SONHIEMVU_DB"
BUSY_TIMEOUT_MS = 5000


def data_dir() -> Path:
    """The per-user folder for the database, backups and logs (never the install folder)."""
    override = os.environ.get("SONHIEMVU_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / DB_FILENAME}"


def resolve_url(url_or_path: str | os.PathLike[str] | None) -> str:
    """Accept a URL, a plain file path, or nothing (``SONHIEMVU_DB``, then the default)."""
    value = os.fspath(url_or_path) if url_or_path is not None else os.environ.get(ENV_VAR)
    if not value:
        return default_database_url()
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_file(url_or_path: str | os.PathLike[str] | None) -> Path | None:
    """The file behind a SQLite URL or path; None for other engines and in-memory ones."""
    parsed = make_url(resolve_url(url_or_path))
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database)


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # WAL keeps readers and the writer apart; FULL syncs each commit so a power cut
        # loses nothing that was reported saved.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return on_connect


class Database:
    """An engine plus a session factory; sessions are short and per call.

    Args:
        url: SQLAlchemy URL (``sqlite:///path`` or ``postgresql://…``).
        busy_timeout_ms: how long a SQLite writer waits for a lock before giving up.
    """

    def __init__(
        self, url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, create_folder: bool = True
    ) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = (
            Path(parsed.database) if self.is_sqlite and parsed.database else None
        )
        connect_args: dict[str, Any] = {}
        if self.is_sqlite:
            connect_args["timeout"] = busy_timeout_ms / 1000
            if self.path is not None:
                if not create_folder and not self.path.parent.is_dir():
                    raise StorageError(
                        f"Không có thư mục “{self.path.parent}” chứa cơ sở dữ liệu. Lệnh đọc "
                        "không tạo gì cả; hãy kiểm tra đường dẫn --db."
                    )
                self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, connect_args=connect_args)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose whole body is one transaction; known errors become StorageError."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except StorageError:
            raise
        except Exception as error:
            known = translate(error)
            if known is not None:
                raise known from error
            raise
        finally:
            session.close()

    def raw_sqlite(self) -> sqlite3.Connection:
        """A plain sqlite3 connection to the same file (backups, integrity checks)."""
        if self.path is None:
            raise StorageError("Chức năng này chỉ dùng được với cơ sở dữ liệu SQLite.")
        return sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)

    def quick_check(self) -> None:
        """Raise :class:`DatabaseDamagedError` unless ``PRAGMA quick_check`` says ok."""
        if not self.is_sqlite or self.path is None or not self.path.exists():
            return
        try:
            with self.engine.connect() as connection:
                rows = connection.execute(text("PRAGMA quick_check")).fetchall()
        except Exception as error:
            known = translate(error)
            if known is not None:
                raise known from error
            raise
        if [tuple(r) for r in rows] != [("ok",)]:
            raise DatabaseDamagedError()

    def dispose(self) -> None:
        self.engine.dispose()


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
    from db.identity import refuse_foreign
    from db.migrate import upgrade_to_head

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
