"""Read one document in a fresh process; print the outcome, the time and the peak memory.

    python -m tests.reliability.measure_document PATH

A fresh process makes the peak memory (``ru_maxrss``) the document's own and lets the caller
cap the address space, so that a reader that inflates a bomb fails instead of taking the
machine. Anything but a read or an :class:`ExtractError` ends with a traceback and rc 1.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from desktop.extract.errors import ExtractError
from desktop.extract.pipeline import extract_document


def main() -> int:
    path = Path(sys.argv[1])
    started = time.perf_counter()
    try:
        tasks = len(extract_document(path)["tasks"])
        outcome, message = "read", f"{tasks} tasks"
    except ExtractError as error:
        outcome, message = "refused", str(error)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {"outcome": outcome, "message": message, "seconds": round(seconds, 2)}
    print(json.dumps({**figures, "peak_mb": round(peak_mb)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
