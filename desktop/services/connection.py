"""Cài đặt › Cơ sở dữ liệu: where the data lives, a shared server's address and password.

A shared database is named by host, port, database and user; the password is kept only in
the operating system's credential store (``keyring``: Windows Credential Manager, the
macOS Keychain, the Secret Service on a Linux desktop), never in a file. Where there is no
such store (a Linux machine without one, CI), the window asks for the password each time.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL

from db import Database, StorageError
from db.errors import translate

SERVICE = "SoNhiemVu"
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class SharedServer:
    """A shared PostgreSQL database, as the office's administrator gave it."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT

    def url(self, password: str | None) -> str:
        """The SQLAlchemy URL (the password escaped, whatever characters it has)."""
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
        ).render_as_string(hide_password=False)

    @property
    def account(self) -> str:
        """The credential store's key for this server's password."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def problems(self) -> list[str]:
        missing = [
            label
            for label, value in (
                ("máy chủ", self.host),
                ("tên cơ sở dữ liệu", self.database),
                ("người dùng", self.user),
            )
            if not value.strip()
        ]
        found = [f"Hãy điền {', '.join(missing)}."] if missing else []
        if not 0 < self.port < 65536:
            found.append("Cổng phải là một số từ 1 đến 65535 (thường là 5432).")
        return found


def check_connection(server: SharedServer, password: str | None) -> str:
    """Connect, look, write nothing; the Vietnamese answer, or a StorageError saying why."""
    problems = server.problems()
    if problems:
        raise StorageError(" ".join(problems))
    database = Database(server.url(password))
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            tables = set(inspect(connection).get_table_names())
            tasks = (
                connection.execute(text("SELECT count(*) FROM tasks")).scalar_one()
                if "tasks" in tables
                else None
            )
    except StorageError:
        raise
    except Exception as error:
        known = translate(error)
        if known is None:
            raise StorageError(f"Không kết nối được: {error}") from error
        raise known from error
    finally:
        database.dispose()
    if tasks is None:
        return (
            "Kết nối thành công. Cơ sở dữ liệu còn trống: Sổ nhiệm vụ sẽ tạo các bảng khi "
            "dùng lần đầu; có thể chép dữ liệu của máy này sang."
        )
    return f"Kết nối thành công. Cơ sở dữ liệu đang có {tasks} nhiệm vụ."


def _store() -> object | None:
    """The OS credential store, or None when there is none (never a plain-text file)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    name = type(backend).__module__.lower()
    if isinstance(backend, fail.Keyring) or "file" in name or "alt" in name.split("."):
        return None
    return backend


def can_keep_passwords() -> bool:
    return _store() is not None


def stored_password(server: SharedServer) -> str | None:
    store = _store()
    if store is None:
        return None
    try:
        return store.get_password(SERVICE, server.account)  # type: ignore[attr-defined, no-any-return]
    except Exception:  # a locked or broken store: ask the user instead
        return None


def keep_password(server: SharedServer, password: str) -> bool:
    """Save the password in the OS store; False when there is none (then ask each time)."""
    store = _store()
    if store is None:
        return False
    try:
        store.set_password(SERVICE, server.account, password)  # type: ignore[attr-defined]
    except Exception:
        return False
    return True
