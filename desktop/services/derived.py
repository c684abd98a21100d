"""Fields derived from what a task states, kept in step on every write.

The importer and the editors both go through here so that ``open_due``, the occurrences
and the search key never disagree with the task they describe.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from datetime import date

from desktop.domain.deadline_spec import OPEN_ENDED_YEARS, DeadlineKind, DeadlineSpec
from desktop.domain.deadlines import parse_deadline
from desktop.domain.quarters import Quarter
from desktop.domain.text import fold

DONE = "done"
STATUSES = ("todo", "doing", "done")
STATUS_LABELS = {"todo": "Chưa thực hiện", "doing": "Đang thực hiện", "done": "Hoàn thành"}


def read_deadline(
    text: str | None, due: date | None, issued: date | None, horizon: date | None
) -> tuple[DeadlineSpec, bool]:
    """The task's deadline from its phrase, overridden by an explicit due date.

    Returns the spec and whether the explicit date disagreed with the phrase (the import
    keeps the phrase, uses the date, and lists the disagreement).
    """
    spec = parse_deadline(text, issued=issued, horizon=horizon)
    if due is None or spec.due == due:
        return spec, False
    disagrees = spec.due is not None
    kind = spec.kind
    if kind not in (DeadlineKind.DATED, DeadlineKind.RECURRING, DeadlineKind.PERIOD):
        kind = DeadlineKind.DATED
    return dataclasses.replace(spec, kind=kind, due=due), disagrees


def occurrence_dues(spec: DeadlineSpec, issued: date | None) -> list[date]:
    """Due dates to track for a recurring task, bounded so the list stays finite."""
    if spec.kind is not DeadlineKind.RECURRING or spec.due is None:
        return []
    if spec.end is not None:
        return spec.occurrences()
    base = issued or spec.due
    return spec.occurrences(until=date(base.year + OPEN_ENDED_YEARS, 12, 31))


def span_of(spec: DeadlineSpec, issued: date | None) -> tuple[date | None, date | None]:
    """First and last day a period or ongoing task is active (None = open)."""
    if spec.kind is DeadlineKind.PERIOD:
        return spec.start or issued, spec.due or spec.end
    if spec.kind is DeadlineKind.ONGOING:
        return spec.start or issued, spec.end
    return None, None


def open_due(
    kind: str, due: date | None, status: str, occurrences: Iterable[tuple[date, str]]
) -> date | None:
    """The due date that still matters: see :class:`db.models.Task`."""
    if kind == DeadlineKind.RECURRING:
        pending = [d for d, s in occurrences if s != DONE]
        if pending:
            return min(pending)
        return None if status == DONE or list(occurrences) else due
    if due is None or status == DONE:
        return None
    return due


def quarter_key(day: date | None) -> int | None:
    return Quarter.of(day).key if day is not None else None


def search_key(
    title: str,
    ext_id: str,
    deadline_text: str | None,
    due: date | None,
    units: Sequence[str | None],
    *others: str | None,
) -> str:
    """Everything a user may type to find a task, folded ("quy ii" finds "Quý II")."""
    parts: list[str | None] = [title, ext_id, deadline_text, *units, *others]
    if due is not None:
        parts.append(Quarter.of(due).label)
        parts.append(due.strftime("%d/%m/%Y"))
    return " | ".join(fold(p) for p in parts if p)


def history_text(value: object) -> str | None:
    """How a field's value is written in the history: ISO dates, 1/0 for flags."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


# The stated fields a user may correct, and the columns each one covers. A re-import of the
# same document leaves these columns as the user set them (task-json.md: the user's
# corrections win). "support_units" and "occurrences" are not columns of the task row.
USER_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "title_sort"),
    "section": ("section",),
    "lead_unit": ("lead_unit_id",),
    "support_units": ("support_units",),
    "deadline": (
        "deadline_text",
        "kind",
        "due",
        "due_quarter",
        "recurrence",
        "span_start",
        "span_end",
        "occurrences",
    ),
    "output_form": ("output_form",),
}


def user_kept_columns(user_edited: str | None) -> frozenset[str]:
    """The columns an import must not overwrite, from a task's ``user_edited`` JSON list."""
    if not user_edited:
        return frozenset()
    try:
        edited = json.loads(user_edited)
    except ValueError:
        return frozenset()
    return frozenset(c for name in edited for c in USER_FIELDS.get(str(name), ()))
