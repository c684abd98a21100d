"""One window per data folder: a ``QLockFile`` plus a local socket to wake the first window.

Two windows on one SQLite file would not corrupt it, but each would show data the other
had changed underneath it, and a restore in one would pull the file out from under the
other. The lock lives in the database's folder (``sonhiemvu.lock``); the command line reads
the same file (:func:`desktop.services.safety.window_holder`) without Qt.

A lock left by a killed process is stale: ``QLockFile`` sees that its pid is gone and takes
it over. The stale *time* is switched off (0) so a window left open for days never loses
its lock to a second launch.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.services.safety import lock_path

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(folder: Path) -> str:
    """A local-socket name unique to *folder* (different data folders may run side by side)."""
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"sonhiemvu-{digest}"


class SingleInstance(QObject):
    """Held by the first window for its lifetime.

    :attr:`activation_requested` fires when a second launch asks the window to come forward.
    """

    activation_requested = Signal()

    def __init__(self, lock: QLockFile, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self.name = name
        self._server = QLocalServer(self)
        self._sockets: list[QLocalSocket] = []
        # A server socket left by a killed window would make listen() fail; the lock is ours,
        # so nothing else can be using the name.
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            log.warning("Local server %s did not start: %s", name, self._server.errorString())
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                return
            self._sockets.append(socket)
            socket.readyRead.connect(self._read_messages)
            self._read_messages()

    def _read_messages(self) -> None:
        for socket in list(self._sockets):
            if socket.bytesAvailable() and bytes(socket.readAll().data()).startswith(
                ACTIVATE.strip()
            ):
                self.activation_requested.emit()
            if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                self._forget(socket)

    def _forget(self, socket: QLocalSocket) -> None:
        self._sockets.remove(socket)
        socket.readyRead.disconnect(self._read_messages)
        socket.abort()

    def release(self) -> None:
        """Give the lock back (on quit); safe to call twice."""
        for socket in list(self._sockets):
            self._forget(socket)
        if self._server.isListening():
            self._server.close()
        if self._lock.isLocked():
            self._lock.unlock()


def notify_running(name: str) -> bool:
    """Ask the running window to come forward; True when it got the message."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    delivered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
    return delivered


def acquire(folder: Path, parent: QObject | None = None) -> SingleInstance | None:
    """Take the lock for *folder*, or wake the window that holds it and return None.

    The caller exits when this returns None. Needs a ``QCoreApplication`` (the local socket
    uses the event loop).
    """
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(lock_path(folder)))
    lock.setStaleLockTime(0)
    name = server_name(folder)
    if lock.tryLock(0):
        return SingleInstance(lock, name, parent)
    if lock.error() == QLockFile.LockError.LockFailedError:
        # Held: by a living window (wake it) — a dead one's lock was taken over by tryLock.
        # removeStaleLockFile() covers a lock Qt judged stale but could not remove in time.
        if lock.removeStaleLockFile() and lock.tryLock(0):
            return SingleInstance(lock, name, parent)
        if not notify_running(name):
            log.warning("Another window holds %s but did not answer", lock_path(folder))
        return None
    # No permission or an unknown error: the folder is unusable for a lock; run anyway
    # rather than refuse to start over a lock file (the database reports its own errors).
    log.warning("Cannot create the lock file in %s (error %s)", folder, lock.error())
    return SingleInstance(lock, name, parent)
