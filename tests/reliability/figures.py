"""Measured figures of the reliability tests, written where ``write_report`` reads them.

Tests always measure; the figures are kept only when ``SONHIEMVU_RELIABILITY_RESULTS``
names a folder (``make soak`` and ``python -m tests.reliability.write_report`` set it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ENV = "SONHIEMVU_RELIABILITY_RESULTS"


def record(name: str, **figures: Any) -> None:
    folder = os.environ.get(ENV)
    if not folder:
        return
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    (path / f"{name}.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )


class Measurement:
    """Wall time and peak Python heap (tracemalloc) of one hostile case."""

    seconds: float = 0.0
    peak_mb: float = 0.0


@contextmanager
def measure() -> Iterator[Measurement]:
    """Measure the block: the figures every hostile case reports (time, peak memory)."""
    import time
    import tracemalloc

    result = Measurement()
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - started
        result.peak_mb = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        if not was_tracing:
            tracemalloc.stop()


def record_hostile(
    key: str, *, case: str, test: str, outcome: str, measured: Measurement, data_lost: int = 0
) -> None:
    """One row of the "hostile files and paths" table of docs/reliability.md.

    *data_lost* is what the test counted (bytes of the user's files or rows of the database
    that differ from before); the test asserts it is 0 before recording it.
    """
    record(
        f"hostile-{key}",
        case=case,
        test=test,
        outcome=outcome,
        seconds=round(measured.seconds, 3),
        peak_mb=round(measured.peak_mb, 1),
        data_lost=data_lost,
    )
