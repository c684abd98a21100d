"""Python's cycle collector, run on the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate past its
threshold — in this app, as often as not the writer thread in the middle of an import, or
a read worker. A cycle that holds a Qt object made on the GUI thread (a dialog whose slot
refers back to it, a write's callbacks) is then destroyed on that worker, which Qt does not
allow: a full test run died with a segmentation fault in the writer thread, its stack
reading "Garbage-collecting". This is the remedy PyQt applications have long used (Kovid
Goyal's, Erik Janssens' ``GarbageCollector``): automatic collection off, and a timer on the
GUI thread that collects each generation when its count passes the threshold Python would
have used. The command line has no worker threads and keeps Python's own collector.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Switches automatic collection off while it lives; collects on its timer instead."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.collections = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the oldest generation whose count is over its threshold; -1 when none is."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                self.collections += 1
                return generation
        return -1

    def stop(self) -> None:
        """Back to Python's own collector (the object stays, idle)."""
        self._timer.stop()
        gc.enable()


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """The application's collector, made once and owned by *app*."""
    existing = app.findChild(GuiThreadCollector)
    if isinstance(existing, GuiThreadCollector):
        return existing
    return GuiThreadCollector(app)
