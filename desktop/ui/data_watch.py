"""Two windows on one database see each other's changes: a poll of the change counter.

Every few seconds the window's read worker asks the services whether the database's change
counter moved because someone else wrote (another window, another office PC on the shared
server); if so the change is broadcast like the window's own, and every view reloads. A
poll on a worker never stalls the window, even when the server is slow to answer.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from desktop.services.changes import Change, changed_elsewhere
from desktop.ui.background import BackgroundQuery
from desktop.ui.signals import AppContext

log = logging.getLogger(__name__)

POLL_MS = 3000


class DataWatcher(QObject):
    """Polls the change counter while the window lives; stop() before the window closes."""

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._seen: int | None = None
        self._query = BackgroundQuery(self)
        self._query.finished.connect(self._answered)
        self._query.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._query.cancel()

    def poll(self) -> None:
        if self._query.busy:
            return  # a slow server: the previous poll has not answered yet
        database, seen = self._context.database, self._seen
        self._query.submit(lambda: changed_elsewhere(database, seen))

    def _answered(self, answer: tuple[int, Change]) -> None:
        self._seen, change = answer
        self._context.signals.broadcast(change)

    def _failed(self, error: BaseException) -> None:
        # A server briefly out of reach: the next poll tries again; the user's own
        # actions report the problem in words where it matters.
        log.warning("Change counter poll failed: %s", error)
