"""Logging to a rotating file in the data folder; never to a console that may not exist.

In a frozen windowed app ``sys.stdout`` and ``sys.stderr`` are ``None``: nothing here
writes to them.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from db.engine import data_dir

LOG_NAME = "sonhiemvu.log"


def log_path() -> Path:
    return data_dir() / "logs" / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send log records to the rotating file; returns its path (None if it can't be made)."""
    path = log_path()
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
