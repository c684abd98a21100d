"""A named Windows mutex held while the app runs, so the installer can tell it is open.

Inno Setup's ``AppMutex`` (``resources/installer/sonhiemvu.iss``) names the same mutex: an
upgrade or an uninstall started while the window is open asks the user to close it first
instead of failing to replace a file in use. The mutex is only a signal to the installer —
one window per data folder is :mod:`desktop.ui.single_instance`'s job.

Qt-free and a no-op off Windows. The handle is never closed: Windows releases it when the
process ends, however it ends.
"""

from __future__ import annotations

import sys

# Keep in step with AppMutex in resources/installer/sonhiemvu.iss.
MUTEX_NAME = "SoNhiemVu.Running.5E0B6C1A"
# The session-local name is enough for one user; the Global\ one lets an installer in another
# session (fast user switching) see it too. Creating it may be refused; that is harmless.
MUTEX_NAMES = (MUTEX_NAME, "Global\\" + MUTEX_NAME)

_handles: list[int] = []


def hold_app_mutex() -> bool:
    """Create the app's named mutexes (Windows only); True if at least one was created."""
    if sys.platform != "win32" or _handles:
        return bool(_handles)
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    create_mutex = kernel32.CreateMutexW
    create_mutex.argtypes = [wintypes.LPVOID, wintypes.BOOL, wintypes.LPCWSTR]
    create_mutex.restype = wintypes.HANDLE
    for name in MUTEX_NAMES:
        handle = create_mutex(None, False, name)
        if handle:
            _handles.append(handle)
    return bool(_handles)
