"""How far a long write has got, and the user's wish to stop it (Huỷ).

The window runs an import on a worker thread (:mod:`desktop.ui.operations`); the service
reports its steps here and, between two batches, asks whether to stop. Stopping raises
:class:`CancelledError` inside the write's transaction, so the transaction rolls back and
nothing is written: a cancelled import leaves the database exactly as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Reporter = Callable[[int, int], None]


class CancelledError(Exception):
    """The user stopped the write; it was rolled back."""

    def __init__(self) -> None:
        super().__init__("Đã huỷ theo yêu cầu; không có gì được ghi vào cơ sở dữ liệu.")


class WorkProgress:
    """Shared by the thread that writes and the one that shows progress.

    Args:
        report: called with ``(done, total)`` on the writing thread; the window relays it
            to its progress bar.
    """

    def __init__(self, report: Reporter | None = None) -> None:
        self._report = report
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the write to stop at its next batch (any thread)."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        """Raise :class:`CancelledError` if the user asked to stop."""
        if self._stop.is_set():
            raise CancelledError()

    def step(self, done: int, total: int) -> None:
        """Report *done* of *total*, then stop here if the user asked to."""
        if self._report is not None:
            self._report(done, total)
        self.check()
