"""Planning an import off the GUI thread, with progress and Hủy.

Reading a 100,000-task file and matching it against the database takes 5–8 s; on the GUI
thread the window froze before the preview appeared. A plan only reads, so it runs on the
read pool of :mod:`desktop.ui.background` (a write in progress does not hold it up), and
only the newest request's answer is delivered. The service reports its steps to a
:class:`~desktop.services.progress.WorkProgress`; Hủy stops it at its next batch and drops
whatever it would have answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.services.progress import WorkProgress
from desktop.ui.background import BackgroundQuery


class PlanRunner(QObject):
    """Runs one plan at a time; ``finished``/``failed`` arrive on the GUI thread.

    ``progressed(done, total)`` too, for the newest request only.
    """

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    _relayed = Signal(int, int, int)  # generation, done, total: emitted on the worker

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = BackgroundQuery(self)
        self._query.finished.connect(self.finished)
        self._query.failed.connect(self.failed)
        self._relayed.connect(self._progress)
        self._progress_of: WorkProgress | None = None

    @property
    def busy(self) -> bool:
        return self._query.busy

    def start(self, call: Callable[[WorkProgress], Any]) -> None:
        """Run *call* on a worker; a plan still running is stopped and forgotten."""
        self.cancel()
        generation = self._query.generation + 1
        relayed = self._relayed  # bound on the GUI thread; the worker only emits it
        progress = WorkProgress(lambda done, total: relayed.emit(generation, done, total))
        self._progress_of = progress
        self._query.submit(lambda: call(progress))

    def cancel(self) -> None:
        """Stop the plan in flight (it ends at its next batch; its answer is dropped)."""
        if self._progress_of is not None:
            self._progress_of.cancel()
            self._progress_of = None
        if self._query.busy:
            self._query.cancel()

    def _progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._query.generation and self._query.busy:
            self.progressed.emit(done, total)
