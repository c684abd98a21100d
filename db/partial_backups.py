"""Unfinished backup copies (``*.part``): named after their writer, removed once it is gone.

A backup is written to ``<name>.<pid>.part`` and renamed when checked. A backup killed
half-way (power cut, kill -9, a full USB stick) used to leave its ``.part`` for ever, and
rotation never saw it: three killed backups left a gigabyte behind. Any ``.part`` whose
writer is no longer running is now removed before each backup, in each rotation and when
the window starts. A ``.part`` of a running process is another backup in progress and is
left alone.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

log = logging.getLogger(__name__)

PART_SUFFIX = ".part"
_OWNER = re.compile(r"\.(\d{1,10})\.part$")


def partial_path(target: Path) -> Path:
    """Where the copy for *target* is written until it is checked and renamed."""
    return target.with_name(f"{target.name}.{os.getpid()}{PART_SUFFIX}")


def process_alive(pid: int) -> bool:
    """Whether process *pid* is running (on this computer)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the ``.part`` files in *folder* whose writer has gone; return them.

    A name without a writer's pid comes from a version that did not record it: nothing
    can still be writing it that would not also have written a pid, so it is stale.
    """
    if not folder.is_dir():
        return []
    removed = []
    for part in folder.glob(f"*{PART_SUFFIX}"):
        match = _OWNER.search(part.name)
        owner = int(match.group(1)) if match else None
        if owner is not None and (owner == os.getpid() or process_alive(owner)):
            continue
        try:
            part.unlink()
        except OSError as error:  # read-only stick, file held open: try again next time
            log.warning("Could not remove the unfinished backup %s: %s", part, error)
            continue
        removed.append(part)
    if removed:
        log.info("Removed %d unfinished backup file(s) in %s", len(removed), folder)
    return removed
