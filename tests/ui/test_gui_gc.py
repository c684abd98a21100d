"""Cycles are collected on the GUI thread, never on a worker (desktop/ui/gui_gc.py).

A worker that allocates enough would, with Python's own collector, run the collection
itself, and free whatever cycles exist on its thread — Qt objects included. That crashed a
full test run (segmentation fault, "Garbage-collecting", in the writer thread).
"""

from __future__ import annotations

import gc
import threading
from typing import Any

from desktop.ui.app import application
from desktop.ui.gui_gc import GuiThreadCollector, collect_on_gui_thread


class _Cycle:
    """Records the thread that frees it; refers to itself, so only a collection frees it."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_a_worker_that_allocates_a_lot_does_not_collect(qtbot: Any) -> None:
    app = application()
    collector = collect_on_gui_thread(app)
    assert collect_on_gui_thread(app) is collector  # one per application
    assert not gc.isenabled()
    gc.collect()  # start from nothing pending
    freed_on: list[str] = []
    _Cycle(freed_on)  # garbage now, but only a collection can free it

    held: list[list[int]] = []

    def allocate() -> None:
        # Far past every threshold: Python's own collector would have run here, on the
        # worker, many times over. Kept, so the count stays up for the GUI thread's timer.
        held.extend([i] for i in range(200_000))

    worker = threading.Thread(target=allocate, name="writer")
    worker.start()
    worker.join()
    assert freed_on == []

    qtbot.waitUntil(lambda: freed_on != [], timeout=10_000)
    assert freed_on == [threading.main_thread().name]
    held.clear()


def test_each_generation_is_collected_past_its_threshold(qtbot: Any) -> None:
    collector = collect_on_gui_thread(application())
    gc.collect()
    assert collector.check() == -1  # nothing over any threshold
    junk = [[i] for i in range(collector.thresholds[0] * 3)]
    assert collector.check() == 0
    del junk


def test_stop_gives_the_collection_back_to_python() -> None:
    collector = GuiThreadCollector(application())
    try:
        assert not gc.isenabled()
    finally:
        collector.stop()
        collector.deleteLater()
    assert gc.isenabled()
    gc.disable()  # the application's own collector is still in charge
