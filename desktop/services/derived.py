"""Fields derived from what a task states, and its history, kept in step on every write.

The importer (:mod:`desktop.services.importer`), the progress editor
(:mod:`desktop.services.tasks`) and unit renames (:mod:`desktop.services.units`) all go
through here, so that ``open_due``, ``due_quarter``, the search key and the sort key never
disagree with the task they describe, and every change is written to the history the same
way. The history's text form is written by :func:`history_text` and read back by
:func:`history_value`: the two are inverse, and nothing else parses it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import HistoryEntry, Task, TaskSupportUnit, Unit
from desktop.domain.categories import Dated, current_occurrence
from desktop.domain.deadline_spec import OPEN_ENDED_YEARS, DeadlineKind, DeadlineSpec
from desktop.domain.deadlines import parse_deadline
from desktop.domain.quarters import Quarter
from desktop.domain.status import TaskStatus
from desktop.domain.text import fold, sortable


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
    return replace(spec, kind=kind, due=due), disagrees


# Any day does: the question is only whether an issue date would give the phrase a due date.
_SOME_ISSUE_DATE = date(2000, 1, 1)


def needs_issue_date(
    text: str | None, spec: DeadlineSpec, issued: date | None, horizon: date | None
) -> bool:
    """True when *text* names a time without its year and only an issue date would place it.

    "Quý IV hằng năm" in a document with no issue date reads as yearly but with no first
    due date: it must be reported as not read, not shown as "không có hạn".
    """
    if text is None or issued is not None or spec.due is not None:
        return False
    return parse_deadline(text, issued=_SOME_ISSUE_DATE, horizon=horizon).due is not None


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


def derived_values(
    *,
    title: str,
    ext_id: str,
    section: str | None,
    deadline_text: str | None,
    kind: str,
    due: date | None,
    status: str,
    occurrences: Iterable[Dated],
    unit_names: Sequence[str | None],
    progress_notes: str | None = None,
    result_ref: str | None = None,
) -> dict[str, Any]:
    """Every derived column of one task, from what it states and what the user recorded.

    The importer's bulk insert takes this dict as is; :func:`refresh_task` sets it on a
    task already in the session.
    """
    return {
        "open_due": open_due(kind, due, status, occurrences),
        "due_quarter": quarter_key(due),
        "search_key": search_key(
            title, ext_id, deadline_text, due, unit_names, section, progress_notes, result_ref
        ),
        "title_sort": sortable(title[:200]),
    }


def unit_names_of(session: Session, task: Task) -> list[str | None]:
    """The lead unit's and support units' names as stored now (after any rename)."""
    lead = session.get(Unit, task.lead_unit_id) if task.lead_unit_id else None
    supports = session.scalars(
        select(Unit.name)
        .join(TaskSupportUnit, TaskSupportUnit.unit_id == Unit.id)
        .where(TaskSupportUnit.task_id == task.id)
        .order_by(TaskSupportUnit.position, TaskSupportUnit.unit_id)
    ).all()
    return [lead.name if lead else None, *supports]


def refresh_task(
    session: Session, task: Task, unit_names: Sequence[str | None] | None = None
) -> None:
    """Recompute *task*'s derived columns after any write to it.

    Args:
        unit_names: the names to index the task under; read from the database when not
            given (the importer gives the names the document spells).
    """
    session.flush()
    names = unit_names if unit_names is not None else unit_names_of(session, task)
    values = derived_values(
        title=task.title,
        ext_id=task.ext_id,
        section=task.section,
        deadline_text=task.deadline_text,
        kind=task.kind,
        due=task.due,
        status=task.status,
        occurrences=task.occurrences,
        unit_names=names,
        progress_notes=task.progress_notes,
        result_ref=task.result_ref,
    )
    for name, value in values.items():
        setattr(task, name, value)


# --- history ------------------------------------------------------------------------

BOOL_FIELDS = frozenset({"hidden", "missing_from_source", "deleted"})
DATE_FIELDS = frozenset({"due", "completed_on"})
_EXTENSION = re.compile(r"^(?P<value>\d{4}-\d{2}-\d{2}) \(gia hạn: (?P<reason>.*)\)$", re.S)


def history_text(value: object, extension_reason: str | None = None) -> str | None:
    """How a field's value is written in the history: ISO dates, 1/0 for flags.

    A due date moved by a gia hạn carries its reason: "2021-12-31 (gia hạn: …)".
    """
    if value is None:
        return None
    if isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, bool):
        text = "1" if value else "0"
    else:
        text = str(value)
    if extension_reason is not None:
        text = f"{text} (gia hạn: {extension_reason})"
    return text


@dataclass(frozen=True)
class HistoryValue:
    """A history value read back: a date, a flag or text, and a gia hạn's reason if any."""

    value: date | bool | str | None
    extension_reason: str | None = None


