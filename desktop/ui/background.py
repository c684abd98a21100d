"""Read queries off the GUI thread: run a service call on a worker, deliver on the GUI thread.

At 100,000 tasks the list's ids or the navigation counts take longer than a frame, so the
window asks for them here and applies the answer when it arrives (the old rows stay on
screen meanwhile). Each :class:`BackgroundQuery` numbers its requests; only the newest
one's answer is delivered, so a slow query for an old filter never overwrites a newer one.

Services open a short session per call and the SQLite pool allows use from any thread, so
a service function may run on a worker as it is. Only reads come here: long writes (an
import, a backup, a restore) run one at a time on the writer thread of
:mod:`desktop.ui.operations`, and so do a form's small edits (``write_and_wait``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class AppPool:
    """A thread pool made on first use and owned by the application, so it outlives windows."""

    def __init__(self, name: str, threads: int) -> None:
        self._name = name
        self._threads = threads
        self._pool: QThreadPool | None = None

    def get(self) -> QThreadPool:
        if self._pool is None:
            self._pool = QThreadPool(QCoreApplication.instance())
            self._pool.setMaxThreadCount(self._threads)
            self._pool.setObjectName(self._name)
        return self._pool

    def wait(self, msecs: int) -> bool:
        """Block until every job has finished; False if *msecs* ran out first."""
        return self._pool.waitForDone(msecs) if self._pool is not None else True

    @property
    def idle(self) -> bool:
        return self._pool is None or self._pool.activeThreadCount() == 0


# Two threads: one query can wait on another.
_reads = AppPool("backgroundReads", 2)


def wait_for_background(msecs: int = 30_000) -> bool:
    """Block until every background read has finished (window close, test teardown)."""
    return _reads.wait(msecs)


def settle(msecs: int = 30_000) -> None:
    """Wait for every background read and apply its answer, and for the reads that follow.

    A screenshot or a benchmark wants the finished window, not one still filling in.
    """
    for _ in range(20):
        if not wait_for_background(msecs):
            raise TimeoutError("background queries still running")
        QCoreApplication.processEvents()
        if _reads.idle:
            return


class _Relay(QObject):
    """Made on the worker thread and dropped there; its signal crosses to the GUI thread."""

    done = Signal(int, object, object)


def outcome(call: Callable[[], Any]) -> tuple[Any, Exception | None]:
    """Run *call* on a worker: its result, or the error to deliver to the GUI thread.

    An error is never swallowed on the worker: the GUI thread shows or logs it.
    """
    try:
        return call(), None
    except Exception as error:
        return None, error


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
        result, error = outcome(self._call)
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
        _reads.get().start(_Job(self, self.generation, call))
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
