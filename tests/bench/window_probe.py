"""One window start, timed from inside: ``python tests/bench/window_probe.py MODE DB``.

MODE ``app`` builds the app's main window over DB (as ``run_gui`` does), shows it, waits
for its first rows and counts (queried on a worker), then applies a unit + quarter filter
and types a search term, each timed until the model's ``loaded`` signal and the repaint
that follows, i.e. until the user sees the new rows; MODE ``bare`` shows a bare
PySide6 window with an empty ``QTableView``, started the same way. Prints one JSON line:
``perf_counter`` readings (CLOCK_MONOTONIC, comparable with the parent's on Linux),
durations in seconds and the peak RSS in bytes.
"""

from __future__ import annotations

import json
import sys
import time

STARTED = time.perf_counter()

import resource  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

SIZE = (1366, 768)
REPEAT = 5


def peak_rss() -> int:
    """Peak resident memory of this process, in bytes.

    Linux's ``ru_maxrss`` survives ``execve``: a probe spawned by a big parent would report
    the parent's peak. ``VmHWM`` belongs to this address space alone, so it is read first.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage if sys.platform == "darwin" else usage * 1024


def bare() -> dict[str, Any]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    imported = time.perf_counter()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(*SIZE)
    result: dict[str, Any] = {"imported": imported}

    def shown() -> None:
        result["shown"] = time.perf_counter()
        app.quit()

    window.show()
    QTimer.singleShot(0, shown)
    app.exec()
    result["rss"] = peak_rss()
    return result


def app_window(db: str, today: date, unit_id: int, quarter: str, term: str) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtTest import QTest

    from db import open_database
    from desktop.domain.quarters import Quarter
    from desktop.services.queries import View
    from desktop.ui.app import application, build_window
    from desktop.ui.main_window import SEARCH_DELAY_MS

    result: dict[str, Any] = {"imported": time.perf_counter(), "search_delay_ms": SEARCH_DELAY_MS}
    app = application()
    database = open_database(db)
    result["opened"] = time.perf_counter()
    folder = tempfile.TemporaryDirectory()
    settings = QSettings(str(Path(folder.name) / "bench.ini"), QSettings.Format.IniFormat)
    window = build_window(database, today, settings)
    window.resize(*SIZE)
    result["built"] = time.perf_counter()
    year, number = quarter.split("-Q")
    chosen = Quarter(int(year), int(number))

    def settle() -> None:
        # Paint now, as the screen would: the table fetches the rows it shows.
        window.table.viewport().repaint()
        app.processEvents()

    def until(done: Any, *signals: Any) -> None:
        """Run the event loop until *done()*, waking on *signals* (answers from workers)."""
        loop = QEventLoop()
        for signal in signals:
            signal.connect(loop.quit)
        try:
            while not done():
                loop.exec()
        finally:
            for signal in signals:
                signal.disconnect(loop.quit)

    def loaded() -> None:
        """Until the newest ids are in the table (no-op if nothing was asked)."""
        until(lambda: not window.model.loading, window.model.loaded)

    def measure() -> None:
        result["shown"] = time.perf_counter()
        until(lambda: not window.loading, window.model.loaded, window.navigation.counts_updated)
        settle()
        result["ready"] = time.perf_counter()
        result["rows_all"] = window.model.rowCount()
        filters, searches, keys = [], [], []
        for _ in range(REPEAT):
            start = time.perf_counter()
            window.model.update_filter(view=View.ALL, unit_id=unit_id, quarter=chosen)
            loaded()
            settle()
            filters.append(time.perf_counter() - start)
            result["rows_filtered"] = window.model.rowCount()
            window.model.update_filter(unit_id=None, quarter=None)
            loaded()
            settle()
        for _ in range(REPEAT):
            window.search.clear()
            window.apply_search()
            loaded()
            settle()
            start = time.perf_counter()
            QTest.keyClicks(window.search, term)
            typed = time.perf_counter()
            window.apply_search()  # what the debounce timer fires once typing pauses
            loaded()
            settle()
            keys.append(typed - start)
            searches.append(time.perf_counter() - start)
            result["rows_searched"] = window.model.rowCount()
        result["filter"] = statistics.median(filters)
        result["search"] = statistics.median(searches)
        result["keystrokes"] = statistics.median(keys)
        app.quit()

    window.show()
    QTimer.singleShot(0, measure)
    app.exec()
    result["rss"] = peak_rss()
    window.close()
    database.dispose()
    return result


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "bare":
        result = bare()
    else:
        db, today, unit_id, quarter, term = argv[1:6]
        result = app_window(db, date.fromisoformat(today), int(unit_id), quarter, term)
    result["started"] = STARTED
    sys.stdout.write("PROBE " + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
