"""Where an export, a report, an extraction or a backup may be written: one rule for all.

A typo or a careless tab completion (``-o sonhiemvu.sqlite3``, ``backup -o hopdong.docx``)
used to overwrite the live database with CSV or a Word file with SQLite pages. So:

* nothing is ever written over the database in use (nor its ``-wal``/``-shm``/``-journal``),
  not even when asked to force it: that is the user's only copy of their work;
* an existing file is replaced only when it is of the same kind as what is being written
  (by its extension *and* its first bytes), unless the caller says *force* — the command
  line's ``--force``, or the window once the user confirmed the save dialog's
  "replace?" question;
* a folder is never a file to write.

The command line calls :func:`check_output_path` before every write; the window's save
dialogs should call it with ``force=True`` after the dialog's own confirmation.
"""

from __future__ import annotations

import enum
import os
from pathlib import Path

from db import StorageError
from db.backup import SIDE_FILES, is_app_database

_SNIFF_BYTES = 4096


class OutputKind(enum.Enum):
    """What is about to be written, with the extensions and contents it may replace."""

    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"
    JSON = "json"
    BACKUP = "backup"


_LABELS = {
    OutputKind.CSV: "tệp CSV",
    OutputKind.XLSX: "sổ tính Excel",
    OutputKind.PDF: "tệp PDF",
    OutputKind.JSON: "tệp nhiệm vụ JSON",
    OutputKind.BACKUP: "bản sao lưu",
}
_SUFFIXES = {
    OutputKind.CSV: frozenset({".csv"}),
    OutputKind.XLSX: frozenset({".xlsx"}),
    OutputKind.PDF: frozenset({".pdf"}),
    OutputKind.JSON: frozenset({".json"}),
    OutputKind.BACKUP: frozenset({".sqlite3", ".sqlite", ".db", ".bak"}),
}
_CONTENTS = {
    OutputKind.CSV: "text",
    OutputKind.XLSX: "zip",
    OutputKind.PDF: "pdf",
    OutputKind.JSON: "text",
    OutputKind.BACKUP: "sqlite",
}
_CONTENT_LABELS = {
    "sqlite": "cơ sở dữ liệu SQLite",
    "pdf": "tệp PDF",
    "zip": "tệp Word/Excel/ZIP",
    "text": "tệp văn bản",
    "binary": "tệp nhị phân",
}


class OutputRefusedError(StorageError):
    """The chosen output path would destroy something; ``str()`` says what and what to do."""


def content_kind(path: Path) -> str:
    """What a file holds, from its first bytes: sqlite, pdf, zip, text or binary."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if b"\x00" in head:
        return "binary"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sniff window is still text.
        if error.start < len(head) - 3:
            return "binary"
    return "text"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _is_database(target: Path, database_path: Path | None) -> bool:
    if database_path is None:
        return False
    candidates = [database_path, *(Path(str(database_path) + s) for s in SIDE_FILES)]
    resolved = target.resolve()
    return any(resolved == c.resolve() or _same_file(target, c) for c in candidates)


def check_output_path(
    target: Path, kind: OutputKind, *, database_path: Path | None, force: bool = False
) -> None:
    """Refuse *target* unless writing a *kind* there destroys nothing.

    Args:
        database_path: the SQLite file in use (``None`` for a server database).
        force: replace an existing file of another kind (the user asked for it).
    """
    if target.is_dir():
        raise OutputRefusedError(f"“{target}” là một thư mục; hãy chọn tên tệp để ghi.")
    if _is_database(target, database_path):
        raise OutputRefusedError(
            f"Không thể ghi {_LABELS[kind]} đè lên “{target.name}”: đó là cơ sở dữ liệu đang "
            "dùng. Hãy chọn tên tệp khác. Dữ liệu không bị thay đổi."
        )
    if force or not target.exists():
        return
    try:
        if target.stat().st_size == 0:
            return
        found = content_kind(target)
    except OSError as error:
        raise OutputRefusedError(
            f"Không đọc được tệp đã có “{target}”: {error.strerror or error}."
        ) from error
    if target.suffix.lower() in _SUFFIXES[kind] and found == _CONTENTS[kind]:
        if kind is not OutputKind.BACKUP or is_app_database(target):
            return
        raise OutputRefusedError(
            f"Tệp “{target.name}” đã có và là cơ sở dữ liệu của một chương trình khác; không "
            "ghi đè. Hãy chọn tên tệp khác (trên dòng lệnh: thêm --force nếu thật sự muốn thay "
            "tệp đó). Tệp không bị thay đổi."
        )
    shown = f"{_CONTENT_LABELS[found]} ({target.suffix or 'không đuôi'})"
    raise OutputRefusedError(
        f"Tệp “{target.name}” đã có và là {shown}, "
        f"không phải {_LABELS[kind]}; không ghi đè. Hãy chọn tên tệp khác (trên dòng lệnh: "
        "thêm --force nếu thật sự muốn thay tệp đó). Tệp không bị thay đổi."
    )
