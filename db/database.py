"""The database handle: an engine plus a session factory, for SQLite or a server.

Kept apart from :mod:`db.engine` (which opens *and migrates*) so that :mod:`db.migrate`
can take a :class:`Database` without importing the module that calls it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.errors import ConcurrentWriteError, DatabaseDamagedError, StorageError, translate

# The change counter (table ``data_version``, migration 0007): bumped once at the end of
# every transaction that wrote, inside that transaction, so it moves exactly when data did.
WROTE = "sonhiemvu_wrote"
WRITES = ("INSERT", "UPDATE", "DELETE")
_BUMP = text("UPDATE data_version SET counter = counter + 1 WHERE id = 1 RETURNING counter")
_READ = text("SELECT counter FROM data_version WHERE id = 1")

BUSY_TIMEOUT_MS = 5000
# How long to wait for a PostgreSQL server before saying it cannot be reached.
CONNECT_TIMEOUT_S = 5


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


def _note_writes(
    connection: Any, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any
) -> None:
    if statement.lstrip()[:6].upper() in WRITES:
        connection.info[WROTE] = True


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
        self.is_postgresql = parsed.get_backend_name() == "postgresql"
        connect_args: dict[str, Any] = {}
        engine_args: dict[str, Any] = {}
        if self.is_postgresql:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
            # A server restarts or drops idle connections; test each before use so the
            # next click works instead of failing on a dead connection.
            engine_args["pool_pre_ping"] = True
        if self.is_sqlite:
            connect_args["timeout"] = busy_timeout_ms / 1000
            if self.path is not None:
                if not create_folder and not self.path.parent.is_dir():
                    raise StorageError(
                        f"Không có thư mục “{self.path.parent}” chứa cơ sở dữ liệu. Lệnh đọc "
                        "không tạo gì cả; hãy kiểm tra đường dẫn --db."
                    )
                self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, connect_args=connect_args, **engine_args)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        event.listen(self.engine, "after_cursor_execute", _note_writes)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # The counter after this process's last write: a poll that finds it unchanged
        # knows nobody else wrote.
        self.last_written_version: int | None = None
        self._counter_known: bool | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose whole body is one transaction; known errors become StorageError."""
        session = self._sessions()
        try:
            with session.begin():
                connection = session.connection()
                connection.info[WROTE] = False
                yield session
                session.flush()
                if connection.info.pop(WROTE, False) and self._has_counter(connection):
                    self.last_written_version = connection.execute(_BUMP).scalar()
        except StorageError:
            raise
        except StaleDataError as error:
            raise ConcurrentWriteError() from error
        except Exception as error:
            known = translate(error)
            if known is not None:
                raise known from error
            raise
        finally:
            session.close()

    @property
    def shown_url(self) -> str:
        """The URL for messages and logs: a server's password never appears in either."""
        return make_url(self.url).render_as_string(hide_password=True)

    def _has_counter(self, connection: Connection) -> bool:
        """False on a database not yet migrated to 0007 (the upgrade itself writes)."""
        if self._counter_known is None:
            self._counter_known = inspect(connection).has_table("data_version")
        return self._counter_known

    def data_version(self) -> int:
        """The change counter now: it differs from the last one read when data changed."""
        try:
            with self.engine.connect() as connection:
                return int(connection.execute(_READ).scalar() or 0)
        except Exception as error:
            known = translate(error)
            if known is not None:
                raise known from error
            raise

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
