"""Measured figures of the reliability tests, written where ``write_report`` reads them.

Tests always measure; the figures are kept only when ``SONHIEMVU_RELIABILITY_RESULTS``
names a folder (``make soak`` and ``python -m tests.reliability.write_report`` set it).
"""

from __future__ import annotations

import json
import os
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
