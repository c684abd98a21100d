"""Writes off the GUI thread, one at a time, as Anki's ``CollectionOp`` runs them.

An import, a restore or a backup can take seconds (13.5 s for 100,000 tasks), or wait up
to five seconds on a database another program holds. On the GUI thread they froze the
window. A :class:`WriteOp` runs the service call on the single writer thread (so two
writes never race each other), shows a progress dialog and the busy cursor meanwhile,
and, back on the GUI thread, broadcasts the write's :class:`Change` with its initiator
before calling the caller's ``success``.

A form's small edits (save progress, an undo, a rename) want their result at once, to show
it: :func:`write_and_wait` runs them on the same writer thread and waits in a local event
loop, so a database another program holds locked makes the window wait with the busy
cursor, still painting, instead of freezing for SQLite's five-second busy timeout.

Reads have their own pool (:mod:`desktop.ui.background`); they go on while a write runs,
as SQLite's WAL lets them.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import Change
from desktop.services.progress import CancelledError, WorkProgress
from desktop.ui.background import AppPool, outcome
from desktop.ui.errors import show_error
from desktop.ui.signals import AppSignals

log = logging.getLogger(__name__)

R = TypeVar("R")

# The app's one writer thread: writes queue here and run in the order asked.
_writes = AppPool("writer", 1)
_running: set[WriteOp[Any]] = set()

# A short write that has not finished by then is waiting for the database: say so.
WAIT_NOTICE_MS = 400
WAIT_NOTICE = (
    "Đang chờ ghi dữ liệu… Cơ sở dữ liệu đang bận (một chương trình hoặc một máy khác đang "
    "ghi vào đó); Sổ nhiệm vụ sẽ ghi ngay khi được."
)


def wait_for_writes(msecs: int = 60_000) -> bool:
    """Cancel what can be cancelled, then wait for every write to end (window close)."""
    for op in list(_running):
        if op.cancellable:
            op.progress.cancel()
    return _writes.wait(msecs)


class ProgressDialog(QDialog):
    """A label, a bar and, for a write that can stop, a Hủy button.

    It cannot be closed while the write runs (the write would go on unseen); Hủy asks the
    write to stop and the dialog closes once it has rolled back.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, label: str, cancellable: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sổ nhiệm vụ")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self._closable = False
        layout = QVBoxLayout(self)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first step says how much there is
        layout.addWidget(self.bar)
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.clicked.connect(self._cancel)
        self.cancel_button.setVisible(cancellable)
        layout.addWidget(self.buttons)

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def finish(self) -> None:
        self._closable = True
        self.done(0)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Đang hủy… dữ liệu được giữ nguyên như trước.")
        self.cancel_requested.emit()

    def reject(self) -> None:  # Escape
        if self._closable:
            super().reject()
        elif self.cancel_button.isVisible() and self.cancel_button.isEnabled():
            self._cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closable:
            super().closeEvent(event)
        else:
            event.ignore()
            self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


_DoneHandler = Callable[[Any, "Exception | None"], None]


