"""What is wrong with a file the user imports, said task by task in Vietnamese.

Its own module because the task and the target readers (:mod:`task_json`,
:mod:`target_json`) both report problems this way, and one must not import the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one task (or with the document when ``index`` is None)."""

    message: str
    index: int | None = None
    task_id: str | None = None

    def __str__(self) -> str:
        if self.index is None:
            return self.message
        where = f"Nhiệm vụ thứ {self.index + 1}"
        if self.task_id:
            where += f" (id “{self.task_id}”)"
        return f"{where}: {self.message}"
