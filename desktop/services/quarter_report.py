"""The quarter's report: one row per task and per occurrence, and the counts per unit.

The CSV, the Excel workbook and the printed report all read from here, so the three never
disagree about what "Quý II/2021" holds. The task list (:mod:`desktop.services.queries`)
shows one line per task; a report needs one line per *occurrence* — a monthly task has
three in a quarter, each with its own due date, status and result — and the user's notes,
which the list rows do not carry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db import Database
from db.models import Extension, Occurrence, Task
from desktop.domain.categories import Category, categorize
from desktop.domain.deadline_spec import DeadlineKind
from desktop.domain.quarters import Quarter
from desktop.domain.status import STATUS_LABELS, TaskStatus
from desktop.domain.text import sortable
from desktop.services.queries import TaskFilter, TaskRow, task_ids, task_rows

NO_UNIT = "(Chưa xác định đơn vị chủ trì)"
"""Shown where the document names no lead unit: such tasks still count and still print."""

CATEGORIES: tuple[Category, ...] = (
    Category.DONE_ON_TIME,
    Category.DONE_LATE,
    Category.OPEN_ON_TIME,
    Category.OPEN_OVERDUE,
    Category.NO_DEADLINE,
)
"""Report order of the categories: done first, as the reports the secretary copies do."""


@dataclass(frozen=True)
class ExtensionNote:
    """A due date moved by gia hạn: where it was first, where it is now, and why.

    Only an extension still in force is one: a chain that ends where it began (an undone
    extension) is no extension at all.
    """

    original_due: date
    new_due: date
    reason: str

    @property
    def text(self) -> str:
        """The words a report prints beside the row ("đã gia hạn đến …")."""
        return f"đã gia hạn đến {self.new_due:%d/%m/%Y} (lý do: {self.reason})"


@dataclass(frozen=True)
class ReportRow:
    """One line of the quarterly report: a task, or one occurrence of a recurring task.

    What the document states (title, units, deadline phrase, …) is the list's
    :class:`TaskRow`, as is; the fields here are those an occurrence has of its own.
    """

    task: TaskRow
    occurrence_id: int | None
    due: date | None
    status: str
    completed_on: date | None
    category: Category
    result_ref: str | None
    notes: str | None
    extension: ExtensionNote | None = None

    @property
    def original_due(self) -> date | None:
        """The due date the document gave, before any extension."""
        return self.extension.original_due if self.extension else self.due

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def unit_shown(self) -> str:
        return self.task.lead_unit or NO_UNIT

    @property
    def overdue(self) -> bool:
        return self.category is Category.OPEN_OVERDUE


@dataclass(frozen=True)
class UnitSummary:
    """How many rows of one unit (or of all units, for the total line) fall in each category."""

    unit: str
    counts: tuple[int, ...]  # aligned with CATEGORIES

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, category: Category) -> int:
        return self.counts[CATEGORIES.index(category)]


@dataclass(frozen=True)
class QuarterReport:
    quarter: Quarter
    today: date
    unit: str | None  # the unit the report was limited to, if any
    rows: tuple[ReportRow, ...]
    by_unit: tuple[UnitSummary, ...]  # units in Vietnamese alphabetical order
    total: UnitSummary

    def grouped(self) -> tuple[tuple[str, tuple[ReportEntry, ...]], ...]:
        """Entries by lead unit (in the order of :attr:`by_unit`), overdue ones first.

        Within a unit the overdue entries come first because that is what the reader of a
        quarterly report must act on; the rest keep document order.
        """
        groups: dict[str, list[ReportRow]] = defaultdict(list)
        for row in self.rows:
            groups[row.unit_shown].append(row)
        return tuple(
            (s.unit, tuple(sorted(entries(groups[s.unit]), key=lambda e: not e.overdue)))
            for s in self.by_unit
        )


@dataclass(frozen=True)
class ReportEntry:
    """One task as the printed report shows it: a recurring task's occurrences in one row.

    The counts stay per occurrence (each period is its own report item); only the printed
    table folds them, so a monthly task's text is printed once, not three times.
    """

    rows: tuple[ReportRow, ...]

    @property
    def task(self) -> TaskRow:
        return self.rows[0].task

    @property
    def overdue(self) -> bool:
        return any(r.overdue for r in self.rows)

    @property
    def recurring(self) -> bool:
        return len(self.rows) > 1 or self.rows[0].task.kind == DeadlineKind.RECURRING


def entries(rows: Sequence[ReportRow]) -> tuple[ReportEntry, ...]:
    """Consecutive rows of one task (its occurrences) folded into one entry, order kept."""
    folded: list[list[ReportRow]] = []
    for row in rows:
        if folded and folded[-1][0].task.id == row.task.id:
            folded[-1].append(row)
        else:
            folded.append([row])
    return tuple(ReportEntry(tuple(group)) for group in folded)


def quarter_report(
    database: Database, quarter: Quarter, today: date, unit_id: int | None = None
) -> QuarterReport:
    """Everything a quarterly export or print needs, as of *today*.

    Args:
        unit_id: limit to tasks this unit leads (``None``: all units).
    """
    rows = report_rows(database, quarter, today, unit_id)
    by_unit = summarize(rows)
    total = UnitSummary(
        "Tổng cộng",
        tuple(sum(s.counts[i] for s in by_unit) for i in range(len(CATEGORIES))),
    )
    unit = None
    if unit_id is not None:
        unit = next((r.task.lead_unit for r in rows if r.task.lead_unit), None)
    return QuarterReport(quarter, today, unit, tuple(rows), tuple(by_unit), total)


def report_rows(
    database: Database, quarter: Quarter, today: date, unit_id: int | None = None
) -> list[ReportRow]:
    """Rows in document order; a recurring task's occurrences of the quarter in date order.

    Which tasks fall in the quarter is decided by the same filter as the window's
    "Theo quý" view (dated tasks due in it, recurring tasks with an occurrence in it,
    period and ongoing tasks whose span overlaps it), so the report and the screen agree.
    A task (or occurrence) whose deadline was extended out of the quarter stays in the
    quarter it was due, marked "đã gia hạn đến …": a report that loses it would hide
    exactly the delays the upper level asks about. It is categorised against the extended
    date — the deadline in force, as party reports count an approved extension.
    """
    flt = TaskFilter(today=today, quarter=quarter, unit_id=unit_id)
    ids = task_ids(database, flt)
    notes_by_key = _extensions(database, unit_id)
    moved_in = {
        key for key, note in notes_by_key.items() if Quarter.of(note.original_due) == quarter
    }
    extra_tasks = {task_id for task_id, _occ in moved_in} - set(ids)
    if extra_tasks:
        ids = _document_order(database, [*ids, *extra_tasks])
    tasks = task_rows(database, ids, today, quarter)
    if extra_tasks:  # their current occurrence may lie outside the quarter: read it plain
        plain = {r.id: r for r in task_rows(database, sorted(extra_tasks), today)}
        tasks = [plain.get(t.id, t) if t.id in extra_tasks else t for t in tasks]
    if not tasks:
        return []
    extra_occurrences = {occ for _task, occ in moved_in if occ is not None}
    notes: dict[int, str | None] = {}
    occurrences: dict[int, list[Occurrence]] = defaultdict(list)
    with database.session() as session:
        for start in range(0, len(ids), 900):  # SQLite's bound-parameter limit
            chunk = ids[start : start + 900]
            for task_id, task_notes in session.execute(
                select(Task.id, Task.progress_notes).where(Task.id.in_(chunk))
            ):
                notes[task_id] = task_notes
            for occurrence in session.scalars(
                select(Occurrence)
                .where(Occurrence.task_id.in_(chunk), Occurrence.quarter == quarter.key)
                .order_by(Occurrence.task_id, Occurrence.due)
            ):
                occurrences[occurrence.task_id].append(occurrence)
        if extra_occurrences:
            for occurrence in session.scalars(
                select(Occurrence).where(Occurrence.id.in_(sorted(extra_occurrences)))
            ):
                if occurrence not in occurrences[occurrence.task_id]:
                    occurrences[occurrence.task_id].append(occurrence)
        session.expunge_all()
    rows: list[ReportRow] = []
    for task in tasks:
        if task.kind == DeadlineKind.RECURRING and occurrences[task.id]:
            ordered = sorted(
                occurrences[task.id],
                key=lambda o: _original(notes_by_key.get((task.id, o.id)), o.due),
            )
            rows.extend(
                _occurrence_row(task, o, today, notes_by_key.get((task.id, o.id))) for o in ordered
            )
        else:
            rows.append(_task_row(task, notes.get(task.id), notes_by_key.get((task.id, None))))
    return rows


def _original(note: ExtensionNote | None, due: date) -> date:
    return note.original_due if note else due


def _extensions(
    database: Database, unit_id: int | None
) -> dict[tuple[int, int | None], ExtensionNote]:
    """The extensions in force, by (task id, occurrence id or None), of visible tasks.

    Extensions are few (a handful per quarter), so they are read whole; a chain of them
    is one extension from the first date to the last, with the last reason given.
    """
    query = (
        select(Extension)
        .join(Task, Task.id == Extension.task_id)
        .where(Task.hidden.is_(False))
        .order_by(Extension.id)
    )
    if unit_id is not None:
        query = query.where(Task.lead_unit_id == unit_id)
    chains: dict[tuple[int, int | None], list[Extension]] = defaultdict(list)
    with database.session() as session:
        for extension in session.scalars(query):
            chains[(extension.task_id, extension.occurrence_id)].append(extension)
        session.expunge_all()
    notes: dict[tuple[int, int | None], ExtensionNote] = {}
    for key, chain in chains.items():
        first, last = chain[0].old_due, chain[-1]
        if first is not None and first != last.new_due:
            notes[key] = ExtensionNote(first, last.new_due, last.reason)
    return notes


def _document_order(database: Database, ids: list[int]) -> list[int]:
    """*ids* in the report's order: document, then position in it."""
    order: dict[int, tuple[int, int]] = {}
    with database.session() as session:
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for task_id, document_id, position in session.execute(
                select(Task.id, Task.document_id, Task.position).where(Task.id.in_(chunk))
            ):
                order[task_id] = (document_id, position)
    return sorted(order, key=lambda i: (order[i], i))


