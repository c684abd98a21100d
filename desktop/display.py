"""Whether the window can be shown here, decided before Qt is asked.

Without a display (an SSH session, a server) Qt's X11 plugin fails with "xcb-cursor0 is
needed", which sends the user after a library instead of a screen. The command line asks
here first: ``--screenshot`` needs no screen (it renders offscreen by itself); the window
gets a message in Vietnamese saying there is no display.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, MutableMapping

NO_DISPLAY = (
    "Không có màn hình để mở cửa sổ chương trình (biến DISPLAY và WAYLAND_DISPLAY đều "
    "trống, ví dụ khi đăng nhập từ xa qua SSH). Hãy chạy trên máy có màn hình, hoặc dùng "
    "các lệnh như “sonhiemvu list”, “sonhiemvu report”; “--screenshot” chụp cửa sổ mà "
    "không cần màn hình."
)


def has_display(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Windows and macOS always have one; elsewhere X11/Wayland, or a Qt platform chosen."""
    if not platform.startswith("linux") and "bsd" not in platform:
        return True
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def prepare_display(
    environ: MutableMapping[str, str], offscreen_ok: bool, platform: str = sys.platform
) -> str | None:
    """Choose offscreen rendering where it will do; the message to show when nothing will."""
    if has_display(environ, platform):
        return None
    if offscreen_ok:
        environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    return NO_DISPLAY
