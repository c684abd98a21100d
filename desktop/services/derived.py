"""Fields derived from what a task states, kept in step on every write.

The importer and the editors both go through here so that ``open_due``, the occurrences
and the search key never disagree with the task they describe.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from desktop.domain.categories import Dated, current_occurrence
from desktop.domain.deadline_spec import OPEN_ENDED_YEARS, DeadlineKind, DeadlineSpec
from desktop.domain.deadlines import parse_deadline
from desktop.domain.quarters import Quarter
from desktop.domain.status import STATUS_LABELS, STATUSES, TaskStatus
from desktop.domain.text import fold

# Kept importable from here for the window's modules; their home is desktop.domain.status.
DONE = TaskStatus.DONE
__all__ = ["DONE", "STATUSES", "STATUS_LABELS"]


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


class OccurrenceState(NamedTuple):
    """An occurrence's due date and status, before it has a row."""

    due: date
    status: str


def open_due(kind: str, due: date | None, status: str, occurrences: Iterable[Dated]) -> date | None:
    """The due date that still matters, the column the overdue and due-soon views filter on.

    A recurring task's is the due date of :func:`current_occurrence` while that one is open;
    once every occurrence is done, none. Any other task's is its due date until it is done.
    """
    if kind == DeadlineKind.RECURRING:
        chosen = current_occurrence(occurrences)
        if chosen is not None:
            return chosen.due if chosen.status != TaskStatus.DONE else None
    if due is None or status == TaskStatus.DONE:
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
