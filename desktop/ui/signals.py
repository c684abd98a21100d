"""The one app-wide signal and the context every widget is built with.

Like Anki's operations, every write returns a :class:`~desktop.services.changes.Change`
and the window broadcasts it on :attr:`AppSignals.changed`; each model decides for itself
whether the change concerns it and refreshes. Nothing pushes data into widgets by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.services.changes import Change
from desktop.services.storage import Database


class AppSignals(QObject):
    """Carries every :class:`Change`; connect to it rather than to other widgets."""

    changed = Signal(object)

    def broadcast(self, change: Change) -> None:
        """Emit *change* unless it changed nothing (a no-op save must not reload views)."""
        if change.any:
            self.changed.emit(change)


@dataclass(frozen=True)
class AppContext:
    """What a widget needs from the app: database, today, the signal, the undo stack.

    Passed explicitly rather than kept in globals, so tests build as many as they like.
    """

    database: Database
    today: date
    signals: AppSignals
    undo_stack: QUndoStack
    clock: Callable[[], datetime] = datetime.now
    """When a change is made, for its history: a parameter like *today*, so fixed-clock
    runs (``make screenshots``, tests) write the same history every time."""
