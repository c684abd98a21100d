"""How far a long write has got, and the user's wish to stop it (Hủy).

The window runs an import on a worker thread (:mod:`desktop.ui.operations`); the service
reports its steps here and, between two batches, asks whether to stop. Stopping raises
:class:`CancelledError` inside the write's transaction, so the transaction rolls back and
nothing is written: a cancelled import leaves the database exactly as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Reporter = Callable[[int, int], None]
PhaseReporter = Callable[[str], None]


class Phase:
    """Where a write is: said before each stage, so a watcher knows what a stop would cut.

    The reliability tests kill an import at a chosen one of these (they are the points
    between which SQLite's transaction must hold), instead of at a guessed moment.
    """

    BACKUP = "sao-luu"  # before the automatic backup; nothing written yet
    WRITE = "ghi"  # inside the write transaction (reported once per batch)
    COMMIT = "hoan-tat"  # everything written, the transaction not yet committed


class CancelledError(Exception):
    """The user stopped the write; it was rolled back."""

    def __init__(self) -> None:
        super().__init__("Đã hủy theo yêu cầu; không có gì được ghi vào cơ sở dữ liệu.")


class WorkProgress:
    """Shared by the thread that writes and the one that shows progress.

    Args:
        report: called with ``(done, total)`` on the writing thread; the window relays it
            to its progress bar.
        on_phase: called with a :class:`Phase` name as the write enters each stage.
    """

    def __init__(
        self, report: Reporter | None = None, on_phase: PhaseReporter | None = None
    ) -> None:
        self._report = report
        self._on_phase = on_phase
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

    def phase(self, name: str) -> None:
        """Say the write enters stage *name* (a :class:`Phase`), then stop here if asked to."""
        if self._on_phase is not None:
            self._on_phase(name)
        self.check()
