"""The time of an event a plan organises, given to the tasks that hold the event.

Plans for one event (an examination, a conference, an inspection) state its time once, as a
fact: "1. Thời gian kiểm tra: 13h30' ngày 29/4/2026 (Thứ Tư)." The duties that hold the
event ("Tổ chức kiểm tra kỹ thuật an toàn …", a table row "Tổ chức kiểm tra") are due that
day; the preparation around it is not dated by it. The date is marked guessed.
"""

from __future__ import annotations

import re

from desktop.domain.text import fold
from desktop.extract.folding import fold_same_length

_EVENT_TIME = re.compile(
    r"^(?:[\d.)\s-]+)?thoi gian (?!thuc hien|hoan thanh)((?:\w+\s?){1,4}?)\s*:\s*(.+)$"
)
_DATE = re.compile(r"ngay \d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}")


def event_times(texts: list[str]) -> dict[str, str]:
    """The events whose time the document states ("kiem tra" → "ngày 29/4/2026")."""
    found: dict[str, str] = {}
    for text in texts:
        folded = fold_same_length(text.strip()).lower()
        match = _EVENT_TIME.match(folded)
        if not match or len(folded) > 200:
            continue
        date = _DATE.search(match.group(2))
        if date:
            start = match.start(2) + date.start()
            original = text.strip()[start : start + len(date.group(0))]
            found.setdefault(match.group(1).strip(), original)
    return found


def date_event_tasks(tasks: list[dict[str, object]], times: dict[str, str]) -> None:
    """Give each undated task that holds an event ("[Doer] tổ chức <event> …") its date."""
    for task in tasks:
        if task.get("deadline_text") or not times:
            continue
        title = fold(str(task["title"]))
        lead = fold(str(task.get("lead_unit") or ""))
        if lead and title.startswith(lead + " "):
            title = title[len(lead) + 1 :]  # "Phòng X tổ chức kiểm tra …"
        for event, date in times.items():
            if title == f"to chuc {event}" or title.startswith(f"to chuc {event} "):
                task["deadline_text"] = date
                guessed = task.setdefault("guessed", [])
                if isinstance(guessed, list):
                    guessed.append("deadline_text")
                break