class _Dispatcher(QObject):
    """The one relay between the writer thread and the GUI thread, for the app's life.

    Made on the GUI thread and owned by the application, so that no worker ever holds the
    last reference to a Qt object that lives on the GUI thread (freeing it there is
    undefined in Qt). Each write has a number; its handlers wait here until its answer
    comes back, and are dropped then.
    """

    progressed = Signal(int, int, int)
    done = Signal(int, object, object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._handlers: dict[int, tuple[Callable[[int, int], None], _DoneHandler]] = {}
        self._numbers = itertools.count(1)
        self.progressed.connect(self._progressed)
        self.done.connect(self._done)

    def number(self) -> int:
        return next(self._numbers)

    def expect(
        self, number: int, on_progress: Callable[[int, int], None], on_done: _DoneHandler
    ) -> None:
        self._handlers[number] = (on_progress, on_done)

    def _progressed(self, number: int, done: int, total: int) -> None:
        handlers = self._handlers.get(number)
        if handlers is not None:
            handlers[0](done, total)

    def _done(self, number: int, result: Any, error: Exception | None) -> None:
        handlers = self._handlers.pop(number, None)
        if handlers is not None:
            handlers[1](result, error)


_dispatcher: _Dispatcher | None = None


def _dispatch() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None or not shiboken6.isValid(_dispatcher):
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("writes need the QApplication")
        _dispatcher = _Dispatcher(app)
    return _dispatcher


class _Job(QRunnable):
    """Holds no Qt object: what it emits through is the dispatcher, which outlives it."""

    def __init__(self, number: int, call: Callable[[], Any], dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._number = number
        self._call = call
        self._done = dispatcher.done

    def run(self) -> None:
        result, error = outcome(self._call)
        self._done.emit(self._number, result, error)


class WriteOp(Generic[R]):
    """One write: ``WriteOp(parent, label, call).success(…).run(signals, …)``.

    Args:
        call: the service call; it receives the :class:`WorkProgress` to report to (and,
            when cancellable, to stop at).
        change_of: the :class:`Change` the result stands for, broadcast on success.
    """

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        call: Callable[[WorkProgress], R],
        *,
        change_of: Callable[[R], Change] | None = None,
        cancellable: bool = False,
    ) -> None:
        self.parent = parent
        self.label = label
        self.cancellable = cancellable
        self._call = call
        self._change_of = change_of
        self._on_success: Callable[[R], None] = lambda _result: None
        self._on_failure: Callable[[Exception], None] = lambda error: show_error(parent, error)
        self._on_cancelled: Callable[[], None] = lambda: None
        self._dispatcher = dispatcher = _dispatch()
        self._number = number = dispatcher.number()
        # The signal is bound here, on the GUI thread; the writer only emits it.
        progressed = dispatcher.progressed
        self.progress = WorkProgress(lambda done, total: progressed.emit(number, done, total))
        self.dialog: ProgressDialog | None = None
        self.running = False
        self._signals: AppSignals | None = None
        self._initiator: object | None = None

    def success(self, handler: Callable[[R], None]) -> WriteOp[R]:
        self._on_success = handler
        return self

    def failure(self, handler: Callable[[Exception], None]) -> WriteOp[R]:
        """Replace the default (:func:`show_error` on the parent)."""
        self._on_failure = handler
        return self

    def cancelled(self, handler: Callable[[], None]) -> WriteOp[R]:
        self._on_cancelled = handler
        return self

    def run(self, signals: AppSignals | None = None, initiator: object | None = None) -> WriteOp[R]:
        """Start the write; the window keeps repainting while it runs."""
        self._signals = signals
        self._initiator = initiator
        self.running = True
        _running.add(self)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.dialog = ProgressDialog(self.parent, self.label, self.cancellable)
        self.dialog.cancel_requested.connect(self.progress.cancel)
        self.dialog.open()
        progress, call = self.progress, self._call
        self._dispatcher.expect(self._number, self._progressed, self._done)
        _writes.get().start(_Job(self._number, lambda: call(progress), self._dispatcher))
        return self

    def _progressed(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.set_progress(done, total)

    def _done(self, result: Any, error: Exception | None) -> None:
        self.running = False
        _running.discard(self)
        QApplication.restoreOverrideCursor()
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog.deleteLater()
            self.dialog = None
        if isinstance(error, CancelledError):
            log.info("%s: cancelled, rolled back", self.label)
            self._on_cancelled()
            return
        if error is not None:
            self._on_failure(error)
            return
        if self._signals is not None and self._change_of is not None:
            self._signals.broadcast(self._change_of(result).by(self._initiator))
        self._on_success(result)


def write_and_wait(call: Callable[[], R], parent: QWidget | None = None) -> R:
    """Run a short write on the writer thread and return its result; the window stays alive.

    The GUI thread waits in a local event loop that repaints and runs timers and the
    answers of background reads, but holds back the user's clicks and keys
    (``ExcludeUserInputEvents``: they arrive once the write is done, so nothing is typed
    into a form whose save has not finished). The busy cursor shows at once; a write still
    waiting after :data:`WAIT_NOTICE_MS` (a locked database) adds a note saying so.

    Raises what *call* raised, on the GUI thread, for the caller to show beside its form.
    """
    loop = QEventLoop()
    answer: list[tuple[Any, Exception | None]] = []

    def done(result: Any, error: Exception | None) -> None:
        answer.append((result, error))
        loop.quit()

    dispatcher = _dispatch()
    number = dispatcher.number()
    dispatcher.expect(number, lambda _done, _total: None, done)
    notice: list[ProgressDialog] = []

    def show_notice() -> None:
        if not answer:
            dialog = ProgressDialog(parent or QApplication.activeWindow(), WAIT_NOTICE, False)
            dialog.open()
            notice.append(dialog)

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(show_notice)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        timer.start(WAIT_NOTICE_MS)
        _writes.get().start(_Job(number, call, dispatcher))
        # The answer is a queued signal: it can only arrive inside this loop.
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        # A loop ended from outside (the application quitting ends every loop) has not
        # seen the answer yet: the write still finishes, and its answer is waited for here.
        while not answer:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
    finally:
        timer.stop()
        QApplication.restoreOverrideCursor()
        for dialog in notice:
            dialog.finish()
            dialog.deleteLater()
    result, error = answer[0]
    if error is not None:
        raise error
    return result  # type: ignore[no-any-return]
