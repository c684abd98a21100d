"""Read queries off the GUI thread: run a service call on a worker, deliver on the GUI thread.

At 100,000 tasks the list's ids or the navigation counts take longer than a frame, so the
window asks for them here and applies the answer when it arrives (the old rows stay on
screen meanwhile). Each :class:`BackgroundQuery` numbers its requests; only the newest
one's answer is delivered, so a slow query for an old filter never overwrites a newer one.

Services open a short session per call and the SQLite pool allows use from any thread, so
a service function may run on a worker as it is. Only reads come here: long writes (an
import, a backup, a restore) run one at a time on the writer thread of
:mod:`desktop.ui.operations`; a form's small edits stay on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """The app's pool for background reads (two threads: one query can wait on another)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool(QCoreApplication.instance())
        _pool.setMaxThreadCount(2)
        _pool.setObjectName("backgroundReads")
    return _pool


def wait_for_background(msecs: int = 30_000) -> bool:
    """Block until every background read has finished (window close, test teardown)."""
    return _pool.waitForDone(msecs) if _pool is not None else True


def settle(msecs: int = 30_000) -> None:
    """Wait for every background read and apply its answer, and for the reads that follow.

    A screenshot or a benchmark wants the finished window, not one still filling in.
    """
    for _ in range(20):
        if not wait_for_background(msecs):
            raise TimeoutError("background queries still running")
        QCoreApplication.processEvents()
        if _pool is None or _pool.activeThreadCount() == 0:
            return


class _Relay(QObject):
    """Made on the worker thread and dropped there; its signal crosses to the GUI thread."""

    done = Signal(int, object, object)


class _Job(QRunnable):
    def __init__(self, owner: BackgroundQuery, generation: int, call: Callable[[], Any]) -> None:
        super().__init__()
        self._owner = owner
        self._generation = generation
        self._call = call

    def run(self) -> None:
        owner = self._owner
        if owner.generation != self._generation:
            return  # superseded before it started: no need to ask the database
        result: Any = None
        error: BaseException | None = None
        try:
            result = self._call()
        except Exception as caught:  # delivered to the GUI thread, never swallowed here
            error = caught
        relay = _Relay()
        try:
            relay.done.connect(owner.deliver)
        except RuntimeError:
            # The owner was deleted while the query ran: nobody is left to tell.
            if error is not None:
                log.error("Background query failed after its window closed", exc_info=error)
            return
        relay.done.emit(self._generation, result, error)


class BackgroundQuery(QObject):
    """Runs one kind of read at a time for its owner; the newest request wins.

    ``finished(result)`` and ``failed(error)`` are emitted on the GUI thread, for the
    newest request only. An error of a superseded request is logged, not shown.
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._delivered = 0

    @property
    def busy(self) -> bool:
        """Whether the newest request has not been answered yet."""
        return self._delivered != self.generation

    def submit(self, call: Callable[[], Any]) -> int:
        """Run *call* on a worker; earlier requests still running will be dropped."""
        self.generation += 1
        pool().start(_Job(self, self.generation, call))
        return self.generation

    def cancel(self) -> None:
        """Drop whatever is in flight (its answer will be ignored)."""
        self.generation += 1
        self._delivered = self.generation

    @Slot(int, object, object)
    def deliver(self, generation: int, result: Any, error: BaseException | None) -> None:
        """Called on the GUI thread with a worker's answer."""
        if generation != self.generation:
            if error is not None:
                log.warning("Superseded background query failed", exc_info=error)
            return
        self._delivered = generation
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)
