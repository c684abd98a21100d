"""The sample tasks a new user can load on first run (``resources/sample/*.json``).

They are real tasks from the five seed documents (see ``tools/make_sample.py``), imported
through the same importer as any file the user picks.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from db import Database
from desktop.services.changes import Change
from desktop.services.importer import apply_import, plan_import
from desktop.services.task_json import read_task_file

# Found from this file, not the working directory (PyInstaller moves data under _internal).
SAMPLE_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "sample"


def sample_files(folder: Path = SAMPLE_DIR) -> list[Path]:
    return sorted(folder.glob("*.json"))


def load_sample(
    database: Database, folder: Path = SAMPLE_DIR, now: datetime | None = None
) -> Change:
    """Import every sample file; returns the combined change for the caller to broadcast.

    *now* stamps the import (a fixed one makes the same history every run).
    """
    change = Change()
    for path in sample_files(folder):
        plan = plan_import(database, read_task_file(path), source=path.name)
        # An empty database has nothing to protect: no backup before the sample.
        change = change | apply_import(database, plan, backup=False, now=now).change
    return change
