"""A pre-loaded worker that forks one child per job, so the killing tests pay Python's start-up
once rather than per kill.

Protocol (one JSON object per line): the parent sends a job; the worker forks, prints
``{"pid": …}``, waits for the child and prints ``{"status": …}``. The child runs the job
with the app's own services and reports each committed edit as ``{"ack": n}``.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import open_database  # noqa: E402
from desktop.services.importer import apply_import, plan_import  # noqa: E402
from desktop.services.task_json import read_task_file  # noqa: E402
from desktop.services.tasks import Progress, record_progress  # noqa: E402


def _say(message: dict[str, Any]) -> None:
    os.write(1, (json.dumps(message) + "\n").encode())


def run_import(job: dict[str, Any]) -> None:
    database = open_database(job["db"])
    task_file = read_task_file(Path(job["json"]))
    apply_import(database, plan_import(database, task_file))
    database.dispose()


def run_edits(job: dict[str, Any]) -> None:
    database = open_database(job["db"])
    ids: list[int] = job["task_ids"]
    for n in range(1, job["edits"] + 1):
        task_id = ids[n % len(ids)]
        record_progress(database, task_id, Progress(status="doing", notes=f"sửa {n}"))
        _say({"ack": n})
    database.dispose()


def main() -> None:
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                {"import": run_import, "edits": run_edits}[job["kind"]](job)
            except BaseException:
                traceback.print_exc()
                code = 3
            os._exit(code)
        _say({"pid": pid})
        _, status = os.waitpid(pid, 0)
        _say({"status": status})


if __name__ == "__main__":
    main()
