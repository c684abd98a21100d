"""Where the main window goes on the screen it opens on: always wholly inside it.

The first run used to open at 1366×768 whatever the screen, so on a 1366×768 laptop with
a taskbar the status bar was off screen, and at 1024×768 columns and buttons were out of
reach even maximised. The size now comes from the screen's *available* geometry (the
screen less the taskbar), and a saved geometry is used only when it still fits there —
the laptop that saved it may now be on a smaller projector.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

PREFERRED = QSize(1366, 768)
"""The size the window is designed for; smaller screens get what they have."""


def default_geometry(available: QRect) -> QRect:
    """The preferred size, shrunk to *available* and centred in it."""
    size = PREFERRED.boundedTo(available.size())
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    return rect


def fits(frame: QRect, available: QRect) -> bool:
    """Whether a window whose frame is *frame* lies wholly on the available screen."""
    return available.contains(frame)


def fitted(frame: QRect, available: QRect) -> QRect:
    """*frame* moved (and, if it must, shrunk) to lie wholly inside *available*."""
    size = frame.size().boundedTo(available.size())
    rect = QRect(frame.topLeft(), size)
    if rect.right() > available.right():
        rect.moveRight(available.right())
    if rect.bottom() > available.bottom():
        rect.moveBottom(available.bottom())
    if rect.left() < available.left():
        rect.moveLeft(available.left())
    if rect.top() < available.top():
        rect.moveTop(available.top())
    return rect