def history_value(field: str, text: str | None) -> HistoryValue:
    """The inverse of :func:`history_text` for *field*'s entries."""
    if text is None or text == "":
        return HistoryValue(None)
    if field in BOOL_FIELDS:
        return HistoryValue(text == "1")
    if field in DATE_FIELDS:
        extension = _EXTENSION.match(text)
        raw, reason = (extension["value"], extension["reason"]) if extension else (text, None)
        try:
            return HistoryValue(date.fromisoformat(raw), reason)
        except ValueError:
            return HistoryValue(text)
    return HistoryValue(text)


def record_history(
    session: Session,
    task_id: int,
    field: str,
    before: object,
    after: object,
    *,
    source: str,
    at: datetime,
    occurrence_id: int | None = None,
    extension_reason: str | None = None,
) -> None:
    """Add one history entry (the caller's transaction writes it with the change)."""
    session.add(
        HistoryEntry(
            task_id=task_id,
            occurrence_id=occurrence_id,
            at=at,
            source=source,
            field=field,
            old_value=history_text(before),
            new_value=history_text(after, extension_reason),
        )
    )


def apply_changes(
    session: Session,
    task_id: int,
    target: Any,
    values: Mapping[str, Any],
    *,
    source: str,
    at: datetime,
    occurrence_id: int | None = None,
    recorded: Collection[str] | None = None,
) -> list[str]:
    """Set *values* on *target* (a task or an occurrence) and record each change.

    Args:
        recorded: the fields whose changes go to the history (all when ``None``); an
            import refreshes columns the user never sees change, such as ``kind``.

    Returns:
        The names of the fields that changed.
    """
    changed = []
    for name, value in values.items():
        before = getattr(target, name)
        if before == value:
            continue
        if recorded is None or name in recorded:
            record_history(
                session,
                task_id,
                name,
                before,
                value,
                source=source,
                at=at,
                occurrence_id=occurrence_id,
            )
        setattr(target, name, value)
        changed.append(name)
    return changed


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


def edited_marks(user_edited: str | None) -> frozenset[str]:
    """The names of the fields the user corrected, from a task's ``user_edited`` JSON list.

    The editors, the import preview and the importer all read and write the list through
    this pair (:func:`marks_json`), so a mark written by one is understood by the others.
    """
    if not user_edited:
        return frozenset()
    try:
        edited = json.loads(user_edited)
    except ValueError:
        return frozenset()
    if not isinstance(edited, list):
        return frozenset()
    return frozenset(str(name) for name in edited)


def marks_json(marks: Collection[str]) -> str | None:
    """The ``user_edited`` column for *marks* (None when the user corrected nothing)."""
    return json.dumps(sorted(marks)) if marks else None


def user_kept_columns(user_edited: str | None, released: Collection[str] = ()) -> frozenset[str]:
    """The columns an import must not overwrite, from a task's ``user_edited`` JSON list.

    Args:
        released: marks whose columns the import writes after all (the user chose the
            file's value in the preview, or corrected the field there).
    """
    marks = edited_marks(user_edited) - set(released)
    return frozenset(c for name in marks for c in USER_FIELDS.get(name, ()))


def mark_of_column(column: str) -> str | None:
    """The user mark whose columns include *column* (``"due"`` → ``"deadline"``)."""
    for mark, columns in USER_FIELDS.items():
        if column in columns:
            return mark
    return None
