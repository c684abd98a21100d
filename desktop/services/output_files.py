"""Files the app writes for the user (CSV, Excel, PDF): whole, or not at all.

A half-written report is worse than none, and a file Excel holds open must not be left
truncated: each writer fills a temporary file beside the target, which replaces the target
only once it is complete. Every failure becomes an :class:`ExportError` worded for the user.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


class ExportError(Exception):
    """The export cannot be written; ``str()`` is the Vietnamese reason."""


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """Yield the temporary path to write; on success it replaces *path*.

    On any failure the temporary file is removed and *path* is left as it was.
    """
    if not path.parent.is_dir():
        raise ExportError(f"Không ghi được “{path}”: thư mục “{path.parent}” không tồn tại.")
    temporary = path.with_name(path.name + TEMPORARY_SUFFIX)
    try:
        yield temporary
        if not temporary.exists():  # a writer that fails silently (QPdfWriter) leaves none
            raise ExportError(f"Không ghi được “{path}”: thư mục không cho ghi.")
        temporary.replace(path)
    except PermissionError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(
            f"Không ghi được “{path}”: tệp đang mở ở chương trình khác (ví dụ Excel) hoặc "
            "thư mục không cho ghi. Hãy đóng tệp rồi thử lại."
        ) from error
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"Không ghi được “{path}”: {error.strerror or error}.") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_bytes_whole(path: Path, data: bytes) -> Path:
    """Write *data* to *path* through :func:`written_whole`."""
    with written_whole(path) as temporary:
        temporary.write_bytes(data)
    return path
