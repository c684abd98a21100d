"""A pre-loaded worker that forks one child per job, so the killing tests pay Python's start-up
once rather than per kill.

Protocol (one JSON object per line): the parent sends a job; the worker forks, prints
``{"pid": …}``, waits for the child and prints ``{"status": …}``. The child runs the job
with the app's own services and reports each committed edit as ``{"ack": n}``, and each
phase an import enters (:class:`desktop.services.progress.Phase`) as
``{"phase": name, "n": k}`` (k counts the reports). An import job with ``"stop_at": k``
stops at its k-th report — says ``{"stopped": k}`` and waits there to be killed — so
the kill lands at that point of the import and nowhere else.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import open_database  # noqa: E402
from desktop.services.importer import apply_import, plan_import  # noqa: E402
from desktop.services.progress import WorkProgress  # noqa: E402
from desktop.services.task_json import read_task_file  # noqa: E402
from desktop.services.tasks import Progress, record_progress  # noqa: E402


def _say(message: dict[str, Any]) -> None:
    os.write(1, (json.dumps(message) + "\n").encode())


def run_import(job: dict[str, Any]) -> None:
    database = open_database(job["db"])
    task_file = read_task_file(Path(job["json"]))
    reports = 0
    stop_at = job.get("stop_at")

    def on_phase(name: str) -> None:
        nonlocal reports
        reports += 1
        _say({"phase": name, "n": reports})
        if reports == stop_at:
            _say({"stopped": reports})
            while True:  # held here, mid-import, until the parent's SIGKILL
                signal.pause()

    progress = WorkProgress(on_phase=on_phase)
    apply_import(
        database, plan_import(database, task_file), progress=progress, batch=job.get("batch", 2000)
    )
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
