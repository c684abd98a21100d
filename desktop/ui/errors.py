"""What the user sees when something goes wrong: one Vietnamese sentence, never a traceback.

Known errors (a storage problem, an edit the services refuse) carry their own Vietnamese
message. Anything else is a bug: its details go to the log file in the data folder and
the dialog says where, and the app keeps running.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.logs import log_path
from desktop.services.errors import is_known

log = logging.getLogger(__name__)

TITLE = "Sổ nhiệm vụ"


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the user about *error*: its own message if known, else a pointer to the log."""
    if is_known(error):
        log.info("Refused: %s", error)
        QMessageBox.warning(parent, TITLE, str(error))
        return
    log.error("Unexpected error", exc_info=(type(error), error, error.__traceback__))
    QMessageBox.critical(parent, TITLE, unexpected_message())


class ShownErrors:
    """The ``with`` block of :func:`errors_shown`; ``failed`` says whether it raised."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent
        self.failed = False

    def __enter__(self) -> ShownErrors:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> bool:
        if error is None or not isinstance(error, Exception):
            return False  # nothing raised, or KeyboardInterrupt/SystemExit: let it go
        self.failed = True
        show_error(self.parent, error)
        return True


def errors_shown(parent: QWidget | None) -> ShownErrors:
    """Run a user's action and show any error it raises, instead of copying try/except.

    ``with errors_shown(self) as attempt: …`` then ``if attempt.failed: return``. The
    services have already rolled back, so the user is told and the window carries on.
    """
    return ShownErrors(parent)


def unexpected_message() -> str:
    return (
        "Đã xảy ra lỗi không mong đợi. Chi tiết đã được ghi vào tệp nhật ký:\n"
        f"{log_path()}\n\n"
        "Dữ liệu đã lưu không bị mất; bạn có thể tiếp tục làm việc. "
        "Nếu lỗi lặp lại, hãy gửi tệp nhật ký này cho người hỗ trợ."
    )


Hook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


class ExceptHook:
    """``sys.excepthook`` for the GUI: log, show one dialog, keep the event loop going.

    A second error raised while the dialog is open (e.g. from a paint event) is only logged,
    so one bug cannot stack up dialogs.
    """

    def __init__(self) -> None:
        self._showing = False
        self.previous: Hook | None = None

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if is_known(error):
            log.warning("Uncaught known error: %s", error)
        else:
            log.error("Uncaught exception", exc_info=(kind, error, trace))
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            if is_known(error):
                QMessageBox.warning(parent, TITLE, str(error))
            else:
                QMessageBox.critical(parent, TITLE, unexpected_message())
        finally:
            self._showing = False

    def install(self) -> None:
        self.previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self and self.previous is not None:
            sys.excepthook = self.previous
