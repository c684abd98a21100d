"""Runtime hook of the bundle (pyinstaller.spec): what runs before the app's first import.

Two costs of a frozen start that the app does not need, each measured under Wine:

**One open file for the module archive.** PyInstaller 6 opens the executable afresh each
time it loads a module from the archive appended to it
(``pyimod01_archive.ZlibArchiveReader.extract``), so that the executable may be renamed
while it runs. The self-test loads about a thousand modules that way, and
under Wine an open costs ~0.7 ms: 800 opens of the .exe took 0.58 s, one open and 800
reads 0.001 s (Windows Python under Wine, this machine). On Windows every open of an .exe
also passes the antivirus filter. Nothing here renames the running executable — the
installer closes the app before an upgrade (``AppMutex``) — so one handle, kept open for
the process's life, serves every read.

Reads go through a lock: two threads may import at once (the read and write workers), and
they share the handle's position.

**No ``cmd /c ver`` at start.** On Python 3.11, ``platform.win32_ver()`` starts a command
shell to read the Windows version, and SQLAlchemy asks ``platform.machine()`` when it is
imported, which goes through it: a child process at every start (0.1–0.15 s under Wine; on
Windows a ``cmd.exe`` that antivirus software watches). Without the shell, ``win32_ver``
takes the same figures from ``sys.getwindowsversion().platform_version`` — its own
fallback, and what Python 3.12 reads instead.

Run as a runtime hook only in a frozen build; the tests call each function on a stand-in.
"""

from __future__ import annotations

import sys
import threading
import types
from typing import IO, Any


class SharedHandles:
    """``open(name, "rb")`` for the archive reader: one handle per file, used under a lock."""

    def __init__(self) -> None:
        self._open = open
        self._lock = threading.Lock()
        self._handles: dict[str, IO[bytes]] = {}

    def open(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str) and mode == "rb" and not args and not kwargs:
            return _Borrowed(self, file)
        return self._open(file, mode, *args, **kwargs)

    def borrow(self, name: str) -> IO[bytes]:
        self._lock.acquire()
        try:
            handle = self._handles.get(name)
            if handle is None or handle.closed:
                handle = self._handles[name] = self._open(name, "rb")
        except BaseException:
            self._lock.release()
            raise
        return handle

    def give_back(self) -> None:
        self._lock.release()

    def close(self) -> None:
        with self._lock:
            for handle in self._handles.values():
                handle.close()
            self._handles.clear()


class _Borrowed:
    """What ``with open(name, "rb") as fp:`` gets: the shared handle, the lock held inside."""

    def __init__(self, handles: SharedHandles, name: str) -> None:
        self._handles = handles
        self._name = name

    def __enter__(self) -> IO[bytes]:
        return self._handles.borrow(self._name)

    def __exit__(self, *_exc: object) -> None:
        self._handles.give_back()


def share_archive_handle(archive: types.ModuleType) -> SharedHandles | None:
    """Give *archive*'s reader the shared ``open``; None (nothing changed) for another reader."""
    reader = getattr(archive, "ZlibArchiveReader", None)
    if reader is None or not callable(getattr(reader, "extract", None)):
        return None
    handles = SharedHandles()
    archive.open = handles.open  # type: ignore[attr-defined]  # the module's global `open`
    return handles


def _no_shell(
    system: str = "", release: str = "", version: str = "", *_args: Any, **_kwargs: Any
) -> tuple[str, str, str]:
    return system, release, version  # what _syscmd_ver returns when the shell fails


def skip_version_command(platform_module: types.ModuleType, platform_name: str) -> bool:
    """Stop *platform_module* starting ``cmd /c ver`` on Windows; False where nothing to stop."""
    if platform_name != "win32" or not callable(getattr(platform_module, "_syscmd_ver", None)):
        return False
    platform_module._syscmd_ver = _no_shell  # type: ignore[attr-defined]
    return True


if getattr(sys, "frozen", False):
    if "pyimod01_archive" in sys.modules:
        share_archive_handle(sys.modules["pyimod01_archive"])
    import platform

    skip_version_command(platform, sys.platform)