def _task_row(task: TaskRow, notes: str | None, extension: ExtensionNote | None) -> ReportRow:
    return ReportRow(
        task=task,
        occurrence_id=task.occurrence_id,
        due=task.due,
        status=task.status,
        completed_on=task.completed_on,
        category=task.category,
        result_ref=task.result_ref,
        notes=notes,
        extension=extension,
    )


def _occurrence_row(
    task: TaskRow, occurrence: Occurrence, today: date, extension: ExtensionNote | None
) -> ReportRow:
    done = occurrence.status == TaskStatus.DONE
    return ReportRow(
        task=task,
        occurrence_id=occurrence.id,
        due=occurrence.due,
        status=occurrence.status,
        completed_on=occurrence.completed_on,
        category=categorize(occurrence.due, occurrence.completed_on, done, today),
        result_ref=occurrence.result_ref,
        notes=occurrence.notes,
        extension=extension,
    )


def summarize(rows: Sequence[ReportRow]) -> list[UnitSummary]:
    """Counts per lead unit and category; units in Vietnamese alphabetical order."""
    counts: dict[str, list[int]] = {}
    for row in rows:
        bucket = counts.setdefault(row.unit_shown, [0] * len(CATEGORIES))
        bucket[CATEGORIES.index(row.category)] += 1
    # Tasks without a lead unit go last: they are the ones the secretary must still assign.
    order = sorted(counts, key=lambda name: (name == NO_UNIT, sortable(name)))
    return [UnitSummary(name, tuple(counts[name])) for name in order]
