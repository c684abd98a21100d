"""The window fits the available screen at 1024×768 and 1366×768 (less a taskbar)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings
from PySide6.QtWidgets import QWidget

from desktop.ui.main_window import MainWindow
from desktop.ui.task_table_model import COL_QUARTER, COL_STATUS, HEADERS
from desktop.ui.window_geometry import default_geometry, fits

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TASKBAR = 40
SCREENS = [QRect(0, 0, 1024, 768 - TASKBAR), QRect(0, 0, 1366, 768 - TASKBAR)]


def _inside(widget: QWidget, window: MainWindow) -> bool:
    """Whether *widget* is shown wholly within the window's client area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    return widget.isVisible() and window.rect().contains(rect)


@pytest.mark.parametrize("available", SCREENS, ids=["1024x728", "1366x728"])
def test_first_run_fits_the_available_screen(
    qtbot: Any, window: MainWindow, available: QRect
) -> None:
    window.place_on_screen(available)
    qtbot.waitUntil(lambda: window.width() <= available.width())
    assert fits(window.frameGeometry(), available)
    assert window.minimumSizeHint().width() <= available.width()
    assert window.minimumSizeHint().height() <= available.height()
    # Everything the user needs is on screen: status bar, filter, banner's close button.
    assert _inside(window.statusBar(), window)
    assert _inside(window.status_filter, window)
    assert _inside(window.search, window)
    # Every column is in view: the table never scrolls sideways; long texts elide.
    header = window.table.horizontalHeader()
    assert header.length() <= window.table.viewport().width()
    for column in (COL_QUARTER, COL_STATUS, len(HEADERS) - 1):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= window.table.viewport().width()
    assert not window.table.horizontalScrollBar().isVisible()


def test_saved_geometry_is_kept_only_when_it_fits(
    qtbot: Any, window: MainWindow, settings: QSettings
) -> None:
    small, large = SCREENS
    window.place_on_screen(large)
    qtbot.waitUntil(lambda: window.width() > small.width())
    window.save_settings()
    saved = window.frameGeometry()
    # Reopened on the same screen: where it was left.
    window.place_on_screen(large, keep=True)
    assert window.frameGeometry() == saved
    # Reopened on a smaller one (a projector): made to fit, not off screen.
    window.place_on_screen(small, keep=True)
    qtbot.waitUntil(lambda: window.width() <= small.width())
    assert fits(window.frameGeometry(), small)
    assert isinstance(settings.value("window/geometry"), QByteArray)


def test_default_geometry_is_centred_and_bounded() -> None:
    assert default_geometry(QRect(0, 0, 1920, 1040)) == QRect(277, 136, 1366, 768)
    assert default_geometry(QRect(0, 0, 1024, 728)).size().toTuple() == (1024, 728)
