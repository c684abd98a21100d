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


class DiskFullError(StorageError):
    message = (
        "Ổ đĩa đã đầy nên không thể ghi dữ liệu. Không có gì bị mất; "
        "hãy giải phóng dung lượng rồi thử lại."
    )


def translate(error: BaseException) -> StorageError | None:
    """Map a driver error to the known storage error it stands for, if any."""
    if isinstance(error, StorageError):
        return error
    original = error.orig if isinstance(error, sa_exc.DBAPIError) else error
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
