"""Storage errors split into the ones a user can act on and the ones that are bugs.

A *known* error carries a Vietnamese message saying what to do; everything else is logged
with its traceback and reported as an unexpected error.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import exc as sa_exc


class StorageError(Exception):
    """A storage problem the user can do something about. ``str()`` is the message."""

    message = "Không thể ghi hoặc đọc cơ sở dữ liệu."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class DatabaseLockedError(StorageError):
    message = (
        "Cơ sở dữ liệu đang bị một chương trình khác sử dụng (có thể là một cửa sổ Sổ nhiệm vụ "
        "khác). Hãy đóng chương trình đó rồi thử lại."
    )


class DatabaseDamagedError(StorageError):
    message = (
        "Tệp cơ sở dữ liệu bị hỏng hoặc không phải là cơ sở dữ liệu của Sổ nhiệm vụ. "
        "Không có gì được ghi vào tệp này. Hãy khôi phục từ một bản sao lưu."
    )


class DatabaseTooNewError(StorageError):
    message = (
        "Cơ sở dữ liệu này được tạo bởi một phiên bản Sổ nhiệm vụ mới hơn. "
        "Hãy cài phiên bản mới nhất để mở nó; dữ liệu không bị thay đổi."
    )


class DatabaseReadOnlyError(StorageError):
    message = (
        "Không có quyền ghi vào cơ sở dữ liệu (tệp hoặc thư mục chỉ cho phép đọc). "
        "Hãy nhờ người quản trị máy cấp quyền ghi cho tệp và thư mục đó."
    )


class ConcurrentWriteError(StorageError):
    message = (
        "Dữ liệu này vừa được người khác sửa cùng lúc; thay đổi của bạn chưa được lưu. "
        "Danh sách đã được đọc lại — hãy xem lại rồi làm lại nếu cần."
    )


class DiskFullError(StorageError):
    message = (
        "Ổ đĩa đã đầy nên không thể ghi dữ liệu. Không có gì bị mất; "
        "hãy giải phóng dung lượng rồi thử lại."
    )


class ServerUnreachableError(StorageError):
    message = (
        "Không kết nối được tới máy chủ cơ sở dữ liệu dùng chung. Hãy kiểm tra máy chủ đã "
        "bật, địa chỉ và cổng đúng, và máy này đang nối mạng văn phòng."
    )


class WrongPasswordError(StorageError):
    message = (
        "Máy chủ từ chối đăng nhập: sai tên người dùng hoặc mật khẩu. "
        "Hãy nhập lại mật khẩu, hoặc hỏi người quản trị máy chủ."
    )


class DatabaseMissingError(StorageError):
    message = (
        "Máy chủ không có cơ sở dữ liệu mang tên này. Hãy kiểm tra tên, "
        "hoặc nhờ người quản trị tạo một cơ sở dữ liệu trống."
    )


class PermissionDeniedError(StorageError):
    message = (
        "Tài khoản này không có quyền dùng cơ sở dữ liệu (đọc, ghi hoặc tạo bảng). "
        "Hãy nhờ người quản trị máy chủ cấp quyền; không có gì bị thay đổi."
    )


# PostgreSQL's SQLSTATE codes for what a user can act on (the server's own words are
# English and vary by version, so the code decides where there is one).
_SQLSTATES: dict[str, type[StorageError]] = {
    "28P01": WrongPasswordError,  # invalid_password
    "28000": PermissionDeniedError,  # invalid_authorization_specification (pg_hba)
    "3D000": DatabaseMissingError,  # invalid_catalog_name
    "42501": PermissionDeniedError,  # insufficient_privilege
    "40001": ConcurrentWriteError,  # serialization_failure
    "40P01": ConcurrentWriteError,  # deadlock_detected
    "53100": DiskFullError,  # disk_full
    "55P03": DatabaseLockedError,  # lock_not_available
}


def _translate_server(original: BaseException) -> StorageError | None:
    """A psycopg error, by its SQLSTATE; a failed connection (no code) by its words."""
    known = _SQLSTATES.get(getattr(original, "sqlstate", None) or "")
    if known is not None:
        return known()
    text = str(original).lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return WrongPasswordError()
    if "does not exist" in text and "database" in text:
        return DatabaseMissingError()
    if "permission denied" in text or "no pg_hba.conf entry" in text:
        return PermissionDeniedError()
    if type(original).__name__ == "OperationalError" and (
        "connection" in text or "timeout" in text or "host" in text or "server" in text
    ):
        return ServerUnreachableError()
    return None


def translate(error: BaseException) -> StorageError | None:
    """Map a driver error to the known storage error it stands for, if any."""
    if isinstance(error, StorageError):
        return error
    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if original is not None and type(original).__module__.startswith("psycopg"):
        return _translate_server(original)
    if not isinstance(original, sqlite3.Error | OSError):
        return None
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLockedError()
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return DatabaseReadOnlyError()
    if "disk is full" in text or "no space" in text or "database or disk is full" in text:
        return DiskFullError()
    if (
        "malformed" in text
        or "not a database" in text
        or "file is encrypted" in text
        or "disk i/o error" in text
    ):
        return DatabaseDamagedError()
    if "unable to open database" in text:
        return DatabaseReadOnlyError(
            "Không mở được tệp cơ sở dữ liệu. Hãy kiểm tra đường dẫn và quyền truy cập thư mục."
        )
    return None
